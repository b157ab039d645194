"""Heading ordinals, sequences, level skips, duplicate/stray paragraphs, placeholders (GW301–GW306)."""

from __future__ import annotations

import pytest

from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.model import DocFormat, Document, Paragraph, ParagraphFormat, Role, Run
from gongwen_lint.rules._ordinals import parse_ordinal


def lint(text: str, *codes: str):
    """Diagnostics of ``codes`` on a plain-text draft, structure recognised."""
    linter = Linter(Config(select=codes))
    return linter.check_text(text).diagnostics


def lint_doc(paragraphs: list[Paragraph], *codes: str):
    """Diagnostics on paragraphs with the roles given (structure recognition bypassed)."""
    doc = Document(path="<t>", source="text", parts={"body": tuple(paragraphs)}, format=DocFormat.FILE)
    return Linter(Config(select=codes)).check_document(doc).diagnostics


def body(*texts: str, role: Role = Role.BODY) -> list[Paragraph]:
    return [Paragraph(part="body", index=i, text=t, role=role) for i, t in enumerate(texts, 1)]


# -- ordinal parsing -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, level, value, ok",
    [
        ("一、总体要求", 1, 1, True),
        ("十二、其他", 1, 12, True),
        ("（三）工作目标", 2, 3, True),
        ("3.加强监测", 3, 3, True),
        ("（4）做好预警", 4, 4, True),
        ("1、加强监测", 3, 1, False),
        ("1．加强监测", 3, 1, False),
        ("一.总体要求", 1, 1, False),
        ("（一）、工作目标", 2, 1, False),
        ("(二)工作目标", 2, 2, False),
        ("(1)做好预警", 4, 1, False),
        ("1）做好预警", 4, 1, False),
        ("　　二、主要任务", 1, 2, True),
    ],
)
def test_parse_ordinal_reads_level_from_shape_and_judges_form(text, level, value, ok):
    o = parse_ordinal(text)
    assert o is not None
    assert (o.level, o.value, o.ok) == (level, value, ok)


@pytest.mark.parametrize(
    "text",
    ["1.5万元专项资金已拨付。", "一是加强领导。", "3、4月份的数据显示", "一、二级医院要", "2024年工作要点", "第一，要提高认识。", "1,000元"],
)
def test_numbers_that_are_not_ordinals(text):
    assert parse_ordinal(text) is None


# -- GW301 ---------------------------------------------------------------------------------------
def test_wrong_ordinal_form_on_a_body_line_is_found_with_a_safe_fix():
    found = lint("关于做好防汛工作的通知\n各区县：\n一、总体要求\n1、加强监测，及时发布预警信息。", "GW301")
    assert len(found) == 1
    d = found[0]
    assert (d.location.paragraph, d.excerpt) == (4, "1、")
    assert d.fix.replacement == "1." and d.fix.applicability == "safe"


def test_fix_is_unsafe_when_the_ordinal_spans_two_runs():
    p = Paragraph(
        part="body", index=1, text="（一）、明确目标", role=Role.HEADING2,
        runs=(Run("（一）", 0, 3, index=0), Run("、明确目标", 3, 8, index=1)),
    )
    (d,) = lint_doc([p], "GW301")
    assert d.excerpt == "（一）、" and d.fix.replacement == "（一）" and d.fix.applicability == "unsafe"


def test_word_automatic_numbering_counts_as_the_visible_ordinal():
    fmt = ParagraphFormat(num_id=1, num_level=0, numbering_text="1、")
    p = Paragraph(part="body", index=1, text="加强监测", role=Role.HEADING3, format=fmt)
    (d,) = lint_doc([p], "GW301")
    assert (d.location.start, d.location.end, d.fix) == (0, 0, None)
    assert "自动编号" in d.message


