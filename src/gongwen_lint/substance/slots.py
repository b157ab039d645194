"""Who, when, how much, and named instruments: the evidence that a sentence is a measure.

A measure says who does what, by when, how much (条例第十九条“所提政策措施和办法切实可行”;
references/domain.md §4.3(2)).  Each finder returns the matched texts; :func:`find` runs them all
on one sentence.  Matching is on the *masked* sentence (:func:`gongwen_lint.text.mask`), so a
date inside a quoted title is not a deadline — except for 书名号 titles and quotations, which are
judged here as instruments (a cited 《办法》, a named “河长制”) or as slogans (“一盘棋”).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import dates, recache
from ..lexicon import CO_VERB, FIGURATIVE_VERB, StyleLexicon
from ..relead import first_class, lookahead_first
from ..text import MASK
from .gates import Gates, class_chars
from .instruments import instrument_nouns
from .table import FUNCTION, IDIOM, MODIFIER, NONE, VERB, Table

_CN_NUM = "一二两三四五六七八九十百千万"
_CN_NUM_NO_ONE = "二两三四五六七八九十百千万"

# The year, month and day as :mod:`gongwen_lint.dates` writes them for the timeline rules too,
# spaces around the digits included (2026 年 2 月 28 日前, pasted from the web).
_SP = dates.SPACE
_YEAR = rf"(?:{dates.YEAR}){_SP}年"
_MONTH = rf"(?:{dates.MONTH_NUMBER}){_SP}月"
_DAY = rf"(?:{dates.DAY_NUMBER}){_SP}日"
#: A deadline or a schedule: a date, a period limit, an event anchor, a frequency.  (Behind a
#: look-ahead for the characters a match can open with, derived from the pattern: most positions
#: of a sentence are then rejected by one set test, not by a try at each alternative.)
DEADLINE_RE = recache.compile(lookahead_first(
    rf"{_YEAR}(?:{_SP}{_MONTH})?(?:{_SP}{_DAY}|底|末|上半年|下半年|年底)?(?:前|之前|以前|起|内)?"
    # (a month not read from the tail of a longer numeral: 三十六月)
    rf"|(?<![{_CN_NUM}]){_MONTH}(?:{_SP}{_DAY}|{dates.MONTH_PART})(?:前|之前)?"
    r"|(?:年底|年内|月底|季度末|本月|本季度|年中|年初)前|年底|年内"
    rf"|(?:\d+|[{_CN_NUM}]+)个?(?:工作日|日|天|周|星期|月|小时|季度)(?:内|以内|之内)"
    rf"|(?:\d+|[{_CN_NUM}]+)年(?:内|以内|之内)"
    r"|(?:春节|元旦|国庆|五一|中秋|端午|清明)(?:假期|期间|前|后|前后)"
    r"|(?:汛期|汛前|主汛期|春耕|夏收|秋收|秋冬季|开学|入学|放假|开工|竣工|供暖季|采暖季|旅游旺季)(?:前|后|以前|之前|期间)"
    r"|(?:上半年|下半年|[一二三四]季度)(?:末|底|前)"
    r"|每(?:日|天|周|月|季度|季|年|学期|半年|旬|星期)(?!都)"
    r"|\d{1,2}(?:时|点)(?:前|后|以前|以后|至)"
))
_UNITS = "|".join(sorted(set(
    "% ％ ‰ 万 亿 千 百 个 项 家 所 人 名 元 件 次 户 公里 千米 米 吨 亩 公顷 平方 天 小时 批 座 条 套 台 辆 倍 千瓦 兆瓦 立方 "
    "床 张 期 场 轮 类 种 处 份 本 篇 分 周岁 岁 ℃ 度 盏 部 栋 宗 笔 支 升 克 千克 公斤 斤 百分点 人次 户次 课时 学时 学分 "
    "分钟 秒 年 月 日 周 间 块 根 棵 株 头 只 站 级".split()), key=len, reverse=True))
#: A bare year that opens a narration (2026年，全县上下……; 2024年以来): the time of a report, not a deadline.
_NARRATIVE_YEAR = recache.compile(rf"{_YEAR}(?:[，,]|以来|是|的)")
#: A clause that only says things will be better (医保服务更加便捷, 满意度显著提升, 走在全省前列):
#: after 到2027年底， such clauses make a vision, and its date is no deadline for anything.
_BETTER = recache.compile(r"更加|更为|明显|显著|走在[^，；。]{0,10}前列")
_CLAUSES = recache.compile(r"[，,；;。]")


#: A time commitment relative to an event (发现数据异常的，应立即……报告; 在考察结束后向党委汇报; 对
#:发现的问题当场反馈): as checkable as a date — the event is named, the act follows it at once.
_IMMEDIATE = recache.compile(r"立即|当场|当日|即时")
_IMMEDIATE_CHARS = frozenset("即场日")  # a character each of them holds
_TRIGGER = recache.compile(r"(?:发现|收到|接到|出现|发生|受理)[^，。；：]{0,20}?(?:的|后|时)")
_AFTER_EVENT = recache.compile(r"在[^，。；：]{1,12}?(?:结束|完成|批复|受理|收到|办结)(?:之)?后")


def _event_time(masked: str) -> tuple[int, int] | None:
    """The span of a time commitment relative to a named event (:data:`_IMMEDIATE` after a
    :data:`_TRIGGER`, or :data:`_AFTER_EVENT`), or None."""
    # (a substring test first: find() asks this of every sentence without a date)
    after = _AFTER_EVENT.search(masked) if "后" in masked else None
    if after is not None:
        return after.span()
    now = _IMMEDIATE.search(masked) if _IMMEDIATE_CHARS.intersection(masked) else None
    if now is not None and _TRIGGER.search(masked, 0, now.start()) is not None:
        return now.span()
    return None


def _vision_after(masked: str, end: int) -> bool:
    """Every clause after the date at ``end`` says only that things will be better."""
    clauses = [c for c in _CLAUSES.split(masked[end:]) if c.strip()]
    return bool(clauses) and all(_BETTER.search(c) for c in clauses)
#: A quantity: a number with a unit, a percentage, a Chinese numeral with a classifier.  (Behind
#: a look-ahead for its first characters, as :data:`DEADLINE_RE`.)
_QUANTITY = (
    rf"\d+(?:\.\d+)?\s*(?:{_UNITS})"
    # (三年行动, 五年规划: the name of a campaign or a plan, not a quantity)
    rf"|[{_CN_NUM_NO_ONE}]+(?:个|项|家|所|名|件|次|批|座|条|类|种|处|万|亿|倍|成|年(?!行动|规划|计划)|支|户|人|座)"
    rf"|(?:不少于|至少|不超过|最多|限)[{_CN_NUM}]+[个名次人所处项家件]"
    r"|百分之[一二三四五六七八九十百点]+"
)
QUANTITY_RE = recache.compile(lookahead_first(_QUANTITY))
_DIGITS = recache.compile(r"[0-9０-９]+")
#: A digit run opening a sentence with one of these after it is the ordinal of an inline list
#: (……根本标准。2. 坚持改革创新), not an amount.
_ORDINAL_MARK = recache.compile(r"\s*[.．、)）]")
_LATIN = recache.compile(r"[A-Za-zＡ-Ｚａ-ｚ]{1,12}")
#: A web address, an e-mail address, a file name, a telephone number or a postcode (来源：
#: https://…/3227581-…, `materials.md`, 010-66556134, 邮编：100035): one
#: named instrument shown whole — not its pieces as codes, nor its digits as an amount.
_LINK = recache.compile(
    r"(?:https?|ftp)://[!-~]+|www\.[!-~]+|[!-~]+@[!-~]+\.[A-Za-z]{2,}"
    r"|[\w./*-]*\.(?:md|docx?|wps|txt|json|pdf|xlsx?|html?|zip)(?![A-Za-z0-9])"
    # a telephone number (联系电话：010-66556134, 13912345678): whom to call, not an amount
    r"|(?<![0-9])(?:0[1-9][0-9]{1,2}[-－][0-9]{7,8}|[（(]0[1-9][0-9]{1,2}[）)][0-9]{7,8}|1[3-9][0-9]{9})(?![0-9])"
    r"|(?<=电话：)[0-9]{7,8}(?![0-9])|(?<=传真：)[0-9]{7,8}(?![0-9])|(?<=[0-9][、/])[0-9]{7,8}(?![0-9])"
    # a postcode (邮编：100035, 邮政编码 100035): where to write, not an amount
    r"|邮(?:政编码|编)[：: ]?[0-9]{6}(?![0-9])"
)
_LINK_HINT = recache.compile(lookahead_first(r"[.@]|[0-9]{7}|邮"))
#: XX, ×× written for a name still to fill in (GW306 reports it): no instrument yet; and N for
#: "some number of" (1+N 政策体系, 一张网、N个应用).
_PLACEHOLDER = recache.compile(r"[XxＸｘ]+|[NnＮ]")
#: Digits that belong to a code with letters (仿宋_GB2312, PM2.5, G20): a name, not an amount.
_IN_CODE = recache.compile(r"[A-Za-zＡ-Ｚａ-ｚ_]")
_CODE_BEFORE = recache.compile(r"[A-Za-zＡ-Ｚａ-ｚ_][0-9.]*$")
#: Acronyms that name an indicator or a method, not a tool anyone keeps or uses (单位GDP物流成本,
#: 完善DRG/DIP付费机制): the national accounts' and price indices' (国家统计局: GDP, GNP, GNI, CPI,
#: PPI, PMI), the medical insurance payment methods (国家医保局《DRG/DIP支付方式改革三年行动计划》:
#: DRG, DIP), the public-private partnership model (财政部: PPP), management jargon (KPI, ESG) and
#: a brand as marketing calls it (文旅IP, 打造城市IP).
_CONCEPT_CODES = frozenset({"GDP", "GNP", "GNI", "CPI", "PPI", "PMI", "DRG", "DIP", "PPP", "KPI", "ESG", "IP"})
#: A code as the inventory shows it, digits included (GB2312, 5G, PM2.5): one instrument.
#: (Leading digits only when they start the code: in NP1-1D the code after the hyphen is D.)
_CODE = recache.compile(r"(?:(?<![-0-9A-Za-zＡ-Ｚａ-ｚ])[0-9]+)?[A-Za-zＡ-Ｚａ-ｚ]{1,12}(?:[0-9.]*[0-9])?")
#: A responsible party named with 由 … 负责 (由县林业局牵头, 由一名县级领导包案).
_BY_RE = recache.compile(
    r"由([^，。；：]{2,24}?)(?:负责|牵头|承担|组织实施|会同|统筹|包案|包保|任组长|担任|挂帅|督办|办理|实施|组织)"
)
#: A named post: 分管副市长, 县级领导, 县委主要负责同志, 河长, 网格员.
POST_RE = recache.compile(
    r"[省市县区乡镇村]级副?(?:[省市县区乡镇]长|书记|局长|厅长|主任|组长|领导|河长|湖长|林长)"
    # 分管领导 alone names nobody (主要领导亲自抓、分管领导具体抓 is a formula)
    r"|(?:分管|常务)副?(?:[省市县区乡镇]长|书记|局长|厅长|主任|组长|河长|湖长|林长)"
    r"|副?(?:[省市县区乡镇]长)|(?:河|湖|林|路|田)长(?!制)|网格员|驻村第一书记|第一书记"
)
#: Before a post, words that make it everyone's (各级林长, 各级河长: as vague as 各地各部门).
_POST_ALL = ("各级", "各", "广大", "相关", "有关")


def named_posts(table: Table, masked: str) -> list[str]:
    """The posts :data:`POST_RE` finds that name someone: not every holder of it (各级林长), and not
    a 长 that starts a word with the next character (小区长效管理, 城市长远发展, 森林长期: 长 read
    cháng — a modifier such as 长效 in jieba's classes)."""
    out = []
    for m in POST_RE.finditer(masked):
        a, b = m.span()
        if masked.endswith(_POST_ALL, 0, a):
            continue
        # (长 alone at the end is no word; 长春, 长沙 are names that follow a post: 副市长春节前)
        if b < len(masked) and masked[b - 1] == "长" and table.word_class(masked[b - 1:b + 1]) == MODIFIER:
            continue
        out.append(m.group())
    return out


#: Words after a quotation that make it the name of an instrument (“河长制”, “吹哨报到”机制).
_NAMED_AFTER = recache.compile(
    r"^[\u4e00-\u9fff]{0,2}?(?:机制|制度|模式|工程|行动|活动|计划|专项|清单|平台|系统|热线|专席|改革|服务|政策|工作法|标准|办法|"
    r"名单|档案|管理|检查|试点|项目|基金|券|码|卡|网站|网|专区|窗口|改造|整治|方案|指数|体系|标识|认证|品牌|热线|通道|专线|"
    r"规划|纲要)"
)
#: How the content of a quotation ends when it names an instrument (“一网通办”, “一生一档”).
_NAMED_END = recache.compile(r"(?:制|办|单|档|码|卡|网|券|台|库|站|点|室|通道|场所|平台|系统|工程|行动|计划|模式|专席|热线)$")
#: A bare number that is a name (12345政务服务便民热线, 110报警平台), not an amount.
_NUMBER_NAME = recache.compile(r"(?:热线|政务|便民|服务|平台|专线|报警|号码|工程)")
#: A law or a document that is only to be 贯彻落实/学习宣传 is cited, not applied (认真贯彻落实《法律援助法》).
_CITING_BEFORE = recache.compile(r"(?:贯彻|落实|贯彻落实|学习|宣传|宣贯|学习贯彻|学习宣传|践行)$")
#: What follows a quotation that names a document to be written or applied (“十二五”规划).
_DOCUMENT_AFTER = recache.compile(r"(?:规划|方案|计划|纲要|办法|细则|规定|标准|指南|预案)")
#: …unless the plan only names a period of time (“十四五”规划收官之年, “十五五”规划开局起步,
#: 全面完成“十四五”规划目标任务的关键之年).
_PERIOD_AFTER = recache.compile(r"(?:规划|计划)(?:的?(?:收官|开局|起步|中期|决胜|冲刺|攻坚|实施的?关键|关键)|[^，。；：]{0,10}?之年)")
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
_QUOTE_MARKS = recache.compile("[" + "".join(k + v for k, v in _QUOTES.items()) + "]")


@dataclass(frozen=True)
class Slots:
    """The measure evidence of one sentence (texts as written).

    ``cited`` holds the names of policies and campaigns in quotation marks (“放管服”改革,
    “一网通办”, “我为群众办实事”实践活动): listed, but no measure by themselves — 持续深化“放管服”
    改革 cites a policy everybody cites, it does not say what to do.  Whether the item is a
    principle or empty is then for its words (a quoted name counts as a rare one)."""

    who: tuple[str, ...] = ()
    when: tuple[str, ...] = ()
    how_much: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    cited: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.who or self.when or self.how_much or self.instruments)

    def merged(self, other: Slots) -> Slots:
        return Slots(*(tuple(dict.fromkeys(a + b)) for a, b in (
            (self.who, other.who), (self.when, other.when), (self.how_much, other.how_much),
            (self.instruments, other.instruments), (self.cited, other.cited))))

    @staticmethod
    def union(many: Iterable[Slots]) -> Slots:
        """``many`` merged in order (as :meth:`merged` folded over them, each text once, first
        seen first), built once: an item's sentences are merged for every item of a draft."""
        parts: tuple[list[str], ...] = ([], [], [], [], [])
        for s in many:
            for acc, part in zip(parts, (s.who, s.when, s.how_much, s.instruments, s.cited)):
                acc += part
        return Slots(*(tuple(dict.fromkeys(acc)) for acc in parts))


