"""The GB/T 9704 element order, written once as data.

A document is read as a walk through *positions*; each position admits some roles and leads to
the positions that may follow it.  The walk, top to bottom::

    [封面 [标题] 目录]                                  covers and tables of contents (reports, plans)
    版头    份号? 密级? 紧急程度? 发文机关标志* (发文字号 签发人*)?      GB/T 9704 7.2
            命令式: 标志(…令) 令号 → 正文;  纪要式: 标志(…纪要) 期号 (机关 日期)? → 正文
    主体    标题+ 主送* 正文(层次标题)… 附件说明* 署名* 成文日期 (署名 成文日期)* 附注*   7.3
    [印发、转发、批转的文件: 标题 正文(层次标题)…]*   the issued document after the 成文日期, no 附件 label
    附件*   附件标识 附件标题* 附件正文(层次标题)…                                        7.3.7
    版记    主送? 抄送* 印发机关和印发日期?                                                7.4

Any position may hold a stray line (``STRAY``) or a line that belongs to no element
(``UNKNOWN``: a 电报 head's field, a decoration), except inside a title.  An element whose
identity does not depend on where it sits (``抄送：``, ``附件：``, a 发文字号 line, ``（此件公开发布）``)
may also appear where the order does not expect it: it is then *misplaced* (GW108), at a cost,
only at the positions listed in :data:`MISPLACED`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import HEADING_ROLES, Role

R = Role


@dataclass(frozen=True)
class Position:
    name: str
    roles: frozenset[Role]
    next: tuple[str, ...]
    #: a unit flag the position needs (``order_mark``: the mark ends with 令/命令 …)
    requires: str | None = None
    #: entering the position puts its element out of the GB/T 9704 order (GW108)
    misplaced: bool = False


def _p(name: str, roles, nxt: str, requires: str | None = None, misplaced: bool = False) -> Position:
    return Position(name, frozenset(roles), tuple(nxt.split()), requires, misplaced)


_HEAD = "copy secrecy urgency mark mark_order mark_minutes number head_misc"
_AFTER_DATE = "note signature_j att_label issued_title section_title imp_addr cc printer tail"
_IMPRINT = "imp_addr cc printer"

POSITIONS: tuple[Position, ...] = (
    # a fragment may start anywhere in the 主体 (a quick check of a 附件说明 or a date line)
    _p("start", (), f"lead cover toc {_HEAD} title addressee body att_note signature date"),
    # stray or unknown lines before anything else (a pasted web header): they lead nowhere new
    _p("lead", (), f"lead cover toc {_HEAD} title addressee body att_note signature date"),
    # covers and tables of contents
    _p("cover", {R.COVER}, f"cover cover_title toc {_HEAD} title body"),
    _p("cover_title", {R.TITLE}, "cover_title cover_after toc_titled body_titled"),
    _p("cover_after", {R.COVER}, "cover_after toc_titled body_titled"),
    _p("toc", {R.TOC}, f"toc {_HEAD} title body"),
    _p("toc_titled", {R.TOC}, "toc_titled body_titled"),
    # 版头
    _p("copy", {R.COPY_NUMBER}, "secrecy urgency mark mark_order mark_minutes number head_misc title"),
    _p("secrecy", {R.SECRECY}, "urgency mark mark_order mark_minutes number head_misc title"),
    _p("urgency", {R.URGENCY}, "mark mark_order mark_minutes number head_misc title"),
    _p("mark", {R.ORGAN_MARK}, "mark number signer head_misc title addressee body"),
    _p("number", {R.DOC_NUMBER}, "signer head_misc title addressee body"),
    _p("signer", {R.SIGNER}, "signer number head_misc title"),
    _p("head_misc", {R.UNKNOWN, R.PAGE_NUMBER}, "head_misc mark number signer title"),
    _p("mark_order", {R.ORGAN_MARK}, "number_order body", requires="order_mark"),
    _p("number_order", {R.DOC_NUMBER}, "body"),
    _p("mark_minutes", {R.ORGAN_MARK}, "number_minutes minutes_date body title", requires="minutes_mark"),
    _p("number_minutes", {R.DOC_NUMBER}, "minutes_date body title"),
    _p("minutes_date", {R.DATE}, "body title", requires="issuer_date"),
    # 主体
    _p("title", {R.TITLE}, "title byline addressee body att_note signature date"),
    # a short line under the title before the 主送 (a speech's date or speaker)
    _p("byline", {R.BODY}, "byline addressee", requires="short_line"),
    _p("addressee", {R.ADDRESSEE}, "addressee body"),
    _p("body", {R.BODY} | HEADING_ROLES, f"body att_note signature date att_label in_label section_title {_IMPRINT} tail"),
    _p("body_titled", {R.BODY} | HEADING_ROLES, f"body_titled att_note signature date att_label {_IMPRINT} tail"),
    # an attachment put inside the 主体, before the 署名 (GW108 reports its label once)
    _p("in_label", {R.ATTACHMENT_LABEL}, "in_title in_body", misplaced=True),
    _p("in_title", {R.ATTACHMENT_TITLE}, "in_title in_body"),
    _p("in_body", {R.ATTACHMENT_BODY} | HEADING_ROLES, "in_body body att_note signature date"),
    _p("att_note", {R.ATTACHMENT_NOTE}, f"att_note signature date att_label {_IMPRINT}"),
    _p("signature", {R.SIGNATURE}, f"signature date note att_label issued_title {_IMPRINT} tail"),
    _p("date", {R.DATE}, _AFTER_DATE),
    _p("signature_j", {R.SIGNATURE}, "signature_j date_j"),
    _p("date_j", {R.DATE}, _AFTER_DATE),
    _p("note", {R.NOTE}, "note att_label issued_title imp_addr cc printer tail"),
    # issued documents and attachments
    _p("issued_title", {R.ATTACHMENT_TITLE}, "issued_title att_body", requires="issued_title"),
    # a part of its own on a new page under a title of its own (a reference text after the text)
    _p("section_title", {R.ATTACHMENT_TITLE}, "section_title att_body", requires="page_title"),
    _p("att_label", {R.ATTACHMENT_LABEL}, "att_title att_body att_label"),
    _p("att_title", {R.ATTACHMENT_TITLE}, f"att_title att_body att_label {_IMPRINT}"),
    # an attachment (or the issued document) is a section with its own headings
    _p("att_body", {R.ATTACHMENT_BODY} | HEADING_ROLES, f"att_body att_note_in att_label section_title {_IMPRINT} tail"),
    # the issued or attached document's own 附件说明 (a 印发 notice's 实施意见 lists its attachments)
    _p("att_note_in", {R.ATTACHMENT_NOTE}, f"att_note_in att_body att_label {_IMPRINT} tail"),
    # 版记
    _p("imp_addr", {R.ADDRESSEE}, "imp_addr cc printer tail", requires="imprint_addressee"),
    _p("cc", {R.CC}, "cc printer imp_addr tail"),
    _p("printer", {R.PRINTER}, "printer tail"),
    _p("tail", {R.UNKNOWN, R.PAGE_NUMBER}, "tail"),
)

#: Cost (log-odds) of entering a position from another: readings the standard allows but that
#: are less usual than the others.
EDGE_COST: dict[tuple[str, str], float] = {
    ("start", "body"): -0.5,
    ("start", "addressee"): -1.0,
    ("start", "att_note"): -1.5,
    ("start", "signature"): -2.0,
    ("start", "date"): -1.5,
    ("mark", "body"): -2.0,
    ("number", "body"): -2.0,
    ("title", "att_note"): -2.0,
    ("title", "byline"): -1.0,
    ("title", "signature"): -1.5,
    ("title", "date"): -1.5,
    ("date", "signature_j"): -1.0,
    ("date_j", "signature_j"): -1.0,
    ("body", "tail"): -3.0,
    ("signature", "tail"): -3.0,
    ("signature", "issued_title"): -1.0,
    ("signature", "note"): -1.5,  # the 成文日期 is missing (GW101 says so)
    ("body", "in_label"): -2.0,
    ("in_body", "body"): -1.5,
    ("body", "section_title"): -1.0,
}

#: Roles that may sit out of the GB/T 9704 order (strong evidence only), and where.
MISPLACED: dict[Role, tuple[str, ...]] = {
    R.COPY_NUMBER: ("secrecy", "urgency", "mark", "number"),
    R.SECRECY: ("urgency", "mark", "number"),
    R.URGENCY: ("mark", "number"),
    R.DOC_NUMBER: ("title", "addressee", "body"),
    R.SIGNER: ("title", "addressee"),
    R.ATTACHMENT_NOTE: ("signature", "date", "date_j", "note", "body", "body_titled"),
    R.NOTE: ("body", "att_note", "signature", "body_titled"),
    R.ATTACHMENT_LABEL: ("att_note", "body_titled"),
    R.CC: ("title", "addressee", "body", "att_note", "signature", "body_titled"),
    R.PRINTER: ("title", "addressee", "body", "att_note", "signature", "date", "note", "body_titled"),
}
MISPLACED_COST = -2.0

#: Roles any position may hold without moving on (a stray line, an unknown line).  A walk never
#: enters a position with one (that would skip the element that opens it), and a title does not
#: go on after one (its lines are consecutive).
INSERTS = frozenset({R.STRAY, R.UNKNOWN})
#: An insert with little evidence of its own (a short line that might be an unknown field) is
#: read as one only where short lines that are no element occur: around the 版头 and the title,
#: on covers, in the 版记.  In running text a short line is text.
WEAK_INSERT_AT = frozenset("copy secrecy urgency mark number signer title addressee date date_j note cc printer".split())
WEAK_INSERT = -1.0  # an insert scoring at most this is weak
NO_RESUME = frozenset({"title", "cover_title", "issued_title", "section_title", "att_title", "in_title"})

BY_NAME: dict[str, Position] = {p.name: p for p in POSITIONS}

#: The main line of the walk (no variants): the order GW108's messages name.
_MAIN_LINE = "copy secrecy urgency mark number signer title addressee body att_note signature date note att_label att_title att_body cc printer"
RANK: dict[Role, int] = {}
for _n, _name in enumerate(_MAIN_LINE.split()):
    for _role in BY_NAME[_name].roles:
        RANK.setdefault(_role, _n)


def _check() -> None:
    for p in POSITIONS:
        for n in p.next:
            assert n in BY_NAME, f"{p.name} -> {n}"
    for positions in MISPLACED.values():
        for n in positions:
            assert n in BY_NAME, n


_check()
