"""Numbers with their units as drafters write them: ``120万元``, ``1,234.5``, ``一百二十万元``, ``3.5亿元``.

The consistency rules compare a total with the items it sums, so every amount is brought to its
base unit (``万元`` → 元 × 10 000, ``1.2万人`` → 人 × 12 000) as an exact :class:`~decimal.Decimal`,
and keeps the number of decimals it was written with: a sum of rounded figures may differ from a
rounded total by half a unit of the last place per figure, never more.

A leading underscore keeps the rule registry from treating this module as a rule family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .. import recache
from ..relead import lookahead_first

# --------------------------------------------------------------------------------------------
# Chinese numerals (with 万 and 亿 sections): 一百二十, 两千三百万, 十二万五千

_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万亿"


def _section(s: str) -> int | None:
    """A Chinese numeral below 10 000 (一千二百零五, 十二, 两百)."""
    total, digit = 0, None
    for c in s:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        elif c in _CN_SMALL:
            total += (1 if digit is None else digit) * _CN_SMALL[c]
            digit = None
        else:
            return None
    return total + (digit or 0)


def cn_numeral(s: str) -> int | None:
    """Value of a Chinese numeral with 万/亿 sections, or None if ``s`` is not one."""
    if not s or any(c not in CN_NUMERAL_CHARS for c in s):
        return None
    if len(s) > 1 and all(c in _CN_DIGIT for c in s):
        return None  # 二〇二四 is a year written digit by digit, not an amount
    value = 0
    for big, factor in (("亿", 10**8), ("万", 10**4)):
        if big in s:
            head, s = s.split(big, 1)
            head_value = cn_numeral(head) if head else 1
            if head_value is None:
                return None
            value += head_value * factor
    if s:
        rest = _section(s)
        if rest is None:
            return None
        value += rest
    return value


# --------------------------------------------------------------------------------------------
# Units

#: Scale words written between a number and its unit (3.5万元, 2亿人).
SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
          "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
#: Base units that are added up in tables and totals; longest first in the pattern.
UNITS = (
    "元", "平方公里", "平方米", "立方米", "公顷", "公里", "千米", "千瓦", "千克", "公斤", "吨", "亩", "米",
    "人次", "个", "项", "件", "人", "名", "所", "家", "座", "台", "辆", "套", "户", "处", "条", "次", "场", "批",
    "类", "种", "篇", "份", "本", "册", "口", "株", "棵", "头", "只", "间", "栋", "幢", "宗", "起", "例", "支", "部", "张",
)
MONEY = "元"

_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
_SCALE_ALT = "|".join(sorted(SCALES, key=len, reverse=True))
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: A quantity in running text: number, optional scale, unit.  Approximations (约, 余, 多) are
#: read too and flagged, so callers can skip them.
QUANTITY_RE = recache.compile(
    lookahead_first(rf"(?P<approx_pre>约|近|超过|逾|不足|不到|将近|大约|达到约)?"
    rf"(?P<num>{_ARABIC}|[{CN_NUMERAL_CHARS}]+)"
    rf"(?P<approx_mid>余|多)?(?P<scale>{_SCALE_ALT})?(?P<approx_mid2>余|多)?(?P<unit>{_UNIT_ALT})"
    rf"(?P<approx_post>左右|以上|以下|上下|多)?")
)
#: A table cell holding only a number (the unit may come from the column header).
CELL_NUMBER_RE = recache.compile(
    rf"^[（(]?(?P<sign>[-－−+])?(?P<num>{_ARABIC})(?P<scale>{_SCALE_ALT})?(?P<unit>{_UNIT_ALT})?[）)]?$"
)
#: What an empty figure looks like in a table: blank, a dash, a slash, 无.
BLANK_CELL_RE = recache.compile(r"^(|[-－—–/／\\]+|无|空|0+(?:\.0+)?)$")
#: A unit declared in a header or a caption: （万元） 单位：万元 金额(元).
HEADER_UNIT_RE = recache.compile(rf"(?:[（(]\s*(?:单位[：:]\s*)?|单位[：:]\s*)(?P<scale>{_SCALE_ALT})?(?P<unit>{_UNIT_ALT})\s*[）)]?")


@dataclass(frozen=True)
class Quantity:
    """An amount in base units: ``value`` 元/项/人 …, as precise as it was written."""

    value: Decimal
    unit: str | None  # base unit, None when the number stands alone
    decimals: int  # decimal places as written (in the written unit)
    step: Decimal  # one unit of the last written place, in base units (rounding tolerance)
    start: int = 0
    end: int = 0
    approx: bool = False
    text: str = ""
    scale: str | None = None  # the scale word it was written with (万 in 120万元)

    def same_unit(self, other: Quantity) -> bool:
        return self.unit == other.unit


def _decimal(num: str) -> tuple[Decimal, int] | None:
    num = num.replace(",", "").replace("，", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        try:
            return Decimal(num), len(num.split(".", 1)[1]) if "." in num else 0
        except InvalidOperation:  # pragma: no cover - the pattern makes this impossible
            return None
    value = cn_numeral(num)
    return (Decimal(value), 0) if value is not None else None


def make_quantity(num: str, scale: str | None, unit: str | None, start: int = 0, end: int = 0,
                  approx: bool = False, text: str = "") -> Quantity | None:
    parsed = _decimal(num)
    if parsed is None:
        return None
    value, decimals = parsed
    factor = SCALES.get(scale or "", Decimal(1))
    step = factor * Decimal(1).scaleb(-decimals)
    return Quantity(value * factor, unit, decimals, step, start, end, approx, text, scale if scale in SCALES else None)


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in ``text``, left to right (years, dates and ordinals excluded)."""
    out = []
    for m in QUANTITY_RE.finditer(text):
        num = m.group("num")
        after = text[m.end("num"):m.end("num") + 1]
        if after == "年" or (m.start("num") > 0 and text[m.start("num") - 1] in "第."):
            continue
        approx = bool(m.group("approx_pre") or m.group("approx_mid") or m.group("approx_mid2") or m.group("approx_post"))
        q = make_quantity(num, m.group("scale"), m.group("unit"), m.start("num"), m.end(), approx, m.group(0))
        if q is not None:
            out.append(q)
    return out


