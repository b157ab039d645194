"""How a calendar date is written in running text: the pieces every date pattern is built from.

Two readers need dates and used to carry a grammar each: the timeline rules resolve a date to
the calendar (:mod:`gongwen_lint.rules._when`: ``2023年6月底前`` ends on 30 June 2023), and the
substance analysis asks whether a sentence holds a deadline at all
(:data:`gongwen_lint.substance.slots.DEADLINE_RE`).  A form learnt by one was unknown to the
other: ``2026 年 2 月 28 日前`` (spaces around the digits, as text pasted from a web page or
Markdown has them) was a deadline for the inventory but no date for GW631–GW634, and
``二〇二六年六月底前`` the reverse.  The year, month and day as written are defined here once.

Each piece is a regular-expression fragment without groups, so that a caller can wrap it in the
named groups it needs.
"""

from __future__ import annotations

#: A half-width space that may stand around the digits of a date (2026 年 2 月 28 日).
SPACE = " ?"
#: The characters of a year written digit by digit in Chinese (二〇二六年; ○ and 零 are misused
#: for 〇, GW502 reports them, but the year is still a year).
CN_YEAR_DIGITS = "〇○零一二三四五六七八九"
#: A year of the last or this century in Arabic digits, half- or full-width (2026, １９９５; not
#: 5000 in 5000年文明).
YEAR_ARABIC = r"(?:[1１][9９]|[2２][0０])\d{2}"
#: The same year written in Chinese digits (二〇二六, 一九九八).
YEAR_CHINESE = f"(?:一九|二[〇○零])[{CN_YEAR_DIGITS}]{{2}}"
#: Either way of writing a year, without its 年.
YEAR = f"{YEAR_ARABIC}|{YEAR_CHINESE}"
#: A month number: Arabic (6, 12) or a Chinese numeral (六, 十二).
MONTH_NUMBER = r"\d{1,2}|[一二三四五六七八九十]{1,2}"
#: A day number: Arabic (30) or a Chinese numeral (三十一).
DAY_NUMBER = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
#: A part of a month that ends or bounds a period (6月底, 3月上旬).
MONTH_PART = "底|末|上旬|中旬|下旬"

_CN_TO_ARABIC = str.maketrans(CN_YEAR_DIGITS, "000123456789")


def year_number(written: str) -> int:
    """The year a :data:`YEAR` match names (二〇二六 → 2026)."""
    return int(written.translate(_CN_TO_ARABIC))
