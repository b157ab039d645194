"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``.

A .docx has no lines; ``line`` is the paragraph number, as in the other formats.  One annotation
per finding (``diagnostics.group``): a paragraph typed with twenty half-width commas is one
annotation that says ×20, not twenty on the same line."""

from __future__ import annotations

from ..diagnostics import Severity, group

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
        for f in group(rep.diagnostics):
            loc = f.location
            where = f"file={_prop(rep.path)},line={loc.paragraph}"
            if f.last_paragraph != loc.paragraph:
                where += f",endLine={f.last_paragraph}"
            elif f.count == 1:
                where += f",col={loc.start + 1},endColumn={max(loc.end, loc.start) + 1}"
            else:
                where += f",col={loc.start + 1}"
            d = f.first
            excerpt = f"「{d.excerpt}」" if f.count == 1 and d.excerpt else ""
            lines.append(f"::{_LEVEL[f.severity]} {where},title={_prop(f.code + ' ' + f.name)}::{_data(f.message + excerpt)}")
    return "\n".join(lines) + ("\n" if lines else "")
