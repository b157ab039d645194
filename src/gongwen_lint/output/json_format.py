"""The JSON contract (docs/json.md): stable keys, Chinese kept as is.

``diagnostics`` are one record per span, exactly as before; ``findings`` (added in 0.1.x, see
docs/json.md) group them as the text report and the annotated copy do, pointing to the
diagnostics by index, so a consumer can show either view without regrouping.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import __version__
from ..diagnostics import Severity, group

if TYPE_CHECKING:
    from ..engine import Report


def file_record(report: Report) -> dict:
    """One file's record: the report's fields plus its findings."""
    record = report.to_dict()
    index = {id(d): i for i, d in enumerate(report.diagnostics)}
    record["findings"] = [f.to_dict(index) for f in group(report.diagnostics)]
    return record


def by_rule(reports: list[Report]) -> list[dict]:
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


def document(reports: Iterable[Report], interrupted: bool = False) -> dict:
    """The whole run as the JSON contract.  A library call: the CLI and the HTTP service share it."""
    reports = list(reports)
    diags = [d for r in reports for d in r.diagnostics]
    files = [file_record(r) for r in reports]
    summary = {
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
