"""GW301: the form of a heading's ordinal (一、 （一） 1. （1）)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import TEXT_ROLES, Paragraph
from .._ordinals import paragraph_ordinal
from ..context import Context
from ..registry import rule
from ._common import _HALF_DIGITS, _LEVEL_NAMES, WARNING


@rule(
    "GW301",
    "heading-ordinal-form",
    title="层次序数格式",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.3",
    roles=TEXT_ROLES,
    fixable=True,
)
def heading_ordinal_form(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    段首的层次序数应写作“一、”“（一）”“1.”“（1）”：不用“1、”“1．”“1，”“一.”“一，”，
    括号序数后不再加标点（“（一）、”），括号用全角（不用“(一)”“(1)”），“1）”应为“（1）”。
    Word 自动编号的序号同样检查（此时无法自动修复）。

    ## 依据
    GB/T 9704-2012 7.3.3：文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注。
    标准用语为“可以”，故为警告；各地公文写作规范均把“1、”“（一）、”列为常见错误。

    ## 示例
    错：1、加强组织领导
    错：（一）、明确工作目标
    错：(二)强化督促检查
    错：一.总体要求
    对：1.加强组织领导
    对：（一）明确工作目标
    对：1.5万元专项资金已拨付。

    ## 修复
    替换为标准写法（“1、”→“1.”，“（一）、”→“（一）”，“(二)”→“（二）”）；序号来自自动编号时不修复。
    """
    if p.in_table:
        return
    o = paragraph_ordinal(p)
    if o is None or o.ok or o.written.translate(_HALF_DIGITS) == o.standard:
        return  # full-width digits alone are GW502's
    level = _LEVEL_NAMES[o.level]
    if o.in_label:
        yield ctx.report(p, 0, 0, f"{level}序数（自动编号）“{o.written}”应为“{o.standard}”")
        return
    start, end = o.text_span
    yield ctx.report(p, start, end, f"{level}序数“{o.written}”应为“{o.standard}”", replacement=o.standard)