@dataclass(frozen=True)
class Quote:
    start: int  # of the opening mark
    end: int  # after the closing mark
    content: str
    named: bool  # the name of an instrument or a document, not a slogan


def quotes(text: str) -> list[Quote]:
    """The outermost quotations and 书名号 titles of ``text``, each judged instrument or slogan.

    A 书名号 title is always a named document.  A quotation names an instrument when it holds a
    number or Latin letters (“12345”, “5+2”), ends like a name (“河长制”, “一网通办”) or is
    followed by an instrument noun (“吹哨报到”机制, “证照分离”改革); otherwise (“一盘棋”思想,
    “敢担当、善作为”的导向) it is wording, and counts as nothing.
    """
    out: list[Quote] = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_MARKS.finditer(text):  # only the marks change anything: skip the rest in C
        i, ch = m.start(), m.group()
        if ch in _QUOTES:
            stack.append((ch, i))
        elif stack and ch == _QUOTES[stack[-1][0]]:
            opener, j = stack.pop()
            if stack:
                continue
            content = text[j + 1:i]
            if opener == "《":
                named = True
            else:
                after = text[i + 1:i + 8]
                named = bool(
                    _DIGITS.search(content) or _LATIN.search(content) or _NAMED_AFTER.match(after)
                    or (_NAMED_END.search(content) and not re.search(r"[，、；]", content))
                )
            out.append(Quote(j, i + 1, content, named))
    return out


