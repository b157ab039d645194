"""Element rules GW101–GW110 on whole drafts (structure recognised) and on field parsers."""

from __future__ import annotations

import pytest

from gongwen_lint.api import lint_text
from gongwen_lint.config import Config
from gongwen_lint.rules._fields import find_dates, find_doc_numbers

HEAD = "宜昌市人民政府文件\n\n宜府发〔2012〕5号\n\n"
MAIN = "关于做好防汛工作的通知\n\n各县市区人民政府，市政府各部门：\n现将有关事项通知如下。\n请认真贯彻执行。\n\n"
CLOSE = "宜昌市人民政府\n2012年7月1日\n"
GOOD = HEAD + MAIN + CLOSE


def findings(text: str, code: str):
    report = lint_text(text, Config(select=(code,)))
    return [d for d in report.diagnostics if d.code == code]


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_correct_draft_has_no_element_findings():
    report = lint_text(GOOD, Config(select=("GW1", "GW6")))
    assert report.diagnostics == []


# -- GW101 ------------------------------------------------------------------------------------


def test_missing_doc_number_reported_where_it_belongs_with_empty_excerpt():
    draft = GOOD.replace("宜府发〔2012〕5号\n", "")
    found = findings(draft, "GW101")
    assert len(found) == 1
    d = found[0]
    assert "发文字号" in d.message and d.excerpt == "" and d.location.start == d.location.end == 0
    assert d.location.paragraph == 2  # right under the 发文机关标志


def test_body_only_draft_is_not_missing_its_header_or_closing():
    assert findings(MAIN, "GW101") == []


def test_signature_without_date_is_incomplete_even_without_header():
    found = findings(MAIN + "宜昌市人民政府\n", "GW101")
    assert [d.message[:6] for d in found] == ["缺少成文日期"]
    signature = lines(MAIN + "宜昌市人民政府").index("宜昌市人民政府") + 1  # paragraph 7, the last one
    # at the 署名 (a point, empty excerpt): the date's place is right under it, past the draft's end
    assert (found[0].location.paragraph, found[0].location.start, found[0].location.end) == (signature, 0, 0)
    assert found[0].excerpt == ""


def test_missing_date_in_full_document():
    draft = HEAD + MAIN + "宜昌市人民政府\n"
    found = findings(draft, "GW101")
    assert any("成文日期" in d.message for d in found)
    assert not any("署名" in d.message for d in found)


def test_request_with_header_needs_signer_report_without_header_does_not():
    req = (
        "宜昌市交通运输局文件\n\n宜交发〔2012〕5号\n\n关于申请道路维修经费的请示\n\n市人民政府：\n"
        "我局拟对城区道路进行维修，需经费50万元。\n妥否，请批示。\n\n宜昌市交通运输局\n2012年7月1日\n"
    )
    found = findings(req, "GW101")
    assert [d.message[:5] for d in found] == ["缺少签发人"]
    signed = req.replace("宜交发〔2012〕5号", "宜交发〔2012〕5号\u3000\u3000签发人：张三")
    assert findings(signed, "GW101") == []
    assert findings(req.split("\n\n", 2)[2], "GW101") == []  # no 版头: no 签发人 expected


def test_minutes_need_no_addressee_and_no_signature():
    draft = "宜昌市人民政府常务会议纪要\n\n第5期\n\n会议研究了防汛工作。\n会议要求各单位落实责任。\n"
    assert findings(draft, "GW101") == []


def test_reply_without_addressee_is_an_error_notice_only_a_warning():
    reply = HEAD.replace("发", "函") + "关于同意设立防汛指挥部的批复\n\n你局的请示收悉。现批复如下。\n\n" + CLOSE
    found = findings(reply, "GW101")
    assert [d.severity.value for d in found] == ["error"] and "主送机关" in found[0].message
    notice = GOOD.replace("各县市区人民政府，市政府各部门：\n", "")
    found = findings(notice, "GW101")
    assert [d.severity.value for d in found] == ["warning"]


# -- GW102 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrong,right",
    [
        ("宜发[2008]13号", "宜发〔2008〕13号"),
        ("宜发【2008】13号", "宜发〔2008〕13号"),
        ("宜发（2008）13号", "宜发〔2008〕13号"),
        ("宜发(2008)13号", "宜发〔2008〕13号"),
        ("宜发［2008］13号", "宜发〔2008〕13号"),
        ("宜发﹝2008﹞13号", "宜发〔2008〕13号"),
        ("宜发〔2008〕第13号", "宜发〔2008〕13号"),
        ("宜发〔2008〕013号", "宜发〔2008〕13号"),
        ("宜发 〔2008〕 13号", "宜发〔2008〕13号"),
    ],
)
def test_doc_number_fixes(wrong, right):
    draft = GOOD.replace("宜府发〔2012〕5号", wrong)
    found = findings(draft, "GW102")
    assert len(found) == 1
    d = found[0]
    assert d.location.paragraph == 3 and d.excerpt == wrong
    assert d.fix is not None and d.fix.replacement == right and d.fix.applicability == "safe"


def test_doc_number_cited_in_text_is_checked_with_its_prefix_only():
    draft = GOOD.replace("现将有关事项通知如下。", "根据宜发[2008]13号文件精神，现将有关事项通知如下。")
    found = findings(draft, "GW102")
    assert len(found) == 1
    assert found[0].excerpt == "宜发[2008]13号" and found[0].fix.replacement == "宜发〔2008〕13号"


def test_two_digit_year_has_no_automatic_fix():
    found = findings(GOOD.replace("宜府发〔2012〕5号", "宜府发〔12〕5号"), "GW102")
    assert len(found) == 1 and found[0].fix is None


