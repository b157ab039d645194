"""Querying the index with a draft: which indexed documents it repeats, where, how much.

:func:`find_copies` is the one entry point the rules use (and a batch audit can reuse): plain
paragraph texts in, one :class:`DocumentMatch` per reference document out, each with the copied
passages located in the draft's own offsets.

Per draft paragraph: normalise (keeping the offset map) → winnowed fingerprints, minus those
inside stock phrases → postings of fingerprints that are not too common in the index (the
document-frequency cut-off) → reference units sharing at least ``min_shared`` fingerprints
(the best ``max_candidates``) → alignment → passages of at least ``min_chars`` normalised
characters outside stock phrases and similarity ≥ ``min_similarity``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .align import align
from .fingerprint import kgram_hashes, winnow
from .normalize import normalize_with_map, original_span
from .stock import stock_hashes, stock_mask
from .store import DocInfo, Store

LEVEL_RANK = {"higher": 0, "same": 1, "lower": 2}


@dataclass(frozen=True)
class Passage:
    """A copied passage: ``[start, end)`` of query paragraph ``paragraph`` (original offsets)."""

    paragraph: int  # index into the paragraphs given to find_copies
    start: int
    end: int
    ref_paragraph: int  # paragraph number in the reference document (1-based)
    similarity: float  # 0..1
    chars: int  # normalised characters of the draft span
    ref_start: int  # normalised offsets in the reference document
    ref_end: int


@dataclass
class DocumentMatch:
    """Everything one reference document shares with the draft."""

    doc: DocInfo
    passages: list[Passage] = field(default_factory=list)
    draft_chars: int = 0  # normalised draft characters covered by the passages
    draft_total: int = 0  # normalised characters of all query paragraphs
    ref_chars: int = 0  # normalised reference characters covered

    @property
    def draft_coverage(self) -> float:
        return self.draft_chars / self.draft_total if self.draft_total else 0.0

    @property
    def ref_coverage(self) -> float:
        return min(1.0, self.ref_chars / self.doc.chars) if self.doc.chars else 0.0

    @property
    def similarity(self) -> float:
        """Mean passage similarity, weighted by length."""
        total = sum(p.chars for p in self.passages)
        return sum(p.similarity * p.chars for p in self.passages) / total if total else 0.0

    def sort_key(self) -> tuple:
        return (-self.draft_chars, LEVEL_RANK.get(self.doc.level, 3), -self.ref_coverage, self.doc.path)


@dataclass(frozen=True)
class SearchOptions:
    min_chars: int = 30  # normalised chars of a passage outside stock phrases
    min_similarity: float = 0.8
    min_shared: int = 2  # fingerprints a candidate unit must share with the paragraph
    max_candidates: int = 50  # candidate units aligned per paragraph
    extra_stock: tuple[str, ...] = ()
    exclude_paths: tuple[str, ...] = ()  # e.g. the draft itself when it is indexed
    formula_chars: int = 60  # a passage shorter than this ...
    formula_docs: int = 3  # ... found in this many documents is a formula, not a copy


def _union_length(spans: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


def find_copies(index: Store, paragraphs: Sequence[str], options: SearchOptions | None = None) -> list[DocumentMatch]:
    """The indexed documents the paragraphs repeat, most copied first."""
    opt = options or SearchOptions()
    k, w = index.params.k, index.params.w
    stop = stock_hashes(k, opt.extra_stock)
    norms: list[tuple[str, list[int]]] = []
    query: list[set[int]] = []
    for text in paragraphs:
        norm, offsets = normalize_with_map(text)
        norms.append((norm, offsets))
        if len(norm) < opt.min_chars:
            query.append(set())
            continue
        fps = winnow(kgram_hashes(norm, k), w)[1]
        if len(stop):
            fps = fps[~np.isin(fps, stop)]
        query.append(set(fps.tolist()))
    draft_total = sum(len(n) for n, _ in norms)
    all_hashes = set().union(*query) if query else set()
    if not all_hashes:
        return []
    by_hash: dict[int, list[int]] = defaultdict(list)
    for h, u in index.postings(all_hashes):
        by_hash[h].append(u)

    wanted: dict[int, list[int]] = {}  # paragraph -> candidate units
    for i, hs in enumerate(query):
        counts: Counter[int] = Counter()
        for h in hs:
            counts.update(by_hash.get(h, ()))
        best = [u for u, c in counts.most_common() if c >= opt.min_shared][: opt.max_candidates]
        if best:
            wanted[i] = best
    if not wanted:
        return []
    units = index.units(u for us in wanted.values() for u in us)
    infos = index.doc_infos(u.doc_id for u in units.values())
    excluded = set(opt.exclude_paths)
    infos = {d: info for d, info in infos.items() if info.path not in excluded}
    texts = index.doc_texts(infos)

    found: dict[int, list[Passage]] = defaultdict(list)  # doc id -> passages
    for i, us in wanted.items():
        norm, offsets = norms[i]
        mask = stock_mask(norm, opt.extra_stock)
        for u in us:
            unit = units.get(u)
            if unit is None or unit.doc_id not in texts:
                continue
            dt = texts[unit.doc_id]
            ref = dt.text[unit.start : unit.stop]
            for span in align(norm, ref):
                length = span.a_end - span.a_start
                if length < opt.min_chars or span.similarity < opt.min_similarity:
                    continue
                if length - sum(mask[span.a_start : span.a_end]) < opt.min_chars:
                    continue  # mostly stock phrases
                start, end = original_span(offsets, span.a_start, span.a_end, len(paragraphs[i]))
                found[unit.doc_id].append(
                    Passage(
                        paragraph=i,
                        start=start,
                        end=end,
                        ref_paragraph=dt.paragraph_at(unit.start + span.b_start),
                        similarity=span.similarity,
                        chars=length,
                        ref_start=unit.start + span.b_start,
                        ref_end=unit.start + span.b_end,
                    )
                )
    _drop_formulae(found, opt.formula_chars, opt.formula_docs)
    matches = []
    for doc_id, passages in found.items():
        if not passages:
            continue
        passages.sort(key=lambda p: (p.paragraph, p.start, -p.chars))
        draft_spans = defaultdict(list)
        for p in passages:
            a0 = _norm_index(norms[p.paragraph][1], p.start)
            draft_spans[p.paragraph].append((a0, a0 + p.chars))
        matches.append(
            DocumentMatch(
                doc=infos[doc_id],
                passages=passages,
                draft_chars=sum(_union_length(s) for s in draft_spans.values()),
                draft_total=draft_total,
                ref_chars=_union_length([(p.ref_start, p.ref_end) for p in passages]),
            )
        )
    matches.sort(key=DocumentMatch.sort_key)
    return matches


def _drop_formulae(found: dict[int, list[Passage]], max_chars: int, min_docs: int) -> None:
    """Remove short passages that many documents share: formulae the stock list does not know.

    A 40-character clause found in five unrelated documents is how such documents are
    written; a 300-character paragraph found in sixty (one notice sent to sixty cities) is
    still that notice's text, so only short passages are judged by their spread.
    """
    short = [(d, p) for d, ps in found.items() for p in ps if p.chars < max_chars]
    if not short:
        return
    spread: dict[tuple[int, int, int], set[int]] = defaultdict(set)
    by_par: dict[int, list[tuple[int, Passage]]] = defaultdict(list)
    for d, ps in found.items():
        for p in ps:
            by_par[p.paragraph].append((d, p))
    for d, p in short:
        for d2, q in by_par[p.paragraph]:
            overlap = min(p.end, q.end) - max(p.start, q.start)
            if overlap >= 0.8 * (p.end - p.start):
                spread[(d, p.paragraph, p.start)].add(d2)
    drop = {key for key, docs in spread.items() if len(docs) >= min_docs}
    for d, ps in found.items():
        ps[:] = [p for p in ps if (d, p.paragraph, p.start) not in drop]


def _norm_index(offsets: list[int], original: int) -> int:
    """The first normalised index whose original offset is ``original`` or later."""
    import bisect

    return bisect.bisect_left(offsets, original)