def source_spans(lex: StyleLexicon, masked: str, present: set[str] | None = None) -> list[tuple[int, int]]:
    """Spans in which a named organ is the source of a deployment, not its doer
    (在市委、市政府的坚强领导下; 统一到市委、市政府的决策部署上来), or the audience of a figure
    (:func:`audiences`).  ``present``: the sentence's gate characters (:meth:`.gates.Gates.present`)."""
    # (a context whose required run of characters is absent is not searched, nor one whose
    # first characters are absent: see .gates.Gates)
    gates = _gates(lex)
    if present is None:
        present = gates.present(masked)
    spans = []
    if not gates.any_context.isdisjoint(present):  # (most sentences: none of the contexts' characters)
        for p, need, gate in gates.context_tests:
            if not gate.isdisjoint(present) and (need is None or need in masked):
                spans += [m.span() for m in p.finditer(masked)]
    if "向" in masked:
        spans += audiences(lex, masked)
    return spans


#: How far (characters) a figurative verb may follow 向 for the organ between to be its audience.
_AUDIENCE_REACH = 24
_AUDIENCE_CLAUSE = recache.compile(r"[，。；：！？,;:!?]")


def audiences(lex: StyleLexicon, masked: str) -> list[tuple[int, int]]:
    """Spans 向……<figurative verb> within one clause: the organ there is whom a figure is
    addressed to (以优异成绩向市委、市政府交上一份满意答卷), not who does anything — the verb is
    one of the lexicon's 比喻动词, whose object is no real thing either (:mod:`.clause`)."""
    verbs = lex.category(FIGURATIVE_VERB)
    out = []
    start = masked.find("向")
    while start >= 0:
        stop = _AUDIENCE_CLAUSE.search(masked, start)
        end = min(stop.start() if stop else len(masked), start + _AUDIENCE_REACH)
        reach = masked[start + 1:end]
        k = min((k for k in (reach.find(v) for v in verbs) if k >= 0), default=-1)
        if k > 0:
            out.append((start, start + 1 + k))
        start = masked.find("向", start + 1)
    return out


