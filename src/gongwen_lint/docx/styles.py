"""Effective formatting, resolved the way Word does (docs/layout.md).

Run properties: document defaults (``w:rPrDefault``) → table style → paragraph style chain
(``w:basedOn``, base first) → character style chain → direct ``w:rPr``.  Paragraph properties:
``w:pPrDefault`` → table style → paragraph style chain → the numbering level's indents → direct
``w:pPr``.  Theme fonts (``w:eastAsiaTheme="minorEastAsia"``…) are looked up in theme1.xml; an empty
``a:ea`` falls back to the ``<a:font script="Hans">`` entry (the script follows the document's
east-Asian language), which is how Word finds 宋体 for Chinese text in a stock template.

Toggle properties (bold, italic): ECMA-376 §17.7.3 combines the paragraph-style and
character-style values by XOR (a bold character style in a bold heading is *not* bold); within one
``basedOn`` chain the nearest explicit value wins, and direct formatting is absolute.

Unset values take Word's built-in defaults (10 pt, not bold, left aligned, single spacing,
no indent), so a rule sees what Word shows rather than "unknown".
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Callable

from .. import caches
from ..model import ParagraphFormat, RunFormat
from .ns import A_NS, W_PPR, W_RPR, W_TBLPR, first_child, grandchild, w
from .numbering import Numbering
from .props import W_NUMPR, W_PBDR, W_PSTYLE, W_RSTYLE, W_VAL, parse_borders, parse_ppr, parse_rpr

W_STYLE = w("style")
W_STYLEID = w("styleId")
W_NAME = w("name")
W_BASEDON = w("basedOn")
W_DOCDEFAULTS = w("docDefaults")
W_RPRDEFAULT = w("rPrDefault")
W_PPRDEFAULT = w("pPrDefault")
W_TBLSTYLE = w("tblStyle")
W_THEMEFONTLANG = w("themeFontLang")
W_LANG = w("lang")
W_EASTASIA = w("eastAsia")

_SCRIPT_BY_LANG = {"zh-cn": "Hans", "zh-sg": "Hans", "zh-tw": "Hant", "zh-hk": "Hant", "zh-mo": "Hant",
                   "ja-jp": "Jpan", "ko-kr": "Hang"}
TABLE_SIDES = ("top", "bottom", "insideH")

_ALIGN = {"start": "left", "left": "left", "end": "right", "right": "right", "center": "center",
          "both": "both", "distribute": "distribute", "thaiDistribute": "distribute",
          "lowKashida": "both", "mediumKashida": "both", "highKashida": "both", "justify": "both"}

TWIPS_PER_PT = 20.0


class _Style:
    __slots__ = ("id", "type", "name", "based_on", "ppr", "rpr", "default", "borders")

    def __init__(self, el):
        self.id = el.get(W_STYLEID, "")
        self.type = el.get(w("type"), "paragraph")
        name = first_child(el, W_NAME)
        self.name = name.get(W_VAL) if name is not None else None
        based = first_child(el, W_BASEDON)
        self.based_on = based.get(W_VAL) if based is not None else None
        self.ppr = parse_ppr(first_child(el, W_PPR))
        self.rpr = parse_rpr(first_child(el, W_RPR))
        self.default = el.get(w("default"), "").lower() in ("1", "true", "on")
        # Table styles: w:tblPr/w:tblBorders, then w:tcPr/w:tcBorders (cell level wins).
        self.borders: dict = {}
        if self.type == "table":
            tblpr, tcpr = el.find(w("tblPr")), el.find(w("tcPr"))
            self.borders = parse_borders(tblpr.find(w("tblBorders")) if tblpr is not None else None, TABLE_SIDES)
            self.borders.update(parse_borders(tcpr.find(w("tcBorders")) if tcpr is not None else None, TABLE_SIDES))


class _LazyStyles(dict):
    """style id → parsed :class:`_Style`, parsing each ``w:style`` element on first access."""

    def __init__(self):
        super().__init__()
        self.elements: dict = {}

    def get(self, key, default=None):
        if dict.__contains__(self, key):
            return self[key]
        el = self.elements.get(key)
        if el is None:
            return default
        st = self[key] = _Style(el)
        return st

    def __contains__(self, key):
        return dict.__contains__(self, key) or key in self.elements


class Theme:
    """Major/minor fonts of theme1.xml."""

    def __init__(self, root=None, script: str = "Hans"):
        self.fonts: dict[str, str] = {}
        if root is None:
            return
        a = "{%s}" % A_NS
        for kind in ("major", "minor"):
            scheme = root.find(f".//{a}{kind}Font")
            if scheme is None:
                continue
            latin = scheme.find(f"{a}latin")
            ea = scheme.find(f"{a}ea")
            cs = scheme.find(f"{a}cs")
            by_script = {f.get("script"): f.get("typeface") for f in scheme.findall(f"{a}font")}
            latin_face = latin.get("typeface") if latin is not None else ""
            ea_face = (ea.get("typeface") if ea is not None else "") or by_script.get(script, "")
            cs_face = cs.get("typeface") if cs is not None else ""
            self.fonts[f"{kind}Ascii"] = latin_face
            self.fonts[f"{kind}HAnsi"] = latin_face
            self.fonts[f"{kind}EastAsia"] = ea_face
            self.fonts[f"{kind}Bidi"] = cs_face

    def font(self, name: str) -> str | None:
        return self.fonts.get(name) or None


class Styles:
    """styles.xml + theme: resolves run and paragraph formats, with caches per style combination."""

    def __init__(self, styles_root=None, theme_root=None, settings_root=None, numbering: Numbering | None = None):
        self.styles = _LazyStyles()
        self._style_elements = self.styles.elements
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_table: str | None = None
        self.dd_rpr: dict = {}
        self.dd_ppr: dict = {}
        lang = None
        if styles_root is not None:
            dd = styles_root.find(W_DOCDEFAULTS)
            if dd is not None:
                rd = dd.find(W_RPRDEFAULT)
                pd = dd.find(W_PPRDEFAULT)
                rpr = rd.find(W_RPR) if rd is not None else None
                self.dd_rpr = parse_rpr(rpr)
                self.dd_ppr = parse_ppr(pd.find(W_PPR) if pd is not None else None)
                if rpr is not None and rpr.find(W_LANG) is not None:
                    lang = rpr.find(W_LANG).get(W_EASTASIA)
            # Styles are parsed on first use: a Word styles.xml defines a hundred or more, a
            # draft uses a handful.
            w_default, w_type = w("default"), w("type")
            for el in styles_root.iter(W_STYLE):
                sid = el.get(W_STYLEID, "")
                self._style_elements.setdefault(sid, el)
                if el.get(w_default, "").lower() in ("1", "true", "on"):
                    kind = el.get(w_type, "paragraph")
                    if kind == "paragraph" and self.default_para is None:
                        self.default_para = sid
                    elif kind == "character" and self.default_char is None:
                        self.default_char = sid
                    elif kind == "table" and self.default_table is None:
                        self.default_table = sid
        if settings_root is not None:
            tfl = settings_root.find(W_THEMEFONTLANG)
            if tfl is not None and tfl.get(W_EASTASIA):
                lang = tfl.get(W_EASTASIA)
        script = _SCRIPT_BY_LANG.get((lang or "zh-CN").lower(), "Hans")
        self.theme = Theme(theme_root, script)
        self.numbering = numbering or Numbering()
        self._para_cache: dict = {}
        self._run_base_cache: dict = {}
        self._char_cache: dict = {}
        self._fmt_cache: dict = {}
        self._table_border_cache: dict = {}
        # Effective formats by the markup of the direct properties: most paragraphs and runs of a
        # draft repeat a few pPr/rPr, and resolving one (style chain, numbering, toggles) cost
        # more than the rest of reading its paragraph (issue 18).  Shared, like the caches above,
        # by the documents of a run with the same style sheet; the results are immutable.
        self._resolved_para: dict = {}
        self._resolved_run: dict = {}

    def with_numbering(self, numbering: Numbering) -> Styles:
        """This style sheet (its parsed styles and format caches shared) over another document's
        numbering counters."""
        other = copy.copy(self)
        other.numbering = numbering
        return other

    # -- style chains ----------------------------------------------------------------------------

    def chain(self, style_id: str | None) -> list[_Style]:
        """The style and its ``basedOn`` ancestors, base first (cycles cut)."""
        out: list[_Style] = []
        seen = set()
        while style_id and style_id not in seen and len(out) < 32:
            seen.add(style_id)
            st = self.styles.get(style_id)
            if st is None:
                break
            out.append(st)
            style_id = st.based_on
        out.reverse()
        return out

    def style_name(self, style_id: str | None) -> str | None:
        st = self.styles.get(style_id or "")
        return st.name if st is not None else None

    def paragraph_style(self, ppr) -> str | None:
        el = first_child(ppr, W_PSTYLE) if ppr is not None else None
        sid = el.get(W_VAL) if el is not None else None
        if sid and sid in self.styles:
            return sid
        return self.default_para

    @staticmethod
    def table_style(tbl) -> str | None:
        if tbl is None:
            return None
        el = grandchild(tbl, W_TBLPR, W_TBLSTYLE)
        return el.get(W_VAL) if el is not None else None

    def table_style_borders(self, tstyle: str | None) -> dict:
        """Top/bottom/insideH borders a table style states (``basedOn`` chain merged), by side.

        A table without ``w:tblStyle`` uses the document's default table style (Word's "Normal
        Table", normally without borders).  Conditional formats (first row …) are not applied.
        """
        hit = self._table_border_cache.get(tstyle)
        if hit is None:
            hit = {}
            for st in self.chain(tstyle or self.default_table):
                hit.update(st.borders)
            self._table_border_cache[tstyle] = hit
        return hit

    def _para_props(self, pstyle, tstyle) -> dict:
        key = (pstyle, tstyle)
        hit = self._para_cache.get(key)
        if hit is None:
            hit = dict(self.dd_ppr)
            for st in self.chain(tstyle):
                hit.update(st.ppr)
            for st in self.chain(pstyle):
                hit.update(st.ppr)
            self._para_cache[key] = hit
        return hit

    def _run_base(self, pstyle, tstyle) -> dict:
        """docDefaults → table style → paragraph style chain (nearest explicit wins)."""
        key = (pstyle, tstyle)
        hit = self._run_base_cache.get(key)
        if hit is None:
            hit = dict(self.dd_rpr)
            for st in self.chain(tstyle) + self.chain(pstyle):
                hit.update(st.rpr)
            self._run_base_cache[key] = hit
        return hit

    def _char_props(self, rstyle) -> dict:
        hit = self._char_cache.get(rstyle)
        if hit is None:
            hit = {}
            for st in self.chain(rstyle):
                if st.type == "character":
                    hit.update(st.rpr)
            self._char_cache[rstyle] = hit
        return hit

    # -- effective formats -----------------------------------------------------------------------

    def run_format(self, pstyle: str | None, tstyle: str | None, rpr) -> RunFormat:
        key = (pstyle, tstyle, _rpr_key(rpr) if rpr is not None else None)
        fmt = self._resolved_run.get(key)
        if fmt is None:
            if len(self._resolved_run) > RESOLVED_ENTRIES:
                self._resolved_run.clear()
            fmt = self._resolved_run[key] = self._run_format(pstyle, tstyle, rpr)
        return fmt

    def _run_format(self, pstyle: str | None, tstyle: str | None, rpr) -> RunFormat:
        base = self._run_base(pstyle, tstyle)
        rstyle = None
        if rpr is not None:
            el = first_child(rpr, W_RSTYLE)
            if el is not None:
                rstyle = el.get(W_VAL)
        char = self._char_props(rstyle or self.default_char)
        direct = parse_rpr(rpr)
        merged = dict(base)
        merged.update(char)
        merged.update(direct)
        for toggle in ("b", "i"):
            if toggle in direct:
                continue
            value = bool(base.get(toggle, False))
            if toggle in char:
                value = value ^ bool(char[toggle])
            merged[toggle] = value
        key = tuple(sorted(merged.items()))
        fmt = self._fmt_cache.get(key)
        if fmt is None:
            fmt = RunFormat(
                font_east_asia=self._font(merged.get("eastAsia")),
                font_ascii=self._font(merged.get("ascii")),
                size_pt=merged["sz"] / 2 if "sz" in merged else 10.0,
                bold=bool(merged.get("b", False)),
                italic=bool(merged.get("i", False)),
                color=merged.get("color"),
                underline=bool(merged.get("u", False)),
            )
            self._fmt_cache[key] = fmt
        return fmt

    def _font(self, slot) -> str | None:
        if slot is None:
            return None
        kind, value = slot
        if kind == "theme":
            return self.theme.font(value)
        return value

    def paragraph_format(self, ppr, tstyle: str | None = None) -> tuple[ParagraphFormat, str | None, int | None, int | None]:
        """Effective paragraph format, plus (paragraph style id, numId, ilvl) for numbering."""
        key = (_ppr_key(ppr) if ppr is not None else None, tstyle)
        hit = self._resolved_para.get(key)
        if hit is None:
            if len(self._resolved_para) > RESOLVED_ENTRIES:
                self._resolved_para.clear()
            hit = self._resolved_para[key] = self._paragraph_format(ppr, tstyle)
        return hit

    def _paragraph_format(self, ppr, tstyle: str | None) -> tuple[ParagraphFormat, str | None, int | None, int | None]:
        pstyle = self.paragraph_style(ppr)
        merged = dict(self._para_props(pstyle, tstyle))
        direct = parse_ppr(ppr)
        num_id = direct.get("numId", merged.get("numId"))
        ilvl = direct.get("ilvl")
        if ilvl is None:
            ilvl = merged.get("ilvl")
            if ilvl is None and num_id and "numId" not in direct and pstyle:
                ilvl = self.numbering.style_level(pstyle, num_id)
        if ilvl is None:
            ilvl = 0
        if not num_id:
            num_id = None
        else:
            lv = self.numbering.level(num_id, ilvl)
            if lv is not None and lv.ppr:
                for k in ("left", "right", "first", "firstChars"):
                    if k in lv.ppr:
                        merged[k] = lv.ppr[k]
        merged.update(direct)
        outline = merged.get("outlineLvl")
        if outline is None or not (0 <= outline <= 8):
            outline = None
            name = (self.style_name(pstyle) or "").lower()
            if name.startswith("heading ") and name[8:].isdigit():
                outline = int(name[8:]) - 1
        rule = merged.get("sp_lineRule", "auto")
        line = merged.get("sp_line")
        if line is None:
            line_spacing, rule = 1.0, "auto"
        elif rule == "auto":
            line_spacing = round(line / 240.0, 3)
        else:
            line_spacing = round(line / TWIPS_PER_PT, 2)
        first = merged.get("first")
        first_chars = merged.get("firstChars")
        fmt = ParagraphFormat(
            style_id=pstyle,
            style_name=self.style_name(pstyle),
            alignment=_ALIGN.get(merged.get("jc", "left"), merged.get("jc")),
            first_line_indent_pt=_pt(first, 0.0),
            first_line_indent_chars=(first_chars / 100.0) if first_chars is not None else 0.0,
            left_indent_pt=_pt(merged.get("left"), 0.0),
            right_indent_pt=_pt(merged.get("right"), 0.0),
            line_spacing=line_spacing,
            line_rule=rule,
            space_before_pt=_pt(merged.get("sp_before"), 0.0),
            space_after_pt=_pt(merged.get("sp_after"), 0.0),
            outline_level=outline,
            num_id=num_id,
            num_level=ilvl if num_id else None,
            page_break_before=bool(merged.get("pageBreakBefore", False)),
            frame_x_align=merged.get("frameXAlign"),
            border_top=merged.get("bdr_top"),
            border_bottom=merged.get("bdr_bottom"),
        )
        return fmt, pstyle, num_id, ilvl


def _rpr_key(rpr) -> tuple:
    """What of a ``w:rPr`` its resolved format depends on: each child's tag and attributes, in order.

    :func:`.props.parse_rpr` and ``w:rStyle`` read no deeper and no text.  The serialised
    element was the key before, but ``etree.tostring`` of an element in a Word document writes
    the thirty-odd namespace declarations of ``w:document`` each time: 13 µs a run, more than
    the resolution the cache saves, against 2 µs for this (issue 18).
    """
    return tuple([(c.tag, *c.items()) for c in rpr])


def _ppr_key(ppr) -> tuple:
    """What of a ``w:pPr`` its resolved format depends on: each child's tag and attributes, in
    order, and for ``w:numPr`` and ``w:pBdr`` their children's too — the only grandchildren
    :func:`.props.parse_ppr` reads (``w:numId``/``w:ilvl``, ``w:top``/``w:bottom``; no text).

    Not the grandchildren of the others: the paragraph mark's ``w:rPr`` alone has a handful,
    and visiting them was a third of the key's cost for nothing (issue 18).  A grandchild's
    entry starts with its tag, an attribute is a ``(name, value)`` pair of strings, so the flat
    tuple reads back one way only."""
    return tuple([(t, *c.items(), *[(g.tag, *g.items()) for g in c]) if (t := c.tag) in _PPR_DEEP else (t, *c.items())
                  for c in ppr])


#: The ``w:pPr`` children whose own children :func:`.props.parse_ppr` reads.
_PPR_DEEP = frozenset({W_NUMPR, W_PBDR})


#: Distinct direct formats remembered per style sheet (a hostile draft may make each one unique).
RESOLVED_ENTRIES = 20_000


def _pt(twips: float | None, default: float | None) -> float | None:
    if twips is None:
        return default
    return round(twips / TWIPS_PER_PT, 2)


def style_num_ids(styles_root) -> dict[str, int]:
    """Numbering styles' numIds (for ``w:numStyleLink`` indirection)."""
    out: dict[str, int] = {}
    if styles_root is None:
        return out
    for el in styles_root.iter(W_STYLE):
        if el.get(w("type")) != "numbering":
            continue
        ppr = el.find(W_PPR)
        numpr = ppr.find(W_NUMPR) if ppr is not None else None
        if numpr is not None:
            d = parse_ppr(ppr)
            if "numId" in d:
                out[el.get(W_STYLEID, "")] = d["numId"]
    return out


