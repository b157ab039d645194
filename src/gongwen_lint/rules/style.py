"""GW7xx — empty phrasing and boilerplate (空话套话, 原则无措施, 文风, 减负).

The substance rules (GW702, GW703, GW708, GW709) read one inventory per document, built by
:mod:`gongwen_lint.substance` from packaged data: every work item judged a measure (who / when /
how much / a named instrument), a principle, or empty words.  The spaCy/jieba pipeline
(:mod:`gongwen_lint.nlp`) is loaded only when a sentence is in doubt — a run of characters the
packaged word table does not know — so most drafts never pay for it.  Dictionary-only rules
(GW701, GW704, GW706, GW707) never load it.  Everything is tunable through ``[options]`` and
``[dictionaries]``.

Scope: the drafter's running text (``model.TEXT_ROLES``: 正文, headings, 附件正文) — never the
title, 版头 or 版记.  Quotations and 书名号 titles are masked: citing 《…高度重视…的通知》 is
not writing 套话.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import lexicon
from ..diagnostics import Diagnostic, Severity
from ..model import HEADING_ROLES, TEXT_ROLES, Document, Genre, Paragraph, Role
from ..substance import Inventory, Item, Verdict
from ..substance.items import ORDINAL_RE, PROSE_ROLES, heading_label
from ..text import mask
from .registry import rule

_HAN = re.compile(r"[\u4e00-\u9fff]")
_NEGATED_BURDEN = re.compile(r"不|无需|毋需|严禁|禁止|取消|减少|精简|避免|杜绝|防止|清理|整合")
# Subject then a modal: 各地区、各部门要…, 各级人民政府必须…
_IMPERATIVE_RE = re.compile(r"^(?:[\u4e00-\u9fff、（）]{0,24}?)(?:要|必须|务必|应当|须|需要)(?=[\u4e00-\u9fff])")


# ---------------------------------------------------------------------------------------------
# shared helpers


def inventory(ctx, nlp: bool = True) -> Inventory:
    """The document's substance inventory, built once per document and shared by the rules.

    Runs of characters the packaged table does not know are read from packaged data too, unless
    the configuration sets ``style-nlp = true``: then rules that may load it (``nlp``) ask jieba's
    tagger (:mod:`gongwen_lint.nlp`), once per configuration.  GW704 (``nlp=False``) never loads it.
    """
    from .. import substance

    lex = lexicon.get(ctx)
    if nlp and ctx.option("style-nlp"):
        def resolve(text: str, runs: tuple[str, ...]) -> tuple[str, ...]:
            from .. import nlp as tagger

            return tagger.get(ctx).content_words(text, runs)

        return ctx.memo("substance:nlp", lambda: substance.analyse(ctx.doc, lex, resolve))
    return ctx.memoized("substance:nlp") or ctx.memo("substance:plain", lambda: substance.analyse(ctx.doc, lex))


def _in_section(headings: tuple[str, ...], keywords: list[str]) -> bool:
    return any(k in h for h in headings for k in keywords)


def _phrase_matches(lex: lexicon.StyleLexicon, text: str, exclude: frozenset[str] = frozenset({lexicon.BURDEN})):
    return [m for m in lex.boilerplate.find(text) if m.category not in exclude]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u3000\t":
        start += 1
    return start, end


def _looks_imperative(lex, masked: str) -> bool:
    s = masked.lstrip("　 ")
    if _IMPERATIVE_RE.match(s):
        return True
    cues = lex.words("measures", "imperative_cues") + lex.words("measures", "vague_verbs")
    return any(s.startswith(c) for c in cues)


def _is_measure_item(lex, item: Item) -> bool:
    """An item that sets out work to be done: a run-in heading, an item of a 任务/措施 section, or
    a sentence in the imperative (各地要…, 加强…)."""
    if item.lead is not None:
        return True
    keys = lex.words("sections", "measure") + lex.words("sections", "guarantee")
    if _in_section(item.span.headings, keys):
        return True
    return any(_looks_imperative(lex, mask(item.p.text[s.start:s.end])) for s in item.sentences)


#: Items shorter than this (Han characters) are never reported on their own: a line such as
#: 加强组织领导。 standing alone is a heading the drafter did not number, not a paragraph.
_MIN_REPORTED_HAN = 10


def _reportable(item: Item) -> bool:
    return not item.span.preamble and len(_HAN.findall(item.text)) >= _MIN_REPORTED_HAN


def _stock_list(item: Item, limit: int = 4) -> str:
    phrases = list(item.stock)[:limit]
    return "、".join(phrases)


def _stacked(lex, item: Item) -> bool:
    """An empty item that is mostly 套话 (≥ 2 stock phrases — not mere 空泛程度 modifiers such as
    进一步加强 — covering ≥ 25 % of it): GW702's, whatever its form; other empty items in the form
    of a measure are GW703's."""
    quiet = frozenset({lexicon.BURDEN, "空泛程度"})
    hits = [m for s in item.sentences for m in _phrase_matches(lex, item.p.text[s.start:s.end], quiet)]
    covered = sum(m.end - m.start for m in hits)
    return len(hits) >= 2 and covered >= 0.25 * max(1, len(_HAN.findall(item.text)))


