"""GW7xx — empty phrasing and boilerplate (空话套话, 文风, 减负).

Dictionary-only rules (GW701, GW704, GW706, GW707) never load spaCy, so a default check stays
fast.  GW702 and GW703 first decide what the dictionaries and patterns can decide, and ask the
NLP pipeline (:mod:`gongwen_lint.nlp`) only about the sentences still in doubt; they warn only
when confident (nothing concrete left at all) and everything is tunable through ``[options]``.

Scope: the drafter's running text (``model.TEXT_ROLES``: 正文, headings, 附件正文) — never the
title, 版头 or 版记.  Quotations and 书名号 titles are masked: citing 《…高度重视…的通知》 is
not writing 套话.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .. import lexicon
from ..diagnostics import Severity
from ..model import HEADING_ROLES, TEXT_ROLES, Document, Genre, Paragraph, Role
from ..text import MASK, mask, sentences
from .registry import rule

PROSE_ROLES = frozenset({Role.BODY, Role.ATTACHMENT_BODY})
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")

# A deadline: an explicit date or period limit (2025年6月底前, 年底前, 10个工作日内, 3月15日).
DEADLINE_RE = re.compile(
    r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日|底|末|上半年|下半年|年底)?(?:前|之前|以前|起|内)?"
    r"|\d{1,2}月(?:\d{1,2}日|底|末|上旬|中旬|下旬)(?:前|之前)?"
    r"|(?:年底|年内|月底|季度末|本月|本季度)前|年底|年内"
    r"|(?:\d+|[一二两三四五六七八九十]+)个?(?:工作日|日|天|周|星期|月|小时)内"
    r"|(?:\d+|[一二两三四五六七八九十]+)年内"
)
# A quantity: a number with a unit, or a percentage.
QUANTITY_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|‰|万|亿|千|百|个|项|家|所|人|名|元|件|次|户|公里|千米|米|吨|亩|公顷|平方|天|小时|批|座|条|套|"
    r"台|辆|倍|千瓦|兆瓦|立方|床|张|期|场|轮|类|种|处|份|本|篇|分)"
    r"|[二两三四五六七八九十百千万]+(?:个|项|家|所|名|件|次|批|座|条|类|种|处|万|亿|倍|成)"
    r"|百分之[一二三四五六七八九十百点]+"
)
RESPONSIBLE_RE = re.compile(
    r"由[^，。；：]{1,24}?(?:负责|牵头|承担|组织实施|会同|统筹)"
    r"|牵头单位|责任单位|牵头部门|责任部门|配合单位|责任人|负总责|[（(](?:牵头|责任)"
)
_DIGIT_OR_LATIN = re.compile(r"[0-9０-９A-Za-z]")
# Subject then a modal: 各地区、各部门要…, 各级人民政府必须…
_IMPERATIVE_RE = re.compile(r"^(?:[\u4e00-\u9fff、（）]{0,24}?)(?:要|必须|务必|应当|须|需要)(?=[\u4e00-\u9fff])")
# A generic plural subject before the modal — 各区县、各部门要…, 全市上下必须…, 有关单位要… — names
# the addressees in general, not a unit made responsible for a task (compare 市应急管理局牵头).
_GENERIC_SUBJECT_PART = re.compile(r"(?:各(?:级|有关)?|全|所有|有关|广大)[\u4e00-\u9fff（）()]{0,10}|我们|大家")
_NEGATED_BURDEN = re.compile(r"不|无需|毋需|严禁|禁止|取消|减少|精简|避免|杜绝|防止|清理|整合")


# ---------------------------------------------------------------------------------------------
# shared helpers


@dataclass
class _Unit:
    """A paragraph of running text with the headings above it."""

    p: Paragraph
    headings: tuple[str, ...]  # texts of the enclosing headings, outermost first


def _heading_label(text: str) -> str:
    """The heading proper: up to its first full stop (a run-in heading carries its paragraph)."""
    return re.split(r"[。；：:]|(?<=.)[（(]", text, maxsplit=1)[0][:30]


def _units(doc: Document) -> Iterator[_Unit]:
    stack: dict[int, str] = {}
    order = {Role.HEADING1: 1, Role.HEADING2: 2, Role.HEADING3: 3, Role.HEADING4: 4}
    for p in doc.body:
        if p.role in HEADING_ROLES:
            level = order[p.role]
            stack = {k: v for k, v in stack.items() if k < level}
            stack[level] = _heading_label(p.text)
        elif p.role in PROSE_ROLES:
            yield _Unit(p, tuple(stack[k] for k in sorted(stack)))
        elif p.role in (Role.ATTACHMENT_LABEL, Role.ATTACHMENT_TITLE):
            stack = {}


def _in_section(headings: tuple[str, ...], keywords: list[str]) -> bool:
    return any(k in h for h in headings for k in keywords)


def _phrase_matches(lex: lexicon.StyleLexicon, text: str, exclude: frozenset[str] = frozenset({lexicon.BURDEN})):
    return [m for m in lex.boilerplate.find(text) if m.category not in exclude]


def _has_concrete_marker(lex: lexicon.StyleLexicon, text: str, masked: str) -> bool:
    """Numbers, dates, names of organs, citations: something a reader can act on or check."""
    return bool(
        MASK in masked
        or _DIGIT_OR_LATIN.search(masked)
        or DEADLINE_RE.search(masked)
        or QUANTITY_RE.search(masked)
        or RESPONSIBLE_RE.search(masked)
        or lex.organs(masked)
    )


def _generic_subject(lex: lexicon.StyleLexicon, masked: str) -> tuple[int, int] | None:
    """The span of a leading generic plural subject (各区县要…), which says nothing of who acts.

    Only a subject of determiner-led parts joined by 、/和/及 counts; one naming an organ
    (各区县人民政府) or a responsible party is left alone, so it still anchors the measure.
    """
    lead = len(masked) - len(masked.lstrip("　 "))
    m = _IMPERATIVE_RE.match(masked, lead)
    if not m:
        return None
    modal = re.search(r"(?:要|必须|务必|应当|须|需要)$", m.group())
    subject = m.group()[: modal.start()] if modal else ""
    parts = [x for x in re.split(r"[、和及与]", subject) if x]
    if not parts or not all(_GENERIC_SUBJECT_PART.fullmatch(x) for x in parts):
        return None
    if lex.organs(subject) or RESPONSIBLE_RE.search(subject):
        return None
    return lead, lead + len(subject)


def _residual(lex: lexicon.StyleLexicon, text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence without stock phrases, punctuation, function words and generic nouns."""
    chars = list(text)
    for a, b in spans:
        for k in range(a, b):
            chars[k] = " "
    rest = _NOT_HAN.sub(" ", "".join(chars))
    return lex.strip_re.sub("", rest).replace(" ", "")


