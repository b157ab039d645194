"""The substance model: is each item of a draft a measure, a principle, or empty words?

The policy behind the tool (docs/style.md): 严禁空话、套话；只有原则性意见、没有提出切实可行的措施或办法的，不仓促行文.  This package
judges every sentence (:mod:`.clause`) of every work item (:mod:`.items`) from packaged data —
the categorised dictionaries (``dictionaries/substance.tsv``, ``boilerplate.tsv``) and the corpus
table (:mod:`.table`) — and gives the inventory a reviewer reads first: per item its verdict and
the who / when / how much / instruments found (:mod:`.slots`), per document the 干货率 (share of
work items that are measures).  The style rules (GW702, GW703, GW704, GW708, GW709) and
``gongwen-lint inspect --substance`` read the same :class:`Inventory`, built once per document.

Data flows one way: Document (roles decided by ``structure``) → items → sentence judgements →
item verdicts → inventory.  Nothing here imports the rules, the engine or the output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from .. import recache
from ..decoder.vocab import deploys_work
from ..lexicon import StyleLexicon
from ..model import Document, Paragraph
from ..text import mask, sentences, typographic_quotes
from .clause import Judgement, Resolver, Verdict, concrete, deepen, judge, resolved
from .items import Aside, Span, spans
from .model import Model
from .model import features as model_features
from .model import load as load_model
from .slots import Slots
from .table import Table
from .table import load as load_table

#: How much an item must name to be a principle rather than empty words.  Each distinct content
#: word counts (:func:`clause.weight`): a noun that laws and regulations also use 1, another noun
#: ½ (rare words: 校舍 or 韧劲 alike), a verb ¼.  An item is empty below ``ITEM_MIN_CONTENT``, or
#: below ``DENSE_CONTENT`` when that content is thin for its length (under ``ITEM_MIN_DENSITY``
#: per ten characters: 蓝图 and 号角 in a 60-character exhortation; items of at least
#: ``CHARS_PER_WORD`` characters).  Measured on the tuning half
#: of eval/substance_cases and on State Council documents (eval/eval_substance_real.py): principle
#: items there score ≥ 1.75 and ≥ 0.38 per ten characters, empty ones mostly 0.
ITEM_MIN_CONTENT = 2.0
ITEM_MIN_DENSITY = 0.6
DENSE_CONTENT = 4.0
#: A short item needs less: one concrete word per this many characters (对于无证开采者，立即取缔;
#: 要统筹推进综合管廊建设 — one word jieba reads as a noun).
CHARS_PER_WORD = 25

#: A sentence that reports what was done (今年以来……累计实施项目1200余个; 去年粮食总产达到702亿斤，
#: 连续十年稳定在……以上): its numbers are results, not an amount anyone is asked to reach.
_PAST_REPORT = recache.compile(r"以来|去年|上年|过去|累计|先后|同比|比上年|连续[一二三四五六七八九十两0-9]{1,3}年|已经|已(?:累计|完成|建成|实现|达到|有)")
#: … unless it also looks ahead (力争、确保、目标、到2027年 …).
_LOOKS_AHEAD = recache.compile(r"要|将|力争|确保|目标|计划|预计|争取|到20[0-9]{2}年|今后|下一步")
#: A later sentence that turns from the results to what is asked (成绩来之不易，我们要……; 面向未来，
#: 要……; 下一步，我们要再接再厉): an explicit turn, not any 要 — a work plan's targets read like results
#: (全年粮食播种面积稳定在120万亩以上，总产量比上年增长1%。各乡镇要压实责任), and the sentence after
#: them asks for the means (review of 2026-12-08: eight false warnings with a bare 要).
_ASKS = recache.compile(r"今后|下一步|面向未来|来之不易|再接再厉|乘势而上")
#: A past participle before 的 that describes the object of a task (对已建成的23座污水处理厂开展核查,
#: 对先后两次抽检不合格的5家单位): no report of a result.
_ATTRIBUTIVE_PAST = recache.compile(r"(?:已(?:经)?|先后|过去[一二三四五六七八九十两0-9]{0,3}年)[^，。；：的]{0,12}的")


def _reports_past(j: Judgement, text: str) -> bool:
    """A measure sentence whose only slot is a number that reports a past result."""
    sl = j.slots
    return bool(sl.how_much) and not (sl.who or sl.when or sl.instruments) \
        and bool(_PAST_REPORT.search(_ATTRIBUTIVE_PAST.sub("", text))) and not _LOOKS_AHEAD.search(text)


def _asked_after_results(text: str, bounds: list[tuple[int, int]], shallow: list[Judgement]) -> list[bool] | None:
    """Which sentences an item's verdict reads when its only measures report past results and a
    later sentence turns to what is asked (……累计完成投资超过3000亿元。面向未来，我们要……奋力谱写
    新篇章): the turn is the item's ask, and the results before it are no measure of it.  ``None``
    when that is not the item's shape (a report of results alone stays a measure: 全年完成固定资产投资
    12.6亿元，同比增长8.3%)."""
    last = -1
    for k, j in enumerate(shallow):
        if j.verdict is Verdict.MEASURE:
            if not _reports_past(j, text[bounds[k][0]:bounds[k][1]]):
                return None
            last = k
    if last < 0 or not any(j.verdict is not Verdict.MEASURE and _ASKS.search(text[a:b])
                           for (a, b), j in zip(bounds[last + 1:], shallow[last + 1:])):
        return None
    return [j.verdict is not Verdict.MEASURE for j in shallow]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an item and its judgement.

    The judgement may be *pending*: once an item is settled a principle, the words of its
    remaining sentences no longer change its verdict (:func:`judge_item`), so they are read only
    when someone asks — ``inspect --substance`` listing the content, a rule reading the tokens.
    A pending judgement is the sentence's slot-only one (``judge(deep=False)``): its slots,
    stock phrases and length are already final; :attr:`judgement` reads the words on first use.
    """

    start: int  # offsets in the paragraph's text
    end: int
    _judgement: Judgement
    _pending: Callable[[], Judgement] | None = field(default=None, compare=False, repr=False)

    @property
    def judgement(self) -> Judgement:
        pending = self._pending
        if pending is not None:
            object.__setattr__(self, "_judgement", pending())
            object.__setattr__(self, "_pending", None)
        return self._judgement

    @property
    def verdict(self) -> Verdict:
        return self.judgement.verdict

    @property
    def stock(self) -> tuple[str, ...]:
        """The stock phrases found (the same before and after the words are read)."""
        return self._judgement.stock

    @property
    def slots(self) -> Slots:
        """Who / when / how much found (the same before and after the words are read)."""
        return self._judgement.slots


