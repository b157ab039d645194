"""Counts that match what follows (GW623, GW624): ``以下5项措施：`` and the items after it, the
attachments the text refers to and the ones the 附件说明 lists.

The items of a list are found from their ordinals — inline (``一是…二是…``, ``（一）…（二）…``) or
at the start of the following paragraphs at one level — and counted until the list's scope ends
(an ordinal of a shallower level, a heading as high as the announcing paragraph, the 署名).  A
count is compared only when such a list is found right after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from .. import recache
from ..diagnostics import Diagnostic, Severity
from ..model import HEADING_ROLES, Document, Paragraph, Role
from ..relead import lookahead_first
from ..text import compact, mask, sentences
from ._amounts import cn_numeral
from ._ordinals import paragraph_ordinal, parse_ordinal
from .context import Context
from .registry import rule

WARNING = Severity.WARNING
TEXT = frozenset({Role.BODY, Role.ATTACHMENT_BODY}) | HEADING_ROLES
_END_ROLES = frozenset({Role.SIGNATURE, Role.DATE, Role.ATTACHMENT_NOTE, Role.ATTACHMENT_LABEL, Role.CC,
                        Role.PRINTER, Role.ATTACHMENT_TITLE})

_CN_DIGITS = "一二三四五六七八九十两"
_NUM = rf"[{_CN_DIGITS}]{{1,3}}|\d{{1,2}}"
_NUMERAL = rf"[{_CN_DIGITS}\d]"  # a character of _NUM
_COUNTED = r"个方面|大方面|方面|大项|项|条|点|大类|类|种|个|件|部分|批|组|项内容|个环节|环节|个阶段|阶段|步"
COUNT_RE = recache.compile(
    lookahead_first(rf"(?<![第每前后近])(?P<lead>以下|如下|下列|下述)?(?P<n>{_NUM})(?P<unit>{_COUNTED})(?!月|年|日|天|周|小时|工作日|百分)"
    rf"(?:(?P<n2>{_NUM})(?P<unit2>项|条|点|个|件|类))?"
    r"(?P<noun>[\u4e00-\u9fff]{0,8}?)(?P<end>[：:]|(?=[。；;，,]|$))")
)
#: What every COUNT_RE match holds: a numeral, then a counted unit.  A pattern that opens with a
#: look-behind and an optional group is tried at every position of every paragraph; this one
#: opens with a character set, which the regex engine scans for in C, so most paragraphs are
#: passed over at a fraction of the cost.
_COUNT_NEED = recache.compile(rf"{_NUMERAL}(?:{_COUNTED})")
_COUNT_VERB = recache.compile(r"共计|共|包括|分为|有|提出|做好|抓好|抓住|开展|实施|采取|落实|从|明确|突出|围绕|把握|坚持|实现|推进|强化|聚焦|涉及|含")
#: Sections a draft adds after its announced items: not one of them.
_CLOSING_SECTION = recache.compile(r"^(组织领导|组织保障|保障措施|组织实施|工作要求|有关要求|其他|其他事项|附则|工作保障|实施保障|加强领导)")

# Inline enumerations: 一是 二是; 第一，第二，; （一）（二）; 1. 2.; ①②
_INLINE = (
    recache.compile(r"(?P<n>[一二三四五六七八九十]{1,3})是"),
    recache.compile(r"第(?P<n>[一二三四五六七八九十]{1,3})[，,、]"),
    recache.compile(r"[（(](?P<n>[一二三四五六七八九十]{1,3})[）)]"),
    recache.compile(r"[（(](?P<n>\d{1,2})[）)]"),
    recache.compile(r"(?<![\d.])(?P<n>\d{1,2})[.．、](?!\d)"),
    recache.compile(r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩])"),
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_HEADING1 = recache.compile(r"(?:^|[。；：！？])[一二三四五六七八九十]{1,3}、")


def _value(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    return cn_numeral(s)


def _inline_count(m: str) -> tuple[int, int] | None:
    """Items enumerated in ``m`` from 1 on (``一是…二是…三是…``): how many, and how many sentences
    follow the last item's marker (more than one: the list may go on in other words)."""
    for k, pattern in enumerate(_INLINE):
        expected, count, last = 1, 0, 0
        for mt in pattern.finditer(m):
            v = _value(mt.group("n"))
            if count and ((v is not None and v <= count) or (k and _HEADING1.search(m, last, mt.start()))):
                break  # the list restarts, or a new 一、 section begins: its items are not ours
            if v == expected:
                count, expected, last = v, expected + 1, mt.end()
        if count >= 2:
            return count, len(sentences(m[last:]))
    return None


