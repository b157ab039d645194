"""What the heading rules share: the heading lines of a document, by segment, and how they are shown."""

from __future__ import annotations

from dataclasses import dataclass

from ...diagnostics import Severity
from ...model import TEXT_ROLES, Document, Paragraph, Role
from .._ordinals import Ordinal, cn_ordinal, is_anchor, is_attachment_label, paragraph_ordinal
from ..context import Context

WARNING = Severity.WARNING

#: Roles after which heading numbering starts afresh (an attachment, a second embedded document).
_RESET_ROLES = frozenset({Role.ATTACHMENT_LABEL, Role.ATTACHMENT_TITLE, Role.TITLE})
_HALF_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _show(level: int, value: int) -> str:
    num = cn_ordinal(value) if level in (1, 2) else str(value)
    return {1: f"{num}、", 2: f"（{num}）", 3: f"{num}.", 4: f"（{num}）"}[level]


@dataclass
class _Heading:
    p: Paragraph
    o: Ordinal


def _segments(doc: Document) -> list[list[_Heading]]:
    """Ordinal lines of the body, split where numbering legitimately restarts.

    A segment ends at an attachment or a second title; 第X条/章 lines (laws and rules) end one
    too, since the （一）（二） lists under each article restart.
    """
    segments: list[list[_Heading]] = [[]]
    for p in doc.body:
        if p.in_table:
            continue
        if p.role in _RESET_ROLES or (p.role in TEXT_ROLES and (is_anchor(p.text) or is_attachment_label(p.text))):
            if segments[-1]:
                segments.append([])
            continue
        if p.role not in TEXT_ROLES:
            continue
        o = paragraph_ordinal(p)
        if o is not None:
            segments[-1].append(_Heading(p, o))
    return [s for s in segments if s]


def heading_segments(doc: Document, ctx: Context) -> list[list[_Heading]]:
    """:func:`_segments` once per document, for GW302 and GW303 alike (they only read it)."""
    return ctx.memo("headings:segments", lambda: _segments(doc))


def _span(h: _Heading) -> tuple[int, int]:
    """Where to point in ``p.text``: the ordinal, or the paragraph start for a numbering label."""
    if h.o.in_label:
        return 0, 0
    return h.o.text_span

#: Roles GW305 and GW306 look at: every paragraph with text.
_STRAY_ROLES = frozenset(Role) - {Role.EMPTY}
