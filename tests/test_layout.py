"""Layout rules GW201–GW207: hand-built formatted documents, real .docx files, house styles."""

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from corpus_paths import CORPUS_DOCX as TEMPLATES
from corpus_paths import FIXTURE_ARCHIVE
from example_documents import layout_document
from gongwen_lint.api import Linter
from gongwen_lint.config import Config, parse
from gongwen_lint.engine import run_rules
from gongwen_lint.model import Role
from gongwen_lint.rules import registry
from gongwen_lint.rules.context import Resources
from gongwen_lint.rules.layout import estimated_pages

ROOT = Path(__file__).resolve().parents[1]
LAYOUT = [r for r in registry.all_rules() if r.code.startswith("GW2")]


def check(doc, config: Config | None = None, codes=("GW2",)):
    config = config or Config(select=codes)
    rules = [r for r in config.enabled_rules() if r.code.startswith("GW2")]
    return run_rules(doc, config, Resources(config), rules).diagnostics


BODY = "为做好有关工作，现就有关事项通知如下，请各单位结合实际认真贯彻执行。"


def draft(*lines: str):
    return layout_document("\n".join(lines))


# -- the docstring examples, through the real engine ----------------------------------------


@pytest.mark.parametrize("rule", LAYOUT, ids=lambda r: r.code)
def test_layout_rules_are_docx_only_and_documented(rule):
    assert rule.needs == frozenset({"docx"})
    assert {e.fires for e in rule.examples} == {True, False}


CASES = [(r, e) for r in LAYOUT for e in r.examples]


@pytest.mark.parametrize("rule,example", CASES, ids=lambda x: getattr(x, "code", None) or x.text[:24])
def test_docstring_examples_as_formatted_documents(rule, example):
    found = [d for d in check(layout_document(example.text), codes=(rule.code,)) if d.code == rule.code]
    assert bool(found) == example.fires, [d.message for d in found]


def test_plain_text_drafts_get_no_layout_finding():
    from gongwen_lint.api import lint_text

    report = lint_text("关于做好有关工作的通知\n各单位：\n" + BODY, Config(select=("GW2",)))
    assert report.diagnostics == []


# -- one finding per cause ------------------------------------------------------------------


def test_body_font_wrong_everywhere_is_one_finding_with_a_count():
    doc = draft("{标题}关于做好有关工作的通知", *[f"{{正文 宋体 12磅}}{BODY}{i}" for i in range(7)])
    found = [d for d in check(doc) if d.code == "GW202"]
    assert len(found) == 1
    d = found[0]
    assert "全部 7 段正文" in d.message and "宋体" in d.message and "12 磅" in d.message
    assert (d.location.part, d.location.paragraph) == ("body", 2)
    assert d.excerpt and BODY.startswith(d.excerpt)


def test_one_odd_paragraph_is_named_with_the_total():
    lines = [f"{{正文}}{BODY}" for _ in range(5)]
    lines[3] = f"{{正文 宋体 12磅}}{BODY}"
    doc = draft("{标题}关于做好有关工作的通知", *lines)
    [d] = [d for d in check(doc) if d.code == "GW202"]
    assert d.location.paragraph == 5
    assert "1 段正文" in d.message


def test_two_causes_are_two_findings():
    doc = draft("{标题}关于做好有关工作的通知", f"{{正文 宋体}}{BODY}", f"{{正文 缩进0}}{BODY}", f"{{正文 缩进0}}{BODY}")
    found = sorted((d.location.paragraph, d.message) for d in check(doc) if d.code == "GW202")
    assert len(found) == 2
    assert found[0][0] == 2 and "宋体" in found[0][1]
    assert found[1][0] == 3 and "2 段正文" in found[1][1]


def test_indent_typed_with_fullwidth_spaces_counts():
    doc = draft("{标题}关于做好有关工作的通知", "{正文 缩进0}\u3000\u3000" + BODY)
    assert [d for d in check(doc) if d.code == "GW202"] == []


