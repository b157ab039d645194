"""The words structure recognition reads: 文种, title endings, organ suffixes, font classes.

One source for each: the 15 文种 are the :class:`~gongwen_lint.model.Genre` enum (plus the
short form 令), the other title endings and the per-genre data are ``dictionaries/genres.toml``,
organ suffixes are ``dictionaries/organ_suffixes.txt`` with the user's ``organ-suffixes-add``,
font classes are :mod:`gongwen_lint.fonts` with the user's ``font-aliases``.  Rules import the
genre helpers from here (through ``rules/_fields``), so a title's 文种 is read one way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import fonts, recache
from ..lexicon import organ_suffix_entries
from ..model import Genre
from ..text import compact


@lru_cache(maxsize=1)
def genre_data() -> dict:
    """``dictionaries/genres.toml``: genres, closings, request phrases, repealed rules."""
    from importlib import resources

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    try:
        data = resources.files("gongwen_lint.dictionaries").joinpath("genres.toml").read_bytes()
    except (TypeError, ModuleNotFoundError, FileNotFoundError):
        # A module named gongwen_lint.dictionaries can shadow the data package in a source
        # checkout; the file then lies at the top of the repository.
        from pathlib import Path

        data = (Path(__file__).resolve().parents[3] / "dictionaries" / "genres.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def deploys_work(genre: Genre | None) -> bool:
    """A genre that sets out work to be done (``genres.toml`` ``deploys_work``: 通知, 意见, 决定 …),
    as opposed to one that reports or proclaims (报告, 决议, 公报); an unknown genre is not."""
    return genre is not None and bool(genre_data()["genres"].get(genre.value, {}).get("deploys_work"))


#: The 文种 words a title ends with: the 15 genres of 条例 art. 8, and 令 for 命令.
GENRE_WORDS: dict[str, Genre] = {g.value: g for g in Genre} | {"令": Genre.ORDER}


def _tail_re(words) -> re.Pattern[str]:
    return recache.compile("(" + "|".join(sorted(words, key=len, reverse=True)) + ")$")


#: A text ending with a 文种 word.
GENRE_TAIL_RE = _tail_re(GENRE_WORDS)
#: Words that end a complete title although they are no 文种 (方案, 办法 … ``genres.toml``
#: ``non_genres``): a title ending with one is complete, so the next line does not continue it.
NON_GENRE_TAIL_RE = _tail_re(genre_data()["non_genres"])
_ORDER_ISSUER_RE = recache.compile(r"(人民政府|国务院|部|委员会|总局|署|行|院)令$")
_END_PUNCT = "。.，,；;：:！!？?"


def genre_of_title(title: str) -> Genre | None:
    """The 文种 a title ends with (``关于印发《…办法》的通知`` → 通知), end punctuation ignored."""
    t = compact(title).rstrip(_END_PUNCT)
    m = GENRE_TAIL_RE.search(t)
    if not m:
        return None
    word = m.group(1)
    if word == "令" and not (t.endswith("命令") or _ORDER_ISSUER_RE.search(t) or len(t) <= 8):
        return None  # 法令, 指令 … are not the genre
    return GENRE_WORDS[word]


def title_end(text: str) -> str | None:
    """The 文种 or other title word ``text`` ends with (end punctuation ignored), or None."""
    t = compact(text).rstrip(_END_PUNCT)
    m = GENRE_TAIL_RE.search(t) or NON_GENRE_TAIL_RE.search(t)
    return m.group(1) if m else None


@dataclass(frozen=True)
class Vocab:
    """What one configuration adds to the packaged words (organ suffixes, font aliases)."""

    organ_suffixes: tuple[str, ...]
    fonts: fonts.FontTable

    @property
    def organ_tail_re(self) -> re.Pattern[str]:
        return _organ_tail_re(self.organ_suffixes)

    def names_organ(self, text: str) -> bool:
        """``text`` (compact) ends with an organ suffix: 市教育局, 各科室, 县林业站."""
        return bool(self.organ_tail_re.search(text))


@lru_cache(maxsize=16)
def _organ_tail_re(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    return _tail_re(re.escape(s) for s in suffixes)


def load(dictionaries: dict[str, Any] | None = None) -> Vocab:
    """The packaged words plus the configuration's ``[dictionaries]`` additions."""
    d = dictionaries or {}
    suffixes = tuple(dict.fromkeys(s for s, _ in organ_suffix_entries(d)))
    return Vocab(suffixes, fonts.build(d.get("font-aliases") or None))


@lru_cache(maxsize=1)
def default() -> Vocab:
    """The packaged words alone (no configuration): immutable, so cached once per process."""
    return load(None)
