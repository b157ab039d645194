"""Genre rules GW601–GW607 on whole drafts (structure recognised)."""

from __future__ import annotations

from gongwen_lint.api import lint_text
from gongwen_lint.config import Config

REQUEST = (
    "宜昌市交通运输局文件\n\n宜交发〔2012〕5号\u3000\u3000签发人：张三\n\n关于申请道路维修经费的请示\n\n市人民政府：\n"
    "我局拟对城区道路进行维修，需经费50万元。\n妥否，请批示。\n\n宜昌市交通运输局\n2012年7月1日\n"
    "（联系人：李四，电话：0717-6221234）\n"
)
REPORT = (
    "宜昌市交通运输局文件\n\n宜交发〔2012〕6号\u3000\u3000签发人：张三\n\n关于2011年道路养护工作情况的报告\n\n市人民政府：\n"
    "现将我局2011年道路养护工作情况报告如下。\n全年完成道路养护120公里。\n特此报告。\n\n宜昌市交通运输局\n2012年1月10日\n"
)


def findings(text: str, code: str):
    return [d for d in lint_text(text, Config(select=(code,))).diagnostics if d.code == code]


def test_correct_request_and_report_are_clean():
    for draft in (REQUEST, REPORT):
        assert lint_text(draft, Config(select=("GW1", "GW6"))).diagnostics == []


def test_unknown_genre_in_title():
    found = findings(REQUEST.replace("关于申请道路维修经费的请示", "道路维修实施方案"), "GW601")
    assert len(found) == 1 and found[0].excerpt == "方案"
    # A regulation text without 版头 is only a hint.
    found = findings("宜昌市道路管理办法\n\n第一条 为了加强道路管理，制定本办法。\n", "GW601")
    assert [d.severity.value for d in found] == ["info"]


def test_report_must_not_carry_a_request():
    draft = REPORT.replace("特此报告。", "拟请市政府增拨经费50万元，妥否，请批示。")
    found = findings(draft, "GW602")
    assert [d.excerpt for d in found] == ["妥否，请批示"]
    assert found[0].location.paragraph == 10 and found[0].severity.value == "error"


def test_request_phrase_inside_a_quoted_title_is_not_a_request():
    draft = REPORT.replace("全年完成道路养护120公里。", "市政府对《关于请予批准道路维修的请示》已作批复。")
    assert findings(draft, "GW602") == []


def test_request_report_as_genre():
    found = findings(REPORT.replace("情况的报告", "情况的请示报告"), "GW602")
    assert [d.excerpt for d in found] == ["请示报告"]


def test_one_matter_per_request():
    found = findings(REQUEST.replace("道路维修经费的请示", "道路维修经费和增加人员编制的请示"), "GW603")
    assert len(found) == 1
    body = REQUEST.replace("我局拟对城区道路进行维修，需经费50万元。", "一是申请道路维修专项经费50万元。\n二是请求增加事业编制3名。")
    assert len(findings(body, "GW603")) == 1
    # One matter with its money and its vehicle is still one matter.
    one = REQUEST.replace("需经费50万元。", "申请专项经费50万元，用于购置养护车辆。")
    assert findings(one, "GW603") == []


def test_closing_must_fit_the_genre():
    found = findings(REQUEST.replace("妥否，请批示。", "特此报告。"), "GW604")
    assert [d.excerpt for d in found] == ["特此报告"]
    assert findings(REPORT, "GW604") == []
    assert len(findings(REPORT.replace("特此报告。", "特此通知。"), "GW604")) == 1


def test_upward_addressees():
    several = findings(REQUEST.replace("市人民政府：", "市人民政府、市财政局："), "GW605")
    assert [d.severity.value for d in several] == ["warning"]
    person = findings(REQUEST.replace("市人民政府：", "张市长："), "GW605")
    assert [(d.severity.value, d.excerpt) for d in person] == [("error", "张市长")]
    assert findings(REQUEST.replace("市人民政府：", "市防汛抗旱指挥部领导小组："), "GW605") == []


def test_contact_note_is_info_after_the_date():
    draft = REQUEST.replace("（联系人：李四，电话：0717-6221234）\n", "")
    found = findings(draft, "GW606")
    assert [d.severity.value for d in found] == ["info"]
    assert found[0].location.paragraph == 12 and found[0].excerpt == ""  # the date line, the last paragraph


def test_repealed_citations():
    draft = REPORT.replace("全年完成道路养护120公里。", "公文格式依据GB/T 9704-1999执行。")
    found = findings(draft, "GW607")
    assert [d.excerpt for d in found] == ["GB/T 9704-1999"]
    draft = REPORT.replace("全年完成道路养护120公里。", "根据《国家行政机关公文处理办法》（国发〔2000〕23号）规定。")
    assert len(findings(draft, "GW607")) == 2
    historical = REPORT.replace("全年完成道路养护120公里。", "《国家行政机关公文处理办法》已停止执行。")
    assert findings(historical, "GW607") == []
