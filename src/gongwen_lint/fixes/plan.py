"""Which fixes to apply in one round (``check --fix``): one edit per span, overlaps deferred."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .. import recache
from ..diagnostics import Diagnostic

FIXABLE_PARTS = recache.compile(r"^(body|header\d*|footer\d*|footnotes|endnotes)$")


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of one paragraph with ``replacement``."""

    part: str
    paragraph: int
    start: int
    end: int
    replacement: str
    code: str
    unsafe: bool = False


def _conflict(a: Edit, b: Edit) -> bool:
    if a.part != b.part or a.paragraph != b.paragraph:
        return False
    lo, hi = max(a.start, b.start), min(a.end, b.end)
    if a.start == a.end or b.start == b.end:  # an insertion conflicts with anything touching its point
        return lo <= hi
    return lo < hi


def plan(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[list[Edit], Counter]:
    """The edits to apply in one round, and per rule the unsafe fixes left out.

    Identical edits offered by two rules are one edit.  Among overlapping edits the earliest
    (then the safe one, then the lower code) wins; the others wait for the next round, when the
    re-lint shows whether they are still needed.
    """
    skipped: Counter = Counter()
    candidates: dict[tuple, Edit] = {}
    for d in diagnostics:
        if d.fix is None or not FIXABLE_PARTS.match(d.location.part):
            continue
        loc = d.location
        if d.fix.replacement == d.excerpt:
            continue
        is_unsafe = d.fix.applicability != "safe"
        if is_unsafe and not unsafe:
            skipped[d.code] += 1
            continue
        e = Edit(loc.part, loc.paragraph, loc.start, loc.end, d.fix.replacement, d.code, is_unsafe)
        key = (e.part, e.paragraph, e.start, e.end, e.replacement)
        if key not in candidates:
            candidates[key] = e
    chosen: dict[tuple[str, int], list[Edit]] = {}
    for e in sorted(candidates.values(), key=lambda e: (e.part, e.paragraph, e.start, e.end, e.unsafe, e.code)):
        same = chosen.setdefault((e.part, e.paragraph), [])
        if not any(_conflict(e, o) for o in same):
            same.append(e)
    return [e for es in chosen.values() for e in es], skipped


def apply_to_text(text: str, edits: Iterable[Edit], shift: int = 0) -> str:
    """``text`` with the (non-overlapping) edits applied; offsets are shifted by ``shift``."""
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: e.start + shift] + e.replacement + text[e.end + shift:]
    return text
