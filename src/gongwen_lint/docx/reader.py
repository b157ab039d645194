"""Read a .docx into :class:`~gongwen_lint.model.Document` (docs/developing.md), roles left UNKNOWN.

Parts read: the main document, its styles, numbering, theme and settings, every header and
footer that a section uses, footnotes, endnotes and comments.  A damaged secondary part (a broken
header, say) does not stop the read: it is skipped and a Chinese note goes to
``Document.problems`` (reported as GW901).  A file that cannot be read at all raises
:class:`~gongwen_lint.errors.ReadError` whose message says what is wrong and what to do.

Paragraph order and text offsets come from :mod:`.walk`, shared with the writers.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..limits import Budget
from ..model import Comment, Document, HeaderFooter, Paragraph, Run, new_paragraph
from .ns import (
    MC_ALTERNATE,
    MC_FALLBACK,
    R_ID,
    W_P,
    W_PPR,
    W_RPR,
    W_SECTPR,
    W_TBL,
    W_TBLPR,
    W_TBLPREX,
    W_TC,
    W_TCPR,
    W_TR,
    W_TXBXCONTENT,
    first_child,
    w,
)
from .package import MSG_RESAVE, Package, open_package
from .props import parse_borders
from .sections import page_setup, ref_order
from .styles import TABLE_SIDES, Styles, shared_definitions
from .walk import PartWalk, _children_of, choose_branch, walk_part

W_DOCUMENT = w("document")
W_BODY = w("body")
W_COMMENT = w("comment")
W_AUTHOR = w("author")
W_ID = w("id")
W_HEADERREF = w("headerReference")
W_FOOTERREF = w("footerReference")
W_EVEN_ODD = w("evenAndOddHeaders")
W_TBLBORDERS = w("tblBorders")
W_TCBORDERS = w("tcBorders")

_WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_V_NS = "urn:schemas-microsoft-com:vml"
WPS_WSP = "{%s}wsp" % _WPS_NS
WPS_TXBX = "{%s}txbx" % _WPS_NS
PIC_PIC = "{%s}pic" % _PIC_NS
V_TEXTBOX = "{%s}textbox" % _V_NS
# VML shapes that draw something (a v:group is only their container).
_V_SHAPES = frozenset("{%s}%s" % (_V_NS, t) for t in
                      ("line", "shape", "rect", "roundrect", "polyline", "oval", "arc", "curve", "image"))
_COUNTED = (WPS_WSP, PIC_PIC, *sorted(_V_SHAPES))  # every element _shape_counts may count

_PART_LABELS = {
    "header": "页眉",
    "footer": "页脚",
    "footnotes": "脚注",
    "endnotes": "尾注",
    "comments": "批注",
    "styles": "样式表（字体、字号等格式检查可能不准确）",
    "numbering": "自动编号定义（自动编号的序号无法识别）",
    "theme": "主题（主题字体无法识别）",
    "settings": "文档设置（奇偶页页眉页脚设置无法识别）",
}


def read_docx_file(path: str | Path) -> Document:
    """Read one .docx (read-only).  Raises :class:`ReadError` for anything that is not a readable draft."""
    pkg = open_package(path)
    try:
        return _DocxReader(pkg).read()
    except ReadError:
        raise
    except MemoryError:
        raise ReadError("文件内容过大，内存不足，无法读取：请拆分文档后再检查") from None
    except Exception as e:  # noqa: BLE001 - never a traceback for the user (docs/usage.md)
        raise ReadError(
            f"读取文件时出错（{type(e).__name__}）：文件可能已损坏，{MSG_RESAVE}；若仍失败，请报告此问题"
        ) from None
    finally:
        pkg.close()


class _DocxReader:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.problems: list[str] = list(pkg.notes)
        self.budget = Budget()  # characters and paragraphs of all parts (limits.py)

    def _walk(self, root) -> PartWalk:
        """Walk a part and charge its text to the budget before any model object is built."""
        pw = walk_part(root)
        self.budget.spend(sum(len(wp.text) for wp in pw.paragraphs), len(pw.paragraphs))
        return pw

    # -- parts -----------------------------------------------------------------------------------

    def _optional_xml(self, name: str, label_key: str, shown: str | None = None):
        """Parse a secondary part; on failure record a note and return None."""
        try:
            return self.pkg.xml(name)
        except (ReadError, KeyError, ValueError) as e:
            self.problems.append(_unread(name, label_key, e, shown))
            return None

    def _definitions(self) -> None:
        """Styles, numbering, theme and settings: the first three shared with earlier documents
        of the run whose parts have the same bytes (:func:`.styles.shared_definitions`)."""
        notes: dict[str, str] = {}
        parts: dict[str, tuple[str, bytes, int] | None] = {}
        for rtype in ("styles", "numbering", "theme"):
            found = self.pkg.related(rtype)
            parts[rtype] = None
            if found:
                name = found[0][1]
                try:
                    parts[rtype] = (name, self.pkg.read(name), self.pkg.crc(name))
                except (ReadError, KeyError, ValueError) as e:
                    notes[rtype] = _unread(name, rtype, e)
        self.settings_root = None
        found = self.pkg.related("settings")
        if found:
            try:
                self.settings_root = self.pkg.xml(found[0][1])
            except (ReadError, KeyError, ValueError) as e:
                notes["settings"] = _unread(found[0][1], "settings", e)

        errors: dict[str, Exception] = {}

        def parse(kind: str, name: str, data: bytes):
            try:
                return self.pkg.parse(name, data)
            except (ReadError, ValueError) as e:
                errors[kind] = e
                return None

        self.styles, self.numbering, failed = shared_definitions(
            parts["styles"], parts["numbering"], parts["theme"], self.settings_root, parse)
        for kind in failed:
            held = parts[kind]
            assert held is not None  # only a part that was there can fail to parse
            notes[kind] = _unread(held[0], kind, errors.get(kind, ValueError()))
        self.problems += [notes[k] for k in ("styles", "numbering", "theme", "settings") if k in notes]

    def _related_xml(self, rtype: str):
        found = self.pkg.related(rtype)
        if not found:
            return None
        return self._optional_xml(found[0][1], rtype)

    # -- the read --------------------------------------------------------------------------------

    def read(self) -> Document:
        pkg = self.pkg
        root = pkg.xml(pkg.main)
        if root.tag != W_DOCUMENT:
            raise ReadError("不是 Word 文档（正文部件不是 WordprocessingML 文档）：请提供 .docx 格式的草稿")
        self._definitions()
        settings_root = self.settings_root

        body = first_child(root, W_BODY)
        walk = self._walk(body if body is not None else root)
        if walk.has_alt_chunk:
            self.problems.append("正文包含嵌入的外部内容（altChunk），这部分内容未检查")
        sect_prs, sect_ends = self._section_properties(walk, body)
        section_info, refs = self._sections(sect_prs)
        sections = [s for s, _ in section_info]
        new_page = [n for _, n in section_info]
        parts: dict[str, tuple[Paragraph, ...]] = {}
        parts["body"] = self._paragraphs("body", walk, sect_ends=sect_ends, new_page=new_page)
        anchors: list[tuple[str, PartWalk]] = [("body", walk)]

        headers_footers = []
        part_walks: dict[str, tuple[str, PartWalk] | None] = {}
        for s_index, section_refs in enumerate(refs):
            for kind, typ, part_name in section_refs:
                short = posixpath.splitext(posixpath.basename(part_name))[0]
                if part_name not in part_walks:
                    hroot = self._optional_xml(part_name, kind, short)
                    if hroot is None:
                        part_walks[part_name] = None
                        continue
                    pw = self._walk(hroot)
                    part_walks[part_name] = (short, pw)
                    parts[short] = self._paragraphs(short, pw, section=s_index)
                if part_walks[part_name] is None:
                    continue
                headers_footers.append(HeaderFooter(short, kind, typ, s_index, parts[short]))

        for rtype in ("footnotes", "endnotes"):
            found = pkg.related(rtype)
            if found:
                froot = self._optional_xml(found[0][1], rtype)
                if froot is not None:
                    pw = self._walk(froot)
                    parts[rtype] = self._paragraphs(rtype, pw)
                    anchors.append((rtype, pw))

        comments: tuple[Comment, ...] = ()
        found = pkg.related("comments")
        if found:
            croot = self._optional_xml(found[0][1], "comments")
            if croot is not None:
                pw = self._walk(croot)
                parts["comments"] = self._paragraphs("comments", pw)
                comments = self._comments(croot, pw, anchors)

        even_odd = False
        if settings_root is not None:
            el = settings_root.find(W_EVEN_ODD)
            if el is not None:
                even_odd = el.get(w("val"), "1").lower() not in ("0", "false", "off")

        return Document(
            path=str(pkg.path),
            source="docx",
            parts=parts,
            sections=tuple(sections),
            headers_footers=tuple(headers_footers),
            comments=comments,
            even_and_odd_headers=even_odd,
            problems=tuple(self.problems),
        )

    # -- sections --------------------------------------------------------------------------------

    @staticmethod
    def _section_properties(walk: PartWalk, body) -> tuple[list, set[int]]:
        """The body's ``w:sectPr`` elements in order (the body's own last, None when it has
        none: Word then uses its defaults), and the indexes of the paragraphs whose
        ``w:pPr/w:sectPr`` ends a section — one pass over the paragraphs for both."""
        out = []
        ends = set()
        for wp in walk.paragraphs:
            if wp.in_textbox or wp.in_table:
                continue
            ppr = first_child(wp.element, W_PPR)
            if ppr is not None:
                sp = first_child(ppr, W_SECTPR)
                if sp is not None:
                    out.append(sp)
                    ends.add(wp.index)
        out.append(body.find(W_SECTPR) if body is not None else None)
        return out, ends

    def _sections(self, sect_prs: list):
        """Sections in mm, and per section the effective header/footer references.

        A section without a reference of some type inherits the previous section's (as Word
        does), so ``headers``/``footers`` are what is printed, not only what is written.
        """
        sections = []
        refs: list[list[tuple[str, str, str]]] = []
        inherited: dict[tuple[str, str], str] = {}
        base_size = self.styles.run_format(self.styles.default_para, None, None).size_pt or 10.0
        for sp in sect_prs:
            own: dict[tuple[str, str], str] = {}
            if sp is not None:
                for tag, kind in ((W_HEADERREF, "header"), (W_FOOTERREF, "footer")):
                    for ref in sp.iter(tag):
                        rel = self.pkg.rels.get(ref.get(R_ID, ""))
                        if rel is None or not self.pkg.has(rel[1]):
                            continue
                        own[(kind, ref.get(w("type"), "default"))] = rel[1]
            inherited.update(own)
            effective = [(kind, typ, name) for (kind, typ), name in sorted(inherited.items(), key=ref_order)]
            refs.append(effective)
            sections.append(page_setup(sp, effective, base_size))
        return sections, refs

    # -- paragraphs ------------------------------------------------------------------------------

    def _paragraphs(self, part: str, walk: PartWalk, sect_ends: set[int] | None = None,
                    new_page: list[bool] | None = None, section: int = 0) -> tuple[Paragraph, ...]:
        styles = self.styles
        self.numbering.reset()
        out = []
        current = section
        section_ended = False
        cells = _CellEdges(walk, styles)
        shapes = _shape_counts(walk)
        for wp in walk.paragraphs:
            starts_page = False
            if section_ended and not wp.in_textbox:
                current += 1
                section_ended = False
                starts_page = new_page is not None and current < len(new_page) and new_page[current]
            ppr = first_child(wp.element, W_PPR)
            tstyle = styles.table_style(wp.table)
            fmt, pstyle, num_id, ilvl = styles.paragraph_format(ppr, tstyle)
            if num_id is not None:
                label = self.numbering.label(num_id, ilvl or 0)
                if label is not None:
                    fmt = replace(fmt, numbering_text=label)
            if wp.in_table:
                top, bottom = cells.edges(wp)
                if top is not None or bottom is not None:
                    fmt = replace(fmt, cell_border_top=top, cell_border_bottom=bottom)
            runs = []
            group: list = []
            for piece in wp.pieces:
                if group and piece.run_index != group[0].run_index:
                    runs.append(_run(group, styles, pstyle, tstyle))
                    group = []
                group.append(piece)
            if group:
                runs.append(_run(group, styles, pstyle, tstyle))
            out.append(
                new_paragraph(
                    part=part,
                    index=wp.index,
                    text=wp.text,
                    runs=tuple(runs),
                    format=fmt,
                    in_table=wp.in_table,
                    in_textbox=wp.in_textbox,
                    table_pos=wp.table_pos,
                    table_grid=wp.table_grid,
                    section=current,
                    page_break_before=wp.page_break_before or fmt.page_break_before or starts_page,
                    fields=tuple(wp.fields),
                    shapes=shapes.get(wp.element, 0),
                )
            )
            if sect_ends is not None and wp.index in sect_ends:
                section_ended = True
        return tuple(out)

    # -- comments --------------------------------------------------------------------------------

    def _comments(self, croot, walk: PartWalk, anchors: list[tuple[str, PartWalk]]) -> tuple[Comment, ...]:
        texts: dict[str, list[str]] = {}
        for wp in walk.paragraphs:
            owner = next(wp.element.iterancestors(W_COMMENT), None)
            if owner is not None:
                texts.setdefault(owner.get(W_ID, ""), []).append(wp.text)
        out = []
        for el in croot.iter(W_COMMENT):
            cid = el.get(W_ID, "")
            part, found = "body", {}
            for pname, pw in anchors:
                if cid in pw.comment_anchors:
                    part, found = pname, pw.comment_anchors[cid]
                    break
            start = found.get("start") or found.get("ref")
            end = found.get("end") or found.get("ref") or start
            out.append(
                Comment(
                    id=cid,
                    author=el.get(W_AUTHOR, ""),
                    text="\n".join(texts.get(cid, [])),
                    part=part,
                    start_paragraph=start[0] if start else None,
                    start_offset=start[1] if start else 0,
                    end_paragraph=end[0] if end else None,
                    end_offset=end[1] if end else 0,
                )
            )
        return tuple(out)


class _CellEdges:
    """The top/bottom border of the table cell around a paragraph, resolved as Word draws it.

    Per edge, the first level that states it wins: the cell's ``w:tcBorders``, the row's
    ``w:tblPrEx/w:tblBorders``, the table's ``w:tblPr/w:tblBorders``, the table style (cell, then
    table level, ``basedOn`` chain).  Table-level borders are ``top`` for the first row's top edge,
    ``bottom`` for the last row's bottom edge and ``insideH`` between rows.  Not resolved: the
    conflict with a neighbouring cell's own border on a shared edge, vertical merges and
    conditional (first-row …) table-style formats.  The top edge goes on the cell's first
    paragraph, the bottom edge on its last, since that is where the line is drawn.
    """

    def __init__(self, walk: PartWalk, styles: Styles):
        self.styles = styles
        self.cell_of: dict[int, Any] = {}  # paragraph index → its own w:tc (an lxml element)
        self.first: dict = {}  # w:tc → index of its first paragraph
        self.last: dict = {}
        for wp in walk.paragraphs:
            if not wp.in_table:
                continue
            tc = _own_cell(wp.element)
            if tc is None:
                continue
            self.cell_of[wp.index] = tc
            self.first.setdefault(tc, wp.index)
            self.last[tc] = wp.index
        self._rows: dict = {}

    def edges(self, wp) -> tuple:
        tc = self.cell_of.get(wp.index)
        if tc is None:
            return None, None
        want_top, want_bottom = self.first.get(tc) == wp.index, self.last.get(tc) == wp.index
        if not (want_top or want_bottom):
            return None, None
        tr = tc.getparent()
        while tr is not None and tr.tag != W_TR:
            tr = tr.getparent()
        tbl = tr.getparent() if tr is not None else None
        while tbl is not None and tbl.tag != W_TBL:
            tbl = tbl.getparent()
        if tr is None or tbl is None:
            return None, None
        rows = self._rows.get(tbl)
        if rows is None:  # row element → position, once per table (long forms have many rows)
            rows = self._rows[tbl] = {row: i for i, row in enumerate(_children_of(tbl, W_TR))}
        r = rows.get(tr, 0)
        levels = [_borders(first_child(tc, W_TCPR), W_TCBORDERS), _borders(first_child(tr, W_TBLPREX), W_TBLBORDERS),
                  _borders(first_child(tbl, W_TBLPR), W_TBLBORDERS),
                  self.styles.table_style_borders(self.styles.table_style(tbl))]

        def resolve(own: str, table_side: str):
            for i, level in enumerate(levels):
                side = own if i == 0 else table_side  # a cell states its own edges
                if side in level:
                    return level[side]
            return None

        top = resolve("top", "top" if r == 0 else "insideH") if want_top else None
        bottom = resolve("bottom", "bottom" if r == len(rows) - 1 else "insideH") if want_bottom else None
        return top, bottom


def _own_cell(p):
    """The ``w:tc`` a paragraph sits in directly (None inside a text box anchored in a cell)."""
    el = p.getparent()
    while el is not None:
        if el.tag == W_TC:
            return el
        if el.tag == W_TXBXCONTENT:
            return None
        el = el.getparent()
    return None


def _borders(pr, tag) -> dict:
    el = first_child(pr, tag) if pr is not None else None
    return parse_borders(el, TABLE_SIDES) if el is not None else {}


def _shape_counts(walk: PartWalk) -> dict:
    """``w:p`` element → drawn objects without text anchored in it, for the paragraphs with any.

    What is counted: DrawingML shapes (``wps:wsp`` without ``wps:txbx``) and pictures, VML shapes
    without ``v:textbox``; not text boxes, nor anything inside a text box (``w:txbxContent``) or
    inside another counted element; of ``mc:AlternateContent`` only the branch the walk reads
    (:func:`.walk.choose_branch`), so a shape is not counted twice.

    One search of the whole part in C for the elements that may count, then, for each, one walk
    up its ancestors: a paragraph counts it while every element on the way down to it is one a
    search from the paragraph enters.  (Searching each paragraph's subtree in Python cost
    200,000 instructions a paragraph with a picture, issue 18.)  The element proxies of the
    paragraphs are the walk's own (it keeps them alive), so lookups are by identity.
    """
    if not walk.paragraphs:
        return {}
    root = walk.paragraphs[0].element.getroottree().getroot()
    counts: dict = {}
    for el in root.iter(_COUNTED):
        tag = el.tag
        if tag == WPS_WSP:
            if el.find(WPS_TXBX) is not None:
                continue
        elif tag != PIC_PIC and el.find(V_TEXTBOX) is not None:
            continue
        node = el
        for parent in el.iterancestors():
            if parent.tag == MC_ALTERNATE:
                if node is not choose_branch(parent):
                    break  # the other branch, or not a branch at all
            elif (node is not el and node.tag in _NOT_ENTERED) or node.tag in _SKIPPED:
                break
            if parent.tag == W_P:
                counts[parent] = counts.get(parent, 0) + 1
            node = parent
    return counts


#: Elements a search for drawn objects does not enter: text boxes' content and the fallback of
#: mc:AlternateContent met outside it (_SKIPPED), and the counted elements themselves.
_SKIPPED = frozenset({W_TXBXCONTENT, MC_FALLBACK})
_NOT_ENTERED = frozenset(_COUNTED)


def _unread(name: str, label_key: str, e: Exception, shown: str | None = None) -> str:
    """The note for a secondary part that could not be read."""
    label = _PART_LABELS.get(label_key, label_key)
    who = f"{label} {shown}" if shown else label
    reason = "过大或过于复杂" if isinstance(e, ReadError) and "上限" in str(e) else "已损坏或格式错误"
    return f"{who}（{name}）{reason}，未能读取，其内容未检查"


def _run(pieces, styles: Styles, pstyle, tstyle) -> Run:
    first = pieces[0]
    text = first.text if len(pieces) == 1 else "".join([p.text for p in pieces])
    rpr = first_child(first.run, W_RPR) if first.run is not None else None
    return Run(
        text=text,
        start=first.start,
        end=first.start + len(text),
        format=styles.run_format(pstyle, tstyle, rpr),
        index=first.run_index,
        inserted=first.inserted,
        field_code=first.field_code,
    )
