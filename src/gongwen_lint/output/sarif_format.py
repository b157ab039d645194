"""SARIF 2.1.0 for code-scanning dashboards: the rule catalogue with help text, one result per
diagnostic with a stable content-based fingerprint (``partialFingerprints``).

Results stay per span (not grouped into findings): dashboards track each result by its
fingerprint across runs, and a grouped result's identity would change whenever one of its spans
is fixed.  File locations are relative to ``%SRCROOT%`` (the folder the check ran in, given in
``originalUriBaseIds``), as GitHub code scanning expects; a file outside it keeps a ``file://`` URI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .._version import __version__
from ..diagnostics import Severity
from ..rules.registry import all_rules

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


SRCROOT = "%SRCROOT%"


def artifact(path: str, root: Path) -> dict:
    """``{"uri": "文稿/草稿.docx", "uriBaseId": "%SRCROOT%"}``, percent-encoded (a URI holds no
    Chinese characters); outside ``root``, an absolute ``file://`` URI."""
    p = Path(path)
    full = (p if p.is_absolute() else root / p).resolve()
    try:
        relative = full.relative_to(root.resolve())
    except ValueError:
        return {"uri": full.as_uri()}
    # the file name's own bytes (a name that is not UTF-8 stays what it is: %FF, not an error)
    return {"uri": quote(os.fsencode(relative.as_posix()), safe="/"), "uriBaseId": SRCROOT}


def _folder_uri(folder: Path) -> str:
    uri = folder.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"  # SARIF: a base URI ends with a slash


def document(reports, root: str | Path | None = None) -> dict:
    """The SARIF log; ``root`` (default: the current folder) is what ``%SRCROOT%`` stands for."""
    base = Path(root) if root is not None else Path.cwd()
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    notifications = []
    for rep in reports:
        if rep.error:
            notifications.append(
                {"level": "error", "message": {"text": rep.error},
                 "locations": [{"physicalLocation": {"artifactLocation": artifact(rep.path, base)}}]}
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
                    "physicalLocation": {"artifactLocation": artifact(rep.path, base), "region": region},
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
                        "artifactLocation": artifact(rep.path, base),
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
        "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(base)}},
    }
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}


def render(reports) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n"