def _in_idiom(table: Table, text: str, a: int, b: int) -> bool:
    """A numeral inside a four-character idiom (千家万户, 千方百计, 三令五申): no quantity."""
    return any(table.word_class(text[k:k + 4]) == IDIOM for k in range(max(0, b - 4), min(a, len(text) - 4) + 1))


_LIST_COUNT = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
_CLAUSE_START = recache.compile(r"[，。；：,;:！？]")


#: What follows a quantity that names a red line held nationally (严守18亿亩耕地红线, 守住……这条红线):
#: the line is cited, not a figure the document sets.
_RED_LINE = recache.compile(r"[^，。；、]{0,4}?(?:这条)?(?:红线|底线)")


def _counts_list(masked: str, a: int) -> bool:
    """A Chinese numeral that counts the 、-list just before it in its clause (分级诊疗、现代医院
    管理、全民医保、药品供应保障、综合监管五项基本医疗卫生制度): it names how many things were
    just named, not an amount to reach — the list's own items say what there is."""
    n = _LIST_COUNT.get(masked[a])
    if n is None or masked[a + 1:a + 2] in _LIST_COUNT:
        return False
    cut = max((m.end() for m in _CLAUSE_START.finditer(masked, 0, a)), default=0)
    parts = masked[cut:a].split("、")
    if len(parts) < 2:
        return False
    # the last item may be joined with 和/及/与 (A、B和C三项)
    joined = len(parts) + (1 if any(c in parts[-1] for c in "和及与") else 0)
    return n in (len(parts), joined)


