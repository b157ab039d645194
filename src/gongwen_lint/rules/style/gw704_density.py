"""GW704 boilerplate-density (套话占比过高): the share of 套话 in the running text (never loads the
NLP pipeline).
"""

from __future__ import annotations

from ... import lexicon
from ...diagnostics import Severity
from ...model import TEXT_ROLES, Document, Paragraph
from ...substance import Inventory
from ...text import count_han, mask
from ..registry import rule
from ._common import (
    _phrase_matches,
    inventory,
)


def boilerplate_share(doc: Document, lex: lexicon.StyleLexicon) -> tuple[float, int, Paragraph | None]:
    """(套话 share of Han characters, Han characters counted, the paragraph with the most 套话)."""
    total = covered = 0
    worst, worst_n = None, 0
    for p in doc.body:
        if p.role not in TEXT_ROLES:
            continue
        total += count_han(mask(p.text))
        matches = _phrase_matches(lex, p.text)
        covered += sum(m.end - m.start for m in matches)
        if len(matches) > worst_n:
            worst, worst_n = p, len(matches)
    return (covered / total if total else 0.0), total, worst


def _ratio_text(inv: Inventory) -> str:
    r = inv.substance_ratio
    return "" if r is None else f"，干货率 {r:.0%}"


@rule(
    "GW704",
    "boilerplate-density",
    title="套话占比过高",
    severity=Severity.WARNING,
    source="政策 中央八项规定；条例第19条",
    roles=None,
    options={"max-boilerplate-ratio": 0.06, "density-min-chars": 200},
)
def boilerplate_density(doc: Document, ctx):
    """
    ## 检查内容
    全文（正文、各级标题、附件正文）中套话所占的字数比例（套话率）。套话率和干货率（写明了谁来做、何时完成、
    做到多少或具名措施载体的工作项所占比例，见 GW709）写入每个文件 JSON 结果的 summary（boilerplate_ratio、
    substance_ratio）；套话率超过阈值（默认 6%，正文不少于 200 字时）报告一次。

    ## 依据
    中央八项规定“切实改进文风”；《党政机关公文处理工作条例》第十九条；《整治形式主义为基层减负若干规定》§一.2
    “坚持短实新文风”。阈值按国务院文件实测设定，见 eval/eval_style.py。

    ## 示例
    错：
        各单位要高度重视，统一思想，提高政治站位，认清形势，狠抓落实，确保取得实效，务求实效，形成合力。
        要精心组织，周密部署，抓实抓细，抓出成效，见到实效，全力以赴，高位推动，守土有责，落到实处。
        要认真贯彻落实，扎实推进，抓好落实，抓紧抓实，压实责任，营造良好氛围，掀起高潮，确保取得实效。
        要进一步提高认识，采取有力措施，严格落实，督促落实，落实到位，形成合力，务求实效，见到实效。
        要高度重视，统一思想，狠抓落实，精心部署，周密部署，全力以赴，守土有责，抓出成效，落到实处。
        要提高政治站位，认清形势，统一思想，全力以赴，务求实效，营造良好氛围，形成合力，抓好落实。
    对：
        市教育局于2025年6月底前完成30所学校的校舍改造，所需资金1200万元由市财政安排。

    ## 修复
    删减套话，把篇幅留给具体措施。阈值用 [tool.gongwen-lint.GW704] 的 max-boilerplate-ratio 调整。
    """
    lex = lexicon.get(ctx)
    ratio, total, worst = boilerplate_share(doc, lex)
    inv = inventory(ctx, nlp=False)
    ctx.summary["boilerplate_ratio"] = round(ratio, 4)
    if inv.substance_ratio is not None:
        ctx.summary["substance_ratio"] = round(inv.substance_ratio, 4)
    limit = float(ctx.option("max-boilerplate-ratio"))
    if total >= int(ctx.option("density-min-chars")) and ratio > limit and worst is not None:
        yield ctx.report(
            worst, 0, len(worst.text),
            f"全文套话占比 {ratio:.1%}（阈值 {limit:.0%}）{_ratio_text(inv)}：本段套话最多，请压缩套话、充实具体措施",
        )