def test_word_numbering_from_a_real_docx(tmp_path, docx_builder):
    b = docx_builder
    b.numbering(7, [("chineseCounting", "%1、")])
    from docxbuild import para

    b.body(para("总体要求", num=(7, 0)))
    b.body(para("主要任务", num=(7, 0)))
    path = b.save(tmp_path / "n.docx")
    linter = Linter(Config(select=("GW301", "GW302")))
    report = linter.check_file(path)
    doc = __import__("gongwen_lint").read_docx(path)
    labels = [p.format.numbering_text for p in doc.body if p.text]
    if labels[0] is None:
        pytest.skip("the reader does not fill numbering_text yet")
    assert labels == ["一、", "二、"]
    assert report.diagnostics == []


# -- GW302 ---------------------------------------------------------------------------------------
def test_repeat_and_gap_are_found_and_sublists_restart_under_each_parent():
    text = "\n".join([
        "一、总体要求", "（一）指导思想", "（二）工作目标",
        "二、主要任务", "（一）加强监测", "（二）做好预警", "（二）强化值守",
        "四、保障措施",
    ])
    found = lint(text, "GW302")
    assert [(d.location.paragraph, d.excerpt) for d in found] == [(7, "（二）"), (8, "四、")]
    assert "重复" in found[0].message and "缺少“三、”" in found[1].message


def test_a_list_nested_in_a_list_of_the_same_form_resumes_the_outer_list():
    # Old work reports number parts and their sections both 一、二、 (distinguished by font).
    text = "\n".join(["一、回顾", "二、任务", "一、确定增长率", "二、调整投资", "三、科技进步", "三、体制改革", "四、外交政策"])
    assert lint(text, "GW302") == []


def test_lists_under_articles_restart():
    text = "\n".join(["第三条 代表享有下列权利：", "（一）出席会议；", "（二）提出议案。",
                      "第四条 代表应当履行下列义务：", "（一）遵守宪法；", "（二）保守秘密。"])
    assert lint(text, "GW302") == []


# -- GW303 ---------------------------------------------------------------------------------------
def test_level_skip_is_reported_once_per_parent():
    text = "\n".join(["一、总体要求", "（一）指导思想", "二、主要任务", "1.加强监测", "2.做好预警", "三、保障措施", "1.加强领导"])
    found = lint(text, "GW303")
    assert [d.location.paragraph for d in found] == [4, 7]


def test_two_level_documents_may_go_from_one_to_arabic():
    assert lint("一、总体要求\n1.指导思想\n2.工作目标\n二、主要任务\n1.加强监测", "GW303") == []


# -- GW304 ---------------------------------------------------------------------------------------
LONG = "各级人民政府要把安全生产工作摆上重要议事日程，定期研究解决重大问题，确保责任落实到位。"


def test_exact_and_near_duplicates():
    near = LONG.replace("定期研究", "及时研究")
    found = lint("\n".join([LONG, "各部门要按照职责分工抓好落实，形成工作合力，共同推进。", near, LONG]), "GW304")
    assert [d.location.paragraph for d in found] == [3, 4]
    assert "几乎相同" in found[0].message and "第 1 段重复" in found[1].message


def test_parallel_paragraphs_that_differ_only_in_numbers_and_short_lines_are_not_duplicates():
    a = "2023年全市完成造林面积10万亩，森林覆盖率达到百分之四十，生态环境持续改善。"
    b = "2024年全市完成造林面积12万亩，森林覆盖率达到百分之四十，生态环境持续改善。"
    assert lint("\n".join([a, b, "特此通知。", "特此通知。"]), "GW304") == []


def test_same_list_item_under_two_articles_is_not_a_duplicate():
    item = "（三）法律、行政法规和国务院规定的其他情形，以及省级人民政府规定的情形。"
    text = "\n".join(["第五条 有下列情形之一的，不予登记：", item, "第九条 有下列情形之一的，注销登记：", item])
    assert lint(text, "GW304") == []


# -- GW305 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", ["来源：市政府网 2024-03-01 浏览次数：123", "打印本页 关闭窗口", "【字体：大 中 小】", "发布时间：2023-11-20 10:32"])
def test_pasted_web_lines(line):
    found = lint(f"关于做好防汛工作的通知\n{line}\n各区县人民政府：\n请认真做好防汛工作。", "GW305")
    assert [d.location.paragraph for d in found] == [2]


