"""GW204: fonts of the four heading levels (层次标题)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ... import fonts, recache
from ...diagnostics import Diagnostic
from ...model import (
    Document,
    Paragraph,
    Role,
)
from ..context import Context
from ..registry import rule
from ._common import WARNING, _expected_class, _font_phrase, _Profile, _profile, _running, _size, _size_ok, _table

_HEADING_OPTIONS = {
    Role.HEADING1: ("heading1-font", "一级标题", "一、"),
    Role.HEADING2: ("heading2-font", "二级标题", "（一）"),
    Role.HEADING3: ("heading3-font", "三级标题", "1."),
    Role.HEADING4: ("heading4-font", "四级标题", "（1）"),
}
_RUN_IN_END = recache.compile(r"[。！？]")


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
    example_input="layout",
    needs={"docx"},
    options={
        "heading1-font": "黑体",
        "heading2-font": "楷体",
        "heading3-font": "仿宋",
        "heading4-font": "仿宋",
    },
)
def heading_font(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    结构层次序数一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字。

    ## 检查内容
    层次标题（“一、”“（一）”“1.”“（1）”）的中文字体类别和字号（与正文同为 3 号）。段中标题（标题后接
    正文）只看第一个句号之前的标题部分。同一级、同一种问题只报一次，并说明涉及几处。加粗不算错误。
    单位规定不同的（如二级标题用仿宋加粗），在配置 ``[tool.gongwen-lint.GW204]`` 中修改
    ``heading1-font`` … ``heading4-font``。

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
    want_size = float(ctx.setting("layout", "body-size-pt"))
    tol = float(ctx.setting("layout", "size-tolerance-pt"))
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


