"""Layout and typography from the .docx formatting (GW201–GW207).

Every rule here reads the effective formatting the reader resolved (styles, defaults, theme
fonts, the east-Asian font slot) and compares font *classes* (:mod:`gongwen_lint.fonts`), never
font names.  Three principles keep them quiet on correct documents:

* **one finding per cause** — a body typeset in 宋体 throughout is one finding that says how many
  paragraphs are affected, anchored at the first of them, not one per paragraph;
* **only what can be seen** — text in tables and text boxes (版头 and 版记 blocks, forms) is not
  judged as running text, a paragraph whose role is doubtful (centred "body", a "title" that is
  a document number) is left alone, and even/odd page-number positions only matter when the
  draft clearly has more than one page;
* **the unit's house style wins** — every threshold is a ``layout-…`` option
  (``[tool.gongwen-lint.options]``), every font alias can be extended in configuration.

Severities follow the wording of GB/T 9704-2012: paper and 版心 (5.1, 5.2.1) are unconditional
(error); fonts, sizes and positions are worded 一般 (warning); the red 小标宋 发文机关标志 is 推荐
(info).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .. import fonts
from ..diagnostics import Diagnostic, Severity
from ..model import (
    Document,
    HeaderFooter,
    Paragraph,
    ParagraphFormat,
    Role,
    Run,
    RunFormat,
    Section,
    is_red,
)
from ..text import count_cjk
from .context import Context
from .registry import rule

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# GB/T 9704 sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt.
_SIZE_NAMES = {42.0: "初号", 36.0: "小初", 26.0: "一号", 24.0: "小一", 22.0: "二号", 18.0: "小二", 16.0: "三号",
               15.0: "小三", 14.0: "四号", 12.0: "小四", 10.5: "五号", 9.0: "小五"}


def _size(pt: float) -> str:
    name = _SIZE_NAMES.get(round(pt * 2) / 2)
    shown = f"{pt:g}"
    return f"{name}（{shown} 磅）" if name else f"{shown} 磅"


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _table(ctx: Context) -> fonts.FontTable:
    extra = ctx.config.dictionaries.get("font-aliases") if ctx.config.dictionaries else None
    return ctx.resources.get("fonts.table", lambda: fonts.build(extra if isinstance(extra, dict) else None))


def _expected_class(ctx: Context, option: str) -> str:
    return _table(ctx).class_of_option(str(ctx.option(option)))


@dataclass
class _Profile:
    """The dominant east-Asian font and size of a span, weighted by characters."""

    font: str | None  # dominant east-Asian font name over CJK characters (None: no CJK)
    size: float | None  # dominant size over visible characters
    color: str | None
    cjk: int  # CJK characters seen


#: A wrong font or size as reported: (font class, unknown font name, size), None where right.
_FontKey = tuple[str | None, str | None, float | None]


def _profile(p: Paragraph, start: int = 0, end: int | None = None) -> _Profile:
    end = len(p.text) if end is None else end
    font_w: Counter[str | None] = Counter()
    size_w: Counter[float] = Counter()
    color_w: Counter[str | None] = Counter()
    cjk = 0
    for run in p.runs:
        lo, hi = max(run.start, start), min(run.end, end)
        if lo >= hi:
            continue
        piece = p.text[lo:hi]
        n_cjk = count_cjk(piece)
        n_vis = len("".join(piece.split()))
        if n_cjk:
            font_w[run.format.font_east_asia] += n_cjk
            color_w[run.format.color] += n_cjk
            cjk += n_cjk
        if n_vis and run.format.size_pt is not None:
            size_w[run.format.size_pt] += n_vis
    return _Profile(
        font=font_w.most_common(1)[0][0] if font_w else None,
        size=size_w.most_common(1)[0][0] if size_w else None,
        color=color_w.most_common(1)[0][0] if color_w else None,
        cjk=cjk,
    )


def _dominant_size(p: Paragraph) -> float | None:
    """``_profile(p).size`` alone: the size of most visible characters (first such on a tie)."""
    text = p.text
    size_w: Counter[float] = Counter()
    for run in p.runs:
        if run.format.size_pt is None:
            continue
        lo, hi = max(run.start, 0), min(run.end, len(text))
        if lo < hi:
            n_vis = len("".join(text[lo:hi].split()))
            if n_vis:
                size_w[run.format.size_pt] += n_vis
    return size_w.most_common(1)[0][0] if size_w else None


def _excerpt(p: Paragraph, limit: int = 20) -> tuple[int, int]:
    """A short span at the start of ``p`` (leading blanks skipped) for the finding's excerpt."""
    text = p.text
    start = len(text) - len(text.lstrip())
    end = min(len(text.rstrip()), start + limit)
    return (start, end) if end > start else (0, 0)


