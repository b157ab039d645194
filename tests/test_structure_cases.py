"""Structure recognition on the case families of real drafts (issue 13), each from a fixture.

Drafts are built at test time (tests/docxbuild.py, tests/drafts.py): what a drafter types into
Word or WPS, with the formatting that is evidence (sizes, fonts, alignment, colour, page breaks,
soft line breaks) and the defects real drafts carry.
"""

from __future__ import annotations

import pytest

from docxbuild import DocxBuilder, para, run
from drafts import yichun_docx
from gongwen_lint import structure
from gongwen_lint.api import Linter, load_document, read_docx
from gongwen_lint.config import Config
from gongwen_lint.model import CONFIDENT, DocFormat, Genre, Role
from gongwen_lint.textreader import document_from_text

BODY = dict(font="仿宋_GB2312", size=16)
TITLE = dict(font="方正小标宋简体", size=22, align="center")
MARK = dict(font="方正小标宋简体", size=42, align="center", color="FF0000")


def text_roles(text: str) -> list[Role]:
    return [p.role for p in structure.analyse(document_from_text(text)).body]


def findings(path_or_text, *codes: str):
    linter = Linter(Config(select=codes))
    if isinstance(path_or_text, str):
        return linter.check_text(path_or_text).diagnostics
    return linter.check_file(path_or_text).diagnostics


def roles_by_text(doc) -> dict[str, Role]:
    return {p.text: p.role for p in doc.body if not p.is_empty}


# -- the 宜春 notice, typed as a drafter would (done criteria of issue 13) -----------------------


@pytest.fixture(scope="module")
def yichun(tmp_path_factory):
    path = yichun_docx(tmp_path_factory.mktemp("yichun") / "yichun.docx")
    return path, read_docx(path)


def test_yichun_pasted_site_name_is_a_stray_line_named_by_gw305(yichun):
    path, doc = yichun
    p = next(q for q in doc.body if q.text == "第一足球网")
    assert p.role is Role.STRAY and p.confident
    found = [d for d in findings(path, "GW305") if d.location.paragraph == p.index]
    assert len(found) == 1 and "第一足球网" in found[0].message


def test_yichun_two_line_title_genre_and_addressee_without_colon(yichun):
    path, doc = yichun
    titles = [p for p in doc.body if p.role is Role.TITLE]
    assert [p.text for p in titles] == ["关于印发《宜春市政府办公室关于贯彻", "宜发〔 2008〕13号文件的实施意见》的通知"]
    assert len({p.title_group for p in titles}) == 1
    assert doc.genre is Genre.NOTICE
    addressee = doc.first(Role.ADDRESSEE)
    assert addressee is not None and addressee.text.startswith("本办各科")
    gw104 = findings(path, "GW104")
    assert [(d.location.paragraph, d.message) for d in gw104] == [(addressee.index, "主送机关后缺少全角冒号“：”")]


def test_yichun_issued_opinion_after_the_date_is_no_order_error(yichun):
    path, doc = yichun
    assert findings(path, "GW108") == []
    assert doc.first(Role.DATE).text == "二OO八年九月二十六日"
    # the 实施意见 is a section of its own: its title, its headings, its text
    issued = [p for p in doc.body if p.index > doc.first(Role.DATE).index and not p.is_empty]
    assert issued[0].role is Role.ATTACHMENT_TITLE and issued[1].role is Role.ATTACHMENT_TITLE
    assert {p.role for p in issued[2:-1]} <= {Role.ATTACHMENT_BODY, Role.HEADING1, Role.HEADING3}
    assert any(p.role is Role.HEADING1 for p in issued)


# -- 印发 / 转发 / 批转 notices ---------------------------------------------------------------


