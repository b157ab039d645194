"""The packaged word lists of the style rules (GW7xx) and the user's additions to them.

The lists are data reviewed like code: ``dictionaries/boilerplate.tsv`` (``phrase	category
source``), ``organ_suffixes.txt``, ``function_words.txt``, ``generic_nouns.txt`` and ``style.toml``
ship as the package ``gongwen_lint.dictionaries``.  A configuration may add and remove stock
phrases (``[dictionaries] boilerplate-add = { 口号 = ["…"] }``, ``boilerplate-remove = ["…"]``)
and organ suffixes (``organ-suffixes-add``).

Stock phrases are matched literally in one Aho-Corasick pass over the *masked* text
(:func:`gongwen_lint.text.mask`): a phrase inside a quotation or a 书名号 title is someone else's
wording, not the drafter's.  Everything here is built once per configuration and cached in
``ctx.resources`` (:func:`get`), never at module level, so two configurations can coexist.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable

import ahocorasick

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
    """The rows of ``boilerplate.tsv`` (header skipped), in file order."""
    rows = _read("boilerplate.tsv").splitlines()
    out = []
    for n, line in enumerate(rows[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or not all(c.strip() for c in cols):
            raise DictionaryError(f"boilerplate.tsv 第{n}行应为“短语<TAB>类别<TAB>来源”")
        out.append(Entry(*(c.strip() for c in cols)))
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
    for key in ("boilerplate-remove", "organ-suffixes-add"):
        v = d.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise DictionaryError(f'dictionaries.{key} 应为字符串列表，例如 ["…", "…"]')


class Boilerplate:
    """The stock-phrase dictionary and its Aho-Corasick automaton."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: dict[str, Entry] = {}
        for e in entries:
            self.entries[e.phrase] = e  # later entries (user additions) win
        self._automaton = ahocorasick.Automaton()
        for phrase in self.entries:
            self._automaton.add_word(phrase, phrase)
        if self.entries:
            self._automaton.make_automaton()
        self._cache: dict[str, tuple[Match, ...]] = {}

    def find(self, text: str) -> tuple[Match, ...]:
        """Leftmost-longest, non-overlapping stock phrases of ``text``, outside quotations/titles."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        found: list[tuple[int, int, str]] = []
        if self.entries and text:
            for end, phrase in self._automaton.iter(mask(text)):
                found.append((end + 1 - len(phrase), end + 1, phrase))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[Match] = []
        last = 0
        for start, end, phrase in found:
            if start >= last:
                out.append(Match(start, end, self.entries[phrase]))
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
    function_words: frozenset[str]
    generic_nouns: frozenset[str]
    patterns: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def words(self, table: str, key: str) -> list[str]:
        return self.patterns.get(table, {}).get(key, [])

    @property
    def organ_re(self) -> re.Pattern[str]:
        return _organ_re(self.organ_suffixes)

    def organs(self, text: str) -> list[tuple[int, int]]:
        """Spans that look like a named organ (市教育局, 生态环境部, 国务院) in ``text``."""
        out = []
        for m in self.organ_re.finditer(text):
            if m.group()[-2:] in _NOT_ORGAN_ENDINGS:
                continue
            out.append(m.span())
        return out

    @property
    def strip_re(self) -> re.Pattern[str]:
        """Function words and generic nouns, longest first (for the residual-content test)."""
        return _alternation(tuple(sorted(self.function_words | self.generic_nouns, key=len, reverse=True)))


# Words that end in an organ suffix but name no organ: 全部, 内部, 干部, 各部门 …
_NOT_ORGAN_PREFIX = "全内外干局细俱乐各本该此其有相上下东西南北总分支"
# Common words whose last character is a one-character organ suffix.
_NOT_ORGAN_ENDINGS = frozenset(
    "举办 承办 主办 督办 查办 代办 包办 开办 兴办 创办 协办 交办 催办 合办 部署 签署 格局 布局 大局 结局 当局 "
    "全部 内部 外部 局部 干部 底部 中部 西部 东部 北部 南部 头部 基层 重心 核心 中心".split()
)


@lru_cache(maxsize=8)
def _organ_re(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    # At least two Han characters before the suffix, the first not a generic determiner, e.g.
    # 市教育局, 生态环境部, 县人民政府; 国务院 and 党中央 are named on their own.
    return re.compile(
        rf"(?:国务院|党中央|中共中央|全国人大|[\u4e00-\u9fff](?<![{_NOT_ORGAN_PREFIX}])[\u4e00-\u9fff]{{1,10}}?(?:{alt})(?![法理事学门分署位件长]))"
    )


@lru_cache(maxsize=8)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words) or r"(?!)")


def load(dictionaries: dict[str, Any] | None = None) -> StyleLexicon:
    """Packaged lists plus the configuration's ``[dictionaries]`` additions and removals."""
    d = dictionaries or {}
    validate(d)
    entries = packaged_entries()
    for category, phrases in d.get("boilerplate-add", {}).items():
        entries += [Entry(p.strip(), category, USER_SOURCE) for p in phrases]
    removed = {p.strip() for p in d.get("boilerplate-remove", [])}
    entries = [e for e in entries if e.phrase not in removed]
    suffixes = [s for s, named in organ_suffix_entries(d) if named]
    patterns = tomllib.loads(_read("style.toml"))
    return StyleLexicon(
        boilerplate=Boilerplate(entries),
        organ_suffixes=tuple(dict.fromkeys(suffixes)),
        function_words=frozenset(_lines("function_words.txt")),
        generic_nouns=frozenset(_lines("generic_nouns.txt")),
        patterns=patterns,
    )


def get(ctx) -> StyleLexicon:
    """The lexicon of ``ctx``'s configuration, built on first use and cached in its resources."""
    return ctx.resources.get("lexicon.style", lambda: load(ctx.config.dictionaries))
