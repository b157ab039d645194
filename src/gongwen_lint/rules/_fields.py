"""Parsing of the fields the element and genre rules check: dates, document numbers, titles,
addressee lists, and the 文种 data of ``dictionaries/genres.toml``.

Kept apart from the rules so each rule stays a short statement of what the standard requires,
and so the evaluation scripts can reuse the parsers.  A leading underscore keeps the registry
from treating this module as a rule family (it registers nothing).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, replace

from .. import recache
from ..decoder.patterns import PERSON_TITLE_RE, PLACEHOLDER_RE
from ..decoder.vocab import GENRE_TAIL_RE, genre_data  # noqa: F401 - the genre data, one source
from ..diagnostics import Severity
from ..model import HEADING_ROLES, DocFormat, Document, Genre, Paragraph, Role
from ..relead import lookahead_first
from ..text import compact, doc_number_matches

# ---------------------------------------------------------------------------------------------
# Dates

#: Characters drafters use for the Chinese zero: 〇 (right), 零, ○ (circle), letters O/o, Ｏ, digit 0, Greek/Cyrillic O.
CN_ZERO = "〇零○OoＯｏ0ΟО"
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN_CHARS = "一二三四五六七八九十" + CN_ZERO

DATE_IN_TEXT_RE = recache.compile(
    lookahead_first(rf"(?P<y>\d{{2,4}}|[{_CN_CHARS}]{{2,4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_CHARS}]{{1,3}})\s*月\s*"
    rf"(?P<d>\d{{1,2}}|[{_CN_CHARS}]{{1,4}})\s*(?P<suffix>[日号])")
)
#: 2012.7.1, 2012-7-1, 2012/07/01 — not the 7.3.5.4 form.
DOTTED_DATE_RE = recache.compile(r"(?P<y>\d{4})\s*(?P<sep>[.．\-－/／])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d.])")


def _cn_value(s: str) -> int | None:
    """Value of a Chinese numeral in a date part: 二〇〇八, 二OO八, 十二, 二十六, 三十一."""
    s = "".join("〇" if c in CN_ZERO else c for c in s)
    if not s:
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CN_DIGIT) or (ones and ones not in _CN_DIGIT):
            return None
        t = _CN_DIGIT[tens] if tens else 1
        o = _CN_DIGIT[ones] if ones else 0
        return t * 10 + o
    value = 0
    for c in s:
        if c == "〇":
            value *= 10
        elif c in _CN_DIGIT and _CN_DIGIT[c] < 10:
            value = value * 10 + _CN_DIGIT[c]
        else:
            return None
    return value


@dataclass(frozen=True)
class DateField:
    """A date as written: its span, values and what is wrong with how it is written."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    chinese: bool  # written in Chinese numerals (any part)
    padded: bool  # 07月 / 01日
    short_year: bool  # 08年
    hao: bool  # 5号 instead of 5日
    dotted: bool  # 2012.7.1

    @property
    def valid(self) -> bool:
        if self.year is None or self.month is None or self.day is None:
            return False
        if not (1 <= self.month <= 12) or self.day < 1:
            return False
        return self.day <= calendar.monthrange(self.year, self.month)[1]

    @property
    def standard(self) -> str | None:
        """The GB/T 9704 7.3.5.4 form ``2012年7月1日``, when the value is certain."""
        if self.short_year or not self.valid:
            return None
        return f"{self.year}年{self.month}月{self.day}日"


def find_dates(text: str) -> list[DateField]:
    """Every date in ``text`` (Arabic, Chinese-numeral and dotted forms), left to right."""
    out: list[DateField] = []
    for m in DATE_IN_TEXT_RE.finditer(text):
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
        # A year of Chinese digits only (一九九〇), never 十 (that is 十年, a duration).
        if not y.isdigit() and ("十" in y or len(y) != 4):
            continue
        if y.isdigit() and not re.fullmatch(r"\d{4}|\d{2}", y):
            continue
        chinese = not (y.isdigit() and mo.isdigit() and d.isdigit())
        yv = int(y) if y.isdigit() else _cn_value(y)
        mv = int(mo) if mo.isdigit() else _cn_value(mo)
        dv = int(d) if d.isdigit() else _cn_value(d)
        short = y.isdigit() and len(y) == 2
        if short and yv is not None:
            yv = None
        padded = (mo.isdigit() and len(mo) == 2 and mo[0] == "0") or (d.isdigit() and len(d) == 2 and d[0] == "0")
        out.append(
            DateField(m.start(), m.end(), m.group(0), yv, mv, dv, chinese, padded, short, m.group("suffix") == "号", False)
        )
    for m in DOTTED_DATE_RE.finditer(text):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        out.append(
            DateField(
                m.start(), m.end(), m.group(0), int(m.group("y")), int(m.group("m")), int(m.group("d")),
                False, False, False, False, True,
            )
        )
    return sorted(out, key=lambda f: f.start)