def _issuing_notice(b: DocxBuilder, label: bool) -> None:
    b.p("宜城市人民政府办公室文件", **MARK)
    b.p("宜政办发〔2024〕9号", align="center", **BODY)
    b.p("宜城市人民政府办公室关于印发", **TITLE)
    b.p("宜城市防汛抗旱应急预案的通知", **TITLE)
    b.p("各县（市、区）人民政府，市政府各部门：", **BODY)
    b.p("《宜城市防汛抗旱应急预案》已经市人民政府同意，现印发给你们，请认真组织实施。", first_line_chars=200, **BODY)
    b.p("宜城市人民政府办公室", align="right", **BODY)
    b.p("2024年5月6日", align="right", **BODY)
    b.p("（此件公开发布）", first_line_chars=200, **BODY)
    if label:
        b.body(para(run("附件", font="黑体", size=16), extra="<w:pageBreakBefore/>"))
    b.body(para(run("宜城市防汛抗旱应急预案", **{k: v for k, v in TITLE.items() if k != "align"}), align="center",
                extra="" if label else "<w:pageBreakBefore/>"))
    b.p("一、总则", first_line_chars=200, font="黑体", size=16)
    b.p("（一）编制目的。为做好水旱灾害防范与处置工作，制定本预案。", first_line_chars=200, font="楷体_GB2312", size=16)
    b.p("二、组织体系", first_line_chars=200, font="黑体", size=16)
    b.p("市防汛抗旱指挥部负责组织、协调、指导全市防汛抗旱工作。", first_line_chars=200, **BODY)
    b.p("抄送：市委办公室，市人大常委会办公室。", size=14, font="仿宋_GB2312")
    b.p("宜城市人民政府办公室\t\t2024年5月6日印发", size=14, font="仿宋_GB2312")


@pytest.mark.parametrize("label", [False, True], ids=["no-label", "with-label"])
def test_issued_document_after_the_date_with_or_without_label(tmp_path, label):
    b = DocxBuilder()
    _issuing_notice(b, label)
    path = b.save(tmp_path / "notice.docx")
    doc = read_docx(path)
    by = roles_by_text(doc)
    assert by["宜城市防汛抗旱应急预案"] is Role.ATTACHMENT_TITLE
    assert by["一、总则"] is Role.HEADING1
    assert by["（一）编制目的。为做好水旱灾害防范与处置工作，制定本预案。"] is Role.HEADING2
    assert by["（此件公开发布）"] is Role.NOTE
    assert by["抄送：市委办公室，市人大常委会办公室。"] is Role.CC
    if label:
        assert by["附件"] is Role.ATTACHMENT_LABEL
    assert findings(path, "GW108") == []
    assert doc.genre is Genre.NOTICE
    # the genre rules read the notice's own text, not the plan's
    from gongwen_lint.rules._fields import main_text

    assert [p.text[:4] for p in main_text(doc)] == ["《宜城市"]


def test_forwarding_notice_as_text_keeps_the_forwarded_documents_own_closing():
    text = (
        "宜城县人民政府办公室转发市政府办公室关于做好森林防火工作的通知\n各乡镇人民政府：\n"
        "现将《宜城市人民政府办公室关于做好森林防火工作的通知》转发给你们，请认真贯彻执行。\n"
        "宜城县人民政府办公室\n2023年3月2日\n"
        "宜城市人民政府办公室关于做好森林防火工作的通知\n各县（市、区）人民政府：\n当前已进入森林防火紧要期。\n"
        "一、压实防火责任\n各地要层层签订防火责任书。\n宜城市人民政府办公室\n2023年2月20日\n"
    )
    got = text_roles(text)
    assert got[3:5] == [Role.SIGNATURE, Role.DATE]
    assert got[5] is Role.ATTACHMENT_TITLE
    # the forwarded document's own 主送, 署名 and 日期 are its text, not a second 主体
    assert got[6] is Role.ATTACHMENT_BODY and got[-2:] == [Role.ATTACHMENT_BODY, Role.ATTACHMENT_BODY]
    assert got[8] is Role.HEADING1
    assert findings(text, "GW108") == []


# -- stray lines ---------------------------------------------------------------------------------


@pytest.mark.parametrize("line, kind", [
    ("第一足球网", "web"),
    ("来源：宜城市政府网　发布时间：2024-03-01　浏览次数：356", "web"),
    ("【打印本页】【关闭窗口】", "web"),
    ("首页 > 政务公开 > 通知公告", "web"),
    ("（此处多个空行或空格）", "editor"),
    ("（此处插入图片）", "editor"),
])
def test_stray_lines_are_never_title_or_note(line, kind):
    text = f"宜府发〔2024〕3号\n{line}\n关于做好防汛工作的通知\n各单位：\n现将有关事项通知如下。\n{line}\n宜城市人民政府\n2024年3月1日\n{line}"
    doc = structure.analyse(document_from_text(text))
    strays = [p for p in doc.body if p.text == line]
    assert [p.role for p in strays] == [Role.STRAY] * 3
    assert structure.stray_kind(line) == kind
    assert doc.first(Role.TITLE).text == "关于做好防汛工作的通知"
    found = findings(text, "GW305")
    assert {d.location.paragraph for d in found} == {p.index for p in strays}
    assert all(d.severity.value == "warning" for d in found)


