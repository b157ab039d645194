"""Heading ordinals (层次序数) as drafters write them, right or wrong, and shared char classes.

GB/T 9704-2012 7.3.3 numbers the levels ``一、`` → ``（一）`` → ``1.`` → ``（1）``.  Drafters get the
level right far more often than the form, so :func:`parse_ordinal` reads the *level* from the
shape (a Chinese numeral with a mark is level 1, a bracketed Chinese numeral level 2, an Arabic
numeral with a mark level 3, a bracketed Arabic numeral level 4) and separately says whether the
*form* is the standard one.  Structure recognition may give a wrongly numbered line the role
BODY, so the heading rules detect ordinal lines from the text themselves.

Word's automatic numbering is part of what the reader sees: rules parse
``Paragraph.visible_text`` and learn from :attr:`Ordinal.in_label` that the ordinal is not in
``Paragraph.text`` (then no text fix is possible).

One parser for structure recognition and the heading rules, so a line the recogniser calls a
heading is the line GW301–GW303 count.  Some starts read two ways — ``一、二级医院`` (an ordinal,
or "level-one and level-two hospitals"), ``3、4月份`` — and only the context decides: the strict
parse rejects them, :func:`parse_ordinal` with ``lenient=True`` returns them marked
:attr:`Ordinal.ambiguous`, and :func:`paragraph_ordinal` accepts them on a paragraph the
recogniser made a heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import recache
from .model import HEADING_ROLES, Paragraph
from .text import is_cjk

CN_NUMERALS = "一二三四五六七八九十"

#: Chinese punctuation and brackets: a neighbour from this set puts a mark in Chinese context.
CJK_PUNCT = set("，。、；：？！“”‘’（）《》〔〕【】…—～·「」『』〈〉［］｛｝〖〗")

_SPACE = " \t\u3000\u00a0"


def cn_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (ordinals up to 99)."""
    if n < 10:
        return "〇一二三四五六七八九"[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else "〇一二三四五六七八九"[tens]
    return head + "十" + ("" if ones == 0 else "〇一二三四五六七八九"[ones])


_CN_VALUES = {cn_ordinal(n): n for n in range(1, 100)}

# Bracketed ordinals: （一） （1） and the wrong (一) (1) （一）、 （ 1 ）.
_BRACKETED = recache.compile(
    r"(?P<open>[（(])[ \u3000]*(?P<num>[一二三四五六七八九十]{1,3}|\d{1,2})[ \u3000]*(?P<close>[）)])"
    r"(?P<mark>[、.．，,])?"
)
# Chinese numeral with a mark: 一、 and the wrong 一. 一． 一， 一,
_CN_MARKED = recache.compile(r"(?P<num>[一二三四五六七八九十]{1,3})[ \u3000]*(?P<mark>[、.．，,])")
# Arabic numeral with a mark: 1. and the wrong 1、 1． 1， 1) 1）.  ``1.5`` is a decimal.
_AR_MARKED = recache.compile(r"(?P<num>\d{1,2})[ \u3000]*(?P<mark>\.(?!\d)|[、．，,）)])")
# 一、二级 / 3、4月 at a paragraph start are enumerations of numbers, not ordinals.
_NUMBER_LIST_AFTER = recache.compile(r"[ \u3000]*(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、]?[级类等档批期个次年月日号倍成]")


@dataclass(frozen=True)
class Ordinal:
    """A heading ordinal at the start of a paragraph's visible text."""

    level: int  # 1: 一、  2: （一）  3: 1.  4: （1）
    value: int
    start: int  # offsets into the visible text (label + text)
    end: int
    written: str  # as written
    standard: str  # the GB/T 9704 form of the same ordinal
    label_len: int = 0  # length of the automatic-numbering label in front of the text
    ambiguous: bool = False  # also reads as an enumeration of numbers (一、二级, 3、4月)

    @property
    def ok(self) -> bool:
        return self.written == self.standard

    @property
    def in_label(self) -> bool:
        """The ordinal (partly) comes from Word's automatic numbering, not from the text."""
        return self.start < self.label_len

    @property
    def text_span(self) -> tuple[int, int]:
        """The span in ``Paragraph.text`` (only meaningful when not :attr:`in_label`)."""
        return self.start - self.label_len, self.end - self.label_len


def standard_form(level: int, value: int) -> str:
    num = cn_ordinal(value) if level in (1, 2) else str(value)
    return {1: f"{num}、", 2: f"（{num}）", 3: f"{num}.", 4: f"（{num}）"}[level]


#: What an ordinal can start with (after leading spaces): a bracket or a Chinese numeral; any
#: other character but a decimal digit (``\\d``: ``str.isdecimal``) starts none.
_FIRST = frozenset("（(" + CN_NUMERALS)


def parse_ordinal(text: str, label_len: int = 0, lenient: bool = False) -> Ordinal | None:
    """The heading ordinal that starts ``text`` (leading spaces skipped), or None.

    ``lenient`` also returns starts that read as a list of numbers (``一、二级``), marked
    :attr:`Ordinal.ambiguous`.

    Most lines start with none: their first character is looked at before any pattern is tried,
    and the patterns match at the offset rather than on a copy of the rest of the line (the
    rules and recognition ask this of every paragraph, several times; issue 18).
    """
    i = 0
    n = len(text)
    while i < n and text[i] in _SPACE:
        i += 1
    if i == n or (text[i] not in _FIRST and not text[i].isdecimal()):
        return None
    m = _BRACKETED.match(text, i)
    if m:
        num = m.group("num")
        value: int | None
        if num.isdigit():
            level, value = 4, int(num)
        else:
            level, value = 2, _CN_VALUES.get(num)
        if not value:
            return None
        return _make(level, value, i, m.end(), m.group(0), label_len)
    m = _CN_MARKED.match(text, i)
    if m:
        value = _CN_VALUES.get(m.group("num"))
        end, mark = m.end(), m.group("mark")
        if not value or (mark != "、" and not _heading_like(text, end, mark)):
            return None
        ambiguous = mark == "、" and bool(_NUMBER_LIST_AFTER.match(text, end))
        if ambiguous and not lenient:
            return None
        return _make(1, value, i, end, m.group(0), label_len, ambiguous)
    m = _AR_MARKED.match(text, i)
    if m and m.group("num")[0] != "0":
        value = int(m.group("num"))
        end, mark = m.end(), m.group("mark")
        if mark != "." and not _heading_like(text, end, mark):
            return None
        ambiguous = mark == "、" and bool(_NUMBER_LIST_AFTER.match(text, end))
        if ambiguous and not lenient:
            return None
        level = 4 if mark in ")）" else 3
        return _make(level, value, i, end, m.group(0), label_len, ambiguous)
    return None


def _heading_like(text: str, start: int, mark: str = "") -> bool:
    """A wrong mark only makes an ordinal when text follows (``text[start:]``) that no number
    reading explains.

    ``1,000`` and ``一,二`` are numbers; Chinese text, an opening quote or bracket, or a Latin
    word (``2，php…``, ``四．GIT…``) start a heading.  After a full-width dot ``．`` (never a
    decimal point in Chinese text) a Chinese numeral is heading text too (``1．一级标题``).
    """
    n = len(text)
    while start < n and text[start] in _SPACE:
        start += 1
    if start == n:
        return False
    ch = text[start]
    if ch in CN_NUMERALS:
        return mark == "．"
    return is_cjk(ch) or ch in "“《（〔" or (ch.isascii() and ch.isalpha())


def _make(level: int, value: int, start: int, end: int, written: str, label_len: int,
          ambiguous: bool = False) -> Ordinal:
    return Ordinal(level, value, start, end, written, standard_form(level, value), label_len, ambiguous)


def paragraph_ordinal(p: Paragraph) -> Ordinal | None:
    """The ordinal a reader sees at the start of ``p`` (automatic numbering included).

    A start that also reads as a list of numbers (``一、二级…``) counts only on a paragraph
    structure recognition made a heading.
    """
    label = p.format.numbering_text or ""
    return parse_ordinal(label + p.text, len(label), lenient=p.role in HEADING_ROLES)


# Lines that anchor a new list in laws and rules: 第一章 / 第三条 / 第二节 / 第一部分.
_ANCHOR = recache.compile(r"^[ \u3000#]*第[一二三四五六七八九十百零〇\d]{1,6}[章节条编部分]")
_ATTACHMENT_LINE = recache.compile(r"^[ \u3000]*附件[ \u3000]*[\d一二三四五六七八九十]{0,3}[ \u3000]*$")


def is_anchor(text: str) -> bool:
    """A 第X条/章/节 line: the (一)(二) lists under it restart, like under a heading."""
    return bool(_ANCHOR.match(text))


def is_attachment_label(text: str) -> bool:
    """A bare ``附件`` / ``附件2`` line (plain-text drafts, where no role says so)."""
    return bool(_ATTACHMENT_LINE.match(text))


def is_cjkish(ch: str) -> bool:
    """A Han character or Chinese punctuation: its neighbour is in Chinese context."""
    return bool(ch) and (is_cjk(ch) or ch in CJK_PUNCT)
