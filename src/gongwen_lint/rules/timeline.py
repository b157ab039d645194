"""Dates that fit (GW631–GW634): deadlines and periods after the 成文日期, the 印发日期 not before it,
relative years that agree with the written ones, weekdays that match their dates.

Everything is measured against the 成文日期 the structure recogniser found (``_fields``): a
draft without one gets no finding here.  Deadlines count only in directive sentences (请、要、
应、须、确保…于……前) without a word of the past (已、曾、了、截至目前): a 通报 recounting what
an earlier notice required is not setting a deadline.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from .. import recache
from ..diagnostics import Diagnostic, Severity
from ..model import HEADING_ROLES, Document, Genre, Paragraph, Role
from ..relead import lookahead_first
from ..text import mask, sentences
from ._amounts import cn_numeral
from ._data import load_toml
from ._fields import dated_paragraph, find_dates, genre_of, signing_date, title_text
from ._when import WEEKDAY_NAMES, When, find_whens, mentions_time, weekday_after
from .context import Context
from .registry import rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING
MAIN = frozenset({Role.BODY}) | HEADING_ROLES
_FORWARDING = recache.compile(r"转发|批转")


def _text_paragraphs(doc: Document, attachments: bool = True) -> list[Paragraph]:
    """The drafter's running text: 正文 and headings, and the attachments of a 印发 notice (a
    forwarded document keeps its own, older dates)."""
    roles = set(MAIN)
    if attachments and not _FORWARDING.search(title_text(doc)):
        roles.add(Role.ATTACHMENT_BODY)
    return [p for p in doc.body if p.role in roles and not p.is_empty]


def _fmt(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --------------------------------------------------------------------------------------------
# GW631

_DEADLINE_AFTER = recache.compile(r"(?:之前|以前|前)")
_DIRECTIVE = recache.compile(r"请|要|应|须|务必|确保|力争|争取|必须|需|限于|截止|务于|前报|前完成|前上报|前提交|前反馈|前建成|前实现")
_SCHEDULED = recache.compile(r"(?:定于|拟于|将于|计划于|安排于|安排在)$")
_PERIOD_SEP = recache.compile(r"\s*(?:至|到|—|－|-|～|~)\s*")
_PERIOD_LABEL = recache.compile(r"时间|期限|日期|期间|阶段|有效期|时段|起止|为期")
_PAST = recache.compile(lookahead_first(r"已|曾|(?<!为)(?<!除)了(?!解)|截至目前|截至当前|目前|原定|原计划|此前|先后|相继|分别于|去年|上年|以来"))
#: How far before the 成文日期 a date written without its year may lie and still be this year's.
_BARE_MONTH_DAYS = 31


def _past(w: When, ref: datetime.date) -> bool:
    if w.date is None or w.date >= ref:
        return False
    if w.year_from_reference:
        return (ref - w.date).days <= _BARE_MONTH_DAYS
    return True


_CITING = recache.compile(r"(?:按照|根据|依据|依照|按)[^，。；]{0,40}?(?:要求|安排|规定|部署|计划|方案)")
_REQUEST = recache.compile(r"请")
#: Genres that recount: a deadline in a 通报 is mostly one an earlier notice set, unless 请 asks it anew.
_NARRATIVE = frozenset({Genre.BULLETIN, Genre.REPORT, Genre.MINUTES, Genre.COMMUNIQUE})


def _deadlines(p: Paragraph, ref: datetime.date, narrative: bool = False) -> Iterator[tuple[When, str]]:
    m = mask(p.text)
    if not mentions_time(m):
        return  # no sentence names a time: not worth splitting (most paragraphs of a long draft)
    for s0, e0 in sentences(m):
        sent = m[s0:e0]
        if _PAST.search(sent):
            continue
        if not _REQUEST.search(sent) and (narrative or _CITING.search(sent)):
            continue  # 按照……要求，……前要完成: what an earlier document required
        whens = find_whens(sent, ref)
        for k, w in enumerate(whens):
            after = sent[w.end:]
            before = sent[:w.start]
            kind = None
            if _DEADLINE_AFTER.match(after) and _DIRECTIVE.search(sent):
                kind = "期限"
            elif _SCHEDULED.search(before):
                kind = "安排的时间"
            elif k > 0 and _PERIOD_SEP.fullmatch(sent[whens[k - 1].end:w.start]) and (
                _PERIOD_LABEL.search(before) or p.role in HEADING_ROLES
            ) and (whens[k - 1].has_year or w.has_year or w.explicit_year) and not w.year_from_reference:
                # 3月至9月 without a year recurs every year (汛期, 鸟类迁徙期): not a period that ends
                kind = "起止时间"
            if kind and _past(w, ref):
                shift = s0
                if kind == "起止时间":
                    start = whens[k - 1].start
                    yield When(shift + start, shift + w.end, p.text[shift + start: shift + w.end], w.date,
                               w.explicit_year, w.has_year, w.day), kind
                else:
                    yield When(shift + w.start, shift + w.end, p.text[shift + w.start: shift + w.end], w.date,
                               w.explicit_year, w.has_year, w.day), kind


@rule(
    "GW631",
    "past-deadline",
    title="期限早于成文日期",
    severity=WARNING,
    source="条例 第二十条第四项（审核时间是否准确）",
)
def past_deadline(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    正文要求的期限（“请于2023年6月底前报送”“今年6月底前完成”）、安排的时间（“定于3月5日召开”）和
    起止时间（“申报时间：2023年5月1日至5月31日”、阶段标题“（一）动员部署阶段（2023年6月—7月）”）
    早于成文日期：文件印发时期限已过。“今年”“本月”按成文日期推算；没写年份的“6月30日前”按成文日期
    当年计，只有在成文日期前一个月之内才报告（更早的可能指下一年）。句中有“已”“曾”“了”“截至目前”
    等表示已经发生的，或是“按照……要求”转述以前的要求（句中没有“请”），是回顾而非要求，不报告；
    通报、报告、纪要、公报只检查带“请”的句子。转发的文件保留原文日期，其附件不检查。没有成文日期的
    草稿不检查。

    ## 依据
    《党政机关公文处理工作条例》第二十条第四项：审核“时间……是否准确”。

    ## 示例
    错：
        关于开展安全生产大检查的通知
        各县（市、区）人民政府：
        请于2023年6月底前将检查情况报送市安委会办公室。
        宜春市人民政府
        2024年3月1日
    对：
        关于开展安全生产大检查的通知
        各县（市、区）人民政府：
        请于2024年6月底前将检查情况报送市安委会办公室。
        宜春市人民政府
        2024年3月1日
    对：
        关于安全生产大检查情况的通报
        各县（市、区）人民政府：
        各地已于2023年6月底前完成了检查。
        宜春市人民政府
        2024年3月1日

    ## 修复
    核对期限：改为成文日期之后的日期，或确认成文日期是否写错。
    """
    ref = signing_date(doc)
    if ref is None:
        return
    narrative = genre_of(doc) in _NARRATIVE
    for p in _text_paragraphs(doc):
        for w, kind in _deadlines(p, ref, narrative):
            yield ctx.report(p, w.start, w.end, f"{kind}“{w.text}”早于成文日期{_fmt(ref)}")


