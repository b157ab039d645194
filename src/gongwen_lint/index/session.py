"""What the GW8 rules share while checking one draft: the open index and the draft's matches.

Four rules read the same analysis (GW803 per paragraph, GW801/GW802 per reference document,
GW804 for a whole re-issue), so it is computed once per document and kept until the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ResourceError
from ..model import TEXT_ROLES, Document, Paragraph
from .backends import open_index
from .novelty import Novelty, novelty
from .search import LEVEL_RANK, DocumentMatch, Passage, SearchOptions, cover, find_copies
from .store import IndexError_, Store

MIN_REF_COVERAGE_CHARS = 100  # a short reference mostly repeated counts only above this


SAME_TEXT_SLACK = 2  # normalised characters: a sibling holding this much less still holds "the same"


@dataclass
class Evidence:
    """The best evidence for one copied draft paragraph (GW803).

    ``match`` is the document that holds most of the paragraph's copied text, then most of it
    word for word, then the higher level, then the newer; ``passages`` are its non-overlapping
    passages in the paragraph.  ``same`` are the other documents holding the passage as fully
    and as exactly (templated siblings: one notice sent to many cities, a text filed twice):
    they are counted, not named in its place.
    """

    match: DocumentMatch
    passages: list[Passage]
    held: int  # normalised draft characters of the paragraph in the passages
    exact: int  # characters equal in both
    same: list[DocumentMatch] = field(default_factory=list)

    @property
    def edits(self) -> int:
        """Characters of the passages, on either side, that are not in the other."""
        return sum((p.chars - p.matched) + (p.ref_end - p.ref_start - p.matched) for p in self.passages)

    @property
    def best(self) -> Passage:
        """The passage the finding cites (its reference paragraph): the longest."""
        return max(self.passages, key=lambda x: (x.chars, x.matched, -x.start))

    @property
    def similarity(self) -> float:
        return sum(x.similarity * x.chars for x in self.passages) / sum(x.chars for x in self.passages)


def evidence_key(e: Evidence) -> tuple:
    """Rank of a document as the source of one paragraph, larger is better: how much of the
    passage it holds (characters equal in both), then how exactly (fewest characters on either
    side that are not in the other), then the higher level, then the newer."""
    m = e.match
    return (e.exact, -e.edits, -LEVEL_RANK.get(m.doc.level, 3), m.doc.year or 0)


@dataclass
class Verdict:
    """The findings-to-be for one draft."""

    paragraphs: list[Paragraph]
    matches: list[DocumentMatch]
    by_paragraph: dict[int, Evidence] = field(default_factory=dict)  # GW803
    repeats: list[tuple[DocumentMatch, int]] = field(default_factory=list)  # GW801/802, with # of same-text docs
    reissues: list[tuple[DocumentMatch, int]] = field(default_factory=list)  # GW804
    novelty: Novelty = field(default_factory=Novelty)  # what the draft adds
    no_new: bool = False  # restates indexed documents only (GW805; GW801–803 then stay quiet)


@dataclass(frozen=True)
class Thresholds:
    search: SearchOptions
    min_coverage: float  # share of the draft repeating one document (GW801/802)
    min_ref_coverage: float  # or share of that document repeated in the draft
    reissue_coverage: float  # both shares at least this: a re-issue (GW804)
    max_new_share: float = 0.15  # at most this share of new items: nothing new (GW805)


class IndexUnavailable(ResourceError):
    """The reference index cannot be used for this file (and the rest of the run)."""


class IndexSession:
    """The index of one run, opened read-only.

    When a lookup fails (the PostgreSQL server restarted, the network dropped) the session
    reconnects once and repeats it; if that fails too, the session is marked failed and every
    later check reports the same error at once (no reconnect storm, no silent skip).
    """

    def __init__(self, url: str):
        self.url = url
        self.store: Store | None = None
        self.failed: str | None = None
        self._memo: tuple[Document, Thresholds, Verdict] | None = None
        try:
            self.store = open_index(url, readonly=True)
        except IndexError_ as e:
            self.failed = str(e)

    def verdict(self, doc: Document, th: Thresholds) -> Verdict:
        if self._memo is not None and self._memo[0] is doc and self._memo[1] == th:
            return self._memo[2]
        if self.failed is not None or self.store is None:
            raise IndexUnavailable(_unavailable(self.failed or ""))
        try:
            v = analyse(self.store, doc, th)
        except IndexError_:
            try:
                self.store.reconnect()
                v = analyse(self.store, doc, th)
            except IndexError_ as e:
                self.failed = str(e)
                raise IndexUnavailable(_unavailable(self.failed)) from None
        self._memo = (doc, th, v)
        return v

    def close(self) -> None:
        self._memo = None
        if self.store is not None:
            try:
                self.store.close()
            except Exception:  # noqa: BLE001 - a lost connection cannot be closed cleanly; nothing to keep
                pass


def _unavailable(reason: str) -> str:
    return f"参考索引不可用，重复发文检查（GW801–GW805）未能进行：{reason}"


def _draft_key(doc: Document) -> tuple[str, ...]:
    if doc.path.startswith("<"):
        return ()
    from .ingest import key_path

    try:
        return (key_path(doc.path),)
    except OSError:
        return ()


def analyse(store: Store, doc: Document, th: Thresholds) -> Verdict:
    paragraphs = [p for ps in doc.parts.values() for p in ps if p.role in TEXT_ROLES and not p.is_empty]
    opts = th.search
    if not opts.exclude_paths:  # never report a draft as a copy of itself when it is indexed
        opts = SearchOptions(**{**opts.__dict__, "exclude_paths": _draft_key(doc)})
    matches = find_copies(store, [p.text for p in paragraphs], opts)
    v = Verdict(paragraphs, matches)

    v.by_paragraph = best_evidence(matches)

    # GW801/802/804: documents the draft repeats substantially.  Templated siblings (the same
    # text sent to many addressees) explain the same draft text: report the first, count the rest.
    order = sorted(matches, key=lambda m: (-m.matched, LEVEL_RANK.get(m.doc.level, 3), -m.ref_coverage, m.doc.path))
    reported: list[tuple[DocumentMatch, set, list]] = []
    counted: dict[str, list[tuple[DocumentMatch, list[int]]]] = {"reissues": [], "repeats": []}
    for m in order:
        covered = _covered(m)
        draft_cov = max(m.draft_coverage, m.whole_draft_coverage or 0.0)
        ref_cov = max(m.ref_coverage, m.whole_ref_coverage or 0.0)
        reissue = draft_cov >= th.reissue_coverage and ref_cov >= th.reissue_coverage
        repeat = m.draft_coverage >= th.min_coverage or (
            m.ref_coverage >= th.min_ref_coverage and m.draft_chars >= MIN_REF_COVERAGE_CHARS
        )
        if repeat and not reissue and all(_quotation(p, opts) for p in m.passages):
            continue  # short articles of a law quoted word for word: GW803 quotations only
        if not (reissue or repeat):
            continue
        twin = next((r for r in reported if len(covered - r[1]) < 0.2 * max(1, len(covered))), None)
        if twin is not None:
            twin[2][0] += 1
            continue
        counter = [0]
        reported.append((m, covered, counter))
        counted["reissues" if reissue else "repeats"].append((m, counter))
    v.reissues = [(m, c[0]) for m, c in counted["reissues"]]
    v.repeats = [(m, c[0]) for m, c in counted["repeats"]]

    # GW805: a draft that restates what is indexed and adds (almost) nothing; a whole re-issue
    # of one document is GW804's
    v.novelty = novelty([p.text for p in paragraphs], matches, opts.extra_stock)
    n = v.novelty
    v.no_new = (not v.reissues and bool(n.copied) and n.found_chars >= MIN_REF_COVERAGE_CHARS
                and n.new_share <= th.max_new_share)
    return v


def best_evidence(matches: list[DocumentMatch]) -> dict[int, Evidence]:
    """GW803: per draft paragraph, the document that best explains its copied text, with the
    documents holding the same text (see :class:`Evidence`)."""
    candidates: dict[int, list[Evidence]] = {}
    for m in matches:
        per: dict[int, list[Passage]] = {}
        for p in cover(m.passages):
            per.setdefault(p.paragraph, []).append(p)
        for i, ps in per.items():
            held = sum(p.chars for p in ps)
            candidates.setdefault(i, []).append(Evidence(m, ps, held, sum(p.matched for p in ps)))
    out: dict[int, Evidence] = {}
    for i, evs in candidates.items():
        evs.sort(key=lambda e: e.match.doc.path)  # ties: the smaller path (the sort below is stable)
        evs.sort(key=evidence_key, reverse=True)
        best = evs[0]
        best.same = [e.match for e in evs[1:]
                     if e.exact >= best.exact - SAME_TEXT_SLACK and e.edits <= best.edits + SAME_TEXT_SLACK]
        out[i] = best
    return out


def _quotation(p: Passage, opts: SearchOptions) -> bool:
    """A short article of a law, quoted whole and word for word (what the formula filter
    would otherwise have dropped): evidence, not repetition."""
    return p.whole_article and p.verbatim and p.chars < opts.formula_chars


def _covered(m: DocumentMatch) -> set[tuple[int, int]]:
    """Draft characters a match covers, as (paragraph, original offset)."""
    out: set[tuple[int, int]] = set()
    for p in m.passages:
        out.update((p.paragraph, i) for i in range(p.start, p.end))
    return out