def test_no_text_page_is_its_own_error_not_a_note():
    text = "关于表彰先进单位的决定\n各单位：\n希望受表彰的单位珍惜荣誉。\n（此页无正文）\n宜城市人民政府\n2024年2月8日"
    got = text_roles(text)
    assert got[3] is Role.STRAY and Role.NOTE not in got
    (d,) = findings(text, "GW305")
    assert d.severity.value == "error" and "7.3.5.1" in d.message
    assert findings(text, "GW108") == []


def test_text_that_mentions_sources_is_not_stray():
    text = "关于做好信息报送工作的通知\n各单位：\n各地要加强信息来源的核实，确保数据准确。\n宜城市人民政府\n2024年3月1日"
    assert Role.STRAY not in text_roles(text)
    assert findings(text, "GW305") == []


# -- 主送 without its colon ---------------------------------------------------------------------


@pytest.mark.parametrize("line, message", [
    ("各县市区人民政府，市政府各部门", "主送机关后缺少全角冒号“：”"),
    ("各县市区人民政府:", "主送机关后应标全角冒号：“:” → “：”"),
    ("尊敬的宜城市发展和改革委员会", "主送机关后缺少全角冒号“：”"),
    ("本办各科 (办、室、队、中心)", "主送机关后缺少全角冒号“：”"),
])
def test_addressee_without_or_with_a_wrong_colon_is_the_addressee_with_gw104(line, message):
    text = f"关于做好防汛工作的通知\n{line}\n现将有关事项通知如下。\n宜城市水利局\n2024年6月20日"
    assert text_roles(text)[1] is Role.ADDRESSEE
    assert [d.message for d in findings(text, "GW104")] == [message]


def test_a_lead_in_or_a_meeting_label_is_not_an_addressee():
    assert text_roles("关于X的通知\n现将有关事项通知如下：\n一、总体要求")[1] is Role.BODY
    assert text_roles("宜城市城管委工作例会纪要\n会议1：关于夜市摊点规范管理\n会议同意设置临时夜市。")[1] is Role.BODY


@pytest.mark.parametrize("sentence", [
    "今年以来，在上级的坚强领导下，全局上下团结一心、奋力拼搏，各项工作取得了显著成效。",
    "各类企业要落实安全生产主体责任。",
    "各项目单位于6月底前报送进度。",
    "各方面工作稳步推进，全年任务圆满完成。",
])
def test_a_sentence_alone_or_first_is_body_not_an_addressee(sentence):
    """A one-line draft (lint_text, a pasted paragraph) must not become a 主送 with a GW104 error."""
    assert text_roles(sentence) == [Role.BODY]
    assert findings(sentence, "GW104") == []


@pytest.mark.parametrize("line", ["各区县人民政府。", "各乡镇，县直各单位，"])
def test_an_addressee_typed_with_a_period_or_comma_is_still_the_addressee(line):
    text = f"关于做好防汛工作的通知\n{line}\n现将有关事项通知如下。\n宜城市水利局\n2024年6月20日"
    assert text_roles(text)[1] is Role.ADDRESSEE


def test_users_organ_suffix_reaches_recognition(tmp_path):
    text = "关于做好防汛工作的通知\n县文化馆、县博物馆\n现将有关事项通知如下。\n"
    assert findings(text, "GW104") == []  # 馆 is no organ suffix of the packaged list
    config = tmp_path / "gongwen-lint.toml"
    config.write_text('[dictionaries]\norgan-suffixes-add = ["馆"]\n', encoding="utf-8")
    from gongwen_lint.config import load_file

    report = Linter(load_file(config)).check_text(text)
    assert [d.code for d in report.diagnostics if d.code == "GW104"] == ["GW104"]


# -- run-in headings -----------------------------------------------------------------------------


