"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``.

A .docx has no lines; ``line`` is the paragraph number, as in the other formats."""

from __future__ import annotations

from ..diagnostics import Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(reports) -> str:
    lines = []
    for rep in reports:
        if rep.error:
            lines.append(f"::error file={_prop(rep.path)},title=gongwen-lint::{_data('无法检查：' + rep.error)}")
            continue
        for d in rep.diagnostics:
            loc = d.location
            where = f"file={_prop(rep.path)},line={loc.paragraph},col={loc.start + 1},endColumn={max(loc.end, loc.start) + 1}"
            excerpt = f"「{d.excerpt}」" if d.excerpt else ""
            lines.append(f"::{_LEVEL[d.severity]} {where},title={_prop(d.code + ' ' + d.name)}::{_data(d.message + excerpt)}")
    return "\n".join(lines) + ("\n" if lines else "")