def test_order_number_is_not_a_doc_number():
    draft = "宜昌市人民政府令\n\n第5号\n\n《宜昌市防汛条例》已经市政府常务会议通过，现予公布。\n\n市长  张三\n2012年7月1日\n"
    assert findings(draft, "GW102") == []


# -- GW103 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrong,right",
    [
        ("二〇一二年七月一日", "2012年7月1日"),
        ("二OO八年九月二十六日", "2008年9月26日"),
        ("二○一二年十二月三十一日", "2012年12月31日"),
        ("2012年07月01日", "2012年7月1日"),
        ("2012.7.1", "2012年7月1日"),
        ("2012年7月1号", "2012年7月1日"),
    ],
)
def test_date_fixes(wrong, right):
    found = findings(GOOD.replace("2012年7月1日", wrong), "GW103")
    assert len(found) == 1
    assert found[0].excerpt == wrong and found[0].fix.replacement == right


def test_impossible_date_and_date_before_number_year():
    assert "不是有效的日期" in findings(GOOD.replace("2012年7月1日", "2012年2月30日"), "GW103")[0].message
    found = findings(GOOD.replace("2012年7月1日", "2011年12月30日"), "GW103")
    assert len(found) == 1 and "早于发文字号" in found[0].message
    assert findings(GOOD.replace("2012年7月1日", "2012年2月29日"), "GW103") == []  # leap year


def test_print_date_before_signing_date():
    draft = GOOD + "\n抄送：市委办公室。\n宜昌市人民政府办公室  2012年6月30日印发\n"
    found = findings(draft, "GW103")
    assert len(found) == 1 and "印发日期早于成文日期" in found[0].message


def test_date_parser_values():
    (f,) = find_dates("二〇〇八年九月二十六日")
    assert (f.year, f.month, f.day, f.chinese, f.standard) == (2008, 9, 26, True, "2008年9月26日")
    assert find_dates("十年来")[:1] == []


# -- GW104 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ending,excerpt,replacement", [("", "门", "门："), (":", ":", "："), ("。", "。", "："), ("，", "，", "：")])
def test_addressee_colon(ending, excerpt, replacement):
    draft = GOOD.replace("市政府各部门：", "市政府各部门" + ending)
    found = findings(draft, "GW104")
    assert len(found) == 1
    assert found[0].location.paragraph == 7 and found[0].excerpt == excerpt
    assert found[0].fix.replacement == replacement


# -- GW105 / GW106 ------------------------------------------------------------------------------


ATTACHED = (
    MAIN + "附件：1. 防汛责任人名单\n2. 防汛物资清单\n\n" + CLOSE + "\n附件1\n\n防汛责任人名单\n\n名单略。\n\n附件2\n\n防汛物资清单\n\n清单略。\n"
)


def test_attachments_correct():
    assert findings(ATTACHED, "GW105") == [] and findings(ATTACHED, "GW106") == []


def test_attachment_note_number_and_punctuation():
    found = findings(ATTACHED.replace("1. 防汛责任人名单", "1、防汛责任人名单"), "GW105")
    assert [(d.excerpt, d.fix.replacement) for d in found] == [("1、", "1.")]
    found = findings(ATTACHED.replace("2. 防汛物资清单\n", "2. 防汛物资清单。\n"), "GW105")
    assert [(d.excerpt, d.fix.replacement) for d in found] == [("。", "")]


def test_attachment_title_mismatch_reported_at_the_title():
    draft = ATTACHED.replace("防汛物资清单\n\n清单略", "防汛物资储备清单\n\n清单略")
    found = findings(draft, "GW106")
    assert len(found) == 1
    assert found[0].excerpt == "防汛物资储备清单"


def test_attachment_missing_from_note():
    draft = ATTACHED.replace("附件：1. 防汛责任人名单\n2. 防汛物资清单\n", "附件：1. 防汛责任人名单\n")
    found = findings(draft, "GW106")
    assert any("附件2" in d.message for d in found)


# -- GW107 / GW108 / GW109 / GW110 ----------------------------------------------------------------


def test_cc_needs_final_full_stop():
    draft = GOOD + "\n抄送：市委办公室，市人大常委会办公室\n宜昌市人民政府办公室  2012年7月1日印发\n"
    found = findings(draft, "GW107")
    assert len(found) == 1 and found[0].fix.replacement == "室。"


def test_attachment_note_after_date_is_out_of_order():
    draft = MAIN + CLOSE + "附件：防汛责任人名单\n"
    found = findings(draft, "GW108")
    assert len(found) == 1 and found[0].excerpt == "附件：防汛责任人名单"
    assert findings(MAIN + "附件：防汛责任人名单\n\n" + CLOSE, "GW108") == []


def test_title_end_punctuation_and_notice_of_notice():
    found = findings(GOOD.replace("的通知\n", "的通知。\n", 1), "GW109")
    assert [(d.excerpt, d.fix.replacement) for d in found] == [("。", "")]
    draft = GOOD.replace("关于做好防汛工作的通知", "关于转发省政府关于做好防汛工作的通知的通知")
    assert len(findings(draft, "GW109")) == 1


def test_header_fields():
    assert findings("机密★1年\n" + GOOD, "GW110") == []
    assert len(findings("机密★一年\n" + GOOD, "GW110")) == 1
    assert len(findings("急件\n" + GOOD, "GW110")) == 1
    assert findings("特急\n" + GOOD, "GW110") == []


def test_doc_number_parser_cuts_lead_words():
    (n,) = find_doc_numbers("根据宜发[2008]13号文件")
    assert n.text == "宜发[2008]13号" and n.problems == ("brackets",)
