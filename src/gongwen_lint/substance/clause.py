"""The verdict on one sentence: a measure, a principle, or empty words.

- **measure** (措施): it names who, when, how much or an instrument (:mod:`.slots`);
- **principle** (原则): no such slot, but something particular is named — a specific object
  (危险化学品企业, 加油站) or a concrete action (清淤, 抽检); whether what is named is particular or
  only a field of policy (住房保障体系) the item decides with :mod:`.model`;
- **empty** (空话): nothing is left once the stock of official Chinese is taken away.

"The stock" is, in order: the 套话 and slogan constructions of ``boilerplate.tsv``, the contexts in
which an organ is only the source of a deployment, quotations that are slogans (“一盘棋”), and
then, word by word, the categorised words of ``substance.tsv`` (虚词, 程度修饰, 泛化动词, 比喻动词,
泛指宾语, 泛指主语 …).  Words are found by a dynamic-programming segmentation over the packaged
table (jieba's dictionary with its word classes and frequencies: jieba's own maximum-probability
route), so no pipeline is loaded for it.  What is left is content, except what the sentence's
form shows to be figurative: the object of a figurative verb (绘就蓝图, 吹响号角, 交出答卷), a noun
under an evaluative modifier (强大的声势, 浮躁心态), the predicate of a copula (金融是经济的血脉) and nouns with an abstract head the laws never
use (韧劲, 心态, 态势).  How much the content weighs is the corpus's evidence (:func:`weight`): a
noun that laws and regulations use is concrete.

What is left may hold a run of single characters the table cannot join into a word (a term it
does not know: 管廊, 碳汇, or a text in traditional characters): the sentence is *in doubt*, and
the item decides how to read it (:func:`gongwen_lint.substance.judge_item`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from typing import NamedTuple

import ahocorasick

from .. import caches, recache
from ..lexicon import FIGURATIVE_VERB, MODIFIER, StyleLexicon, alternation
from ..text import count_han
from . import slots as slot_finder
from . import words
from .table import FUNCTION, IDIOM, NAME, NONE, NOUN, VERB, VERBAL, Table
from .table import MODIFIER as MODIFIER_CLASS

_HAN = recache.compile(r"[\u4e00-\u9fff]+")
_CLAUSE_BREAK = recache.compile(r"[，。；：！？、,;:!?]")
MAX_WORD = 7
#: Heads of abstract nouns: 全局性, 获得感 always; 韧劲, 心态, 声势, 士气, 家风, 进取心, 境界 when
#: laws never use the word (电力, 生态 and 温度 they do).
_ABSTRACT_SUFFIX = ("性", "感")
_ABSTRACT_HEAD = ("劲", "态", "势", "气", "风", "心", "界", "观")


class Verdict(str, Enum):
    MEASURE = "measure"
    PRINCIPLE = "principle"
    EMPTY = "empty"

    @property
    def label(self) -> str:
        return {"measure": "措施", "principle": "原则", "empty": "空话"}[self.value]


class Token(NamedTuple):
    """One word of a sentence (a named tuple: a draft makes hundreds of thousands of them)."""

    text: str
    start: int  # offset in the sentence
    kind: str  # generic, function, idiom, figurative, noun, verb, single


@dataclass(frozen=True)
class Judgement:
    """The verdict on one sentence, and the evidence for it."""

    verdict: Verdict
    slots: slot_finder.Slots
    content: tuple[str, ...] = ()  # what makes it a principle: specific nouns, concrete verbs
    stock: tuple[str, ...] = ()  # stock phrases found (for messages)
    doubt: bool = False  # holds runs the packaged table does not know (see :func:`resolved`)
    unknown: tuple[str, ...] = ()  # the runs of single characters that made it doubtful
    tokens: tuple[Token, ...] = field(default=(), repr=False)
    resolved: tuple[str, ...] = ()  # content words the pipeline found in the unknown runs
    han: int = 0  # Han characters of the sentence
    asked: bool = False  # the pipeline was asked about the unknown runs
    shallow: bool = False  # only the slots were looked for (see ``judge(deep=False)``)
    spans: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # stripped before segmenting
    #: per clause: :func:`shapes`, or the call that computes them (see :attr:`shapes`)
    _shapes: tuple[Shape, ...] | Callable[[], tuple[Shape, ...]] = field(default=(), repr=False, compare=False)

    @property
    def shapes(self) -> tuple[Shape, ...]:
        """The :class:`Shape` of each clause.  Only the specificity model reads them (for an item
        its word test has not settled), so :func:`deepen` leaves the call and it runs on first use:
        most sentences of a draft never need it (a value of the sentence, like its tokens)."""
        got = self._shapes
        if callable(got):
            got = got()
            object.__setattr__(self, "_shapes", got)
        return got

    def weighted(self, table: Table) -> list[tuple[str, float]]:
        """Content words with their weight (:func:`weight`)."""
        out = [(t.text, weight(table, t)) for t in self.tokens if t.kind in ("noun", "verb")]
        # a term the table does not know (管廊, but also 劲往 in 劲往一处使): as weak as a rare word
        return out + [(w, 0.5) for w in self.resolved]


#: A noun this common in official prose (log₂ steps of the table: ≥ 0.4 % of chunks) that the
#: lexicon does not call generic names a field of policy (外资, 内需, 财政政策).
COMMON_FIELD = 4


def concrete(table: Table, word: str) -> bool:
    """A noun the corpus shows to be concrete: laws use it (企业, 车辆, 收费), or official prose uses it
    often without the lexicon calling it generic (外资, 内需)."""
    e = table.get(word)
    return e.legal >= 1 or e.common >= COMMON_FIELD


def weight(table: Table, token: Token) -> float:
    """What a content word says about the item: a concrete noun (:func:`concrete`) 1, another noun
    ½ — rare concrete terms (校舍) and metaphors (韧劲) look alike in the corpus — a verb ¼."""
    if token.kind == "verb":
        return 0.25
    return 1.0 if concrete(table, token.text) else 0.5


#: A function that, given a sentence and runs of characters inside it, says which of those runs
#: are content words (the NLP pipeline's answer in doubt).
Resolver = Callable[[str, tuple[str, ...]], tuple[str, ...]]


def _stripped_spans(lex: StyleLexicon, text: str, sources: list[tuple[int, int]], quoted) -> tuple[list[tuple[int, int]], list[str]]:
    spans: list[tuple[int, int]] = []
    stock: list[str] = []
    for m in lex.boilerplate.find(text):
        spans.append((m.start, m.end))
        stock.append(m.phrase)
    spans += sources
    if quoted:
        spans += [(q.start, q.end) for q in quoted if not q.named]
    return spans, stock


#: What a word of the lexicon (substance.tsv, boilerplate) earns when jieba does not know it.
_LEXICON_FREQ = 16


def segment(lex: StyleLexicon, table: Table, run: str) -> list[str]:
    """Words of a Han run by the route of highest probability, as jieba segments, with word
    frequencies from the packaged table; the lexicon's own words count as frequent words."""
    memo = _segment_memo(lex, table)
    done = memo.runs.get(run)
    if done is not None:
        return list(done)
    # jieba's DAG: a word ending at e scores best[j] + log₂ freq − log₂ total.  The automata yield
    # every word (:mod:`.words`: each character and the table's words; the lexicon's own) in
    # order of where it ends, so every best[j] a word reads is final, and every position is the
    # end of a character.  Of equal scores the route through the earliest start wins (jieba's
    # walk, and the table walk this replaced, tried starts in order).
    found = memo.words.iter(run)
    if memo.lexicon_words is not None:
        extra = list(memo.lexicon_words.iter(run))
        if extra:
            found = sorted([*found, *extra])
    n = len(run)
    best = [0] + [_UNREACHED] * n
    back = [n] * (n + 1)
    for end, v in found:
        e = end + 1
        j = e - (v & _LENGTH_MASK)
        score = best[j] + (v >> _LENGTH_BITS)
        if score > best[e] or (score == best[e] and j < back[e]):
            best[e] = score
            back[e] = j
    out = []
    i = n
    while i > 0:
        out.append(run[back[i]:i])
        i = back[i]
    out.reverse()
    memo.remember(run, out)
    return out


