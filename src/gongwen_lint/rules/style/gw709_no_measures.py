"""GW709 no-concrete-measures (全文缺少切实可行的措施): a whole document without concrete measures,
read from the shared substance inventory.
"""

from __future__ import annotations

from ...diagnostics import Severity
from ...model import Document, Role
from ...substance import Item
from ..registry import rule
from ._common import (
    inventory,
)


def _paragraph_list(items: list[Item], limit: int = 5) -> str:
    shown = [f"第{i.p.index}段“{i.what[:14]}”" for i in items[:limit]]
    more = f"等 {len(items)} 项" if len(items) > limit else ""
    return "、".join(shown) + more


@rule(
    "GW709",
    "no-concrete-measures",
    title="全文缺少切实可行的措施",
    severity=Severity.WARNING,
    source="政策 中央八项规定“没有实质内容……的文件一律不发”；条例第19条第2项",
    roles=None,
    needs={"nlp"},
    options={"min-substance-ratio": 0.2, "verdict-min-items": 4, "verdict-min-empty": 0.5},
)
def no_concrete_measures(doc: Document, ctx):
    """
    ## 检查内容
    全文的干货率：写明了谁来做（具名的机关）、何时完成（时限）、做到多少（数量）或具名的措施载体（台账、平台、
    资金、文件）的工作项所占的比例（背景、意义、原则类部分不计）。工作项不少于 4 项、干货率低于 20%，
    并且一半以上的工作项是空话时，报告一次，列出空话最多的段落。干货率写入 JSON 结果 summary 的
    substance_ratio，`gongwen-lint inspect --substance` 列出每一项的判断。

    ## 依据
    中央八项规定“没有实质内容、可发可不发的文件、简报一律不发”；《党政机关公文处理工作条例》第十九条第二项
    “所提政策措施和办法切实可行”；宜发〔2008〕13号等地方文件“只有原则性意见、没有提出切实可行的措施或办法的，
    不仓促行文”。

    ## 示例
    错：
        关于做好有关工作的通知
        各单位：
        一、提高思想认识。要进一步提高思想认识，切实增强工作的责任感和紧迫感。
        二、加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。
        三、强化责任落实。各级各部门要切实履行职责，层层压实责任，确保工作落到实处。
        四、营造良好氛围。要广泛宣传发动，营造人人关心、人人参与的浓厚氛围。
    对：
        关于做好有关工作的通知
        各单位：
        一、开展排查。各乡镇于2025年4月30日前完成辖区内所有自建房的安全排查。
        二、落实资金。市财政安排专项资金800万元，用于危房改造补助。
        三、加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。
        四、强化督查。市住建局每月通报各乡镇排查进度。

    ## 修复
    给每项工作写明谁来做、何时完成、做到多少；写不出具体措施的，按“不仓促行文”的要求暂缓发文。
    阈值用 [tool.gongwen-lint.GW709] 的 min-substance-ratio、verdict-min-items、verdict-min-empty 调整。
    """
    inv = inventory(ctx)
    ratio = inv.substance_ratio
    if ratio is None:
        return
    ctx.summary["substance_ratio"] = round(ratio, 4)
    work = inv.work_items
    empty = list(inv.empty)
    if len(work) < int(ctx.option("verdict-min-items")) or ratio >= float(ctx.option("min-substance-ratio")):
        return
    if len(empty) < float(ctx.option("verdict-min-empty")) * len(work):
        return
    anchor = doc.first(Role.TITLE) or work[0].p
    yield ctx.report(
        anchor, 0, len(anchor.text),
        f"全文 {len(work)} 项工作中只有 {len(inv.measures)} 项写明了谁来做、何时完成或做到多少（干货率 {ratio:.0%}）："
        f"只有原则性意见、没有切实可行措施的，不宜行文。空话：{_paragraph_list(empty)}",
    )
