"""Structure recognition: a GB/T 9704 role for every paragraph, the genre (文种) and the format.

Roles are decided here, once, and every rule reads them (``docs/developing.md``).  The body is
decoded by :mod:`gongwen_lint.decoder`: every paragraph — or every line of a paragraph joined by
soft line breaks — gets scores for its candidate roles from independent evidence (pattern,
effective formatting, position, neighbours), and a Viterbi pass picks the labelling the GB/T
9704 element grammar allows with the best total score.  The result on the model:

* ``Paragraph.role`` and ``confidence`` (0–1; error-level findings act only on confident roles,
  :data:`gongwen_lint.model.CONFIDENT`);
* ``misplaced``: the element is surely this one but out of the standard's order (GW108);
* ``lines``: the roles of the lines of a soft-break paragraph when they differ;
* ``lead_end``: where a heading's own text ends (:func:`heading_lead`);
* ``title_group``: the lines of one title share a number;
* ``Document.genre`` (the title's 文种, or the mark's 命令/纪要) and ``Document.format``.

The genre and the format are decided here and nowhere else (``rules/_fields`` only reads them).
"""

from __future__ import annotations

from dataclasses import replace

from . import recache
from .decoder import patterns as pt
from .decoder import units as unit_mod
from .decoder import viterbi
from .decoder.evidence import Scorer
from .decoder.vocab import GENRE_TAIL_RE, Vocab, default, genre_of_title, load
from .model import HEADING_ROLES, DocFormat, Document, Genre, LineRole, Paragraph, Role
from .ordinals import parse_ordinal
from .text import compact

__all__ = [
    "analyse", "genre_of_title", "genre_of_text", "heading_lead", "load_vocab", "stray_kind", "GENRE_TAIL_RE",
    "DATE_RE", "DOC_NUMBER_LINE_RE", "CC_RE", "PRINTER_RE", "ATTACHMENT_NOTE_RE", "ATTACHMENT_LABEL_RE",
    "NOTE_RE", "PAGE_NUMBER_RE", "ORDER_NUMBER_RE",
]

# Public patterns (other modules match element lines the way recognition does).
DATE_RE = pt.DATE_RE
DOC_NUMBER_LINE_RE = pt.DOC_NUMBER_LINE_RE
ORDER_NUMBER_RE = pt.ORDER_NUMBER_RE
CC_RE = pt.CC_RE
PRINTER_RE = pt.PRINTER_RE
ATTACHMENT_NOTE_RE = pt.ATTACHMENT_NOTE_RE
ATTACHMENT_LABEL_RE = pt.ATTACHMENT_LABEL_RE
NOTE_RE = pt.NOTE_RE
PAGE_NUMBER_RE = pt.PAGE_NUMBER_RE


def load_vocab(dictionaries: dict | None = None) -> Vocab:
    """The words recognition reads, with a configuration's ``[dictionaries]`` additions
    (``organ-suffixes-add``, ``font-aliases``); build once per configuration."""
    return load(dictionaries) if dictionaries else default()


# ---------------------------------------------------------------------------------------------
# Run-in headings

_LEAD_END_RE = recache.compile(r"[。！？：:]")


def _lead(text: str, o) -> int:
    start = o.end if o is not None else 0
    m = _LEAD_END_RE.search(text, start)
    if m is None or not text[m.end():].strip():
        return len(text.rstrip())
    return m.end()


def heading_lead(text: str) -> int:
    """Where a heading's own text ends in ``text`` (offsets into it).

    A run-in heading carries its paragraph: ``（十四）加强组织领导。发展改革委、扶贫办要……`` — the
    heading is ``（十四）加强组织领导。`` and the body text starts after it (leading blanks
    skipped by the caller).  The first full stop, exclamation or question mark, or colon after
    the ordinal ends the lead when more text follows; a heading that is one sentence is all lead.
    """
    return _lead(text, parse_ordinal(text, lenient=True))


def stray_kind(text: str) -> str | None:
    """Why a line belongs to no element: ``"no_text_page"`` (（此页无正文）), ``"editor"`` (an
    editor's note such as （此处多个空行或空格）), ``"web"`` (a pasted web-page line), or None."""
    return pt.stray_kind(compact(text), text)


# ---------------------------------------------------------------------------------------------
# Genre and format

_FORWARD_RE = recache.compile(r"(批转|转发|印发|颁发|发布)")


def genre_of_text(title: str) -> Genre | None:
    """The genre a document with this title has for the genre rules.

    The title's last 文种 word (``关于…的通知。`` → 通知: the period does not hide it); but an
    old-style forwarding title without its own 文种 (``国务院批转地质部……的报告``, 1980) is a 通知
    forwarding a report, not a report: its genre is unknown.
    """
    t = compact(title).rstrip(pt.END_PUNCT)
    if _FORWARD_RE.search(t) and not t.endswith("通知"):
        return None
    return genre_of_title(t)


