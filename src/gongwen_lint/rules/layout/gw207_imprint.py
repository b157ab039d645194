"""GW207: font and size of the 版记 lines and their separator lines."""

from __future__ import annotations

from collections.abc import Iterator

from ... import fonts, recache
from ...diagnostics import Diagnostic
from ...model import (
    Document,
    Paragraph,
    Role,
)
from .._zones import Zone
from ..context import Context
from ..registry import rule
from ._common import (
    INFO,
    WARNING,
    _anchor_report,
    _expected_class,
    _font_phrase,
    _Profile,
    _profile,
    _size,
    _size_ok,
    _table,
)


@rule(
    "GW207",
    "imprint-style",
    title="版记字体字号和分隔线",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.4（一般）、7.4.1",
    example_input="layout",
    needs={"docx"},
    scope="版记",
    options={"imprint-font": "仿宋", "imprint-size-pt": 14.0},
)
def imprint_style(zone: Zone, ctx: Context) -> Iterator[Diagnostic]:
    """
    抄送机关、印发机关和印发日期一般用 4 号仿宋体字；版记要有分隔线，首末条用粗线。

    ## 检查内容
    版记中抄送机关、印发机关和印发日期（含表格、文本框中的）的中文字体类别（仿宋体）和字号（4 号 = 14 磅）。
    同一原因只报一次。可在配置 ``[tool.gongwen-lint.GW207]`` 中修改 ``imprint-font``、``imprint-size-pt``。

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
    want_cls = _expected_class(ctx, "imprint-font")
    want_size = float(ctx.option("imprint-size-pt"))
    tol = float(ctx.setting("layout", "size-tolerance-pt"))
    causes: dict[tuple, list[tuple[Paragraph, _Profile]]] = {}
    lines = [p for p in zone.paragraphs if p.role in (Role.CC, Role.PRINTER) and not p.is_empty]
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
    yield from _imprint_lines(zone.doc, ctx)


# Roles that may stand in or around a 版记 block (纪要 put 主送 there; 审核/联系人 lines are unknown).
_IMPRINT_ROLES = frozenset({Role.CC, Role.PRINTER, Role.ADDRESSEE, Role.EMPTY, Role.UNKNOWN, Role.PAGE_NUMBER})
_DRAWN_LINE = recache.compile(r"^\s*[—─━＿_\-－=＝][\s—─━＿_\-－=＝]{3,}$")
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