@dataclass(frozen=True)
class Item:
    span: Span
    sentences: tuple[Sentence, ...]
    verdict: Verdict
    slots: Slots

    @cached_property
    def content(self) -> tuple[str, ...]:
        """What makes it a principle: the specific nouns and concrete verbs of its sentences."""
        return tuple(dict.fromkeys(w for s in self.sentences for w in s.judgement.content))

    @property
    def p(self) -> Paragraph:
        return self.span.p

    @property
    def text(self) -> str:
        return self.span.p.text[self.span.start:self.span.end]

    @property
    def lead(self) -> str | None:
        """The run-in heading's lead (加强组织领导。), if the item is a heading."""
        if self.span.lead_end is None:
            return None
        return self.span.p.text[self.span.start:self.span.lead_end]

    @property
    def what(self) -> str:
        """What the item is about: the run-in lead, else its first sentence (shortened)."""
        if self.lead:
            return self.lead.rstrip("。；：:")
        first = self.sentences[0] if self.sentences else None
        text = self.span.p.text[first.start:first.end] if first else self.text
        text = text.strip().rstrip("。；！？")
        return text if len(text) <= 40 else text[:39] + "…"

    @property
    def stock(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for x in self.sentences for s in x.stock))

    @property
    def asked(self) -> bool:
        """The NLP pipeline was asked about this item."""
        return any(s.judgement.asked for s in self.sentences)


@dataclass(frozen=True)
class Inventory:
    """The substance inventory (干货清单) of one document."""

    items: tuple[Item, ...]

    @property
    def work_items(self) -> tuple[Item, ...]:
        """Items outside 背景/意义/原则 sections: what the document asks to be done."""
        return tuple(i for i in self.items if not i.span.preamble)

    @property
    def measures(self) -> tuple[Item, ...]:
        return tuple(i for i in self.work_items if i.verdict is Verdict.MEASURE)

    @property
    def empty(self) -> tuple[Item, ...]:
        return tuple(i for i in self.work_items if i.verdict is Verdict.EMPTY)

    @property
    def substance_ratio(self) -> float | None:
        """干货率: the share of work items that name who, when, how much or an instrument."""
        work = self.work_items
        return len(self.measures) / len(work) if work else None

    def item_of(self, p: Paragraph) -> Item | None:
        return next((i for i in self.items if i.p is p), None)