def cell_quantity(text: str, default_scale: str | None = None, default_unit: str | None = None) -> Quantity | None:
    """The number a table cell holds, in base units (the header's unit applies when the cell has
    none); None for text cells."""
    t = re.sub(r"[\s\u3000]+", "", text)
    m = CELL_NUMBER_RE.match(t)
    if not m:
        return None
    unit = m.group("unit") or default_unit
    scale = m.group("scale") if (m.group("scale") or m.group("unit")) else default_scale
    q = make_quantity(m.group("num"), scale, unit, text=t)
    if q is not None and m.group("sign"):
        q = replace(q, value=-q.value)
    return q


def header_unit(text: str) -> tuple[str | None, str] | None:
    """``(scale, unit)`` declared in a column header or a table caption, e.g. （万元） → (万, 元)."""
    m = HEADER_UNIT_RE.search(re.sub(r"[\s\u3000]+", "", text))
    return (m.group("scale"), m.group("unit")) if m else None


def show(q: Quantity | Decimal, unit: str | None = None) -> str:
    """A figure for a message, without trailing zeros: 120, 1.5, 3000."""
    value = q.value if isinstance(q, Quantity) else q
    s = format(value.normalize(), "f") if value != 0 else "0"
    return s + (unit or "")


def in_unit(value: Decimal, scale: str | None) -> Decimal:
    """``value`` (base units) expressed in ``scale`` (万 → value / 10 000)."""
    return value / SCALES[scale] if scale else value


def written_like(value: Decimal, like: Quantity) -> str:
    """``value`` in the unit ``like`` was written in: 1300000 like 120万元 → 130万元."""
    return show(in_unit(value, like.scale)) + (like.scale or "") + (like.unit or "")