def _anchor_report(ctx: Context, p: Paragraph, message: str, *, severity: Severity | None = None,
                   whole: bool = False, span: tuple[int, int] | None = None) -> Diagnostic:
    if span is None:
        span = (0, len(p.text)) if whole else _excerpt(p)
    return ctx.report(p, span[0], span[1], message, severity=severity)


def _size_ok(found: float | None, expected: float, tol: float) -> bool:
    return found is None or abs(found - expected) <= tol + 1e-9


def _running(p: Paragraph) -> bool:
    """Running text, not a cell of a table or a text box (版头/版记 blocks, forms)."""
    return not p.in_table and not p.in_textbox and not p.is_empty


def _group(items: Iterable[tuple[object, Paragraph]]) -> dict[object, list[Paragraph]]:
    groups: dict[object, list[Paragraph]] = {}
    for key, p in items:
        groups.setdefault(key, []).append(p)
    return groups


def _count_phrase(n: int, total: int, what: str) -> str:
    if n == total and n > 1:
        return f"全部 {n} 段{what}"
    if n == 1:
        return f"1 段{what}"
    return f"{n} 段{what}（共 {total} 段）"


def _font_phrase(table: fonts.FontTable, name: str | None) -> str:
    return table.describe(name)


# ---------------------------------------------------------------------------------------------
# GW201 page setup