def content_score(table: Table, judged: tuple[Sentence, ...]) -> tuple[float, float]:
    """(content score, score per ten Han characters) of an item's sentences."""
    seen: set[str] = set()
    score = 0.0
    chars = 0
    for s in judged:
        chars += s.judgement.han
        for word, w in s.judgement.weighted(table):
            if word not in seen:
                seen.add(word)
                score += w
    return score, (score / (chars / 10) if chars else 0.0)


def item_features(lex: StyleLexicon, table: Table, judged: tuple[Sentence, ...]) -> dict[str, float]:
    """The features the specificity model (:mod:`.model`) reads from an item's sentences."""
    toks = [t for s in judged for t in s.judgement.tokens]
    # a run the table does not know (危化品), read as a word or not yet: a rare string
    rare = {w for s in judged for w in s.judgement.resolved + s.judgement.unknown}
    shapes = [c for s in judged for c in s.judgement.shapes]
    return model_features(table, toks, sum(s.judgement.han for s in judged), len(rare), lex.stripped_class, shapes)


def _verdict(lex: StyleLexicon, table: Table, judged: tuple[Sentence, ...], model: Model | None) -> Verdict:
    if any(s.verdict is Verdict.MEASURE for s in judged):
        return Verdict.MEASURE
    score, density = content_score(table, judged)
    han = sum(s.judgement.han for s in judged)
    least = min(ITEM_MIN_CONTENT, han / CHARS_PER_WORD)
    thin = han >= CHARS_PER_WORD and density < ITEM_MIN_DENSITY and score < DENSE_CONTENT
    # two fields laws also name (消费、投资; 公共服务、社会保障): a principle
    if not (score >= least and not thin) and len(strong_nouns(table, judged)) < 2:
        return Verdict.EMPTY
    # content words are left, but only the stock of policy (住房保障体系, 营商环境): empty
    if model is not None and model.empty(item_features(lex, table, judged)):
        return Verdict.EMPTY
    return Verdict.PRINCIPLE


def strong_nouns(table: Table, judged: tuple[Sentence, ...]) -> set[str]:
    """Distinct concrete content nouns (:func:`clause.concrete`)."""
    return {t.text for s in judged for t in s.judgement.tokens if t.kind == "noun" and concrete(table, t.text)}


def unknown_runs_as_words(text: str, runs: tuple[str, ...]) -> tuple[str, ...]:
    """The packaged reading of runs the table does not know (管廊, 碳汇, 劲往): each a word, weak
    content — what jieba's HMM says of nearly all of them (eval: the tagger changes no verdict of
    the tuning half), without loading it."""
    return tuple(r for r in runs if len(r) >= 2)