def _genre(body: tuple[Paragraph, ...]) -> Genre | None:
    group = next((p.title_group for p in body if p.role is Role.TITLE), None)
    title = "".join(compact(_text_of(p, Role.TITLE)) for p in body if p.role is Role.TITLE and p.title_group == group)
    if title:
        return genre_of_text(title)
    for p in body:
        if p.role is Role.ORGAN_MARK:
            t = compact(p.text)
            if t.endswith("纪要"):
                return Genre.MINUTES
            if t.endswith(("命令", "令")):
                return Genre.ORDER
    return None


def _format(body: tuple[Paragraph, ...], genre: Genre | None) -> DocFormat:
    marks = [compact(p.text) for p in body if p.role is Role.ORGAN_MARK]
    numbers = [compact(p.text) for p in body if p.role is Role.DOC_NUMBER]
    if any(m.endswith("文件") for m in marks):
        return DocFormat.FILE
    if genre is Genre.ORDER or any(m.endswith(("命令", "令")) for m in marks) or any(
        ORDER_NUMBER_RE.match(n) for n in numbers
    ):
        return DocFormat.ORDER
    if genre is Genre.MINUTES or any(m.endswith("纪要") for m in marks):
        return DocFormat.MINUTES
    if genre is Genre.LETTER:
        return DocFormat.LETTER
    return DocFormat.FILE


def _text_of(p: Paragraph, role: Role) -> str:
    if not p.lines:
        return p.text
    return "".join(p.text[s.start:s.end] for s in p.lines if s.role is role)


# ---------------------------------------------------------------------------------------------
# Putting the decoded roles on the model


_RUNNING = frozenset({Role.BODY, Role.ATTACHMENT_BODY}) | HEADING_ROLES


def _decode_body(body: tuple[Paragraph, ...], vocab: Vocab) -> tuple[Paragraph, ...]:
    units = unit_mod.build(body, vocab)
    if not units:
        return tuple(p.with_role(Role.EMPTY) for p in body)
    scorer = Scorer(units, unit_mod.profile(units), vocab)
    emissions = [scorer.emission(k) for k in range(len(units))]
    flags = [scorer.flags(k, e) for k, e in enumerate(emissions)]
    decoded = viterbi.decode(emissions, flags, scorer.pair_cost)
    roles, confidence, misplaced = decoded.roles, decoded.confidence, decoded.misplaced
    by_para: dict[int, list[int]] = {}
    for k, u in enumerate(units):
        by_para.setdefault(id(u.p), []).append(k)
    # Title groups: each run of title units is one title.
    group_of: dict[int, int] = {}
    group = 0
    for k, role in enumerate(roles):
        if role is Role.TITLE:
            if k == 0 or roles[k - 1] is not Role.TITLE:
                group += 1
            group_of[k] = group
    out = []
    for p in body:
        ks = by_para.get(id(p))
        if not ks:
            out.append(p.with_role(Role.EMPTY))
            continue
        lines: tuple[LineRole, ...] = ()
        if len(ks) == 1:
            main = ks[0]
            role, sure, wrong = roles[main], confidence[main], misplaced[main]
        else:
            mine = [roles[k] for k in ks]
            # The paragraph's role: its first line's when all its lines are running text (a list
            # typed inside a paragraph), else its longest line's, a content role before a stray's.
            if all(r in _RUNNING for r in mine):
                main = ks[0]
            else:
                main = max(ks, key=lambda k: (roles[k] not in (Role.STRAY, Role.UNKNOWN), units[k].end - units[k].start, -k))
            role = roles[main]
            sure = min(confidence[k] for k in ks if roles[k] is role)
            wrong = any(misplaced[k] for k in ks if roles[k] is role)
            if len(set(mine)) > 1:
                lines = tuple(LineRole(units[k].start, units[k].end, roles[k], confidence[k]) for k in ks)
        lead = None
        if role in HEADING_ROLES:
            o = scorer.ordinals[main] if units[main].line == 0 else parse_ordinal(p.visible_text, lenient=True)
            lead = max(_lead(p.visible_text, o) - len(p.format.numbering_text or ""), 0)
        out.append(p.with_role(role, group_of.get(main), confidence=round(sure, 3),
                               misplaced=wrong, lines=lines, lead_end=lead))
    return tuple(out)


def _classify_other(p: Paragraph, part: str) -> Role:
    t = compact(p.visible_text)
    if not t:
        return Role.EMPTY
    if part.startswith(("footer", "header")):
        if "PAGE" in p.fields or PAGE_NUMBER_RE.match(t):
            return Role.PAGE_NUMBER
        return Role.UNKNOWN
    if part in ("footnotes", "endnotes"):
        return Role.BODY
    return Role.UNKNOWN


def analyse(doc: Document, vocab: Vocab | None = None) -> Document:
    """Return ``doc`` with roles, genre and format set (the input is not changed).

    ``vocab``: the configuration's words (:func:`load_vocab`); the packaged ones by default.
    """
    vocab = vocab or default()
    parts: dict[str, tuple[Paragraph, ...]] = {}
    for name, paragraphs in doc.parts.items():
        if name == "body":
            parts[name] = _decode_body(paragraphs, vocab)
        else:
            parts[name] = tuple(p.with_role(_classify_other(p, name)) for p in paragraphs)
    body = parts.get("body", ())
    genre = _genre(body)
    return replace(doc, parts=parts, genre=genre, format=_format(body, genre))