def _line_ordinal(p: Paragraph) -> tuple[int, int] | None:
    """(level, value) of a paragraph that starts a list item: 一、 （一） 1. （1） 一是 第一，"""
    o = paragraph_ordinal(p)
    if o is not None:
        return o.level, o.value
    t = compact(p.visible_text)
    m = re.match(r"^(?P<n>[一二三四五六七八九十]{1,3})是", t) or re.match(r"^第(?P<n>[一二三四五六七八九十]{1,3})[，,、]", t)
    if m:
        v = cn_numeral(m.group("n"))
        return (5 if "是" in m.group(0) else 6), v or 0
    return None


def _following_items(doc: Document, p: Paragraph) -> tuple[int, list[Paragraph], int | None] | None:
    """The items listed in the paragraphs after ``p``: (level, item paragraphs, deeper-item count)."""
    # Lazily: the scan below stops at the list's end, a few paragraphs on, and a list of the
    # whole rest of the body for each count made the rule quadratic in the draft's length.
    body = (q for q in doc.body if q.index > p.index and not q.in_table and not q.is_empty)
    following = next(body, None)
    own = _line_ordinal(p)
    own_level = own[0] if own and p.role in HEADING_ROLES else None
    if following is None or following.role in _END_ROLES:
        return None
    first = _line_ordinal(following)
    if first is None or first[1] != 1 or (own_level is not None and first[0] <= own_level):
        return None
    level = first[0]
    items: list[Paragraph] = []
    deeper = 0
    deeper_level: int | None = None
    for q in chain((following,), body):
        if q.role in _END_ROLES:
            break
        o = _line_ordinal(q)
        if o is None:
            continue
        lv, v = o
        if lv == level:
            if v != len(items) + 1:
                break
            items.append(q)
        elif lv < level <= 4 or (own_level is not None and lv <= own_level):
            break
        elif lv > level:
            if deeper_level is None:
                deeper_level = lv
            if lv == deeper_level:
                deeper += 1
    return level, items, (deeper if deeper_level is not None else None)


