"""What the rules' docstring examples are read as, beyond plain text (docs/developing.md).

A rule declares it with ``@rule(example_input=…)`` (:data:`registry.EXAMPLE_INPUTS`); the
runner (:mod:`example_runner`) picks the builder here.  Test code only: the product never runs
examples, it shows them (``gongwen-lint rule CODE``, docs/rules.md).

- ``layout``: :func:`layout_document`, formatted paragraphs ``{正文 宋体 12磅}…`` (GW2);
- ``table``: :func:`table_document`, ``| a | b |`` lines as table rows (GW621, GW622);
- ``index``: :func:`reference_index`, a one-document index of the rule's ``## 参照文件``
  section (GW641, GW642, GW8): an optional ``层级：higher`` line, then the reference document's
  paragraphs indented.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from gongwen_lint import structure
from gongwen_lint.index.backends import open_index
from gongwen_lint.index.ingest import normalize_level
from gongwen_lint.index.segment import RefMeta, prepare
from gongwen_lint.model import (
    Document,
    HeaderFooter,
    Paragraph,
    ParagraphFormat,
    Role,
    Run,
    RunFormat,
    Section,
)
from gongwen_lint.rules import registry

# -- layout: formatted paragraphs ---------------------------------------------------------------
_SPEC = re.compile(r"^\{([^}]*)\}(.*)$")
_DIGITS = re.compile(r"\d+")  # the page number a ``PAGE`` token turns into a field
_ROLE_WORDS = {
    "标题": Role.TITLE, "正文": Role.BODY, "一级标题": Role.HEADING1, "二级标题": Role.HEADING2,
    "三级标题": Role.HEADING3, "四级标题": Role.HEADING4, "发文机关标志": Role.ORGAN_MARK,
    "抄送": Role.CC, "印发": Role.PRINTER, "主送": Role.ADDRESSEE, "署名": Role.SIGNATURE, "日期": Role.DATE,
}
# A correct GB/T 9704 default for each role, so an example states only what differs.
_DEFAULTS = {
    Role.TITLE: ("方正小标宋简体", 22.0, "center", 0.0, None),
    Role.BODY: ("仿宋_GB2312", 16.0, "both", 2.0, None),
    Role.HEADING1: ("黑体", 16.0, "both", 2.0, None),
    Role.HEADING2: ("楷体_GB2312", 16.0, "both", 2.0, None),
    Role.HEADING3: ("仿宋_GB2312", 16.0, "both", 2.0, None),
    Role.HEADING4: ("仿宋_GB2312", 16.0, "both", 2.0, None),
    Role.ORGAN_MARK: ("方正小标宋简体", 42.0, "center", 0.0, "FF0000"),
    Role.CC: ("仿宋_GB2312", 14.0, "left", 0.0, None),
    Role.PRINTER: ("仿宋_GB2312", 14.0, "left", 0.0, None),
    Role.ADDRESSEE: ("仿宋_GB2312", 16.0, "both", 0.0, None),
    Role.SIGNATURE: ("仿宋_GB2312", 16.0, "right", 0.0, None),
    Role.DATE: ("仿宋_GB2312", 16.0, "right", 0.0, None),
}
_ALIGN_WORDS = {"居中": "center", "居左": "left", "居右": "right", "两端": "both"}


def layout_document(text: str, path: str = "<example>") -> Document:
    """
    Build a formatted :class:`Document` from a rule example (see the rules' docstrings).

    Each line is a paragraph ``{spec}text``.  The spec names the role (标题, 正文, 一级标题 … 抄送,
    页脚, 偶数页页脚, 页面, 无页码) and what differs from a correct GB/T 9704 layout: a font name,
    ``12磅``, ``居中/居左/居右``, ``缩进0``, ``红色/黑色``, ``PAGE`` (the digits are a PAGE field),
    ``页面 210x297 上37 下35 左28 右26``, and for 版记 lines the paragraph borders ``上线1磅``,
    ``下线0.5磅`` or ``无线`` (none).  Unstated things are correct (A4, standard margins,
    ``— 1 —`` page numbers odd right / even left, 版记 separator lines 1 磅 above the first and
    below the last 版记 line and 0.75 磅 under a 抄送 line that is not last), so each example
    shows one defect.
    """
    section = Section(210.0, 297.0, 37.0, 35.0, 28.0, 26.0, 0.0)
    body: list[Paragraph] = []
    footers: list[HeaderFooter] = []
    custom_footer = False
    no_page = False
    imprint: list[int] = []
    for line in text.splitlines():
        m = _SPEC.match(line.strip())
        tokens, content = (m.group(1).split(), m.group(2)) if m else ([], line.strip())
        if "页面" in tokens:
            section = _example_section(tokens, section)
            continue
        if "无页码" in tokens:
            no_page = True
            continue
        if "页脚" in tokens or "偶数页页脚" in tokens:
            custom_footer = True
            kind = "even" if "偶数页页脚" in tokens else "default"
            part = f"footer{len(footers) + 1}"
            p = _example_paragraph(part, 1, content, tokens, ("宋体", 14.0, "right" if kind == "default" else "left", 0.0, None))
            footers.append(HeaderFooter(part=part, kind="footer", type=kind, section=0, paragraphs=(p,)))
            continue
        role = next((_ROLE_WORDS[t] for t in tokens if t in _ROLE_WORDS), Role.BODY)
        body.append(_example_paragraph("body", len(body) + 1, content, tokens, _DEFAULTS[role], role))
        if role in (Role.CC, Role.PRINTER) and not any(_BORDER_TOKEN.fullmatch(t) for t in tokens):
            imprint.append(len(body) - 1)
    for n, i in enumerate(imprint):  # correct separator lines where the example states none
        top = _example_border(1.0) if n == 0 else None
        bottom = _example_border(1.0 if n == len(imprint) - 1 else 0.75) \
            if n == len(imprint) - 1 or body[i].role is Role.CC else None
        body[i] = replace(body[i], format=replace(body[i].format, border_top=top, border_bottom=bottom))
    if not custom_footer and not no_page:
        for kind, align, page in (("default", "right", "1"), ("even", "left", "2")):
            part = f"footer{len(footers) + 1}"
            p = _example_paragraph(part, 1, f"— {page} —", ["PAGE"], ("宋体", 14.0, align, 0.0, None))
            footers.append(HeaderFooter(part=part, kind="footer", type=kind, section=0, paragraphs=(p,)))
    parts: dict[str, tuple[Paragraph, ...]] = {"body": tuple(body)}
    for hf in footers:
        parts[hf.part] = hf.paragraphs
    even = any(hf.type == "even" for hf in footers)
    return Document(path=path, source="docx", parts=parts, sections=(section,), headers_footers=tuple(footers),
                    even_and_odd_headers=even)


_BORDER_TOKEN = re.compile(r"无线|([上下])线([\d.]+)(?:磅|pt)")


def _example_border(width_pt: float) -> tuple[str, float, str | None]:
    return ("single", width_pt, None)


def _example_section(tokens: list[str], base: Section) -> Section:
    values: dict[str, Any] = {}
    for t in tokens:
        if m := re.fullmatch(r"([\d.]+)x([\d.]+)", t):
            values["page_width_mm"], values["page_height_mm"] = float(m.group(1)), float(m.group(2))
        elif m := re.fullmatch(r"([上下左右])([\d.]+)", t):
            key = {"上": "margin_top_mm", "下": "margin_bottom_mm", "左": "margin_left_mm", "右": "margin_right_mm"}
            values[key[m.group(1)]] = float(m.group(2))
    return replace(base, **values)


def _example_paragraph(part: str, index: int, text: str, tokens: list[str],
                       default: tuple, role: Role = Role.UNKNOWN) -> Paragraph:
    font, size, align, indent, color = default
    border: dict[str, tuple[str, float, str | None] | None] = {"top": None, "bottom": None}
    for t in tokens:
        if m := _BORDER_TOKEN.fullmatch(t):
            if m.group(1):
                border["top" if m.group(1) == "上" else "bottom"] = _example_border(float(m.group(2)))
        elif m := re.fullmatch(r"([\d.]+)(磅|pt)", t):
            size = float(m.group(1))
        elif t in _ALIGN_WORDS:
            align = _ALIGN_WORDS[t]
        elif m := re.fullmatch(r"缩进([\d.]+)", t):
            indent = float(m.group(1))
        elif t == "红色":
            color = "FF0000"
        elif t == "黑色":
            color = None
        elif t not in _ROLE_WORDS and t not in ("PAGE", "页脚", "偶数页页脚"):
            font = t
    fmt = RunFormat(font_east_asia=font, font_ascii=font, size_pt=size, color=color)
    runs: list[Run] = []
    fields: tuple[str, ...] = ()
    m = _DIGITS.search(text) if "PAGE" in tokens else None
    if m:
        fields = ("PAGE",)
        pieces = [(0, m.start(), None), (m.start(), m.end(), "PAGE"), (m.end(), len(text), None)]
        runs = [Run(text[a:b], a, b, fmt, i, field_code=code) for i, (a, b, code) in enumerate(pieces) if b > a]
    elif text:
        runs = [Run(text, 0, len(text), fmt)]
    pf = ParagraphFormat(alignment=align, first_line_indent_chars=indent, first_line_indent_pt=indent * size,
                         line_spacing=28.95, line_rule="exact", border_top=border["top"],
                         border_bottom=border["bottom"])
    return Paragraph(part=part, index=index, text=text, runs=tuple(runs), format=pf, role=role, fields=fields)


# -- table: rows of cells -------------------------------------------------------------------------
def table_document(text: str) -> Document:
    """Docstring examples: lines ``| a | b |`` are table rows (one cell paragraph each), the rest
    paragraphs; structure is recognised as for a real draft."""
    paragraphs: list[Paragraph] = []
    table, row, in_table = -1, -1, False
    for line in text.split("\n"):
        m = re.fullmatch(r"\s*\|(.*)\|\s*", line)
        if not m:
            in_table = False
            paragraphs.append(Paragraph("body", len(paragraphs) + 1, line))
            continue
        if not in_table:
            table, row, in_table = table + 1, -1, True
        row += 1
        for c, cell in enumerate(m.group(1).split("|")):
            paragraphs.append(Paragraph("body", len(paragraphs) + 1, cell.strip(), in_table=True,
                                        table_pos=(table, row, c), table_grid=(c, 1)))
    return structure.analyse(Document(path="<example>", source="text", parts={"body": tuple(paragraphs)}))


# -- index: the rule's reference document --------------------------------------------------------
_DIR: Path | None = None
_BUILT: dict[str, str] = {}


def reference_section(doc: str) -> tuple[str, list[str]]:
    """``(level, paragraphs)`` of a docstring's ``## 参照文件`` section."""
    lines = doc.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "## 参照文件")
    except StopIteration:
        return "same", []
    level, paragraphs = "same", []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        s = line.strip()
        if s.startswith(("层级：", "层级:")):
            level = normalize_level(s[3:].strip()) or "same"
        elif s and line[:1] in (" ", "\t"):
            paragraphs.append(s)
    return level, paragraphs


def reference_index(rule: registry.Rule) -> str:
    """The path of a SQLite index holding ``rule``'s reference document."""
    global _DIR
    if rule.code in _BUILT:
        return _BUILT[rule.code]
    if _DIR is None:
        _DIR = Path(tempfile.mkdtemp(prefix="gongwen-examples-"))
        atexit.register(shutil.rmtree, _DIR, True)
    level, paragraphs = reference_section(rule.doc)
    path = str(_DIR / f"{rule.code}.gwidx")
    store = open_index(path, create=True)
    try:
        meta = RefMeta(path=f"<{rule.code} 参照文件>", title=paragraphs[0] if paragraphs else None, level=level)
        body = list(enumerate(paragraphs, start=1))
        store.add([prepare(meta, body, "\n".join(paragraphs).encode("utf-8"), store.params.k, store.params.w)])
    finally:
        store.close()
    _BUILT[rule.code] = path
    return path
