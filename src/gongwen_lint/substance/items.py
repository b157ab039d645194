"""The work items of a draft: what the substance model judges one by one.

An item is a paragraph of running text (正文, 附件正文), or a heading that carries its paragraph
run-in — ``（一）加强组织领导。要进一步加强领导……`` — whose lead (``加强组织领导。``) and text are
judged together.  Left out: headings that are only titles, lead-ins that end in a colon (现将有关
事项通知如下：), closing formulas (特此通知。请认真贯彻执行。), the closing exhortation of a
decision or bulletin (the last paragraph, 希望受表彰的单位……再接再厉), template filler
(正文内容正文内容…) and scraps of a few characters.

Each item knows the headings above it, and whether it sits in a section set aside: a
背景/意义/指导思想/原则 section (a *preamble*: principles there are expected — GW705 measures how
long such sections are) or a section of 申报条件/推荐原则/培训内容 (*criteria*: requirements a
candidate, project or course meets, not work given to anyone).  Items set aside are neither
reported nor counted in the 干货率.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import recache
from ..lexicon import alternation
from ..model import HEADING_ROLES, Document, Paragraph, Role
from ..text import count_han

PROSE_ROLES = frozenset({Role.BODY, Role.ATTACHMENT_BODY})
_LEVEL = {Role.HEADING1: 1, Role.HEADING2: 2, Role.HEADING3: 3, Role.HEADING4: 4}
#: A leading ordinal: 一、 （一） 1. 1、 （1） ① 第一条 — not part of what an item says.
ORDINAL_RE = recache.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)]"
    r"|[①-⑳]|第[一二三四五六七八九十百]+条)[\s\u3000]*"
)
_CLOSING_RE = recache.compile(
    r"^(?:特此(?:通知|报告|批复|函告|函复|通报|公告|通告|请示)|"
    r"(?:以上|上述)?[^。]{0,20}?(?:请|望)[^。]{0,16}?(?:贯彻执行|遵照执行|认真执行|参照执行|研究执行|组织实施|贯彻落实|执行)|"
    r"此复|专此报告|当否，请批示|妥否，请批示)[。！]?$"
)
_HAN = recache.compile(r"[\u4e00-\u9fff]")
_PUNCT = recache.compile(r"[。；！？，,;!?]")
_CLAUSE_PUNCT = recache.compile(r"[。；！？，、,;!?]")
_SENTENCE_END = recache.compile(r"[。；！？!?;]")
_ENUMERATOR_RE = recache.compile(r"^(?:第[一二三四五六七八九十]+[，、,]|[一二三四五六七八九十]+(?:是|要)|首先|其次|再次|最后)")
_NEXT_ENUMERATOR_RE = recache.compile(r"[，；、,;](?:[二三四五六七八九十]+(?:是|要)|其次|再次|最后)")
#: 本通知自发布之日起施行。…: the effective date, and what the rest says about other rules.
_EFFECTIVE_RE = recache.compile(r"^本(?:通知|意见|办法|规定|决定|方案|细则|公告|通告|批复|规划|计划)自[^。]{1,16}(?:施行|执行|生效|实施)")
_LEAD_IN_RE = recache.compile(r"(?:以下|如下)[^。，；]{0,8}(?:工作|方面|几点|意见|事项|措施|任务|要求|内容)?[。：:]?$")
_EXHORTATION_RE = recache.compile(r"^[\s\u3000]*(?:希望|望|号召)")
#: A paragraph that is one rule of consequence (构成犯罪的，依法追究刑事责任; 如有违反，追究……责任;
#: 对……的单位，如不能确保推荐质量，将暂停初评推荐工作) or one transition (为此，……) is neither a work
#: item nor empty words.  A condition opened by 如/若/一经 needs a sanction proper after it (暂停,
#: 取消, 追究 …): 如发现问题，要及时处理 is the stock promise, not a rule; the condition must open the
#: rule (no 要/应/须 before it: 各地要高度重视，如工作推进不力，将约谈…… is a work item that threatens),
#: and 如期, 如实, 若干 are no 如/若.
_RULE_RE = recache.compile(
    r"^(?:[^。]{0,30}?(?:的|如有违反|违者|违反)[，,][^。]{0,30}?(?:追究|处理|处罚|问责|处分|责令)"
    r"|[^。要应须]{0,30}?(?:如(?![期实何此下同今])|若(?!干)|一经)[^。，,]{2,30}[，,][^。]{0,20}?"
    r"(?:暂停|取消|撤销|不予|退回|追究|问责|通报批评|约谈))[^。]*。?$"
)
_TRANSITION_RE = recache.compile(r"^(?:为此|因此|总之|综上|据此|对此)[，,][^。]{0,30}。?$")
MIN_HAN = 6


def heading_lead_end(p: Paragraph) -> int | None:
    """Where the lead of a run-in heading ends (after its first 。；：), or None when the heading
    carries no paragraph.  A stand-in until the structure decoder (issue 13) marks the lead."""
    if p.role not in HEADING_ROLES:
        return None
    m = re.search(r"[。；：:]", p.text)
    if m is None or not _HAN.search(p.text[m.end():]):
        return None
    return m.end()


#: A "heading" this long that ends like a sentence and runs on over clauses is a numbered item
#: with no lead of its own (2. 进一步完善……体系，加快推进……，持续改善……。), not a title.
_ITEM_HEADING_HAN = 25
_CLAUSE_COMMA = recache.compile(r"[，,；;]")


def numbered_item(p: Paragraph) -> bool:
    """A heading-role paragraph that is a work item in full (numbered, no run-in lead)."""
    text = p.text.rstrip()
    return (p.role in HEADING_ROLES and heading_lead_end(p) is None and text.endswith("。")
            and count_han(text) >= _ITEM_HEADING_HAN and len(_CLAUSE_COMMA.findall(text)) >= 2)


def heading_label(text: str) -> str:
    """The heading proper: up to its first full stop (a run-in heading carries its paragraph)."""
    return re.split(r"[。；：:]|(?<=.)[（(]", text, maxsplit=1)[0][:30]


@dataclass(frozen=True)
class Span:
    """A paragraph as one item: ``p.text[start:end]`` is what is judged (ordinal stripped)."""

    p: Paragraph
    start: int
    end: int
    lead_end: int | None  # run-in heading: end of its lead; None for a plain paragraph
    headings: tuple[str, ...]  # labels of the enclosing headings, outermost first
    aside: str = ""  # the label of the section set aside it sits in (背景, 条件), "" for a work item

    @property
    def preamble(self) -> bool:
        """Inside a section set aside (背景/意义/指导思想/原则, 条件/原则/内容): not a work item."""
        return bool(self.aside)


#: Template filler: one short unit repeated (正文内容正文内容…, XXXX): a placeholder, not words.
_FILLER_RE = recache.compile(r"(.{1,6}?)\1{3,}")
#: What every match of :data:`_FILLER_RE` holds: a character at k, k + L, k + 2L and k + 3L (L ≤ 6).
_FILLER_NEED = recache.compile("(.)(?:" + "|".join(("." * n + r"\1") * 3 for n in range(6)) + ")")


#: What :func:`is_filler` leaves out (compiled once: ``re.sub`` with a pattern string looks it up
#: in the ``re`` module's cache on every call).
_FILLER_GAPS = recache.compile(r"[\s\u3000。，、；：]")


def _distinct(text: str) -> int:
    """How many different characters ``text`` holds: ``len(set(text))`` over the code points as
    integers (a set of the characters makes a string object of each Han character and hashes it,
    ~1.6× the cost; every code point, a lone surrogate too, is one 32-bit unit)."""
    return len(set(memoryview(text.encode("utf-32-le", "surrogatepass")).cast("I")))


def is_filler(text: str) -> bool:
    """Most of ``text`` is one short unit repeated — a template's placeholder text."""
    compact = _FILLER_GAPS.sub("", text)
    # Each match is a unit of L ≤ 6 characters repeated k ≥ 4 times: k·L characters, at most
    # L ≤ k·L/4 of them distinct.  Matches covering ``c`` of the ``n`` characters leave at most
    # n − c others, so the text holds at most n − ¾c distinct characters, ≤ 0.55·n when c ≥ 0.6·n.
    # Running prose holds more (most paragraphs of a draft): no need to try the back-reference
    # pattern, which costs ~25 µs a paragraph, at every position.
    if 20 * _distinct(compact) > 11 * len(compact):
        return False
    # Long prose passes that test (it reuses its characters).  Every match holds its unit's first
    # character four times, L apart: where no character is, the pattern cannot match anywhere — a
    # test that fails at the first back-reference at nearly every position, ~3× cheaper than the
    # lazy unit's tries.
    if _FILLER_NEED.search(compact) is None:
        return False
    covered = sum(len(m.group()) for m in _FILLER_RE.finditer(compact))
    return bool(compact) and covered >= 0.6 * len(compact)


