"""Word automatic numbering (numbering.xml): the label Word draws before a paragraph.

Why it matters: drafters often let Word number headings ("一、", "（一）", "1."); the label is not
in the paragraph text, yet it is the visible heading ordinal that heading rules must check.

Counting follows Word: counters live per abstract numbering definition (two ``w:num`` that share
an ``w:abstractNum`` continue one sequence) and a ``w:startOverride`` restarts the sequence the
first time its ``w:num`` is used; using a level resets the deeper levels.  The label is
``w:lvlText`` with ``%1``…``%9`` replaced by the counters in each level's ``w:numFmt``; the
suffix after it (tab/space) is not part of the label.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .ns import W_PPR, w
from .props import W_ILVL, W_PSTYLE, W_VAL, number, parse_ppr

W_ABSTRACTNUM = w("abstractNum")
W_ABSTRACTNUMID = w("abstractNumId")
W_NUM = w("num")
W_NUMID_ATTR = w("numId")
W_LVL = w("lvl")
W_LVLOVERRIDE = w("lvlOverride")
W_STARTOVERRIDE = w("startOverride")
W_START = w("start")
W_NUMFMT = w("numFmt")
W_LVLTEXT = w("lvlText")
W_ISLGL = w("isLgl")
W_NUMSTYLELINK = w("numStyleLink")
W_STYLELINK = w("styleLink")
W_LVLRESTART = w("lvlRestart")


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    ppr: dict | None = None  # indentation the level imposes
    pstyle: str | None = None
    restart: int | None = None  # w:lvlRestart: reset after this (1-based) level, 0 = never


def _parse_level(el) -> Level:
    lv = Level()
    for child in el:
        tag = child.tag
        if tag == W_START:
            v = number(child.get(W_VAL))
            lv.start = int(v) if v is not None else 1
        elif tag == W_NUMFMT:
            lv.fmt = child.get(W_VAL) or "decimal"
        elif tag == W_LVLTEXT:
            lv.text = child.get(W_VAL) or ""
        elif tag == W_ISLGL:
            lv.legal = child.get(W_VAL, "1").lower() not in ("0", "false", "off")
        elif tag == W_PPR:
            lv.ppr = parse_ppr(child)
        elif tag == W_PSTYLE:
            lv.pstyle = child.get(W_VAL)
        elif tag == W_LVLRESTART:
            v = number(child.get(W_VAL))
            lv.restart = int(v) if v is not None else None
    return lv


def _levels(el) -> dict[int, Level]:
    out = {}
    for lvl in el.iter(W_LVL):
        v = number(lvl.get(W_ILVL))
        if v is not None:
            out[int(v)] = _parse_level(lvl)
    return out


class Numbering:
    """Definitions from numbering.xml plus the running counters of one part."""

    def __init__(self, root=None, style_num_ids: dict[str, int] | None = None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_link: dict[str, str] = {}  # abstractNum id → numStyleLink style id
        self.style_link: dict[str, str] = {}  # style id → abstractNum id (styleLink)
        self.nums: dict[int, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.style_num_ids = style_num_ids or {}
        if root is not None:
            self._load(root)
        self.reset()

    def _load(self, root):
        for an in root.iter(W_ABSTRACTNUM):
            aid = an.get(W_ABSTRACTNUMID, "")
            self.abstract[aid] = _levels(an)
            link = an.find(W_NUMSTYLELINK)
            if link is not None and link.get(W_VAL):
                self.abstract_link[aid] = link.get(W_VAL)
            slink = an.find(W_STYLELINK)
            if slink is not None and slink.get(W_VAL):
                self.style_link[slink.get(W_VAL)] = aid
        for num in root.iter(W_NUM):
            nid = number(num.get(W_NUMID_ATTR))
            ref = num.find(W_ABSTRACTNUMID)
            if nid is None or ref is None:
                continue
            aid = ref.get(W_VAL, "")
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iter(W_LVLOVERRIDE):
                ilvl = number(ov.get(W_ILVL))
                if ilvl is None:
                    continue
                so = ov.find(W_STARTOVERRIDE)
                if so is not None and number(so.get(W_VAL)) is not None:
                    starts[int(ilvl)] = int(number(so.get(W_VAL)))
                lvl = ov.find(W_LVL)
                if lvl is not None:
                    overrides[int(ilvl)] = _parse_level(lvl)
            self.nums[int(nid)] = (aid, overrides, starts)

    def fresh(self) -> Numbering:
        """The same definitions with counters of their own: definitions parsed once serve every
        document with the same numbering.xml (see :func:`.styles.shared_definitions`)."""
        other = copy.copy(self)
        other.reset()
        return other

    def reset(self) -> None:
        """Start counting afresh (each part counts on its own)."""
        self.counters: dict[str, list[int | None]] = {}
        self.used_nums: set[int] = set()

    def _abstract_id(self, num_id: int) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        aid = entry[0]
        # numStyleLink: the definition lives in the abstractNum linked to a numbering style.
        for _ in range(5):
            link = self.abstract_link.get(aid)
            if link is None:
                break
            target = self.style_link.get(link)
            if target is None:
                style_num = self.style_num_ids.get(link)
                if style_num is None or style_num not in self.nums:
                    break
                target = self.nums[style_num][0]
            if target == aid:
                break
            aid = target
        return aid

    def level(self, num_id: int, ilvl: int) -> Level | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        if ilvl in entry[1]:
            return entry[1][ilvl]
        aid = self._abstract_id(num_id)
        return self.abstract.get(aid or "", {}).get(ilvl)

    def style_level(self, style_id: str, num_id: int) -> int | None:
        """The level whose ``w:pStyle`` is ``style_id`` (for styles whose numPr omits ilvl)."""
        aid = self._abstract_id(num_id)
        for ilvl, lv in self.abstract.get(aid or "", {}).items():
            if lv.pstyle == style_id:
                return ilvl
        return None

    def label(self, num_id: int, ilvl: int) -> str | None:
        """Advance the counters for one numbered paragraph and return its label."""
        aid = self._abstract_id(num_id)
        if aid is None or not (0 <= ilvl <= 8):
            return None
        levels = [self.level(num_id, i) for i in range(9)]
        me = levels[ilvl]
        if me is None:
            return None
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for lvl_no, start in self.nums[num_id][2].items():
                if 0 <= lvl_no <= 8:
                    counters[lvl_no] = start - 1
        current = counters[ilvl]
        counters[ilvl] = (me.start if current is None else current + 1)
        for deeper in range(ilvl + 1, 9):
            lv = levels[deeper]
            if lv is not None and lv.restart == 0:
                continue
            if lv is not None and lv.restart is not None and lv.restart - 1 < ilvl:
                continue
            counters[deeper] = None
        if me.fmt == "none":
            return ""
        if me.fmt == "bullet":
            return me.text
        out = me.text
        for ref in range(8, -1, -1):  # %10 does not exist; go high to low so %1 never eats %1x
            token = "%" + str(ref + 1)
            if token not in out:
                continue
            lv = levels[ref]
            if lv is None or ref > ilvl:
                out = out.replace(token, "")
                continue
            counted = counters[ref]
            value = counted if counted is not None else lv.start
            fmt = "decimal" if (me.legal and ref < ilvl) else lv.fmt
            out = out.replace(token, format_number(value, fmt))
        return out


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return digits[0] if n == 0 else str(n)
    if n >= 10000:
        return str(n)
    zero = digits[0] if digits is _CN_LEGAL else "零"
    out = ""
    s = str(n)
    length = len(s)
    pending_zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        pos = length - i - 1  # 3 = thousands … 0 = ones
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += zero
            pending_zero = False
        if not (d == 1 and pos == 1 and not out and digits is _CN_DIGITS):
            out += digits[d]
        if pos > 0:
            out += units[pos - 1]
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB (past 30 repeats: digits, so a start value of
    # millions cannot make a label of that many letters)
    if n <= 0 or n > 26 * 30:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, sym in vals:
        while n >= v:
            out += sym
            n -= v
    return out


def format_number(n: int, fmt: str) -> str:
    """One counter in a ``w:numFmt``; unknown formats fall back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedFullstop":
        return _FULLSTOP[n - 1] if 1 <= n <= 20 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalZero":
        return "%02d" % n
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)