def _spans_chars(spans: list[tuple[int, int]]) -> set[int]:
    return {k for a, b in spans for k in range(a, b)}


def _covered(matches) -> set[int]:
    out: set[int] = set()
    for m in matches:
        out.update(range(m.start, m.end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u3000\t":
        start += 1
    return start, end


def _pipeline(ctx):
    from .. import nlp

    return nlp.get(ctx)


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


def _is_empty_sentence(ctx, lex, sentence: str, min_residual: int) -> tuple[bool, list]:
    """(empty?, phrase matches) for one sentence — dictionary first, NLP only when in doubt."""
    matches = _phrase_matches(lex, sentence)
    if not matches:
        return False, matches
    masked = mask(sentence)
    if len(_HAN.findall(masked)) < 6 or _has_concrete_marker(lex, sentence, masked):
        return False, matches
    spans = [(m.start, m.end) for m in matches]
    subject = _generic_subject(lex, masked)
    if subject:
        spans.append(subject)
    residual = _residual(lex, masked, spans)
    if len(residual) >= min_residual:
        return False, matches
    # In doubt: is any content word (not a stock phrase, not generic) left?
    pipe = _pipeline(ctx)
    parts = pipe.measure_parts(pipe(masked), _spans_chars(spans))
    concrete_verbs = [v for v in parts.verbs if not pipe.is_generic(v) and v not in lex.function_words and len(v) > 1]
    if parts.nouns or parts.organs or concrete_verbs or parts.quantity or parts.responsible:
        return False, matches
    return True, matches


@rule(
    "GW702",
    "empty-sentence",
    title="空话句",
    severity=Severity.WARNING,
    source="政策 中央八项规定；条例第19条",
    roles=None,
    needs={"nlp"},
    options={"style-empty-min-residual": 8},
)
def empty_sentence(doc: Document, ctx):
    """
    ## 检查内容
    一句话去掉套话、虚词、泛指词和标点后，没有剩下任何实际内容（没有数字、时限、机关名称、
    引用的文件，也没有具体的名词或动作），就是空话句。叠用两个以上套话的空话句为 warning，
    只有一个套话的为 info。只查正文和附件正文的句子，不查标题。

    ## 依据
    中央八项规定“没有实质内容、可发可不发的文件、简报一律不发”；《党政机关公文处理工作条例》第十九条；
    判断方法见 references/domain.md §4.3（剩余内容测试）。

    ## 示例
    错：各单位要高度重视，切实加强领导，狠抓落实，确保取得实效。
    对：各单位要高度重视校园安全，2025年9月1日前完成全部校舍安全排查。
    对：要进一步加强安全生产监管，狠抓落实。

    ## 修复
    删去这句，或写明谁来做、做什么、何时完成。残余内容的长度阈值用 [options] style-empty-min-residual 调整。
    """
    lex = lexicon.get(ctx)
    min_residual = int(ctx.option("style-empty-min-residual"))
    for unit in _units(doc):
        p = unit.p
        for start, end in sentences(p.text):
            empty, matches = _is_empty_sentence(ctx, lex, p.text[start:end], min_residual)
            if not empty:
                continue
            phrases = "、".join(dict.fromkeys(m.phrase for m in matches))
            sev = Severity.WARNING if len(matches) >= 2 else Severity.INFO
            a, b = _trim(p.text, start, end)
            yield ctx.report(
                p, a, b,
                f"空话句：去掉套话（{phrases}）后没有实际内容——写明谁来做、做什么、何时完成，或删去",
                severity=sev,
            )


# ---------------------------------------------------------------------------------------------
# GW703


def _who_when(lex, masked: str) -> bool:
    return bool(RESPONSIBLE_RE.search(masked) or DEADLINE_RE.search(masked) or lex.organs(masked))


@rule(
    "GW703",
    "vague-measure",
    title="措施空泛",
    severity=Severity.WARNING,
    source="条例 第19条第2项“所提政策措施和办法切实可行”",
    roles=None,
    needs={"nlp"},
    options={"style-vague-min-verbs": 2},
)
def vague_measure(doc: Document, ctx):
    """
    ## 检查内容
    任务、措施部分（标题含“任务”“措施”“举措”“重点工作”等）的句子，以及无标题正文中的祈使句
    （“各地要…”“必须…”），只用“加强、完善、推进、提升”之类的动词，宾语也只是“工作机制、服务水平”
    之类的泛指词（“监管、安全水平”这类只说领域、不说对象的词也算泛指），并且本句和本段都没有责任主体
    （牵头单位、由…负责、机关名称）、时限（2025年6月底前、年底前、10个工作日内）和数量（数字加单位、百分比）：
    这是没有可操作内容的空泛措施。“各区县、各部门、各单位要…”这类泛指的主语只是点名受文对象，不算责任主体。
    两个以上分句都是这样的为 warning，只有一个分句的为 info。GW702 已报为 warning 的叠用套话句
    （高度重视、狠抓落实……）不再重复报告。

    ## 依据
    《党政机关公文处理工作条例》第十三条“注重针对性和可操作性”、第十九条第二项“所提政策措施和办法切实可行”；
    《整治形式主义为基层减负若干规定》§一.2“着重提出贯彻落实的政策措施”。

    ## 示例
    错：加强组织领导，完善工作机制，推进各项工作，全面提升服务水平。
    错：各区县要进一步加强监管，不断完善工作机制，全面提升安全水平。
    对：市教育局牵头，2025年6月底前完成30所学校的校舍改造。
    对：各区县要在6月底前完成排查，并将结果报市应急管理局。
    对：要加强农村饮水安全工程建设，完善水价形成机制。

    ## 修复
    写明责任单位、完成时限和可以检查的数量；说不出具体内容的措施宁可删去。
    """
    lex = lexicon.get(ctx)
    min_verbs = int(ctx.option("style-vague-min-verbs"))
    gw702_residual = int(ctx.option("style-empty-min-residual"))
    measure_keys = lex.words("sections", "measure") + lex.words("sections", "guarantee")
    for unit in _units(doc):
        p = unit.p
        pmasked = mask(p.text)
        in_section = _in_section(unit.headings, measure_keys)
        if _has_concrete_marker(lex, p.text, pmasked) or any(RESPONSIBLE_RE.search(mask(h)) or lex.organs(mask(h)) for h in unit.headings[-1:]):
            # The paragraph names who, when or how much somewhere (a topic sentence followed by
            # the details), or its heading names who/when: its measures are anchored.
            continue
        for start, end in sentences(p.text):
            sentence = p.text[start:end]
            masked = pmasked[start:end]
            if len(_HAN.findall(masked)) < 6 or _has_concrete_marker(lex, sentence, masked):
                continue
            if not in_section and not _looks_imperative(lex, masked):
                continue
            all_stock = _phrase_matches(lex, sentence)
            spans = [(m.start, m.end) for m in all_stock]
            subject = _generic_subject(lex, masked)
            if subject:
                spans.append(subject)  # 各区县要…: addressees in general, not a responsible unit
            if len(_residual(lex, masked, spans)) >= _GW703_RESIDUAL:
                continue  # words beyond the generic vocabulary are left: there is an object
            stock = _phrase_matches(lex, sentence, frozenset({lexicon.BURDEN, "空泛程度", "口号", "背景意义套语"}))
            if len(stock) >= 2 and _is_empty_sentence(ctx, lex, sentence, gw702_residual)[0]:
                # A stack of 高度重视/狠抓落实 that GW702 reports as a warning (≥2 phrases): one
                # finding is enough.  Only when GW702 really fires — a stacked sentence it finds
                # substance in, or one it reports as mere info, is still checked here.
                continue
            pipe = _pipeline(ctx)
            parts = pipe.measure_parts(pipe(masked), _spans_chars(spans))
            if parts.responsible or parts.quantity or parts.organs or parts.nouns:
                continue
            concrete_verbs = [v for v in parts.verbs if not pipe.is_generic(v) and v not in lex.function_words]
            if concrete_verbs or not parts.vague_verbs:
                continue
            # Confident only when several clauses each consist of a vague verb: 加强…，完善…，推进….
            clauses = [c for c in re.split(r"[，；,;]", masked) if any(v in c for v in parts.vague_verbs)]
            sev = Severity.WARNING if len(clauses) >= min_verbs else Severity.INFO
            a, b = _trim(p.text, start, end)
            verbs = "、".join(dict.fromkeys(parts.vague_verbs))
            yield ctx.report(
                p, a, b,
                f"措施空泛：只有“{verbs}”，没有责任单位、完成时限和数量——写明谁来做、何时完成、做到多少",
                severity=sev,
            )


#: Characters left after stripping stock phrases, function words and generic nouns/verbs above
#: which a measure surely has a concrete object, so the NLP pipeline is not asked.
_GW703_RESIDUAL = 6


def _looks_imperative(lex, masked: str) -> bool:
    s = masked.lstrip("　 ")
    if _IMPERATIVE_RE.match(s):
        return True
    cues = lex.words("measures", "imperative_cues") + lex.words("measures", "vague_verbs")
    return any(s.startswith(c) for c in cues)


# ---------------------------------------------------------------------------------------------
# GW704


def _sentence_has_substance(lex, sentence: str) -> bool:
    masked = mask(sentence)
    return _has_concrete_marker(lex, sentence, masked)


def density(doc: Document, lex: lexicon.StyleLexicon) -> tuple[float, float, int, Paragraph | None]:
    """(套话 share of Han characters, 干货率 = share of sentences with something concrete,
    Han characters counted, the paragraph with the most 套话)."""
    total = covered = n_sent = n_sub = 0
    worst, worst_n = None, 0
    for p in doc.body:
        if p.role not in TEXT_ROLES:
            continue
        total += len(_HAN.findall(mask(p.text)))
        matches = _phrase_matches(lex, p.text)
        covered += sum(m.end - m.start for m in matches)
        if len(matches) > worst_n:
            worst, worst_n = p, len(matches)
        if p.role in PROSE_ROLES:
            for a, b in sentences(p.text):
                if len(_HAN.findall(p.text[a:b])) < 4:
                    continue
                n_sent += 1
                n_sub += _sentence_has_substance(lex, p.text[a:b])
    ratio = covered / total if total else 0.0
    substance = n_sub / n_sent if n_sent else 0.0
    return ratio, substance, total, worst


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
    全文（正文、各级标题、附件正文）中套话所占的字数比例（套话率），以及含有数字、时限、机关名称或引用文件的
    句子所占比例（干货率）。两个数字写入每个文件 JSON 结果的 summary（boilerplate_ratio、substance_score）；
    套话率超过阈值（默认 6%，正文不少于 200 字时）报告一次。

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
    ratio, substance, total, worst = density(doc, lex)
    ctx.summary["boilerplate_ratio"] = round(ratio, 4)
    ctx.summary["substance_score"] = round(substance, 4)
    limit = float(ctx.option("style-max-boilerplate-ratio"))
    if total >= int(ctx.option("style-density-min-chars")) and ratio > limit and worst is not None:
        yield ctx.report(
            worst, 0, len(worst.text),
            f"全文套话占比 {ratio:.1%}（阈值 {limit:.0%}），干货率 {substance:.0%}：本段套话最多，请压缩套话、充实具体措施",
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
            current = p if any(k in _heading_label(p.text) for k in keys) else None
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
        names = "、".join(_heading_label(h.text).strip()[:12] for h, _ in sections.values())
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


# The 错 example of GW706 needs a body over 5000 characters; it is generated rather than pasted.
_LONG_BODY = "请各学校于2025年6月底前完成校舍安全排查，排查结果报区教育局备案。" * 170
length_limit.__doc__ = length_limit.__doc__.replace("（此处为超过 5000 字的正文）", _LONG_BODY)
_LONG_PREAMBLE = "开展这项工作是贯彻落实上级部署的重要举措，对于推动高质量发展具有重要意义。" * 45
preamble_bloat.__doc__ = preamble_bloat.__doc__.replace("（此处为 1500 字的背景意义）", _LONG_PREAMBLE)