def _gw703_item(lex, item: Item) -> bool:
    return _is_measure_item(lex, item) and not _stacked(lex, item)


def _report_item(ctx, item: Item, message: str, severity: Severity) -> Diagnostic:
    a, b = item.sentences[0].start, item.sentences[-1].end
    a, b = _trim(item.p.text, a, b)
    return ctx.report(item.p, a, b, message, severity=severity)


# ---------------------------------------------------------------------------------------------
# GW701


@rule(
    "GW701",
    "boilerplate-phrase",
    title="套话",
    severity=Severity.INFO,
    source="政策 中央八项规定；条例第19条",
    roles=TEXT_ROLES,
    options={"style-quiet-categories": ["空泛程度", "报送负担"], "style-max-hits-per-phrase": 3},
)
def boilerplate_phrase(p: Paragraph, ctx):
    """
    ## 检查内容
    正文（含各级标题、附件正文）中的套话，逐条给出类别：空喊重视、空喊落实、空泛程度、口号、背景意义套语。
    引号和书名号内的文字是引用，不检查。默认不逐条列出“空泛程度”（进一步、切实加强…，真实公文里随处可见，
    只计入套话占比）和“报送负担”（由 GW707 检查）；同一短语全文最多提示 3 次。

    ## 依据
    中央八项规定“精简文件简报，切实改进文风”；《党政机关公文处理工作条例》第十九条（内容简洁、文字精炼）；
    词表来源见 dictionaries/boilerplate.tsv 的 source 列。

    ## 示例
    错：各单位要高度重视，狠抓落实。
    对：市教育局于2025年6月底前完成30所学校的校舍改造。
    对：转发《关于高度重视安全生产工作的通知》。

    ## 修复
    删去套话，或换成具体的责任单位、任务、时限和数量。可在配置 [dictionaries] 中用 boilerplate-add /
    boilerplate-remove 增删词条，用 [options] style-quiet-categories 调整不逐条提示的类别。
    """
    lex = lexicon.get(ctx)
    quiet = frozenset(ctx.option("style-quiet-categories"))
    limit = int(ctx.option("style-max-hits-per-phrase"))
    counts = ctx.__dict__.setdefault("_gw701_counts", {})  # per document: Context lives for one file
    for m in lex.boilerplate.find(p.text):
        if m.category in quiet:
            continue
        n = counts.get(m.phrase, 0) + 1
        counts[m.phrase] = n
        if limit and n > limit:
            continue
        yield ctx.report(p, m.start, m.end, f"套话（{m.category}）：“{m.phrase}”——删去或换成具体措施")


