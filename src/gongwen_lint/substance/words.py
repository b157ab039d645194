"""The words the segmentation may take, as one Aho-Corasick automaton (found in C, in one pass).

Why: on a cold check of a long draft, segmenting word by word in Python — a table lookup for each
candidate substring, most of them no word at all (87,000 of 132,000 probes on 500 pages) — was a
third of the substance analysis.  :func:`load` gives an automaton whose ``iter(run)`` yields
every word of the packaged table ending at each position of the run, so the segmentation's
dynamic programme (:func:`gongwen_lint.substance.clause.segment`) runs over real words only.

The words are ``dictionaries/substance_words.tsv`` (written with the table by
``scripts/build_substance_table.py``: the table's keys are CRC-32s and cannot be enumerated).
Building the automaton from the list costs about half a second, so the built automaton is kept in
the user's cache folder as :mod:`gongwen_lint.recache` keeps compiled patterns
(``$XDG_CACHE_HOME/gongwen-lint/words-<tag>.pickle``, keyed by the list's CRC-32, the build of
pyahocorasick and the interpreter); reading it back costs ~15 ms.  It is read with an unpickler that
builds nothing but an ``ahocorasick.Automaton``; a missing, stale, damaged or foreign file is
rebuilt from the list, and an unwritable folder only means building again next run.
``GWLINT_NO_RECACHE=1`` turns the store off, as for the patterns.

The list holds every Han character too (with the frequency a table lookup gives it, 0 for most),
so every position of a run is the end of at least one match and the segmentation reads nothing
else.  A value is ``cost << 3 | length`` (:func:`value`): the length says where the word starts,
the cost — log₂ of its frequency less :data:`LOG_TOTAL`, negative — what it adds to a route.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import tempfile
import zlib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import ahocorasick

from ..cachedir import cache_folder

FILE = "substance_words.tsv"
#: Bits of a value that hold the word's length (words have at most seven characters).
LENGTH_BITS = 3
LENGTH_MASK = (1 << LENGTH_BITS) - 1
#: log₂ of the total frequency of jieba's dictionary: each word of a segmentation costs this
#: much, and earns log₂ of its own frequency (jieba's maximum-probability route, without its HMM).
LOG_TOTAL = 26
_FORMAT = 3  # of the stored automaton (and of the order its words are added in)


def value(word: str, freq: int) -> int:
    """``word`` of log₂ frequency ``freq`` as an automaton value (``v >> 3`` is its cost,
    ``v & 7`` its length: the shift floors, so a negative cost reads back exactly)."""
    return (freq - LOG_TOTAL) << LENGTH_BITS | len(word)


def frequency(v: int) -> int:
    """The log₂ frequency of an automaton value."""
    return (v >> LENGTH_BITS) + LOG_TOTAL


def build(text: str) -> ahocorasick.Automaton:
    """The automaton of a word list (``word<TAB>frequency`` lines).

    Words are added most frequent first: pyahocorasick finds a node's child by a linear scan of
    its children in the order they were added, and the root has a child for every Han character
    (20,992) — in the list's order, a search scanned thousands of them for each character of the
    text; most frequent first, a few dozen (7× faster on official prose)."""
    items: list[tuple[int, str]] = []
    for line in text.splitlines():
        word, _, freq = line.partition("\t")
        items.append((-int(freq), word))
    items.sort()
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    add = automaton.add_word
    for minus, w in items:
        add(w, value(w, -minus))
    automaton.make_automaton()
    return automaton


class _AutomatonOnly(pickle.Unpickler):
    """Unpickles an ``ahocorasick.Automaton`` and nothing else (the store is a file anyone with
    the user's rights can write: it must not be able to run code)."""

    def find_class(self, module: str, name: str):
        if module == "ahocorasick" and name == "Automaton":
            return ahocorasick.Automaton
        raise pickle.UnpicklingError(f"{module}.{name} is not an automaton")


def _enabled() -> bool:
    return os.environ.get("GWLINT_NO_RECACHE", "") in ("", "0")


def _library() -> str:
    """Which build of pyahocorasick this is (its pickles hold its own node layout): the size and
    time of its extension module — cheaper than asking the package metadata (~3 ms)."""
    try:
        st = os.stat(ahocorasick.__file__ or "")
    except (OSError, TypeError):  # pragma: no cover - a built-in module
        return "builtin"
    return f"{st.st_size:x}{st.st_mtime_ns:x}"


def store_path(data: bytes) -> Path | None:
    """``$XDG_CACHE_HOME/gongwen-lint/words-<format>-<list>-<library>-<interpreter>.pickle``, or
    None when there is no cache folder (then the automaton is built on every run)."""
    folder = cache_folder()
    if folder is None:
        return None
    tag = f"v{_FORMAT}-{zlib.crc32(data):08x}-{_library()}-{sys.implementation.cache_tag}-{sys.byteorder}"
    return folder / f"words-{tag}.pickle"


def _read(path: Path) -> ahocorasick.Automaton | None:
    try:
        automaton = _AutomatonOnly(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - any unreadable store is rebuilt, whatever the reason
        return None
    if not isinstance(automaton, ahocorasick.Automaton) or automaton.kind != ahocorasick.AHOCORASICK:
        return None
    return automaton


#: Stores of other word lists (same library and interpreter) kept beside this one's.
KEEP_OTHER_LISTS = 1


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _write(path: Path, automaton: ahocorasick.Automaton) -> None:
    """Store the automaton atomically, and remove the older stores of other word lists made with
    this library and interpreter (each is 8 MB: upgrades must not pile them up), keeping the
    newest other one (see :data:`KEEP_OTHER_LISTS`); silently skipped when the folder is not
    writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(automaton, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        # (another library's store may be another environment's: kept; of this library's, the
        # newest other one is kept too — two installs with different lists sharing one build of
        # pyahocorasick would otherwise rebuild on every run, each deleting the other's)
        others = [p for p in path.parent.glob(f"words-*-{_library()}-{sys.implementation.cache_tag}-{sys.byteorder}.pickle")
                  if p != path]
        others.sort(key=_mtime, reverse=True)
        for old in others[KEEP_OTHER_LISTS:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass


@lru_cache(maxsize=1)
def load() -> ahocorasick.Automaton:
    """The automaton of the packaged segmentation words (once per process)."""
    data = files("gongwen_lint.dictionaries").joinpath(FILE).read_bytes()
    if not _enabled():
        return build(data.decode("utf-8"))
    path = store_path(data)
    automaton = _read(path) if path is not None else None
    if automaton is None:
        automaton = build(data.decode("utf-8"))
        if path is not None:
            _write(path, automaton)
    return automaton
