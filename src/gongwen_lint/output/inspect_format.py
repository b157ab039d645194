"""``gongwen-lint inspect``: the recognised structure, per paragraph (docs/json.md, ``inspect --format json``)."""

from __future__ import annotations

import json

from ..model import CONFIDENT, Document, Paragraph


def style_of(p: Paragraph) -> dict:
    """The effective formatting of the paragraph's first visible run, plus paragraph format."""
    run = next((r for r in p.runs if r.text.strip()), None)
    f = p.format
    style = {
        "style": f.style_name or f.style_id,
        "alignment": f.alignment,
        "first_line_indent_chars": f.first_line_indent_chars,
        "first_line_indent_pt": f.first_line_indent_pt,
        "line_spacing": f.line_spacing,
        "line_rule": f.line_rule,
        "numbering": f.numbering_text,
    }
    if run is not None:
        rf = run.format
        style.update(font=rf.font_east_asia, font_ascii=rf.font_ascii, size_pt=rf.size_pt, bold=rf.bold, color=rf.color)
    if p.in_table:
        style["in_table"] = True
    if p.in_textbox:
        style["in_textbox"] = True
    return {k: v for k, v in style.items() if v is not None}


def document_dict(doc: Document) -> dict:
    return {
        "path": doc.path,
        "genre": doc.genre.value if doc.genre else None,
        "format": doc.format.value if doc.format else None,
        "paragraphs": [_paragraph(p) for p in doc.all_paragraphs()],
    }


def _paragraph(p: Paragraph) -> dict:
    """One record: role and how sure it is; soft-break lines that are different elements."""
    d = {"part": p.part, "paragraph": p.index, "role": p.role.value, "confidence": p.confidence,
         "text": p.text, "style": style_of(p)}
    if p.misplaced:
        d["misplaced"] = True
    if p.lines:
        d["lines"] = [{"start": s.start, "end": s.end, "role": s.role.value, "confidence": round(s.confidence, 3),
                       "text": p.text[s.start:s.end]} for s in p.lines]
    return d


def render_json(doc: Document) -> str:
    return json.dumps(document_dict(doc), ensure_ascii=False, indent=2)


def render_text(doc: Document) -> str:
    lines = [f"{doc.path}", f"文种：{doc.genre.value if doc.genre else '未识别'}    版式：{doc.format.value if doc.format else '未识别'}"]
    for p in doc.all_paragraphs():
        if p.role.value == "empty":
            continue
        part = "" if p.part == "body" else f"{p.part} "
        for s in p.spans():
            text = p.text[s.start:s.end]
            text = text if len(text) <= 40 else text[:39] + "…"
            sure = f"{s.confidence:.2f}" + ("" if s.confidence >= CONFIDENT else "?")
            flag = "  （顺序不符）" if p.misplaced and s.role is p.role else ""
            lines.append(f"{part}{p.index:>4}  {s.role.label:<8}\t{sure:<5} {text}{flag}")
    return "\n".join(lines)