_LENGTH_BITS, _LENGTH_MASK = words.LENGTH_BITS, words.LENGTH_MASK
#: Below any route's score (a route has at most one word a character, each costing > −64).
_UNREACHED = -(1 << 62)


class _SegmentMemo:
    """What :func:`segment` reads — the word automata — and the routes of runs already segmented
    (a draft repeats its phrases; a batch repeats the stock).  The memos are bounded: cleared when
    full, as the table's own cache."""

    MAX = 200_000

    def __init__(self, lex: StyleLexicon, table: Table):
        self.words = words.load()
        self.lexicon_words = _lexicon_automaton(lex, self.words)
        self.runs: dict[str, tuple[str, ...]] = {}
        self.kinds: dict[str, str] = {}  # :func:`_kind` of the words of routes (see :func:`tokens`)

    def remember(self, run: str, words: list[str]) -> None:
        if len(self.runs) > self.MAX:
            self.runs.clear()
        self.runs[run] = tuple(words)


_LEXICON_AUTOMATA: dict[int, tuple[StyleLexicon, ahocorasick.Automaton | None]] = {}


def _lexicon_automaton(lex: StyleLexicon, table_words: ahocorasick.Automaton) -> ahocorasick.Automaton | None:
    """The lexicon's words of up to :data:`MAX_WORD` characters, each scoring as a word of at
    least :data:`_LEXICON_FREQ` (its table frequency if higher); None if there are none.  A word
    in both automata is offered twice and the higher score wins: the same as scoring it once
    with the higher frequency.  Kept per lexicon, holding it (a configuration's lexicon lives as
    long as its run); not a cache of anything a document says, so :mod:`.caches` leaves it."""
    hit = _LEXICON_AUTOMATA.get(id(lex))
    if hit is None:
        if len(_LEXICON_AUTOMATA) >= 8:
            _LEXICON_AUTOMATA.clear()
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for w in lex.stripped:
            if len(w) <= MAX_WORD:
                v = table_words.get(w, None)
                freq = _LEXICON_FREQ if v is None else max(words.frequency(v), _LEXICON_FREQ)
                automaton.add_word(w, words.value(w, freq))
        if len(automaton):
            automaton.make_automaton()
        hit = _LEXICON_AUTOMATA[id(lex)] = (lex, automaton if len(automaton) else None)
    return hit[1]