def _is_item_text(text: str, heads_prose: bool = True) -> bool:
    """``heads_prose``: running text follows the paragraph (a short clause there may be the
    heading of what follows)."""
    t = text.strip()
    han = count_han(t)
    if han < MIN_HAN:
        return False
    if han < 30 and not _PUNCT.search(t):
        return False  # a line without a stop or a comma is a title or a name, not a sentence
    if han < 15 and heads_prose and not _CLAUSE_PUNCT.search(t.rstrip("。；！？")):
        # one short clause (进一步扩大对外开放。) above running text: a heading typed as a
        # paragraph; with nothing of its own below (the last item, or one of a list of such
        # lines) it is the item itself
        return False
    if (han < 25 and _ENUMERATOR_RE.match(t) and len(_SENTENCE_END.findall(t.rstrip("。；！？"))) == 0
            and not _NEXT_ENUMERATOR_RE.search(t, 2)):
        # 第二，搞好社会治安综合治理，维护社会稳定。: a numbered heading, its items follow — but
        # 一要提高站位，二要压实责任，三要…: the items themselves, run together
        return False
    if t.endswith(("：", ":")) or _LEAD_IN_RE.search(t):
        return False  # a lead-in: 现将有关事项通知如下：／今年要着重做好以下几方面的工作。
    if _CLOSING_RE.match(t) or _EFFECTIVE_RE.match(t) or _RULE_RE.match(t) or _TRANSITION_RE.match(t):
        return False
    # template filler last: it costs the most of these tests, and the others settle many texts
    return not is_filler(t)


