"""Offset-preserving text helpers shared by rules.

Masking replaces text a drafter did not write in their own words — quotations “…”, 书名号 titles
《…》, cited document numbers — with a filler of the same length, so a rule can match on the
masked string and report offsets into the original.  (proselint drops matches inside quotes by
default; a quoted law title is not the drafter's wording.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from . import caches, recache
from .relead import lookahead_first

MASK = "\u2060"  # WORD JOINER: not CJK, not punctuation, not a digit — matches nothing by accident

_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f〇"
# A run written as one character of the class, then the rest (``[x][x]*``, not ``[x]+``): the
# same matches, but a pattern that opens with a character class lets the regex engine skip to
# the next position that can start one with that set, where one opening with a repeat is
# tried at every position (searches of a 500-page draft's paragraphs: ~25–50 % less time).
# The other runs below and in the punctuation and duplicate-paragraph rules are written so too.
_CJK_RUN_RE = recache.compile(f"[{_CJK_CLASS}][{_CJK_CLASS}]*")
_HAN_RUN_RE = recache.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff]*")


def is_cjk(ch: str) -> bool:
    """A Han character (not CJK punctuation)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F or o == 0x3007


def count_cjk(text: str) -> int:
    """Number of Han characters in ``text`` (one regex pass over runs, not a Python loop, and not a
    list of one-character strings: 3–4× faster, and counting is most of what some rules do)."""
    return sum(map(len, _CJK_RUN_RE.findall(text)))


def cjk_at_least(text: str, n: int) -> bool:
    """``count_cjk(text) >= n``, reading only as many runs as it takes (the first run of a line
    of prose is usually enough: GW202 asks this of every body paragraph)."""
    if n <= 0:
        return True
    for m in _CJK_RUN_RE.finditer(text):
        n -= m.end() - m.start()
        if n <= 0:
            return True
    return False


def count_han(text: str) -> int:
    """Number of characters of the CJK Unified Ideographs block (U+4E00–U+9FFF) in ``text`` — the
    narrower count the substance and style thresholds were set with."""
    return sum(map(len, _HAN_RUN_RE.findall(text)))


def has_cjk(text: str) -> bool:
    return _CJK_RUN_RE.search(text) is not None


# A document number as drafters write it, right or wrong: 代字 + bracketed year + number + 号.
# Used for masking and by the doc-number rule to find citations inside running text.
DOC_NUMBER_RE = recache.compile(
    r"(?P<prefix>[\u4e00-\u9fffA-Za-z×Ｘ]{1,12}?)\s*"
    r"(?P<open>[〔\[【(（［〖{﹝〘])\s*(?P<year>\d{2,4})\s*(?P<close>[〕\]】)）］〗}﹞〙])\s*"
    r"(?P<ordinal>第?)\s*(?P<num>\d{1,5})\s*(?P<suffix>号)"
)
#: What every match of :data:`DOC_NUMBER_RE` holds in one piece, at its open bracket: the year.
_DOC_NUMBER_YEAR_RE = recache.compile(r"[〔\[【(（［〖{﹝〘]\s*\d{2,4}\s*[〕\]】)）］〗}﹞〙]")