def dated_paragraph(doc: Document, role: Role = Role.DATE) -> tuple[Paragraph, DateField] | None:
    """The first paragraph with ``role`` that holds a valid date, and that date: the 成文日期 by
    default, the 印发日期 with ``Role.PRINTER``.  The consistency rules (GW63x) measure deadlines
    and relative time words against it."""
    for p, span in doc.elements(role):  # a date on a soft-break line under its 署名 counts
        for f in find_dates(p.text[span.start:span.end]):
            if f.valid and not f.short_year:
                return p, replace(f, start=f.start + span.start, end=f.end + span.start)
    return None


def signing_date(doc: Document) -> datetime.date | None:
    """The 成文日期 as a date (None when the draft has none, or it is not a valid date)."""
    found = dated_paragraph(doc)
    if found is None:
        return None
    f = found[1]
    return datetime.date(f.year, f.month, f.day)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Document numbers (GB/T 9704 7.2.5)

# Words that cannot be part of a 机关代字: the 代字 starts after the last of them.
_NOT_PREFIX = recache.compile(
    r"(?:根据|依据|按照|依照|参照|遵照|对照|执行|贯彻|落实|印发|转发|关于|结合|以及|文件|精神|规定|要求|通知|的|和|及|与|或|即|经|据|按|依|见|将|由|在|为|是|等|号)"
)


@dataclass(frozen=True)
class DocNumber:
    """A document number as written, right or wrong (span over the whole number)."""

    start: int
    end: int
    text: str
    prefix: str  # 机关代字 as far as it can be told from the text ("" if unknown)
    year: str
    num: str
    problems: tuple[str, ...]
    fixed: str | None  # the 7.2.5 form; None when it cannot be derived safely

    @property
    def year_value(self) -> int | None:
        return int(self.year) if len(self.year) == 4 else None


_SPACES = recache.compile(r"[\s\u3000]+")


def find_doc_numbers(text: str, whole_line: bool = False) -> list[DocNumber]:
    """Document numbers in ``text`` with their problems against GB/T 9704 7.2.5.

    In running text the 机关代字 cannot be told from the words before it for sure, so the
    reported span starts after common lead words (根据, 按照 …); when what is left is longer
    than a plausible 代字 the span starts at the bracket.  ``whole_line``: the paragraph is the
    发文字号 line itself, so everything before the bracket is the 代字.
    """
    out: list[DocNumber] = []
    for m in doc_number_matches(text):  # none without 号 and a bracketed year: most paragraphs
        raw_prefix = m.group("prefix")
        if whole_line:
            prefix_start = m.start("prefix")
        else:
            cut = max((x.end() for x in _NOT_PREFIX.finditer(raw_prefix)), default=0)
            rest = raw_prefix[cut:]
            prefix_start = m.start("prefix") + cut if 1 <= len(rest) <= 8 else m.start("open")
        prefix = text[prefix_start: m.start("open")].strip()
        year, num = m.group("year"), m.group("num")
        span = text[prefix_start: m.end()]
        problems: list[str] = []
        if m.group("open") != "〔" or m.group("close") != "〕":
            problems.append("brackets")
        if len(year) != 4:
            problems.append("short_year")
        if m.group("ordinal"):
            problems.append("ordinal")
        if len(num) > 1 and num.startswith("0"):
            problems.append("padding")
        if re.search(r"[\s\u3000]", span):
            problems.append("spaces")
        fixed = None
        if len(year) == 4 and int(num) > 0:
            fixed = _SPACES.sub("", prefix) + f"〔{year}〕{int(num)}号"
        out.append(DocNumber(prefix_start, m.end(), span, prefix, year, num, tuple(problems), fixed))
    return out