def test_ordinary_text_mentioning_sources_and_networks_is_not_stray():
    text = "经营单位提供上网消费者使用的计算机必须通过局域网的方式接入互联网。\n各地要核实信息来源：确保数据准确。"
    assert lint(text, "GW305") == []


# -- GW306 ---------------------------------------------------------------------------------------
def test_placeholders_anywhere_including_addressee_and_date():
    found = lint("关于XX工作的通知\n[主送单位]：\n请认真落实。\nXXXX人民政府\nX年X月X日", "GW306")
    assert [(d.location.paragraph, d.excerpt) for d in found] == [(1, "XX"), (2, "[主送单位]"), (4, "XXXX"), (5, "X年X月X日")]


def test_fill_in_blanks_in_an_attachment_form_are_not_placeholders():
    ps = body("单位名称：________", "联系人：××", role=Role.ATTACHMENT_BODY)
    assert lint_doc(ps, "GW306") == []
    assert lint("X射线装置应定期检测。\n二〇〇八年以来", "GW306") == []


def test_parallel_items_with_different_labels_are_not_near_duplicates():
    shared = "，行距固定30磅，段前段后0.5行，左对齐缩进2个字符。英文字符使用Times New Roman，注意双引号与标题和正文中文字体保持一致。"
    a = "三级标题：楷体_GB2312三号字" + shared
    b = "四级及以下标题：仿宋_GB2312三号字" + shared.replace("30", "28")
    assert lint(f"{a}\n{b}", "GW304") == []
    assert len(lint(f"{a}\n{a.replace('楷体_GB2312', '楷体')}", "GW304")) == 1  # same label: a near copy


def test_gw306_prefilter_admits_every_placeholder_form():
    """GW306 skips a paragraph without any of ANY_PLACEHOLDER_CHAR: each pattern must need one."""
    from gongwen_lint.rules.headings.gw306_placeholder import _BLANK, _PLACEHOLDER_PATTERNS, ANY_PLACEHOLDER_CHAR

    samples = ["XXXX人民政府", "ＸＸ局", "××", "X年X月X日", "2024年×月×日", "×月3日", "第×号", "〇〇市", "○○局",
               "【待补】", "<单位名称>", "〈日期〉", "[联系人]", "［手机号］", "TODO", "TBD", "FIXME",
               "单击此处输入文字。", "点击此处添加内容", "____", "＿＿"]
    for pattern in [*_PLACEHOLDER_PATTERNS, _BLANK]:
        hits = [s for s in samples if pattern.search(s)]
        assert hits, pattern.pattern  # every pattern is exercised by some sample
        for s in hits:
            assert ANY_PLACEHOLDER_CHAR.search(s), (pattern.pattern, s)


def test_gw306_each_pattern_needs_its_characters():
    """GW306 runs a pattern only on a paragraph holding one of its _NEEDS characters: every
    match of the pattern must hold one (read off the patterns; checked on every sample form)."""
    from gongwen_lint.rules.headings.gw306_placeholder import _BLANK, _BLANK_NEEDS, _NEEDS, _PLACEHOLDER_PATTERNS

    samples = ["XXXX人民政府", "ＸＸ局", "××", "X年X月X日", "2024年×月×日", "×月3日", "第×号", "〇〇市", "○○局",
               "【待补】", "<单位名称>", "〈日期〉", "[联系人]", "［手机号］", "TODO", "TBD", "FIXME",
               "单击此处输入文字。", "点击此处添加内容", "____", "＿＿", "请于xx年xx月前报送", "第ｘ期"]
    assert len(_NEEDS) == len(_PLACEHOLDER_PATTERNS)
    for pattern, needs in [*zip(_PLACEHOLDER_PATTERNS, _NEEDS), (_BLANK, _BLANK_NEEDS)]:
        hits = [m.group() for s in samples for m in pattern.finditer(s)]
        assert hits, pattern.pattern
        for h in hits:
            assert not needs.isdisjoint(h), (pattern.pattern, h)