@rule(
    "GW201",
    "page-setup",
    title="页面设置",
    severity=ERROR,
    source="国标 GB/T 9704-2012 5.1、5.2.1",
    needs={"docx"},
    options={
        "layout-margin-top-mm": 37.0,
        "layout-margin-bottom-mm": 35.0,
        "layout-margin-left-mm": 28.0,
        "layout-margin-right-mm": 26.0,
        "layout-margin-tolerance-mm": 1.0,
    },
)
def page_setup(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    公文用纸应为 A4，页边距应使版心为 156 mm × 225 mm。

    ## 检查内容
    每一节的纸张大小（A4，210 mm × 297 mm）和页边距：天头（上白边）37 mm、订口（左白边，含装订线）28 mm，
    版心 156 mm × 225 mm，即右边距约 26 mm、下边距约 35 mm，各允许 ±1 mm。纸张不是 A4 时只报纸张
    （页边距随纸张而定）；横向的节（横排表格页）不检查页边距。设置相同的多节合并为一条。
    单位模板另有规定的，可在配置中修改 ``layout-margin-top-mm``、``layout-margin-bottom-mm``、
    ``layout-margin-left-mm``、``layout-margin-right-mm`` 和允许误差 ``layout-margin-tolerance-mm``。

    ## 依据
    GB/T 9704-2012 5.1：公文用纸采用 GB/T 148 中规定的 A4 型纸，其成品幅面尺寸为 210 mm × 297 mm。
    5.2.1：天头（上白边）为 37 mm ± 1 mm，公文用纸订口（左白边）为 28 mm ± 1 mm，版心尺寸为
    156 mm × 225 mm。

    ## 示例
    错：
        {页面 210x297 上25.4 下25.4 左31.8 右31.8}
        {正文}为做好有关工作，现通知如下。
    错：
        {页面 148x210 上17 下15 左13 右11}
        {正文}为做好有关工作，现通知如下。
    对：
        {页面 210x297 上37 下35 左28 右26}
        {正文}为做好有关工作，现通知如下。

    ## 修复
    在“布局—页面设置”中选择 A4 纸，页边距设为上 3.7 cm、下 3.5 cm、左 2.8 cm、右 2.6 cm。
    """
    tol = float(ctx.option("layout-margin-tolerance-mm"))
    want = {
        "top": float(ctx.option("layout-margin-top-mm")),
        "bottom": float(ctx.option("layout-margin-bottom-mm")),
        "left": float(ctx.option("layout-margin-left-mm")),
        "right": float(ctx.option("layout-margin-right-mm")),
    }
    labels = {"top": "上边距（天头）", "bottom": "下边距", "left": "左边距（订口）", "right": "右边距"}
    causes: dict[tuple[Any, ...], list[int]] = {}
    for i, sec in enumerate(doc.sections):
        if sec.page_width_mm is None or sec.page_height_mm is None:
            continue
        w, h = sec.page_width_mm, sec.page_height_mm
        short, long_ = sorted((w, h))
        if abs(short - 210.0) > 1.0 or abs(long_ - 297.0) > 1.0:
            causes.setdefault(("paper", round(w, 1), round(h, 1)), []).append(i)
            continue
        if w > h:  # a landscape A4 section: a wide table, margins are turned with the page
            continue
        found = {
            "top": sec.margin_top_mm,
            "bottom": sec.margin_bottom_mm,
            "left": None if sec.margin_left_mm is None else sec.margin_left_mm + (sec.gutter_mm or 0.0),
            "right": sec.margin_right_mm,
        }
        wrong = tuple(
            (k, round(v, 1)) for k, v in found.items() if v is not None and abs(v - want[k]) > tol + 1e-9
        )
        if wrong:
            causes.setdefault(("margins", wrong), []).append(i)
    for key, sections in causes.items():
        anchor = _section_anchor(doc, sections[0])
        if anchor is None:
            continue
        where = f"（共 {len(sections)} 节）" if len(sections) > 1 else ""
        if key[0] == "paper":
            _, w, h = key
            msg = f"纸张应为 A4（210 mm × 297 mm），本文档为 {w:g} mm × {h:g} mm{where}"
        else:
            parts = [
                f"{labels[k]}{v:g} mm，应为 {want[k]:g}±{tol:g} mm" for k, v in key[1]
            ]
            msg = "页边距不符合 GB/T 9704（版心应为 156 mm × 225 mm）：" + "；".join(parts) + where
        yield ctx.report(anchor, 0, 0, msg)


def _section_anchor(doc: Document, section: int) -> Paragraph | None:
    for p in doc.body:
        if p.section == section:
            return p
    return doc.body[0] if doc.body else None


# ---------------------------------------------------------------------------------------------
# GW202 body font, size, indent

_ADDRESSEE_LIKE = re.compile(r"^[^。；！？]{1,40}[：:]$")
_LABEL_LIKE = re.compile(r"^(附\s*件\s*[\d一二三四五六七八九十]*|附表|附图)")
# 版记-like lines (纪要 put 主送/分送 in the 版记, 4号): not body text even when recognised as such.
_IMPRINT_LIKE = re.compile(r"^(主\s*送|分\s*送|抄\s*送|抄\s*报|报\s*送|发\s*送)[：:]")
# Names spread with spaces (joint signatures, 出席 lists): positioned lines, not prose.
_GAP = re.compile(r"[ \u3000]{3,}|\t")


def _body_candidates(doc: Document) -> list[Paragraph]:
    """Body paragraphs that are certainly running prose (see the module docstring)."""
    out = []
    for p in doc.paragraphs(Role.BODY):
        if not _running(p):
            continue
        if p.format.alignment in ("center", "right"):
            continue  # a centred or right-aligned line is not prose: a misrecognised title or signature
        text = p.text.strip()
        if count_cjk(text) < 4 or p.text.startswith("\t"):
            continue
        if _ADDRESSEE_LIKE.match(text) or (_LABEL_LIKE.match(text) and len(text) <= 20):
            continue
        if _IMPRINT_LIKE.match(text) or _GAP.search(text) or _leading_width(p.text) > 4:
            continue
        if (p.format.first_line_indent_chars or 0) > 6 or (p.format.left_indent_pt or 0) > 6 * 16:
            continue  # a line placed far to the right (a signature or date taken for body text)
        out.append(p)
    return out


def _leading_width(text: str) -> float:
    """Width in characters of the blanks a line starts with (a full-width space is one)."""
    lead = len(text) - len(text.lstrip(" \u3000"))
    return sum(1.0 if ch == "\u3000" else 0.5 for ch in text[:lead])


def _indent_chars(p: Paragraph, size: float | None) -> float | None:
    """The first-line indent in characters, counting leading spaces typed instead of an indent."""
    f = p.format
    if f.first_line_indent_chars:
        indent = f.first_line_indent_chars
    elif f.first_line_indent_pt is not None and size:
        indent = f.first_line_indent_pt / size
    elif f.first_line_indent_pt is None:
        return None
    else:
        indent = 0.0
    return indent + _leading_width(p.text)


@rule(
    "GW202",
    "body-font",
    title="正文字体字号",
    severity=WARNING,
    source="国标 GB/T 9704-2012 5.2.2、7.3.3（一般）",
    needs={"docx"},
    options={
        "layout-body-font": "仿宋",
        "layout-body-size-pt": 16.0,
        "layout-size-tolerance-pt": 0.25,
        "layout-body-indent-chars": 2.0,
        "layout-indent-tolerance-chars": 0.3,
        "layout-line-spacing-pt": 0.0,
        "layout-line-spacing-tolerance-pt": 0.5,
    },
)
def body_font(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    正文一般用 3 号仿宋体字，每个自然段左空二字。

    ## 检查内容
    正文段落（不含表格、文本框中的文字）的中文字体类别（仿宋_GB2312、仿宋、方正仿宋_GBK、华文仿宋……都属
    仿宋体）、字号（3 号 = 16 磅）和首行缩进（2 字符；用全角空格缩进的也算）。同一原因只报一次，并说明
    涉及多少段：整篇正文都用了宋体，是一条而不是每段一条。单位的公文样式不同的，可在配置中修改
    ``layout-body-font``、``layout-body-size-pt``、``layout-body-indent-chars``；行距默认不检查
    （GB/T 9704 只说“一般每面排 22 行”，Word 有多种设法），单位规定固定行距的（如 28 磅），设
    ``layout-line-spacing-pt = 28.0`` 即检查正文的固定行距。

    ## 依据
    GB/T 9704-2012 5.2.2：如无特殊说明，公文格式各要素一般用 3 号仿宋体字。7.3.3：正文一般用 3 号仿宋体字，
    编排于主送机关名称下一行，每个自然段左空二字，回行顶格。

    ## 示例
    错：
        {标题}关于做好有关工作的通知
        {正文 宋体 12磅}为做好有关工作，现就有关事项通知如下。
    错：
        {标题}关于做好有关工作的通知
        {正文 缩进0}为做好有关工作，现就有关事项通知如下。
    对：
        {标题}关于做好有关工作的通知
        {正文 方正仿宋_GBK 16磅}为做好有关工作，现就有关事项通知如下。

    ## 修复
    选中正文，中文字体设为仿宋_GB2312（或本单位的仿宋字体），字号 3 号，段落首行缩进 2 字符；最好修改
    “正文”样式，而不是逐段设置。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "layout-body-font")
    want_size = float(ctx.option("layout-body-size-pt"))
    tol = float(ctx.option("layout-size-tolerance-pt"))
    want_indent = float(ctx.option("layout-body-indent-chars"))
    indent_tol = float(ctx.option("layout-indent-tolerance-chars"))
    want_ls = float(ctx.option("layout-line-spacing-pt"))
    ls_tol = float(ctx.option("layout-line-spacing-tolerance-pt"))
    paragraphs = _body_candidates(doc)
    total = len(paragraphs)
    if not total:
        return
    font_items, indent_items, ls_items = [], [], []
    for p in paragraphs:
        prof = _profile(p)
        cls = table.font_class(prof.font) if prof.font else None
        bad_font = prof.font is not None and cls != want_cls
        bad_size = not _size_ok(prof.size, want_size, tol)
        if bad_font or bad_size:
            key = (cls if bad_font else None, prof.font if bad_font and cls is None else None,
                   prof.size if bad_size else None)
            font_items.append((key, p, prof))
        indent = _indent_chars(p, prof.size or want_size)
        if indent is not None and abs(indent - want_indent) > indent_tol:
            indent_items.append((round(indent, 1), p))
        if (want_ls > 0 and p.format.line_rule in ("exact", "atLeast") and p.format.line_spacing is not None
                and abs(p.format.line_spacing - want_ls) > ls_tol):
            ls_items.append((p.format.line_spacing, p))
    by_key: dict[_FontKey, list[tuple[Paragraph, _Profile]]] = {}
    for key, p, prof in font_items:
        by_key.setdefault(key, []).append((p, prof))
    want_desc = f"{_size(want_size)}{fonts.label(want_cls)}"
    for (cls, _name, size), items in by_key.items():
        first_p, prof = items[0]
        seen = []
        if cls is not None or _name is not None:
            seen.append(_font_phrase(table, prof.font))
        if size is not None:
            seen.append(_size(size))
        msg = f"正文应使用{want_desc}：{_count_phrase(len(items), total, '正文')}为{'、'.join(seen)}"
        yield _anchor_report(ctx, first_p, msg)
    for got, ps in _group(indent_items).items():
        msg = (f"正文每个自然段应首行缩进 {want_indent:g} 字：{_count_phrase(len(ps), total, '正文')}"
               f"首行缩进为 {got:g} 字")
        yield _anchor_report(ctx, ps[0], msg)
    for ls, ps in _group(ls_items).items():
        msg = (f"正文行距应为固定值 {want_ls:g} 磅（本单位设置）：{_count_phrase(len(ps), total, '正文')}"
               f"行距为 {ls:g} 磅")
        yield _anchor_report(ctx, ps[0], msg)


# ---------------------------------------------------------------------------------------------
# GW203 title

_NUMBER_LIKE = re.compile(r"(〔.{2,4}〕|\[.{2,4}\]|^第.{0,6}[号期]$|号\s*$)")
# Template placeholders: a line that is (partly) a placeholder cannot be told apart reliably
# (a template's issuer line, its body placeholder), so its role is too doubtful to judge its
# typography; GW306 reports the placeholder itself.
_PLACEHOLDER = re.compile(r"[XＸ×]{2,}|\[[^\]]*\]|【[^】]*】|＿{2,}|_{2,}")


def _title_candidates(doc: Document) -> list[Paragraph]:
    out = []
    for p in doc.paragraphs(Role.TITLE):
        if not _running(p):
            continue
        if _NUMBER_LIKE.search(p.text.strip()) or _PLACEHOLDER.search(p.text):
            continue  # a document number taken for the title, or a placeholder line: not judged
        out.append(p)
    return out


@rule(
    "GW203",
    "title-font",
    title="标题字体字号",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.1（一般）",
    needs={"docx"},
    options={"layout-title-font": "小标宋", "layout-title-size-pt": 22.0},
)
def title_font(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    标题一般用 2 号小标宋体字，居中排布。

    ## 检查内容
    标题（可能分几行）的中文字体类别（方正小标宋简体、方正小标宋_GBK 等属小标宋体）、字号（2 号 = 22 磅）
    和对齐方式（居中）。多行标题的同一问题只报一次。可在配置中修改 ``layout-title-font``、
    ``layout-title-size-pt``。华文中宋、方正大标宋等不是小标宋体；单位规定可用的，在
    ``[tool.gongwen-lint.dictionaries] font-aliases`` 中把它映射为“小标宋”。

    ## 依据
    GB/T 9704-2012 7.3.1：标题一般用 2 号小标宋体字，编排于红色分隔线下空二行位置，分一行或多行居中排布。

    ## 示例
    错：
        {标题 黑体}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
    错：
        {标题 居左}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
    对：
        {标题 方正小标宋_GBK 22磅 居中}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。

    ## 修复
    选中标题，字体设为方正小标宋简体（或本单位的小标宋字体），字号 2 号，居中。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "layout-title-font")
    want_size = float(ctx.option("layout-title-size-pt"))
    tol = float(ctx.option("layout-size-tolerance-pt"))
    lines = _title_candidates(doc)
    if not lines:
        return
    fonts_bad: dict[_FontKey, list[tuple[Paragraph, _Profile]]] = {}
    align_bad: list[Paragraph] = []
    for p in lines:
        prof = _profile(p)
        cls = table.font_class(prof.font) if prof.font else None
        bad_font = prof.font is not None and cls != want_cls
        bad_size = not _size_ok(prof.size, want_size, tol)
        if bad_font or bad_size:
            key = (cls if bad_font else None, prof.font if bad_font else None, prof.size if bad_size else None)
            fonts_bad.setdefault(key, []).append((p, prof))
        if p.format.alignment not in (None, "center"):
            align_bad.append(p)
    want_desc = f"{_size(want_size)}{fonts.label(want_cls)}"
    for (_cls, name, size), items in fonts_bad.items():
        first, prof = items[0]
        seen = []
        if name is not None:
            seen.append(_font_phrase(table, name))
        if size is not None:
            seen.append(_size(size))
        n = f"（共 {len(items)} 行）" if len(items) > 1 else ""
        yield _anchor_report(ctx, first, f"标题应使用{want_desc}，现为{'、'.join(seen)}{n}")
    if align_bad:
        names = {"left": "居左", "right": "居右", "both": "两端对齐（看起来居左）", "distribute": "分散对齐"}
        a = align_bad[0].format.alignment or ""
        yield _anchor_report(ctx, align_bad[0], f"标题应居中排布，现为{names.get(a, a)}")


# ---------------------------------------------------------------------------------------------
# GW204 headings

_HEADING_OPTIONS = {
    Role.HEADING1: ("layout-heading1-font", "一级标题", "一、"),
    Role.HEADING2: ("layout-heading2-font", "二级标题", "（一）"),
    Role.HEADING3: ("layout-heading3-font", "三级标题", "1."),
    Role.HEADING4: ("layout-heading4-font", "四级标题", "（1）"),
}
_RUN_IN_END = re.compile(r"[。！？]")


def _heading_span(p: Paragraph) -> tuple[int, int]:
    """The heading itself: a run-in heading ends at its first full stop, the body text follows."""
    m = _RUN_IN_END.search(p.text)
    return (0, m.end()) if m else (0, len(p.text))


@rule(
    "GW204",
    "heading-font",
    title="层次标题字体",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.3（一般）",
    needs={"docx"},
    options={
        "layout-heading1-font": "黑体",
        "layout-heading2-font": "楷体",
        "layout-heading3-font": "仿宋",
        "layout-heading4-font": "仿宋",
    },
)
def heading_font(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    结构层次序数一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字。

    ## 检查内容
    层次标题（“一、”“（一）”“1.”“（1）”）的中文字体类别和字号（与正文同为 3 号）。段中标题（标题后接
    正文）只看第一个句号之前的标题部分。同一级、同一种问题只报一次，并说明涉及几处。加粗不算错误。
    单位规定不同的（如二级标题用仿宋加粗），在配置中修改 ``layout-heading1-font`` …
    ``layout-heading4-font``。

    ## 依据
    GB/T 9704-2012 7.3.3：文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注；一般第一层用黑体字、
    第二层用楷体字、第三层和第四层用仿宋体字标注。

    ## 示例
    错：
        {标题}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
        {一级标题 仿宋_GB2312}一、总体要求
        {正文}各单位要高度重视。
    对：
        {标题}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
        {一级标题 SimHei}一、总体要求
        {二级标题 楷体_GB2312}（一）明确责任。各单位要明确责任人。
        {正文}各单位要高度重视。

    ## 修复
    一级标题设为黑体，二级标题设为楷体_GB2312（或本单位的楷体字体），三、四级标题用仿宋；最好为各级
    标题建立段落样式。
    """
    table = _table(ctx)
    want_size = float(ctx.option("layout-body-size-pt"))
    tol = float(ctx.option("layout-size-tolerance-pt"))
    causes: dict[tuple, list[tuple[Paragraph, _Profile, tuple[int, int]]]] = {}
    totals: Counter[Role] = Counter()
    for p in doc.paragraphs(*_HEADING_OPTIONS):
        if not _running(p):
            continue
        totals[p.role] += 1
        span = _heading_span(p)
        prof = _profile(p, *span)
        want_cls = _expected_class(ctx, _HEADING_OPTIONS[p.role][0])
        cls = table.font_class(prof.font) if prof.font else None
        bad_font = prof.font is not None and cls != want_cls
        bad_size = not _size_ok(prof.size, want_size, tol)
        if bad_font or bad_size:
            key = (p.role, cls if bad_font else None, prof.font if bad_font else None, prof.size if bad_size else None)
            causes.setdefault(key, []).append((p, prof, span))
    for (role, _cls, name, size), items in causes.items():
        option, label, ordinal = _HEADING_OPTIONS[role]
        want_cls = _expected_class(ctx, option)
        first, prof, span = items[0]
        seen = []
        if name is not None:
            seen.append(_font_phrase(table, name))
        if size is not None:
            seen.append(_size(size))
        n, total = len(items), totals[role]
        count = f"全部 {n} 个" if n == total and n > 1 else f"{n} 个" if n > 1 else ""
        msg = (f"{label}（{ordinal}）一般用{_size(want_size)}{fonts.label(want_cls)}："
               f"{count}{label}为{'、'.join(seen)}")
        end = min(span[1], span[0] + 20)
        yield ctx.report(first, span[0], end, msg)


# ---------------------------------------------------------------------------------------------
# GW205 organ mark


@rule(
    "GW205",
    "organ-mark-style",
    title="发文机关标志样式",
    severity=INFO,
    source="国标 GB/T 9704-2012 7.2.4（推荐）",
    needs={"docx"},
    options={"layout-organ-mark-font": "小标宋"},
)
def organ_mark_style(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    发文机关标志推荐使用红色小标宋体字。

    ## 检查内容
    发文机关标志（含文本框中的）的文字颜色（红色）和中文字体类别（小标宋体）。标志中的符号（★、分隔线）
    不计。联合行文的多行标志同一问题只报一次。做成图片的标志无法检查。

    ## 依据
    GB/T 9704-2012 7.2.4：发文机关标志……居中排布，上边缘至版心上边缘为 35 mm，推荐使用红色小标宋体字。

    ## 示例
    错：
        {发文机关标志 黑色}某某市人民政府文件
        {标题}关于做好有关工作的通知
    错：
        {发文机关标志 黑体}某某市人民政府文件
        {标题}关于做好有关工作的通知
    对：
        {发文机关标志}某某市人民政府文件
        {标题}关于做好有关工作的通知

    ## 修复
    发文机关标志设为红色（如 FF0000）方正小标宋简体，字号以醒目美观、庄重为原则。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "layout-organ-mark-font")
    not_red: list[tuple[Paragraph, _Profile]] = []
    bad_font: dict[str | None, list[tuple[Paragraph, _Profile]]] = {}
    for p in doc.paragraphs(Role.ORGAN_MARK):
        prof = _profile(p)
        if prof.cjk < 2:
            continue
        if not is_red(prof.color):
            not_red.append((p, prof))
        if prof.font is not None and table.font_class(prof.font) != want_cls:
            bad_font.setdefault(prof.font, []).append((p, prof))
    if not_red:
        p, prof = not_red[0]
        color = f"颜色为 {prof.color}" if prof.color else "为黑色（自动）"
        yield _anchor_report(ctx, p, f"发文机关标志推荐使用红色：现{color}", whole=len(p.text) <= 30)
    for name, items in bad_font.items():
        p, _ = items[0]
        yield _anchor_report(ctx, p, f"发文机关标志推荐使用{fonts.label(want_cls)}：现为{_font_phrase(table, name)}",
                             whole=len(p.text) <= 30)


# ---------------------------------------------------------------------------------------------
# GW206 page numbers

_MULTI_PAGE = 1.15  # estimated pages above which the draft surely has a second page
_PAGE_FORM = re.compile(r"^[—―]\s*\d+\s*[—―]$")
_DIGITS = re.compile(r"\d+")


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


def estimated_pages(doc: Document) -> float:
    """
    A rough page count from the text volume, for "does even/odd matter" (no layout engine).

    Underestimates rather than overestimates: text boxes are ignored and a line holds as many
    characters as fit at the paragraph's size; explicit page breaks and section breaks count.
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
        width = len(p.text) - 0.5 * len(re.findall("[\x00-\u2e7f]", p.text))
        lines = max(1, math.ceil(width * size / width_pt)) if p.text else 1
        used += lines * line_h + (f.space_before_pt or 0.0) + (f.space_after_pt or 0.0)
    return breaks + used / height_pt


@rule(
    "GW206",
    "page-number",
    title="页码",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.5（一般）",
    needs={"docx"},
    options={
        "layout-page-number-font": "宋体",
        "layout-page-number-size-pt": 14.0,
        "layout-page-number-position": "outside",
    },
    option_choices={"layout-page-number-position": ("outside", "center", "any")},
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
      设 ``layout-page-number-position = "center"``；不检查位置设为 ``"any"``。
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
    want_cls = _expected_class(ctx, "layout-page-number-font")
    want_size = float(ctx.option("layout-page-number-size-pt"))
    tol = float(ctx.option("layout-size-tolerance-pt"))
    policy = str(ctx.option("layout-page-number-position")).strip().lower()
    footers = [hf for hf in _used_footers(doc) if hf.kind == "footer"]
    one_page = estimated_pages(doc) < _MULTI_PAGE
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


# ---------------------------------------------------------------------------------------------
# GW207 imprint (版记)


@rule(
    "GW207",
    "imprint-style",
    title="版记字体字号和分隔线",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.4（一般）、7.4.1",
    needs={"docx"},
    options={"layout-imprint-font": "仿宋", "layout-imprint-size-pt": 14.0},
)
def imprint_style(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    抄送机关、印发机关和印发日期一般用 4 号仿宋体字；版记要有分隔线，首末条用粗线。

    ## 检查内容
    版记中抄送机关、印发机关和印发日期（含表格、文本框中的）的中文字体类别（仿宋体）和字号（4 号 = 14 磅）。
    同一原因只报一次。可在配置中修改 ``layout-imprint-font``、``layout-imprint-size-pt``。

    分隔线：读段落边框和表格（单元格）边框。版记（文末的抄送、印发行）连同其前后的空段都没有
    任何边框时，报“缺分隔线”（警告）；首条或末条分隔线明显是细线（不足 0.9 磅，如 Word 默认的
    0.5 磅）时，提示推荐用粗线（提示）。分隔线可能画成图形线条时不报：版记在文本框中，或其附近
    （版记前 30 段至文末、所在节的页眉页脚）锚定了不含文字的图形或图片；前后有用“——”“____”
    或带下划线的空格画出的线时也不报。版记后仍有正文、附件内容时不检查分隔线。

    ## 依据
    GB/T 9704-2012 7.4.2：抄送机关……一般用 4 号仿宋体字。7.4.3：印发机关和印发日期……一般用 4 号仿宋体字。
    7.4.1：版记中的分隔线与版心等宽，首条分隔线和末条分隔线用粗线（推荐高度为 0.35 mm），中间的
    分隔线用细线（推荐高度为 0.25 mm）。首条分隔线位于版记中第一个要素之上，末条分隔线与公文
    最后一面的版心下边缘重合。

    ## 示例
    错：
        {标题}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
        {抄送 16磅}抄送：市委办公室，市人大常委会办公室。
    错：
        {标题}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
        {抄送 无线}抄送：市委办公室，市人大常委会办公室。
        {印发 无线}市人民政府办公室          2024年3月1日印发
    错：
        {标题}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
        {印发 上线0.5磅 下线0.5磅}市人民政府办公室          2024年3月1日印发
    对：
        {标题}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
        {抄送 仿宋_GB2312 14磅}抄送：市委办公室，市人大常委会办公室。
    对：
        {标题}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
        {抄送 上线1磅 下线0.75磅}抄送：市委办公室，市人大常委会办公室。
        {印发 下线1磅}市人民政府办公室          2024年3月1日印发

    ## 修复
    版记文字设为仿宋_GB2312 4 号，首末分隔线用粗线（0.35 mm，约 1 磅，Word 边框“1 磅”）、
    中间分隔线用细线（0.25 mm，约 0.75 磅），可用段落边框或表格边框画出。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "layout-imprint-font")
    want_size = float(ctx.option("layout-imprint-size-pt"))
    tol = float(ctx.option("layout-size-tolerance-pt"))
    causes: dict[tuple, list[tuple[Paragraph, _Profile]]] = {}
    lines = [p for p in doc.paragraphs(Role.CC, Role.PRINTER) if not p.is_empty]
    for p in lines:
        prof = _profile(p)
        cls = table.font_class(prof.font) if prof.font else None
        bad_font = prof.font is not None and cls != want_cls
        bad_size = not _size_ok(prof.size, want_size, tol)
        if bad_font or bad_size:
            key = (prof.font if bad_font else None, prof.size if bad_size else None)
            causes.setdefault(key, []).append((p, prof))
    for (name, size), items in causes.items():
        first, _ = items[0]
        seen = []
        if name is not None:
            seen.append(_font_phrase(table, name))
        if size is not None:
            seen.append(_size(size))
        n = f"（{len(items)} 行）" if len(items) > 1 else ""
        yield _anchor_report(ctx, first, f"版记一般用{_size(want_size)}{fonts.label(want_cls)}：现为{'、'.join(seen)}{n}")
    yield from _imprint_lines(doc, ctx)


# Roles that may stand in or around a 版记 block (纪要 put 主送 there; 审核/联系人 lines are unknown).
_IMPRINT_ROLES = frozenset({Role.CC, Role.PRINTER, Role.ADDRESSEE, Role.EMPTY, Role.UNKNOWN, Role.PAGE_NUMBER})
_DRAWN_LINE = re.compile(r"^\s*[—─━＿_\-－=＝][\s—─━＿_\-－=＝]{3,}$")
_THICK_MIN_PT = 0.9  # 0.35 mm ≈ 0.99 pt (Word "1 磅", w:sz=8); Word's default line is 0.5 pt
_SHAPE_WINDOW = 30  # paragraphs before the 版记 where an anchored shape may still draw its line


def _borders_of(p: Paragraph) -> tuple:
    """(line above, line below) ``p`` from its paragraph border or its table cell's edge."""
    f = p.format
    return f.border_top or f.cell_border_top, f.border_bottom or f.cell_border_bottom


def _drawn_as_text(p: Paragraph) -> bool:
    """A line typed as characters (——, ____) or as underlined blanks."""
    if p.text and _DRAWN_LINE.match(p.text):
        return True
    return any(r.format.underline and r.text and not r.text.strip() for r in p.runs)


def _imprint_lines(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """GB/T 9704 7.4.1 separator lines, only where every way of drawing them can be seen."""
    body = doc.body
    marks = [i for i, p in enumerate(body) if p.role in (Role.CC, Role.PRINTER) and not p.is_empty]
    if not marks:
        return
    first, last = marks[0], marks[-1]
    if any(p.role not in _IMPRINT_ROLES and not p.is_empty for p in body[first:]):
        return  # not at the end: text or an attachment follows, the block is not a 版记 we can place
    # The block: from after the last paragraph of the document proper to the end (blank lines that
    # push the 版记 to the foot of the page and their borders included).
    lo = first
    while lo > 0 and (body[lo - 1].is_empty or body[lo - 1].role in _IMPRINT_ROLES - {Role.PAGE_NUMBER}):
        lo -= 1
    block = body[lo:]
    if any(p.in_textbox for p in block):
        return  # 版记 in a text box: its lines are often drawn around it
    if any(p.shapes for p in body[max(0, first - _SHAPE_WINDOW):]):
        return
    section = body[first].section
    for hf in doc.headers_footers:
        if hf.section == section and any(p.shapes or _drawn_as_text(p) for p in hf.paragraphs):
            return
    if any(_drawn_as_text(p) for p in block):
        return
    above_first = body[lo - 1].format.border_bottom if lo > 0 else None
    borders = [b for p in block for b in _borders_of(p) if b is not None]
    if above_first is not None:
        borders.append(above_first)
    anchor = body[first]
    if not borders:
        yield _anchor_report(ctx, anchor, "版记缺分隔线：首条分隔线应位于版记第一个要素之上、末条分隔线位于最后一个要素之下，"
                                          "首末条用粗线（0.35 mm），中间用细线（0.25 mm）")
        return
    # Thickness of the first and last lines, when both are where GB/T 9704 puts them.
    top = _borders_of(body[first])[0] or above_first
    if top is None:
        top = next((b for p in body[lo:first] for b in _borders_of(p) if b is not None), None)
    bottom = _borders_of(body[last])[1]
    if bottom is None:
        bottom = next((b for p in body[last + 1:] for b in _borders_of(p) if b is not None), None)
    thin = [(name, b) for name, b in (("首条", top), ("末条", bottom))
            if b is not None and b[0] == "single" and b[1] < _THICK_MIN_PT]
    if thin:
        which = "和".join(name for name, _ in thin)
        now = "、".join(f"{name}现为 {b[1]:g} 磅" for name, b in thin)
        yield _anchor_report(ctx, anchor, f"版记{which}分隔线推荐用粗线（0.35 mm，约 1 磅）：{now}", severity=INFO)


# ---------------------------------------------------------------------------------------------
# Docstring examples as formatted documents

_SPEC = re.compile(r"^\{([^}]*)\}(.*)$")
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
    Build a formatted :class:`Document` from a rule example (see the docstrings above).

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