# --------------------------------------------------------------------------------------------
# GW632


@rule(
    "GW632",
    "printed-before-dated",
    title="印发日期早于成文日期",
    severity=ERROR,
    source="条例 第九条第十二项；国标 GB/T 9704-2012 7.4.3",
)
def printed_before_dated(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    版记中的印发日期不能早于成文日期：公文签发（成文）之后才能付印。

    ## 依据
    《党政机关公文处理工作条例》第九条第十二项：成文日期“署会议通过或者发文机关负责人签发的日期”。
    GB/T 9704-2012 7.4.3：印发日期“以公文付印的日期为准”。

    ## 示例
    错：
        关于开展安全生产大检查的通知
        各县（市、区）人民政府：
        请认真组织开展检查。
        宜春市人民政府
        2024年3月5日
        宜春市人民政府办公室　　2024年3月1日印发
    对：
        关于开展安全生产大检查的通知
        各县（市、区）人民政府：
        请认真组织开展检查。
        宜春市人民政府
        2024年3月1日
        宜春市人民政府办公室　　2024年3月5日印发

    ## 修复
    核对成文日期和印发日期。
    """
    signed = dated_paragraph(doc)
    printed = dated_paragraph(doc, Role.PRINTER)
    if signed is None or printed is None:
        return
    (_, s), (p, f) = signed, printed
    if (f.year, f.month, f.day) < (s.year, s.month, s.day):
        yield ctx.report(p, f.start, f.end, f"印发日期{f.text}早于成文日期{s.text}")


# --------------------------------------------------------------------------------------------
# GW633

_REL = {"今年": 0, "本年": 0, "明年": 1, "去年": -1, "前年": -2, "后年": 2}
_REL_WORD = "今年|本年|明年|去年|前年|后年"
_YEAR_WORD = r"(?P<y>(?:19|20)\d{2})年"
#: 今年（2023年） / 2023年（今年） / 今年即2023年
_APPOSITION = recache.compile(
    lookahead_first(rf"(?P<rel>{_REL_WORD})[（(]{_YEAR_WORD}[）)]|{_YEAR_WORD.replace('y>', 'y2>')}[（(](?P<rel2>{_REL_WORD})[）)]"
    rf"|(?P<rel3>{_REL_WORD})即{_YEAR_WORD.replace('y>', 'y3>')}")
)
_NUM = r"\d{1,3}|[一二三四五六七八九十百]{1,4}"
_SUBJECT = rf"(?P<rel>{_REL_WORD})|{_YEAR_WORD}"
_PLAN_RE = recache.compile(
    lookahead_first(rf"(?:{_SUBJECT})[，,]?(?:也|还|更|将|既|正)?是[^。；，,]{{0,16}}?[“‘\"']?(?P<plan>[十一二三四五六七八九]{{1,3}}五)[”’\"']?"
    rf"(?:规划|计划)?[^。；，,]{{0,8}}?(?P<which>开局之年|开局年|起步之年|第一年|收官之年|收官年|最后一年|第(?P<n>[一二三四五])年)")
)
_ANNIV_RE = recache.compile(
    lookahead_first(rf"(?:{_SUBJECT})[，,]?(?:也|还|更|将|既|正)?是[^。；，,]{{0,16}}?(?P<event>[\u4e00-\u9fff]{{2,12}}?)(?P<n>{_NUM})周年")
)


# The words and the digit-led form as two patterns, each opening with a class the engine scans
# for (one alternation of both was tried at every character; issue 18).
_YEAR_HINT = recache.compile(rf"{_REL_WORD}|近日|日前")
_YEAR_HINT_DIGIT = recache.compile(r"\d年[（(，,]?(?:也|还|更|将|既|正)?是")


def _plan_year(m: re.Match) -> tuple[int, str] | None:
    """The year a 五年规划 phrase names (“十四五”开局之年 → 2021) and the phrase."""
    start = load_toml("calendar.toml")["plans"].get(m.group("plan"))
    if start is None:
        return None
    which = m.group("which")
    label = f"“{m.group('plan')}”{which}"
    if which in ("收官之年", "收官年", "最后一年"):
        return start + 4, label
    if m.group("n"):
        return start + (cn_numeral(m.group("n")) or 1) - 1, label
    return start, label


def _anniversary_year(m: re.Match) -> tuple[int, str] | None:
    """The year an anniversary falls in (新中国成立75周年 → 2024) and the phrase."""
    events = load_toml("calendar.toml")["anniversaries"]
    event = m.group("event")
    name, base = next(((k, y) for k, y in sorted(events.items(), key=lambda x: -len(x[0])) if event.endswith(k)), ("", None))
    n = int(m.group("n")) if m.group("n").isdigit() else cn_numeral(m.group("n"))
    return (base + n, f"{name}{m.group('n')}周年") if base is not None and n else None


def _subject_year(m: re.Match, ref: datetime.date | None) -> tuple[int, str] | None:
    if m.group("y"):
        return int(m.group("y")), m.group("y") + "年"
    if m.group("rel") and ref is not None:
        return ref.year + _REL[m.group("rel")], m.group("rel")
    return None


@rule(
    "GW633",
    "year-mismatch",
    title="年份表述前后不符",
    severity=ERROR,
    source="条例 第二十条第四项（审核时间是否准确）",
)
def year_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    按成文日期推算的“今年”“明年”“去年”与文中写明的年份不符：“今年（2023年）”写在2024年的文件里；
    “今年是‘十四五’规划开局之年”“今年是新中国成立75周年”推出的年份与成文日期的年份不同（多是照搬
    往年文件）。“2022年是‘十四五’规划开局之年”这样写明年份的，直接按规划期核对。“近日”“日前”所在的句子
    写明的日期早于成文日期三个月以上的，也报告（“近日”不近）。规划期和纪念年份见
    `dictionaries/calendar.toml`。没有成文日期时只核对写明年份的说法。

    ## 依据
    《党政机关公文处理工作条例》第二十条第四项：审核“时间……是否准确”。

    ## 示例
    错：
        关于做好2024年安全生产工作的通知
        各县（市、区）人民政府：
        今年是“十四五”规划开局之年，做好安全生产工作意义重大。
        宜春市人民政府
        2024年3月1日
    对：
        关于做好2024年安全生产工作的通知
        各县（市、区）人民政府：
        今年是“十四五”规划实施的第四年，做好安全生产工作意义重大。
        宜春市人民政府
        2024年3月1日
    错：2022年是“十四五”规划开局之年。
    对：2021年是“十四五”规划开局之年。

    ## 修复
    按成文日期改正年份，或改用具体年份。
    """
    ref = signing_date(doc)
    for p in _text_paragraphs(doc, attachments=False):
        if not (_YEAR_HINT.search(p.text) or _YEAR_HINT_DIGIT.search(p.text)):
            continue
        m = mask(p.text, quotes=False)
        if ref is not None:
            for mt in _APPOSITION.finditer(m):
                rel = mt.group("rel") or mt.group("rel2") or mt.group("rel3")
                year = int(mt.group("y") or mt.group("y2") or mt.group("y3"))
                if ref.year + _REL[rel] != year:
                    yield ctx.report(p, mt.start(), mt.end(),
                                     f"按成文日期{_fmt(ref)}，“{rel}”是{ref.year + _REL[rel]}年，不是{year}年")
        if ref is not None and _RECENT.search(m):  # no sentence of it says 近日: not split into them
            yield from _recently(p, m, ref, ctx)
        for pattern, implied in ((_PLAN_RE, _plan_year), (_ANNIV_RE, _anniversary_year)):
            for mt in pattern.finditer(m):
                subject = _subject_year(mt, ref)
                found = implied(mt)
                if subject is None or found is None or subject[0] == found[0]:
                    continue
                year, label = found
                basis = f"按成文日期{_fmt(ref)}，“{subject[1]}”是{subject[0]}年" if mt.group("rel") and ref is not None else f"这里写的是{subject[1]}"
                yield ctx.report(p, mt.start(), mt.end(), f"{label}是{year}年，{basis}")


_RECENT = recache.compile(r"近日|日前")
_RECENT_DAYS = 92  # 近日 of a 成文日期 is within about a quarter before it


def _recently(p: Paragraph, m: str, ref: datetime.date, ctx: Context) -> Iterator[Diagnostic]:
    """``近日，……于2023年5月10日……`` in a draft signed in 2024: the event is not recent."""
    for s0, e0 in sentences(m):
        sent = m[s0:e0]
        r = _RECENT.search(sent)
        if r is None:
            continue
        for w in find_whens(sent, ref):
            if not w.explicit_year or w.date is None or w.date >= ref:
                continue  # a plan for later (近日印发方案，2024年6月起实施) is not the event
            if (ref - w.date).days > _RECENT_DAYS:
                a, b = s0 + w.start, s0 + w.end
                yield ctx.report(p, a, b, f"“{r.group()}”与“{p.text[a:b]}”不符：距成文日期{_fmt(ref)}已有{(ref - w.date).days}天")
                break


# --------------------------------------------------------------------------------------------
# GW634


_WEEKDAY_HINT = recache.compile(r"星期|礼拜|周[一二三四五六日天]")


def _candidate_years(d_month: int, ref: datetime.date | None, context: int | None) -> list[int]:
    if context is not None:
        return [context]
    if ref is None:
        return []
    return [ref.year - 1, ref.year, ref.year + 1]


@rule(
    "GW634",
    "weekday-mismatch",
    title="星期与日期不符",
    severity=ERROR,
    source="条例 第二十条第四项（审核时间是否准确）",
)
def weekday_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    日期后注明的星期与日历不符：“2024年3月5日（星期三）”（应为星期二）。没写年份的“3月5日（星期三）”
    按上下文中的年份推算，没有年份时按成文日期的前一年、当年和后一年都核对，三年都对不上才报告。

    ## 依据
    《党政机关公文处理工作条例》第二十条第四项：审核“时间……是否准确”。

    ## 示例
    错：请于2024年3月5日（星期三）上午9时到市政府3楼会议室参会。
    对：请于2024年3月5日（星期二）上午9时到市政府3楼会议室参会。

    ## 修复
    按日历改正星期或日期。
    """
    ref = signing_date(doc)
    for p in doc.body:
        if p.role not in MAIN | {Role.ATTACHMENT_BODY, Role.NOTE} or p.is_empty:
            continue
        text = p.text
        if not _WEEKDAY_HINT.search(text):
            continue
        for w in find_whens(text, None):
            if not w.day:
                continue
            wd = weekday_after(text, w.end)
            if wd is None:
                continue
            month, day = _month_day(w)
            if month is None:
                continue
            years = [w.first.year] if (w.explicit_year and w.first) else _candidate_years(month, ref, _year_before(text, w.start))
            ok, checked = False, []
            for y in years:
                try:
                    d = datetime.date(y, month, day)
                except ValueError:
                    continue
                checked.append(d)
                ok = ok or d.weekday() == wd[2]
            if checked and not ok:
                real = "、".join(f"{_fmt(d)}是{WEEKDAY_NAMES[d.weekday()]}" for d in checked)
                yield ctx.report(p, w.start, wd[1], f"“{text[w.start:wd[1]]}”星期与日期不符：{real}")


def _month_day(w: When) -> tuple[int | None, int]:
    f = find_dates(w.text)
    if f and f[0].month and f[0].day:
        return f[0].month, f[0].day
    m = re.search(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]", w.text)
    if not m:
        return None, 0
    mo = int(m.group(1)) if m.group(1).isdigit() else cn_numeral(m.group(1))
    d = int(m.group(2)) if m.group(2).isdigit() else cn_numeral(m.group(2))
    return mo, d or 0


def _year_before(text: str, pos: int) -> int | None:
    years = re.findall(r"((?:19|20)\d{2})年", text[:pos])
    return int(years[-1]) if years else None
