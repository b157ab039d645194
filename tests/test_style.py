"""GW701–GW707 on small drafts whose structure the recogniser assigns (title, 主送, headings, body)."""

import pytest

from gongwen_lint.api import Linter, lint_text
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Severity
from gongwen_lint.model import DocFormat, Document, Genre, Paragraph, Role

HEAD = "关于做好2025年防汛工作的通知\n各乡镇人民政府：\n"


def check(body: str, *codes: str, options=None, head: str = HEAD):
    report = lint_text(head + body + "\n", Config(select=codes, options=options or {}))
    return [d for d in report.diagnostics if d.code in codes], report


# -- GW701 -------------------------------------------------------------------------------------

def test_gw701_names_the_category_and_skips_quotations():
    found, _ = check("各单位要高度重视，形成合力。转发《关于狠抓落实的通知》。", "GW701")
    assert [(d.excerpt, d.severity) for d in found] == [("高度重视", Severity.INFO), ("形成合力", Severity.INFO)]
    assert "空喊重视" in found[0].message and "口号" in found[1].message


def test_gw701_quiet_categories_and_repeat_limit_are_options():
    body = "要进一步加强领导。" + "要狠抓落实。" * 5
    found, _ = check(body, "GW701")
    assert [d.excerpt for d in found] == ["狠抓落实"] * 3
    found, _ = check(body, "GW701", options={"style-quiet-categories": [], "style-max-hits-per-phrase": 0})
    assert [d.excerpt for d in found] == ["进一步加强"] + ["狠抓落实"] * 5


def test_gw701_does_not_check_the_title():
    found, _ = check("请于6月底前完成检查。", "GW701", head="关于高度重视防汛工作的通知\n各乡镇人民政府：\n")
    assert found == []


# -- GW702 -------------------------------------------------------------------------------------

def test_gw702_stacked_stock_phrases_are_an_empty_sentence():
    found, _ = check("各单位要高度重视，切实加强领导，狠抓落实，确保取得实效。", "GW702")
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert found[0].excerpt == "各单位要高度重视，切实加强领导，狠抓落实，确保取得实效。"


def test_gw702_substance_keeps_a_sentence():
    for body in (
        "各单位要高度重视校园安全，2025年9月1日前完成全部校舍安全排查。",
        "要进一步加强危险化学品企业安全生产监管，狠抓落实。",
        "各单位要高度重视，依照《中华人民共和国防洪法》第四十六条的规定划定洪泛区。",
        "市水利局要高度重视，狠抓落实。",
    ):
        found, _ = check(body, "GW702")
        assert found == [], body


def test_gw702_a_law_only_to_be_carried_out_is_no_substance():
    # 贯彻落实《…法》 cites the law (Slots.cited); it says nothing of what to do under it
    found, _ = check("各单位要高度重视，认真贯彻落实《中华人民共和国防洪法》。", "GW702")
    assert [d.severity for d in found] == [Severity.WARNING]


def test_gw702_a_stack_inside_a_substantive_paragraph_is_only_info():
    body = "各单位要高度重视，狠抓落实，确保取得实效。县水利局于2025年6月底前完成30座水库的汛前检查。"
    found, _ = check(body, "GW702")
    assert [(d.severity, d.excerpt) for d in found] == [(Severity.INFO, "各单位要高度重视，狠抓落实，确保取得实效。")]


def test_gw702_a_short_line_alone_is_not_reported():
    # 加强组织领导。 on a line of its own is a heading the drafter did not number.
    found, _ = check("各单位要高度重视。", "GW702")
    assert found == []


def test_gw702_slogan_heading_and_slogan_quotation_are_infos():
    body = ("一、持续学习，深入发动，让求真务实精神融入思想，力促作风实现质的转变\n"
            "每月组织一次集中学习，邀请专家授课，着力打造“鹰一样的个人，雁一样的团队”。")
    found, _ = check(body, "GW702")
    assert [(d.severity, d.message[:5]) for d in found] == [(Severity.INFO, "标题是口号"), (Severity.INFO, "口号：打造")]


# -- GW703 -------------------------------------------------------------------------------------

def test_gw703_vague_measures_under_a_task_heading():
    body = "一、主要措施\n加强组织领导，完善工作机制，推进各项工作，全面提升服务水平。"
    found, _ = check(body, "GW703")
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "加强" in found[0].message


def test_gw703_who_when_how_much_anchor_a_measure():
    for body in (
        "一、主要措施\n加强组织领导，完善工作机制（牵头单位：县应急管理局）。",
        "一、主要措施\n加强组织领导，完善工作机制，2025年6月底前完成。",
        "一、主要措施\n加强组织领导，完善工作机制，新建避险点12处。",
        "一、主要措施\n要加强农村供水工程建设和管护，推行水费计量收费。",
    ):
        found, _ = check(body, "GW703")
        assert found == [], body


MEASURES_DRAFT = "关于X的通知\n各单位：\n二、主要措施\n{}\n宜城市人民政府\n2024年1月1日\n"


def empty_findings(sentence: str):
    report = lint_text(MEASURES_DRAFT.format(sentence), Config(select=("GW702", "GW703")))
    return [(d.code, d.severity, d.excerpt) for d in report.diagnostics]


def test_gw703_generic_subject_and_domain_objects_are_still_vague():
    # 各区县 only names the addressees; 监管 and 安全水平 name a field, not an object.
    for sentence in (
        "各区县要进一步加强监管，不断完善工作机制，全面提升安全水平。",
        "要进一步加强监管，不断完善工作机制，全面提升安全水平。",
        "各部门、各乡镇（街道）要加强监管，完善工作机制。",
    ):
        found = empty_findings(sentence)
        assert ("GW703", Severity.WARNING, sentence) in found, (sentence, found)


