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
from .normalize import norm_index, normalize_with_map, original_span
from .stock import stock_hashes, stock_mask
from .store import DocInfo, DocText, Store

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
    ref_article: str | None = None  # the 条 of a law (第六条), when the reference has articles
    whole_article: bool = False  # word for word the whole of that article's paragraph: a quotation

    @property
    def verbatim(self) -> bool:
        return self.matched == self.chars == self.ref_end - self.ref_start


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
        """Equal characters of the passages that explain the draft (:func:`cover`): a document
        holding one template several times (a compilation of the letters to many cities) does
        not count the same draft text once per copy."""
        if self._matched is None or self._matched[0] != len(self.passages):
            self._matched = (len(self.passages), sum(p.matched for p in cover(self.passages)))
        return self._matched[1]

    def sort_key(self) -> tuple:
        return (-self.draft_chars, -self.matched, LEVEL_RANK.get(self.doc.level, 3), -self.ref_coverage, self.doc.path)

    _matched: tuple[int, int] | None = field(default=None, repr=False, compare=False)


def cover(passages: Sequence[Passage]) -> list[Passage]:
    """Non-overlapping passages explaining the most equal characters of the draft.

    A reference may hold one draft sentence several times (overlapping passages of one draft
    span); greedily keeping the passage with the most equal characters, then the next one that
    does not overlap it, counts each draft character once, with its best evidence.
    """
    chosen: dict[int, list[Passage]] = defaultdict(list)
    for p in sorted(passages, key=lambda x: (-x.matched, -x.chars, x.paragraph, x.start, x.ref_start)):
        if all(p.end <= q.start or q.end <= p.start for q in chosen[p.paragraph]):
            chosen[p.paragraph].append(p)
    return sorted((p for ps in chosen.values() for p in ps), key=lambda x: (x.paragraph, x.start))


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


@dataclass
class SearchPlan:
    """The candidate stage of a search: what :func:`complete_search` aligns.

    Computed from the postings alone (:func:`plan_search`), so a distributed executor can
    compute it once, ship the candidate documents to it, and finish (issue 20: the Spark
    audit no longer repeats this stage in a dry run).
    """

    paragraphs: list[str]
    norms: list[tuple[str, list[int]]]
    wanted: dict[int, list[int]]  # paragraph -> candidate units, best first
    where: dict[tuple[int, int], list[int]]  # (paragraph, unit) -> [first, last] shared position
    k: int

    def units(self) -> set[int]:
        return {u for us in self.wanted.values() for u in us}


def find_copies(index: Store, paragraphs: Sequence[str], options: SearchOptions | None = None) -> list[DocumentMatch]:
    """The indexed documents the paragraphs repeat, most copied first."""
    opt = options or SearchOptions()
    plan = plan_search(index, paragraphs, opt)
    return complete_search(plan, index, opt) if plan is not None else []


def plan_search(index, paragraphs: Sequence[str], opt: SearchOptions) -> SearchPlan | None:
    """The candidate units of every paragraph (``None``: nothing to align).  Reads only
    ``index.params`` and ``index.postings``."""
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
    all_hashes = set().union(*query) if query else set()
    if not all_hashes:
        return None
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
        return None
    return SearchPlan(list(paragraphs), norms, wanted, where, k)


def complete_search(plan: SearchPlan, index, opt: SearchOptions) -> list[DocumentMatch]:
    """Align the planned candidates: passages, coverage, documents most copied first.  Reads
    ``index.units``, ``index.doc_infos`` and ``index.doc_texts``."""
    paragraphs, norms, wanted, where, k = plan.paragraphs, plan.norms, plan.wanted, plan.where, plan.k
    draft_total = sum(len(n) for n, _ in norms)
    units = index.units(plan.units())
    infos = index.doc_infos(u.doc_id for u in units.values())
    excluded = set(opt.exclude_paths)
    infos = {d: info for d, info in infos.items() if info.path not in excluded}
    texts = index.doc_texts(infos)

    found: dict[int, list[Passage]] = defaultdict(list)  # doc id -> passages
    masks = {i: stock_mask(norms[i][0], opt.extra_stock) for i in wanted}
    for i, us in wanted.items():
        norm = norms[i][0]
        for doc_id, r0, r1, lo, hi in _windows(i, us, units, texts, where, len(norm)):
            # a long paragraph is aligned only around the fingerprints it shares with the window
            a0 = max(0, lo - (r1 - r0))
            a1 = min(len(norm), hi + k + (r1 - r0))
            found[doc_id].extend(_passages(i, norms[i], masks[i], paragraphs[i], a0, a1, texts[doc_id], r0, r1, opt))
    _from_context(found, norms, masks, paragraphs, texts, opt)
    _drop_formulae(found, opt.formula_chars, opt.formula_docs)
    matches = []
    for doc_id, passages in found.items():
        if not passages:
            continue
        passages.sort(key=lambda p: (p.paragraph, p.start, -p.chars))
        draft_spans = defaultdict(list)
        for p in passages:
            a0 = norm_index(norms[p.paragraph][1], p.start)
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


