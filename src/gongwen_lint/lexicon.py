"""The packaged word lists of the style rules (GW7xx) and the user's additions to them.

The lists are data reviewed like code and ship as the package ``gongwen_lint.dictionaries``:

- ``boilerplate.tsv`` (``phrase	category	source``): the 套话 GW701 lists; an entry starting with
  ``re:`` is a regular expression (a construction such as ``为…作出新的更大贡献``);
- ``substance.tsv`` (``entry	category	source``): the word classes of the substance model
  (:mod:`gongwen_lint.substance`) — 虚词, 能愿祈使, 程度修饰, 泛化动词, 比喻动词, 泛指宾语, 泛指主语
  (stripped before asking whether anything concrete is left), 措施载体 (named instruments: 台账, 平台 …),
  来源语境 (``re:`` contexts in which a named organ is the source of a deployment, not its doer)
  机关职能 (the sector words of organ names: 市 + 应急管理 + 局) and 协作动词 (verbs whose object is
  another organ: 会同市应急管理局 names 市应急管理局, not a place called 会同);
- ``organ_suffixes.txt`` and ``style.toml``.

A configuration may add and remove stock phrases (``[dictionaries] boilerplate-add = { 口号 =
["…"] }``, ``boilerplate-remove = ["…"]``), substance words (``substance-add = { 泛指宾语 =
["…"] }``, ``substance-remove = ["…"]``) and organ suffixes (``organ-suffixes-add``).

Stock phrases are matched in one Aho-Corasick pass (plus the ``re:`` patterns) over the *masked*
text (:func:`gongwen_lint.text.mask`): a phrase inside a quotation or a 书名号 title is someone
else's wording, not the drafter's.  Everything here is built once per configuration and cached in
``ctx.resources`` (:func:`get`), never at module level, so two configurations can coexist.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from typing import Any

import ahocorasick

from . import caches, recache
from .relead import _c as _re_constants
from .relead import _parser as _re_parser
from .relead import lookahead_first, required_literal
from .text import mask

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACKAGE = "gongwen_lint.dictionaries"
USER_SOURCE = "用户配置"
#: Categories GW701 does not list phrase by phrase by default (they still count for GW702/GW704):
#: single vague modifiers are everywhere in real documents, and 报送负担 has its own rule GW707.
BURDEN = "报送负担"
PATTERN_PREFIX = "re:"
#: The categories of ``substance.tsv``.
#: Generic predicates (加强, 完善, 打造): a direction, not an act.
GENERIC_PREDICATE = "泛化动词"
STRIPPED_CATEGORIES = ("虚词", "能愿祈使", "程度修饰", GENERIC_PREDICATE, "比喻动词", "泛指宾语", "泛指主语")
#: The stripped categories grouped as the specificity model counts them (:attr:`StyleLexicon.stripped_class`).
STRIPPED_CLASSES = (
    ("function", ("虚词", "能愿祈使")),
    ("modifier", ("程度修饰",)),
    ("subject", ("泛指主语",)),
    ("predicate", (GENERIC_PREDICATE, "比喻动词")),
    ("object", ("泛指宾语",)),
)
MODIFIER = "程度修饰"
FIGURATIVE_VERB = "比喻动词"
INSTRUMENT = "措施载体"
SOURCE_CONTEXT = "来源语境"
ORGAN_SECTOR = "机关职能"
CO_VERB = "协作动词"
SUBSTANCE_CATEGORIES = STRIPPED_CATEGORIES + (INSTRUMENT, SOURCE_CONTEXT, ORGAN_SECTOR, CO_VERB)


class DictionaryError(ValueError):
    """A malformed user dictionary entry (worded in Chinese for the user)."""


@dataclass(frozen=True)
class Entry:
    phrase: str
    category: str
    source: str


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry

    @property
    def phrase(self) -> str:
        return self.entry.phrase

    @property
    def category(self) -> str:
        return self.entry.category


@lru_cache(maxsize=4)
def _table(name: str, what: str) -> tuple[Entry, ...]:
    """The rows of a three-column dictionary file (header and ``#`` lines skipped); read once per
    process — the packaged files do not change, and a configuration's additions are applied on
    top by :func:`load`."""
    rows = _read(name).splitlines()
    out = []
    for n, line in enumerate(rows[1:], start=2):
        if not line or line[0] == "#" or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise DictionaryError(f"{name} 第{n}行应为“{what}<TAB>类别<TAB>来源”")
        a, b, c = cols[0].strip(), cols[1].strip(), cols[2].strip()
        if not (a and b and c):
            raise DictionaryError(f"{name} 第{n}行应为“{what}<TAB>类别<TAB>来源”")
        out.append(Entry(a, b, c))
    return tuple(out)


def _read(name: str) -> str:
    return files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    out = []
    for line in _read(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


#: Tag of ``organ_suffixes.txt`` entries used by structure recognition only (see the file).
STRUCTURE_ONLY = "结构"


def organ_suffix_entries(dictionaries: dict[str, Any] | None = None) -> list[tuple[str, bool]]:
    """``(suffix, named)`` from ``organ_suffixes.txt`` plus the user's ``organ-suffixes-add``.

    ``named`` is False for suffixes tagged ``结构``: they end organ names in 主送/署名 lines
    (``各科室``, ``县林业站``) but are too common in prose for GW703 to read a named organ
    from them.  The user's additions count for both.
    """
    out: list[tuple[str, bool]] = []
    for line in _lines("organ_suffixes.txt"):
        suffix, _, tag = line.partition("\t")
        out.append((suffix.strip(), tag.strip() != STRUCTURE_ONLY))
    for s in (dictionaries or {}).get("organ-suffixes-add", []):
        if isinstance(s, str) and s.strip():
            out.append((s.strip(), True))
    return out


def packaged_entries() -> list[Entry]:
    """The literal phrases of ``boilerplate.tsv``, in file order (the ``re:`` patterns apart)."""
    return [e for e in _table("boilerplate.tsv", "短语") if not e.phrase.startswith(PATTERN_PREFIX)]


def packaged_patterns() -> list[Entry]:
    """The ``re:`` patterns of ``boilerplate.tsv`` (constructions such as 为…作出新的更大贡献)."""
    return [e for e in _table("boilerplate.tsv", "短语") if e.phrase.startswith(PATTERN_PREFIX)]


def substance_entries() -> list[Entry]:
    """The rows of ``substance.tsv``, in file order."""
    out = list(_table("substance.tsv", "词条"))
    for e in out:
        if e.category not in SUBSTANCE_CATEGORIES:
            raise DictionaryError(f"substance.tsv：“{e.phrase}”的类别“{e.category}”未知")
    return out


def validate(d: dict[str, Any]) -> None:
    """Check the value types of the user's ``[dictionaries]`` keys this module reads.

    Meant to be called when the configuration is parsed, so a malformed table is a
    configuration error (exit 2) rather than a rule crash.
    """
    add = d.get("boilerplate-add", {})
    if not isinstance(add, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)
        for k, v in add.items()
    ):
        raise DictionaryError('dictionaries.boilerplate-add 应为表：类别 = ["短语", …]，例如 { 口号 = ["奋力谱写新篇章"] }')
    add = d.get("substance-add", {})
    if not isinstance(add, dict) or not all(
        k in SUBSTANCE_CATEGORIES and isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)
        for k, v in add.items()
    ):
        raise DictionaryError(
            f'dictionaries.substance-add 应为表：类别 = ["词", …]，类别为 {"、".join(SUBSTANCE_CATEGORIES)} 之一，例如 {{ 泛指宾语 = ["新气象"] }}'
        )
    for items in list(d.get("boilerplate-add", {}).values()) + list(add.values()):
        for x in items:
            if x.strip().startswith(PATTERN_PREFIX):
                _compile(x.strip())  # a broken pattern is a configuration error, named
    for key in ("boilerplate-remove", "substance-remove", "organ-suffixes-add"):
        v = d.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise DictionaryError(f'dictionaries.{key} 应为字符串列表，例如 ["…", "…"]')


class Boilerplate:
    """The stock-phrase dictionary: an Aho-Corasick automaton of the literal phrases plus the
    ``re:`` patterns (a match of a pattern is reported as the text it matched)."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: dict[str, Entry] = {}
        self.patterns: list[tuple[re.Pattern[str], Entry]] = []
        for e in entries:
            if e.phrase.startswith(PATTERN_PREFIX):
                self.patterns.append((_compile(e.phrase), e))
            else:
                self.entries[e.phrase] = e  # later entries (user additions) win
        # per pattern, a run of characters every match holds (None: not known): a text without
        # it is not searched (see :func:`gongwen_lint.relead.required_literal`)
        self._needs = [required_literal(p.pattern) for p, _ in self.patterns]
        # a pattern without one required run may open with one of a few plain words
        # ((?:认真学习|深刻领会)……): then each of them is its key (see :func:`_opening_words`)
        openings = [() if need else _opening_words(p.pattern) for (p, _), need in zip(self.patterns, self._needs)]
        # The automaton holds the required runs too, so one scan finds the phrases and which
        # patterns to try (value: the phrase or None, and the indexes of the patterns needing the
        # key), instead of a substring test per pattern per sentence.
        self._always = tuple(i for i, need in enumerate(self._needs) if not need and not openings[i])
        keys: dict[str, tuple[str | None, tuple[int, ...]]] = {phrase: (phrase, ()) for phrase in self.entries}
        for i, need in enumerate(self._needs):
            for key in (need,) if need else openings[i]:
                phrase, needing = keys.get(key, (None, ()))
                keys[key] = (phrase, (*needing, i))
        self._automaton = ahocorasick.Automaton()
        for key, value in keys.items():
            self._automaton.add_word(key, value)
        if keys:
            self._automaton.make_automaton()
        self._cache: dict[str, tuple[Match, ...]] = {}
        caches.register_owned(self, "_cache")

    def find(self, text: str) -> tuple[Match, ...]:
        """Leftmost-longest, non-overlapping stock phrases of ``text``, outside quotations/titles."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        found: list[tuple[int, int, Entry]] = []
        masked = mask(text) if text else ""
        tried = self._always
        if len(self._automaton) and masked:
            needed: set[int] = set()
            for end, (phrase, needing) in self._automaton.iter(masked):
                if phrase is not None:
                    found.append((end + 1 - len(phrase), end + 1, self.entries[phrase]))
                if needing:
                    needed.update(needing)
            if needed:  # (in the patterns' order, as before: of equal spans the first found wins)
                tried = tuple(sorted(needed.union(tried)))
        for i in tried:
            pattern, e = self.patterns[i]
            for m in pattern.finditer(masked):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), Entry(text[m.start():m.end()], e.category, e.source)))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[Match] = []
        last = 0
        for start, end, entry in found:
            if start >= last:
                out.append(Match(start, end, entry))
                last = end
        result = tuple(out)
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[text] = result
        return result


@dataclass(frozen=True)
class StyleLexicon:
    """Everything the GW7 rules look words up in, for one configuration."""

    boilerplate: Boilerplate
    organ_suffixes: tuple[str, ...]
    substance: dict[str, frozenset[str]]  # category of substance.tsv -> its literal words
    source_contexts: tuple[re.Pattern[str], ...] = ()
    patterns: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def words(self, table: str, key: str) -> list[str]:
        return self.patterns.get(table, {}).get(key, [])

    def category(self, name: str) -> frozenset[str]:
        return self.substance.get(name, frozenset())

    @cached_property
    def function_words(self) -> frozenset[str]:
        """Function words, modals, modifiers and generic subjects: never the content of a measure."""
        return frozenset().union(*(self.category(c) for c in ("虚词", "能愿祈使", "程度修饰", "泛指主语")))

    @cached_property
    def clause_modifiers(self) -> frozenset[str]:
        """Modifiers and modals that may stand before a clause's verb (要, 充分, 进一步): 程度修饰
        and 能愿祈使 of one to three characters."""
        return frozenset(w for w in self.category("程度修饰") | self.category("能愿祈使") if len(w) <= 3)

    @cached_property
    def generic_nouns(self) -> frozenset[str]:
        """Generic objects and predicates (工作机制, 服务水平, 加强, 完善 …)."""
        return self.category("泛指宾语") | self.category(GENERIC_PREDICATE)

    @cached_property
    def stripped(self) -> frozenset[str]:
        """Every word the substance model strips before asking what is left (cached: the
        segmentation asks for every candidate word)."""
        return _union(self.substance, STRIPPED_CATEGORIES)

    @cached_property
    def stripped_class(self) -> dict[str, str]:
        """The class each stripped word counts in for the specificity model (:mod:`.substance.model`):
        ``function`` (虚词, 能愿祈使: 的, 要 — in every sentence, specific or not), ``modifier``
        (程度修饰), ``predicate`` (泛化动词, 比喻动词: 加强, 绘就), ``object`` (泛指宾语: 工作机制),
        ``subject`` (泛指主语: 各地各部门).  A word in two categories takes the first of that order."""
        out: dict[str, str] = {}
        for cls, names in STRIPPED_CLASSES:
            for w in _union(self.substance, names):
                out.setdefault(w, cls)
        return out

    @cached_property
    def source_context_needs(self) -> tuple[str | None, ...]:
        """Per pattern of :attr:`source_contexts`, a run of characters every match holds (None:
        not known; see :func:`gongwen_lint.relead.required_literal`)."""
        return tuple(required_literal(p.pattern) for p in self.source_contexts)

    @cached_property
    def instrument_re(self) -> re.Pattern[str]:
        """The 措施载体 nouns (台账, 平台, 专项资金 …), longest first."""
        return _alternation(tuple(sorted(self.category(INSTRUMENT), key=len, reverse=True)))

    @cached_property
    def generic_predicate_re(self) -> re.Pattern[str]:
        """The 泛化动词 (打造, 搭建, 推进, 完善 …), longest first: what a sentence builds or
        strengthens only in name (see :func:`gongwen_lint.substance.slots.find`, 平台)."""
        return _alternation(tuple(sorted(self.category(GENERIC_PREDICATE), key=len, reverse=True)))

    @cached_property
    def organ_re(self) -> re.Pattern[str]:
        return _organ_re(self.organ_suffixes, tuple(sorted(self.category(ORGAN_SECTOR))))

    def organs(self, text: str) -> list[tuple[int, int]]:
        """Spans naming an organ in ``text``: 市教育局, 县人民政府, 区生态环境分局, 市委组织部,
        生态环境部, 国务院 — a level (省/市/县/区/乡/镇, a place name, 国家) or a ministry-type
        suffix, with sector words (``substance.tsv`` 机关职能) and an organ suffix
        (``organ_suffixes.txt``) — not 各部门 or 有关单位, which name no one."""
        if not self.organ_end_re.search(text):
            return []  # every organ ends in one of these characters: most sentences name none
        if not self.organ_need_re.search(text):
            return []  # (see organ_need_re: most of the rest name none either)
        return [m.span() for m in self.organ_re.finditer(text)]

    @cached_property
    def organ_need_re(self) -> re.Pattern[str]:
        """What every match of :attr:`organ_re` holds (:func:`_organ_need_re`): a cheap test
        before it, which tries a place name at every position of the text."""
        return _organ_need_re(self.organ_suffixes, tuple(sorted(self.category(ORGAN_SECTOR))))

    @cached_property
    def organ_end_re(self) -> re.Pattern[str]:
        """The characters a match of :attr:`organ_re` can end with (a cheap test before it)."""
        return recache.compile("[" + "".join(sorted(_organ_ends(self.organ_suffixes))) + "]")

    @cached_property
    def strip_re(self) -> re.Pattern[str]:
        """Function words and generic nouns, longest first (for the residual-content test)."""
        return _alternation(tuple(sorted(self.function_words | self.generic_nouns, key=len, reverse=True)))


def _union(substance: dict[str, frozenset[str]], names: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(substance.get(c, frozenset()) for c in names))


#: Organs named without sector words (国务院) or as level + fixed name (县委, 市政府, 省级财政).
_FIXED_ORGANS = "国务院|党中央|中共中央|中央委员会|全国人大常委会|全国人大|全国政协"
_LEVEL_NAMES = "国家|中央|省级|市级|县级|区级|乡级|县区|区县|市县|县市区|县（市、区）|乡镇|省|市|县|区|州|盟|旗|乡|镇|街道"
#: Where a place name may start: the start of a phrase, not the tail of a longer word (统一到市).
_PLACE_START = r"(?:(?<![\u4e00-\u9fff])|(?<=[由报向经和与及对在将请至同、]))"
#: How a place name (:data:`_LEVEL`) ends (one list: :func:`_organ_need_re` reads it too).
_PLACE_ENDS = ("省", "自治区", "市", "县", "区", "州", "旗", "镇", "乡", "街道")
_LEVEL = (
    rf"(?:{_LEVEL_NAMES}"
    # a place name (宜春市, 袁州区)
    rf"|{_PLACE_START}(?![在由报向经和与及对将请至把以为的各全本我该统到从按据])[\u4e00-\u9fff]{{2,4}}?(?:{'|'.join(_PLACE_ENDS)}))"
)
#: Where ``各?`` + :data:`_LEVEL` can match, as one lookahead before it (it only says what the
#: pattern implies: 各, the first character of a level's name, or where a place name may start;
#: the engine would otherwise try each of the level's ~25 alternatives at every position).
_LEVEL_AHEAD = "(?=[各" + "".join(sorted({n[0] for n in _LEVEL_NAMES.split("|")})) + "]|" + _PLACE_START + ")"
_LEVEL_ONLY = "委|党委|政府|人民政府|财政|人大|人大常委会|政协|纪委|监委|纪委监委|政法委|组织部|宣传部|统战部|编办|网信办|法院|人民法院|检察院|人民检察院"


#: How a unit below an organ and a central ministry end (区生态环境分局, 生态环境部).
_UNIT_ENDS = ("分局", "支队", "大队", "中队")
_MINISTRY_ENDS = ("部", "委员会", "委", "总局", "署")


def _organ_ends(suffixes: tuple[str, ...]) -> set[str]:
    """The last characters of every way :func:`_organ_re` can end."""
    fixed = _FIXED_ORGANS.split("|") + _LEVEL_ONLY.split("|")
    return {w[-1] for w in (*fixed, *_UNIT_ENDS, *_MINISTRY_ENDS, *suffixes) if w}


@lru_cache(maxsize=8)
def _organ_re(suffixes: tuple[str, ...], sectors: tuple[str, ...]) -> re.Pattern[str]:
    suffix = alternation(set(suffixes))
    sector = alternation(set(sectors))
    # (the lookahead only says what the trie implies: a sector word starts with one of these
    # characters; the engine tries the trie's ~100 first characters one by one at every
    # position of the text, while a character class is a single test)
    firsts = "".join(sorted({re.escape(w[0]) for w in sectors if w}))
    body = rf"(?=[{firsts}])(?:(?:{sector})[和、]?){{1,4}}" if firsts else rf"(?:(?:{sector})[和、]?){{1,4}}"
    units, ministries = "|".join(_UNIT_ENDS), "|".join(_MINISTRY_ENDS)
    return recache.compile(
        rf"(?:{_FIXED_ORGANS})"
        # 各县区人民政府, 市应急管理局, 区生态环境分局, 县委, 市政府, 省级财政
        rf"|(?<![全本我该]){_LEVEL_AHEAD}各?{_LEVEL}(?:{body}(?:{units}|{suffix})|(?:{_LEVEL_ONLY}))"
        # 生态环境部, 国家发展改革委: a central ministry needs no level
        rf"|{body}(?:{ministries})(?![署门分位长件员])"
    )



@lru_cache(maxsize=8)
def _organ_need_re(suffixes: tuple[str, ...], sectors: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern every match of :func:`_organ_re` holds a match of: a fixed organ (国务院), the
    last sector word with what ends the organ (应急管理局, 发展改革委: each match of the sector
    body ends in a sector word and an optional 和/、), or a level and the organ that needs no
    sector (市政府, 县（市、区）委: the level ends in one of its names or a place-name ending).
    Each opens with a literal (tries, behind a look-ahead for their first characters), so the
    search is cheap; a text without a match holds no organ and is not searched with the full
    pattern."""
    ends = alternation(set(suffixes) | set(_UNIT_ENDS) | set(_MINISTRY_ENDS))
    levels = alternation(set(_LEVEL_NAMES.split("|")) | set(_PLACE_ENDS))
    return recache.compile(lookahead_first(
        rf"{alternation(_FIXED_ORGANS.split('|'))}"
        rf"|{alternation(sectors)}[和、]?{ends}"
        rf"|{levels}{alternation(_LEVEL_ONLY.split('|'))}"
    ))


def alternation(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, as ``a|b|c`` with the longest first does, written as a
    trie (安(?:全(?:生产)?|监)): the engine tries the alternatives one by one at every position,
    so a list of a few hundred words costs a few hundred tests per character; as a trie it costs
    one per character that starts some word.  The same match everywhere: the words that can match
    at one position start one another, and the trie tries the longer first.  ``(?!)`` (matches
    nothing) for no words."""
    trie: dict[str, dict] = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(trie) or r"(?!)"


@lru_cache(maxsize=8)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return recache.compile(alternation(words))


def _opening_words(pattern: str) -> tuple[str, ...]:
    """The plain words one of which every match of ``pattern`` opens with, when it opens with an
    alternation of plain words ((?:认真学习|深刻领会)[^，。]{0,20}?……): a text holding none of them
    holds no match; ``()`` when the pattern does not open so (or flags, an empty word …)."""
    if _re_parser is None:
        return ()
    try:
        parsed = _re_parser.parse(pattern)
        if parsed.state.flags & ~int(_re_constants.SRE_FLAG_UNICODE) or not len(parsed):
            return ()
        op, av = parsed[0]
        if op is _re_constants.SUBPATTERN:
            _group, add_flags, del_flags, body = av
            if add_flags or del_flags or len(body) != 1:
                return ()
            op, av = body[0]
        if op is not _re_constants.BRANCH:
            return ()
        words = []
        for branch in av[1]:
            if not len(branch) or any(o is not _re_constants.LITERAL for o, _a in branch):
                return ()
            words.append("".join(chr(a) for _o, a in branch))
    except (re.error, AttributeError, TypeError, ValueError):
        return ()
    return tuple(words)


def _compile(phrase: str) -> re.Pattern[str]:
    try:
        return recache.compile(phrase[len(PATTERN_PREFIX):])
    except re.error as e:
        raise DictionaryError(f"正则表达式“{phrase}”无效：{e}") from None


def load(dictionaries: dict[str, Any] | None = None) -> StyleLexicon:
    """Packaged lists plus the configuration's ``[dictionaries]`` additions and removals."""
    d = dictionaries or {}
    validate(d)
    entries = packaged_entries() + packaged_patterns()
    for category, phrases in d.get("boilerplate-add", {}).items():
        entries += [Entry(p.strip(), category, USER_SOURCE) for p in phrases]
    removed = {p.strip() for p in d.get("boilerplate-remove", [])}
    entries = [e for e in entries if e.phrase not in removed]
    words = substance_entries()
    for category, items in d.get("substance-add", {}).items():
        words += [Entry(w.strip(), category, USER_SOURCE) for w in items]
    removed = {w.strip() for w in d.get("substance-remove", [])}
    by_category: dict[str, set[str]] = {}
    contexts = []
    for e in words:
        if e.phrase in removed:
            continue
        if e.phrase.startswith(PATTERN_PREFIX):
            contexts.append(_compile(e.phrase))
        else:
            by_category.setdefault(e.category, set()).add(e.phrase)
    suffixes = [s for s, named in organ_suffix_entries(d) if named]
    patterns = tomllib.loads(_read("style.toml"))
    return StyleLexicon(
        boilerplate=Boilerplate(entries),
        organ_suffixes=tuple(dict.fromkeys(suffixes)),
        substance={k: frozenset(v) for k, v in by_category.items()},
        source_contexts=tuple(contexts),
        patterns=patterns,
    )


def get(ctx) -> StyleLexicon:
    """The lexicon of ``ctx``'s configuration, built on first use and cached in its resources."""
    return ctx.resources.get("lexicon.style", lambda: load(ctx.config.dictionaries))
