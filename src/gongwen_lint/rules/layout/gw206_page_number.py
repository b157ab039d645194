"""GW206: page numbers in the footers, and the rough page count that decides whether even/odd matters."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ... import fonts, recache
from ...diagnostics import Diagnostic
from ...model import (
    Document,
    HeaderFooter,
    Paragraph,
    Section,
)
from ..context import Context
from ..registry import rule
from ._common import WARNING, _anchor_report, _dominant_size, _expected_class, _font_phrase, _size, _size_ok, _table

_MULTI_PAGE = 1.15  # estimated pages above which the draft surely has a second page
_PAGE_FORM = recache.compile(r"^[—―]\s*\d+\s*[—―]$")
_DIGITS = recache.compile(r"\d+")
#: Characters below U+2E80 (Latin, digits, half-width marks): half a square wide.
_HALF_WIDTH_RUN = recache.compile("[\x00-\u2e7f]+")


def _used_footers(doc: Document) -> list[HeaderFooter]:
    """Footers Word actually shows: even ones only with 奇偶页不同, first ones only with 首页不同."""
    title_page = any(s.title_page for s in doc.sections)
    out = []
    for hf in doc.headers_footers:
        if hf.type == "even" and not doc.even_and_odd_headers:
            continue
        if hf.type == "first" and not title_page:
            continue
        out.append(hf)
    return out


def _page_paragraphs(hf: HeaderFooter) -> list[Paragraph]:
    return [p for p in hf.paragraphs if "PAGE" in p.fields or any(r.field_code == "PAGE" for r in p.runs)]


def _position(p: Paragraph) -> str | None:
    """Where the page number stands: right/left/center/outside/inside, or None when unknown."""
    frame = getattr(p.format, "frame_x_align", None)  # w:framePr/@w:xAlign, when the reader gives it
    if frame:
        return frame
    if p.text.startswith("\t") or "\t" in p.text.strip():
        return None  # placed with tab stops the model does not carry
    a = p.format.alignment
    if a in ("left", "both", "distribute"):
        return "left" if a != "distribute" else None
    return a


def estimated_pages(doc: Document, enough: float = math.inf) -> float:
    """
    A rough page count from the text volume, for "does even/odd matter" (no layout engine).

    Underestimates rather than overestimates: text boxes are ignored and a line holds as many
    characters as fit at the paragraph's size; explicit page breaks and section breaks count.

    ``enough``: stop counting once the estimate reaches it (the count only grows), so that the
    question "more than one page?" does not read the whole of a 500-page draft (issue 18).
    """
    sec = doc.sections[0] if doc.sections else Section()
    width_mm = (sec.page_width_mm or 210.0) - (sec.margin_left_mm or 28.0) - (sec.margin_right_mm or 26.0)
    height_mm = (sec.page_height_mm or 297.0) - (sec.margin_top_mm or 37.0) - (sec.margin_bottom_mm or 35.0)
    width_pt, height_pt = max(width_mm, 50.0) * 72 / 25.4, max(height_mm, 50.0) * 72 / 25.4
    used = 0.0
    breaks = max(0, len(doc.sections) - 1)
    for p in doc.body:
        if p.in_textbox:
            continue
        if p.page_break_before or p.format.page_break_before:
            breaks += 1
        size = _dominant_size(p) or 16.0
        f = p.format
        if f.line_rule in ("exact", "atLeast") and f.line_spacing:
            line_h = max(f.line_spacing, size if f.line_rule == "atLeast" else 0.0)
        else:
            line_h = size * 1.3 * (f.line_spacing or 1.0)
        # Characters below U+2E80 (Latin, digits, half-width marks) take half a square.
        width = len(p.text) - 0.5 * sum(map(len, _HALF_WIDTH_RUN.findall(p.text)))
        lines = max(1, math.ceil(width * size / width_pt)) if p.text else 1
        used += lines * line_h + (f.space_before_pt or 0.0) + (f.space_after_pt or 0.0)
        if breaks + used / height_pt >= enough:
            break
    return breaks + used / height_pt


@rule(
    "GW206",
    "page-number",
    title="页码",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.5（一般）",
    example_input="layout",
    needs={"docx"},
    options={
        "page-number-font": "宋体",
        "page-number-size-pt": 14.0,
        "page-number-position": "outside",
    },
    option_choices={"page-number-position": ("outside", "center", "any")},
)
def page_number(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    页码一般用 4 号半角宋体阿拉伯数字，左右各放一条一字线，单页码居右、双页码居左。

    ## 检查内容
    - 页脚中有没有页码，页码是不是 PAGE 域（手工输入的数字不会随页变化）；
    - 形式为“— 1 —”（数字两侧各一条一字线“—”；写成“-1-”“第1页”“1”的都不对）；
    - 字号 4 号（14 磅），数字用宋体（数字由西文字体槽显示，中文或西文字体槽为宋体即可）；
    - 位置：单页码居右、双页码居左，即“奇偶页不同”的两个页脚分别居右、居左；居中的页码不符合。
      只有一页的文档不要求设置偶数页页脚（从正文篇幅估计页数，估不准时不报）。单位规定页码居中的，
      在 ``[tool.gongwen-lint.GW206]`` 中设 ``page-number-position = "center"``；不检查位置设为 ``"any"``。
    首页不同（信函格式首页不显示页码）不作检查。同一问题在奇、偶页页脚中只报一次。

    ## 依据
    GB/T 9704-2012 7.5：一般用 4 号半角宋体阿拉伯数字，编排在公文版心下边缘之下，数码左右各放一条一字线；
    一字线上距版心下边缘 7 mm。单页码居右空一字，双页码居左空一字。

    ## 示例
    错：
        {页脚 PAGE}-1-
        {标题}关于做好有关工作的通知
    错：
        {页脚 PAGE 居中}— 1 —
        {标题}关于做好有关工作的通知
    错：
        {无页码}
        {标题}关于做好有关工作的通知
    对：
        {页脚 PAGE 宋体 14磅 居右}— 1 —
        {偶数页页脚 PAGE 宋体 14磅 居左}— 2 —
        {标题}关于做好有关工作的通知

    ## 修复
    “插入—页码”，设置“奇偶页不同”；奇数页页脚右对齐（右缩进 1 字）、偶数页页脚左对齐（左缩进 1 字），
    在 PAGE 域两侧各输入一条一字线“—”，字体宋体、字号 4 号。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "page-number-font")
    want_size = float(ctx.option("page-number-size-pt"))
    tol = float(ctx.setting("layout", "size-tolerance-pt"))
    policy = str(ctx.option("page-number-position")).strip().lower()
    footers = [hf for hf in _used_footers(doc) if hf.kind == "footer"]
    one_page = estimated_pages(doc, enough=_MULTI_PAGE) < _MULTI_PAGE
    if one_page:
        footers = [hf for hf in footers if hf.type != "even"]  # a one-page draft never shows its even footer
    numbered = [(hf, p) for hf in footers for p in _page_paragraphs(hf)]
    if not numbered:
        yield from _missing_page_number(doc, ctx, footers)
        return
    form_bad, font_bad, size_bad = [], [], []
    for _hf, p in numbered:
        text = p.text.strip()
        if "PAGE" in p.fields and not _DIGITS.search(text):
            # a PAGE field Word has not computed yet (no cached result): the number is drawn there
            text = re.sub(r"(?<=[—―])\s*(?=[—―])", " 1 ", text)
        if not _PAGE_FORM.match(text):
            form_bad.append(p)
        digits = [r for r in p.runs if r.field_code == "PAGE" or _DIGITS.search(r.text)]
        if digits:
            r = digits[0]
            classes = {table.font_class(r.format.font_ascii), table.font_class(r.format.font_east_asia)}
            if (r.format.font_ascii or r.format.font_east_asia) and want_cls not in classes:
                font_bad.append((p, r))
            if not _size_ok(r.format.size_pt, want_size, tol):
                size_bad.append((p, r))
    if form_bad:
        p = form_bad[0]
        yield _anchor_report(ctx, p, f"页码应写成“— 1 —”（数字两侧各一条一字线），现为“{p.text.strip()}”",
                             span=_stripped(p))
    if font_bad:
        p, r = font_bad[0]
        name = r.format.font_ascii or r.format.font_east_asia
        yield _anchor_report(ctx, p, f"页码一般用{fonts.label(want_cls)}阿拉伯数字：现为{_font_phrase(table, name)}",
                             span=_stripped(p))
    if size_bad:
        p, r = size_bad[0]
        yield _anchor_report(ctx, p, f"页码一般用{_size(want_size)}字：现为{_size(r.format.size_pt or 0)}",
                             span=_stripped(p))
    yield from _page_positions(doc, ctx, footers, policy, one_page)


def _stripped(p: Paragraph) -> tuple[int, int]:
    start = len(p.text) - len(p.text.lstrip())
    return start, max(start, len(p.text.rstrip()))


def _missing_page_number(doc: Document, ctx: Context, footers: list[HeaderFooter]) -> Iterator[Diagnostic]:
    typed = [p for hf in footers for p in hf.paragraphs if _PAGE_FORM.match(p.text.strip())
             or re.fullmatch(r"[-－–—―一]?\s*\d+\s*[-－–—―一]?|第\s*\d+\s*页.*", p.text.strip())]
    if typed:
        p = typed[0]
        yield _anchor_report(ctx, p, f"页码“{p.text.strip()}”是手工输入的数字，不会随页变化：应插入 PAGE 域",
                             span=_stripped(p))
        return
    headers = [p for hf in doc.headers_footers if hf.kind == "header" for p in _page_paragraphs(hf)]
    if headers:
        p = headers[0]
        yield _anchor_report(ctx, p, "页码应编排在版心下边缘之下（页脚），不应放在页眉", span=_stripped(p))
        return
    anchor = footers[0].paragraphs[0] if footers and footers[0].paragraphs else (doc.body[0] if doc.body else None)
    if anchor is not None:
        yield ctx.report(anchor, 0, 0, "缺少页码：应在页脚插入 PAGE 域页码，形式为“— 1 —”")


def _page_positions(doc: Document, ctx: Context, footers: list[HeaderFooter], policy: str,
                    one_page: bool) -> Iterator[Diagnostic]:
    if policy == "any":
        return
    default = [p for hf in footers if hf.type == "default" for p in _page_paragraphs(hf)]
    even = [p for hf in footers if hf.type == "even" for p in _page_paragraphs(hf)]
    if policy == "center":
        for p in default + even:
            pos = _position(p)
            if pos is not None and pos != "center":
                yield _anchor_report(ctx, p, "页码应居中（本单位设置）", span=_stripped(p))
                return
        return
    odd_pos = _position(default[0]) if default else None
    if odd_pos in ("center", "left", "inside"):
        side = {"center": "居中", "left": "未居右", "inside": "居内侧"}[odd_pos]
        yield _anchor_report(ctx, default[0], f"单页码应居右空一字、双页码居左空一字：现奇数页页码{side}",
                             span=_stripped(default[0]))
        return
    if odd_pos == "outside":
        return
    if one_page:
        return  # one page: there is no even page to put on the left
    if not doc.even_and_odd_headers or not even:
        if default and odd_pos == "right":
            yield _anchor_report(
                ctx, default[0],
                "双页码应居左：文档有多页，但未设置“奇偶页不同”或偶数页页脚没有页码，偶数页的页码也会居右",
                span=_stripped(default[0]),
            )
        return
    even_pos = _position(even[0])
    if even_pos in ("right", "center", "inside"):
        side = {"right": "居右", "center": "居中", "inside": "居内侧"}[even_pos]
        yield _anchor_report(ctx, even[0], f"双页码应居左空一字：偶数页页码现{side}", span=_stripped(even[0]))


