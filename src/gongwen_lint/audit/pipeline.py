"""The per-document steps of an archive-wide reuse audit, shared by both executors.

An audit asks, for every document of an archive, the question the single-draft check asks of
one draft (issue 7): which indexed documents does it repeat?  Both executors answer it with
the index's own code, unchanged — :func:`gongwen_lint.index.segment.prepare` (normalisation,
units, winnowed postings) and :func:`gongwen_lint.index.search.find_copies` (stock phrases,
document-frequency cut-off, candidates, alignment, formula filter).  They differ only in where
``find_copies`` reads the index from:

- the local executor gives it the SQLite index (:mod:`.local`);
- the Spark executor computes postings, the cut-off and candidate texts with joins and gives it
  a :class:`MemoryIndex` holding exactly the rows the SQL would have returned (:mod:`.spark`).

Identifiers follow the index: documents sorted by path get ids 1, 2, … and their units
consecutive ids in that order, so ties, the deterministic sample of common fingerprints and
the cut-off are the same in both executors, and so are the pairs.

A pair's two directions (A queried against B, B against A) can differ slightly (candidate
limits, the formula filter depend on the querying side); :func:`merge_pairs` keeps, per pair,
the direction that explains more copied characters.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ReadError
from ..files import is_skipped_name
from ..index.fingerprint import kgram_hashes, winnow
from ..index.ingest import default_title, reference_paragraphs
from ..index.normalize import normalize
from ..index.search import DocumentMatch, SearchOptions, SearchPlan, complete_search, plan_search
from ..index.segment import PreparedDoc, RefMeta, prepare
from ..index.stock import stock_hashes
from ..index.store import DocInfo, DocText, Params, UnitRow

SUFFIXES = (".docx", ".txt", ".md")
EXAMPLE_CHARS = 120  # an example passage longer than this is cut (with …)
COMMON_SAMPLE = 20  # postings read per common fingerprint (Store.postings' default sample)


def wanted_file(name: str) -> bool:
    """Whether a file name is an input of the index (same rule as ``index add``)."""
    base = PurePosixPath(name).name
    return base.lower().endswith(SUFFIXES) and not is_skipped_name(base)


def read_paragraphs(name: str, raw: bytes) -> list[tuple[int, str]]:
    """``(paragraph number, text)`` of the body paragraphs of a file's content."""
    return read_file(name, raw)[0]