def test_centred_or_table_lines_are_not_judged_as_body():
    doc = draft("{标题}关于做好有关工作的通知", "{正文 居中 宋体 22磅}某某市人民政府办公室某某处", f"{{正文}}{BODY}")
    assert check(doc) == []
    body = list(doc.body)
    body[2] = replace(body[2], in_table=True, runs=tuple(replace(r, format=replace(r.format, font_east_asia="宋体")) for r in body[2].runs))
    doc = replace(doc, parts={**doc.parts, "body": tuple(body)})
    assert check(doc) == []


def test_run_in_heading_is_judged_on_its_heading_sentence():
    doc = draft("{标题}关于做好有关工作的通知", f"{{正文}}{BODY}")
    h = layout_document("{二级标题}（一）明确责任。各单位要明确责任人，按期完成任务。").body[0]
    runs = (replace(h.runs[0], text=h.text[:7], end=7),
            replace(h.runs[0], text=h.text[7:], start=7, format=replace(h.runs[0].format, font_east_asia="仿宋_GB2312")))
    h = replace(h, index=3, runs=runs)
    doc = replace(doc, parts={**doc.parts, "body": doc.body + (h,)})
    assert [d for d in check(doc) if d.code == "GW204"] == []


# -- house style: options and aliases from configuration ------------------------------------


def test_margins_follow_the_unit_options():
    doc = draft("{页面 210x297 上30 下30 左28 右26}", f"{{正文}}{BODY}")
    assert any(d.code == "GW201" for d in check(doc))
    cfg = parse({"select": ["GW2"], "options": {"layout-margin-top-mm": 30.0, "layout-margin-bottom-mm": 30.0}})
    assert check(doc, cfg) == []


def test_line_spacing_is_checked_only_when_the_unit_sets_it():
    doc = draft("{标题}关于做好有关工作的通知", f"{{正文}}{BODY}")  # 28.95 pt exact
    assert check(doc) == []
    cfg = parse({"select": ["GW2"], "options": {"layout-line-spacing-pt": 28.0}})
    [d] = check(doc, cfg)
    assert d.code == "GW202" and "28 磅" in d.message and "28.95" in d.message


def test_configured_font_alias_is_honoured():
    doc = draft("{标题 华文中宋}关于做好有关工作的通知", f"{{正文}}{BODY}")
    assert [d.code for d in check(doc)] == ["GW203"]
    cfg = parse({"select": ["GW2"], "dictionaries": {"font-aliases": {"华文中宋": "小标宋"}}})
    assert check(doc, cfg) == []


def test_page_number_position_house_style():
    doc = draft("{页脚 PAGE 居中}— 1 —", "{标题}关于做好有关工作的通知")
    assert [d.code for d in check(doc)] == ["GW206"]
    cfg = parse({"select": ["GW2"], "options": {"layout-page-number-position": "center"}})
    assert check(doc, cfg) == []


# -- page numbers and page count ------------------------------------------------------------


def test_even_footer_matters_only_with_more_than_one_page():
    one = draft("{页脚 PAGE}— 1 —", "{标题}关于做好有关工作的通知", f"{{正文}}{BODY}")
    assert estimated_pages(one) < 1
    assert check(one) == []
    many = draft("{页脚 PAGE}— 1 —", "{标题}关于做好有关工作的通知", *[f"{{正文}}{BODY * 3}"] * 12)
    assert estimated_pages(many) > 1.5
    # counting stops once the estimate reaches the bound asked about (a 500-page draft is not read
    # to its end to learn it has more than one page), on the same side of it as the full count
    assert 1.15 <= estimated_pages(many, enough=1.15) < estimated_pages(many)
    assert estimated_pages(one, enough=1.15) == estimated_pages(one)
    [d] = check(many)
    assert d.code == "GW206" and "双页码应居左" in d.message and d.location.part == "footer1"


