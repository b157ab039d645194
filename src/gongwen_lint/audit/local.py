"""The local executor: index every document in a temporary SQLite index, query each against it.

This is literally the single-draft check run once per archive document (with the document
itself excluded), so its results are the reference the Spark executor must reproduce.  Files
are read twice (indexing, then querying) rather than kept in memory, so memory stays flat.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError
from ..fileio import read_capped
from ..index.backends import open_index
from ..index.ingest import find_files, key_path
from ..index.search import SearchOptions
from ..index.store import Params
from ..limits import input_cap
from .pipeline import Pair, audit_one, merge_pairs, prepare_file, read_paragraphs, search_options


@dataclass
class AuditResult:
    pairs: list[Pair]
    documents: int
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, Chinese message)

    def as_json(self) -> dict:
        return {"pairs": [p.as_json() for p in self.pairs], "documents": self.documents}


def read_input(path: str) -> bytes:
    """A file's content, with the caps and file-type checks of ``check`` (raises ReadError)."""
    return read_capped(path, *input_cap(path))


def input_files(paths: Iterable[str | Path], problems: list[tuple[str, str]] | None = None) -> list[str]:
    """Sorted unique index keys (absolute paths) of the files under ``paths``; folders that
    cannot be listed go to ``problems``."""
    keys = set()
    for f in find_files(paths, problems):
        keys.add(key_path(f))
    return sorted(keys)


def audit_local(
    paths: Iterable[str | Path],
    options: SearchOptions | None = None,
    min_coverage: float = 0.0,
    params: Params | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AuditResult:
    """Audit the files under ``paths`` on this machine.

    ``min_coverage``: report a pair only when its copied passages cover at least this share
    of one of the two documents.  ``params``: fingerprinting and cut-off (tests lower the
    cut-off to exercise common fingerprints on a small archive).
    """
    opt = options or search_options()
    errors: list[tuple[str, str]] = []
    files = input_files(paths, errors)
    readable: list[str] = []

    def prepared(fingerprinting: Params) -> Iterator:
        for f in files:
            try:
                doc, _ = prepare_file(f, read_input(f), fingerprinting)
            except ReadError as e:
                errors.append((f, str(e)))
                continue
            readable.append(f)
            yield doc

    with tempfile.TemporaryDirectory(prefix="gw-audit-") as tmp:
        url = str(Path(tmp) / "audit.gwidx")
        with open_index(url, create=True, params=params or Params()) as store:
            params = store.params
            store.add(prepared(params))  # in path order: ids as the Spark executor assigns them
            directed: list[Pair] = []
            for i, f in enumerate(readable):
                try:
                    texts = [t for _, t in read_paragraphs(f, read_input(f))]
                except ReadError as e:  # changed since it was indexed
                    errors.append((f, str(e)))
                    continue
                directed.extend(audit_one(store, f, texts, opt))
                if progress:
                    progress(i + 1, len(readable))
    return AuditResult(merge_pairs(directed, min_coverage), len(readable), errors)
