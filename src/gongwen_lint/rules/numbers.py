"""Numbers per GB/T 15835-2011 《出版物上数字用法》 (GW501–GW504; GW502, full-width digits, is
a substitution table declared in ``dictionaries/rules/GW502.toml``).

GB/T 15835 is a 推荐性 standard whose scope says 公文 *may* follow it, so its rules default to
``warning``; relative time words are a drafting habit (实务) and only ``info``.  The 成文日期
line and the 发文字号 are checked by GW103/GW102 (elements); these rules look at running text.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import recache
from ..diagnostics import Diagnostic, Severity
from ..model import TEXT_ROLES, Paragraph
from ..relead import lookahead_first
from ..text import CN_DIGITS, masked, sentences
from .context import Context
from .punctuation import PUNCT_ROLES
from .registry import rule

WARNING = Severity.WARNING
INFO = Severity.INFO

# --------------------------------------------------------------------------------------------
_FAKE_ZERO = "OoＯｏ○0０零"
_FAKE_ZERO_RE = recache.compile(f"[{_FAKE_ZERO}]")
# [x]{2,} written as [x][x]+: a pattern opening with a class is scanned for with it (text._CJK_RUN_RE)
_NUMERAL_RUN = recache.compile(r"[〇一二三四五六七八九OoＯｏ○0０零][〇一二三四五六七八九OoＯｏ○0０零]+")


def _zero_runs(m: str) -> Iterator[tuple[int, int, str]]:
    """Runs of Chinese digits written digit by digit (二〇〇八) with a wrong zero in them."""
    for mt in _NUMERAL_RUN.finditer(m):
        run = mt.group(0)
        s, e = mt.span()
        if not any(c in "一二三四五六七八九" for c in run) or not any(c in _FAKE_ZERO for c in run):
            continue
        before = m[s - 1] if s > 0 else ""
        after = m[e] if e < len(m) else ""
        if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
            continue
        if "零" in run:
            # 一千零一 is right; 零 is wrong only in a year written digit by digit: 二零零八年
            if not (len(run) == 4 and after == "年" and "十" not in run):
                continue
        elif not (after == "年" or len(run) >= 3):
            continue  # 一O … is too short to be sure
        fixed = "".join("〇" if c in _FAKE_ZERO else c for c in run)
        yield s, e, fixed


@rule(
    "GW501",
    "zero-character",
    title="汉字数字中的“〇”",
    severity=WARNING,
    source="标准 GB/T 15835-2011 5.1.2",
    roles=PUNCT_ROLES,
    fixable=True,
)
def zero_character(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    逐位书写的汉字数字（多为年份）中的零应写作“〇”（U+3007），不用字母 O/o、
    圆圈“○”（U+25CB）、阿拉伯数字 0 或“零”（“二零零八年”）。“一千零一”中的“零”不报。
    成文日期由 GW103 检查（应使用阿拉伯数字）。

    ## 依据
    GB/T 15835-2011 5.1.2：阿拉伯数字“0”用作计量时汉字写作“零”，用作编号时汉字写作“〇”
    （如“二〇一二年”）。

    ## 示例
    错：自二OO八年起施行。
    错：二○一二年工作要点
    错：二零一九年以来
    对：自二〇〇八年起施行。
    对：共计一千零一件。

    ## 修复
    替换为“〇”。
    """
    text = p.text
    if not _FAKE_ZERO_RE.search(text):
        return  # every finding has a wrong zero (masking only hides characters)
    m = masked(text)
    for s, e, fixed in _zero_runs(m):
        yield ctx.report(p, s, e, f"汉字数字中的零应写作“〇”：{p.text[s:e]} → {fixed}", replacement=fixed)


