"""Number rules GW501–GW504."""

from __future__ import annotations

import pytest

from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.model import DocFormat, Document, Paragraph, Role


def lint(text: str, *codes: str):
    return Linter(Config(select=codes)).check_text(text).diagnostics


def lint_roles(pairs: list[tuple[Role, str]], *codes: str):
    ps = tuple(Paragraph(part="body", index=i, text=t, role=r) for i, (r, t) in enumerate(pairs, 1))
    doc = Document(path="<t>", source="text", parts={"body": ps}, format=DocFormat.FILE)
    return Linter(Config(select=codes)).check_document(doc).diagnostics


# -- GW501 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, excerpt, fixed",
    [
        ("自二OO八年起施行。", "二OO八", "二〇〇八"),
        ("二○一二年工作要点", "二○一二", "二〇一二"),
        ("二0一0年以来", "二0一0", "二〇一〇"),
        ("二零一九年以来", "二零一九", "二〇一九"),
    ],
)
def test_wrong_zero_in_chinese_numerals(text, excerpt, fixed):
    (d,) = lint(text, "GW501")
    assert (d.excerpt, d.fix.replacement) == (excerpt, fixed)


@pytest.mark.parametrize("text", ["自二〇〇八年起施行。", "共计一千零一件。", "○○市人民政府", "零点五个百分点", "《二OO八年规划》已印发。"])
def test_right_zeros_and_other_circles(text):
    assert lint(text, "GW501") == []


def test_the_date_line_is_left_to_gw103():
    assert lint_roles([(Role.DATE, "二OO八年九月二十六日")], "GW501") == []


# -- GW502 ---------------------------------------------------------------------------------------
def test_fullwidth_digits_everywhere_with_fixes():
    found = lint_roles([(Role.DOC_NUMBER, "国办发〔２０２４〕３号"), (Role.BODY, "增长３．５％。")], "GW502")
    assert [(d.excerpt, d.fix.replacement) for d in found] == [("２０２４", "2024"), ("３", "3"), ("３．５", "3.5")]


# -- GW503 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, excerpt, fixed",
    [
        ("请于2024.3.5前报送。", "2024.3.5", "2024年3月5日"),
        ("请于2024/03/05前报送。", "2024/03/05", "2024年3月5日"),
        ("请于2024-03-05前报送。", "2024-03-05", "2024年3月5日"),
        ("请于3月5号前报送。", "号", "日"),
        ("二〇二四年3月以来", "二〇二四年", "2024年"),
    ],
)
def test_date_expressions_with_fixes(text, excerpt, fixed):
    (d,) = lint_roles([(Role.BODY, text)], "GW503")
    assert (d.excerpt, d.fix.replacement) == (excerpt, fixed)


def test_zero_padding_and_short_years():
    found = lint_roles([(Role.BODY, "自03月01日起施行。24年3月以来，全市……")], "GW503")
    assert [(d.excerpt, d.fix.replacement if d.fix else None) for d in found] == [("03月", "3月"), ("01日", "1日"), ("24年", None)]


@pytest.mark.parametrize("text", ["增长2024.3万元。", "第3号文件", "3号楼", "工作满15年，", "2024年3月5日", "版本号1.2.3"])
def test_not_dates(text):
    assert lint_roles([(Role.BODY, text)], "GW503") == []


def test_the_date_line_is_not_running_text():
    assert lint_roles([(Role.DATE, "2024.3.5")], "GW503") == []


# -- GW504 ---------------------------------------------------------------------------------------
def test_relative_time_is_info_and_quiet_when_the_sentence_has_a_date():
    found = lint("近日，我市召开会议。今年（2024年）全市经济运行稳中有进。请于下周报送。", "GW504")
    assert [(d.excerpt, d.severity.value) for d in found] == [("近日", "info"), ("下周", "info")]


def test_each_relative_compound_holds_a_relative_word():
    """GW504 looks for the compounds (今日头条 …) only in a paragraph with a relative word: each holds one."""
    from gongwen_lint.rules import numbers

    for word in numbers._RELATIVE_COMPOUND.pattern.split("|"):
        assert numbers._RELATIVE.search(word), word
