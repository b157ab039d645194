"""What the GW8 rules share while checking one draft: the open index and the draft's matches.

Four rules read the same analysis (GW803 per paragraph, GW801/GW802 per reference document,
GW804 for a whole re-issue), so it is computed once per document and kept until the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ResourceError
from ..model import TEXT_ROLES, Document, Paragraph
from .backends import open_index
from .search import LEVEL_RANK, DocumentMatch, Passage, SearchOptions, find_copies
from .store import IndexError_, Store

MIN_REF_COVERAGE_CHARS = 100  # a short reference mostly repeated counts only above this


@dataclass
class Verdict:
    """The findings-to-be for one draft."""

    paragraphs: list[Paragraph]
    matches: list[DocumentMatch]
    by_paragraph: dict[int, tuple[DocumentMatch, list[Passage]]] = field(default_factory=dict)  # GW803
    repeats: list[tuple[DocumentMatch, int]] = field(default_factory=list)  # GW801/802, with # of same-text docs
    reissues: list[tuple[DocumentMatch, int]] = field(default_factory=list)  # GW804


@dataclass(frozen=True)
class Thresholds:
    search: SearchOptions
    min_coverage: float  # share of the draft repeating one document (GW801/802)
    min_ref_coverage: float  # or share of that document repeated in the draft
    reissue_coverage: float  # both shares at least this: a re-issue (GW804)


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
    return f"参考索引不可用，重复发文检查（GW801–GW804）未能进行：{reason}"


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

    # GW803: per paragraph, the document it copies most from (higher level wins a tie)
    for m in matches:
        per: dict[int, list[Passage]] = {}
        for p in m.passages:
            per.setdefault(p.paragraph, []).append(p)
        for i, ps in per.items():
            key = (sum(p.matched for p in ps), -LEVEL_RANK.get(m.doc.level, 3), m.matched)
            best = v.by_paragraph.get(i)
            if best is None or key > (sum(p.matched for p in best[1]), -LEVEL_RANK.get(best[0].doc.level, 3), best[0].matched):
                v.by_paragraph[i] = (m, ps)

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
    return v


def _covered(m: DocumentMatch) -> set[tuple[int, int]]:
    """Draft characters a match covers, as (paragraph, original offset)."""
    out: set[tuple[int, int]] = set()
    for p in m.passages:
        out.update((p.paragraph, i) for i in range(p.start, p.end))
    return out
