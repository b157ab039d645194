"""Points in time written in running text, resolved to calendar dates.

``2023年6月底前`` ends on 30 June 2023, ``今年三季度`` on 30 September of the 成文日期's year,
``3月5日（星期二）`` names a weekday.  Each :class:`When` keeps its span and how it was written, so
the timeline rules (GW631–GW634) can quote it.  Relative words (今年, 明年, 本月) need the
成文日期 to resolve; without one they stay unresolved and the rules say nothing.

A leading underscore keeps the rule registry from treating this module as a rule family.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .. import dates, recache
from ..relead import lookahead_first
from ._amounts import cn_numeral

_SP = dates.SPACE
_YEAR = rf"(?P<y>{dates.YEAR}){_SP}年|(?P<rel>今年|本年|当年|明年|来年|次年|下一年|去年|上年)"
#: A point in time, as precise as it is written, ending a deadline or a period (the pieces of a
#: date, spaces around its digits included, are :mod:`gongwen_lint.dates`').
WHEN_RE = recache.compile(
    lookahead_first(rf"(?:(?:{_YEAR})(?:度)?{_SP})?"
    r"(?:"
    rf"(?P<m>{dates.MONTH_NUMBER}){_SP}月(?:份)?(?:{_SP}(?P<d>{dates.DAY_NUMBER}){_SP}[日号]|(?P<part>{dates.MONTH_PART}|中|初))?"
    r"|(?P<q>第?[一二三四1-4])季度(?:末)?"
    r"|(?P<half>上半年|下半年)"
    r"|(?P<yend>年底|年末|底)"
    r"|(?P<month_rel>本月|当月|下月|下个月)(?:(?P<md>\d{1,2})[日号]|(?P<mpart>底|末|上旬|中旬|下旬))?"
    r")")
)
# What every point in time holds, as words alone: whether there is one is all that is asked, and
# 年底 finds every 9年底 the hint used to name too.  A pattern of literal words alone is scanned for
# by its first characters; an alternative opening with \d made the engine try it at every
# character (issue 18).
_HINT = recache.compile(r"月|季度|半年|年底|年末")
_WORD_MONTH = recache.compile(r"[一二三四五六七八九十]")
_BARE_YEAR_RE = recache.compile(lookahead_first(rf"(?<!\d)({dates.YEAR}){_SP}年(?![度初底末])"))
_WEEKDAY_RE = recache.compile(r"^[（(]?(?:星期|周|礼拜)(?P<w>[一二三四五六日天])[）)]?")
_WEEKDAYS = "一二三四五六日"


def _n(s: str | None) -> int | None:
    if s is None:
        return None
    return int(s) if s.isdigit() else cn_numeral(s)


@dataclass(frozen=True)
class When:
    start: int
    end: int
    text: str
    date: datetime.date | None  # the last day the expression covers (None: cannot be resolved)
    explicit_year: bool  # the year is written as a number (2023年)
    has_year: bool  # a year is given at all (2023年 or 今年)
    day: bool  # precise to the day
    first: datetime.date | None = None  # the first day it covers
    year_from_reference: bool = False  # a bare 6月30日 read in the 成文日期's year


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def resolve(m: re.Match, reference: datetime.date | None, context_year: int | None = None) -> When:
    """The calendar date a match of :data:`WHEN_RE` ends on (``reference`` is the 成文日期;
    ``context_year`` the year an earlier date of the same sentence gave, for ``5月1日至5月31日``)."""
    g = m.groupdict()
    year: int | None = None
    borrowed = False
    explicit = bool(g["y"])
    if g["y"]:
        year = dates.year_number(g["y"])
    elif g["rel"] and reference is not None:
        offset = {"今年": 0, "本年": 0, "当年": 0, "明年": 1, "来年": 1, "次年": 1, "下一年": 1, "去年": -1, "上年": -1}[g["rel"]]
        year = reference.year + offset
    has_year = bool(g["y"] or g["rel"])
    end = first = None
    day = False
    mo: int | None
    try:
        if g["month_rel"]:
            if reference is not None:
                y, mo = reference.year, reference.month
                if g["month_rel"] in ("下月", "下个月"):
                    y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
                d = _n(g["md"])
                part = g["mpart"]
                day = d is not None
                end = datetime.date(y, mo, d if d else _part_day(part, y, mo))
                has_year = True
        elif g["m"]:
            mo = _n(g["m"])
            day = g["d"] is not None  # precise to the day even when the year is not known
            if year is None and context_year is not None:
                year = context_year
            elif year is None and reference is not None and not has_year:
                year, borrowed = reference.year, True  # 6月30日前: the 成文日期's year (the caller judges the doubt)
            if year is not None and mo and 1 <= mo <= 12:
                d = _n(g["d"])
                day = d is not None
                end = datetime.date(year, mo, d if d else _part_day(g["part"], year, mo))
                first = datetime.date(year, mo, d if d else _first_day(g["part"]))
        elif year is not None and g["q"]:
            q = _n(g["q"].lstrip("第")) or 0
            end = datetime.date(year, 3 * q, _last_day(year, 3 * q)) if 1 <= q <= 4 else None
        elif year is not None and g["half"]:
            end = datetime.date(year, 6, 30) if g["half"] == "上半年" else datetime.date(year, 12, 31)
        elif g["yend"]:
            if year is None and reference is not None and g["yend"] != "底":
                year = reference.year  # 年底前: this year's
            end = datetime.date(year, 12, 31) if year is not None else None
    except ValueError:  # 2月30日: GW103/GW503 territory
        end = None
    return When(m.start(), m.end(), m.group(0), end, explicit, has_year, day, first, borrowed)


def _part_day(part: str | None, year: int, month: int) -> int:
    return {"上旬": 10, "中旬": 20, "初": 10, "中": 20}.get(part or "", _last_day(year, month))


def _first_day(part: str | None) -> int:
    return {"中旬": 11, "下旬": 21, "中": 11, "底": 21, "末": 21}.get(part or "", 1)


def mentions_time(text: str) -> bool:
    """Whether :func:`find_whens` may find anything in ``text`` or in any part of it (the hint
    holds no punctuation, so a paragraph without one has no sentence with one)."""
    return _HINT.search(text) is not None


def find_whens(text: str, reference: datetime.date | None) -> list[When]:
    """Every point in time in ``text`` (bare years alone, 2023年, are not points in time)."""
    if not mentions_time(text):
        return []  # most sentences name no month, quarter or year end: skip the long pattern
    out: list[When] = []
    context_year: int | None = None
    years = [(y.start(), dates.year_number(y.group(1))) for y in _BARE_YEAR_RE.finditer(text)]
    for m in WHEN_RE.finditer(text):
        for at, y in years:
            if at < m.start() and (not out or at >= out[-1].end):
                context_year = y  # 2023年，……6月底前: the month is in 2023
        if m.group("y"):
            context_year = dates.year_number(m.group("y"))
        elif m.group("rel") and reference is not None:
            context_year = None  # resolved from the reference itself
        if not (m.group("m") or m.group("q") or m.group("half") or m.group("yend") or m.group("month_rel")):
            continue
        if m.group("yend") == "底" and not (m.group("y") or m.group("rel")):
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        if _WORD_MONTH.match(text, m.start()) and not (m.group("y") or m.group("rel")):
            before = text[m.start() - 1] if m.start() else ""
            if ("\u4e00" <= before <= "\u9fff" and before not in "于在至到止迄和及或、") or text[m.end():m.end() + 1] == "度":
                continue  # 统一月度, 每一月: a word, not a month
        w = resolve(m, reference, context_year if not (m.group("y") or m.group("rel")) else None)
        if w.date is not None and w.has_year:
            context_year = w.date.year
        out.append(w)
    return out


def weekday_after(text: str, end: int) -> tuple[int, int, int] | None:
    """``(start, end, weekday 0=Monday)`` of a weekday written right after a date (（星期二）)."""
    m = _WEEKDAY_RE.match(text[end:])
    if not m:
        return None
    w = m.group("w")
    return end, end + m.end(), 6 if w in "日天" else _WEEKDAYS.index(w)


WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