_MEMOS: dict[tuple[int, int], tuple[StyleLexicon, Table, _SegmentMemo]] = {}
caches.register(_MEMOS.clear)


def _segment_memo(lex: StyleLexicon, table: Table) -> _SegmentMemo:
    """The memo of this lexicon and table (a configuration's lexicon lives as long as its run;
    the few kept here hold their lexicon, so an id is never reused while its memo is kept)."""
    key = (id(lex), id(table))
    hit = _MEMOS.get(key)
    if hit is None:
        if len(_MEMOS) >= 8:
            _MEMOS.clear()
        hit = _MEMOS[key] = (lex, table, _SegmentMemo(lex, table))
    return hit[2]


def _kind(lex: StyleLexicon, table: Table, word: str) -> str:
    if word in lex.stripped:
        return "generic"
    e = table.get(word)
    if len(word) == 1:
        return "function" if e.cls in (FUNCTION, MODIFIER_CLASS) else "single"
    if word.endswith(_ABSTRACT_SUFFIX) and e.cls in (NOUN, VERBAL, NONE):
        return "generic"
    if word.endswith(_ABSTRACT_HEAD) and e.cls in (NOUN, VERBAL, NONE) and e.legal == 0:
        return "generic"
    if e.cls in (FUNCTION, MODIFIER_CLASS):
        return "function"
    if e.cls == IDIOM:
        return "idiom"
    if e.cls in (NOUN, NAME, VERBAL):
        return "noun"
    if e.cls == VERB:
        return "verb"
    return "single"