#: 经过/通过/用 N 年(左右)(时间)的努力: the span of effort a vision is framed in, not an amount
#: (力争通过三年左右的努力，……取得重要进展; 经过两年的努力，完成……): what is reached must be said after it.
_EFFORT_SPAN = recache.compile(r"(?:左右|时间|多)*的(?:不懈|持续|共同|艰苦)?(?:努力|奋斗)")
_EFFORT_LEAD = ("经过", "通过", "用")


def _effort_span(masked: str, a: int, b: int) -> bool:
    """A number of years led by 经过/通过/用 and followed by 的努力/奋斗 (see _EFFORT_SPAN)."""
    return (masked[b - 1] == "年" and masked[max(0, a - 2):a].endswith(_EFFORT_LEAD)
            and _EFFORT_SPAN.match(masked, b) is not None)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


_PLACE_END = recache.compile(r"[省市县区州旗镇乡]|街道")
_LEVEL_START = recache.compile(r"^各?(?:国家|中央|国务院|党中央|中共|全国|[省市县区州盟旗乡镇]|街道)")


#: Characters no place name starts with: demonstratives and the copula.
_NOT_PLACE_START = "这此是"  # (not 那: 那曲市)
#: Coverbs that, inside what the pattern took for a place name, end the words before the organ
#: (申报材料由县林业局负责: 材料由县 is no place) — at the start they may open one (向阳区, 将乐县).
_COVERBS_INSIDE = "由向把将对"


