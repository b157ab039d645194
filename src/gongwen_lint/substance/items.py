"""The work items of a draft: what the substance model judges one by one.

An item is a paragraph of running text (正文, 附件正文), or a heading that carries its paragraph
run-in — ``（一）加强组织领导。要进一步加强领导……`` — whose lead (``加强组织领导。``) and text are
judged together.  Left out: headings that are only titles, lead-ins that end in a colon (现将有关
事项通知如下：), closing formulas (特此通知。请认真贯彻执行。) and scraps of a few characters.

Each item knows the headings above it, and whether it sits in a 背景/意义/指导思想/原则 section
(a *preamble*: principles there are expected, so they are neither reported nor counted in the
干货率 — GW705 measures how long such sections are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import HEADING_ROLES, Document, Paragraph, Role

PROSE_ROLES = frozenset({Role.BODY, Role.ATTACHMENT_BODY})
_LEVEL = {Role.HEADING1: 1, Role.HEADING2: 2, Role.HEADING3: 3, Role.HEADING4: 4}
#: A leading ordinal: 一、 （一） 1. 1、 （1） ① 第一条 — not part of what an item says.
ORDINAL_RE = re.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)]"
    r"|[①-⑳]|第[一二三四五六七八九十百]+条)[\s\u3000]*"
)
_CLOSING_RE = re.compile(
    r"^(?:特此(?:通知|报告|批复|函告|函复|通报|公告|通告|请示)|"
    r"(?:以上|上述)?[^。]{0,20}?(?:请|望)[^。]{0,16}?(?:贯彻执行|遵照执行|认真执行|参照执行|研究执行|组织实施|贯彻落实|执行)|"
    r"此复|专此报告|当否，请批示|妥否，请批示)[。！]?$"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_HAN = 6


def heading_lead_end(p: Paragraph) -> int | None:
    """Where the lead of a run-in heading ends (after its first 。；：), or None when the heading
    carries no paragraph.  A stand-in until the structure decoder (issue 13) marks the lead."""
    if p.role not in HEADING_ROLES:
        return None
    m = re.search(r"[。；：:]", p.text)
    if m is None or not _HAN.search(p.text[m.end():]):
        return None
    return m.end()


def heading_label(text: str) -> str:
    """The heading proper: up to its first full stop (a run-in heading carries its paragraph)."""
    return re.split(r"[。；：:]|(?<=.)[（(]", text, maxsplit=1)[0][:30]


@dataclass(frozen=True)
class Span:
    """A paragraph as one item: ``p.text[start:end]`` is what is judged (ordinal stripped)."""

    p: Paragraph
    start: int
    end: int
    lead_end: int | None  # run-in heading: end of its lead; None for a plain paragraph
    headings: tuple[str, ...]  # labels of the enclosing headings, outermost first
    preamble: bool  # inside a 背景/意义/指导思想/原则 section


def _is_item_text(text: str) -> bool:
    t = text.strip()
    if len(_HAN.findall(t)) < MIN_HAN:
        return False
    if t.endswith(("：", ":")):
        return False  # a lead-in: 现将有关事项通知如下：
    return not _CLOSING_RE.match(t)


def spans(doc: Document, preamble_keys: list[str]) -> list[Span]:
    """The items of ``doc`` in reading order (body part only: the draft's own text)."""
    out: list[Span] = []
    stack: dict[int, str] = {}
    for p in doc.body:
        if p.role in HEADING_ROLES:
            level = _LEVEL[p.role]
            stack = {k: v for k, v in stack.items() if k < level}
            stack[level] = heading_label(ORDINAL_RE.sub("", p.text))
            lead = heading_lead_end(p)
            if lead is None:
                continue
        elif p.role in PROSE_ROLES:
            lead = None
        else:
            if p.role in (Role.ATTACHMENT_LABEL, Role.ATTACHMENT_TITLE):
                stack = {}
            continue
        m = ORDINAL_RE.match(p.text)
        start = m.end() if m else 0
        end = len(p.text.rstrip())
        if not _is_item_text(p.text[start:end]):
            continue
        headings = tuple(stack[k] for k in sorted(stack))
        preamble = any(k in h for h in headings for k in preamble_keys)
        out.append(Span(p, start, end, lead, headings, preamble))
    return out
