"""Punctuation per GB/T 15834-2011 《标点符号用法》 (GW401–GW407).

GB/T 15834 is a 推荐性 national standard (GB/T) and GB/T 9704 clause 9 only points to it, so
these rules default to ``warning``.  All of them match on :func:`gongwen_lint.text.mask`-ed
text: quotations, 书名号 titles and cited document numbers are not the drafter's own wording,
and document numbers belong to GW102.  URLs, e-mail addresses, times (9:30), decimals and
thousands separators keep their half-width marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import recache
from ..diagnostics import Diagnostic, Severity
from ..model import TEXT_ROLES, Document, Paragraph, Role
from ..relead import lookahead_first
from ..text import MASK, masked
from ..text import is_cjk as _is_cjk
from ._ordinals import CJK_PUNCT, is_cjkish, paragraph_ordinal
from .context import Context
from .registry import rule

WARNING = Severity.WARNING

#: Running text plus the lines where a drafter writes sentences of their own.
PUNCT_ROLES = TEXT_ROLES | {Role.TITLE, Role.NOTE, Role.ATTACHMENT_TITLE}

_SPACES = " \t\u00a0"


def _left(m: str, i: int) -> str:
    j = i - 1
    while j >= 0 and m[j] in _SPACES:
        j -= 1
    return m[j] if j >= 0 else ""


def _right(m: str, i: int) -> str:
    j = i + 1
    while j < len(m) and m[j] in _SPACES:
        j += 1
    return m[j] if j < len(m) else ""


def is_cjk(ch: str) -> bool:
    """A Han character; False for the empty string (the edge of the paragraph)."""
    return bool(ch) and _is_cjk(ch)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# --------------------------------------------------------------------------------------------
#: The characters each scan below acts on (the others pass unchanged: the scans visit only these).
_HALF_MARKS = recache.compile(r"[,;:?!.]")
_BRACKETS = recache.compile("[()（）]")
_PAIRED_MARKS = recache.compile("[“”（(《〔）)》〕]")
_HALFWIDTH = recache.compile(r"[,;:?!.()]")  # in every GW401 finding (full-width brackets: with one)
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_KIND = "中文中应使用全角标点"  # one finding per paragraph for all the marks (issue 14)
_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号", ".": "句号"}


def _halfwidth_marks(text: str) -> list[int]:
    """Offsets of half-width marks that stand in Chinese context, inside quotations and 书名号
    titles too: a drafter who types ``,`` in ``“比创业,讲服务”`` or ``(试行)`` in a title did not
    copy it from the source, which uses full-width marks."""
    m = masked(text, quotations=False)
    found: list[int] = []
    for hit in _HALF_MARKS.finditer(m):  # only the marks matter: visit them, not every character
        i, ch = hit.start(), hit.group()
        if ch in ",;:?!":
            left, right = _left(m, i), _right(m, i)
            if ch in ",:" and left.isdigit() and right.isdigit():
                continue  # 1,000 / 9:30 / 1:500
            if is_cjkish(left) or (is_cjk(right) and not _latin(left)):
                found.append(i)
        elif ch == "." and i > 0 and is_cjk(m[i - 1]) and (i + 1 == len(m) or m[i + 1] not in ".") and (
            i + 1 == len(m) or is_cjkish(m[i + 1]) or m[i + 1] in _SPACES
        ) and (i == 0 or m[i - 1] != "."):
            found.append(i)
    found += _halfwidth_brackets(m, text)
    return sorted(found)


def _halfwidth_brackets(m: str, text: str) -> list[int]:
    """Half-width ( ) pairs (mixed pairs too) in Chinese context; a leading ordinal is GW301's."""
    if not _BRACKETS.search(m):
        return []  # most paragraphs: no half- or full-width bracket at all
    skip = set()
    o = paragraph_ordinal(Paragraph(part="", index=0, text=text))
    if o is not None:
        skip = set(range(o.start, o.end))
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    lone: list[int] = []
    for hit in _BRACKETS.finditer(m):
        i, ch = hit.start(), hit.group()
        if ch in "(（":
            stack.append(i)
        elif ch in ")）":
            if stack:
                pairs.append((stack.pop(), i))
            elif ch == ")":
                lone.append(i)
    lone += [i for i in stack if m[i] == "("]
    found = []
    for a, b in pairs:
        if m[a] == "（" and m[b] == "）":
            continue
        inner = m[a + 1:b]
        chinese = any(is_cjkish(c) for c in inner) or is_cjkish(_left(m, a)) or is_cjkish(_right(m, b))
        if not chinese:
            continue
        found += [i for i in (a, b) if m[i] in "()" and i not in skip]
    for i in lone:
        if i not in skip and (is_cjkish(_left(m, i)) or is_cjkish(_right(m, i))):
            found.append(i)
    return found