_new_token = tuple.__new__


def tokens(lex: StyleLexicon, table: Table, text: str, masked: str, spans: list[tuple[int, int]]) -> list[Token]:
    """Words of the sentence outside the stripped ``spans`` (stock phrases, slogan quotes)."""
    stripped = masked
    if spans:  # (most sentences strip nothing: no copy of them character by character)
        chars = list(masked)
        for a, b in spans:
            chars[a:b] = " " * (b - a)  # (spans lie inside the sentence: the length is kept)
        stripped = "".join(chars)
    out: list[Token] = []
    kinds = _segment_memo(lex, table).kinds  # (a draft repeats its words: each judged once)
    for m in _HAN.finditer(stripped):
        k = m.start()
        for w in segment(lex, table, m.group()):
            kind = kinds.get(w)
            if kind is None:
                if len(kinds) > _SegmentMemo.MAX:
                    kinds.clear()
                kind = kinds[w] = _kind(lex, table, w)
            out.append(_new_token(Token, (w, k, kind)))  # (Token(w, k, kind) without its Python-level __new__)
            k += len(w)
    return _figurative(lex, table, masked, out)


def _figurative(lex: StyleLexicon, table: Table, masked: str, toks: list[Token]) -> list[Token]:
    """Mark the nouns the sentence uses figuratively: the head of a figurative verb's object, the
    last noun of the clause (吹响号角, 交出满意答卷 — but 打好污染防治攻坚战 keeps 污染防治), the
    topic of a clause that ends in one (蓝图已经绘就), a noun right after an evaluative
    modifier (强大的声势, 浮躁心态) that laws never use (全面检测 and 严格执法 stay concrete), and
    the predicate noun of a copula (A是B的基石) that laws never use."""
    figurative_verbs = lex.category(FIGURATIVE_VERB)
    modifiers = lex.category(MODIFIER)
    words = {t.text for t in toks}
    if "者" not in words and "是" not in words and words.isdisjoint(figurative_verbs) and words.isdisjoint(modifiers):
        return toks  # nothing below can apply: no 者, no copula, no figurative verb, no modifier
    out: list[Token] = []
    clause: list[int] = []  # indexes into out of the current clause's tokens

    def close() -> None:
        if len(clause) >= 3:
            last = out[clause[-1]]
            # 金融是国民经济的血脉, 乡村治理是国家治理的基石: a copula whose predicate is a noun
            # laws never use is a metaphor of significance, no thing to act on
            if (last.kind == "noun" and out[clause[-2]].text == "的" and table.get(last.text).legal == 0
                    and any(out[k].text == "是" for k in clause[:-2])):
                out[clause[-1]] = Token(last.text, last.start, "figurative")
        verbs = [k for k in clause if out[k].text in figurative_verbs]
        if not verbs:
            return
        nouns = [k for k in clause if out[k].kind == "noun"]
        marked = {k for k in nouns if k > verbs[0]}
        marked = {max(marked)} if marked else set()
        if verbs[-1] == clause[-1]:
            marked |= {k for k in nouns if k < verbs[-1]}  # 蓝图已经绘就
        for k in marked:
            out[k] = Token(out[k].text, out[k].start, "figurative")

    previous: Token | None = None
    for t in toks:
        if t.text == "者" and previous is not None and previous.kind in ("verb", "generic") and out:
            # 开采者, 经营者, 违法者: a verb made a noun names who is acted upon
            out[-1] = Token(previous.text + "者", previous.start, "noun")
            previous = out[-1]
            continue
        gap = masked[previous.start + len(previous.text):t.start] if previous else ""
        if gap and _CLAUSE_BREAK.search(gap):  # (most words follow the last without a gap)
            close()
            clause = []
        if (t.kind == "noun" and previous is not None and gap in ("", "的") and previous.text in modifiers
                and table.get(t.text).legal == 0):
            t = Token(t.text, t.start, "figurative")
        clause.append(len(out))
        out.append(t)
        previous = t
    close()
    return out


