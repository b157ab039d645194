"""Local alignment of a draft paragraph with a reference unit: the evidence of a copy.

Candidates only say that two texts share a few fingerprints; the finding must say which span
of the draft was copied and how closely.  rapidfuzz computes the longest common subsequence
of the two normalised texts (bit-parallel, fast); its runs of equal characters are grouped
into passages wherever the gaps on both sides stay short, so a few changed words inside a
copied sentence do not break it, while isolated common words (的工作, 人民政府) far apart never
add up to a passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

MIN_BLOCK = 3  # equal runs shorter than this are chance (common words)
MAX_GAP = 12  # normalised chars of edits allowed between runs of one passage


@dataclass(frozen=True)
class Span:
    """A passage of ``a`` (draft) aligned with one of ``b`` (reference); normalised offsets."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int  # characters in equal runs

    @property
    def similarity(self) -> float:
        """Indel similarity of the two spans: 2 * matched / (len a + len b)."""
        total = (self.a_end - self.a_start) + (self.b_end - self.b_start)
        return 2 * self.matched / total if total else 0.0


def align(a: str, b: str, min_block: int = MIN_BLOCK, max_gap: int = MAX_GAP) -> list[Span]:
    """Passages shared by ``a`` and ``b``, in order of ``a``."""
    blocks = [
        (op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in LCSseq.opcodes(a, b)
        if op.tag == "equal" and op.src_end - op.src_start >= min_block
    ]
    spans: list[Span] = []
    cur: list[int] | None = None  # [a0, a1, b0, b1, matched]
    for a0, a1, b0, b1 in blocks:
        if cur is not None and a0 - cur[1] <= max_gap and b0 - cur[3] <= max_gap:
            cur[1], cur[3] = a1, b1
            cur[4] += a1 - a0
            continue
        if cur is not None:
            spans.append(Span(*cur))
        cur = [a0, a1, b0, b1, a1 - a0]
    if cur is not None:
        spans.append(Span(*cur))
    return [_extend(s, a, b) for s in spans]


def _extend(s: Span, a: str, b: str) -> Span:
    """Grow a span over equal characters at its edges (LCS may have used them elsewhere)."""
    a0, a1, b0, b1, m = s.a_start, s.a_end, s.b_start, s.b_end, s.matched
    while a0 > 0 and b0 > 0 and a[a0 - 1] == b[b0 - 1]:
        a0, b0, m = a0 - 1, b0 - 1, m + 1
    while a1 < len(a) and b1 < len(b) and a[a1] == b[b1]:
        a1, b1, m = a1 + 1, b1 + 1, m + 1
    return Span(a0, a1, b0, b1, m)
