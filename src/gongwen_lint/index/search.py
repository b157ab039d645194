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
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .align import Span, align
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
    matched: int = 0  # characters equal in both (ranks documents sharing a span with edits)


@dataclass
class DocumentMatch:
    """Everything one reference document shares with the draft."""

    doc: DocInfo
    passages: list[Passage] = field(default_factory=list)
    draft_chars: int = 0  # normalised draft characters covered by the passages
    draft_total: int = 0  # normalised characters of all query paragraphs
    ref_chars: int = 0  # normalised reference characters covered
    # whole-text alignment, computed for documents that cover much of the draft: it also
    # counts the short lines (章 headings, list items) that are too short to be passages
    whole_draft_coverage: float | None = None
    whole_ref_coverage: float | None = None

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

    @property
    def matched(self) -> int:
        return sum(p.matched for p in self.passages)

    def sort_key(self) -> tuple:
        return (-self.draft_chars, -self.matched, LEVEL_RANK.get(self.doc.level, 3), -self.ref_coverage, self.doc.path)


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
    whole_min_coverage: float = 0.2  # align whole texts for documents covering this much of the draft


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
    query: list[dict[int, int]] = []  # per paragraph: fingerprint -> its position
    for text in paragraphs:
        norm, offsets = normalize_with_map(text)
        norms.append((norm, offsets))
        if len(norm) < opt.min_chars:
            query.append({})
            continue
        pos, fps = winnow(kgram_hashes(norm, k), w)
        if len(stop):
            keep = ~np.isin(fps, stop)
            pos, fps = pos[keep], fps[keep]
        query.append(dict(zip(fps.tolist(), pos.tolist())))
    draft_total = sum(len(n) for n, _ in norms)
    all_hashes = set().union(*query) if query else set()
    if not all_hashes:
        return []
    by_hash: dict[int, list[int]] = defaultdict(list)
    postings, common = index.postings(all_hashes)
    for h, u in postings:
        by_hash[h].append(u)

    wanted: dict[int, list[int]] = {}  # paragraph -> candidate units
    where: dict[tuple[int, int], list[int]] = {}  # (paragraph, unit) -> [first, last] shared position
    for i, hs in enumerate(query):
        counts: Counter[int] = Counter()
        rare: Counter[int] = Counter()
        n_common = 0
        for h, at in hs.items():
            is_common = h in common
            n_common += is_common
            for u in by_hash.get(h, ()):
                counts[u] += 1
                if not is_common:
                    rare[u] += 1
                seen = where.get((i, u))
                if seen is None:
                    where[(i, u)] = [at, at]
                elif at < seen[0]:
                    seen[0] = at
                elif at > seen[1]:
                    seen[1] = at
        limit = opt.max_candidates + len(norms[i][0]) // 100  # long paragraphs span many units
        # A paragraph of template text (one notice sent to many addressees) has mostly common
        # fingerprints, of which only a sample of postings is read: there, one shared rare
        # fingerprint (a name, a number) is enough to make a unit a candidate.
        need_rare = 1 if n_common >= 5 else opt.min_shared
        ranked = sorted(counts.items(), key=lambda x: (-rare[x[0]], -x[1], x[0]))
        best = [u for u, c in ranked if c >= opt.min_shared or rare[u] >= need_rare][:limit]
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
            # a long paragraph is aligned only around the fingerprints it shares with the unit
            lo, hi = where[(i, u)]
            a0 = max(0, lo - len(ref))
            a1 = min(len(norm), hi + k + len(ref))
            for span in align(norm[a0:a1], ref):
                span = Span(span.a_start + a0, span.a_end + a0, span.b_start, span.b_end, span.matched)
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
                        matched=span.matched,
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
    whole = "".join(n for n, _ in norms)
    for m in sorted(matches, key=DocumentMatch.sort_key)[:3]:
        if m.draft_coverage >= opt.whole_min_coverage and texts[m.doc.id].text:
            ref = texts[m.doc.id].text
            spans = [x for x in align(whole, ref) if x.a_end - x.a_start >= 10 and x.similarity >= opt.min_similarity]
            m.whole_draft_coverage = sum(x.a_end - x.a_start for x in spans) / len(whole)
            m.whole_ref_coverage = sum(x.b_end - x.b_start for x in spans) / len(ref)
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