#: A stock chain's predicate starts this close to the start of its clause (要进一步健全……: the
#: imperative and a modifier come first).
_CHAIN_HEAD = 6
_CHAIN_OBJECT_LEN = 6
#: How a clause of result opens (让群众更满意, 使……成为).
_AIM = "让使"
#: A clause that states a stance: 坚持节水优先, 要始终坚持……
_STANCE = recache.compile(r"^(?:要|必须|始终|要始终|要坚定)?坚持")


_PREDICATES: dict[int, tuple[StyleLexicon, re.Pattern[str]]] = {}
caches.register(_PREDICATES.clear)


def _predicate_re(lex: StyleLexicon) -> re.Pattern[str]:
    """The lexicon's stock predicates of two to :data:`MAX_WORD` characters (its ``predicate``
    class) as one trie pattern: :func:`shapes` asks whether one opens each clause, and one search
    in C costs less than a dictionary lookup for each of the ~30 substrings of the clause's head.
    Kept per lexicon, holding it (as :func:`_segment_memo`)."""
    hit = _PREDICATES.get(id(lex))
    if hit is None:
        if len(_PREDICATES) >= 8:
            _PREDICATES.clear()
        words = [w for w, c in lex.stripped_class.items() if c == "predicate" and 2 <= len(w) <= MAX_WORD]
        hit = _PREDICATES[id(lex)] = (lex, recache.compile(alternation(words)))
    return hit[1]


class Shape(NamedTuple):
    """How one clause is built (:func:`shapes`), for the specificity model."""

    chain: bool  # a stock predicate near its start, a stock object at its end: 健全……体系, 提升……水平
    bare: bool  # no content word at all
    aim: bool  # a clause of result: 让城市更宜居, 让农业成为有奔头的产业 — what the world should become
    stance: bool  # 坚持……: a principle held, not a thing done
    four: bool  # four characters, as in a run of set phrases (适度超前、统筹兼顾、衔接高效)


def shapes(lex: StyleLexicon, masked: str, toks: list[Token]) -> tuple[Shape, ...]:
    """The :class:`Shape` of each clause of the sentence (split at ，。；：、): whatever field nouns
    stand inside a stock chain (完善城乡住房保障体系), its form says it is stock.  Read on the text,
    not the tokens: the predicate is often inside a stripped 套话 (进一步完善)."""
    classes = lex.stripped_class
    predicate = _predicate_re(lex)
    # starts of the content words, in order: a clause is bare when none falls inside it
    content = [t.start for t in toks if t.kind in ("noun", "verb")]
    out = []
    ends = []  # per clause: (a stock predicate opens it, a stock object ends it, it follows a 、)
    start = 0
    bounds = [m.start() for m in _CLAUSE_BREAK.finditer(masked)] + [len(masked)]
    for end in bounds:
        han = "".join(_HAN.findall(masked[start:end]))
        a, b = start, end
        start = end + 1
        if len(han) < 2:
            continue
        # a predicate word starting among the first _CHAIN_HEAD characters (the leftmost match
        # starts there if any does: the window holds every such word whole)
        opening = predicate.search(han, 0, _CHAIN_HEAD - 1 + MAX_WORD)
        head = opening is not None and opening.start() < _CHAIN_HEAD
        tail = False  # (a loop, not any() over a generator: this runs for every clause)
        for n in range(2, min(_CHAIN_OBJECT_LEN, len(han) - 1) + 1):
            if classes.get(han[-n:]) == "object":
                tail = True
                break
        k = bisect_left(content, a)
        bare = not (k < len(content) and content[k] < b)
        ends.append((head, tail, a > 0 and masked[a - 1] == "、"))
        out.append(Shape(head and tail, bare, han[0] in _AIM, bool(_STANCE.match(han)), len(han) == 4))
    # a chain around a list: the predicate opens the list's first clause and the object closes its
    # last (健全完善食品安全风险监测、评估和预警体系; 构建覆盖城乡、布局合理、优质均衡的……体系)
    k = 0
    while k < len(ends):
        m = k
        while m + 1 < len(ends) and ends[m + 1][2]:
            m += 1
        if m > k and ends[k][0] and ends[m][1]:
            out[k:m + 1] = [c._replace(chain=True) for c in out[k:m + 1]]
        k = m + 1
    return tuple(out)


