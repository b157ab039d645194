"""GW102 doc-number-format (发文字号格式): the text form of a 发文字号, where it stands and where the
drafter's text cites one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import DocFormat, Paragraph, Role
from .._fields import (
    find_doc_numbers,
)
from ..context import Context
from ..registry import rule
from ._common import CITING_ROLES, ERROR

_NUMBER_MESSAGES = {
    "brackets": "年份应使用六角括号〔〕",
    "short_year": "年份应标全称（四位数字）",
    "ordinal": "顺序号前不加“第”字",
    "padding": "顺序号不编虚位（1不编为01）",
    "spaces": "不应含有空格",
}


@rule(
    "GW102",
    "doc-number-format",
    title="发文字号格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.2.5",
    roles=CITING_ROLES | {Role.DOC_NUMBER},
    fixable=True,
)
def doc_number_format(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    发文字号，以及正文中引用的发文字号，应为“机关代字〔年份〕序号号”：年份用六角括号“〔〕”
    （U+3014/U+3015）括入，不用 [] 【】 () （） ［］ ﹝﹞；年份标全称（四位）；顺序号不加“第”字、
    不编虚位；其中不加空格。命令式的令号（第×号）不是发文字号，不检查。

    ## 依据
    GB/T 9704-2012 7.2.5：“发文字号由发文机关代字、年份、发文顺序号组成……年份、发文顺序号用
    阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1
    不编为01），在阿拉伯数字后加“号”字。”

    ## 示例
    错：宜发[2008]13号
    错：根据市政府宜发【2008】13号文件精神，制定本办法。
    错：国办发〔2003〕第98号
    错：财税〔08〕12号
    对：宜发〔2008〕13号
    对：根据《国务院关于加强安全生产工作的通知》（国发〔2010〕23号），制定本办法。

    ## 修复
    括号、“第”字、虚位和空格可安全修复：宜发[2008]13号 → 宜发〔2008〕13号。两位年份无法确定
    世纪，不自动修复。
    """
    if p.role is Role.DOC_NUMBER and ctx.doc.format is DocFormat.ORDER:
        return
    for n in find_doc_numbers(p.text, whole_line=p.role is Role.DOC_NUMBER):
        if not n.problems:
            continue
        what = "；".join(_NUMBER_MESSAGES[x] for x in n.problems)
        label = "发文字号" if p.role is Role.DOC_NUMBER else "引用的发文字号"
        if n.fixed and "short_year" not in n.problems:
            yield ctx.report(p, n.start, n.end, f"{label}{what}：{n.text} → {n.fixed}", replacement=n.fixed)
        else:
            yield ctx.report(p, n.start, n.end, f"{label}{what}：{n.text}")
