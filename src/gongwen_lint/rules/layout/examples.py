"""Formatted documents from the layout rules' docstring examples (``{正文 宋体 12磅}…``)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ...model import (
    Document,
    HeaderFooter,
    Paragraph,
    ParagraphFormat,
    Role,
    Run,
    RunFormat,
    Section,
)

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


def example_document(text: str, path: str = "<example>") -> Document:
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