def _named_organ(table: Table, co_verbs: frozenset[str], organ: str) -> bool:
    """An organ that starts with a place name (宜春市教育局) must start with a word that can be
    one: not a verb or an adverb swallowed by the pattern (提醒市政府, 积极为市政府), nor a verb
    whose object is an organ (会同市应急管理局, 委托区民政局): jieba's dictionary calls several of
    these nouns (会同 after the county 会同县, 委托, 指导, 通报 …), so the table alone lets them pass."""
    if _LEVEL_START.match(organ):
        return True
    m = _PLACE_END.search(organ, 2)
    place = organ[: m.start()] if m else organ[:2]
    if m and any(place.startswith(v) for v in co_verbs):
        return False
    if place[0] in _NOT_PLACE_START:  # 这是省委的要求: a pronoun and a copula, no place (the table knows no 这是)
        return False
    if any(c in _COVERBS_INSIDE for c in place[1:]):
        return False
    return not any(table.word_class(place[i:i + 2]) in (VERB, MODIFIER, FUNCTION) for i in range(len(place) - 1))


def _starts_inside_word(table: Table, masked: str, a: int) -> bool:
    """The organ at ``a`` opens with a character that ends a word of the table with the character
    before it (及时|向市政府: 时向 is no place; 特别行政区|政府, 城市|政府, 全市|政府系统: the 区 and the
    市 end a word, and what follows names a class of governments, not one)."""
    return a > 0 and table.word_class(masked[a - 1:a + 1]) != NONE


def organs(lex: StyleLexicon, table: Table, masked: str) -> list[tuple[int, int]]:
    """Spans of named organs; a match whose place name is not one (时提供给市政府) is searched
    again from its level character (市政府)."""
    out = []
    co_verbs = lex.category(CO_VERB)
    for a, b in lex.organs(masked):
        # (a place name starts a word: in 及时向市政府报告 the match 时向市政府 starts inside 及时)
        while a < b and (not _named_organ(table, co_verbs, masked[a:b]) or _starts_inside_word(table, masked, a)):
            m = _PLACE_END.search(masked, a + 1, b)
            if m is None:
                a = b
                break
            inner = list(lex.organs(masked[m.start():b]))
            a = m.start() + inner[0][0] if inner else b
            b = m.start() + inner[0][1] if inner else b
        if a < b:
            out.append((a, b))
    return out


#: The subject of a clause that names one body by its own name and gives it the task: a company,
#: a bureau without a place name, a leading group (中国南方电网有限责任公司要, 煤矿安监局要会同,
#: 煤矿瓦斯防治部际协调领导小组要) — not 各集团公司, 有关公司, 产业布局要.  (A department of a ministry
#: named alone, 人事司, is left out: 牵头司, 业务主管司, 部机关各司 name no one, and telling them apart
#: needs more than the first character.)
_NAMED_SUBJECT_RE = recache.compile(
    r"(?:^|(?<=[，。；：]))((?![各有相本该其我全下所两由经请对])[\u4e00-\u9fff]{2,16}?"
    r"(?:有限责任公司|股份有限公司|总公司|集团公司|公司|管理局|总局|局|委员会|领导小组|指挥部))"
    r"(?=要|负责|牵头|会同|应当)"
)
#: Words ending in 局 that are not bodies (产业布局, 工作格局, 顾全大局).
_NOT_BODY = ("布局", "格局", "大局", "全局", "结局", "开局", "残局", "时局", "政局", "僵局", "当局", "骗局", "赌局")


#: What every match of :data:`_NAMED_SUBJECT_RE` holds: its last character and what follows.  A
#: pattern that starts with a character class is scanned for in C; the full one, which starts
#: with a lookbehind and a lazy run, is tried at every position (most sentences hold no match).
_NAMED_SUBJECT_NEED = recache.compile(r"[司局会组部](?:要|负责|牵头|会同|应当)")


