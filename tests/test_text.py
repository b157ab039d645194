"""Offset-preserving helpers: properties that every rule relies on."""

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen_lint.text import MASK, chinese_number, compact, count_cjk, is_cjk, mask, sentences

ALPHABET = st.sampled_from(list("国务院关于通知，。；“”《》〔〕[]（）()0123456789年月日号发宜 \u3000abc"))
TEXTS = st.text(ALPHABET, max_size=80)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_mask_keeps_every_offset(text):
    masked = mask(text)
    assert len(masked) == len(text)
    for a, b in zip(text, masked):
        assert b in (a, MASK)
    # Outside any quotation or title nothing is masked but document numbers.
    if not any(c in text for c in "“”《》") and "[" not in text and "〔" not in text and "（" not in text and "(" not in text:
        assert masked == text


def test_mask_hides_quotes_titles_and_document_numbers():
    text = "根据《国家行政机关公文处理办法》和“高度重视”的要求，按宜发[2008]13号执行"
    masked = mask(text)
    assert "公文处理办法" not in masked and "高度重视" not in masked and "2008" not in masked
    assert masked.startswith("根据《") and "的要求，按宜发" in masked


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentences_are_ordered_disjoint_spans(text):
    last = 0
    for start, end in sentences(text):
        assert last <= start < end <= len(text)
        last = end


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_count_cjk_agrees_with_is_cjk(text):
    assert count_cjk(text) == sum(1 for c in text if is_cjk(c))


def test_chinese_numbers():
    assert chinese_number("十二") == 12
    assert chinese_number("二十三") == 23
    assert chinese_number("一百零五") == 105
    assert chinese_number("二〇〇八") == 2008
    assert chinese_number("年") is None


def test_doc_number_matches_are_the_full_patterns_matches():
    """doc_number_matches searches from just before each bracketed year: the same matches, with
    the same groups, as scanning the whole text (blanks and long 代字 before the bracket, several
    numbers, years that open none)."""
    import random

    from gongwen_lint.text import DOC_NUMBER_RE, doc_number_matches

    rng = random.Random(7)
    alphabet = "国发〔〕[]【】(（)）［］ \u3000\t２0123456789号第字办函Ax×Ｘ一，。"
    texts = ["各部门要认真贯彻第三号文件。", "根据《通知》（国办发〔2023〕5号）和赣府字 〔2020〕 12 号", "（2023）年第5号"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    for _ in range(5_000):
        lead = "".join(rng.choice("国发办函字A×一，") for _ in range(rng.randint(0, 16)))
        texts.append(lead + " " * rng.randint(0, 3) + rng.choice("〔[（(") + str(rng.randint(0, 99999))
                     + rng.choice("〕]）)") + rng.choice(["", "第"]) + str(rng.randint(0, 999)) + "号"
                     + rng.choice(["", "文", lead + "〔2020〕1号"]))
    for t in texts:
        want = [(m.span(), m.groupdict()) for m in DOC_NUMBER_RE.finditer(t)]
        assert [(m.span(), m.groupdict()) for m in doc_number_matches(t)] == want, t


def test_compact_drops_what_the_blank_pattern_drops():
    """compact() splits instead of substituting: the same characters go, on every code point."""
    blanks = re.compile(r"[\s\u3000\u00a0]+")
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert compact(every) == blanks.sub("", every)
    assert compact(" 一、\u3000总则\u00a0\t（一）\n") == "一、总则（一）"
    assert compact("") == "" and compact(" \u3000") == ""


def _mask_reference(text, quotes=True, titles=True, doc_numbers=True):
    """mask() before issue 18's shortcuts: every delimiter visited, spans set character by character."""
    from gongwen_lint import text as t

    spans = []
    if quotes or titles:
        openers = t._PAIRS if quotes and titles else t._QUOTES if quotes else t._TITLES
        stack = []
        for m in t._DELIMITERS[(quotes, titles)].finditer(text):
            ch, i = m.group(), m.start()
            if ch in openers:
                stack.append((ch, i))
            elif stack and ch == openers[stack[-1][0]]:
                _, j = stack.pop()
                if not stack and i > j + 1:
                    spans.append((j + 1, i))
    if doc_numbers:
        spans += [(m.start("open"), m.end()) for m in t.DOC_NUMBER_RE.finditer(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


_MASK_ALPHABET = st.sampled_from(list("国发办函关于“”‘’「」『』《》〔〕[]（）2024年1号第 \u3000"))


@settings(max_examples=2000, deadline=None)
@given(st.text(_MASK_ALPHABET, max_size=60), st.booleans(), st.booleans(), st.booleans())
def test_mask_same_as_reference(text, quotes, titles, doc_numbers):
    from gongwen_lint.text import _mask

    assert _mask(text, quotes, titles, doc_numbers) == _mask_reference(text, quotes, titles, doc_numbers)


def test_mask_overlapping_spans():
    from gongwen_lint.text import _mask

    for text in ("见“国发〔2024〕1号”文", "《关于印发国发〔2024〕1号的通知》和国办发〔2023〕12号", "“‘一’”、「二」"):
        assert _mask(text, True, True, True) == _mask_reference(text)


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.integers(-1, 12))
def test_cjk_at_least_is_the_count(text, n):
    from gongwen_lint.text import cjk_at_least

    assert cjk_at_least(text, n) == (count_cjk(text) >= n)