# ---------------------------------------------------------------------------------------------
# GW702


@rule(
    "GW702",
    "empty-sentence",
    title="空话",
    severity=Severity.WARNING,
    source="政策 中央八项规定；条例第19条",
    roles=None,
    needs={"nlp"},
    options={"style-nlp": False},
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
    [options] style-nlp = true 时，词表里没有的生词（如“管廊”）交给 jieba 分词词性判断（GW702、GW703、GW708、GW709 共用）。
    """
    lex = lexicon.get(ctx)
    inv = inventory(ctx)
    for item in inv.items:
        if not _reportable(item):
            continue
        if item.verdict is Verdict.EMPTY:
            if _gw703_item(lex, item):
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
            if s.verdict is not Verdict.EMPTY:
                continue
            stock = _phrase_matches(lex, item.p.text[s.start:s.end])
            # Only a stack of stock phrases: an empty sentence next to the details it introduces
            # (加强组织领导。市政府成立……) is the item's topic, not a finding.
            if len(stock) < 2 or len(_HAN.findall(item.p.text[s.start:s.end])) < _MIN_REPORTED_HAN:
                continue
            a, b = _trim(item.p.text, s.start, s.end)
            phrases = f"（{'、'.join(dict.fromkeys(m.phrase for m in stock))}）" if stock else ""
            yield ctx.report(item.p, a, b, f"空话句：去掉套话{phrases}和泛指的词以后没有实际内容，可以删去", severity=Severity.INFO)
    yield from _slogan_headings(ctx, lex)
    yield from _slogan_quotes(ctx, inv)


#: A verb that takes a slogan for its object: 着力打造“鹰一样的个人，雁一样的团队”.
_SLOGAN_QUOTE_RE = re.compile(r"(?:打造|树立|营造|弘扬|发扬|践行|争当|争做|争创|唱响|叫响)(“[^”]{4,40}”)")


def _slogan_quotes(ctx, inv: Inventory) -> Iterator[Diagnostic]:
    """A quoted slogan of several phrases (“敢担当、善作为、重实干”) as the object of 打造/树立…,
    inside an item that has substance otherwise (an empty item is reported whole)."""
    from ..substance.slots import quotes

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
    from ..substance import Verdict as V
    from ..substance.clause import judge
    from ..substance.items import heading_lead_end, numbered_item
    from ..substance.table import load

    for p in ctx.doc.body:
        if p.role not in HEADING_ROLES or heading_lead_end(p) is not None or numbered_item(p):
            continue  # a run-in heading or a numbered item: judged as an item
        m = ORDINAL_RE.match(p.text)
        start = m.end() if m else 0
        text = p.text[start:].rstrip()
        if len(_HAN.findall(text)) < _SLOGAN_HEADING_HAN:
            continue
        if judge(lex, load(), text, mask(text)).verdict is V.EMPTY:
            yield ctx.report(p, start, start + len(text), "标题是口号：没有说出这部分要做的事——改为概括具体任务的标题", severity=Severity.INFO)


# ---------------------------------------------------------------------------------------------
# GW703


@rule(
    "GW703",
    "vague-measure",
    title="措施空泛",
    severity=Severity.WARNING,
    source="条例 第19条第2项“所提政策措施和办法切实可行”",
    roles=None,
    needs={"nlp"},
)
def vague_measure(doc: Document, ctx):
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
    inv = inventory(ctx)
    for item in inv.items:
        if item.verdict is not Verdict.EMPTY or not _reportable(item) or not _gw703_item(lex, item):
            continue
        verbs = [t.text for s in item.sentences for t in s.judgement.tokens if t.text in lex.category("泛化动词")]
        said = "、".join(dict.fromkeys(verbs[:5])) or _stock_list(item)
        said = f"只有“{said}”，" if said else ""
        yield _report_item(
            ctx, item,
            f"措施空泛：{said}没有责任单位、完成时限和数量，也没有具体对象——写明谁来做、何时完成、做到多少",
            Severity.WARNING,
        )


# ---------------------------------------------------------------------------------------------
# GW704


def boilerplate_share(doc: Document, lex: lexicon.StyleLexicon) -> tuple[float, int, Paragraph | None]:
    """(套话 share of Han characters, Han characters counted, the paragraph with the most 套话)."""
    total = covered = 0
    worst, worst_n = None, 0
    for p in doc.body:
        if p.role not in TEXT_ROLES:
            continue
        total += len(_HAN.findall(mask(p.text)))
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
    options={"style-max-boilerplate-ratio": 0.06, "style-density-min-chars": 200},
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
    删减套话，把篇幅留给具体措施。阈值用 [options] style-max-boilerplate-ratio 调整。
    """
    lex = lexicon.get(ctx)
    ratio, total, worst = boilerplate_share(doc, lex)
    inv = inventory(ctx, nlp=False)
    ctx.summary["boilerplate_ratio"] = round(ratio, 4)
    if inv.substance_ratio is not None:
        ctx.summary["substance_ratio"] = round(inv.substance_ratio, 4)
    limit = float(ctx.option("style-max-boilerplate-ratio"))
    if total >= int(ctx.option("style-density-min-chars")) and ratio > limit and worst is not None:
        yield ctx.report(
            worst, 0, len(worst.text),
            f"全文套话占比 {ratio:.1%}（阈值 {limit:.0%}）{_ratio_text(inv)}：本段套话最多，请压缩套话、充实具体措施",
        )


# ---------------------------------------------------------------------------------------------
# GW705


@rule(
    "GW705",
    "preamble-bloat",
    title="背景意义和组织保障篇幅过大",
    severity=Severity.WARNING,
    source="政策 《整治形式主义为基层减负若干规定》§一.2",
    roles=None,
    options={"style-max-preamble-share": 0.4, "style-preamble-min-chars": 1500},
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
        （此处为 1500 字的背景意义）
        二、主要任务
        2025年6月底前完成30所学校校舍改造。
    对：
        一、主要任务
        2025年6月底前完成30所学校校舍改造，所需资金1200万元由市财政安排。
        二、保障措施
        市教育局牵头。

    ## 修复
    删去或压缩背景、意义、原则，组织保障写清责任单位即可。阈值用 [options] style-max-preamble-share 调整。
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
        n = len(_HAN.findall(p.text))
        total += n
        if current is not None:
            head, m = sections[current.index]
            sections[current.index] = (head, m + n)
    if not sections or total < int(ctx.option("style-preamble-min-chars")):
        return
    share = sum(m for _, m in sections.values()) / total
    limit = float(ctx.option("style-max-preamble-share"))
    if share > limit:
        head, _ = max(sections.values(), key=lambda x: x[1])
        names = "、".join(heading_label(h.text).strip()[:12] for h, _ in sections.values())
        yield ctx.report(
            head, 0, len(head.text),
            f"背景意义和组织保障类内容（{names}）占正文 {share:.0%}（阈值 {limit:.0%}）：应开门见山，着重写具体措施",
        )


# ---------------------------------------------------------------------------------------------
# GW706

_SPECIAL_TITLE = re.compile(r"专项|开展[\u4e00-\u9fff]{1,30}(?:活动|行动|检查|整治|工作)的通知|做好[\u4e00-\u9fff]{1,30}工作的通知")
_LENGTH_GENRES = {Genre.NOTICE, Genre.OPINION, Genre.DECISION, Genre.BULLETIN, None}


@rule(
    "GW706",
    "length-limit",
    title="篇幅超过字数要求",
    severity=Severity.INFO,
    source="政策 《整治形式主义为基层减负若干规定》§一.2",
    roles=None,
    options={"style-max-chars": 5000, "style-max-chars-special": 4000},
)
def length_limit(doc: Document, ctx):
    """
    ## 检查内容
    通知、意见、决定、通报的正文（含各级标题，不含附件）字数：超过 5000 字提示；标题显示是部署专项工作
    （“专项”“关于开展……行动的通知”“关于做好……工作的通知”）的超过 4000 字提示。规定用语为“一般不超过”，
    所以只作 info。字数按汉字、数字和字母计，不计标点和空白。

    ## 依据
    《整治形式主义为基层减负若干规定》§一.2：“除部署综合性工作外，地方和部门文件一般不超过5000字，
    部署专项工作或者具体任务的文件一般不超过4000字。”

    ## 示例
    错：
        关于开展校园安全专项整治的通知
        各学校：
        （此处为超过 5000 字的正文）
    对：
        关于开展校园安全专项整治的通知
        各学校：
        请于2025年6月底前完成校舍安全排查。

    ## 修复
    压缩篇幅：删去背景意义和套话，细节放入附件。限值用 [options] style-max-chars / style-max-chars-special 调整。
    """
    if doc.genre not in _LENGTH_GENRES:
        return
    paras = [p for p in doc.body if p.role is Role.BODY or p.role in HEADING_ROLES]
    if not paras:
        return
    n = sum(len(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", p.text)) for p in paras)
    title = doc.first(Role.TITLE)
    title_text = title.text if title else ""
    special = bool(_SPECIAL_TITLE.search(title_text))
    limit = int(ctx.option("style-max-chars-special" if special else "style-max-chars"))
    if n > limit:
        kind = "部署专项工作的文件" if special else "文件"
        where = title if title is not None else paras[0]
        yield ctx.report(where, 0, len(where.text), f"正文约 {n} 字，{kind}一般不超过 {limit} 字：请压缩篇幅，细节可放入附件")


# ---------------------------------------------------------------------------------------------
# GW707


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


# ---------------------------------------------------------------------------------------------
# GW708


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
    options={"style-section-min-items": 3},
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
    least = int(ctx.option("style-section-min-items"))
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


# ---------------------------------------------------------------------------------------------
# GW709


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
    options={"style-min-substance-ratio": 0.2, "style-verdict-min-items": 4, "style-verdict-min-empty": 0.5},
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
    阈值用 [options] style-min-substance-ratio、style-verdict-min-items、style-verdict-min-empty 调整。
    """
    inv = inventory(ctx)
    ratio = inv.substance_ratio
    if ratio is None:
        return
    ctx.summary["substance_ratio"] = round(ratio, 4)
    work = inv.work_items
    empty = list(inv.empty)
    if len(work) < int(ctx.option("style-verdict-min-items")) or ratio >= float(ctx.option("style-min-substance-ratio")):
        return
    if len(empty) < float(ctx.option("style-verdict-min-empty")) * len(work):
        return
    anchor = doc.first(Role.TITLE) or work[0].p
    yield ctx.report(
        anchor, 0, len(anchor.text),
        f"全文 {len(work)} 项工作中只有 {len(inv.measures)} 项写明了谁来做、何时完成或做到多少（干货率 {ratio:.0%}）："
        f"只有原则性意见、没有切实可行措施的，不宜行文。空话：{_paragraph_list(empty)}",
    )


# The 错 example of GW706 needs a body over 5000 characters; it is generated rather than pasted.
_LONG_BODY = "请各学校于2025年6月底前完成校舍安全排查，排查结果报区教育局备案。" * 170
length_limit.__doc__ = (length_limit.__doc__ or "").replace("（此处为超过 5000 字的正文）", _LONG_BODY)
_LONG_PREAMBLE = "开展这项工作是贯彻落实上级部署的重要举措，对于推动高质量发展具有重要意义。" * 45
preamble_bloat.__doc__ = (preamble_bloat.__doc__ or "").replace("（此处为 1500 字的背景意义）", _LONG_PREAMBLE)