@pytest.mark.parametrize("text", ["—1—", "— 12 —", "―\u00a03\u00a0―"])
def test_page_number_forms_accepted(text):
    assert check(draft(f"{{页脚 PAGE}}{text}", "{标题}关于做好有关工作的通知")) == []


@pytest.mark.parametrize("text", ["-1-", "1", "第1页", "－1－", "–1–"])
def test_page_number_forms_rejected(text):
    [d] = check(draft(f"{{页脚 PAGE}}{text}", "{标题}关于做好有关工作的通知"))
    assert d.code == "GW206" and d.excerpt == text


def test_page_number_in_fangsong_is_reported_songti_in_either_slot_is_fine():
    doc = draft("{页脚 PAGE 仿宋_GB2312}— 1 —", "{标题}关于做好有关工作的通知")
    [d] = check(doc)
    assert "宋体" in d.message and "仿宋" in d.message
    p = doc.headers_footers[0].paragraphs[0]
    runs = tuple(replace(r, format=replace(r.format, font_ascii="宋体")) for r in p.runs)
    hf = replace(doc.headers_footers[0], paragraphs=(replace(p, runs=runs),))
    assert check(replace(doc, headers_footers=(hf,) + doc.headers_footers[1:])) == []


def test_organ_mark_symbols_are_not_judged():
    doc = draft("{发文机关标志 STFangsong 红色}★", "{发文机关标志}某某市人民政府文件", "{标题}关于做好有关工作的通知")
    assert check(doc) == []


# -- real .docx files ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def linter():
    return Linter(Config(select=("GW2",)))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "eval"))
    from make_documents import drafts_from_corpus, write_docx

    out = tmp_path_factory.mktemp("made")
    # State Council documents kept in tests/fixtures/archive (文件式 and 信函式), rebuilt as
    # correct GB/T 9704 drafts: the test needs no ../shared.
    drafts = drafts_from_corpus(FIXTURE_ARCHIVE, count=6)
    assert len(drafts) == 6
    paths = []
    for d in drafts:
        path = out / f"{d.name}.docx"
        write_docx(d, path)
        paths.append((d, path))
    return paths


def test_correct_gbt9704_documents_get_no_layout_finding(linter, made):
    for _, path in made:
        assert linter.check_file(path).diagnostics == [], path.name


def test_planted_defects_are_found_at_the_right_place(linter, made, tmp_path):
    from eval_layout import plant

    draft_, src = made[0]
    dst = tmp_path / "songti.docx"
    where = plant("body-songti", src, dst, draft_.roles)
    found = list(linter.check_file(dst).diagnostics)
    assert [(d.code, d.location.paragraph) for d in found] == [("GW202", where)]
    dst = tmp_path / "margins.docx"
    plant("margins", src, dst, draft_.roles)
    [d] = linter.check_file(dst).diagnostics
    assert d.code == "GW201" and "25.4 mm" in d.message and "31.7 mm" in d.message


needs_corpus = pytest.mark.corpus  # real third-party templates in ../shared/corpus/docx


@needs_corpus
@pytest.mark.parametrize("name", ["gwa_A4_1", "gwa_A4_2", "gwa_gg_1", "gwa_han_1", "gwa_sx_1", "gwa_xx_1", "gwa_zm_1"])
def test_real_gbt9704_templates_are_clean(linter, name):
    assert linter.check_file(TEMPLATES / f"{name}.docx").diagnostics == []


@needs_corpus
def test_a5_template_is_reported_once_for_its_paper(linter):
    found = linter.check_file(TEMPLATES / "gwa_A5_3.docx").diagnostics
    paper = [d for d in found if d.code == "GW201"]
    assert len(paper) == 1 and "148.5 mm × 210 mm" in paper[0].message
    # its page number is 12 pt (小四) instead of 4号
    assert [d.code for d in found if d.code != "GW201"] == ["GW206"]