# -- definitions shared across the documents of a run ------------------------------------------

#: (part name, bytes, CRC-32) of a part as read from the package, or None when it is absent or
#: unreadable.  The CRC is the one the zip records for the part (:meth:`.package.Package.crc`):
#: ``zipfile`` checks the bytes it inflated against it, so it is the CRC of these bytes, for free.
Part = tuple[str, bytes, int] | None

#: Parsed styles + theme + numbering by the content of their parts.  The documents of one batch
#: usually come from one template: every one of them carried the same styles.xml (a Word one is
#: 25–350 KB; parsing the large one alone took 3.5 ms), so it is parsed, and its styles resolved,
#: once.  Bounded by count: each entry holds a parsed styles.xml tree (a few MB at most).
_SHARED: OrderedDict[tuple, tuple[Styles, Numbering, tuple[str, ...], tuple[bytes | None, ...]]] = OrderedDict()
caches.register(_SHARED.clear)
SHARED_ENTRIES = 8


def _part_key(part: Part) -> tuple[str, int, int] | None:
    """Name, size and the zip's CRC-32: a SHA-1 of the bytes cost 1 % of a whole check of a
    short draft (issue 18).  Equal keys are confirmed by comparing the bytes (a memcmp)."""
    return (part[0], len(part[1]), part[2]) if part is not None else None


