"""Runs written as one character of their class and then the rest (``[x][x]*`` for ``[x]+``) so
that the regex engine scans for the class (issue 18): the same matches as the patterns before."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen_lint import text
from gongwen_lint.rules import numbers, punctuation
from gongwen_lint.rules.headings import gw304_duplicate_paragraph as gw304
from gongwen_lint.rules.layout import gw202_body

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f〇"
BEFORE = {
    "cjk": (text._CJK_RUN_RE, f"[{_CJK}]+"),
    "han": (text._HAN_RUN_RE, r"[\u4e00-\u9fff]+"),
    "sentence_end": (text._SENTENCE_END, r"[。！？；!?;]+[”’」』）)]*"),
    "space_run": (punctuation._SPACE_RUN, r"[ \u3000\u00a0]+"),
    "repeat": (punctuation._REPEAT, "[，。、；：？！]{2,}"),
    "punct_strip": (gw304._PUNCT_STRIP, r"[\s\u3000，。、；：？！,.;:?!“”‘’\"'（）()《》]+"),
    "gap": (gw202_body._GAP, r"[ \u3000]{3,}|\t"),
    "numeral_run": (numbers._NUMERAL_RUN, r"[〇一二三四五六七八九OoＯｏ○0０零]{2,}"),  # was behind a look-ahead
}
_ALPHABET = st.sampled_from(list("国务院〇㐀丽，。、；：？！!?;,.:“”‘’\"'（）()《》」』) \u3000\u00a0\t\nAb1二零O○０"))


@settings(max_examples=1500, deadline=None)
@given(st.text(_ALPHABET, max_size=40))
def test_same_matches(s):
    for name, (new, old) in BEFORE.items():
        old_re = re.compile(old)
        assert [m.span() for m in new.finditer(s)] == [m.span() for m in old_re.finditer(s)], name
        assert new.sub("", s) == old_re.sub("", s), name


def test_gap_shapes():
    for s, hit in (("a\tb", "\t"), ("甲  乙", None), ("甲   乙", "   "), ("甲\u3000\u3000\u3000\u3000乙", "\u3000" * 4),
                   (" \t", "\t"), ("  \t   ", "\t")):
        m = gw202_body._GAP.search(s)
        assert (m.group() if m else None) == (re.search(r"[ \u3000]{3,}|\t", s).group() if hit else None), s


_TIME_ALPHABET = st.sampled_from(list("今本明去前后近日年月季度半底末9０也是还（，,星期"))


@settings(max_examples=1500, deadline=None)
@given(st.text(_TIME_ALPHABET, max_size=16))
def test_time_hints_find_the_same_paragraphs(s):
    """The hints are asked only whether they occur: the same answer as the one-pattern forms."""
    from gongwen_lint.rules import _when, timeline

    assert _when.mentions_time(s) == bool(re.search(r"月|季度|半年|年底|年末|\d年底", s))
    old = r"今年|本年|明年|去年|前年|后年|近日|日前|\d年[（(，,]?(?:也|还|更|将|既|正)?是"
    assert bool(timeline._YEAR_HINT.search(s) or timeline._YEAR_HINT_DIGIT.search(s)) == bool(re.search(old, s))
