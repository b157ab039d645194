"""GW708 principle-only-section (整部分没有具体措施): a whole part with principles and no measure,
read from the shared substance inventory.
"""

from __future__ import annotations

from ...diagnostics import Severity
from ...model import Document, Paragraph, Role
from ...substance import Inventory, Item, Verdict
from ...substance.items import ORDINAL_RE, heading_label
from ..registry import rule
from ._common import (
    inventory,
)


def _sections(doc: Document, inv: Inventory) -> list[tuple[Paragraph, list[Item]]]:
    """Work items grouped under the top heading level (一、 or, without it, （一）)."""
    level = Role.HEADING1 if doc.first(Role.HEADING1) else Role.HEADING2
    by_para = {i.p.index: i for i in inv.work_items}
    out: list[tuple[Paragraph, list[Item]]] = []
    for p in doc.body:
        if p.role is level:
            out.append((p, []))
        if out and p.index in by_para and (p.role is not level or by_para[p.index].lead is not None):
            out[-1][1].append(by_para[p.index])
    return out


@rule(
    "GW708",
    "principle-only-section",
    title="整部分没有具体措施",
    severity=Severity.WARNING,
    source="条例 第19条第2项“所提政策措施和办法切实可行”",
    roles=None,
    needs={"nlp"},
    options={"section-min-items": 3},
)
def principle_only_section(doc: Document, ctx):
    """
    ## 检查内容
    一个部分（一级标题下，没有一级标题时二级标题下）有 3 项以上工作，没有一项写明谁来做、何时完成、做到多少
    或具名的措施载体，并且一半以上是空话（GW702、GW703 所说的那种）：这一部分只有原则和口号。
    背景、意义、指导思想、基本原则类部分不检查。

    ## 依据
    《党政机关公文处理工作条例》第十九条第二项“所提政策措施和办法切实可行”；《整治形式主义为基层减负若干规定》
    §一.2“着重提出贯彻落实的政策措施”。

    ## 示例
    错：
        关于做好有关工作的通知
        各单位：
        一、工作措施
        （一）加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。
        （二）强化责任落实。各级各部门要切实履行职责，层层压实责任，确保工作落到实处。
        （三）营造良好氛围。要广泛宣传，营造人人关心、人人参与的浓厚氛围。
    对：
        关于做好有关工作的通知
        各单位：
        一、工作措施
        （一）加强组织领导。成立由分管副市长任组长的工作专班，每月召开一次调度会。
        （二）强化责任落实。各级各部门要切实履行职责，层层压实责任，确保工作落到实处。
        （三）营造良好氛围。要广泛宣传，营造人人关心、人人参与的浓厚氛围。

    ## 修复
    给这一部分的每项工作写明责任单位、完成时限和可以检查的数量；写不出的，删去或并入别的部分。
    """
    inv = inventory(ctx)
    least = int(ctx.option("section-min-items"))
    for head, items in _sections(doc, inv):
        if len(items) < least or any(i.verdict is Verdict.MEASURE for i in items):
            continue
        empty = [i for i in items if i.verdict is Verdict.EMPTY]
        if 2 * len(empty) < len(items):
            continue
        label = heading_label(ORDINAL_RE.sub("", head.text)).strip()
        yield ctx.report(
            head, 0, len(head.text),
            f"“{label}”部分 {len(items)} 项工作都没有写明谁来做、何时完成或做到多少（其中 {len(empty)} 项只有套话）：请补上具体措施",
        )