def _single_runs(toks: list[Token]) -> tuple[str, ...]:
    """Runs of ≥ 2 adjacent single characters that are not function words: maybe a word the
    table does not know (放管服, 白改黑)."""
    runs, cur, end = [], "", -1
    for t in toks:
        if t.kind == "single" and t.start == end and cur:
            cur += t.text
        else:
            if len(cur) >= 2:
                runs.append(cur)
            cur = t.text if t.kind == "single" else ""
        end = t.start + len(t.text)
    if len(cur) >= 2:
        runs.append(cur)
    return tuple(runs)


def judge(lex: StyleLexicon, table: Table, text: str, masked: str, deep: bool = True) -> Judgement:
    """The verdict on one sentence from the packaged data.  Runs of characters the table does not
    know are kept in ``unknown``; :func:`resolved` settles them when the item's verdict hangs on
    them.  ``deep=False`` looks for the slots only (an item another sentence already makes a
    measure): a sentence without any is then left a principle, ``shallow``, its words unread."""
    present = slot_finder.gate_characters(lex, masked)  # (read once for both: see substance.gates)
    sources = slot_finder.source_spans(lex, masked, present)
    quoted = slot_finder.quotes(text)
    slots = slot_finder.find(lex, table, text, masked, sources, quoted, present)
    spans, stock = _stripped_spans(lex, text, sources, quoted)
    han = count_han(masked)
    if slots:
        return Judgement(Verdict.MEASURE, slots, stock=tuple(stock), han=han)
    if not deep:
        return Judgement(Verdict.PRINCIPLE, slots, stock=tuple(stock), han=han, shallow=True, spans=tuple(spans))
    return deepen(lex, table, text, masked, Judgement(Verdict.PRINCIPLE, slots, stock=tuple(stock), han=han, spans=tuple(spans)))


def deepen(lex: StyleLexicon, table: Table, text: str, masked: str, j: Judgement) -> Judgement:
    """A sentence without slots judged on its words (``j`` from ``judge(deep=False)``)."""
    if j.verdict is Verdict.MEASURE or (j.tokens and not j.shallow):
        return j
    slots, stock, han, spans = j.slots, j.stock, j.han, list(j.spans)
    toks = tuple(tokens(lex, table, text, masked, spans))
    nouns = [t.text for t in toks if t.kind == "noun"]
    verbs = [t.text for t in toks if t.kind == "verb"]
    content = tuple(dict.fromkeys(nouns + verbs))
    verdict = Verdict.PRINCIPLE if nouns or len(set(verbs)) >= 2 else Verdict.EMPTY
    unknown = _single_runs(list(toks))
    return Judgement(verdict, slots, content, tuple(stock), bool(unknown), unknown, toks, han=han, spans=j.spans,
                     _shapes=partial(shapes, lex, masked, list(toks)))


def resolved(j: Judgement, text: str, resolve: Resolver, asked: bool = True) -> Judgement:
    """``j`` with the content words ``resolve`` finds in its unknown runs (``asked``: it was the
    NLP tagger)."""
    found = resolve(text, j.unknown)
    verdict = Verdict.PRINCIPLE if found or j.verdict is Verdict.PRINCIPLE else Verdict.EMPTY
    return replace(j, verdict=verdict, content=j.content + found, resolved=found, asked=asked)


__all__ = ["Judgement", "Resolver", "Shape", "Token", "Verdict", "deepen", "judge", "resolved", "segment", "tokens"]