@pytest.mark.parametrize("sentence", [
    "市应急管理局牵头，2025年6月底前完成全市1260家企业排查。",
    "各区县要在6月底前完成排查，并将结果报市应急管理局。",
    "由属地区县人民政府负责督促企业在15个工作日内整改到位。",
    "各区县要加强校外培训机构监管，严禁在职教师有偿补课。",
    "各区县人民政府要进一步加强监管，不断完善工作机制。",
    pytest.param("要进一步加强危险化学品企业安全生产监管，完善隐患排查机制。", marks=pytest.mark.xfail(
        strict=True, reason="a principle that names its object, made empty by the specificity model "
        "(p 0.67 at the threshold 0.63 of the fit of 2026-12-08, whose leave-one-out demotes 5 of 125 "
        "concrete tuning principles)")),
])
def test_gw703_responsible_party_deadline_or_object_is_not_vague(sentence):
    assert empty_findings(sentence) == [], sentence


def test_gw703_leaves_a_stacked_sentence_to_gw702_only_when_gw702_warns():
    sentence = "各区县要高度重视，狠抓落实，进一步加强监管，全面提升安全水平。"
    assert empty_findings(sentence) == [("GW702", Severity.WARNING, sentence)]


def test_gw702_generic_subject_is_not_substance():
    found, _ = check("各区县要高度重视，狠抓落实。", "GW702")
    assert [d.severity for d in found] == [Severity.WARNING]


def test_gw703_descriptive_sentences_outside_task_sections_are_not_measures():
    found, _ = check("一、基本情况\n去年全县汛情平稳，各项工作有序推进。", "GW703")
    assert found == []


# -- GW704 -------------------------------------------------------------------------------------

def test_gw704_summary_is_reported_for_every_document():
    _, report = check("县水利局于2025年6月底前完成30座水库的汛前检查。", "GW704")
    assert report.summary["boilerplate_ratio"] == 0.0
    assert report.summary["substance_ratio"] == 1.0
    assert "summary" in report.to_dict()


def test_gw704_threshold_is_an_option():
    body = "\n".join(["各单位要高度重视，狠抓落实，县水利局于6月底前完成30座水库的汛前检查。"] * 8)
    found, report = check(body, "GW704")
    ratio = report.summary["boilerplate_ratio"]
    assert 0.15 < ratio < 0.35
    assert len(found) == 1 and f"{ratio:.1%}" in found[0].message
    found, _ = check(body, "GW704", options={"style-max-boilerplate-ratio": 0.5})
    assert found == []


# -- GW705 -------------------------------------------------------------------------------------

def test_gw705_preamble_share():
    preamble = "防汛工作事关人民群众生命财产安全，意义重大，各单位务必充分认识做好这项工作的重要性。" * 25
    tasks = "县水利局于2025年6月底前完成30座水库的汛前检查，县应急管理局储备冲锋舟10艘。" * 25
    found, _ = check(f"一、重要意义\n{preamble}\n二、主要任务\n{tasks}", "GW705")
    assert len(found) == 1 and "重要意义" in found[0].message
    found, _ = check(f"一、重要意义\n{preamble[:200]}\n二、主要任务\n{tasks}", "GW705")
    assert found == []


# -- GW706 -------------------------------------------------------------------------------------

def test_gw706_limits_depend_on_the_kind_of_document():
    sentence = "县水利局于2025年6月底前完成30座水库的汛前检查。"
    body = "\n".join([sentence] * 180)  # about 4,700 characters
    found, _ = check(body, "GW706")
    assert found == []
    found, _ = check(body, "GW706", head="关于开展防汛隐患专项整治的通知\n各乡镇人民政府：\n")
    assert len(found) == 1 and found[0].severity is Severity.INFO and "4000" in found[0].message


# -- GW707 -------------------------------------------------------------------------------------

def test_gw707_frequency_decides_the_severity():
    found, _ = check("各乡镇每周五前报送工作台账。", "GW707")
    assert [d.severity for d in found] == [Severity.WARNING]
    found, _ = check("请于6月30日前将检查情况报送县防汛办。", "GW707")
    assert [d.severity for d in found] == [Severity.INFO]
    found, _ = check("不得要求基层填报各类统计报表。", "GW707")
    assert found == []


# -- scope -------------------------------------------------------------------------------------

def test_only_running_text_roles_are_checked():
    text = "各单位要高度重视，切实加强领导，狠抓落实，确保取得实效。"
    paras = tuple(
        Paragraph(part="body", index=i, text=text, role=role)
        for i, role in enumerate((Role.TITLE, Role.CC, Role.NOTE, Role.BODY), start=1)
    )
    doc = Document(path="<t>", source="text", parts={"body": paras}, genre=Genre.NOTICE, format=DocFormat.FILE)
    linter = Linter(Config(select=("GW701", "GW702")))
    report = linter.check_document(doc)
    linter.close()
    assert {d.location.paragraph for d in report.diagnostics} == {4}


def test_gw702_gw703_decide_anchored_measures_without_spacy():
    # A fresh interpreter: other tests in this process may already have loaded spaCy.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from gongwen_lint.api import lint_text\n"
        "from gongwen_lint.config import Config\n"
        f"text = {MEASURES_DRAFT!r}.format('各区县要在6月底前完成排查，并将结果报市应急管理局。')\n"
        "assert lint_text(text, Config(select=('GW702', 'GW703'))).diagnostics == []\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