def judge_item(lex: StyleLexicon, table: Table, span: Span, resolve: Resolver | None = None, model: Model | None = None) -> Item:
    """The verdict on one item.  When the item would be empty but holds runs of characters the
    packaged table does not know, they are read by ``resolve`` (jieba's tagger, if the
    configuration asks for it: ``[style] nlp``) or else by :func:`unknown_runs_as_words`.
    ``model``: the specificity model (:mod:`.model`); ``None``: the word test alone."""
    text = typographic_quotes(span.p.text)
    bounds = []
    for a, b in sentences(text[span.start:span.end]):
        a, b = a + span.start, b + span.start
        if span.lead_end is not None and a < span.lead_end < b:
            # the lead of a run-in heading ends in ：or ；— judge it apart from what follows
            bounds.append((a, span.lead_end))
            a = span.lead_end
        bounds.append((a, b))
    bounds = [(a, b) for a, b in bounds if text[a:b].strip()]
    masked = [mask(text[a:b]) for a, b in bounds]
    shallow = [judge(lex, table, text[a:b], m, deep=False) for (a, b), m in zip(bounds, masked)]
    # In a measure the other sentences' words matter only where 套话 stack up (GW702's infos).
    measure = any(j.verdict is Verdict.MEASURE for j in shallow)
    asked = _asked_after_results(text, bounds, shallow) if measure else None
    if asked is not None:
        judged = tuple(Sentence(a, b, deepen(lex, table, text[a:b], m, j)) for (a, b), m, j in zip(bounds, masked, shallow))
        verdict = _verdict(lex, table, _kept(judged, asked), model)
    elif measure:
        judged = tuple(
            Sentence(a, b, j if len(j.stock) < 2 else deepen(lex, table, text[a:b], m, j))
            for (a, b), m, j in zip(bounds, masked, shallow)
        )
        verdict = Verdict.MEASURE
    elif model is None:
        judged, settled = _read_until_settled(lex, table, text, bounds, masked, shallow)
        verdict = Verdict.PRINCIPLE if settled else _verdict(lex, table, judged, model)
    else:
        judged = tuple(Sentence(a, b, deepen(lex, table, text[a:b], m, j)) for (a, b), m, j in zip(bounds, masked, shallow))
        verdict = _verdict(lex, table, judged, model)
    if verdict is Verdict.EMPTY and any(s.judgement.doubt for s in judged):
        reader = resolve or unknown_runs_as_words
        judged = tuple(
            Sentence(s.start, s.end, resolved(s.judgement, text[s.start:s.end], reader, asked=resolve is not None))
            if s.judgement.doubt else s
            for s in judged
        )
        verdict = _verdict(lex, table, _kept(judged, asked), model)
    return Item(span, judged, verdict, Slots.union(s.slots for s in _kept(judged, asked)))


def _kept(judged: tuple[Sentence, ...], asked: list[bool] | None) -> tuple[Sentence, ...]:
    """The sentences an item's verdict reads (:func:`_asked_after_results`): all, or those asked."""
    return judged if asked is None else tuple(s for s, keep in zip(judged, asked) if keep)


def _read_until_settled(
    lex: StyleLexicon, table: Table, text: str, bounds: list[tuple[int, int]], masked: list[str],
    shallow: list[Judgement],
) -> tuple[tuple[Sentence, ...], bool]:
    """The sentences of an item without slots, their words read in order until the item is
    settled a principle: content worth :data:`DENSE_CONTENT` is never thin nor short of
    :data:`ITEM_MIN_CONTENT`, and further sentences only add to it, so without the specificity
    model (:func:`_verdict`) no later sentence can change the verdict.  The rest are left pending
    (:class:`Sentence`): on a long report most sentences of a principle item are never read."""
    judged: list[Sentence] = []
    seen: set[str] = set()
    score = 0.0
    settled = False
    for (a, b), m, j in zip(bounds, masked, shallow):
        if settled:
            judged.append(Sentence(a, b, j, partial(deepen, lex, table, text[a:b], m, j)))
            continue
        read = deepen(lex, table, text[a:b], m, j)
        judged.append(Sentence(a, b, read))
        for word, w in read.weighted(table):
            if word not in seen:
                seen.add(word)
                score += w
        settled = score >= DENSE_CONTENT
    return tuple(judged), settled


def analyse(
    doc: Document, lex: StyleLexicon, resolve: Resolver | None = None, table: Table | None = None,
    specificity: bool = True,
) -> Inventory:
    """The inventory of ``doc`` (roles recognised); ``resolve`` reads the runs the table does
    not know (default: :func:`unknown_runs_as_words`).  The specificity model (:mod:`.model`)
    judges only documents of a genre that sets out work to be done (通知, 意见 …: a 报告 or a
    政府工作报告 states directions, and holding each of them to a measure cried wolf 14 times
    per report); ``specificity=False`` leaves it out (the training script judges with the word
    test alone)."""
    table = table or load_table()
    model = load_model() if specificity and deploys_work(doc.genre) else None
    # 总体思路 states direction as 指导思想 does, but is not preamble bloat for GW705; nor are the
    # criteria of an award or the contents of a course (申报条件, 培训内容)
    set_aside = (
        Aside("背景", tuple(lex.words("sections", "preamble") + lex.words("sections", "direction"))),
        Aside("条件", tuple(lex.words("sections", "criteria")), anywhere=False),
    )
    return Inventory(tuple(judge_item(lex, table, s, resolve, model) for s in spans(doc, set_aside)))


__all__ = ["Inventory", "Item", "Sentence", "Slots", "Verdict", "analyse", "judge_item"]
