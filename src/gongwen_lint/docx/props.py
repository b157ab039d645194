"""Parsing ``w:rPr`` and ``w:pPr`` into small dicts that the style resolver merges level by level.

A dict holds only what the element states, so merging "docDefaults → styles → direct" is a
``dict.update`` per level; absence means "inherit".  Groups that Word treats as one setting
(first-line indent vs hanging indent) are stored under one key so a later level replaces both.
"""

from __future__ import annotations

from .. import recache
from .ns import first_child, w

W_RFONTS = w("rFonts")
W_SZ = w("sz")
W_B = w("b")
W_I = w("i")
W_COLOR = w("color")
W_U = w("u")
W_RSTYLE = w("rStyle")
W_PSTYLE = w("pStyle")
W_JC = w("jc")
W_IND = w("ind")
W_SPACING = w("spacing")
W_OUTLINELVL = w("outlineLvl")
W_NUMPR = w("numPr")
W_NUMID = w("numId")
W_ILVL = w("ilvl")
W_PAGEBREAKBEFORE = w("pageBreakBefore")
W_VAL = w("val")
W_FRAMEPR = w("framePr")
W_PBDR = w("pBdr")
# Attribute names parse_ppr reads, in Clark notation once (not per paragraph).
_A_LEFT, _A_START, _A_RIGHT, _A_END = w("left"), w("start"), w("right"), w("end")
_A_FIRSTLINE, _A_HANGING = w("firstLine"), w("hanging")
_A_FIRSTLINECHARS, _A_HANGINGCHARS = w("firstLineChars"), w("hangingChars")
_A_LINE, _A_LINERULE, _A_XALIGN = w("line"), w("lineRule"), w("xAlign")
_SPACING_ATTRS = tuple(("sp_" + a, w(a)) for a in ("before", "after", "line"))

_FONT_SLOTS = ("ascii", "eastAsia", "hAnsi", "cs")
_THEME_ATTRS = {"ascii": "asciiTheme", "eastAsia": "eastAsiaTheme", "hAnsi": "hAnsiTheme", "cs": "cstheme"}
_W_SLOT = {slot: (w(slot), w(_THEME_ATTRS[slot])) for slot in _FONT_SLOTS}

_MEASURE = recache.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_TWIPS_PER = {None: 1.0, "pt": 20.0, "in": 1440.0, "cm": 1440 / 2.54, "mm": 144 / 2.54, "pc": 240.0, "pi": 240.0}


#: No measure or count in a Word document comes near this (a page is at most 31,680 twips, a
#: font at most 3,276 half-points); beyond it a value is junk, read as "not stated".
MAX_MAGNITUDE = 1e7


# Numbers are validated where they are read: nan, inf (``1e400`` overflows to it) and absurd
# magnitudes become None ("unknown"), so no rule ever computes with them.  One chained
# comparison does it (nan compares false), inline: this runs for every run and paragraph.


def twips(value: str | None) -> float | None:
    """A twips measure; ISO 29500 Strict may also write ``"12pt"``, ``"2.5cm"`` … ."""
    if value is None:
        return None
    if value.isascii() and value.isdigit():  # "567": what Word writes; the pattern gives the same
        v = float(value)
        return v if v <= MAX_MAGNITUDE else None
    m = _MEASURE.match(value)
    if not m:
        return None
    v = float(m.group(1)) * _TWIPS_PER[m.group(2)]
    return v if -MAX_MAGNITUDE <= v <= MAX_MAGNITUDE else None


def number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        v = float(value)  # the fast path; float() also takes nan/inf: the range check drops them
    except ValueError:
        m = _MEASURE.match(value)
        if m is None:
            return None
        v = float(m.group(1))
    return v if -MAX_MAGNITUDE <= v <= MAX_MAGNITUDE else None


def integer(value: str | None) -> int | None:
    """A whole number (ids, levels), or None."""
    v = number(value)
    return int(v) if v is not None else None


def on_off(el) -> bool:
    """``<w:b/>`` is on; ``w:val`` of 0/false/off turns it off."""
    val = el.get(W_VAL)
    return val is None or val.lower() not in ("0", "false", "off", "none")