def _passages(i: int, norm_map: tuple[str, list[int]], mask: bytearray, original: str, a0: int, a1: int,
              dt: DocText, r0: int, r1: int, opt: SearchOptions) -> list[Passage]:
    """The passages of ``norm[a0:a1]`` (draft paragraph ``i``, ``mask`` its stock-phrase
    characters) found in ``dt.text[r0:r1]``."""
    norm, offsets = norm_map
    out = []
    for span in align(norm[a0:a1], dt.text[r0:r1]):
        span = Span(span.a_start + a0, span.a_end + a0, span.b_start + r0, span.b_end + r0, span.matched)
        length = span.a_end - span.a_start
        if length < opt.min_chars or span.similarity < opt.min_similarity:
            continue
        if length - sum(mask[span.a_start : span.a_end]) < opt.min_chars:
            continue  # mostly stock phrases
        start, end = original_span(offsets, span.a_start, span.a_end, len(original))
        article = dt.article_at(span.b_start)
        p0, p1 = dt.paragraph_span(span.b_start)
        out.append(Passage(
            paragraph=i, start=start, end=end,
            ref_paragraph=dt.paragraph_at(span.b_start),
            similarity=span.similarity, chars=length,
            ref_start=span.b_start, ref_end=span.b_end, matched=span.matched,
            ref_article=article,
            whole_article=article is not None and span.matched == length and span.b_end - span.b_start >= 0.9 * (p1 - p0),
        ))
    return out


CONTEXT_DOCS = 5  # documents the draft copies most from, searched whole for its other copied paragraphs


def _from_context(found: dict[int, list[Passage]], norms, masks, paragraphs, texts: dict, opt: SearchOptions) -> None:
    """Look for every copied paragraph in the documents the draft copies most from.

    Candidates come from fingerprints; one that is in more than the cut-off's units (a
    paragraph of a letter sent to a hundred addressees) is read only for a sample of them, so
    the very document a draft copies two paragraphs from may be a candidate for one of them
    only, while siblings holding the other approximately are candidates for both.  A drafter
    copies neighbouring paragraphs from one document, so each copied paragraph is also aligned
    with the whole text of the ``CONTEXT_DOCS`` documents that explain most of the draft.
    """
    copied = sorted({p.paragraph for ps in found.values() for p in ps})
    if not copied:
        return
    # the documents that best explain at least one paragraph (most equal characters there),
    # those explaining more paragraphs first: a big family's siblings, each holding every
    # paragraph approximately, must not crowd out the one holding one paragraph exactly
    best: dict[int, tuple[int, int]] = {}
    for d, ps in found.items():
        per: dict[int, int] = defaultdict(int)
        for p in cover(ps):
            per[p.paragraph] += p.matched
        for i, n in per.items():
            if i not in best or (n, -d) > (best[i][0], -best[i][1]):
                best[i] = (n, d)
    wins = Counter(d for _, d in best.values())
    context = sorted(wins, key=lambda d: (-wins[d], d))[:CONTEXT_DOCS]
    for d in context:
        dt = texts[d]
        have = {p.paragraph for p in found[d]}
        for i in copied:
            if i not in have:
                found[d].extend(_passages(i, norms[i], masks[i], paragraphs[i], 0, len(norms[i][0]), dt, 0, len(dt.text), opt))


PAD_UNTIL = 1200  # normalised chars of a draft paragraph up to which windows are widened
MAX_PAD = 300  # normalised chars a candidate window extends beyond its units, each side


def _windows(i: int, unit_ids: list[int], units: dict, texts: dict, where: dict, length: int):
    """``(doc id, ref start, ref stop, draft lo, draft hi)``: the reference text one draft
    paragraph is aligned with, per candidate document.

    A copied paragraph often straddles two units of its source (units are cut at about 300
    characters), and the unit holding its first or last 30 characters may share too few
    fingerprints to be a candidate.  Aligning unit by unit would then find only part of the
    paragraph in the very document it was copied from, while a templated sibling cut elsewhere
    holds all of it.  So a document's candidate units are merged when they touch and widened
    by the paragraph's length (at most ``MAX_PAD``) on each side: the whole copy is found
    where it is, once.
    """
    # a paragraph longer than a few units is itself aligned in pieces, unit by unit (its own
    # neighbouring units are candidates too): widening there only costs time
    pad = min(length, MAX_PAD) if length <= PAD_UNTIL else 0
    by_doc: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for u in unit_ids:
        unit = units.get(u)
        if unit is None or unit.doc_id not in texts:
            continue
        lo, hi = where[(i, u)]
        by_doc[unit.doc_id].append((max(0, unit.start - pad), unit.stop + pad, lo, hi))
    out = []
    for doc_id in sorted(by_doc):
        n = len(texts[doc_id].text)
        cur: list[int] | None = None
        for r0, r1, lo, hi in sorted(by_doc[doc_id]):
            if cur is not None and r0 <= cur[1]:
                cur[1], cur[2], cur[3] = max(cur[1], r1), min(cur[2], lo), max(cur[3], hi)
                continue
            if cur is not None:
                out.append((doc_id, cur[0], min(cur[1], n), cur[2], cur[3]))
            cur = [r0, r1, lo, hi]
        if cur is not None:
            out.append((doc_id, cur[0], min(cur[1], n), cur[2], cur[3]))
    return out


def _drop_formulae(found: dict[int, list[Passage]], max_chars: int, min_docs: int) -> None:
    """Remove short passages that many documents share: formulae the stock list does not know.

    A 40-character clause found in five unrelated documents is how such documents are
    written (unless it is a whole article of a law, quoted word for word); a 300-character paragraph found in sixty (one notice sent to sixty cities) is
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
    # a whole article of a law quoted word for word is a quotation, reported as such (GW803
    # info), however many versions of the law hold it: not a formula to be ignored
    quoted = {(d, p.paragraph, p.start) for d, p in short if p.whole_article and p.verbatim}
    drop = {key for key, docs in spread.items() if len(docs) >= min_docs and key not in quoted}
    for d, ps in found.items():
        ps[:] = [p for p in ps if (d, p.paragraph, p.start) not in drop]
