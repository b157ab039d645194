"""GW707 reporting-burden (报送填报负担): demands to report, fill in forms or submit material.
"""

from __future__ import annotations

from ... import lexicon
from ...diagnostics import Severity
from ...model import TEXT_ROLES, Paragraph
from ...text import mask
from ..registry import rule
from ._common import (
    _NEGATED_BURDEN,
)


@rule(
    "GW707",
    "reporting-burden",
    title="报送填报负担",
    severity=Severity.INFO,
    source="政策 《整治形式主义为基层减负若干规定》§一.3",
    roles=TEXT_ROLES,
)
def reporting_burden(p: Paragraph, ctx):
    """
    ## 检查内容
    要求基层报送、填报、建台账、留痕、打卡的句子（info）；同一分句里还有“每日、每周、实时、随时”等高频率
    要求的为 warning。说的是不再要求、取消、减少报送的（“不得要求基层填报”）不算。

    ## 依据
    《整治形式主义为基层减负若干规定》§一.3：一般不得要求报送贯彻落实情况；2019 年中办《关于解决形式主义突出问题
    为基层减负的通知》（文山会海、过度留痕）。

    ## 示例
    错：各街道每周五前报送工作台账和佐证材料。
    对：不得要求基层填报各类统计报表。
    对：2025年6月底前完成30所学校校舍改造。

    ## 修复
    确需了解情况的，通过已有信息系统共享获取，或降低频率、合并报送。
    """
    lex = lexicon.get(ctx)
    hits = [m for m in lex.boilerplate.find(p.text) if m.category == lexicon.BURDEN]
    if not hits:
        return
    high = lex.words("burden", "high_frequency")
    cues = lex.words("burden", "demand_cues") + high + lex.words("burden", "frequency")
    masked = mask(p.text)
    done: set[tuple[int, int]] = set()
    for m in hits:
        # The clause around the hit: between clause punctuation.
        a = max(masked.rfind(c, 0, m.start) for c in "，。；：！？") + 1
        ends = [i for i in (masked.find(c, m.end) for c in "，。；！？") if i >= 0]
        b = min(ends) if ends else len(masked)
        sa = max(masked.rfind(c, 0, m.start) for c in "。；！？") + 1
        if (sa, b) in done:
            continue
        clause = masked[a:b]
        if _NEGATED_BURDEN.search(masked[a:m.start]):
            continue
        sentence = masked[sa:b]
        if any(h in clause for h in high):
            sev = Severity.WARNING
        elif any(c in sentence for c in cues):
            sev = Severity.INFO
        else:
            continue
        done.add((sa, b))
        freq = next((h for h in high if h in clause), None)
        what = f"高频（{freq}）" if freq else ""
        yield ctx.report(
            p, m.start, m.end,
            f"{what}报送负担：要求“{m.phrase}”——确有必要吗？能否通过已有系统获取、降低频率或合并报送",
            severity=sev,
        )