def test_run_in_heading_before_the_signature_is_a_heading_not_a_note():
    text = (
        "国务院关于实施脱贫攻坚工程的意见\n各省、自治区、直辖市人民政府：\n现提出如下意见。\n"
        "（十三）加强督查考核。对各地落实情况开展督查。\n"
        "（十四）加强组织领导。发展改革委、扶贫办要会同有关部门加强统筹协调，确保各项政策措施落到实处（发展改革委、扶贫办负责）\n"
        "国务院\n2016年1月25日\n（此件公开发布）"
    )
    doc = structure.analyse(document_from_text(text))
    roles = [p.role for p in doc.body]
    assert roles[3:5] == [Role.HEADING2, Role.HEADING2]
    assert roles[5:] == [Role.SIGNATURE, Role.DATE, Role.NOTE]
    assert findings(text, "GW108") == []
    p = doc.body[4]
    assert p.text[: p.lead_end] == "（十四）加强组织领导。"  # where the heading's own text ends
    assert structure.heading_lead(p.text) == p.lead_end


def test_heading_lead_of_standalone_and_run_in_headings():
    assert structure.heading_lead("一、总体要求") == len("一、总体要求")
    assert structure.heading_lead("1.明确责任。材料提交前应完成自查。") == len("1.明确责任。")
    assert structure.heading_lead("（二）工作目标：到2025年全覆盖。") == len("（二）工作目标：")
    assert structure.heading_lead("（一）各区县要在6月底前完成排查。") == len("（一）各区县要在6月底前完成排查。")


# -- soft line breaks ----------------------------------------------------------------------------


def test_letter_laid_out_with_soft_line_breaks(tmp_path):
    b = DocxBuilder()
    b.p("关于商请提供预算执行情况的函", **TITLE)
    b.p(run("市发展改革委：\n为做好预算执行分析工作，请你委于4月15日前提供第一季度重点项目资金使用情况。\n特此函达。", **BODY))
    b.p(run("宜城市财政局\n2024年4月2日", **BODY), align="right")
    doc = read_docx(b.save(tmp_path / "letter.docx"))
    letter, closing = doc.body[1], doc.body[2]
    assert [s.role for s in letter.spans()] == [Role.ADDRESSEE, Role.BODY, Role.BODY]
    assert [s.role for s in closing.spans()] == [Role.SIGNATURE, Role.DATE]
    assert doc.has(Role.ADDRESSEE) and doc.has(Role.DATE) and doc.has(Role.SIGNATURE)
    assert findings(tmp_path / "letter.docx", "GW101") == []  # 署名 and 日期 are there, on lines
    # a two-line title typed with Shift+Enter is one title
    b = DocxBuilder()
    b.p(run("宜城市财政局关于商请提供\n预算执行情况的函", font="方正小标宋简体", size=22), align="center")
    b.p("市发展改革委：", **BODY)
    b.p("请你委于4月15日前提供有关情况。", first_line_chars=200, **BODY)
    doc = read_docx(b.save(tmp_path / "title.docx"))
    assert doc.body[0].role is Role.TITLE and not doc.body[0].lines
    assert doc.genre is Genre.LETTER


# -- WPS/Word templates ------------------------------------------------------------------------


