"""The JSON contract (SPEC §3.2): stable keys, Chinese kept as is."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable

from .. import __version__
from ..diagnostics import Severity

if TYPE_CHECKING:
    from ..engine import Report


def document(reports: Iterable["Report"]) -> dict:
    reports = list(reports)
    diags = [d for r in reports for d in r.diagnostics]
    return {
        "version": __version__,
        "files": [r.to_dict() for r in reports],
        "summary": {
            "files": len(reports),
            "errors": sum(d.severity is Severity.ERROR for d in diags),
            "warnings": sum(d.severity is Severity.WARNING for d in diags),
            "infos": sum(d.severity is Severity.INFO for d in diags),
        },
    }


def render(reports: Iterable["Report"]) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2)