def doc_number_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``DOC_NUMBER_RE.finditer(text)``, each searched for from just before the
    next bracketed year: without 号 or such a year there is none.

    Why it may start there: every match holds a bracketed year at its open bracket, so no match
    starts before the first year found, less the blanks before it and a 代字 of at most 12
    characters; and none between two matches.  The full pattern tries its lazy 代字 prefix at
    every Han character (~85 µs on a paragraph of 140 characters that says 第三号 and cites
    nothing; the year is found in ~1.5 µs).
    """
    if "号" not in text:  # every document number ends in 号
        return
    pos = 0
    while True:
        year = _DOC_NUMBER_YEAR_RE.search(text, pos)
        if year is None:
            return
        before = text[pos:year.start()]
        blanks = len(before) - len(before.rstrip())  # str.rstrip strips what \s matches
        m = DOC_NUMBER_RE.search(text, max(pos, year.start() - blanks - 12))
        if m is None:
            return
        yield m
        pos = m.end()


def typographic_quotes(text: str) -> str:
    """``text`` with straight double quotes read as the pairs they stand for ("15分钟生活圈" →
    “15分钟生活圈”), one character for one so offsets hold; unchanged when they do not pair up.

    Why: drafts typed on a Western keyboard layout, or pasted from the web, quote with ``"``.  The
    punctuation rules report that as it is; the substance analysis must still see a quotation
    there — a name or a slogan someone else coined, not the drafter's own words.
    """
    n = text.count('"')
    if n == 0 or n % 2:
        return text
    out = list(text)
    k = 0
    for i, ch in enumerate(out):
        if ch == '"':
            out[i] = "“" if k % 2 == 0 else "”"
            k += 1
    return "".join(out)


_PAIRS = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』"}
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_TITLES = {"《": "》"}
_DELIMITERS = {
    (q, t): recache.compile("[" + "".join(k + v for k, v in {**(_QUOTES if q else {}), **(_TITLES if t else {})}.items()) + "]")
    for q in (True, False) for t in (True, False) if q or t
}

#: Masked texts by (text, quotes, titles, doc_numbers).  Every rule masks the same paragraphs,
#: one rule after another, so the cache must hold a whole document: a fixed number of entries
#: (an LRU of 4,096) hits nothing once a draft has more paragraphs than that (~150 pages).  It is
#: bounded by characters instead — about 6,000 pages — and emptied when full.
_MASKED: dict[tuple[str, bool, bool, bool], str] = {}
_MASKED_CHARS = 0
MASK_CACHE_CHARS = 4_000_000


@caches.register
def _forget_masked() -> None:
    global _MASKED_CHARS
    _MASKED.clear()
    _MASKED_CHARS = 0


def mask(text: str, quotes: bool = True, titles: bool = True, doc_numbers: bool = True) -> str:
    """Return ``text`` with quoted spans, 书名号 titles and document numbers masked.

    The delimiters themselves stay (rules about pairing need them); only the content is
    replaced, with :data:`MASK`, keeping every offset.  Quotes nest: only the outermost pair's
    content is masked, and an unclosed opener masks nothing.
    """
    global _MASKED_CHARS
    key = (text, quotes, titles, doc_numbers)
    hit = _MASKED.get(key)
    if hit is not None:
        return hit
    out = _mask(text, quotes, titles, doc_numbers)
    if _MASKED_CHARS + len(text) > MASK_CACHE_CHARS:
        _MASKED.clear()
        _MASKED_CHARS = 0
    _MASKED[key] = out
    _MASKED_CHARS += len(text)
    return out


def _mask(text: str, quotes: bool, titles: bool, doc_numbers: bool) -> str:
    """Why the tests before each scan: most paragraphs open no quotation and cite no document
    number, and a substring test is a fraction of a pattern scan; the masked spans are joined
    from slices rather than a list of characters (issue 18)."""
    spans: list[tuple[int, int]] = []
    if quotes or titles:
        openers = _PAIRS if quotes and titles else _QUOTES if quotes else _TITLES
        stack: list[tuple[str, int]] = []
        # Only the delimiters matter: visit them, not every character — and none when no opener
        # is there (closers alone mask nothing).
        if any(ch in text for ch in openers):
            for m in _DELIMITERS[(quotes, titles)].finditer(text):
                ch, i = m.group(), m.start()
                if ch in openers:
                    stack.append((ch, i))
                elif stack and ch == openers[stack[-1][0]]:
                    _, j = stack.pop()
                    if not stack and i > j + 1:
                        spans.append((j + 1, i))
    if doc_numbers and "号" in text:  # every document number ends in 号
        spans += [(m.start("open"), m.end()) for m in doc_number_matches(text)]
    if not spans:
        return text
    # The union of the spans, masked: overlapping ones (a document number inside a quotation)
    # merged first.
    spans.sort()
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        if end <= done:
            continue
        start = max(start, done)
        pieces += (text[done:start], MASK * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


_SENTENCE_END = recache.compile(r"[。！？；!?;][。！？；!?;]*[”’」』）)]*")  # [。…]+, first class first (_CJK_RUN_RE)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` split on Chinese sentence punctuation (end kept)."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def compact(text: str) -> str:
    """Text without any whitespace (ASCII, U+3000, NBSP): for pattern tests on a line.

    ``str.split()`` cuts at exactly the characters ``\\s`` matches in a ``str`` pattern (Unicode
    whitespace, U+3000 and NBSP among them; tests/test_text.py checks every code point), in C
    without the regex engine: ~5× faster than ``re.sub(r"[\\s\\u3000\\u00a0]+", "", text)`` on the
    paragraphs of a long draft, and recognition and the rules call this for nearly every line
    (issue 18)."""
    return "".join(text.split())


CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(s: str) -> int | None:
    """Value of a Chinese numeral up to 9999: 十二, 二十三, 一百零五, 二〇〇八 (digit by digit)."""
    if not s:
        return None
    if all(c in CN_DIGITS for c in s) and len(s) > 1:
        value = 0
        for c in s:
            value = value * 10 + CN_DIGITS[c]
        return value
    units = {"十": 10, "百": 100, "千": 1000}
    total, digit = 0, None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in units:
            total += (digit if digit is not None else 1) * units[c]
            digit = None
        else:
            return None
    return total + (digit or 0)


#: URLs and e-mail addresses: their half-width marks are right.
_URL = recache.compile(lookahead_first(r"(?:https?://|ftp://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"))


def masked(text: str, quotations: bool = True) -> str:
    """``mask()`` plus URLs and e-mail addresses (their half-width marks are right).

    ``quotations=False`` leaves quotations and 书名号 titles unmasked (document numbers and URLs
    stay masked): the punctuation *inside* them is still the drafter's typing.
    """
    m = mask(text, quotes=quotations, titles=quotations)
    if "@" in text or "/" in text or "www" in text:
        chars = list(m)
        for u in _URL.finditer(text):
            for k in range(u.start(), u.end()):
                chars[k] = MASK
        m = "".join(chars)
    return m


def paragraph_list(numbers: Sequence[int]) -> str:
    """``第 5、7、9 段`` (runs of three or more as ``第 2–6 段``)."""
    nums = sorted(set(numbers))
    parts: list[str] = []
    k = 0
    while k < len(nums):
        j = k
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - k >= 2:
            parts.append(f"{nums[k]}–{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[k : j + 1])
        k = j + 1
    return "第 " + "、".join(parts) + " 段" if parts else ""
