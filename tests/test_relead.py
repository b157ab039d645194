"""The first-character look-ahead (gongwen_lint.relead): the same matches, only found sooner."""

from __future__ import annotations

import random
import re

import pytest

from gongwen_lint.relead import lookahead_first, required_literal
from gongwen_lint.substance import slots


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("pattern, first", [
    (r"\d+x", r"\d"),
    (r"(?<!x)(?:ab|c?d)e", "acd"),
    (r"\bfoo", "f"),
    (r"[-a]b", r"\-a"),
    (r"(?:以下|如下)?[一二]项", "一二以如"),
    (r"[a-c]?[x-z]", "a-cx-z"),
])
def test_first_characters(pattern: str, first: str) -> None:
    assert lookahead_first(pattern) == f"(?=[{first}])(?:{pattern})"


@pytest.mark.parametrize("pattern", [
    "a*",  # matches the empty string: anywhere
    "x|",
    "(?i)abc",  # case folding: the literal set would be wrong
    "[^a]b",
    ".a",
    "(?:a|[^b])c",
])
def test_unknown_left_alone(pattern: str) -> None:
    assert lookahead_first(pattern) == pattern


@pytest.mark.parametrize("pattern, run", [
    ("为[^，。；：]{1,24}?作出新的更大的?贡献", "作出新的更大"),
    ("在[^，]{1,30}?的(?:坚强|正确)?领导下", "领导下"),
    ("(?:充分)?发挥[^，]{1,12}?的?(?:指挥棒|主力军)作用", "发挥"),
    ("(?:认真学习|深刻领会)[^，]{0,20}?(?:讲话|精神)", None),  # no plain run at the top
    ("ab|cd", None),  # an alternation: neither run is required
    ("abc|abd", "ab"),  # (the parser takes the common start out of the branches)
    ("(?i)abc", None),  # case folding
])
def test_required_literal(pattern: str, run: str | None) -> None:
    assert required_literal(pattern) == run


def test_required_literal_is_in_every_match() -> None:
    rng = random.Random(9)
    patterns = ["为[^，。]{1,6}?作出新的更大的?贡献", "开创[^，。]{0,4}?新局面", "在[^，]{1,8}?的?领导下"]
    alphabet = "为作出新的更大贡献开创局面在领导下，。要"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        for p in patterns:
            need = required_literal(p)
            assert need is not None
            for m in re.finditer(p, text):
                assert need in m.group()


def test_slot_guards_hold_every_match() -> None:
    """A sentence the quick test of a slot pattern rejects holds no match of the pattern."""
    rng = random.Random(11)
    alphabet = "一二十百不少于至最多限个项名0123456789分之年前内.@邮要的"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        if not slots._QUANTITY_NEED.search(text):
            assert not slots.QUANTITY_RE.search(text), text
        if not slots._LINK_HINT.search(text):
            assert not slots._LINK.search(text), text


def test_deadline_pattern_is_led() -> None:
    """The analysis knows every piece of DEADLINE_RE (else it would silently lose its speed)."""
    assert slots.DEADLINE_RE.pattern.startswith("(?=[")


_DEADLINES = (
    "2026年6月底前", "２０２６年", "二〇二六年六月底前", "2026 年 2 月 28 日前", "6月30日前", "三十六月", "3月上旬",
    "年底前", "年内", "本季度前", "3个工作日内", "十五天以内", "三年内", "春节前后", "汛期前", "开学后", "上半年末",
    "三季度底", "每月", "每月都", "18时前", "10点至",
)


def test_deadline_matches_unchanged() -> None:
    """Random sentences of deadline pieces and filler: the led pattern finds the same spans."""
    plain = slots.DEADLINE_RE.pattern[slots.DEADLINE_RE.pattern.index("(?:") + 3:-1]
    assert lookahead_first(plain) == slots.DEADLINE_RE.pattern
    rng = random.Random(18)
    filler = list("各单位要于前后内月年日每时点，。、的工作落实一二三十两0123456789 ")
    for _ in range(2000):
        parts = [rng.choice(_DEADLINES) if rng.random() < 0.3 else "".join(rng.choices(filler, k=rng.randint(0, 4)))
                 for _ in range(rng.randint(1, 8))]
        text = "".join(parts)
        assert _spans(slots.DEADLINE_RE.pattern, text) == _spans(plain, text), text


