"""Text normalisation for duplicate detection, with a map back to the original offsets.

Copies are found on a canonical form, not on what the drafter typed: full-width and
half-width forms, punctuation, spaces and letter case differ between a copy and its source
without changing what was copied.  The canonical form is, per character, NFKC followed by
lower-casing, keeping only word characters (``str.isalnum`` or ``_``: Han characters, letters,
digits).  Working per character keeps a one-to-many map from each kept character back to the
character of the original it came from, so evidence found on the normalised text can be
reported as an excerpt of the paragraph the drafter wrote.

``NORM_VERSION`` is stored in every index: if this function changes, old indexes must be
rebuilt, and :mod:`.store` refuses to mix versions.
"""

from __future__ import annotations

import unicodedata

NORM_VERSION = "nfkc-lower-alnum-1"


class _Table(dict):
    """A ``str.translate`` table filled lazily: code point -> its canonical string."""

    def __missing__(self, cp: int) -> str:
        out = "".join(c for c in unicodedata.normalize("NFKC", chr(cp)).lower() if c.isalnum() or c == "_")
        self[cp] = out
        return out


_TABLE = _Table()


def normalize(text: str) -> str:
    """The canonical form of ``text`` (fast path, no offsets; used when indexing)."""
    return text.translate(_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The canonical form and, for each of its characters, the offset in ``text`` it came from."""
    out: list[str] = []
    offsets: list[int] = []
    table = _TABLE
    for i, ch in enumerate(text):
        piece = table[ord(ch)]
        if piece:
            out.append(piece)
            offsets.extend([i] * len(piece))
    return "".join(out), offsets


def original_span(offsets: list[int], start: int, end: int, text_len: int) -> tuple[int, int]:
    """Map a half-open span of the normalised text back to ``[start, end)`` in the original."""
    if not offsets or start >= end:
        return (0, 0)
    start = max(0, min(start, len(offsets) - 1))
    end = max(start + 1, min(end, len(offsets)))
    return offsets[start], min(text_len, offsets[end - 1] + 1)


def norm_index(offsets: list[int], original: int) -> int:
    """The first normalised index whose original offset is ``original`` or later (``offsets``
    from :func:`normalize_with_map`)."""
    import bisect

    return bisect.bisect_left(offsets, original)