def _counts(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.doc
    m = mask(p.text)
    if not _COUNT_NEED.search(m):
        return
    for mt in COUNT_RE.finditer(m):
        if not (mt.group("lead") or (mt.group("end") in ("：", ":") and _COUNT_VERB.search(m[max(0, mt.start() - 4):mt.start()]))):
            continue  # 以下5项措施： / 主要有四种类型：  — not 二类口岸： (a name, not a count)
        n = _value(mt.group("n"))
        if not n or n < 2:
            continue
        rest = m[mt.end():]
        deeper = None
        if rest.strip(" \u3000：:。"):
            inline = _inline_count(rest)  # the items follow in the same paragraph, or none are listed
            found = inline[0] if inline else None
            if inline and inline[0] < n and inline[1] > 1:
                continue  # more text follows the last item: the rest may be listed another way
        else:
            listed = _following_items(doc, p)
            if listed is None:
                continue
            _, items, deeper = listed
            found = len(items)
            if found > n and all(_CLOSING_SECTION.match(_item_text(q)) for q in items[n:]):
                found = n
        if found is None:
            continue
        if found < 2:
            continue
        written = p.text[mt.start("n"):mt.end("unit")]
        if found != n:
            yield ctx.report(p, mt.start("n"), mt.end("unit"), f"写的是“{written}”，后面列出了{found}{_unit_word(mt.group('unit'))}")
        elif mt.group("n2") and deeper is not None:
            n2 = _value(mt.group("n2"))
            if n2 and deeper != n2:
                w2 = p.text[mt.start("n2"):mt.end("unit2")]
                yield ctx.report(p, mt.start("n2"), mt.end("unit2"), f"写的是“{w2}”，各{_unit_word(mt.group('unit'))}下共列出了{deeper}{mt.group('unit2')}")


def _item_text(q: Paragraph) -> str:
    t = compact(q.visible_text)
    o = parse_ordinal(t)
    return t[o.end:] if o else t


def _unit_word(unit: str) -> str:
    return {"个方面": "个方面", "大方面": "个方面", "方面": "个方面", "部分": "个部分"}.get(unit, unit)


@rule(
    "GW623",
    "item-count",
    title="列举的数目与所列不符",
    severity=WARNING,
    source="条例 第二十条第四项（审核数字、段落顺序是否准确）",
)
def item_count(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    “以下5项措施：”“从以下三个方面：”“主要做好四项工作：一是……”之后实际列出的条目数与所说的
    数目不符。条目按序号计数：同一段中的“一是……二是……”“（一）……（二）……”，或后面各段开头同一层级
    的“一、”“（一）”“1.”，到更高一级的序号、与本段同级的标题或署名为止；“3个方面12项”还核对下一层级的
    条目总数。多出的最后几条是“组织保障”“保障措施”等收尾部分时不算。后面没有按序号列出的不检查。

    ## 依据
    《党政机关公文处理工作条例》第二十条第四项：审核“数字、段落顺序……是否准确”。

    ## 示例
    错：
        关于做好防汛工作的通知
        各乡镇人民政府：
        现提出以下4项措施：
        一、落实防汛责任。
        二、加强隐患排查。
        三、做好物资储备。
    对：
        关于做好防汛工作的通知
        各乡镇人民政府：
        现提出以下3项措施：
        一、落实防汛责任。
        二、加强隐患排查。
        三、做好物资储备。
    错：重点做好以下三项工作：一是落实责任；二是排查隐患。
    对：重点做好以下两项工作：一是落实责任；二是排查隐患。

    ## 修复
    改正数目，或补齐、删去多列的条目。
    """
    for p in doc.body:
        if p.role in TEXT and not p.in_table:
            yield from _counts(p, ctx)


# --------------------------------------------------------------------------------------------
# GW624: 附件 referred to in the text

_REF_RE = recache.compile(r"附件\s*(?P<n>\d{1,2})(?![\d.．、])")
_ITEM_RE = recache.compile(r"^(?:附\s*件\s*[：:])?\s*(?P<n>\d{1,2})\s*[.．、]")


def _note_numbers(doc: Document) -> list[tuple[int, Paragraph]]:
    out = []
    for p in doc.paragraphs(Role.ATTACHMENT_NOTE):
        m = _ITEM_RE.match(compact(p.text))
        if m:
            out.append((int(m.group("n")), p))
    return out


@rule(
    "GW624",
    "attachment-reference",
    title="附件序号与正文引用不符",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.4、7.3.7",
)
def attachment_reference(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    附件说明中的附件顺序号应从1起连续（不缺号、不重号）；正文中引用的“附件3”“（见附件2）”应是
    附件说明列出的附件。附件说明与文后附件标识的一一对应由 GW106 检查。引用其他文件的附件
    （“《……》附件3”）不检查。

    ## 依据
    GB/T 9704-2012 7.3.4：多个附件“使用阿拉伯数字标注附件顺序号”；7.3.7：“附件序号和名称前后
    标注应当一致”。

    ## 示例
    错：
        关于开展安全检查的通知
        各单位：
        请按附件3的格式报送检查情况。
        附件：1. 检查方案
        2. 检查表
        宜昌市应急管理局
        2024年3月1日
    对：
        关于开展安全检查的通知
        各单位：
        请按附件2的格式报送检查情况。
        附件：1. 检查方案
        2. 检查表
        宜昌市应急管理局
        2024年3月1日
    错：
        关于开展安全检查的通知
        各单位：
        请按附件的格式报送检查情况。
        附件：1. 检查方案
        3. 检查表
        宜昌市应急管理局
        2024年3月1日

    ## 修复
    改正附件说明的序号或正文中引用的附件序号。
    """
    numbers = _note_numbers(doc)
    if not numbers:
        return
    seen: set[int] = set()
    for expected, (n, p) in enumerate(numbers, start=1):
        if n != expected and n not in seen:
            t = p.text
            k = t.find(str(n))
            yield ctx.report(p, max(k, 0), max(k, 0) + len(str(n)), f"附件顺序号应为{expected}，写成了{n}")
            break
        if n in seen:
            k = p.text.find(str(n))
            yield ctx.report(p, max(k, 0), max(k, 0) + len(str(n)), f"附件顺序号{n}重复")
            break
        seen.add(n)
    listed = {n for n, _ in numbers}
    for p in doc.body:
        if p.role not in (Role.BODY, *HEADING_ROLES) or p.in_table:
            continue
        m = mask(p.text)
        for mt in _REF_RE.finditer(m):
            before = m[max(0, mt.start() - 3):mt.start()]
            if "》" in before or "\u2060" in before or "文件" in before or "通知" in before:
                continue
            n = int(mt.group("n"))
            if n not in listed:
                yield ctx.report(p, mt.start(), mt.end(), f"正文引用了“附件{n}”，附件说明只列出了附件{'、'.join(map(str, sorted(listed)))}")
