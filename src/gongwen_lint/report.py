"""One file's findings (:class:`Report`) and the JSON contract of a run (docs/json.md).

The contract lives here, beside the record it serialises, so that :meth:`Report.to_json` needs
nothing above it: the engine produces reports, the output formats (and the HTTP service) read
them, and no layer imports one above it.  :mod:`gongwen_lint.output.json_format` is the
contract's public name for the command line and library users.

``diagnostics`` are one record per span, exactly as before; ``findings`` (added in 0.1.x, see
docs/json.md) group them as the text report and the annotated copy do, pointing to the
diagnostics by index, so a consumer can show either view without regrouping.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ._version import __version__
from .diagnostics import Diagnostic, Finding, Severity, group
from .fileio import printable


@dataclass
class Report:
    """The findings for one file (or the reason it could not be read).

    ``summary`` holds per-file figures that rules add (e.g. the 套话 share of GW704).
    """

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    genre: str | None = None
    format: str | None = None
    error: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": printable(self.path),  # a non-UTF-8 file name must not make invalid JSON
            "genre": self.genre,
            "format": self.format,
            "error": self.error,
            "diagnostics": [x.to_dict() for x in self.diagnostics],
        }
        if self.summary:
            d["summary"] = self.summary
        return d

    def to_json(self) -> str:
        """This file's record as the JSON contract of docs/json.md (wrapped as a one-file run)."""
        return render([self])

    def findings(self) -> list[Finding]:
        """The diagnostics grouped as people read them (:func:`diagnostics.group`)."""
        return group(self.diagnostics)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)


# -- the JSON contract ----------------------------------------------------------------------------


def file_record(report: Report) -> dict[str, Any]:
    """One file's record: the report's fields plus its findings."""
    record = report.to_dict()
    index = {id(d): i for i, d in enumerate(report.diagnostics)}
    record["findings"] = [f.to_dict(index) for f in group(report.diagnostics)]
    return record


def by_rule(reports: list[Report]) -> list[dict[str, Any]]:
    """Per rule: spans (diagnostics), findings and safe fixes, most frequent first."""
    spans: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for r in reports:
        for f in group(r.diagnostics):
            spans[f.code] += f.count
            findings[f.code] += 1
            fixable[f.code] += f.safe_fixes
            names.setdefault(f.code, (f.name, f.severity.value))
    return [
        {"code": c, "name": names[c][0], "severity": names[c][1], "diagnostics": n, "findings": findings[c],
         "fixable": fixable[c]}
        for c, n in sorted(spans.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def document(reports: Iterable[Report], interrupted: bool = False) -> dict[str, Any]:
    """The whole run as the JSON contract.  A library call: the CLI and the HTTP service share it."""
    reports = list(reports)
    diags = [d for r in reports for d in r.diagnostics]
    files = [file_record(r) for r in reports]
    summary: dict[str, Any] = {
        "files": len(reports),
        "errors": sum(d.severity is Severity.ERROR for d in diags),
        "warnings": sum(d.severity is Severity.WARNING for d in diags),
        "infos": sum(d.severity is Severity.INFO for d in diags),
        "findings": sum(len(f["findings"]) for f in files),
        "by_rule": by_rule(reports),
    }
    if interrupted:
        summary["interrupted"] = True
    return {"version": __version__, "files": files, "summary": summary}


def render(reports: Iterable[Report], interrupted: bool = False) -> str:
    return json.dumps(document(reports, interrupted), ensure_ascii=False, indent=2)
