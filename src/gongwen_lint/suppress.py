"""Suppression directives: Word comments (and, in plain-text drafts, HTML comments) that silence findings.

Why Word comments: drafters and reviewers already use them, they span a range (so no
disable/enable pair is needed), they are visible in review, and they never print.  Hidden text
or white-font markers would be invisible in review and could end up in an issued document.

Syntax (the comment's text starts with it; Chinese punctuation typed by an IME is accepted)::

    gwlint: ignore[GW102] 理由              findings of GW102 overlapping the commented range
    gwlint: ignore[GW1, doc-number-format]   codes, code prefixes and rule names
    gwlint: file-ignore[GW7] 理由            the whole file, wherever the comment is

A comment anchored to a point (no range) covers its whole paragraph.  In .txt/.md drafts, which
have no comments, ``<!-- gwlint: ignore[GW401] 理由 -->`` at the end of a line covers that line,
and on a line of its own covers the next non-empty line; findings inside the directive's own
text are dropped.

This module only *parses and filters*; GW902 (unused suppressions, ``rules/meta.py``) uses the
same parsing and matching, so "suppressed" and "used" cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import recache
from .diagnostics import Diagnostic, Location
from .model import Document, Paragraph

_DIRECTIVE_RE = recache.compile(
    r"^\s*gwlint\s*[:：]\s*(file-ignore|ignore)\s*[\[［【](.*?)[\]］】]\s*(.*)$", re.IGNORECASE | re.DOTALL
)
#: Anything that looks like an attempt at a directive (for messages about malformed ones).
_LOOKS_LIKE_RE = recache.compile(r"^\s*gwlint\s*[:：]", re.IGNORECASE)
_TEXT_DIRECTIVE_RE = recache.compile(r"<!--\s*(gwlint\s*[:：].*?)\s*-->", re.IGNORECASE)
_SPLIT_RE = recache.compile(r"[,，、;；\s]+")

Pos = tuple[int, int]  # (paragraph, offset)


@dataclass(frozen=True)
class Directive:
    """One parsed suppression.

    ``start``/``end`` delimit the range it covers in ``part`` (``None``: anchored nowhere);
    ``where`` is where the directive itself sits, for GW902; ``own_span`` is, in plain-text
    drafts, the stretch of draft text that *is* the directive (findings there are not real).
    """

    kind: str  # "ignore" | "file-ignore"
    selectors: tuple[str, ...]
    reason: str
    text: str
    part: str
    start: Pos | None
    end: Pos | None
    where: Location
    own_span: Location | None = None

    @property
    def file_wide(self) -> bool:
        return self.kind == "file-ignore"


def parse(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """``(kind, selectors, reason)`` of a directive text, or None if it is not one."""
    m = _DIRECTIVE_RE.match(text)
    if not m:
        return None
    selectors = tuple(s for s in _SPLIT_RE.split(m.group(2)) if s)
    return m.group(1).lower(), selectors, m.group(3).strip()


def looks_like_directive(text: str) -> bool:
    return bool(_LOOKS_LIKE_RE.match(text))


def selector_matches(selector: str, code: str, name: str) -> bool:
    """Same meaning as on the command line: ``ALL``, a code, a code prefix or a rule name."""
    s = selector.strip()
    up = s.upper()
    if up == "ALL" or s.lower() == name:
        return True
    return up.startswith(("GW", "X")) and code.startswith(up)


def directives(doc: Document) -> list[Directive]:
    """Every suppression directive of the draft, in document order."""
    if doc.source == "text":
        return _text_directives(doc)
    out: list[Directive] = []
    parsed_comments = [(c, parsed) for c in doc.comments if (parsed := parse(c.text)) is not None]
    if not parsed_comments:
        return out
    # Built only for a draft with directives: a dict of every paragraph's length, made twice a
    # check (apply and GW902), was 41 ms of a 500-page draft without any (issue 18).
    lengths = {(name, p.index): len(p.text) for name, ps in doc.parts.items() for p in ps}
    for c, parsed in parsed_comments:
        kind, selectors, reason = parsed
        start: Pos | None = None
        end: Pos | None = None
        if c.start_paragraph is not None:
            start = (c.start_paragraph, c.start_offset)
            end = (c.end_paragraph or c.start_paragraph, c.end_offset)
            if end < start:
                start, end = end, start
            if start == end:  # a comment inserted at the cursor: the whole paragraph
                start = (start[0], 0)
                end = (start[0], lengths.get((c.part, start[0]), 0))
        if start is not None and end is not None:  # set together
            last = lengths.get((c.part, start[0]), 0)
            where = Location(c.part, start[0], min(start[1], last),
                             min(end[1], last) if end[0] == start[0] else last)
        else:
            where = Location("body", 1, 0, 0)
        out.append(Directive(kind, selectors, reason, c.text, c.part, start, end, where))
    return out


def _text_directives(doc: Document) -> list[Directive]:
    body = doc.body
    out = []
    for i, p in enumerate(body):
        if "gwlint" not in p.text.lower():
            continue
        for m in _TEXT_DIRECTIVE_RE.finditer(p.text):
            parsed = parse(m.group(1))
            if parsed is None:
                continue
            kind, selectors, reason = parsed
            own = Location(p.part, p.index, m.start(), m.end())
            target: Paragraph | None
            if p.text[: m.start()].strip() or p.text[m.end():].strip():
                target = p  # a trailing (or leading) directive: its own line
            else:  # a line of its own: the next line with text that is not itself a directive
                target = next(
                    (q for q in body[i + 1:] if _TEXT_DIRECTIVE_RE.sub("", q.text).strip()), None
                )
            start = (target.index, 0) if target is not None else None
            end = (target.index, len(target.text)) if target is not None else None
            out.append(Directive(kind, selectors, reason, m.group(1), p.part, start, end, own, own))
    return out


def covers(d: Directive, loc: Location) -> bool:
    """Whether the directive's range overlaps the finding's span (file-wide ones cover all)."""
    if d.file_wide:
        return True
    if d.start is None or d.end is None or d.part != loc.part:
        return False
    ds, de = (loc.paragraph, loc.start), (loc.paragraph, loc.end)
    if ds == de:  # a missing element, reported at a point
        return d.start <= ds <= d.end
    return ds < d.end and d.start < de


def inside_directive_text(loc: Location, found: list[Directive]) -> bool:
    """A finding on the directive's own text (plain-text drafts) is not a finding on the draft."""
    for d in found:
        o = d.own_span
        if (o is not None and o.part == loc.part and o.paragraph == loc.paragraph
                and o.start <= loc.start and loc.end <= o.end and loc.end > loc.start):
            return True
    return False


def suppresses(d: Directive, diag: Diagnostic) -> bool:
    return covers(d, diag.location) and any(selector_matches(s, diag.code, diag.name) for s in d.selectors)


def apply(doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The findings that no directive suppresses (order kept).

    GW902 findings are produced by the GW902 rule; they are filtered here like any other
    finding, so ``file-ignore[GW902]`` works.
    """
    found = directives(doc)
    if not found:
        return diagnostics
    out = []
    for diag in diagnostics:
        if diag.code != "GW902" and inside_directive_text(diag.location, found):
            continue
        if any(suppresses(d, diag) for d in found):
            continue
        out.append(diag)
    return out
