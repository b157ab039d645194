"""Evaluate the layout rules GW201–GW207: findings on correct documents, recall on planted defects.

Why: the layout rules must be silent on a document typeset to GB/T 9704 (precision first) and
must find the usual layout mistakes.  Correct documents come from ``make_documents`` (State
Council documents typeset to GB/T 9704 with python-docx) and from the real Word/WPS templates in
the shared corpus (``gwa_*.docx``); each planted variant changes one thing in a correct .docx:

=============  ==========================================================  ========
defect         what is changed                                             expected
=============  ==========================================================  ========
margins        Word's default margins (2.54/3.17 cm)                       GW201
paper-a5       A5 paper                                                    GW201
body-songti    one long body paragraph in 宋体 12 pt                        GW202 at that paragraph
body-indent    no first-line indent anywhere in the body                   GW202
title-heiti    the title in 黑体                                            GW203 at the title
title-left     the title left-aligned                                      GW203
heading-fs     一级标题 in 仿宋 instead of 黑体                              GW204
mark-black     发文机关标志 black                                            GW205
page-hyphen    page number written ``-1-``                                 GW206
page-missing   footers emptied                                             GW206
page-typed     page number typed as text, no PAGE field                    GW206
imprint-16     版记 in 3号 (16 pt)                                          GW207
imprint-lines  版记 paragraph borders removed (no separator lines)          GW207
=============  ==========================================================  ========

Run: ``python eval/eval_layout.py [--count 40]``; prints findings per correct document, recall
per defect, and any false finding in full.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_documents import drafts_from_corpus, write_docx

from gongwen_lint.api import Linter
from gongwen_lint.config import Config

TEMPLATES = Path(__file__).resolve().parents[1].parent.joinpath("shared/corpus/docx")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _set_font(paragraph, east_asia: str | None = None, size_pt: float | None = None, color: str | None = "keep") -> None:
    from docx.shared import Pt

    for run in paragraph.runs:
        if size_pt is not None:
            run.font.size = Pt(size_pt)
        if east_asia is not None:
            rpr = run._element.get_or_add_rPr()
            fonts = rpr.find(_qn("w:rFonts"))
            if fonts is None:
                fonts = rpr.makeelement(_qn("w:rFonts"), {})
                rpr.insert(0, fonts)
            fonts.set(_qn("w:eastAsia"), east_asia)
        if color != "keep":
            rpr = run._element.get_or_add_rPr()
            for c in rpr.findall(_qn("w:color")):
                rpr.remove(c)


def _footer_paragraphs(d):
    sec = d.sections[0]
    return [p for f in (sec.footer, sec.even_page_footer) for p in f.paragraphs]


def plant(defect: str, src: Path, dst: Path, roles: list[str]) -> int | None:
    """Write ``src`` with one ``defect`` to ``dst``; return the planted body paragraph (1-based) if any."""
    import docx
    from docx.shared import Mm

    d = docx.Document(str(src))
    paras = d.paragraphs
    where: int | None = None

    def first(role: str) -> int | None:
        return next((i for i, r in enumerate(roles) if r == role), None)

    if defect == "margins":
        s = d.sections[0]
        s.top_margin = s.bottom_margin = Mm(25.4)
        s.left_margin = s.right_margin = Mm(31.75)
    elif defect == "paper-a5":
        s = d.sections[0]
        s.page_width, s.page_height = Mm(148), Mm(210)
    elif defect == "body-songti":
        body = [i for i, r in enumerate(roles) if r == "body" and len(paras[i].text) > 40]
        if not body:
            return -1
        i = body[len(body) // 2]
        _set_font(paras[i], "宋体", 12)
        where = i + 1
    elif defect == "body-indent":
        n = 0
        for i, r in enumerate(roles):
            if r == "body":
                ind = paras[i]._element.pPr.find(_qn("w:ind")) if paras[i]._element.pPr is not None else None
                if ind is not None:
                    ind.getparent().remove(ind)
                    n += 1
        if not n:
            return -1
    elif defect == "title-heiti":
        i = first("title")
        if i is None:
            return -1
        for j, r in enumerate(roles):
            if r == "title":
                _set_font(paras[j], "黑体")
        where = i + 1
    elif defect == "title-left":
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        i = first("title")
        if i is None:
            return -1
        for j, r in enumerate(roles):
            if r == "title":
                paras[j].alignment = WD_ALIGN_PARAGRAPH.LEFT
        where = i + 1
    elif defect == "heading-fs":
        hs = [i for i, r in enumerate(roles) if r == "heading1"]
        if not hs:
            return -1
        for i in hs:
            _set_font(paras[i], "仿宋_GB2312")
        where = hs[0] + 1
    elif defect == "mark-black":
        i = first("organ_mark")
        if i is None:
            return -1
        _set_font(paras[i], color=None)
        where = i + 1
    elif defect in ("page-hyphen", "page-typed"):
        for p in _footer_paragraphs(d):
            for r in p._element.iter(_qn("w:t")):
                if r.text and "—" in r.text:
                    r.text = r.text.replace("— ", "-").replace(" —", "-").replace("—", "-")
            if defect == "page-typed":
                el = p._element
                for tag in ("w:fldChar", "w:instrText"):
                    for x in list(el.iter(_qn(tag))):
                        x.getparent().remove(x)
                for r in el.iter(_qn("w:t")):
                    r.text = r.text.replace("-", "—")
    elif defect == "page-missing":
        for p in _footer_paragraphs(d):
            for r in list(p.runs):
                r._element.getparent().remove(r._element)
    elif defect == "imprint-16":
        imp = [i for i, r in enumerate(roles) if r in ("cc", "printer")]
        if not imp:
            return -1
        for i in imp:
            _set_font(paras[i], size_pt=16)
        where = imp[0] + 1
    elif defect == "imprint-lines":
        imp = [i for i, r in enumerate(roles) if r in ("cc", "printer")]
        if not imp:
            return -1
        for i in imp:
            ppr = paras[i]._element.pPr
            for bdr in (ppr.findall(_qn("w:pBdr")) if ppr is not None else []):
                ppr.remove(bdr)
        where = imp[0] + 1
    else:
        raise ValueError(defect)
    d.save(str(dst))
    return where


EXPECTED = {
    "margins": "GW201", "paper-a5": "GW201", "body-songti": "GW202", "body-indent": "GW202",
    "title-heiti": "GW203", "title-left": "GW203", "heading-fs": "GW204", "mark-black": "GW205",
    "page-hyphen": "GW206", "page-missing": "GW206", "page-typed": "GW206", "imprint-16": "GW207",
    "imprint-lines": "GW207",
}
# Defects whose finding must be anchored at the planted paragraph.
ANCHORED = {"body-songti", "title-heiti", "heading-fs", "imprint-lines"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="版式规则评测：正确文档的误报与预置缺陷的召回")
    ap.add_argument("--count", type=int, default=40)
    args = ap.parse_args(argv)
    linter = Linter(Config(select=("GW2",)))
    drafts = drafts_from_corpus(count=args.count)
    false_findings: list[str] = []
    per_doc = []
    found = Counter()
    tried = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        for draft in drafts:
            src = tmpdir / f"{draft.name}.docx"
            write_docx(draft, src)
            rep = linter.check_file(src)
            per_doc.append(len(rep.diagnostics))
            for dg in rep.diagnostics:
                false_findings.append(f"{draft.name}: {dg.code} {dg.location.part}:{dg.location.paragraph} {dg.message}")
            for defect, code in EXPECTED.items():
                dst = tmpdir / f"{draft.name}.{defect}.docx"
                where = plant(defect, src, dst, copy.copy(draft.roles))
                if where == -1:
                    continue  # the draft has no such element
                tried[defect] += 1
                hits = [dg for dg in linter.check_file(dst).diagnostics if dg.code == code]
                if defect in ANCHORED and where is not None:
                    hits = [dg for dg in hits if dg.location.part == "body" and dg.location.paragraph == where]
                if hits:
                    found[defect] += 1
                else:
                    misses[defect].append(draft.name)
        templates = sorted(TEMPLATES.glob("gwa_*.docx"))
        template_findings = []
        for t in templates:
            for dg in linter.check_file(t).diagnostics:
                template_findings.append(f"{t.name}: {dg.code} {dg.severity.value} {dg.location.part}:{dg.location.paragraph} {dg.message}")
    n = len(per_doc)
    print(f"correct documents (make_documents): {n}; layout findings per document: {sum(per_doc) / max(n, 1):.3f}")
    for f in false_findings[:20]:
        print("  false?", f)
    print(f"real templates (gwa_*.docx): {len(templates)}; findings: {len(template_findings)}")
    for f in template_findings:
        print("  ", f)
    total_found = sum(found.values())
    total_tried = sum(tried.values())
    print(f"planted defects: recall {total_found}/{total_tried} = {total_found / max(total_tried, 1):.3f}")
    for defect in EXPECTED:
        if tried[defect]:
            print(f"  {defect:13s} {EXPECTED[defect]}  {found[defect]:3d}/{tried[defect]:3d} = {found[defect] / tried[defect]:.3f}"
                  + (f"   missed e.g. {misses[defect][:3]}" if misses[defect] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
