"""Punctuation rules GW401–GW407: findings, legitimate uses left alone, fixes that converge."""

from __future__ import annotations

import pytest

from gongwen_lint.api import Linter
from gongwen_lint.config import Config


def lint(text: str, *codes: str):
    return Linter(Config(select=codes)).check_text(text).diagnostics


def apply_fixes(text: str, diagnostics) -> str:
    """Apply the offered fixes of a one-paragraph draft, right to left."""
    for d in sorted((d for d in diagnostics if d.fix), key=lambda d: d.location.start, reverse=True):
        text = text[: d.location.start] + d.fix.replacement + text[d.location.end:]
    return text


# -- GW401 ---------------------------------------------------------------------------------------
def test_halfwidth_marks_in_chinese_text_are_found_one_by_one_with_fixes():
    text = "各单位要高度重视,认真组织实施;时间:3月5日(星期二)。"
    found = lint(text, "GW401")
    assert [d.excerpt for d in found] == [",", ";", ":", "(", ")"]
    assert all(d.fix.applicability == "safe" for d in found)
    assert apply_fixes(text, found) == "各单位要高度重视，认真组织实施；时间：3月5日（星期二）。"


@pytest.mark.parametrize(
    "text",
    [
        "会议于上午9:30开始，比例尺为1:500。",
        "共计1,000元，增长3.5%。",
        "详见 https://www.gov.cn/zhengce/a.htm?id=1,2，或发送邮件至 office@example.gov.cn。",
        "根据《关于A,B的通知》执行。",  # Latin on both sides, in a title too
        "参照《Python: A Guide》和“Made in China, 2025”的说法。",
        "The report (2024 edition), page 3.",
    ],
)
def test_legitimate_halfwidth_marks_are_left_alone(text):
    assert lint(text, "GW401") == []


def test_quotations_and_titles_are_checked_too_but_not_document_numbers():
    """Style rules mask quotations (not the drafter's wording); punctuation rules do not: the
    half-width marks inside “…” and 《…》 were typed by the drafter (issue 14)."""
    text = "开展以“讲激情、比创业,讲服务”为主题的活动,按《关于印发〈考核办法(试行)〉的通知》(宜发[2008]13号)执行。"
    found = lint(text, "GW401")
    assert [d.excerpt for d in found] == [",", ",", "(", ")", "(", ")"]
    fixed = apply_fixes(text, found)
    assert fixed == "开展以“讲激情、比创业，讲服务”为主题的活动，按《关于印发〈考核办法（试行）〉的通知》（宜发[2008]13号）执行。"
    assert lint(fixed, "GW401") == []  # the fixes converge; the number's [] is GW102's
    assert lint("所谓“要求如下:一是,二是”的提法。", "GW401")


def test_a_leading_halfwidth_ordinal_is_left_to_gw301():
    found = lint("(一)工作目标", "GW401", "GW301")
    assert [d.code for d in found] == ["GW301"]


# -- GW402 ---------------------------------------------------------------------------------------
def test_unpaired_marks():
    found = lint("根据《安全生产法规定执行。\n要坚持“稳中求进工作总基调。", "GW402")
    assert [(d.location.paragraph, d.excerpt) for d in found] == [(1, "《"), (2, "“")]


def test_multi_paragraph_quotation_and_a_title_broken_over_two_lines_are_fine():
    assert lint("他指出：\n“第一段引文，\n“第二段引文。”", "GW402") == []
    assert lint("根据《国民经济和社会发展\n第十一个五年规划纲要》，制定本方案。", "GW402") == []


# -- GW403 ---------------------------------------------------------------------------------------
def test_ellipsis_and_dash():
    found = lint("包括资金、土地、人才...等要素。加强建设。。。\n国家标准--公文格式", "GW403")
    assert [d.excerpt for d in found] == ["...", "。。。", "--"]
    assert [d.fix.replacement for d in found] == ["……", "……", "——"]
    assert lint("包括资金、土地、人才……各类要素。See the appendix...", "GW403") == []


# -- GW404 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, excerpt, fixed",
    [
        ("“十四五”时期（2021-2025年）", "2021-2025", "2021—2025"),
        ("每人补助3-5万元。", "3-5万", "3万～5万"),
        ("增长10-20%。", "10-20%", "10%～20%"),
        ("办理时限为15-30天。", "15-30", "15～30"),
        ("1-3月全市财政收入", "1-3", "1—3"),
    ],
)
def test_ranges(text, excerpt, fixed):
    (d,) = lint(text, "GW404")
    assert (d.excerpt, d.fix.replacement) == (excerpt, fixed)


@pytest.mark.parametrize("text", ["按照GB/T 9704-2012执行。", "电话：0531-86061234。", "2024-03-01发布", "2021—2025年", "3万～5万元"])
def test_not_ranges(text):
    assert lint(text, "GW404") == []


# -- GW405 ---------------------------------------------------------------------------------------
def test_enumeration_comma():
    found = lint("会议为期三、四天。学习《条例》、《规定》。加强水、电、气、等保障。", "GW405")
    assert [(d.excerpt, d.severity.value) for d in found] == [("、", "warning"), ("、", "info"), ("、", "warning")]
    assert apply_fixes("会议为期三、四天。", lint("会议为期三、四天。", "GW405")) == "会议为期三四天。"


@pytest.mark.parametrize("text", ["依照第3、4条的规定处理。", "一、二、三等奖", "三、五天", "3、4月份的数据"])
def test_enumerations_that_are_not_approximations(text):
    assert [d for d in lint(text, "GW405") if d.severity.value != "info"] == []


# -- GW406 ---------------------------------------------------------------------------------------
def test_stray_spaces():
    found = lint("各单位要认真组织 学习，请于3月5日前报送 。", "GW406")
    assert [d.excerpt for d in found] == [" ", " "]
    assert apply_fixes("各单位要认真组织 学习。", lint("各单位要认真组织 学习。", "GW406")) == "各单位要认真组织学习。"


@pytest.mark.parametrize(
    "text",
    [
        "出席：王　伟、李明明、张　三",
        "第一条 为了规范公文处理工作，制定本办法。",
        "　　各单位要认真学习。",  # first-line indent typed as spaces
        "联系人：张三 电话：12345678",
        "国 务 院",
        "国土资源部　二〇〇一年十月十日",
    ],
)
def test_spaces_that_are_not_stray(text):
    assert lint(text, "GW406") == []


# -- GW407 ---------------------------------------------------------------------------------------
def test_repeated_punctuation():
    found = lint("各地要认真贯彻落实，，确保实效。特此通知。。\n加强组织领导，。", "GW407")
    assert [(d.excerpt, d.fix.replacement if d.fix else None) for d in found] == [("，，", "，"), ("。。", "。"), ("，。", None)]
    assert lint("难道不应该深刻反思吗？！加强建设。。。", "GW407") == []


def test_fixes_converge():
    """Applying every safe fix and checking again finds nothing more (re-running is a no-op)."""
    text = "各单位要高度重视,认真落实，，时间为2021-2025年 。包括资金...等"
    codes = ("GW401", "GW403", "GW404", "GW406", "GW407")
    fixed = apply_fixes(text, lint(text, *codes))
    assert lint(fixed, *codes) == []