def test_wps_template_head_placeholders_bookmarks_and_content_controls(tmp_path):
    b = DocxBuilder()
    b.table([["000001"], ["×密★10年"], ["特急"]])
    b.p("发文机关文件", font="方正小标宋简体", size=50, align="center", color="FF0000")
    b.p("机关代字〔20××〕×号", align="center", **BODY)
    b.body('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="7" w:name="标题"/>'
           '<w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr><w:t>×××关于×××的通告</w:t></w:r>'
           '<w:bookmarkEnd w:id="7"/></w:p>')
    b.p("主送机关：", **BODY)
    b.body('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr>'
           '<w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    b.p("正文内容正文内容正文内容。", first_line_chars=200, **BODY)
    b.p("发文机关署名", align="right", **BODY)
    b.p("20××年×月×日", align="right", **BODY)
    path = b.save(tmp_path / "template.docx")
    doc = read_docx(path)
    by = roles_by_text(doc)
    assert by["000001"] is Role.COPY_NUMBER
    assert by["×密★10年"] is Role.SECRECY
    assert by["特急"] is Role.URGENCY
    assert by["发文机关文件"] is Role.ORGAN_MARK
    assert by["机关代字〔20××〕×号"] is Role.DOC_NUMBER
    assert by["×××关于×××的通告"] is Role.TITLE
    assert by["主送机关："] is Role.ADDRESSEE
    assert by["单击或点击此处输入文字。"] is Role.UNKNOWN
    assert by["发文机关署名"] is Role.SIGNATURE and by["20××年×月×日"] is Role.DATE
    assert doc.genre is Genre.ANNOUNCEMENT or doc.genre is Genre.PUBLIC_NOTICE
    gw306 = {d.location.paragraph for d in findings(path, "GW306")}
    prompt = next(p for p in doc.body if p.text.startswith("单击"))
    assert prompt.index in gw306
    assert [d for d in findings(path, "GW1") if d.severity.value == "error"] == []


# -- covers, tables of contents, 第X章 ---------------------------------------------------------


def test_cover_page_and_table_of_contents(tmp_path):
    b = DocxBuilder()
    b.p("宜城市统计局", font="方正小标宋简体", size=26, align="center")
    b.p("2023年工作总结", **TITLE)
    b.p("2024年1月", font="楷体_GB2312", size=16, align="center")
    b.body(para(run("目  录", font="黑体", size=16), align="center", extra="<w:pageBreakBefore/>"))
    b.p("一、主要工作完成情况……………………1", **BODY)
    b.p("二、存在的问题…………………………3", **BODY)
    b.body(para(run("一、主要工作完成情况", font="黑体", size=16), first_line_chars=200, extra="<w:pageBreakBefore/>"))
    b.p("2023年，市统计局圆满完成经济普查清查阶段各项任务。", first_line_chars=200, **BODY)
    b.p("二、存在的问题", first_line_chars=200, font="黑体", size=16)
    b.p("基层统计力量薄弱。", first_line_chars=200, **BODY)
    doc = read_docx(b.save(tmp_path / "report.docx"))
    roles = [p.role for p in doc.body if not p.is_empty]
    assert roles[:3] == [Role.COVER, Role.TITLE, Role.COVER]  # a cover's organ name is no 发文机关标志
    assert roles[3:6] == [Role.TOC, Role.TOC, Role.TOC]  # 目录 is not the title, its lines no headings
    assert roles[6:] == [Role.HEADING1, Role.BODY, Role.HEADING1, Role.BODY]
    assert Role.ORGAN_MARK not in roles


def test_chapters_and_articles_of_a_regulation():
    text = (
        "宜城市政府投资项目管理办法\n第一章　总　则\n第一条　为规范政府投资行为，制定本办法。\n"
        "第二条　本办法适用于本市政府投资项目。\n第二章　项目决策\n第三条　项目单位应当编制项目建议书。"
    )
    got = text_roles(text)
    assert got == [Role.TITLE, Role.HEADING1, Role.BODY, Role.BODY, Role.HEADING1, Role.BODY]


# -- ordinals that read two ways ---------------------------------------------------------------


def test_fullwidth_dot_before_a_chinese_numeral_and_ordinals_before_latin_text():
    text = (
        "公文格式要求\n1．页面：A4版幅，上边距3.7cm。\n2．一级标题：方正小标宋简体二号字。\n3．正文：仿宋三号字。\n"
        "一、开发环境\n1，安装工具。\n2，php环境配置。\n3，数据库配置。\n二、版本管理\n三．代码规范\n四．GIT使用规范"
    )
    doc = structure.analyse(document_from_text(text))
    assert doc.body[2].role is Role.HEADING3 and doc.body[6].role is Role.HEADING3
    assert doc.body[10].role is Role.HEADING1
    assert findings(text, "GW302") == [] and findings(text, "GW303") == []


# -- 纪要 and logs -----------------------------------------------------------------------------


def test_minutes_with_a_session_date_and_meeting_lines_under_the_title():
    text = (
        "宜城市城市管理委员会2024年第3次工作例会纪要\n2024年6月12日\n"
        "6月12日上午，市城管委主任张华主持召开工作例会。纪要如下：\n会议1：关于夜市摊点规范管理\n"
        "会议同意在滨江路设置临时夜市摊点区，由市城管局负责划定摊位。\n会议2：关于城区积水点整治\n"
        "会议要求市住建局对城区12处易涝点逐一制定整治方案。"
    )
    doc = structure.analyse(document_from_text(text))
    roles = [p.role for p in doc.body]
    assert roles[0] is Role.TITLE and Role.DATE not in roles and Role.ADDRESSEE not in roles
    assert doc.genre is Genre.MINUTES
    assert findings(text, "GW103") == [] and findings(text, "GW104") == []


# -- one element-order finding per misplaced block ---------------------------------------------


def test_one_order_finding_per_misplaced_block_not_per_cell(tmp_path):
    b = DocxBuilder()
    b.p("关于做好防汛工作的通知", **TITLE)
    b.p("各单位：", **BODY)
    b.p("现将有关事项通知如下。", first_line_chars=200, **BODY)
    b.p("宜城市人民政府", align="right", **BODY)
    b.p("2024年7月1日", align="right", **BODY)
    b.p("附件：1.防汛责任人名单", first_line_chars=200, **BODY)
    b.p("2.防汛物资清单", first_line_chars=200, **BODY)
    path = b.save(tmp_path / "order.docx")
    found = findings(path, "GW108")
    assert len(found) == 1 and found[0].excerpt == "附件：1.防汛责任人名单"
    b = DocxBuilder()
    b.p("关于做好防汛工作的通知", **TITLE)
    b.p("各单位：", **BODY)
    b.table([["抄送：市委办公室，", "市人大常委会办公室。"]])
    b.p("现将有关事项通知如下。", first_line_chars=200, **BODY)
    b.p("宜城市人民政府", align="right", **BODY)
    b.p("2024年7月1日", align="right", **BODY)
    found = findings(b.save(tmp_path / "cells.docx"), "GW108")
    assert len(found) == 1


def test_misplaced_note_and_attachment_inside_the_main_text():
    found = findings("关于X的通知\n各单位：\n正文。\n宜城市水利局\n（此件公开发布）\n2024年6月20日", "GW108")
    assert [d.excerpt for d in found] == ["（此件公开发布）"]
    text = "关于X的通知\n各单位：\n正文。\n附件1\n名单\n张三、李四。\n特此通知。\n宜城市水利局\n2024年6月20日"
    found = findings(text, "GW108")
    assert [d.excerpt for d in found] == ["附件1"] and "之后" in found[0].message


# -- confidence ----------------------------------------------------------------------------------


def test_every_role_carries_a_confidence_and_inspect_shows_it(tmp_path):
    doc = structure.analyse(document_from_text("关于X的通知\n各单位：\n正文。\n宜城市水利局\n2024年6月20日"))
    assert all(0 < p.confidence <= 1 for p in doc.body)
    assert all(p.confident for p in doc.body)
    from gongwen_lint.output.inspect_format import document_dict, render_text

    d = document_dict(doc)
    assert all("confidence" in x for x in d["paragraphs"])
    assert "1.00" in render_text(doc)


def test_an_uncertain_role_gets_no_error():
    from gongwen_lint.model import Paragraph
    from gongwen_lint.rules._fields import severity_for

    sure = Paragraph(part="body", index=1, text="各单位", role=Role.ADDRESSEE, confidence=0.99)
    unsure = Paragraph(part="body", index=1, text="各单位", role=Role.ADDRESSEE, confidence=CONFIDENT - 0.1)
    assert severity_for(sure) is None and severity_for(unsure).value == "warning"
    doc = structure.analyse(document_from_text("关于X的通知\n各单位\n正文。"))
    p = doc.body[1]
    lowered = Paragraph(part="body", index=2, text=p.text, role=Role.ADDRESSEE, confidence=0.5)
    from dataclasses import replace

    doc2 = replace(doc, parts={"body": (doc.body[0], lowered, doc.body[2])})
    report = Linter(Config(select=("GW104",))).check_document(doc2)
    assert [d.severity.value for d in report.diagnostics] == ["warning"]


def test_structure_of_the_old_cascade_cases_still_holds():
    doc = structure.analyse(document_from_text("中华人民共和国国务院令\n第710号\n《X条例》已经国务院常务会议通过，现予公布。\n总理  李强\n2024年1月1日"))
    assert doc.format is DocFormat.ORDER and [p.role for p in doc.body][:2] == [Role.ORGAN_MARK, Role.DOC_NUMBER]


def test_load_document_roles_unknown_until_analysed(tmp_path):
    b = DocxBuilder()
    b.p("关于X的通知", **TITLE)
    doc = load_document(b.save(tmp_path / "x.docx"))
    assert all(p.role is Role.UNKNOWN for p in doc.body)


# -- diagnoses that name the cause -------------------------------------------------------------

HEAD = "宜城市人民政府文件\n宜政发〔2024〕1号\n"
CLOSE = "各单位：\n现将有关事项通知如下。\n宜城市人民政府\n2024年1月1日"


def test_title_ending_with_a_period_is_gw109_not_gw601():
    for title in ("关于做好防汛工作的通知。", "关于做好2024年\n防汛工作的通知。"):
        found = findings(HEAD + title + "\n" + CLOSE, "GW601", "GW109")
        assert [(d.code, d.excerpt) for d in found] == [("GW109", "。")], title


def test_three_line_title_with_a_title_word_inside_ends_with_its_genre(tmp_path):
    text = HEAD + "关于加快建立健全\n现代企业管理制度\n的指导意见\n" + CLOSE
    assert findings(text, "GW601") == []
    b = DocxBuilder()
    b.p("宜城市人民政府文件", **MARK)
    b.p("宜政发〔2024〕1号", align="center", **BODY)
    for line in ("宜城市人民政府关于加快建立健全", "现代企业管理制度", "的指导意见"):
        b.p(line, **TITLE)
    b.p("各单位：", **BODY)
    b.p("现将有关事项通知如下。", first_line_chars=200, **BODY)
    path = b.save(tmp_path / "t.docx")
    assert findings(path, "GW601") == []
    assert read_docx(path).genre is Genre.OPINION


def test_a_repeated_ordinal_is_reported_where_it_is_repeated():
    text = "关于X的通知\n各单位：\n一、总体要求\n（一）指导思想\n（一）工作目标\n（三）主要任务"
    found = findings(text, "GW302")
    assert [(d.location.paragraph, d.excerpt) for d in found] == [(5, "（一）")]
    assert "应为“（二）”" in found[0].message


def test_deng_that_starts_a_word_is_no_enumeration_comma():
    assert findings("开展安全评估、等级评价和备案工作。", "GW405") == []
    assert len(findings("加强水、电、气、等保障。", "GW405")) == 1


# -- robustness ----------------------------------------------------------------------------------


def test_a_table_of_figures_between_the_text_and_the_signature(tmp_path):
    """A notice with a table of figures (cells in a smaller size, bare numbers): the decoder
    neither takes the numbers for page numbers nor loses its way before the 署名."""
    b = DocxBuilder()
    b.p("关于下达2024年农村公路建设资金的通知", align="center", size=22)
    b.p("各县（市、区）交通运输局：", size=16)
    b.p("现将资金分配情况通知如下。", size=16)
    b.table([["序号", "单位", "数量（人）"], ["", "合计", "1634"]] + [[str(i), f"{n}县", str(100 + i)] for i, n in
                                                                  enumerate("靖安奉新渝水铜鼓濂溪都昌宜丰永修", 1)])
    b.p("宜春市交通运输局", size=16)
    b.p("2024年3月1日", size=16)
    doc = read_docx(b.save(tmp_path / "table.docx"))
    roles = [p.role for p in doc.body if not p.is_empty]
    assert roles[:3] == [Role.TITLE, Role.ADDRESSEE, Role.BODY]
    assert roles[-2:] == [Role.SIGNATURE, Role.DATE]
    assert Role.PAGE_NUMBER not in roles


_LINES = [
    "宜城市人民政府文件", "宜政发〔2024〕1号", "关于做好防汛工作的通知", "各单位：", "现将有关事项通知如下。",
    "一、总体要求", "（一）加强领导。", "1.明确责任", "附件：1.名单", "2.日程", "宜城市人民政府", "2024年1月1日",
    "（此件公开发布）", "附件1", "名单", "抄送：市委办公室。", "宜城市人民政府办公室  2024年1月2日印发", "目录",
    "第一足球网", "（此页无正文）", "★", "000001", "机密★1年", "特急", "签发人：张三", "— 1 —", "1", "",
]


def test_any_sequence_of_element_lines_gets_a_role_for_every_paragraph():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=40))
    def check(lines):
        raw = document_from_text("\n".join(lines))
        doc = structure.analyse(raw)
        assert len(doc.body) == len(raw.body)
        assert all((p.role is Role.EMPTY) == (not p.text.strip()) for p in doc.body)
        assert all(0 < p.confidence <= 1 for p in doc.body)

    check()
