"""GW103 date-format (成文日期格式): the text form of the 成文日期 and 印发日期.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import Document, Paragraph, Role
from .._fields import (
    doc_number_year,
    find_dates,
)
from ..context import Context
from ..registry import rule
from ._common import ERROR, _confident


@rule(
    "GW103",
    "date-format",
    title="成文日期格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.5.4、7.4.3",
    fixable=True,
)
def date_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    成文日期和印发日期用阿拉伯数字将年、月、日标全：年份标全称，月、日不编虚位（2012年7月1日，
    不写 2012年07月01日、12年7月1日、2012.7.1、二〇一二年七月一日）；日期真实存在（无2月30日）；
    成文日期不早于发文字号的年份，印发日期不早于成文日期。

    ## 依据
    GB/T 9704-2012 7.3.5.4：“成文日期中的数字用阿拉伯数字将年、月、日标全，年份应标全称，月、日
    不编虚位（即1不编为01）。”7.4.3：印发日期同样用阿拉伯数字标全。1999 年旧标准用汉字标注
    成文日期，2012 年起已改。

    ## 示例
    错：二〇〇八年九月二十六日
    错：二OO八年九月二十六日
    错：2012年07月01日
    错：2012年2月30日
    对：2008年9月26日

    ## 修复
    汉字日期、虚位、“号”和点分日期可安全修复为标准写法：二〇〇八年九月二十六日 → 2008年9月26日。
    """
    for p in ctx.doc.paragraphs(Role.DATE, Role.PRINTER):
        yield from _confident(_check_date(p, ctx), p)


def _check_date(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    dates = find_dates(p.text)
    if p.role is Role.PRINTER:
        dates = dates[-1:]  # the 印发日期 is the one before 印发
    label = "印发日期" if p.role is Role.PRINTER else "成文日期"
    for f in dates:
        fixed = f.standard
        if not f.valid and not f.short_year:
            yield ctx.report(p, f.start, f.end, f"{label}不是有效的日期：{f.text}")
            continue
        problems = []
        if f.chinese:
            problems.append("应使用阿拉伯数字")
        if f.short_year:
            problems.append("年份应标全称（四位数字）")
        if f.padded:
            problems.append("月、日不编虚位")
        if f.dotted:
            problems.append("应写作“×年×月×日”")
        if f.hao:
            problems.append("应写“日”不写“号”")
        if problems:
            message = f"{label}{'，'.join(problems)}：{f.text}"
            if fixed:
                yield ctx.report(p, f.start, f.end, f"{message} → {fixed}", replacement=fixed)
            else:
                yield ctx.report(p, f.start, f.end, message)
            continue
        year = doc_number_year(ctx.doc)
        if p.role is Role.DATE and year and f.year is not None and f.year < year:
            yield ctx.report(p, f.start, f.end, f"成文日期（{f.year}年）早于发文字号的年份（{year}年）")
        if p.role is Role.PRINTER:
            signed = _signing_date(ctx.doc)
            if signed and (f.year, f.month, f.day) < signed:
                yield ctx.report(p, f.start, f.end, f"印发日期早于成文日期（{signed[0]}年{signed[1]}月{signed[2]}日）")


def _signing_date(doc: Document) -> tuple[int, int, int] | None:
    for p in doc.paragraphs(Role.DATE):
        for f in find_dates(p.text):
            if f.valid and f.year is not None:
                return (f.year, f.month, f.day)  # type: ignore[return-value]
    return None
