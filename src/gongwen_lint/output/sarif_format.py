"""SARIF 2.1.0 for code-scanning dashboards: the rule catalogue with help text, one result per
finding with a stable content-based fingerprint (``partialFingerprints``)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..diagnostics import Severity
from ..fileio import printable
from ..rules.registry import all_rules

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    p = Path(printable(path))
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def document(reports) -> dict:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    notifications = []
    for rep in reports:
        if rep.error:
            notifications.append(
                {"level": "error", "message": {"text": rep.error},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(rep.path)}}}]}
            )
            continue
        for d in rep.diagnostics:
            loc = d.location
            region = {"startLine": loc.paragraph, "startColumn": loc.start + 1, "endColumn": max(loc.end, loc.start) + 1}
            if d.excerpt:
                region["snippet"] = {"text": d.excerpt}
            result = {
                "ruleId": d.code,
                "level": _LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": _uri(rep.path)}, "region": region},
                    "logicalLocations": [{"name": f"{loc.part}/p[{loc.paragraph}]", "kind": "paragraph"}],
                }],
                "partialFingerprints": {"gongwenLint/v1": d.fingerprint},
            }
            if d.code in index:
                result["ruleIndex"] = index[d.code]
            if d.fix is not None:
                result["fixes"] = [{
                    "description": {"text": f"改为：{d.fix.replacement}（{'安全' if d.fix.applicability == 'safe' else '需确认'}）"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(rep.path)},
                        "replacements": [{"deletedRegion": region, "insertedContent": {"text": d.fix.replacement}}],
                    }],
                }]
            results.append(result)
    driver = {
        "name": "gongwen-lint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/gongwen-lint/",
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.title},
                "help": {"text": r.doc, "markdown": r.doc},
                "defaultConfiguration": {"level": _LEVEL[r.severity], "enabled": r.default},
                "properties": {"source": r.source},
            }
            for r in rules
        ],
    }
    run = {
        "tool": {"driver": driver},
        "results": results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}


def render(reports) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n"