def doc_number_year(doc: Document) -> int | None:
    """The year of the draft's own 发文字号, if it has one."""
    for p in doc.paragraphs(Role.DOC_NUMBER):
        for n in find_doc_numbers(p.text, whole_line=True):
            if n.year_value:
                return n.year_value
    return None


# ---------------------------------------------------------------------------------------------
# Titles, genres, formats


def title_paragraphs(doc: Document) -> list[Paragraph]:
    """The paragraphs of the (first) title."""
    titles = doc.paragraphs(Role.TITLE)
    if not titles:
        return []
    group = titles[0].title_group
    if group is None:
        return titles[:1]
    return [p for p in titles if p.title_group == group]


def title_text(doc: Document) -> str:
    return "".join(compact(p.text) for p in title_paragraphs(doc))


def genre_of(doc: Document) -> Genre | None:
    """The genre structure recognition decided (``Document.genre``).

    A document built without recognition (tests, examples) gets it from its title the same way
    (:func:`gongwen_lint.structure.genre_of_text`).
    """
    if doc.genre is not None or doc.format is not None:
        return doc.genre
    from ..structure import genre_of_text

    return genre_of_text(title_text(doc))


def format_of(doc: Document) -> DocFormat | None:
    """The format structure recognition decided (``Document.format``)."""
    return doc.format


_ATTACHMENT_ROLES = frozenset({Role.ATTACHMENT_LABEL, Role.ATTACHMENT_TITLE, Role.ATTACHMENT_BODY})


def main_text(doc: Document) -> list[Paragraph]:
    """The 正文 of the document itself: its body paragraphs and headings, not those of an
    attachment or of the document a notice issues (their headings follow attachment lines)."""
    out, attached = [], False
    for p in doc.body:
        if p.role in _ATTACHMENT_ROLES:
            attached = True
        elif p.role is Role.BODY:
            attached = False
        if p.role is Role.BODY or (p.role in HEADING_ROLES and not attached):
            out.append(p)
    return out


def severity_for(p: Paragraph, *more: Paragraph) -> Severity | None:
    """``None`` (the rule's own severity) when the roles a finding depends on are confident,
    else at most a warning: an uncertain paragraph gets no error (issue 13)."""
    if p.confident and all(q.confident for q in more):
        return None
    return Severity.WARNING


def has_header(doc: Document, confident: bool = False) -> bool:
    """The draft has a 版头 (发文机关标志 or 发文字号): it claims to be a complete document.

    ``confident``: count only confident 版头 lines (for error-level findings)."""
    return any(p.confident or not confident for p in doc.paragraphs(Role.ORGAN_MARK, Role.DOC_NUMBER))


# ---------------------------------------------------------------------------------------------
# Addressees

_PERSON_RE = PERSON_TITLE_RE  # one list of posts


def addressee_items(text: str) -> list[str]:
    """The organ names of a 主送 line: split on 、，, and ；, end colon dropped."""
    t = compact(text).rstrip("：:。.，,；;")
    return [x for x in re.split(r"[、，,；;]", t) if x]


def person_in_addressee(text: str) -> str | None:
    """An item naming a person or post (``张三同志``, ``王市长``), not an organ."""
    for item in addressee_items(text):
        if "领导小组" in item or item.endswith(("委员会主任会议",)):
            continue
        if _PERSON_RE.search(item):
            return item
    return None


# ---------------------------------------------------------------------------------------------
# Where a missing element should be

def last_index(doc: Document, *roles: Role) -> int | None:
    found = [p.index for p in doc.body if p.role in roles]
    return max(found) if found else None


def first_index(doc: Document, *roles: Role) -> int | None:
    found = [p.index for p in doc.body if p.role in roles]
    return min(found) if found else None


def paragraph_at(doc: Document, index: int) -> Paragraph:
    """The body paragraph with ``index``, clamped to the document."""
    body = doc.body
    for p in body:
        if p.index >= index:
            return p
    return body[-1]




def has_placeholder(text: str) -> bool:
    """Template text not filled in (``[主送单位]``, ``XXXX``, ``此处输入``): GW306 reports it, and the
    element rules do not judge the form of what is not written yet."""
    return bool(PLACEHOLDER_RE.search(text))