def parse_rpr(rpr) -> dict:
    """Run properties that the model reports: font slots, size, bold, italic, colour, underline."""
    out: dict = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if tag == W_RFONTS:
            for slot, (name_attr, theme_attr) in _W_SLOT.items():
                theme = child.get(theme_attr)
                if theme:
                    out[slot] = ("theme", theme)
                else:
                    name = child.get(name_attr)
                    if name:
                        out[slot] = ("name", name)
        elif tag == W_SZ:
            v = number(child.get(W_VAL))
            if v is not None:
                out["sz"] = v
        elif tag == W_B:
            out["b"] = on_off(child)
        elif tag == W_I:
            out["i"] = on_off(child)
        elif tag == W_COLOR:
            val = child.get(W_VAL)
            if val:
                out["color"] = None if val.lower() == "auto" else val.upper()
        elif tag == W_U:
            val = child.get(W_VAL)
            out["u"] = val is None or val.lower() != "none"
    return out


def parse_ppr(ppr) -> dict:
    """Paragraph properties that the model reports, with Word's groupings."""
    out: dict = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if tag == W_JC:
            val = child.get(W_VAL)
            if val:
                out["jc"] = val
        elif tag == W_IND:
            left = child.get(_A_LEFT) or child.get(_A_START)
            right = child.get(_A_RIGHT) or child.get(_A_END)
            if left is not None:
                out["left"] = twips(left)
            if right is not None:
                out["right"] = twips(right)
            first, hanging = child.get(_A_FIRSTLINE), child.get(_A_HANGING)
            if hanging is not None:
                out["first"] = -(twips(hanging) or 0.0)
            elif first is not None:
                out["first"] = twips(first)
            first_c, hanging_c = child.get(_A_FIRSTLINECHARS), child.get(_A_HANGINGCHARS)
            if hanging_c is not None:
                out["firstChars"] = -(number(hanging_c) or 0.0)
            elif first_c is not None:
                out["firstChars"] = number(first_c)
        elif tag == W_SPACING:
            for key, attr in _SPACING_ATTRS:
                v = child.get(attr)
                if v is not None:
                    out[key] = twips(v)
            rule = child.get(_A_LINERULE)
            if rule:
                out["sp_lineRule"] = rule
            elif child.get(_A_LINE) is not None:
                out["sp_lineRule"] = "auto"
        elif tag == W_OUTLINELVL:
            v = integer(child.get(W_VAL))
            if v is not None:
                out["outlineLvl"] = v
        elif tag == W_NUMPR:
            num = first_child(child, W_NUMID)
            lvl = first_child(child, W_ILVL)
            num_id = integer(num.get(W_VAL)) if num is not None else None
            ilvl = integer(lvl.get(W_VAL)) if lvl is not None else None
            if num_id is not None:
                out["numId"] = num_id
            if ilvl is not None:
                out["ilvl"] = ilvl
        elif tag == W_PAGEBREAKBEFORE:
            out["pageBreakBefore"] = on_off(child)
        elif tag == W_FRAMEPR:
            if child.get(_A_XALIGN):
                out["frameXAlign"] = child.get(_A_XALIGN)
        elif tag == W_PBDR:
            for side, value in parse_borders(child, ("top", "bottom")).items():
                out["bdr_" + side] = value
    return out


def parse_border(el) -> tuple[str, float, str | None] | None:
    """One border element (``w:top``, ``w:insideH`` …) → (style, width in pt, colour); None for nil/none.

    ``w:sz`` is in eighths of a point (Word writes 4 for its default ½ pt line).
    """
    style = el.get(W_VAL) or "single"
    if style in ("nil", "none"):
        return None
    size = number(el.get(w("sz")))
    colour = el.get(w("color"))
    return (style, (size or 4) / 8.0, None if colour in (None, "auto") else colour.upper())


def parse_borders(el, sides: tuple[str, ...]) -> dict:
    """The stated sides of ``w:pBdr``/``w:tblBorders``/``w:tcBorders``; absent side = inherit."""
    out: dict = {}
    if el is None:
        return out
    for side in sides:
        b = first_child(el, w(side))
        if b is not None:
            out[side] = parse_border(b)
    return out
