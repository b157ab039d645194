"""parse_ordinal matches at an offset and looks at the first character before any pattern
(issue 18): the same ordinals as the parser that matched on copies of the line, kept here."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen_lint import ordinals as o
from gongwen_lint.ordinals import parse_ordinal


def _reference(text: str, label_len: int = 0, lenient: bool = False) -> o.Ordinal | None:
    """The parser before issue 18: the patterns matched on ``text[i:]`` and its rest."""
    i = 0
    while i < len(text) and text[i] in o._SPACE:
        i += 1
    rest = text[i:]
    m = o._BRACKETED.match(rest)
    if m:
        num = m.group("num")
        if num.isdigit():
            level, value = 4, int(num)
        else:
            level, value = 2, o._CN_VALUES.get(num)
        if not value:
            return None
        return o._make(level, value, i, i + m.end(), m.group(0), label_len)
    m = o._CN_MARKED.match(rest)
    if m:
        value = o._CN_VALUES.get(m.group("num"))
        if not value or (m.group("mark") != "、" and not _heading_like(rest[m.end():], m.group("mark"))):
            return None
        ambiguous = m.group("mark") == "、" and bool(o._NUMBER_LIST_AFTER.match(rest[m.end():]))
        if ambiguous and not lenient:
            return None
        return o._make(1, value, i, i + m.end(), m.group(0), label_len, ambiguous)
    m = o._AR_MARKED.match(rest)
    if m and m.group("num")[0] != "0":
        value = int(m.group("num"))
        mark = m.group("mark")
        after = rest[m.end():]
        if mark != "." and not _heading_like(after, mark):
            return None
        ambiguous = mark == "、" and bool(o._NUMBER_LIST_AFTER.match(after))
        if ambiguous and not lenient:
            return None
        level = 4 if mark in ")）" else 3
        return o._make(level, value, i, i + m.end(), m.group(0), label_len, ambiguous)
    return None


def _heading_like(after: str, mark: str = "") -> bool:
    after = after.lstrip(o._SPACE)
    if not after:
        return False
    ch = after[0]
    if ch in o.CN_NUMERALS:
        return mark == "．"
    return o.is_cjk(ch) or ch in "“《（〔" or (ch.isascii() and ch.isalpha())


_ALPHABET = st.sampled_from(list("一二三四五六七八九十百0123456789０１２٣（()）、.．，,：级类月号年"
                                 "总则要求“《〔GITphp \t\u3000\u00a0"))


@settings(max_examples=3000, deadline=None)
@given(st.text(_ALPHABET, max_size=14), st.integers(0, 3), st.booleans())
def test_same_ordinal_as_the_reference(text, label_len, lenient):
    assert parse_ordinal(text, label_len, lenient) == _reference(text, label_len, lenient)


def test_shapes():
    for text in ("一、总则", "（一）加强领导", "1.工作目标", "（1）内容", "一、二级医院", "3、4月份", "　 十二、其他",
                 "1．一级标题", "2，php", "1.5倍", "01.编号", "１、全角数字", "(十)半角", "一，二", "", "　", "正文"):
        for lenient in (False, True):
            assert parse_ordinal(text, 0, lenient) == _reference(text, 0, lenient), text
