"""The document model: plain frozen dataclasses, independent of python-docx.

The reader (``gongwen_lint.docx``) fills it from OOXML, ``structure`` assigns a role to every
paragraph and a genre/format to the document, and rules only ever read it.  Nothing here knows
about XML, so rules and tests can build documents from text alone.

Offsets are code points into ``Paragraph.text``.  Lengths are in points (pt) for fonts and
indents and in millimetres for page geometry, the units GB/T 9704 uses.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import Enum


class Role(str, Enum):
    """What a paragraph is in GB/T 9704 terms (docs/json.md lists the roles)."""

    COPY_NUMBER = "copy_number"  # 份号
    SECRECY = "secrecy"  # 密级和保密期限
    URGENCY = "urgency"  # 紧急程度
    ORGAN_MARK = "organ_mark"  # 发文机关标志
    DOC_NUMBER = "doc_number"  # 发文字号 (or 令号 in 命令式)
    SIGNER = "signer"  # 签发人
    TITLE = "title"  # 标题
    ADDRESSEE = "addressee"  # 主送机关
    BODY = "body"  # 正文
    HEADING1 = "heading1"  # 一、
    HEADING2 = "heading2"  # （一）
    HEADING3 = "heading3"  # 1.
    HEADING4 = "heading4"  # （1）
    ATTACHMENT_NOTE = "attachment_note"  # 附件说明
    SIGNATURE = "signature"  # 发文机关署名
    DATE = "date"  # 成文日期
    NOTE = "note"  # 附注
    ATTACHMENT_LABEL = "attachment_label"  # 附件标识 (附件1)
    ATTACHMENT_TITLE = "attachment_title"
    ATTACHMENT_BODY = "attachment_body"  # text of an attachment after its title
    CC = "cc"  # 抄送机关
    PRINTER = "printer"  # 印发机关和印发日期
    PAGE_NUMBER = "page_number"  # 页码
    STRAY = "stray"  # belongs to no element and should not be there: pasted web lines, editor notes
    COVER = "cover"  # a cover page (reports, plans): not a GB/T 9704 element, not wrong either
    TOC = "toc"  # a table of contents
    EMPTY = "empty"
    UNKNOWN = "unknown"  # belongs to no element (telegram head fields, decorations), or cannot be told

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.COPY_NUMBER: "份号",
    Role.SECRECY: "密级和保密期限",
    Role.URGENCY: "紧急程度",
    Role.ORGAN_MARK: "发文机关标志",
    Role.DOC_NUMBER: "发文字号",
    Role.SIGNER: "签发人",
    Role.TITLE: "标题",
    Role.ADDRESSEE: "主送机关",
    Role.BODY: "正文",
    Role.HEADING1: "一级标题",
    Role.HEADING2: "二级标题",
    Role.HEADING3: "三级标题",
    Role.HEADING4: "四级标题",
    Role.ATTACHMENT_NOTE: "附件说明",
    Role.SIGNATURE: "发文机关署名",
    Role.DATE: "成文日期",
    Role.NOTE: "附注",
    Role.ATTACHMENT_LABEL: "附件标识",
    Role.ATTACHMENT_TITLE: "附件标题",
    Role.ATTACHMENT_BODY: "附件正文",
    Role.CC: "抄送机关",
    Role.PRINTER: "印发机关和印发日期",
    Role.PAGE_NUMBER: "页码",
    Role.STRAY: "多余段落",
    Role.COVER: "封面",
    Role.TOC: "目录",
    Role.EMPTY: "空段",
    Role.UNKNOWN: "未识别",
}

HEADING_ROLES = frozenset({Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4})
#: Roles whose text is the drafter's own running prose (style, punctuation, duplicate rules).
TEXT_ROLES = frozenset({Role.BODY, Role.ATTACHMENT_BODY}) | HEADING_ROLES

#: A role at least this sure (see :attr:`Paragraph.confidence`) may carry an error-level finding;
#: an uncertain paragraph gets no error (it may still get a warning).
CONFIDENT = 0.8


class Genre(str, Enum):
    """The 15 文种 of 条例 art. 8."""

    RESOLUTION = "决议"
    DECISION = "决定"
    ORDER = "命令"
    COMMUNIQUE = "公报"
    ANNOUNCEMENT = "公告"
    PUBLIC_NOTICE = "通告"
    OPINION = "意见"
    NOTICE = "通知"
    BULLETIN = "通报"
    REPORT = "报告"
    REQUEST = "请示"
    REPLY = "批复"
    MOTION = "议案"
    LETTER = "函"
    MINUTES = "纪要"


class DocFormat(str, Enum):
    """The layouts of GB/T 9704 ch. 7 and 10."""

    FILE = "文件式"
    LETTER = "信函式"
    ORDER = "命令式"
    MINUTES = "纪要式"


def is_red(color: str | None) -> bool:
    """A colour a reader calls red (``FF0000``, ``C00000``, ``E60012`` …): the one definition.

    Red text marks the 发文机关标志 (GB/T 9704 7.2.4); structure recognition takes it as
    evidence and GW205 checks it.
    """
    if not color or len(color) != 6:
        return False
    try:
        r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0x99 and r - max(g, b) >= 0x66


@dataclass(frozen=True)
class RunFormat:
    """Effective character formatting, resolved the way Word does.

    ``None`` means unknown (plain-text drafts) — layout rules skip what they cannot see.
    """

    font_east_asia: str | None = None  # w:rFonts/@w:eastAsia, theme fonts resolved
    font_ascii: str | None = None
    size_pt: float | None = None  # w:sz / 2
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None  # "FF0000", or None for auto/black
    underline: bool | None = None


@dataclass(frozen=True)
class Run:
    """A stretch of paragraph text with one effective format.

    ``start``/``end`` are code-point offsets into the paragraph text.  ``index`` is the run's
    ordinal among the text-bearing runs of its paragraph in the reader's walk; fixes and Word
    comments use it to find the XML element again.
    """

    text: str
    start: int
    end: int
    format: RunFormat = field(default_factory=RunFormat)
    index: int = 0
    inserted: bool = False  # inside a tracked insertion (w:ins)
    field_code: str | None = None  # e.g. "PAGE" when this text is a field result


@dataclass(frozen=True)
class ParagraphFormat:
    """Effective paragraph formatting (style chain resolved)."""

    style_id: str | None = None
    style_name: str | None = None
    alignment: str | None = None  # "left", "center", "right", "both", "distribute"
    first_line_indent_pt: float | None = None
    first_line_indent_chars: float | None = None  # w:firstLineChars / 100
    left_indent_pt: float | None = None
    right_indent_pt: float | None = None
    line_spacing: float | None = None  # pt when line_rule is exact/atLeast, lines when auto
    line_rule: str | None = None  # "auto", "exact", "atLeast"
    space_before_pt: float | None = None
    space_after_pt: float | None = None
    outline_level: int | None = None  # 0-based, from w:outlineLvl or heading styles
    num_id: int | None = None  # w:numPr — Word automatic numbering
    num_level: int | None = None
    numbering_text: str | None = None  # the visible label Word draws, e.g. "一、" (None if unknown)
    page_break_before: bool = False
    frame_x_align: str | None = None  # w:framePr/@w:xAlign: page numbers placed in a frame
    # Paragraph borders as (style, width in pt, colour or None): the 版记 separator lines.
    border_top: tuple[str, float, str | None] | None = None
    border_bottom: tuple[str, float, str | None] | None = None
    # The enclosing table cell's top/bottom edge, same shape, on the cell's first/last paragraph
    # only (where the line is drawn): tcBorders, else the table's (or table style's) top/insideH/
    # bottom by row.  A 版记 typeset as a table draws its separator lines this way.
    cell_border_top: tuple[str, float, str | None] | None = None
    cell_border_bottom: tuple[str, float, str | None] | None = None


@dataclass(frozen=True)
class LineRole:
    """The role of one line of a paragraph whose lines are different elements.

    Drafters join elements with soft line breaks (``w:br``, Shift+Enter): ``宜城市财政局`` and
    ``2024年9月2日`` in one paragraph are a 署名 and a 成文日期.  ``start``/``end`` are offsets
    into ``Paragraph.text`` (the line without its ``\n``).
    """

    start: int
    end: int
    role: Role
    confidence: float = 1.0


@dataclass(frozen=True)
class Paragraph:
    """One ``w:p`` (or one line of a plain-text draft).

    ``index`` is 1-based in reading order over every ``w:p`` of its part, empty and table-cell
    paragraphs included (docs/json.md).

    Structure recognition sets ``role`` and how sure it is (``confidence``, 0–1: the share of
    the best reading among all readings the element grammar allows, see ``structure``);
    ``misplaced`` when the element is clearly this one but out of the GB/T 9704 order (GW108);
    ``lines`` when the paragraph's soft-break lines are different elements (``role`` is then
    the role of its longest line); ``lead_end`` for a heading: where its own text ends — after
    the first full stop of a run-in heading (``（十四）加强组织领导。`` + body text), else the
    paragraph end.
    """

    part: str
    index: int
    text: str
    runs: tuple[Run, ...] = ()
    format: ParagraphFormat = field(default_factory=ParagraphFormat)
    role: Role = Role.UNKNOWN
    in_table: bool = False
    in_textbox: bool = False
    table_pos: tuple[int, int, int] | None = None  # (table, row, cell), 0-based, within the part
    # The cell's first grid column and the columns it spans (w:gridBefore, w:gridSpan counted), so
    # a merged 合计 label does not shift the numbers of its row against the header's columns.
    table_grid: tuple[int, int] | None = None
    section: int = 0  # index into Document.sections
    page_break_before: bool = False  # an explicit page break precedes (w:br type=page or lastRenderedPageBreak not counted)
    fields: tuple[str, ...] = ()  # field instructions in this paragraph, e.g. ("PAGE",)
    title_group: int | None = None  # paragraphs of one multi-line title share this number
    # Drawn objects without text anchored in this paragraph (lines, shapes, pictures; not text
    # boxes): a separator line drawn as a shape, which rules cannot place, so they stay quiet.
    shapes: int = 0
    confidence: float = 1.0
    misplaced: bool = False
    lines: tuple[LineRole, ...] = ()
    lead_end: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    @property
    def visible_text(self) -> str:
        """Automatic-numbering label + text: what a reader of the printed page sees."""
        label = self.format.numbering_text or ""
        return label + self.text

    @property
    def confident(self) -> bool:
        """Sure enough of its role for an error-level finding that depends on it."""
        return self.confidence >= CONFIDENT

    def with_role(self, role: Role, title_group: int | None = None, **decoded) -> Paragraph:
        """A copy with ``role`` (and ``confidence``, ``misplaced``, ``lines``, ``lead_end``).

        Structure recognition makes one copy per paragraph of every draft: the fields are copied
        as they are instead of through ``dataclasses.replace``, which passes all 22 through
        ``__init__`` and its frozen ``__setattr__`` (issue 18).  The result is the same object
        ``replace`` builds (no field has ``init=False`` or a ``__post_init__``)."""
        if not _PARAGRAPH_FIELDS.issuperset(decoded):
            raise TypeError(f"not Paragraph fields: {sorted(set(decoded) - _PARAGRAPH_FIELDS)}")
        new = object.__new__(Paragraph)
        state = new.__dict__
        state.update(self.__dict__)
        state["role"] = role
        state["title_group"] = title_group
        state.update(decoded)
        return new

    def spans(self) -> tuple[LineRole, ...]:
        """The elements in this paragraph: its lines when they differ, else the whole text."""
        return self.lines or (LineRole(0, len(self.text), self.role, self.confidence),)


_PARAGRAPH_FIELDS = frozenset(f.name for f in fields(Paragraph))
# Every field in declaration order, with its default (None for the fields that have none or a
# factory: those are checked or made in new_paragraph).
_PARAGRAPH_TEMPLATE = {f.name: None if f.default is MISSING else f.default for f in fields(Paragraph)}
_PARAGRAPH_REQUIRED = tuple(f.name for f in fields(Paragraph) if f.default is MISSING and f.default_factory is MISSING)
_PARAGRAPH_FACTORIES = tuple((f.name, f.default_factory) for f in fields(Paragraph) if f.default_factory is not MISSING)


def new_paragraph(**values) -> Paragraph:
    """``Paragraph(**values)``, for the reader's one call per ``w:p``.

    The generated ``__init__`` of a frozen dataclass sets each of the 22 fields through
    ``object.__setattr__``: 7 µs a paragraph, more than the rest of building it (issue 18).
    This fills the instance's dict in one step, in field order, and checks the arguments as
    ``__init__`` does (unknown or missing fields raise TypeError), so the object is the same.
    """
    if not _PARAGRAPH_FIELDS.issuperset(values):
        raise TypeError(f"not Paragraph fields: {sorted(set(values) - _PARAGRAPH_FIELDS)}")
    for name in _PARAGRAPH_REQUIRED:
        if name not in values:
            raise TypeError(f"Paragraph needs {name}")
    for name, factory in _PARAGRAPH_FACTORIES:
        if name not in values:
            values[name] = factory()
    new = object.__new__(Paragraph)
    state = new.__dict__
    state.update(_PARAGRAPH_TEMPLATE)
    state.update(values)
    return new


@dataclass(frozen=True)
class HeaderFooter:
    """A header or footer part and where it applies."""

    part: str  # e.g. "footer1"
    kind: str  # "header" | "footer"
    type: str  # "default" | "even" | "first"
    section: int
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Section:
    """Page setup of one ``w:sectPr``; millimetres."""

    page_width_mm: float | None = None
    page_height_mm: float | None = None
    margin_top_mm: float | None = None
    margin_bottom_mm: float | None = None
    margin_left_mm: float | None = None
    margin_right_mm: float | None = None
    gutter_mm: float | None = None
    header_distance_mm: float | None = None
    footer_distance_mm: float | None = None
    orientation: str | None = None  # "portrait" | "landscape"
    title_page: bool = False  # w:titlePg: a different first-page header/footer
    lines_per_page: int | None = None  # w:docGrid/@w:linePitch derived
    chars_per_line: int | None = None
    line_pitch_pt: float | None = None
    headers: tuple[str, ...] = ()  # part names by type, "default:header1"
    footers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comment:
    """A Word comment and the text range it is anchored to."""

    id: str
    author: str
    text: str
    part: str = "body"
    start_paragraph: int | None = None  # 1-based paragraph indexes within ``part``
    start_offset: int = 0
    end_paragraph: int | None = None
    end_offset: int = 0


@dataclass(frozen=True)
class Document:
    """A parsed draft. ``parts`` maps a part name to its paragraphs in reading order.

    Part names: ``body``, ``header1``…, ``footer1``…, ``footnotes``, ``endnotes``, ``comments``.
    """

    path: str
    source: str  # "docx" | "text"
    parts: dict[str, tuple[Paragraph, ...]]
    sections: tuple[Section, ...] = ()
    headers_footers: tuple[HeaderFooter, ...] = ()
    comments: tuple[Comment, ...] = ()
    even_and_odd_headers: bool = False  # w:settings/w:evenAndOddHeaders
    genre: Genre | None = None
    format: DocFormat | None = None
    problems: tuple[str, ...] = ()  # parts that could not be read (GW901), in Chinese

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return self.parts.get("body", ())

    def paragraphs(self, *roles: Role) -> list[Paragraph]:
        """Body paragraphs with one of ``roles`` (all body paragraphs when none given)."""
        if not roles:
            return list(self.body)
        wanted = set(roles)
        return [p for p in self.body if p.role in wanted]

    def first(self, role: Role) -> Paragraph | None:
        for p in self.body:
            if p.role is role:
                return p
        return None

    def elements(self, *roles: Role) -> list[tuple[Paragraph, LineRole]]:
        """Body elements with one of ``roles``, counting the lines of soft-break paragraphs
        (``(paragraph, span)``; the span covers the whole paragraph when it is one element)."""
        wanted = set(roles)
        out: list[tuple[Paragraph, LineRole]] = []
        for p in self.body:
            # p.spans() without making the whole-paragraph span of every paragraph not wanted
            # (GW633 and the date rules ask this of a 500-page body; issue 18)
            if p.lines:
                out.extend((p, s) for s in p.lines if s.role in wanted)
            elif p.role in wanted:
                out.append((p, LineRole(0, len(p.text), p.role, p.confidence)))
        return out

    def has(self, role: Role) -> bool:
        """The body holds ``role``, as a paragraph or as a line of one."""
        return any(any(s.role is role for s in p.lines) if p.lines else p.role is role for p in self.body)

    def all_paragraphs(self):
        for paragraphs in self.parts.values():
            yield from paragraphs