def named_subjects(masked: str) -> list[tuple[int, int]]:
    """Spans of :data:`_NAMED_SUBJECT_RE`."""
    if not _NAMED_SUBJECT_NEED.search(masked):
        return []
    return [m.span(1) for m in _NAMED_SUBJECT_RE.finditer(masked) if not m.group(1).endswith(_NOT_BODY)]


#: Characters every match of a slot pattern holds, one of them at least (read off its branches).
#: These patterns open with alternations of groups, which the regex engine cannot skip ahead
#: for, so it tries each of them at every position; a character class is found in C, and most
#: sentences hold none of the characters of one pattern or another.  Only a skip: a sentence
#: that holds one is searched with the full pattern as before.
_POST_NEED = recache.compile("[长记任导员]")
_DEADLINE_NEED = recache.compile("[年月季内期前后每时点]")
#: The characters a quantity can open with, read off :data:`QUANTITY_RE`'s pattern (一 is not one,
#: and nearly every sentence holds it: 进一步, 统一; 十一个 opens with 十).
_QUANTITY_NEED = recache.compile(first_class(_QUANTITY) or ".")


_GATES: dict[int, Gates] = {}


def _gates(lex: StyleLexicon) -> Gates:
    """The gates of :func:`find` and :func:`source_spans` for this lexicon (:class:`.gates.Gates`:
    one scan of a sentence for the characters a dozen slot patterns need, instead of a search
    each; its organ endings and instrument nouns are configurable); kept per lexicon, holding it,
    as :func:`gongwen_lint.substance.clause._predicate_re`."""
    hit = _GATES.get(id(lex))
    if hit is None or hit.lex is not lex:
        if len(_GATES) >= 8:
            _GATES.clear()
        found: dict[str, tuple[frozenset[str], bool] | None] = {
            "organ_end": class_chars(lex.organ_end_re.pattern),
            "by": class_chars(first_class(_BY_RE.pattern)),
            "post": class_chars(_POST_NEED.pattern),
            "subject": class_chars(first_class(_NAMED_SUBJECT_NEED.pattern)),
            "deadline": class_chars(_DEADLINE_NEED.pattern),
            "quantity": class_chars(_QUANTITY_NEED.pattern),
            "link": class_chars(first_class(_LINK_HINT.pattern)),
            "digits": class_chars(_DIGITS.pattern),
            # (read on the sentence with its masked characters blanked: the gate must hold neither)
            "latin": class_chars(_LATIN.pattern),
            "instrument": class_chars(first_class(lex.instrument_re.pattern)),
        }
        # per source context, the first character of the run of characters it requires, or else
        # the characters its matches start with (see :func:`source_spans`)
        contexts = [(frozenset(need[0]), False) if need else class_chars(first_class(c.pattern))
                    for c, need in zip(lex.source_contexts, lex.source_context_needs)]
        for name in ("latin", "instrument"):
            got = found[name]
            if got is not None and (MASK in got[0] or " " in got[0] or got[1]):
                found[name] = None
        hit = _GATES[id(lex)] = Gates(lex, found, contexts, lex.source_contexts, lex.source_context_needs)
    return hit


def gate_characters(lex: StyleLexicon, masked: str) -> set[str]:
    """The characters of ``masked`` the slot patterns' gates read (:class:`.gates.Gates`): computed once
    per sentence for :func:`source_spans` and :func:`find`."""
    return _gates(lex).present(masked)


