"""GW702 empty-sentence (空话): items with nothing left once 套话, slogans and vague words are taken
out, read from the shared substance inventory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import lexicon, recache
from ...diagnostics import Diagnostic, Severity
from ...model import HEADING_ROLES, Document
from ...substance import Inventory, Verdict
from ...substance.items import ORDINAL_RE
from ...text import count_han, mask
from ..registry import rule
from ._common import (
    _MIN_REPORTED_HAN,
    _phrase_matches,
    _report_item,
    _reportable,
    _stock_list,
    _trim,
    _vague_measure_item,
    inventory,
)


@rule(
    "GW702",
    "empty-sentence",
    title="空话",
    severity=Severity.WARNING,
    source="政策 中央八项规定；条例第19条",
    roles=None,
    needs={"nlp"},
)
def empty_sentence(doc: Document, ctx):
    """
    ## 检查内容
    一段话（或带小标题的一项）去掉套话、口号、泛指的主语和宾语（各地各部门、工作机制、思想认识……）、
    空泛的动词（加强、提升、营造……）和修饰语以后，没有剩下任何实际内容：没有责任单位、时限、数量、
    具名的台账/平台/资金/文件，也没有具体的对象或动作。套话堆砌（两个以上套话占四分之一以上篇幅）、表态、口号、
    自我评价式的段落报 warning（其余写成措施样子的空段落由 GW703 报告）；有实际内容的段落里叠用两个以上套话的
    句子、口号式的标题（“让求真务实精神融入思想，力促作风实现质的转变”）和口号式引语（着力打造“鹰一样的个人，
    雁一样的团队”）报 info。
    判断方法见 docs/style.md“实质分析”。背景、意义、指导思想、基本原则类章节不检查（由 GW705 管篇幅）。

    ## 依据
    中央八项规定“没有实质内容、可发可不发的文件、简报一律不发”；《党政机关公文处理工作条例》第十九条；
    判断方法见 references/domain.md §4.3（剩余内容测试）。

    ## 示例
    错：各单位要高度重视，切实加强领导，狠抓落实，确保取得实效。
    错：让求真务实精神融入思想，力促作风实现质的转变。
    错：今年以来，在上级的坚强领导下，全局上下团结一心、奋力拼搏，各项工作取得了显著成效。
    对：各单位要高度重视校园安全，2025年9月1日前完成全部校舍安全排查。
    对：要进一步加强危险化学品企业安全生产监管，狠抓落实。
    对：全年完成固定资产投资12.6亿元，同比增长8.3%。

    ## 修复
    删去这段，或写明谁来做、做什么、何时完成、做到多少。判断全部来自随包数据，不加载分词；
    共用设置 [tool.gongwen-lint.style] nlp = true 时，词表里没有的生词（如“管廊”）交给 jieba 分词词性判断（GW702、GW703、GW708、GW709 共用）。
    """
    lex = lexicon.get(ctx)
    inv = inventory(ctx)
    for item in inv.items:
        if not _reportable(item):
            continue
        if item.verdict is Verdict.EMPTY:
            if _vague_measure_item(lex, item):
                continue  # GW703
            stock = _stock_list(item)
            what = f"（{stock}）" if stock else ""
            yield _report_item(
                ctx, item,
                f"空话：去掉套话{what}和泛指的词以后没有实际内容——写明谁来做、做什么、何时完成、做到多少，或删去",
                Severity.WARNING,
            )
            continue
        for s in item.sentences:
            if len(s.stock) < 2 or s.verdict is not Verdict.EMPTY:
                continue  # (the stock first: it is known without reading the sentence's words)
            stock = _phrase_matches(lex, item.p.text[s.start:s.end])
            # Only a stack of stock phrases: an empty sentence next to the details it introduces
            # (加强组织领导。市政府成立……) is the item's topic, not a finding.
            if len(stock) < 2 or count_han(item.p.text[s.start:s.end]) < _MIN_REPORTED_HAN:
                continue
            a, b = _trim(item.p.text, s.start, s.end)
            phrases = f"（{'、'.join(dict.fromkeys(m.phrase for m in stock))}）" if stock else ""
            yield ctx.report(item.p, a, b, f"空话句：去掉套话{phrases}和泛指的词以后没有实际内容，可以删去", severity=Severity.INFO)
    yield from _slogan_headings(ctx, lex)
    yield from _slogan_quotes(ctx, inv)


#: A verb that takes a slogan for its object: 着力打造“鹰一样的个人，雁一样的团队”.
_SLOGAN_QUOTE_RE = recache.compile(r"(?:打造|树立|营造|弘扬|发扬|践行|争当|争做|争创|唱响|叫响)(“[^”]{4,40}”)")


def _slogan_quotes(ctx, inv: Inventory) -> Iterator[Diagnostic]:
    """A quoted slogan of several phrases (“敢担当、善作为、重实干”) as the object of 打造/树立…,
    inside an item that has substance otherwise (an empty item is reported whole)."""
    from ...substance.slots import quotes

    for item in inv.items:
        if item.verdict is Verdict.EMPTY or not _reportable(item):
            continue
        named = {q.start for q in quotes(item.p.text) if q.named}
        for m in _SLOGAN_QUOTE_RE.finditer(item.p.text, item.span.start, item.span.end):
            quote = m.group(1)
            if m.start(1) in named or not re.search(r"[，,、；]", quote):
                continue
            if re.match(r"的?(?:方针|原则|战略|方略)", item.p.text[m.end():m.end() + 3]):
                continue  # a quoted policy principle (“安全第一、预防为主”的方针) is cited, not coined
            yield ctx.report(item.p, m.start(), m.end(), f"口号：{m.group()}——说明具体要做什么、做到什么程度", severity=Severity.INFO)


#: A heading this long (Han characters) that says nothing is a slogan, not a title.
_SLOGAN_HEADING_HAN = 15


def _slogan_headings(ctx, lex) -> Iterator[Diagnostic]:
    from ...substance import Verdict as V
    from ...substance.clause import judge
    from ...substance.items import heading_lead_end, numbered_item
    from ...substance.table import load

    for p in ctx.doc.body:
        if p.role not in HEADING_ROLES or heading_lead_end(p) is not None or numbered_item(p):
            continue  # a run-in heading or a numbered item: judged as an item
        m = ORDINAL_RE.match(p.text)
        start = m.end() if m else 0
        text = p.text[start:].rstrip()
        if count_han(text) < _SLOGAN_HEADING_HAN:
            continue
        if judge(lex, load(), text, mask(text)).verdict is V.EMPTY:
            yield ctx.report(p, start, start + len(text), "标题是口号：没有说出这部分要做的事——改为概括具体任务的标题", severity=Severity.INFO)