def read_file(name: str, raw: bytes) -> tuple[list[tuple[int, str]], str | None]:
    """The paragraphs and ``# title`` line of a file's content, as ``index add`` reads the file
    (:func:`~gongwen_lint.index.ingest.reference_paragraphs`); content read by Spark from any
    URI goes through a temporary file with the original suffix.  Raises :class:`ReadError`.
    """
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError("不支持的文件类型：只接受 .docx、.txt、.md 文件")
    fd, tmp = tempfile.mkstemp(suffix=suffix, prefix="gw-audit-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        return reference_paragraphs(tmp)
    finally:
        os.unlink(tmp)


def prepare_file(path: str, raw: bytes, params: Params, level: str = "same", meta: RefMeta | None = None):
    """``(PreparedDoc, paragraphs)`` of one file: what the index stores and what is queried."""
    paragraphs, title = read_file(path, raw)
    if meta is None:
        meta = RefMeta(path=path, title=title or default_title(paragraphs), level=level)
    return prepare(meta, paragraphs, raw, params.k, params.w), paragraphs


def query_hashes(texts: Sequence[str], params: Params, options: SearchOptions) -> set[int]:
    """The fingerprints ``find_copies`` will look up for these paragraphs (possibly more).

    The Spark executor joins these with the postings before the search runs; a superset is
    harmless (unused rows), a subset would change results, so this mirrors the search's own
    query: per paragraph, normalised, long enough, winnowed, minus stock-phrase k-grams.
    """
    stop = stock_hashes(params.k, options.extra_stock)
    out: set[int] = set()
    for text in texts:
        norm = normalize(text)
        if len(norm) < options.min_chars:
            continue
        _, fps = winnow(kgram_hashes(norm, params.k), params.w)
        out.update(fps.tolist())
    if len(stop):
        out.difference_update(stop.tolist())
    return out


def df_cap(params: Params, unit_count: int) -> int:
    """The document-frequency cut-off of an index with ``unit_count`` units (``Store.df_cap``)."""
    return max(params.max_df, int(params.max_df_ratio * unit_count))


def cut_postings(count: int, smallest: Sequence[int], cap: int) -> tuple[tuple[int, ...], bool]:
    """What ``Store.postings`` returns for one fingerprint: ``(units, common)``.

    ``smallest`` is the sorted list of (at least ``min(count, cap + 1)``) smallest unit ids of
    the fingerprint.  A fingerprint in more than ``cap`` units is common: only its
    ``COMMON_SAMPLE`` smallest units are returned.
    """
    if count > cap:
        return tuple(smallest[:COMMON_SAMPLE]), True
    return tuple(smallest), False


@dataclass(frozen=True)
class RefDoc:
    """One indexed document as the search reads it: info, units, normalised text."""

    info: DocInfo
    units: tuple[tuple[int, int, int, int], ...]  # (unit id, paragraph, start, stop)
    text: str
    para_offsets: tuple[int, ...]
    para_numbers: tuple[int, ...]


def ref_doc(doc_id: int, first_unit: int, prepared: PreparedDoc) -> RefDoc:
    """The rows ``Store.add`` would write for ``prepared`` with these ids."""
    m = prepared.meta
    info = DocInfo(doc_id, m.path, m.title, m.number, m.issuer, m.year, m.level, len(prepared.text), len(prepared.units))
    units = tuple((first_unit + i, para, start, stop) for i, (para, start, stop) in enumerate(prepared.units))
    offsets = tuple(o for o, _ in prepared.para_starts)
    numbers = tuple(n for _, n in prepared.para_starts)
    return RefDoc(info, units, prepared.text, offsets, numbers)


class MemoryIndex:
    """The part of :class:`~gongwen_lint.index.store.Store` that the search reads, in memory.

    Filled with the rows the SQL index would return for one query: the postings of its
    fingerprints, already cut by document frequency (``{hash: (((unit, doc id), ...), common)}``,
    units ascending), and the candidate documents.  The candidate stage
    (:func:`~gongwen_lint.index.search.plan_search`) needs only the postings; which documents
    it asks for (:func:`asked_docs`) is what the Spark job ships to the query before the search
    completes.
    """

    def __init__(self, params: Params, postings: dict, refs: Iterable[RefDoc] = ()):
        self.params = params
        self._postings = postings
        self._refs = {r.info.id: r for r in refs}
        self._units = {u[0]: UnitRow(u[0], r.info.id, u[1], u[2], u[3]) for r in self._refs.values() for u in r.units}

    def postings(self, hashes: Iterable[int], sample: int = COMMON_SAMPLE):
        rows: list[tuple[int, int]] = []
        common: set[int] = set()
        for h in sorted({int(x) for x in hashes}):
            hit = self._postings.get(h)
            if hit is None:
                continue
            units, is_common = hit
            if is_common:
                common.add(h)
                units = units[:sample]
            rows.extend((h, u) for u, _ in units)
        return rows, common

    def asked_docs(self, plan: SearchPlan | None) -> list[int]:
        """The documents holding the candidate units of ``plan`` (ascending)."""
        if plan is None:
            return []
        owner = {u: d for units, _ in self._postings.values() for u, d in units}
        return sorted({owner[u] for u in plan.units() if u in owner})

    def units(self, ids: Iterable[int]) -> dict[int, UnitRow]:
        return {u: self._units[u] for u in set(ids) if u in self._units}

    def doc_infos(self, ids: Iterable[int]) -> dict[int, DocInfo]:
        return {d: self._refs[d].info for d in set(ids) if d in self._refs}

    def doc_texts(self, ids: Iterable[int]) -> dict[int, DocText]:
        return {
            d: DocText(self._refs[d].text, list(self._refs[d].para_offsets), list(self._refs[d].para_numbers))
            for d in set(ids)
            if d in self._refs
        }


# -- pairs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """Two documents sharing copied passages; ``a`` < ``b`` by path."""

    a: str
    b: str
    coverage_a: float  # share of a's normalised characters in copied passages
    coverage_b: float
    passages: int
    example: str
    matched: int = 0  # characters equal in both (which direction explains more)

    def as_json(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "coverage_a": round(self.coverage_a, 4),
            "coverage_b": round(self.coverage_b, 4),
            "passages": self.passages,
            "example": self.example,
        }


def _example(texts: Sequence[str], m: DocumentMatch) -> str:
    best = max(m.passages, key=lambda p: (p.chars, -p.paragraph, -p.start))
    s = texts[best.paragraph][best.start : best.end].strip()
    return s if len(s) <= EXAMPLE_CHARS else s[:EXAMPLE_CHARS] + "…"


def search_options(min_chars: int | None = None, min_similarity: float | None = None) -> SearchOptions:
    """The single-draft check's search options (thresholds adjustable as there)."""
    opt = SearchOptions()
    changes: dict[str, float] = {}
    if min_chars is not None:
        changes["min_chars"] = min_chars
    if min_similarity is not None:
        changes["min_similarity"] = min_similarity
    return SearchOptions(**{**opt.__dict__, **changes}) if changes else opt


def _excluding(options: SearchOptions, path: str) -> SearchOptions:
    return SearchOptions(**{**options.__dict__, "exclude_paths": (path,)})


def plan_one(index, path: str, texts: Sequence[str], options: SearchOptions) -> SearchPlan | None:
    """The candidate stage of querying one document (itself excluded)."""
    return plan_search(index, list(texts), _excluding(options, path))


def pairs_of(index, path: str, texts: Sequence[str], plan: SearchPlan | None, options: SearchOptions) -> list[Pair]:
    """Directed pairs ``(path, other)`` from a planned query, completed against ``index``.

    Coverage of the queried side is ``draft_coverage``, of the other ``ref_coverage``.
    """
    if plan is None:
        return []
    out = []
    for m in complete_search(plan, index, _excluding(options, path)):
        if not m.passages:
            continue
        out.append(Pair(path, m.doc.path, m.draft_coverage, m.ref_coverage, len(m.passages), _example(texts, m), m.matched))
    return out


def audit_one(index, path: str, texts: Sequence[str], options: SearchOptions) -> list[Pair]:
    """Directed pairs for one document queried against the index (a Store or a
    :class:`MemoryIndex`); the document itself is excluded by path."""
    return pairs_of(index, path, texts, plan_one(index, path, texts, options), options)


def pair_key(p: Pair) -> tuple[str, str]:
    return (p.a, p.b) if p.a < p.b else (p.b, p.a)


def better(p: Pair, q: Pair) -> Pair:
    """Of two directions of one pair, the one that explains more copied characters.

    Ties go to the direction queried from the smaller path, so the choice does not depend on
    the order the directions arrive in (a Spark ``reduceByKey`` or a local loop).
    """
    def rank(x: Pair) -> tuple:
        return (x.matched, x.a < x.b, x.passages)

    return p if rank(p) >= rank(q) else q


def oriented(p: Pair) -> Pair:
    """The pair with ``a`` < ``b`` (coverages swapped along)."""
    if p.a < p.b:
        return p
    return Pair(p.b, p.a, p.coverage_b, p.coverage_a, p.passages, p.example, p.matched)


def keep_pair(p: Pair, min_coverage: float) -> bool:
    """Whether a pair is reported: copied passages cover at least this share of either side."""
    return max(p.coverage_a, p.coverage_b) >= min_coverage


def sort_pairs(pairs: Iterable[Pair]) -> list[Pair]:
    return sorted(pairs, key=lambda p: (-max(p.coverage_a, p.coverage_b), p.a, p.b))


def merge_pairs(directed: Iterable[Pair], min_coverage: float = 0.0) -> list[Pair]:
    """One pair per two documents (``a`` < ``b``), most copied first."""
    best: dict[tuple[str, str], Pair] = {}
    for p in directed:
        key = pair_key(p)
        cur = best.get(key)
        best[key] = p if cur is None else better(cur, p)
    return sort_pairs(q for q in map(oriented, best.values()) if keep_pair(q, min_coverage))


def local_path(uri: str) -> str:
    """A ``file:`` URI as the absolute path the index uses; other URIs unchanged."""
    if uri.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return Path(unquote(urlparse(uri).path)).as_posix()
    return uri