@needs_corpus
def test_generated_draft_with_centred_fangsong_page_number(linter):
    found = {d.code: d for d in linter.check_file(TEMPLATES / "zy_工作方案.docx").diagnostics}
    assert "GW203" in found and "黑体" in found["GW203"].message  # its title is set in 黑体
    page = [d for d in linter.check_file(TEMPLATES / "zy_工作方案.docx").diagnostics if d.code == "GW206"]
    assert {d.excerpt for d in page} == {"— 1 —"}
    assert any("居中" in d.message for d in page) and any("仿宋" in d.message for d in page)


# -- GW207 版记 separator lines ----------------------------------------------------------------

IMPRINT = ("{标题}关于做好有关工作的通知", "{正文}" + BODY)


def lines_found(doc):
    return [d for d in check(doc, codes=("GW207",)) if "分隔线" in d.message]


def test_imprint_without_lines_is_one_warning_at_the_first_imprint_line():
    doc = draft(*IMPRINT, "{抄送 无线}抄送：市委办公室。", "{印发 无线}市人民政府办公室  2024年3月1日印发")
    [d] = lines_found(doc)
    assert d.severity.value == "warning" and "缺分隔线" in d.message and d.location.paragraph == 3


def test_thin_first_and_last_lines_are_info_and_correct_lines_are_quiet():
    thin = draft(*IMPRINT, "{抄送 上线0.5磅 下线0.75磅}抄送：市委办公室。", "{印发 下线0.5磅}市人民政府办公室  2024年3月1日印发")
    [d] = lines_found(thin)
    assert d.severity.value == "info" and "首条和末条" in d.message and "0.5 磅" in d.message
    assert lines_found(draft(*IMPRINT, "{抄送}抄送：市委办公室。", "{印发}市人民政府办公室  2024年3月1日印发")) == []


def _with(doc, i, **changes):
    body = list(doc.body)
    body[i] = replace(body[i], **changes)
    return replace(doc, parts={**doc.parts, "body": tuple(body)})


def test_lines_drawn_otherwise_keep_the_rule_quiet():
    bare = draft(*IMPRINT, "{正文}", "{抄送 无线}抄送：市委办公室。", "{印发 无线}市人民政府办公室  2024年3月1日印发")
    assert lines_found(bare)
    assert lines_found(_with(bare, 2, shapes=1)) == []  # a line shape anchored just above
    assert lines_found(_with(bare, 2, text="——————————", role=Role.EMPTY)) == []  # typed as a line
    assert lines_found(_with(bare, 3, in_textbox=True)) == []
    edge = ("single", 1.0, None)
    assert lines_found(_with(bare, 3, format=replace(bare.body[3].format, cell_border_top=edge))) == []
    assert lines_found(_with(bare, 1, format=replace(bare.body[1].format, border_bottom=edge))) == []


def test_imprint_followed_by_body_text_is_not_judged():
    doc = draft(*IMPRINT, "{抄送 无线}抄送：市委办公室。", "{正文}" + BODY)
    assert lines_found(doc) == []


def test_page_field_without_a_cached_number_is_a_correct_form(tmp_path, docx_builder):
    """A formatter writes ``— {PAGE} —`` without the field's result; Word draws the number."""
    from gongwen_lint.api import Linter
    from gongwen_lint.config import Config

    b = docx_builder
    b.page(width=210, height=297, top=37, bottom=35, left=28, right=26)
    b.p("关于做好有关工作的通知", font="方正小标宋简体", size=22, align="center")
    b.p("各单位：", font="仿宋_GB2312", size=16)
    empty_page = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    b.footer(f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>'
             f'{empty_page}<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p>')
    report = Linter(Config(select=("GW206",))).check_file(b.save(tmp_path / "page.docx"))
    assert not [d for d in report.diagnostics if "应写成" in d.message]