# --------------------------------------------------------------------------------------------
_DOTTED_DATE = recache.compile(lookahead_first(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[./\-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.]|[年月日号])(?!\s*[:：]\d)"))
_SHORT_YEAR = recache.compile(lookahead_first(r"(?<![\d０-９'])(?P<y>\d{2})年(?P<m>\d{1,2})月"))
_PADDED = recache.compile(lookahead_first(r"(?<![\d０-９.])0(?P<n>[1-9])(?P<u>[月日])"))
_HAO_DATE = recache.compile(lookahead_first(r"(?<![\d.])(?P<m>\d{1,2})月(?P<d>\d{1,2})号"))
_DIGIT = recache.compile(r"\d")
_MIXED = recache.compile(r"(?P<y>[〇一二三四五六七八九○OＯ零]{4})年(?=\d{1,2}月)")


def _valid(month: int, day: int | None = None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


@rule(
    "GW503",
    "date-expression",
    title="正文中的日期写法",
    severity=WARNING,
    source="标准 GB/T 15835-2011 4.1",
    roles=TEXT_ROLES,
    fixable=True,
)
def date_expression(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    正文中的日期应写作“2024年3月5日”：不用“2024.3.5”“2024/3/5”“2024-03-05”，
    年份不简写（“24年3月”），月、日不补零（“03月05日”），日期用“日”不用“号”（“3月5号”），
    不把汉字年份与阿拉伯数字月日混用（“二〇二四年3月”）。成文日期由 GW103 检查。

    ## 依据
    GB/T 15835-2011 4.1.1：年月日使用阿拉伯数字时写作“2008年8月8日”，年份不能简写；
    5.2.1：阿拉伯数字与汉字数字不混用。

    ## 示例
    错：请于2024.3.5前报送。
    错：请于3月5号前报送。
    错：自03月01日起施行。
    错：24年3月以来，全市……
    对：请于2024年3月5日前报送。
    对：增长2024.3万元。
    对：第3号文件

    ## 修复
    改写为“2024年3月5日”、去掉补位的零、“号”→“日”、汉字年份改为阿拉伯数字；简写的年份不自动修复。
    """
    m = masked(p.text)
    if not _DIGIT.search(m):
        return  # every pattern below needs an Arabic digit: one scan instead of five
    # Each pattern is tried only when the paragraph holds the characters all its matches hold
    # (substring tests in C; most paragraphs with a digit name no date of these forms).
    has_month = "月" in m
    for mt in _DOTTED_DATE.finditer(m) if "." in m or "/" in m or "-" in m else ():
        y, mo, d = mt.group("y"), int(mt.group("m")), int(mt.group("d"))
        if not _valid(mo, d):
            continue
        fixed = f"{y}年{mo}月{d}日"
        yield ctx.report(p, mt.start(), mt.end(), f"日期应写作“{fixed}”：{mt.group(0)} → {fixed}", replacement=fixed)
    for mt in _SHORT_YEAR.finditer(m) if has_month and "年" in m else ():
        if _valid(int(mt.group("m"))):
            s, e = mt.span("y")
            yield ctx.report(p, s, e + 1, f"年份不应简写：{mt.group('y')}年 → 应写全四位年份")
    for mt in _PADDED.finditer(m) if "0" in m and (has_month or "日" in m) else ():
        if mt.group("u") == "日" and not (mt.start() > 0 and m[mt.start() - 1] == "月"):
            continue  # 05日 alone: rare, and may be a code
        fixed = mt.group("n") + mt.group("u")
        yield ctx.report(p, mt.start(), mt.end(), f"月、日不补零：{mt.group(0)} → {fixed}", replacement=fixed)
    for mt in _HAO_DATE.finditer(m) if has_month and "号" in m else ():
        if _valid(int(mt.group("m")), int(mt.group("d"))):
            s = mt.end() - 1
            yield ctx.report(p, s, s + 1, f"日期应用“日”不用“号”：{mt.group(0)} → {mt.group(0)[:-1]}日", replacement="日")
    for mt in _MIXED.finditer(m) if has_month and "年" in m else ():
        digits = "".join(str(CN_DIGITS.get(c, 0)) for c in mt.group("y"))
        fixed = f"{digits}年"
        yield ctx.report(p, mt.start(), mt.end(), f"汉字年份与阿拉伯数字月日混用：{mt.group(0)} → {fixed}", replacement=fixed)


# --------------------------------------------------------------------------------------------
_RELATIVE = recache.compile(r"今年|去年|明年|前年|近日|日前|昨天|今天|明天|前天|后天|昨日|今日|明日|上周|本周|下周|上个?月|下个?月|本月")
_EXPLICIT_DATE = recache.compile(lookahead_first(r"\d{4}年|\d{1,2}月\d{1,2}日|[〇一二三四五六七八九]{4}年"))
_RELATIVE_COMPOUND = recache.compile(r"今日头条|明日之星|今天下|本月刊")


@rule(
    "GW504",
    "relative-time",
    title="相对时间词",
    severity=INFO,
    source="实务 公文时间表述应具体",
    roles=TEXT_ROLES,
)
def relative_time(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    “今年”“近日”“下周”“本月”等相对时间词，在同一句中没有具体日期时提示：公文长期有效、
    被转发和查阅时读者不知道“今年”是哪一年。

    ## 依据
    公文写作实务：时间表述应具体明确（实务规则，仅作提示）。

    ## 示例
    错：请于下周将材料报送市政府办公室。
    错：近日，我市召开安全生产工作会议。
    对：请于2024年3月8日前将材料报送市政府办公室。
    对：今年（2024年）全市经济运行稳中有进。
    """
    m = masked(p.text)
    if not _RELATIVE.search(m):
        return  # most paragraphs: no relative word, so no sentence to split and test
    if _RELATIVE_COMPOUND.search(m):  # each compound holds a relative word: looked for only now
        m = _RELATIVE_COMPOUND.sub(lambda x: "\u2060" * len(x.group(0)), m)
        if not _RELATIVE.search(m):
            return
    for s0, e0 in sentences(m):
        sentence = m[s0:e0]
        if _EXPLICIT_DATE.search(sentence):
            continue
        for mt in _RELATIVE.finditer(sentence):
            s, e = s0 + mt.start(), s0 + mt.end()
            yield ctx.report(p, s, e, f"相对时间“{mt.group(0)}”宜改为具体日期")
