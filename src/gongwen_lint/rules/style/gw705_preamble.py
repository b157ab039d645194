"""GW705 preamble-bloat (背景意义和组织保障篇幅过大): the 背景、意义 and 组织保障 parts against the whole.
"""

from __future__ import annotations

from ... import lexicon
from ...diagnostics import Severity
from ...model import HEADING_ROLES, Document, Paragraph, Role
from ...substance.items import PROSE_ROLES, heading_label
from ...text import count_han
from ..registry import rule


@rule(
    "GW705",
    "preamble-bloat",
    title="背景意义和组织保障篇幅过大",
    severity=Severity.WARNING,
    source="政策 《整治形式主义为基层减负若干规定》§一.2",
    roles=None,
    options={"max-preamble-share": 0.4, "preamble-min-chars": 1500},
)
def preamble_bloat(doc: Document, ctx):
    """
    ## 检查内容
    按一级标题（没有一级标题时按二级标题）分节，统计“背景、意义、形势、指导思想、基本原则、总体要求”类和
    “组织领导、组织保障、保障措施”类各节的字数占正文的比例；合计超过 40%（正文不少于 1500 字时）报告一次。

    ## 依据
    《整治形式主义为基层减负若干规定》§一.2：“文件应当开门见山、直奔主题，着重提出贯彻落实的政策措施，
    一般不必阐述形势背景、重要意义、主要原则等内容……加强领导、落实责任、组织保障等内容应当精炼。”

    ## 示例
    错：
        一、重要意义
        （重复 45 次）开展这项工作是贯彻落实上级部署的重要举措，对于推动高质量发展具有重要意义。
        二、主要任务
        2025年6月底前完成30所学校校舍改造。
    对：
        一、主要任务
        2025年6月底前完成30所学校校舍改造，所需资金1200万元由市财政安排。
        二、保障措施
        市教育局牵头。

    ## 修复
    删去或压缩背景、意义、原则，组织保障写清责任单位即可。阈值用 [tool.gongwen-lint.GW705] 的 max-preamble-share 调整。
    """
    lex = lexicon.get(ctx)
    keys = lex.words("sections", "preamble") + lex.words("sections", "guarantee")
    level = Role.HEADING1 if doc.first(Role.HEADING1) else Role.HEADING2
    total = 0
    sections: dict[int, tuple[Paragraph, int]] = {}
    current: Paragraph | None = None
    for p in doc.body:
        if p.role is level:
            current = p if any(k in heading_label(p.text) for k in keys) else None
            if current is not None:
                sections[current.index] = (current, 0)
            continue
        if p.role not in PROSE_ROLES and p.role not in HEADING_ROLES:
            continue
        n = count_han(p.text)
        total += n
        if current is not None:
            head, m = sections[current.index]
            sections[current.index] = (head, m + n)
    if not sections or total < int(ctx.option("preamble-min-chars")):
        return
    share = sum(m for _, m in sections.values()) / total
    limit = float(ctx.option("max-preamble-share"))
    if share > limit:
        head, _ = max(sections.values(), key=lambda x: x[1])
        names = "、".join(heading_label(h.text).strip()[:12] for h, _ in sections.values())
        yield ctx.report(
            head, 0, len(head.text),
            f"背景意义和组织保障类内容（{names}）占正文 {share:.0%}（阈值 {limit:.0%}）：应开门见山，着重写具体措施",
        )