def _short_clause(text: str) -> bool:
    t = text.strip()
    return count_han(t) < 15 and not _CLAUSE_PUNCT.search(t.rstrip("。；！？"))


#: What joins a heading word to another (申报范围和要求, 申报条件及程序): the section holds more than it.
_JOINED = frozenset("和与及、暨")


@dataclass(frozen=True)
class Aside:
    """A kind of section whose items are set aside: its label (背景, 条件) and heading words.
    ``anywhere``: a heading holding a word anywhere names such a section (一、指导思想和基本原则);
    otherwise the heading must open with the word (培训内容。围绕……, and a flattened 培训内容围绕……;
    not 申报范围和要求, which holds more), or, for a heading above the item, end with it
    (候选先进集体、先进个人推荐条件), also when a flattened text runs on after it (推荐条件（一）……) — an
    item's own run-in lead ending with the word is a task about criteria, not criteria
    (严格评选标准。各县……, 明确表彰对象。由……)."""

    label: str
    keys: tuple[str, ...]
    anywhere: bool = True

    def names(self, headings: tuple[str, ...], own_lead: bool) -> bool:
        if "" in self.keys:  # (no pattern below matches the empty word as these tests do)
            return self._names_by_key(headings, own_lead)
        inside, opening, closing = self._patterns
        if self.anywhere:
            return any(inside.search(h) for h in headings)
        if any(opening.match(h) for h in headings):
            return True
        enclosing = headings[:-1] if own_lead else headings
        return any(closing.search(h) for h in enclosing)

    def _names_by_key(self, headings: tuple[str, ...], own_lead: bool) -> bool:
        """:meth:`names` word by word (the definition its patterns implement)."""
        if self.anywhere:
            return any(k in h for h in headings for k in self.keys)
        if any(h.startswith(k) and h[len(k):len(k) + 1] not in _JOINED for h in headings for k in self.keys):
            return True
        enclosing = headings[:-1] if own_lead else headings
        return any(h.endswith(k) or k + "（" in h or k + "(" in h for h in enclosing for k in self.keys)

    @property
    def _patterns(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        return _aside_patterns(self.keys)


@lru_cache(maxsize=16)
def _aside_patterns(keys: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The tests of :meth:`Aside._names_by_key` as one search each over all the words (a heading
    was tested word by word: 40-odd words, 110,000 tests on a 500-page draft).  A word anywhere;
    a word opening the heading and not joined to another (the alternation backtracks to a
    shorter word when a longer one is followed by 和); a word at the end or before a bracket.
    Kept per set of words: every analysis makes its :class:`Aside` afresh."""
    words = alternation(keys)
    joined = "".join(sorted(_JOINED))
    return (
        recache.compile(words),
        recache.compile(f"(?:{words})(?![{re.escape(joined)}])"),
        recache.compile(f"(?:{words})(?:\\Z|[（(])"),
    )


def spans(doc: Document, set_aside: tuple[Aside, ...]) -> list[Span]:
    """The items of ``doc`` in reading order (body part only: the draft's own text); an item in a
    section one of ``set_aside`` names carries its label (the first that names it)."""
    out: list[Span] = []
    stack: dict[int, str] = {}
    asides: dict[tuple[tuple[str, ...], bool], str] = {}
    body = list(doc.body)
    for n, p in enumerate(body):
        if p.role in HEADING_ROLES:
            level = _LEVEL[p.role]
            stack = {k: v for k, v in stack.items() if k < level}
            stack[level] = heading_label(ORDINAL_RE.sub("", p.text))
            lead = heading_lead_end(p)
            if lead is None and not numbered_item(p):
                continue
        elif p.role in PROSE_ROLES:
            lead = None
        else:
            if p.role in (Role.ATTACHMENT_LABEL, Role.ATTACHMENT_TITLE):
                stack = {}
            continue
        m = ORDINAL_RE.match(p.text)
        start = m.end() if m else 0
        end = len(p.text.rstrip())
        following = body[n + 1] if n + 1 < len(body) else None
        heads_prose = following is not None and following.role in PROSE_ROLES and not _short_clause(following.text)
        if not _is_item_text(p.text[start:end], heads_prose):
            continue
        headings = tuple(stack[k] for k in sorted(stack))
        own_lead = p.role in HEADING_ROLES  # (its own label is the last of the headings)
        key = (headings, own_lead)
        aside = asides.get(key)
        if aside is None:  # (the items of a section share its headings: each set asked once)
            aside = asides[key] = next((a.label for a in set_aside if a.names(headings, own_lead)), "")
        out.append(Span(p, start, end, lead, headings, aside))
    if out and out[-1].lead_end is None and _EXHORTATION_RE.match(out[-1].p.text[out[-1].start:]):
        out.pop()  # 希望……: the conventional closing of a 决定/通报, addressed to its readers
    return out