def find(
    lex: StyleLexicon, table: Table, text: str, masked: str,
    sources: list[tuple[int, int]] | None = None, quoted: list[Quote] | None = None,
    present: set[str] | None = None,
) -> Slots:
    """Who / when / how much / instruments of one sentence (``masked`` = ``mask(text)``;
    ``sources``, ``quoted`` and ``present``: its :func:`source_spans`, :func:`quotes` and
    :meth:`.gates.Gates.present`, if already found)."""
    gates = _gates(lex)
    if present is None:
        present = gates.present(masked)  # (what each gate below reads: see .gates.Gates)
    sources = source_spans(lex, masked, present) if sources is None else sources
    quoted = quotes(text) if quoted is None else quoted
    found = organs(lex, table, masked) if not gates.organ_end.isdisjoint(present) else []
    # (the comprehensions below are calls of their own: skipped when there is nothing to read)
    who = [text[a:b] for a, b in found if not _inside((a, b), sources)] if found else []
    agents = []
    for m in (_BY_RE.finditer(masked) if not gates.by.isdisjoint(present) else ()):
        agent = m.group(1)
        if organs(lex, table, agent) or named_posts(table, agent):
            who.append(text[m.start(1):m.end(1)])
            agents.append(m.span(1))
    if not gates.post.isdisjoint(present):
        who += named_posts(table, masked)
    # (a subject the organ pattern or a 由 agent already names: 县应急管理局要)
    subjects = named_subjects(masked) if not gates.subject.isdisjoint(present) else []
    if subjects:
        who += [text[a:b] for a, b in subjects
                if not _inside((a, b), sources) and not _overlaps((a, b), found) and not _overlaps((a, b), agents)]
    dates = [m.span() for m in DEADLINE_RE.finditer(masked)] if not gates.deadline.isdisjoint(present) else []
    deadlines = [(a, b) for a, b in dates if not _NARRATIVE_YEAR.match(masked, a)] if dates else []
    if deadlines and _vision_after(masked, deadlines[0][1]):
        deadlines = []
    when = [text[a:b] for a, b in deadlines] if deadlines else []
    if not when:
        event = _event_time(masked)
        if event is not None:
            when = [text[event[0]:event[1]]]
    # a number inside a date (2025年4月30日前, 2026年，…) is the date, not a quantity
    # a numeral inside a source context names the doctrine followed (落实中央八项规定精神), not an amount
    how_much = [m.group() for m in QUANTITY_RE.finditer(masked)
                if not _overlaps(m.span(), dates) and not _in_idiom(table, masked, *m.span())
                and not (m.group()[0] in _CN_NUM and _inside(m.span(), sources))
                and not _counts_list(masked, m.start()) and not _effort_span(masked, *m.span())
                and not _RED_LINE.match(masked, m.end())] if not gates.quantity.isdisjoint(present) else []
    links = [m.span() for m in _LINK.finditer(masked)] if not gates.link.isdisjoint(present) and _LINK_HINT.search(masked) else []
    if not how_much and not gates.digits.isdisjoint(present):
        how_much = [m.group() for m in _DIGITS.finditer(masked)
                    if not _overlaps(m.span(), dates) and not _NUMBER_NAME.match(masked, m.end())
                    and not _overlaps(m.span(), links) and not _RED_LINE.match(masked, m.end())
                    and not _IN_CODE.match(masked, m.end()) and not _CODE_BEFORE.search(masked, 0, m.start())
                    and not (not masked[:m.start()].strip() and _ORDINAL_MARK.match(masked, m.end()))]
    # a 书名号 title, or a quotation naming a document (“十二五”规划): an instrument; another
    # quoted name cites a policy (see ``Slots.cited``)
    documents = [q for q in quoted if q.named and (text[q.start] == "《" or (_DOCUMENT_AFTER.match(text, q.end)
                                                                           and not _PERIOD_AFTER.match(text, q.end)))
                 and not (text[q.start] == "《" and _CITING_BEFORE.search(text, 0, q.start))] if quoted else []
    instruments = [f"{text[q.start]}{q.content}{text[q.end - 1]}" for q in documents]
    cited = [f"{text[q.start]}{q.content}{text[q.end - 1]}" for q in quoted if q.named and q not in documents] if quoted else []
    outside = masked.replace(MASK, " ")
    if links:
        instruments += [text[a:b] for a, b in links if MASK not in masked[a:b]]
    # (every code holds a Latin letter: most sentences hold none, and are not scanned for one)
    for m in (_CODE.finditer(outside) if not gates.latin.isdisjoint(present) else ()):
        if (not _PLACEHOLDER.fullmatch(m.group()) and not _overlaps(m.span(), links)
                and m.group().upper() not in _CONCEPT_CODES):
            instruments.append(m.group())
    if not gates.instrument.isdisjoint(present):
        instruments += instrument_nouns(lex, table, outside)
    if not (who or when or how_much or instruments or cited):
        return _NO_SLOTS  # (most sentences: one shared empty value, not five empty tuples built)
    return Slots(*(tuple(dict.fromkeys(x)) for x in (who, when, how_much, instruments, cited)))


_NO_SLOTS = Slots()
