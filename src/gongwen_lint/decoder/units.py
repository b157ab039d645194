"""Units of decoding and what each one shows.

A unit is a paragraph of the body, or one line of a paragraph whose lines are joined by soft
line breaks (``w:br``): drafters lay out a 署名 and its date, or a whole letter, that way.  A
unit carries its text (compact, the automatic-numbering label in front of the first line) and
its effective formatting where the draft has any (``None`` for plain text): largest font size,
font class, bold, red, alignment, first-line indent in characters, leading blanks; and where it
sits: gap (empty paragraphs) before it, a page break before it, table or text box.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ..model import Paragraph, Run, is_red
from ..text import compact
from .vocab import Vocab


@dataclass(slots=True)
class Unit:
    k: int  # position among the units
    p: Paragraph
    start: int  # span of the line in p.text
    end: int
    line: int  # 0-based line number within the paragraph
    lines: int  # lines in the paragraph
    text: str  # compact visible text of the line
    raw: str  # the line as written (numbering label in front of line 0)
    gap: int  # empty paragraphs right before (0 inside a paragraph)
    page_break: bool  # the unit starts a page (explicit break, new section)
    size: float | None
    font: str | None  # font class (fonts.CLASSES) of the longest run, or None
    bold: bool
    red: bool
    align: str | None
    indent: float | None  # first-line indent in characters
    lead: float  # leading blanks typed, in characters
    style: str  # style name, lower case

    @property
    def in_table(self) -> bool:
        return self.p.in_table

    @property
    def in_textbox(self) -> bool:
        return self.p.in_textbox

    @property
    def centred(self) -> bool:
        return self.align in ("center", "distribute")

    @property
    def right(self) -> bool:
        """Right-aligned, or pushed right by typed blanks (templates type 32 spaces)."""
        return self.align == "right" or self.lead >= 8


def _lines(text: str) -> list[tuple[int, int]]:
    if "\n" not in text:
        return [(0, len(text))]
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _overlapping(runs: tuple[Run, ...], start: int, end: int, whole: bool) -> list[Run]:
    if whole:
        return [r for r in runs if not r.text.isspace() and r.text]
    return [r for r in runs if r.start < end and r.end > start and r.text.strip()]


def _lead_width(raw: str) -> float:
    n = 0.0
    for ch in raw:
        if ch == "\u3000":
            n += 1
        elif ch in " \t\u00a0":
            n += 0.5 if ch != "\t" else 2
        else:
            break
    return n


def build(body: tuple[Paragraph, ...], vocab: Vocab) -> list[Unit]:
    """The units of the body part, in reading order (empty paragraphs only count as gaps)."""
    units: list[Unit] = []
    classes: dict[str | None, str | None] = {}  # font name -> class, looked up once
    gap = 0
    prev_section = body[0].section if body else 0
    pending_break = False
    for p in body:
        if p.section != prev_section:
            pending_break = True
            prev_section = p.section
        label = p.format.numbering_text or ""
        whole = compact(label + p.text)
        if not whole:
            gap += 1
            pending_break = pending_break or p.page_break_before
            continue
        f = p.format
        spans = _lines(p.text)
        pieces = spans if len(spans) == 1 else [(a, b) for a, b in spans if compact(p.text[a:b])] or spans[:1]
        for n, (a, b) in enumerate(pieces):
            raw = (label if n == 0 else "") + p.text[a:b]
            runs = _overlapping(p.runs, a, b, len(spans) == 1)
            sizes = [r.format.size_pt for r in runs if r.format.size_pt]
            size = max(sizes) if sizes else None
            longest = max(runs, key=lambda r: len(r.text), default=None)
            font = None
            if longest is not None:
                name = longest.format.font_east_asia
                font = classes[name] if name in classes else classes.setdefault(name, vocab.fonts.font_class(name))
            indent = None
            if f.first_line_indent_chars:
                indent = f.first_line_indent_chars
            elif f.first_line_indent_pt is not None:
                indent = f.first_line_indent_pt / (size or 16.0)
            units.append(Unit(
                k=len(units), p=p, start=a, end=b, line=n, lines=len(pieces),
                text=whole if len(pieces) == 1 else compact(raw), raw=raw, gap=gap if n == 0 else 0,
                page_break=(p.page_break_before or pending_break) if n == 0 else False,
                size=size, font=font,
                bold=bool(runs) and all(r.format.bold for r in runs),
                red=bool(runs) and all(is_red(r.format.color) for r in runs),
                align=f.alignment if p.runs else None,
                indent=indent if p.runs else None,
                lead=_lead_width(raw),
                style=(f.style_name or f.style_id or "").lower(),
            ))
        gap = 0
        pending_break = False
    return units


@dataclass(frozen=True)
class Profile:
    """The document's own typography: what its running text looks like."""

    formatted: bool  # the draft carries font sizes (a .docx)
    body_size: float | None  # the usual size of running text
    title_size: float | None  # the largest centred size in the first units


def profile(units: list[Unit]) -> Profile:
    sizes = [u.size for u in units if u.size and len(u.text) >= 30 and "。" in u.text and not u.in_table]
    if not sizes:  # a short draft: its lines outside tables (a table's cells are often smaller)
        sizes = [u.size for u in units if u.size and not u.in_table] or [u.size for u in units if u.size]
    formatted = any(u.size for u in units)
    body = median(sizes) if sizes else None
    heads = [u.size for u in units[:40] if u.size and u.centred and not u.red and len(u.text) <= 60]
    return Profile(formatted, body, max(heads) if heads else None)
