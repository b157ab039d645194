"""GW108 element-order (要素顺序): the order of the elements.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import Document, Role
from ..context import Context
from ..registry import rule
from ._common import ERROR


@rule(
    "GW108",
    "element-order",
    title="要素顺序",
    severity=ERROR,
    source="国标 GB/T 9704-2012 第7章",
)
def element_order(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    要素按 GB/T 9704 的顺序排列：份号、密级、紧急程度、发文机关标志、发文字号（签发人）、标题、
    主送机关、正文、附件说明、发文机关署名、成文日期、附注、附件、版记（抄送、印发）。常见错误：
    附件说明放在署名或日期之后、附注放在成文日期之前、抄送放在正文中间、附件夹在正文和署名之间。

    只报告本身就能认定的要素（“附件：”“抄送：”、发文字号、“（此件公开发布）”这样的行）：身份取决于
    位置的行（一个日期、一行机关名称）按顺序理解，不报。印发、转发、批转类通知在成文日期后排印所发
    文件（有无“附件”标识均可），这是通行版式，不是顺序错误。一处错位只报一次（一个表格算一处）。

    ## 依据
    GB/T 9704-2012 7.2（版头各要素的位置）、7.3.4（附件说明在正文下）、7.3.5（署名和成文日期在
    正文或附件说明之下）、7.3.6（附注在成文日期下一行）、7.3.7（附件另面编排在版记之前）、7.4
    （版记在最后一页）。

    ## 示例
    错：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        宜昌市人民政府
        2012年7月1日
        附件：防汛责任人名单
    对：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        附件：防汛责任人名单
        宜昌市人民政府
        2012年7月1日
    对：
        宜昌市人民政府办公室关于印发防汛工作方案的通知
        各县市区人民政府：
        现将《防汛工作方案》印发给你们，请认真贯彻执行。
        宜昌市人民政府办公室
        2012年7月1日
        防汛工作方案
        一、总体要求
        各地要落实防汛责任。
    """
    from ...decoder.grammar import RANK

    body = [p for p in doc.body if not p.is_empty]
    reported_table: int | None = None
    for k, p in enumerate(body):
        if not p.misplaced or not p.confident:
            continue
        if k > 0 and body[k - 1].misplaced and body[k - 1].role is p.role:
            continue  # one finding per misplaced block
        if p.in_table and p.table_pos is not None:
            if reported_table == p.table_pos[0]:
                continue
            reported_table = p.table_pos[0]
        rank = RANK.get(p.role)
        if rank is None:
            continue
        label = "附件" if p.role is Role.ATTACHMENT_LABEL else p.role.label
        before = [q for q in body[:k] if RANK.get(q.role, -1) > rank and not q.misplaced]
        after = [q for q in body[k + 1:] if RANK.get(q.role, 99) < rank and not q.misplaced]
        if p.role is Role.ATTACHMENT_LABEL and after:
            later = max(after, key=lambda q: RANK[q.role])
            message = f"附件应在{later.role.label}之后（GB/T 9704 7.3.7：附件另面编排在版记之前）"
        elif before:
            earlier = max(before, key=lambda q: RANK[q.role])
            message = f"{label}应在{earlier.role.label}之前（GB/T 9704 要素顺序）"
        elif after:
            later = max(after, key=lambda q: RANK[q.role])
            message = f"{label}应在{later.role.label}之后（GB/T 9704 要素顺序）"
        else:
            continue
        yield ctx.report(p, 0, len(p.text.rstrip()), message)