def test_first_class_is_the_look_ahead_and_none_when_unknown():
    from gongwen_lint.relead import first_class

    assert first_class(r"ab|cd") == "[ac]"
    assert lookahead_first(r"ab|cd") == f"(?={first_class(r'ab|cd')})(?:ab|cd)"
    assert first_class(r"x?") is None  # an empty match can happen anywhere
    assert first_class(r"(?i)ab") is None  # inline flags stay in front


def test_the_quantity_pre_check_is_read_off_the_quantity_pattern():
    """slots._QUANTITY_NEED was a hand copy of QUANTITY_RE's first characters (review 2026-12-07)."""
    import re

    from gongwen_lint.substance import slots

    need = slots._QUANTITY_NEED
    for m in ("新增床位300张", "建设三个示范点", "不少于两名", "提高百分之五", "至少三人"):
        assert slots.QUANTITY_RE.search(m) and need.search(m)
    assert not need.search("进一步统一思想")  # 一 opens no quantity
    assert re.fullmatch(r"\[.+\]", need.pattern)


def _led_rule_patterns() -> dict[str, re.Pattern]:
    from gongwen_lint import text
    from gongwen_lint.decoder import patterns
    from gongwen_lint.rules import _amounts, _fields, _when, counts, meta, numbers, punctuation, timeline
    from gongwen_lint.rules.headings import gw306_placeholder
    from gongwen_lint.rules.layout import gw203_title

    return {
        "WHEN_RE": _when.WHEN_RE, "_BARE_YEAR_RE": _when._BARE_YEAR_RE, "COUNT_RE": counts.COUNT_RE,
        "TOC_LINE_RE": patterns.TOC_LINE_RE, "QUANTITY_RE": _amounts.QUANTITY_RE,
        "DATE_IN_TEXT_RE": _fields.DATE_IN_TEXT_RE, "_GARBLED_RE": meta._GARBLED_RE, "_URL": text._URL,
        "_BLANK": gw306_placeholder._BLANK, "_PLACEHOLDER": gw203_title._PLACEHOLDER,
        **{n: getattr(numbers, n) for n in ("_DOTTED_DATE", "_SHORT_YEAR", "_PADDED", "_HAO_DATE",
                                            "_EXPLICIT_DATE")},
        **{n: getattr(punctuation, n) for n in ("_ELLIPSIS", "_RANGE", "_APPROX")},
        **{n: getattr(timeline, n) for n in ("_PAST", "_APPOSITION", "_PLAN_RE", "_ANNIV_RE")},
    }


def test_rule_patterns_are_led_and_match_as_before() -> None:
    """The rules' patterns put behind the look-ahead (issue 18): the analysis still knows each
    of them (else the speed is silently lost), and each finds the spans its bare form finds on
    text made of the characters they open with, their units and filler."""
    rng = random.Random(18)
    alphabet = list("2026年6月30日号底末季度半上下内前后0１.-/—…·_＿XＸ×[]【】（）()、，。：是已曾了今明去本近"
                    "一二三四五六七八九十两〇○零以如下个项条方面万亿元人周年第每www.a@b.cnhttp:/锟斤拷\ufffd ")
    texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(3000)]
    for name, rx in _led_rule_patterns().items():
        assert rx.pattern.startswith("(?=["), name
        plain = rx.pattern[rx.pattern.index("(?:") + 3:-1]
        assert lookahead_first(plain) == rx.pattern, name
        for t in texts:
            assert _spans(rx.pattern, t) == _spans(plain, t), (name, t)
