"""Cutting a reference document into index units and fingerprinting them.

Each unit is what one posting points to: a source paragraph, or a piece of a long one.  Very
short paragraphs (a 章 heading, 一、) are merged with what follows, because a fingerprint needs
context; very long ones (archives that lost their line breaks are one line per document) are
cut at sentence ends, because alignment cost grows with the product of the two lengths and
the candidate count should point near the evidence.  Every unit keeps the number of the
paragraph it starts in, so a finding can name 第 N 段 of the reference.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field

import numpy as np

from .. import recache
from .fingerprint import kgram_hashes, winnow
from .normalize import normalize

MIN_UNIT = 40  # normalised chars: shorter pieces are merged with the next one
MAX_UNIT = 600  # longer paragraphs are cut at sentence ends ...
TARGET_UNIT = 300  # ... into pieces of about this size

_SENTENCE_END = recache.compile(r"(?<=[。；！？;!?])")


@dataclass
class RefMeta:
    """What the archive keeper knows about a reference document (docs/index.md, the manifest)."""

    path: str
    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    year: int | None = None
    level: str = "same"


@dataclass
class PreparedDoc:
    """A reference document ready to store: normalised text, units, fingerprints per unit."""

    meta: RefMeta
    sha256: str
    text: str  # normalised text of the whole document (units are slices of it)
    units: list[tuple[int, int, int]] = field(default_factory=list)  # (paragraph, start, stop)
    hashes: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # postings: fingerprint ...
    unit_of: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # ... and its unit (0-based)
    para_starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, paragraph number)


def _pieces(text: str) -> list[str]:
    """A paragraph's normalised pieces: itself, or sentence groups of about TARGET_UNIT chars."""
    norm = normalize(text)
    if len(norm) <= MAX_UNIT:
        return [norm] if norm else []
    out: list[str] = []
    buf = ""
    for sentence in _SENTENCE_END.split(text):
        s = normalize(sentence)
        if buf and len(buf) + len(s) > TARGET_UNIT:
            out.append(buf)
            buf = ""
        buf += s
        while len(buf) > MAX_UNIT:  # one huge sentence: cut it blindly
            out.append(buf[:TARGET_UNIT])
            buf = buf[TARGET_UNIT:]
    if buf:
        out.append(buf)
    return out


def encode_para_starts(starts: list[tuple[int, int]]) -> bytes:
    """Paragraph starts as stored: zlib of little-endian int32 pairs."""
    return zlib.compress(np.asarray(starts, dtype="<i4").reshape(-1).tobytes(), 9)


def decode_para_starts(blob: bytes) -> tuple[list[int], list[int]]:
    """``(offsets, paragraph numbers)`` from :func:`encode_para_starts`."""
    arr = np.frombuffer(zlib.decompress(blob), dtype="<i4").reshape(-1, 2)
    return arr[:, 0].tolist(), arr[:, 1].tolist()


def doc_postings(text: str, unit_starts: list[int], k: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Unique ``(hash, unit)`` postings of a document.

    The whole normalised text is winnowed at once and each fingerprint goes to the unit its
    k-gram starts in: the winnowing guarantee (a shared run of ``w + k - 1`` characters shares
    a fingerprint) does not depend on where the units are cut, and there are no extra
    fingerprints at unit edges.
    """
    pos, hashes = winnow(kgram_hashes(text, k), w)
    if not len(pos):
        return hashes, pos
    unit = np.searchsorted(np.asarray(unit_starts, dtype=np.int64), pos, side="right") - 1
    pairs = np.unique(np.stack([hashes, unit], axis=1), axis=0)
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def prepare(meta: RefMeta, paragraphs: list[tuple[int, str]], raw: bytes, k: int, w: int,
            sha256: str | None = None) -> PreparedDoc:
    """Units and fingerprints of one reference document.

    ``paragraphs`` are ``(paragraph number, text)`` of its body; ``raw`` is the file's content,
    whose SHA-256 lets a re-add of an unchanged file be skipped (or give ``sha256`` itself, for
    a file hashed as it was read).
    """
    doc = PreparedDoc(meta=meta, sha256=sha256 or hashlib.sha256(raw).hexdigest(), text="")
    chunks: list[str] = []
    pos = 0
    pending_para: int | None = None
    pending = ""
    for para, text in paragraphs:
        pieces = _pieces(text)
        if pieces:
            doc.para_starts.append((pos + len(pending), para))
        for piece in pieces:
            if pending_para is None:
                pending_para = para
            pending += piece
            if len(pending) >= MIN_UNIT:
                doc.units.append((pending_para, pos, pos + len(pending)))
                chunks.append(pending)
                pos += len(pending)
                pending, pending_para = "", None
    if pending:
        if doc.units and len(pending) < MIN_UNIT:  # a short tail joins the last unit
            p0, s0, _ = doc.units[-1]
            doc.units[-1] = (p0, s0, pos + len(pending))
        else:
            doc.units.append((pending_para or 1, pos, pos + len(pending)))
        chunks.append(pending)
        pos += len(pending)
    doc.text = "".join(chunks)
    doc.hashes, doc.unit_of = doc_postings(doc.text, [s for _, s, _ in doc.units], k, w)
    return doc
