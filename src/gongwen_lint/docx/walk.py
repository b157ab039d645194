"""The one walk over a WordprocessingML part: paragraph order and text offsets.

Everything that has to find a paragraph or a character again — the reader, fixes, the annotated
copy with Word comments — uses :func:`walk_part`, so paragraph numbers and offsets agree by
construction.  Writers: parse the part with lxml (keep ``remove_comments``/``remove_pis`` off or
on, the walk ignores both), call ``walk_part(root)``, then for paragraph ``n`` (1-based) use
``walk.paragraphs[n - 1]``:

- ``.element`` is the ``w:p``;
- ``.pieces`` are the text pieces in order, each with ``.start`` (code-point offset into the
  paragraph text), ``.text``, ``.element`` (the ``w:t``, ``w:tab``, ``w:br``… that produced it),
  ``.run`` (the enclosing ``w:r``) and ``.run_index`` (= ``Run.index`` in the model);
- :func:`text_elements` gives just the ``(w:t element, start)`` pairs.

Paragraph order (docs/json.md: 1-based over every ``w:p`` of the part, empty and table-cell ones
included): document order of the ``w:p`` start tags, descending into tables (cell by cell),
content controls (``w:sdt``), ``w:customXml``, tracked insertions, and text boxes
(``w:txbxContent``).  A text box's paragraphs come right after the paragraph that anchors it.
In ``mc:AlternateContent`` only the first ``mc:Choice`` is walked (its ``mc:Fallback`` is the
same content again, for old readers); the Fallback is used only when there is no Choice.

Paragraph text: ``w:t`` text, ``w:tab``/``w:ptab`` → ``"\\t"``, ``w:br``/``w:cr`` → ``"\\n"``
(a page or column break adds no text; it sets ``page_break_before`` on this paragraph when text
follows it, else on the next paragraph), ``w:noBreakHyphen`` → ``"-"``, ``w:sym`` → its
character.  Included: tracked insertions (``w:ins``, ``w:moveTo``), content controls, hyperlinks,
smart tags, field *results* (``w:fldSimple`` and ``w:fldChar`` separate…end).  Excluded: tracked
deletions (``w:del``, ``w:moveFrom``, ``w:delText``), field instructions (``w:instrText``),
ruby annotations (``w:rt``), footnote reference marks, drawings and the text of text boxes
(those are paragraphs of their own).  A complex field may span paragraphs; its state is carried
across them, which is why the walk is over a whole part and not one paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .ns import (
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    W_ALTCHUNK,
    W_BR,
    W_COMMENT_RANGE_END,
    W_COMMENT_RANGE_START,
    W_COMMENT_REFERENCE,
    W_CR,
    W_DEL,
    W_DRAWING,
    W_FLDCHAR,
    W_FLDSIMPLE,
    W_ID,
    W_INS,
    W_INSTRTEXT,
    W_MOVEFROM,
    W_MOVETO,
    W_NOBREAKHYPHEN,
    W_OBJECT,
    W_P,
    W_PICT,
    W_PPR,
    W_PTAB,
    W_R,
    W_RPR,
    W_RT,
    W_SDTENDPR,
    W_SDTPR,
    W_SECTPR,
    W_SYM,
    W_T,
    W_TAB,
    W_TBL,
    W_TBLGRID,
    W_TBLPR,
    W_TBLPREX,
    W_TC,
    W_TCPR,
    W_TR,
    W_TRPR,
    W_TXBXCONTENT,
    W_TYPE,
    W_VAL,
    grandchild,
    w,
)

W_FLDCHARTYPE = w("fldCharType")
W_INSTR = w("instr")
W_CHAR = w("char")
W_PGNUM = w("pgNum")
W_GRIDBEFORE = w("gridBefore")
W_GRIDSPAN = w("gridSpan")

# Elements whose subtree never holds paragraph text or paragraphs.
_INLINE_SKIP = frozenset(
    {W_PPR, W_RPR, W_SDTPR, W_SDTENDPR, W_DEL, W_MOVEFROM, W_TXBXCONTENT, W_RT, MC_FALLBACK,
     W_DRAWING, W_PICT, W_OBJECT}
)
_BLOCK_SKIP = frozenset(
    {W_SECTPR, W_PPR, W_RPR, W_TBLPR, W_TBLGRID, W_TRPR, W_TCPR, W_TBLPREX, W_SDTPR, W_SDTENDPR,
     MC_FALLBACK, W_DEL, W_MOVEFROM}
)
_DRAWING_TAGS = frozenset({W_DRAWING, W_PICT, W_OBJECT})


@dataclass
class Piece:
    """A stretch of paragraph text produced by one element."""

    text: str
    start: int
    element: etree._Element  # w:t, w:tab, w:br, w:sym, ...
    run: etree._Element | None  # the enclosing w:r
    run_index: int  # ordinal of the text-bearing run within the paragraph (Run.index)
    inserted: bool  # inside w:ins / w:moveTo
    field_code: str | None  # keyword of the field whose result this is, e.g. "PAGE"


@dataclass
class WalkedParagraph:
    element: etree._Element
    index: int  # 1-based within the part
    text: str
    pieces: list[Piece]
    in_table: bool = False
    table_pos: tuple[int, int, int] | None = None
    table_grid: tuple[int, int] | None = None  # (first grid column, columns spanned) of the cell
    table: etree._Element | None = None  # innermost enclosing w:tbl
    in_textbox: bool = False
    fields: list[str] = field(default_factory=list)
    page_break_before: bool = False  # an explicit break precedes this paragraph's text


@dataclass
class PartWalk:
    paragraphs: list[WalkedParagraph]
    #: comment id → {"start": (paragraph index, offset), "end": ..., "ref": ...}
    comment_anchors: dict[str, dict[str, tuple[int, int]]]
    has_alt_chunk: bool = False


def walk_part(root: etree._Element) -> PartWalk:
    """Walk a part (``w:document``, ``w:hdr``, ``w:ftr``, ``w:footnotes``, ``w:comments``…)."""
    walker = _Walker()
    walker.blocks(root, False, None, None, False)
    return PartWalk(walker.paragraphs, walker.anchors, walker.alt_chunk)


def text_elements(paragraph: WalkedParagraph) -> list[tuple[etree._Element, int]]:
    """``(w:t element, start offset)`` pairs of a walked paragraph, in text order."""
    return [(pc.element, pc.start) for pc in paragraph.pieces if pc.element.tag == W_T]


def choose_branch(alt: etree._Element) -> etree._Element | None:
    """The branch of ``mc:AlternateContent`` the reader uses: first Choice, else Fallback."""
    fallback = None
    for child in alt:
        if child.tag == MC_CHOICE:
            return child
        if child.tag == MC_FALLBACK:
            fallback = child
    return fallback


def field_keyword(instr: str) -> str:
    """``" PAGE  \\* MERGEFORMAT"`` → ``"PAGE"``."""
    parts = instr.split()
    return parts[0].upper() if parts else ""


class _Field:
    """One open field: its instruction (kept in pieces: joining once, not per ``w:instrText``)
    and, once its result starts, its keyword (looked up for every piece of the result)."""

    __slots__ = ("parts", "in_result", "keyword")

    def __init__(self, instr: str = "", in_result: bool = False):
        self.parts = [instr] if instr else []
        self.in_result = in_result
        self.keyword = field_keyword(instr) if in_result else ""

    @property
    def instr(self) -> str:
        return "".join(self.parts)

    def start_result(self) -> None:
        self.in_result = True
        self.keyword = field_keyword(self.instr)


class _Walker:
    """State of one part walk: counters, the complex-field stack, comment anchors."""

    def __init__(self):
        self.paragraphs: list[WalkedParagraph] = []
        self.anchors: dict[str, dict[str, tuple[int, int]]] = {}
        self.tables = 0
        self.cell_grid: tuple[int, int] | None = None  # grid column and span of the cell being walked
        self.fields: list[_Field] = []
        self.hidden = 0  # open fields still in their instruction: their text is not displayed
        self.pending_page_break = False
        self.pending_starts: list[str] = []
        self.alt_chunk = False
        # per-paragraph scratch
        self._pieces: list[Piece] = []
        self._offset = 0
        self._run_index = -1
        self._run_counted = False
        self._textboxes: list[etree._Element] = []
        self._fields_here: list[str] = []
        self._breaks: list[int] = []
        self._index = 0

    # -- block level ---------------------------------------------------------------------------

    def blocks(self, container, in_table, table_pos, table, in_textbox):
        for child in container:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, in_table, table_pos, table, in_textbox)
            elif tag == W_TBL:
                self.table(child, in_textbox)
            elif tag in _BLOCK_SKIP or not isinstance(tag, str):
                continue
            elif tag == MC_ALTERNATE:
                branch = choose_branch(child)
                if branch is not None:
                    self.blocks(branch, in_table, table_pos, table, in_textbox)
            elif tag == W_COMMENT_RANGE_START:
                self.pending_starts.append(child.get(W_ID, ""))
            elif tag == W_COMMENT_RANGE_END:
                if self.paragraphs:
                    last = self.paragraphs[-1]
                    self._anchor(child.get(W_ID, ""), "end", last.index, len(last.text))
            elif tag == W_ALTCHUNK:
                self.alt_chunk = True
            else:  # w:body, w:sdt, w:sdtContent, w:customXml, w:ins, w:footnote, w:comment, ...
                self.blocks(child, in_table, table_pos, table, in_textbox)

    def table(self, tbl, in_textbox):
        number = self.tables
        self.tables += 1
        outer = self.cell_grid  # a nested table sits in a cell of the outer one
        for r, tr in enumerate(_children_of(tbl, W_TR)):
            col = _int_val(grandchild(tr, W_TRPR, W_GRIDBEFORE))
            for c, tc in enumerate(_children_of(tr, W_TC)):
                span = max(1, _int_val(grandchild(tc, W_TCPR, W_GRIDSPAN), 1))
                self.cell_grid = (col, span)
                self.blocks(tc, True, (number, r, c), tbl, in_textbox)
                col += span
        self.cell_grid = outer

    # -- paragraph level -----------------------------------------------------------------------

    def paragraph(self, p, in_table, table_pos, table, in_textbox):
        self._index = len(self.paragraphs) + 1
        self._pieces = []
        self._offset = 0
        self._run_index = -1
        self._textboxes = []
        self._fields_here = []
        self._breaks = []
        for cid in self.pending_starts:
            self._anchor(cid, "start", self._index, 0)
        self.pending_starts = []
        self.inline(p, False)
        text = "".join([pc.text for pc in self._pieces])
        wp = WalkedParagraph(
            element=p,
            index=self._index,
            text=text,
            pieces=self._pieces,
            in_table=in_table,
            table_pos=table_pos,
            table_grid=self.cell_grid if in_table else None,
            table=table,
            in_textbox=in_textbox,
            fields=self._fields_here,
            page_break_before=self.pending_page_break,
        )
        self.pending_page_break = False
        for offset in self._breaks:
            if text[offset:].strip():
                wp.page_break_before = True
            else:
                self.pending_page_break = True
        self.paragraphs.append(wp)
        for box in self._textboxes:
            # A text box's paragraphs have their own field context.
            saved = self.fields, self.hidden
            self.fields, self.hidden = [], 0
            self.blocks(box, in_table, table_pos, table, True)
            self.fields, self.hidden = saved

    def inline(self, el, inserted):
        for child in el:
            tag = child.tag
            if tag == W_R:
                self.run(child, inserted)
            elif tag in _INLINE_SKIP or not isinstance(tag, str):
                if tag in _DRAWING_TAGS:
                    self._collect_textboxes(child)
                continue
            elif tag in (W_INS, W_MOVETO):
                self.inline(child, True)
            elif tag == W_FLDSIMPLE:
                instr = child.get(W_INSTR, "")
                self._fields_here.append(field_keyword(instr))
                self.fields.append(_Field(instr, True))
                self.inline(child, inserted)
                self.fields.pop()
            elif tag == MC_ALTERNATE:
                branch = choose_branch(child)
                if branch is not None:
                    self.inline(branch, inserted)
            elif tag == W_COMMENT_RANGE_START:
                self._anchor(child.get(W_ID, ""), "start", self._index, self._offset)
            elif tag == W_COMMENT_RANGE_END:
                self._anchor(child.get(W_ID, ""), "end", self._index, self._offset)
            else:  # w:hyperlink, w:sdt, w:sdtContent, w:smartTag, w:customXml, w:ruby, w:rubyBase...
                self.inline(child, inserted)

    def run(self, r, inserted):
        counted = False
        for child in r:
            tag = child.tag
            if tag == W_T:
                text = child.text or ""
            elif tag in (W_TAB, W_PTAB):
                text = "\t"
            elif tag == W_BR:
                kind = child.get(W_TYPE)
                if kind == "page" or kind == "column":
                    if kind == "page":
                        self._breaks.append(self._offset)
                    continue
                text = "\n"
            elif tag == W_CR:
                text = "\n"
            elif tag == W_NOBREAKHYPHEN:
                text = "-"
            elif tag == W_SYM:
                text = _sym_char(child)
            elif tag == W_FLDCHAR:
                self._field_char(child)
                continue
            elif tag == W_INSTRTEXT:
                if self.fields and not self.fields[-1].in_result:
                    self.fields[-1].parts.append(child.text or "")
                continue
            elif tag == W_PGNUM:
                self._fields_here.append("PAGE")
                continue
            elif tag == W_COMMENT_REFERENCE:
                self._anchor(child.get(W_ID, ""), "ref", self._index, self._offset)
                continue
            elif tag in _DRAWING_TAGS:
                self._collect_textboxes(child)
                continue
            elif tag == MC_ALTERNATE:
                branch = choose_branch(child)
                if branch is not None:
                    self._collect_textboxes(branch)
                continue
            else:  # w:rPr, w:delText, w:footnoteReference, w:lastRenderedPageBreak, ...
                continue
            if not text:
                continue
            code = None
            if self.fields:
                if self.hidden:
                    continue  # text inside a field instruction is not displayed
                code = self.fields[-1].keyword
            if not counted:
                self._run_index += 1
                counted = True
            self._pieces.append(
                Piece(text, self._offset, child, r, self._run_index, inserted, code)
            )
            self._offset += len(text)

    def _field_char(self, el):
        kind = el.get(W_FLDCHARTYPE)
        if kind == "begin":
            self.fields.append(_Field())
            self.hidden += 1
        elif kind == "separate":
            if self.fields and not self.fields[-1].in_result:
                self.fields[-1].start_result()
                self.hidden -= 1
                self._fields_here.append(self.fields[-1].keyword)
        elif kind == "end" and self.fields:
            f = self.fields.pop()
            if not f.in_result:  # a field without a cached result (e.g. PAGE never updated)
                self.hidden -= 1
                self._fields_here.append(field_keyword(f.instr))

    def _collect_textboxes(self, el):
        for child in el:
            tag = child.tag
            if tag == W_TXBXCONTENT:
                self._textboxes.append(child)
            elif tag == MC_ALTERNATE:
                branch = choose_branch(child)
                if branch is not None:
                    self._collect_textboxes(branch)
            elif tag == MC_FALLBACK or not isinstance(tag, str):
                continue
            elif len(child):
                self._collect_textboxes(child)

    def _anchor(self, cid, kind, index, offset):
        self.anchors.setdefault(cid, {}).setdefault(kind, (index, offset))


def _int_val(el, default: int = 0) -> int:
    """The integer ``w:val`` of ``el`` (``default`` when absent or not a number)."""
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, default))
    except ValueError:
        return default


def _children_of(el, tag):
    """Direct ``tag`` children, looking through content controls and custom XML wrappers."""
    for child in el:
        ctag = child.tag
        if ctag == tag:
            yield child
        elif ctag in _BLOCK_SKIP or not isinstance(ctag, str) or ctag in (W_TBL, W_P):
            continue
        elif ctag == MC_ALTERNATE:
            branch = choose_branch(child)
            if branch is not None:
                yield from _children_of(branch, tag)
        else:  # w:sdt, w:sdtContent, w:customXml, w:ins
            yield from _children_of(child, tag)


def _sym_char(el) -> str:
    code = el.get(W_CHAR, "")
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= n <= 0xF0FF:  # symbol fonts address their glyphs in the private use area
        n -= 0xF000
    try:
        return chr(n)
    except ValueError:
        return ""