@rule(
    "GW401",
    "halfwidth-punctuation",
    title="中文中使用半角标点",
    severity=WARNING,
    source="标准 GB/T 15834-2011",
    roles=PUNCT_ROLES,
    fixable=True,
)
def halfwidth_punctuation(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    中文语句中的半角逗号、分号、冒号、问号、叹号、括号和句末的“.”，应使用全角标点。
    西文内容、网址和电子邮件地址、时间（9:30）、比例、千分位（1,000）、小数不报；
    引用的发文字号由 GW102 检查，这里不报。引号内的引文和书名号内的标题照样检查：
    其中的半角标点也是拟稿人自己打的（原文用全角标点）。

    ## 依据
    GB/T 15834-2011《标点符号用法》（推荐性国家标准，GB/T 9704-2012 第 9 章引用）：
    中文使用全角标点符号。

    ## 示例
    错：各单位要高度重视,认真组织实施。
    错：会议时间:2024年3月5日上午9:30。
    错：国内生产总值(GDP)增长5%。
    错：开展以“讲激情、比创业,讲服务、比奉献”为主题的活动。
    错：根据《关于印发〈考核办法(试行)〉的通知》要求。
    对：参照《Python: A Guide》一书。
    对：各单位要高度重视，认真组织实施。
    对：会议时间：2024年3月5日上午9:30。
    对：详见 https://www.gov.cn/zhengce/index.htm，或发送邮件至 office@example.gov.cn。

    ## 修复
    替换为对应的全角标点（, → ，  : → ：  ( → （ 等）。
    """
    if not _HALFWIDTH.search(p.text):
        return  # only a half-width mark or bracket is reported: most paragraphs have none
    for i in _halfwidth_marks(p.text):
        ch = p.text[i]
        yield ctx.report(p, i, i + 1, f"中文中应使用全角{_NAMES[ch]}：{ch} → {_FULL[ch]}", replacement=_FULL[ch],
                         kind=_KIND)


# --------------------------------------------------------------------------------------------
_OPEN = {"（": "）", "(": "）", "《": "》", "〔": "〕"}
_CLOSE = {"）": "（", ")": "（", "》": "《", "〕": "〔"}


def _unpaired(text: str) -> list[int]:
    """Offsets of unmatched “ ” 《 》 （ ） 〔 〕 ( ), half-width and full-width brackets pairing."""
    bad: list[int] = []
    stack: list[tuple[str, int]] = []
    quote: int | None = None
    for hit in _PAIRED_MARKS.finditer(text):
        i, ch = hit.start(), hit.group()
        if ch == "“":
            if quote is not None:
                bad.append(quote)
            quote = i
        elif ch == "”":
            if quote is None:
                bad.append(i)
            quote = None
        elif ch in _OPEN:
            stack.append((_OPEN[ch], i))
        elif ch in _CLOSE:
            want = "）" if ch == ")" else ch
            # find the nearest opener of this kind; openers above it are unmatched
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    bad += [j for _, j in stack[k + 1:]]
                    del stack[k:]
                    break
            else:
                bad.append(i)
    if quote is not None:
        bad.append(quote)
    bad += [j for _, j in stack]
    # Half-width brackets stand for numbers and Latin too (a), 1) in lists); only the full-width
    # ones and the ones GW401 does not already report are this rule's business.
    return sorted(j for j in set(bad) if text[j] not in "()")


_PARTNER = {"”": "“", "》": "《", "）": "（", "〕": "〔"}
_MARK_NAMES = {"“": "引号", "”": "引号", "《": "书名号", "》": "书名号", "（": "括号", "）": "括号", "〔": "六角括号", "〕": "六角括号"}


@rule(
    "GW402",
    "unpaired-marks",
    title="标号不成对",
    severity=WARNING,
    source="标准 GB/T 15834-2011 4.15–4.16",
)
def unpaired_marks(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    引号“”、书名号《》、括号（）、六角括号〔〕应成对使用，缺前或缺后都报。
    跨段引用时各段段首用前引号、只在最后一段末尾用后引号，这是标准用法，不报。
    段首序数“1）”缺前括号由 GW301 报告，此处不重复。

    ## 依据
    GB/T 15834-2011《标点符号用法》：引号、括号、书名号为成对使用的标号。

    ## 示例
    错：根据《中华人民共和国安全生产法规定，制定本办法。
    错：要坚持“稳中求进工作总基调。
    对：根据《中华人民共和国安全生产法》规定，制定本办法。
    对：
        他指出：
        “第一段引文，
        “第二段引文。”
    """
    paragraphs = [p for p in doc.body if p.role in PUNCT_ROLES and not p.is_empty]
    found = {id(p): _unpaired(p.text) for p in paragraphs}
    suppressed: set[tuple[int, int]] = set()
    # A pair split across paragraphs (a multi-paragraph quotation; a title broken by Enter):
    # an opener left open is closed by the first unmatched closer of a later paragraph.
    pending: dict[str, tuple[Paragraph, int]] = {}
    for n, p in enumerate(paragraphs):
        for i in found[id(p)]:
            ch = p.text[i]
            opener = _PARTNER.get(ch)
            if opener is not None:  # a closer
                if opener in pending:
                    q, j = pending.pop(opener)
                    suppressed.update({(id(q), j), (id(p), i)})
                continue
            if ch == "“":
                nxt = paragraphs[n + 1].text.lstrip(" \u3000") if n + 1 < len(paragraphs) else ""
                if p.text[:i].strip(" \u3000") == "" and nxt.startswith("“"):
                    suppressed.add((id(p), i))  # each paragraph of the quotation opens again
            pending[ch] = (p, i)
    for p in paragraphs:
        o = paragraph_ordinal(p) if found[id(p)] else None  # read only where something is to report
        for i in found[id(p)]:
            if (id(p), i) in suppressed:
                continue
            if o is not None and not o.in_label and o.text_span[0] <= i < o.text_span[1]:
                continue
            ch = p.text[i]
            side = "缺少对应的后半个" if ch in "“《（〔" else "缺少对应的前半个"
            yield ctx.report(p, i, i + 1, f"{_MARK_NAMES[ch]}“{ch}”不成对：{side}")


# --------------------------------------------------------------------------------------------
_ELLIPSIS = recache.compile(lookahead_first(r"\.{3,}|。{3,}|…(?!…)|…{3,}|[·・]{3,}"))


@rule(
    "GW403",
    "ellipsis-dash",
    title="省略号与破折号",
    severity=WARNING,
    source="标准 GB/T 15834-2011 4.11, 4.9",
    roles=PUNCT_ROLES,
    fixable=True,
)
def ellipsis_dash(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    省略号应为两个“…”组成的“……”，不用“...”“。。。”“…”（单个）；
    破折号应为“——”，不用“--”“－－”。英文中的“...”不报。

    ## 依据
    GB/T 15834-2011 4.11：省略号形式为“……”，占两个字位置；4.9：破折号形式为“——”。

    ## 示例
    错：加强水利、交通、能源等基础设施建设。。。
    错：包括资金、土地、人才...等要素保障。
    错：国家标准--公文格式
    对：包括资金、土地、人才……各类要素保障。
    对：See the appendix...

    ## 修复
    替换为“……”或“——”。
    """
    # What each pattern needs, tested on the text before masking (which only hides characters).
    text = p.text
    ellipsis = "..." in text or "。。。" in text or "…" in text or "·" in text or "・" in text
    dash = "--" in text or "－－" in text
    if not (ellipsis or dash):
        return
    m = masked(text)
    if ellipsis:
        yield from _ellipses(p, m, ctx)
    if dash:
        yield from _dashes(p, m, ctx)


def _ellipses(p: Paragraph, m: str, ctx: Context) -> Iterator[Diagnostic]:
    for mt in _ELLIPSIS.finditer(m):
        s, e = mt.start(), mt.end()
        if mt.group(0) == "…" and s > 0 and m[s - 1] == "…":
            continue
        left = m[s - 1] if s > 0 else ""
        right = m[e] if e < len(m) else ""
        if mt.group(0)[0] == "." and not (is_cjkish(left) or is_cjk(right)):
            continue  # Latin text or a table of contents leader
        yield ctx.report(p, s, e, f"省略号应写作“……”：{mt.group(0)} → ……", replacement="……")


def _dashes(p: Paragraph, m: str, ctx: Context) -> Iterator[Diagnostic]:
    for mt in re.finditer(r"--|－－", m):
        s, e = mt.start(), mt.end()
        if (s > 0 and m[s - 1] in "-－") or (e < len(m) and m[e] in "-－"):
            continue
        left = m[s - 1] if s > 0 else ""
        right = m[e] if e < len(m) else ""
        if is_cjk(left) or is_cjk(right):
            yield ctx.report(p, s, e, f"破折号应写作“——”：{mt.group(0)} → ——", replacement="——")


# --------------------------------------------------------------------------------------------
_RANGE = recache.compile(
    lookahead_first(r"(?<![\dA-Za-z.\-－/:])(?P<a>\d+(?:\.\d+)?)(?P<unit_a>[万亿]?)(?P<dash>[-－~–])(?P<b>\d+(?:\.\d+)?)"
    r"(?P<after>[万亿]?[%‰]?)(?![\d\-－./:])")
)


@rule(
    "GW404",
    "range-format",
    title="起止范围的写法",
    severity=WARNING,
    source="标准 GB/T 15834-2011 4.13, GB/T 15835-2011",
    roles=PUNCT_ROLES,
    fixable=True,
)
def range_format(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    时间、地域的起止用一字线“—”（2021—2025年、1—3月），数值范围用浪纹线“～”，
    且两端的“万”“亿”“%”都要写出（3万～5万元、10%～20%、15～30天）；不用短横线“-”或“~”。
    标准编号（GB/T 9704-2012）、电话号码、日期（2024-03-01）不报。

    ## 依据
    GB/T 15834-2011 4.13 连接号：标示时间、地域的起止用一字线，标示数值范围用浪纹线；
    GB/T 15835-2011：数值范围的两个数值都带“万”“亿”“%”时都应写出。

    ## 示例
    错：“十四五”时期（2021-2025年）
    错：每人补助3-5万元。
    错：办理时限为15-30天。
    对：2021—2025年
    对：每人补助3万～5万元。
    对：按照GB/T 9704-2012执行。

    ## 修复
    年份、月份范围 → “—”；数值范围 → “～”，并补写前一个数值的“万”“亿”“%”。
    """
    if "-" not in p.text and "－" not in p.text and "~" not in p.text and "–" not in p.text:
        return  # every range has its dash (masking only hides characters)
    m = masked(p.text)
    for mt in _RANGE.finditer(m):
        a, b, after = mt.group("a"), mt.group("b"), mt.group("after")
        unit_a = mt.group("unit_a")
        end = mt.end()
        nxt = m[end] if end < len(m) else ""
        if not (is_cjk(nxt) or after):
            continue  # not followed by a unit: a code, a score, a phone number
        before = _left(m, mt.start())
        if before and (_latin(before) or before in "/-－.#"):
            continue  # GB/T 9704-2012, No. 3-5
        year = len(a) == 4 and len(b) == 4 and "." not in a + b and nxt == "年" and not after
        month = nxt == "月" and not after and "." not in a + b and 1 <= int(a) <= 12 and 1 <= int(b) <= 12
        if year or month:
            if mt.group("dash") in "-－~–":
                fixed = f"{a}—{b}"
                kind = "年份" if year else "月份"
                yield ctx.report(p, mt.start(), end, f"{kind}起止应使用一字线“—”：{mt.group(0)} → {fixed}", replacement=fixed)
            continue
        if nxt in "年月日号":
            continue  # dates, 1-2号楼 …
        mult = after.rstrip("%‰")
        pct = after[len(mult):]
        fixed = f"{a}{unit_a or mult}{pct}～{b}{after}"
        yield ctx.report(p, mt.start(), end, f"数值范围应使用浪纹线“～”，两端写全单位：{mt.group(0)} → {fixed}", replacement=fixed)


# --------------------------------------------------------------------------------------------
_CN_DIGITS = "一二三四五六七八九"
_APPROX = recache.compile(lookahead_first(r"(?<![第\d一二三四五六七八九十、])(?P<a>[一二三四五六七八九]|\d)、(?P<b>[一二三四五六七八九十]|\d{1,2})(?=[个天次人名岁倍成家项位周分秒小万千百十]|年(?!级))"))
_APPROX_NEED = recache.compile(r"、[一二三四五六七八九十\d]")  # in every _APPROX match; a literal first
_QUOTED_ITEMS = recache.compile(r"[”》]、[“《]")
# 等 as the list-closing particle, not the first character of a word (等级, 等次, 等额 …).
_BEFORE_DENG = recache.compile(r"、(?=等(?![级次同待候额量价效值距高比号腰分]))")


@rule(
    "GW405",
    "enumeration-comma",
    title="顿号误用",
    severity=WARNING,
    source="标准 GB/T 15834-2011 4.5.3",
    roles=PUNCT_ROLES,
    fixable=True,
)
def enumeration_comma(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    顿号的三种常见误用：相邻两数连用表示概数时加了顿号（“三、四天”→“三四天”）；
    标有引号或书名号的并列成分之间加了顿号（“《甲》、《乙》”）；“等”字前加了顿号（“…、等”）。
    表示列举的“第3、4条”“3、4月份”“二、三年级”（带“第”、月日、年级）不报；“、等级评价”
    “、等额”中的“等”是下一个词的头一个字，不是助词，也不报。

    ## 依据
    GB/T 15834-2011 4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号；
    4.5.3.6 等：相邻或相近两数字连用表示概数通常不用顿号。“通常”，故为警告。

    ## 示例
    错：会议为期三、四天。
    错：学习《条例》、《规定》，把握精神实质。
    错：加强水、电、气、等保障。
    对：会议为期三四天。
    对：学习《条例》《规定》，把握精神实质。
    对：依照第3、4条的规定处理。
    对：开展安全评估、等级评价和备案工作。

    ## 修复
    删去多余的顿号（阿拉伯数字的概数需改写为汉字，不自动修复）。
    """
    text = p.text
    if "、" not in text:
        return  # every match of the three patterns holds a 顿号 (masking only hides characters)
    m = masked(text)
    for mt in _APPROX.finditer(m) if _APPROX_NEED.search(m) else ():
        a, b = mt.group("a"), mt.group("b")
        if a.isdigit() != b.isdigit():
            continue
        va = int(a) if a.isdigit() else _CN_DIGITS.index(a) + 1
        vb = int(b) if b.isdigit() else (10 if b == "十" else _CN_DIGITS.index(b) + 1)
        if vb != va + 1:
            continue
        # 一、二、三 … is a list, not an approximation
        if mt.end() < len(m) and m[mt.end()] == "、":
            continue
        s = mt.start() + 1
        if a.isdigit():
            yield ctx.report(p, mt.start(), mt.end(), f"相邻两数连用表示概数，不用顿号，宜用汉字：{mt.group(0)}")
        else:
            yield ctx.report(p, s, s + 1, f"相邻两数连用表示概数，不用顿号：{mt.group(0)} → {a}{b}", replacement="")
    for mt in _QUOTED_ITEMS.finditer(text) if "、“" in text or "、《" in text else ():
        s = mt.start() + 1
        if m[mt.start()] == MASK:
            continue
        yield ctx.report(
            p, s, s + 1,
            f"标有引号或书名号的并列成分之间通常不用顿号：{mt.group(0)} → {mt.group(0)[0]}{mt.group(0)[2]}",
            replacement="", severity=Severity.INFO,
        )
    for mt in _BEFORE_DENG.finditer(m) if "、等" in m else ():
        yield ctx.report(p, mt.start(), mt.end(), "“等”前不用顿号：、等 → 等", replacement="")


# --------------------------------------------------------------------------------------------
_SPACE_RUN = recache.compile(r"[ \u3000\u00a0][ \u3000\u00a0]*")  # [ …]+: opening with the class (text._CJK_RUN_RE)
_LABEL_AFTER = recache.compile(
    r"(?:联系人|联系电话|电话|手机|传真|邮编|邮箱|电子邮箱|地址|时间|地点|主持人?|记录人?|出席|列席|请假|签发人|附件)[：:]"
)
_ARTICLE_BEFORE = recache.compile(r"^[ \u3000]*第[一二三四五六七八九十百零〇\d]{1,6}[章节条编]$")


@rule(
    "GW406",
    "stray-space",
    title="多余的空格",
    severity=WARNING,
    source="实务 公文排版：汉字之间不留空格",
    roles=TEXT_ROLES | {Role.TITLE},
    fixable=True,
)
def stray_space(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    汉字之间或汉字与中文标点之间的空格（“会 议”“通知 。”），以及西文中的连续空格。
    段首缩进和段末空格、两字人名中的对齐空格（“王　伟、李明明”）、段首“第一条 ”之后的空格、
    字距拉开的字（“国 务 院”“通　知”）、字段之间的空格（“联系人：张三 电话：…”）不报。
    全角空格（U+3000）是有意输入的（对齐、署名与日期之间、联合署名），只报半角空格。

    ## 依据
    公文排版实务：汉字间不加空格，对齐用缩进或制表位而非空格；常见于从网页或 PDF 复制的文字。

    ## 示例
    错：各单位要认真组织 学习。
    错：请于3月5日前报送 。
    对：出席：王　伟、李明明、张　三
    对：第一条　为了规范公文处理工作，制定本办法。

    ## 修复
    删去汉字之间的空格；西文中的连续空格改为一个。
    """
    text = p.text
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return  # no blank of _SPACE_RUN (masking only hides characters)
    m = masked(text)
    lead = len(text) - len(text.lstrip(" \u3000\u00a0\t"))
    tail = len(text.rstrip(" \u3000\u00a0\t"))
    for mt in _SPACE_RUN.finditer(m):
        s, e = mt.start(), mt.end()
        if s < lead or e > tail or s == 0:
            continue
        left, right = m[s - 1], m[e]
        if _latin(left) and _latin(right):
            if e - s > 1 and "\u3000" not in mt.group(0):
                yield ctx.report(p, s, e, "西文单词之间只需一个空格", replacement=" ")
            continue
        if not ((is_cjk(left) or left in CJK_PUNCT) and (is_cjk(right) or right in CJK_PUNCT)):
            continue
        if left in "：:" or (right in "“《（" and left in "：:，"):
            continue
        if left in "。；！？" and "\u3000" in mt.group(0):
            continue  # sentences set apart with a full-width space
        if set(mt.group(0)) == {"\u3000"}:
            continue  # full-width spaces are typed on purpose: alignment, 署名　日期, joint organs
        if (s >= 2 and m[s - 2] in " \u3000") or (e + 1 < len(m) and m[e + 1] in " \u3000"):
            continue  # letter-spaced words: 国 务 院, 通　知
        # Two-character names padded to align with three-character ones: 王　伟
        if is_cjk(left) and is_cjk(right) and (s < 2 or not is_cjk(m[s - 2])) and (e + 1 >= len(m) or not is_cjk(m[e + 1])):
            continue
        if _ARTICLE_BEFORE.search(m[:s]) or _LABEL_AFTER.match(m, e):
            continue
        yield ctx.report(p, s, e, f"{_between(left, right)}之间有多余的空格", replacement="")


def _between(left: str, right: str) -> str:
    """What a stray space stands between, for its message (“报送 。” is not between two 汉字)."""
    kinds = {"汉字" if is_cjk(c) else "标点" for c in (left, right)}
    return "汉字与标点" if len(kinds) == 2 else kinds.pop()


# --------------------------------------------------------------------------------------------
_POINTS = "，。、；：？！"
_REPEAT = recache.compile(f"[{_POINTS}][{_POINTS}]+")  # [，…]{2,}: opening with the class (text._CJK_RUN_RE)


@rule(
    "GW407",
    "repeated-punctuation",
    title="标点重复",
    severity=WARNING,
    source="标准 GB/T 15834-2011",
    roles=PUNCT_ROLES,
    fixable=True,
)
def repeated_punctuation(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    连用的点号：“，，”“。。”“、、”或“，。”“；。”等。“？！”连用表示强烈疑问，
    “。。。”是错写的省略号（由 GW403 报告），均不在此报。

    ## 依据
    GB/T 15834-2011：点号表示语句的停顿，一处停顿只用一个点号。

    ## 示例
    错：各地要认真贯彻落实，，确保取得实效。
    错：特此通知。。
    错：加强组织领导，。
    对：特此通知。
    对：难道不应该深刻反思吗？！

    ## 修复
    同一点号重复时保留一个；不同点号连用时需人工判断保留哪一个，不自动修复。
    """
    m = masked(p.text)
    for mt in _REPEAT.finditer(m):
        run = mt.group(0)
        if set(run) <= set("？！"):
            continue
        if set(run) == {"。"} and len(run) >= 3:
            continue  # GW403
        if len(set(run)) == 1:
            yield ctx.report(p, mt.start(), mt.end(), f"标点重复：{run} → {run[0]}", replacement=run[0])
        else:
            yield ctx.report(p, mt.start(), mt.end(), f"点号连用：“{run}”只应保留一个")
