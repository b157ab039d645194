"""The packaged n-gram table: how common a string is in official prose, and its word class.

Built by ``scripts/build_substance_table.py`` from the shared archive and jieba's dictionary (see
there for the method); shipped as ``dictionaries/substance_table.bin``.  Loading it is two
``array`` copies of 1.4 MB (a few milliseconds), and a lookup is a binary search on the sorted
CRC-32 keys — no jieba, no spaCy, no numpy on the common path.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files

from .. import caches

MAGIC = b"GWST3"
FILE = "substance_table.bin"

# Word classes, as written by the build script (3 bits).  VERBAL: a verbal noun (jieba's vn:
# 监管, 改革, 排查), a noun for the word test, its own class for the specificity model.
NONE, NOUN, NAME, VERB, MODIFIER, IDIOM, FUNCTION, VERBAL = range(8)


@dataclass(frozen=True)
class Entry:
    common: int  # 0–15: log₂ steps of the share of official-prose chunks containing it (0: < 0.1 %)
    legal: int  # the same in laws and regulations
    cls: int  # word class if it is a word of jieba's dictionary, else NONE
    freq: int  # log₂ of its frequency in jieba's dictionary (0 for a non-word)


_NOTHING = Entry(0, 0, NONE, 0)
_ENTRIES: dict[int, Entry] = {}
_MISSING = object()


def _entry(v: int) -> Entry:
    e = _ENTRIES.get(v)
    if e is None:
        e = _ENTRIES[v] = Entry(v & 15, (v >> 4) & 15, (v >> 8) & 7, v >> 11)
    return e


#: Strings looked up, remembered (a 500-page draft asks ~400,000 lookups of ~250,000 distinct
#: substrings; each entry is a short string and a shared Entry, ~150 bytes).
CACHE_ENTRIES = 500_000
#: The keys are CRC-32s, spread evenly: the top ``BUCKET_BITS`` bits of a key say in which of
#: ``2 ** BUCKET_BITS`` slices of the sorted keys it can be (:attr:`Table._buckets`).
BUCKET_BITS = 10
_BUCKET_SHIFT = 32 - BUCKET_BITS


class Table:
    def __init__(self, data: bytes):
        if data[: len(MAGIC)] != MAGIC:
            raise ValueError("substance_table.bin: unknown format")
        (n,) = struct.unpack_from("<I", data, len(MAGIC))
        start = len(MAGIC) + 4
        self.keys = array("I")
        self.keys.frombytes(data[start: start + 4 * n])
        self.values = array("H")
        self.values.frombytes(data[start + 4 * n: start + 6 * n])
        if sys.byteorder != "little":
            self.keys.byteswap()
            self.values.byteswap()
        self._cache: dict[str, object] = {}
        caches.register_owned(self, "_cache")

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, s: str) -> Entry | None:
        """The entry of ``s``, or None when the table holds nothing for it — not even as the
        start of a longer word (a prefix has an empty entry)."""
        cache = self._cache
        e = cache.get(s, _MISSING)
        if e is not _MISSING:
            return e  # type: ignore[return-value]
        keys = self.keys
        k = zlib.crc32(s.encode("utf-8"))
        buckets = self._buckets
        b = k >> _BUCKET_SHIFT
        hi = buckets[b + 1]
        i = bisect_left(keys, k, buckets[b], hi)
        e = _entry(self.values[i]) if i < hi and keys[i] == k else None
        if len(cache) > CACHE_ENTRIES:
            cache.clear()
        cache[s] = e
        return e

    @cached_property
    def _buckets(self) -> list[int]:
        """Where each slice of keys sharing their top :data:`BUCKET_BITS` bits starts (and the
        end): a lookup bisects ~280 keys instead of all ~286,000 — on a cold check of a long draft
        every distinct substring the segmentation probes is a lookup, and a bisection of the
        ``array`` makes a Python int of each key it compares (≈ 0.8 µs → 0.4 µs a lookup).
        Built on first use (1,025 bisections, < 1 ms)."""
        keys = self.keys
        return [bisect_left(keys, b << _BUCKET_SHIFT) for b in range(1 << BUCKET_BITS)] + [len(keys)]

    def get(self, s: str) -> Entry:
        return self.lookup(s) or _NOTHING

    def common(self, s: str) -> int:
        return self.get(s).common

    def word_class(self, s: str) -> int:
        return self.get(s).cls


@lru_cache(maxsize=1)
def load() -> Table:
    """The packaged table (read once per process: it does not depend on the configuration)."""
    return Table(files("gongwen_lint.dictionaries").joinpath(FILE).read_bytes())
