"""Scopes larger than a role: the zones of a document and its items, worked out once.

A rule declares ``@rule(scope=…)`` instead of picking its own paragraphs:

- a **zone** — ``版头``, ``主体``, ``附件``, ``版记`` — the parts of GB/T 9704 ch. 7 (and the
  walk of :mod:`gongwen_lint.decoder.grammar`), named as the structure model names them.  A zone is
  the body paragraphs of its elements' roles, so what a rule sees is what ``inspect`` shows.  With
  ``roles`` the rule is called per paragraph of those roles inside the zone; without, once per
  document with the :class:`Zone` (when it has any paragraph).
- ``items`` — an :class:`Item`: a heading with the running text below it (up to the next heading
  or element), a heading that carries its paragraph run-in (``（一）加强组织领导。要……``), or a
  paragraph of running text under no heading.  Every paragraph of running text and every heading
  is in exactly one item, so a rule that reads items sees the whole text once.

Only the body part has zones and items: headers, footers and notes are no element of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import HEADING_ROLES, Document, Paragraph, Role

R = Role

HEAD, MAIN, ATTACHMENT, IMPRINT = "版头", "主体", "附件", "版记"
ITEMS = "items"
ZONES = (HEAD, MAIN, ATTACHMENT, IMPRINT)
SCOPES = (*ZONES, ITEMS)

#: The elements of each zone (GB/T 9704 7.2, 7.3, 7.3.7, 7.4).  A 主送机关 is in the 主体, except
#: one after the text (纪要 and long lists put it in the 版记, decoder position ``imp_addr``); the
#: headings of an attachment or of a document a notice issues are the 附件's.
_HEAD_ROLES = frozenset({R.COPY_NUMBER, R.SECRECY, R.URGENCY, R.ORGAN_MARK, R.DOC_NUMBER, R.SIGNER})
_MAIN_ROLES = frozenset({R.TITLE, R.ADDRESSEE, R.BODY, R.ATTACHMENT_NOTE, R.SIGNATURE, R.DATE, R.NOTE}) | HEADING_ROLES
_ATTACHMENT_ROLES = frozenset({R.ATTACHMENT_LABEL, R.ATTACHMENT_TITLE, R.ATTACHMENT_BODY})
_IMPRINT_ROLES = frozenset({R.CC, R.PRINTER})
#: After one of these, a 主送机关 is the 版记's.
_TEXT_BEFORE_IMPRINT = frozenset({R.BODY, R.SIGNATURE, R.DATE, R.NOTE, R.ATTACHMENT_BODY}) | HEADING_ROLES

_PROSE = frozenset({R.BODY, R.ATTACHMENT_BODY})


@dataclass(frozen=True)
class Zone:
    """One zone of a document: its body paragraphs in reading order."""

    name: str
    doc: Document
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Item:
    """A heading with its text, or a paragraph of running text under no heading.

    ``heading`` is None for the latter; ``paragraphs`` starts with the heading when there is one.
    """

    heading: Paragraph | None
    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> tuple[Paragraph, ...]:
        """The running text below the heading (the heading's own paragraph not included)."""
        return self.paragraphs[1:] if self.heading is not None else self.paragraphs


def zone_of(doc: Document) -> dict[int, str]:
    """Paragraph index (body) -> the zone it is in; paragraphs of no zone (empty, stray, unknown,
    covers, page numbers) are left out."""
    out: dict[int, str] = {}
    in_attachment = False
    text_seen = False
    for p in doc.body:
        role = p.role
        if role in (R.ATTACHMENT_LABEL, R.ATTACHMENT_TITLE):
            in_attachment = True
        if role in _HEAD_ROLES:
            out[p.index] = HEAD
        elif role in _IMPRINT_ROLES or (role is R.ADDRESSEE and text_seen):
            out[p.index] = IMPRINT
        elif role in _ATTACHMENT_ROLES or (role in HEADING_ROLES and in_attachment):
            out[p.index] = ATTACHMENT
        elif role in _MAIN_ROLES:
            out[p.index] = MAIN
        if role in _TEXT_BEFORE_IMPRINT:
            text_seen = True
    return out


def zone(doc: Document, name: str) -> Zone:
    """Zone ``name`` of ``doc`` (possibly without paragraphs)."""
    if name not in ZONES:
        raise ValueError(f"no zone {name!r}: zones are {ZONES}")
    where = zone_of(doc)
    return Zone(name, doc, tuple(p for p in doc.body if where.get(p.index) == name))


def items(doc: Document) -> list[Item]:
    """The items of ``doc`` in reading order: every heading and every paragraph of running text
    of the body in exactly one item.  Empty paragraphs neither join nor end an item; any other
    element (a title, an attachment label, the 署名) ends it."""
    out: list[Item] = []
    heading: Paragraph | None = None
    below: list[Paragraph] = []

    def close() -> None:
        nonlocal heading, below
        if heading is not None:
            out.append(Item(heading, (heading, *below)))
        heading, below = None, []

    for p in doc.body:
        if p.role in HEADING_ROLES:
            close()
            heading = p
        elif p.role in _PROSE:
            if heading is not None:
                below.append(p)
            else:
                out.append(Item(None, (p,)))
        elif p.role is not R.EMPTY:
            close()
    close()
    return out
