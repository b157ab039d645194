"""A section's page setup (``w:sectPr``) in millimetres, as the layout rules (GW2) read it.

Split from :mod:`.reader`, which decides *which* ``w:sectPr`` applies to which paragraphs and
which header and footer parts a section prints; this module only converts one ``w:sectPr``.
Sizes of zero or less are unknown, not zero: the rules divide by them.
"""

from __future__ import annotations

import posixpath

from ..model import Section
from .ns import first_child, w
from .props import number, twips

W_PGSZ = w("pgSz")
W_PGMAR = w("pgMar")
W_DOCGRID = w("docGrid")
W_SECTTYPE = w("type")
W_TITLEPG = w("titlePg")

TWIPS_PER_MM = 1440 / 25.4  # 56.6929

_TYPE_ORDER = {"default": 0, "even": 1, "first": 2}


def ref_order(item):
    """Sort key of an effective header/footer reference: by kind, then default, even, first."""
    (kind, typ), _ = item
    return (kind, _TYPE_ORDER.get(typ, 3))


def _mm(value) -> float | None:
    t = twips(value)
    return round(t / TWIPS_PER_MM, 1) if t is not None else None


def _positive(v: float | None) -> float | None:
    """A page size or grid pitch: zero or less means unknown (rules divide by them)."""
    return v if v is not None and v >= 1.0 else None


def page_setup(sp, refs, base_size_pt: float) -> tuple[Section, bool]:
    """The section in mm, and whether it starts on a new page (``w:type``, default nextPage)."""
    if sp is None:
        return Section(headers=_names(refs, "header"), footers=_names(refs, "footer")), True
    pg = first_child(sp, W_PGSZ)
    mar = first_child(sp, W_PGMAR)
    grid = first_child(sp, W_DOCGRID)
    stype = first_child(sp, W_SECTTYPE)

    def attr(el, name):
        return el.get(w(name)) if el is not None else None

    width, height = _positive(twips(attr(pg, "w"))), _positive(twips(attr(pg, "h")))
    orient = attr(pg, "orient") or ("landscape" if width and height and width > height else "portrait")
    title_pg = first_child(sp, W_TITLEPG)
    lines = chars = pitch_pt = None
    grid_type = attr(grid, "type")
    line_pitch = _positive(twips(attr(grid, "linePitch")))
    if line_pitch:
        pitch_pt = round(line_pitch / 20.0, 2)
    if grid_type in ("lines", "linesAndChars", "snapToChars") and line_pitch and height:
        top, bottom = twips(attr(mar, "top")) or 0.0, twips(attr(mar, "bottom")) or 0.0
        lines = int((height - abs(top) - abs(bottom)) / line_pitch + 1e-6)
    if grid_type in ("linesAndChars", "snapToChars") and width:
        left, right = twips(attr(mar, "left")) or 0.0, twips(attr(mar, "right")) or 0.0
        gutter = twips(attr(mar, "gutter")) or 0.0
        char_space = number(attr(grid, "charSpace")) or 0.0
        pitch = base_size_pt + char_space / 4096.0  # pt; charSpace is in 1/4096 pt
        if pitch > 0:
            chars = int(((width - left - right - gutter) / 20.0) / pitch + 1e-6)
    sec = Section(
        page_width_mm=round(width / TWIPS_PER_MM, 1) if width else None,
        page_height_mm=round(height / TWIPS_PER_MM, 1) if height else None,
        margin_top_mm=_mm(attr(mar, "top")),
        margin_bottom_mm=_mm(attr(mar, "bottom")),
        margin_left_mm=_mm(attr(mar, "left")),
        margin_right_mm=_mm(attr(mar, "right")),
        gutter_mm=_mm(attr(mar, "gutter")),
        header_distance_mm=_mm(attr(mar, "header")),
        footer_distance_mm=_mm(attr(mar, "footer")),
        orientation=orient,
        title_page=title_pg is not None and title_pg.get(w("val"), "1").lower() not in ("0", "false", "off"),
        lines_per_page=lines,
        chars_per_line=chars,
        line_pitch_pt=pitch_pt,
        headers=_names(refs, "header"),
        footers=_names(refs, "footer"),
    )
    kind = attr(stype, "val") or "nextPage"
    return sec, kind not in ("continuous", "nextColumn")


def _names(refs, kind) -> tuple[str, ...]:
    return tuple(
        f"{typ}:{posixpath.splitext(posixpath.basename(name))[0]}" for k, typ, name in refs if k == kind
    )