def shared_definitions(styles: Part, numbering: Part, theme: Part, settings_root,
                       parse: Callable[[str, str, bytes], object | None]) -> tuple[Styles, Numbering, tuple[str, ...]]:
    """The style sheet and numbering of one document, and the parts that did not parse.

    ``parse(kind, name, data)`` parses one part, None when it is damaged.
    Parts with the same names and bytes, and the same east-Asian language in settings.xml, give
    the same definitions: those are built once and shared, each document getting its own
    numbering counters.  The kinds that failed to parse are returned on every use, so the
    reader notes the damage for each document, not only for the first.
    """
    tfl = settings_root.find(W_THEMEFONTLANG) if settings_root is not None else None
    lang = tfl.get(W_EASTASIA) if tfl is not None else None
    key = (_part_key(styles), _part_key(numbering), _part_key(theme), lang)
    contents = tuple(part[1] if part is not None else None for part in (styles, numbering, theme))
    hit = _SHARED.get(key)
    if hit is not None and hit[3] == contents:
        _SHARED.move_to_end(key)
    else:  # new, or a CRC collision: the later parts replace the earlier
        sheet, defs, failed = _definitions(styles, numbering, theme, settings_root, parse)
        hit = _SHARED[key] = (sheet, defs, failed, contents)
        _SHARED.move_to_end(key)
        while len(_SHARED) > SHARED_ENTRIES:
            _SHARED.popitem(last=False)
    sheet, defs, failed, _ = hit
    mine = defs.fresh()
    return sheet.with_numbering(mine), mine, failed


def _definitions(styles: Part, numbering: Part, theme: Part, settings_root,
                 parse: Callable[[str, str, bytes], object | None]) -> tuple[Styles, Numbering, tuple[str, ...]]:
    roots: dict[str, object | None] = {}
    failed_kinds: list[str] = []
    for kind, part in (("styles", styles), ("numbering", numbering), ("theme", theme)):
        roots[kind] = parse(kind, part[0], part[1]) if part is not None else None
        if part is not None and roots[kind] is None:
            failed_kinds.append(kind)
    defs = Numbering(roots["numbering"], style_num_ids(roots["styles"]))
    return Styles(roots["styles"], roots["theme"], settings_root, defs), defs, tuple(failed_kinds)
