"""GW703 vague-measure (措施空泛): empty items written in the form of a measure, read from the
shared substance inventory.  Its scope is ``items`` (a heading with its text, or a paragraph
under no heading): the engine hands it each item, and it judges the inventory's items there.
"""

from __future__ import annotations

from ... import lexicon
from ...diagnostics import Severity
from ...substance import Verdict
from .._zones import Item
from ..registry import rule
from ._common import (
    _report_item,
    _reportable,
    _stock_list,
    _vague_measure_item,
    inventory_items,
)


@rule(
    "GW703",
    "vague-measure",
    title="措施空泛",
    severity=Severity.WARNING,
    source="条例 第19条第2项“所提政策措施和办法切实可行”",
    scope="items",
    needs={"nlp"},
)
def vague_measure(unit: Item, ctx):
    """
    ## 检查内容
    一项工作措施——带小标题的一项（“（一）加强组织领导。要……”，小标题和后面的话一起看）、任务措施类标题
    （含“任务”“措施”“举措”“重点工作”等）下的段落，或“各地要……”“加强……”式的祈使句——不是套话堆砌（那由
    GW702 报告），而是只有“加强、完善、
    推进、提升”之类的动词和“工作机制、服务水平、良好氛围”之类的泛指宾语，没有责任单位（具名的机关，
    “各地各部门”不算）、时限（2025年6月底前、汛期前、每季度）、数量（数字加单位、百分比），也没有具名的
    台账、平台、资金或文件，更没有具体的对象：这是没有可操作内容的空泛措施，报 warning。
    写了具体对象（对所有加油站开展防雷装置检测、严禁在职教师有偿补课）但没有谁来做、何时完成的，是“原则”，不在这里报告，
    计入全文干货率（GW709）。

    ## 依据
    《党政机关公文处理工作条例》第十三条“注重针对性和可操作性”、第十九条第二项“所提政策措施和办法切实可行”；
    《整治形式主义为基层减负若干规定》§一.2“着重提出贯彻落实的政策措施”。

    ## 示例
    错：加强组织领导，完善工作机制，推进各项工作，全面提升服务水平。
    错：各区县要进一步加强监管，不断完善工作机制，全面提升安全水平。
    错：
        关于做好有关工作的通知
        各单位：
        （一）加强组织领导。要进一步加强领导，不断完善工作机制，确保各项工作有序推进。
    对：市教育局牵头，2025年6月底前完成30所学校的校舍改造。
    对：各区县要在6月底前完成排查，并将结果报市应急管理局。
    对：要加强农村供水工程建设和管护，推行水费计量收费。
    对：
        关于做好有关工作的通知
        各单位：
        （一）加强组织领导。成立由分管副市长任组长的工作专班，每月召开一次调度会。

    ## 修复
    写明责任单位、完成时限和可以检查的数量；说不出具体内容的措施宁可删去。
    """
    lex = lexicon.get(ctx)
    for item in inventory_items(ctx, unit):
        if item.verdict is not Verdict.EMPTY or not _reportable(item) or not _vague_measure_item(lex, item):
            continue
        verbs = [t.text for s in item.sentences for t in s.judgement.tokens if t.text in lex.category(lexicon.GENERIC_PREDICATE)]
        said = "、".join(dict.fromkeys(verbs[:5])) or _stock_list(item)
        said = f"只有“{said}”，" if said else ""
        # an item the specificity model made empty may name its field (种子市场, 危险化学品企业):
        # the message must not say it names nothing
        named = list(dict.fromkeys(t.text for s in item.sentences for t in s.judgement.tokens if t.kind == "noun"))
        lacks = (f"写了“{'、'.join(named[:3])}”，但没有责任单位、完成时限和数量，也没有具体做法" if named
                 else "没有责任单位、完成时限和数量，也没有具体对象")
        yield _report_item(
            ctx, item, f"措施空泛：{said}{lacks}——写明谁来做、何时完成、做到多少", Severity.WARNING,
        )
