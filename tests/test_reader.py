"""The .docx reader (docs/developing.md): text walk, effective formatting, sections, and the real layouts."""

from __future__ import annotations

from lxml import etree

from docxbuild import PAGE_FIELD, DocxBuilder, W, fragment, para, ppr, replace_part, rpr, run, textbox
from gongwen_lint.docx.numbering import chinese_counting, format_number
from gongwen_lint.docx.package import open_package
from gongwen_lint.docx.reader import read_docx_file
from gongwen_lint.docx.walk import text_elements, walk_part
from gongwen_lint.model import Role


def texts(doc, part="body"):
    return [p.text for p in doc.parts[part]]


def first(doc, text, part="body"):
    return next(p for p in doc.parts[part] if p.text == text)


# -- effective formatting ---------------------------------------------------------------------


def test_style_basedon_chain_and_direct_formatting(tmp_path):
    b = DocxBuilder()
    b.style("Base", "正文基础", rpr=rpr(font="仿宋_GB2312", size=16),
            ppr=ppr(first_line_chars=200, first_line=640, line=560, line_rule="exact", align="both"))
    b.style("Child", "正文加粗", based_on="Base", rpr=rpr(bold=True))
    b.p(run("继承", ), run("红字", color="FF0000"), style="Child")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    p = first(doc, "继承红字")
    assert p.role is Role.UNKNOWN
    assert p.format.style_id == "Child" and p.format.style_name == "正文加粗"
    assert p.format.first_line_indent_chars == 2.0 and p.format.first_line_indent_pt == 32.0
    assert (p.format.line_spacing, p.format.line_rule) == (28.0, "exact")
    assert p.format.alignment == "both"
    plain, red = p.runs
    assert (plain.format.font_east_asia, plain.format.size_pt, plain.format.bold) == ("仿宋_GB2312", 16.0, True)
    assert plain.format.color is None and red.format.color == "FF0000"
    assert (red.start, red.end, red.index) == (2, 4, 1)


def test_toggle_bold_paragraph_style_xor_character_style(tmp_path):
    b = DocxBuilder()
    b.style("BoldPara", rpr=rpr(bold=True))
    b.style("Strong2", type="character", rpr=rpr(bold=True))
    b.p(run("粗"), run("不粗", style="Strong2"), run("直接", style="Strong2", bold=True), style="BoldPara")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    bolds = [r.format.bold for r in first(doc, "粗不粗直接").runs]
    assert bolds == [True, False, True]  # ECMA-376 §17.7.3; direct formatting is absolute


def test_doc_defaults_apply_when_no_style_says_otherwise(tmp_path):
    b = DocxBuilder()
    b.doc_defaults(rpr=rpr(font="仿宋_GB2312", size=16),
                   ppr=ppr(line=579, line_rule="exact"))
    b.style("Normal", "Normal", default=True)  # an empty Normal style
    b.p("默认格式")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    p = first(doc, "默认格式")
    assert p.runs[0].format.font_east_asia == "仿宋_GB2312"
    assert p.runs[0].format.size_pt == 16.0
    assert (p.format.line_spacing, p.format.line_rule) == (28.95, "exact")
    assert p.format.space_after_pt == 0.0  # the template's pPrDefault (after=200) was replaced


def test_theme_fonts_east_asia_from_hans_entry(tmp_path):
    b = DocxBuilder()
    b.doc_defaults(rpr='<w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" '
                       'w:hAnsiTheme="minorHAnsi"/><w:sz w:val="32"/></w:rPr>')
    b.style("Normal", "Normal", default=True)
    b.style("H", "heading 1", rpr='<w:rPr><w:rFonts w:eastAsiaTheme="majorEastAsia"/></w:rPr>')
    b.theme_fonts(minor_latin="Times New Roman", minor_ea="", minor_hans="仿宋",
                  major_ea="方正小标宋简体", major_hans="黑体")
    b.p("正文")
    b.p("标题", style="H")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    body = first(doc, "正文").runs[0].format
    assert (body.font_east_asia, body.font_ascii) == ("仿宋", "Times New Roman")
    # a non-empty a:ea wins over the script entry
    assert first(doc, "标题").runs[0].format.font_east_asia == "方正小标宋简体"
    assert first(doc, "标题").format.outline_level == 0  # from the style name "heading 1"


def test_hanging_indent_and_auto_line_spacing(tmp_path):
    b = DocxBuilder()
    b.p("悬挂", extra='<w:ind w:left="1895" w:hanging="1895" w:hangingChars="600"/>', line=360, line_rule="auto")
    p = first(read_docx_file(b.save(tmp_path / "d.docx")), "悬挂")
    assert p.format.first_line_indent_pt == -94.75 and p.format.first_line_indent_chars == -6.0
    assert p.format.left_indent_pt == 94.75
    assert (p.format.line_spacing, p.format.line_rule) == (1.5, "auto")


# -- the text walk ----------------------------------------------------------------------------


def test_tracked_changes_insertions_in_deletions_out(tmp_path):
    b = DocxBuilder()
    b.body(
        "<w:p>" + run("原有")
        + '<w:ins w:id="1" w:author="甲" w:date="2024-01-01T00:00:00Z">' + run("新增") + "</w:ins>"
        + '<w:del w:id="2" w:author="甲"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        + '<w:moveFrom w:id="3" w:author="甲">' + run("移走") + "</w:moveFrom>"
        + '<w:moveTo w:id="4" w:author="甲">' + run("移来") + "</w:moveTo>"
        + run("结尾") + "</w:p>"
    )
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    p = doc.body[0]
    assert p.text == "原有新增移来结尾"
    assert [(r.text, r.inserted, r.start) for r in p.runs] == [
        ("原有", False, 0), ("新增", True, 2), ("移来", True, 4), ("结尾", False, 6)]


def test_tables_in_reading_order_and_paragraph_numbers(tmp_path):
    b = DocxBuilder()
    b.p("表前")
    b.p()  # an empty paragraph still has a number
    b.table([["甲", "乙\n乙二"], ["丙", ""]])
    b.p("表后")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    rows = [(p.index, p.text, p.in_table, p.table_pos) for p in doc.body]
    assert rows == [
        (1, "表前", False, None),
        (2, "", False, None),
        (3, "甲", True, (0, 0, 0)),
        (4, "乙", True, (0, 0, 1)),
        (5, "乙二", True, (0, 0, 1)),
        (6, "丙", True, (0, 1, 0)),
        (7, "", True, (0, 1, 1)),
        (8, "表后", False, None),
    ]


def test_text_box_paragraphs_follow_their_anchor_without_fallback_duplicates(tmp_path):
    b = DocxBuilder()
    organ = para(run("XX市人民政府文件", font="方正小标宋简体", size=57, color="FF0000"), align="distribute")
    b.body("<w:p>" + run("锚点") + textbox(organ, name="WJBT") + run("之后") + "</w:p>")
    b.p("标题")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    assert [(p.index, p.text, p.in_textbox) for p in doc.body] == [
        (1, "锚点之后", False), (2, "XX市人民政府文件", True), (3, "标题", False)]
    mark = doc.body[1]
    assert mark.runs[0].format.color == "FF0000" and mark.runs[0].format.size_pt == 57.0
    assert mark.format.alignment == "distribute"


def test_fields_content_controls_hyperlinks_tabs_breaks(tmp_path):
    b = DocxBuilder()
    b.body(
        "<w:p>" + run("第") + '<w:fldSimple w:instr=" PAGE ">' + run("3") + "</w:fldSimple>" + run("页")
        + '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>' + run("控件")
        + "</w:sdtContent></w:sdt>"
        + '<w:hyperlink r:id="rIdNone">' + run("链接") + "</w:hyperlink>"
        + '<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/></w:r>'
        + "</w:p>"
    )
    b.body("<w:p>" + run("共") + PAGE_FIELD.replace("PAGE", "NUMPAGES") + run("页") + "</w:p>")
    b.body('<w:p><w:r><w:t>分页前</w:t><w:br w:type="page"/></w:r></w:p>')
    b.p("新页")
    b.body('<w:sdt><w:sdtContent><w:p><w:r><w:t>块级控件</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    p1, p2, p3, p4, p5 = doc.body
    assert p1.text == "第3页控件链接甲\t乙\n丙-"
    assert p1.fields == ("PAGE",)
    assert [r.field_code for r in p1.runs[:3]] == [None, "PAGE", None]
    assert p2.text == "共1页" and p2.fields == ("NUMPAGES",)
    assert p2.runs[1].field_code == "NUMPAGES"
    assert p3.text == "分页前" and not p3.page_break_before
    assert p4.text == "新页" and p4.page_break_before
    assert p5.text == "块级控件"


def test_comment_anchor_offsets(tmp_path):
    b = DocxBuilder()
    b.p("无关段落")
    b.p(run("请"), run("审核此处"), run("文字"))
    b.comment_on_last("此处措辞需斟酌", author="王科长", run_range=(1, 2))
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    (c,) = doc.comments
    assert (c.author, c.text, c.part) == ("王科长", "此处措辞需斟酌", "body")
    assert (c.start_paragraph, c.start_offset, c.end_paragraph, c.end_offset) == (2, 1, 2, 5)
    assert doc.body[c.start_paragraph - 1].text[c.start_offset:c.end_offset] == "审核此处"
    assert texts(doc, "comments") == ["此处措辞需斟酌"]


# -- headers, footers, sections ---------------------------------------------------------------


def test_headers_footers_page_field_and_even_odd(tmp_path):
    b = DocxBuilder()
    b.p("正文")
    b.footer(para(run("— "), PAGE_FIELD, run(" —"), align="right"))
    b.footer(para(run("— "), PAGE_FIELD, run(" —"), align="left"), type="even")
    b.header(para("首页页眉"), type="first")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    assert doc.even_and_odd_headers
    kinds = {(hf.kind, hf.type): hf for hf in doc.headers_footers}
    default, even = kinds[("footer", "default")], kinds[("footer", "even")]
    assert default.paragraphs[0].text == "— 1 —" and default.paragraphs[0].fields == ("PAGE",)
    assert default.paragraphs[0].format.alignment == "right" and even.paragraphs[0].format.alignment == "left"
    assert default.paragraphs[0].runs[1].field_code == "PAGE"
    assert kinds[("header", "first")].paragraphs[0].text == "首页页眉"
    sec = doc.sections[0]
    assert sec.title_page
    assert f"default:{default.part}" in sec.footers and f"even:{even.part}" in sec.footers
    assert doc.parts[default.part] == default.paragraphs


def test_sections_in_mm_and_section_of_each_paragraph(tmp_path):
    b = DocxBuilder()
    b.p("第一节")
    b.section_break(width=210, height=297, top=37, bottom=35, left=28, right=26, gutter=0,
                    grid=("linesAndChars", 579, 0))
    b.p("第二节")
    b.page(width=297, height=210, orient="landscape", top=20, bottom=20, left=25, right=25)
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    s1, s2 = doc.sections
    assert (s1.page_width_mm, s1.page_height_mm) == (210.0, 297.0)
    assert (s1.margin_top_mm, s1.margin_bottom_mm, s1.margin_left_mm, s1.margin_right_mm) == (37.0, 35.0, 28.0, 26.0)
    assert s1.orientation == "portrait" and s1.line_pitch_pt == 28.95
    assert s1.lines_per_page == 22  # (297 - 37 - 35) mm / 28.95 pt
    assert s2.orientation == "landscape" and s2.page_width_mm == 297.0
    one, two = first(doc, "第一节"), first(doc, "第二节")
    assert (one.section, two.section) == (0, 1)
    assert two.page_break_before  # a nextPage section starts a new page


# -- automatic numbering ----------------------------------------------------------------------


def test_numbering_labels_chinese_counting_and_restart_of_deeper_levels(tmp_path):
    b = DocxBuilder()
    b.numbering(7, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    for text, lvl in [("总体要求", 0), ("目标", 1), ("原则", 1), ("细则", 2), ("重点任务", 0), ("任务一", 1)]:
        b.p(text, num=(7, lvl))
    b.p("未编号")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    labels = [(p.text, p.format.numbering_text, p.format.num_level) for p in doc.body]
    assert labels == [
        ("总体要求", "一、", 0), ("目标", "（一）", 1), ("原则", "（二）", 1), ("细则", "1.", 2),
        ("重点任务", "二、", 0), ("任务一", "（一）", 1), ("未编号", None, None)]
    assert doc.body[0].visible_text == "一、总体要求"
    assert doc.body[0].format.first_line_indent_pt == 32.0  # the level's w:ind applies


def test_numbering_inherited_from_paragraph_style(tmp_path):
    b = DocxBuilder()
    b.numbering(3, [("chineseCounting", "%1、")])
    b.style("H1", "一级标题", ppr='<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr>')
    b.p("第一部分", style="H1")
    b.p("正文")
    b.p("第二部分", style="H1")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    assert [p.format.numbering_text for p in doc.body] == ["一、", None, "二、"]


def test_number_formats():
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV"


# -- the walk API shared with writers ---------------------------------------------------------


def _assert_walk_matches(path):
    doc = read_docx_file(path)
    pkg = open_package(path)
    try:
        root = pkg.xml(pkg.main)
        walk = walk_part(root)
    finally:
        pkg.zf.close()
    assert len(walk.paragraphs) == len(doc.body)
    for wp, p in zip(walk.paragraphs, doc.body):
        assert wp.index == p.index and wp.text == p.text
        for el, start in text_elements(wp):
            assert p.text[start:start + len(el.text or "")] == (el.text or "")
        for r in p.runs:
            assert p.text[r.start:r.end] == r.text
            assert {pc.run_index for pc in wp.pieces if r.start <= pc.start < r.end} == {r.index}


def test_walk_offsets_agree_with_reader(tmp_path):
    b = DocxBuilder()
    b.body("<w:p>" + run("前") + '<w:ins w:id="1" w:author="a">' + run("插") + "</w:ins>"
           + '<w:del w:id="2" w:author="a"><w:r><w:delText>删</w:delText></w:r></w:del>'
           + textbox(para("框内")) + run("后\t尾") + "</w:p>")
    b.table([["一", "二"]])
    _assert_walk_matches(b.save(tmp_path / "d.docx"))


def test_walk_offsets_agree_on_real_layouts(corpus_docx):
    for path in sorted(corpus_docx.glob("*.docx")):
        _assert_walk_matches(path)


def test_strict_ooxml_namespaces_are_read(tmp_path):
    b = DocxBuilder()
    b.p("严格格式", align="center")
    src = b.save(tmp_path / "t.docx")
    pkg = open_package(src)
    data = pkg.read(pkg.main)
    pkg.zf.close()
    strict = data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                          b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    doc = read_docx_file(replace_part(src, tmp_path / "s.docx", "word/document.xml", strict))
    assert first(doc, "严格格式").format.alignment == "center"


# -- real layouts -----------------------------------------------------------------------------


def test_every_real_layout_reads(corpus_docx):
    paths = sorted(corpus_docx.glob("*.docx"))
    assert len(paths) == 32
    for path in paths:
        doc = read_docx_file(path)
        assert doc.source == "docx" and doc.body and not doc.problems, path.name
        assert doc.sections and doc.sections[-1].page_width_mm in (210.0, 148.5), path.name  # A4, or A5 (w:w="8420")
        assert all(p.role is Role.UNKNOWN for p in doc.all_paragraphs())


def test_gwa_notice_template_values(corpus_docx):
    """gwa_tz_1.docx (XML inspected by hand): A4, 37/35/28/26 mm, organ mark in a red text box."""
    doc = read_docx_file(corpus_docx / "gwa_tz_1.docx")
    sec = doc.sections[0]
    assert (sec.page_width_mm, sec.page_height_mm, sec.margin_top_mm, sec.margin_bottom_mm) == (210.0, 297.0, 37.0, 35.0)
    assert (sec.margin_left_mm, sec.margin_right_mm, sec.chars_per_line, sec.title_page) == (28.0, 26.0, 28, True)
    assert doc.even_and_odd_headers
    mark = first(doc, "XXXX人民政府")
    assert mark.in_textbox and mark.format.alignment == "distribute"
    fmt = mark.runs[0].format
    assert (fmt.font_east_asia, fmt.size_pt, fmt.color) == ("方正小标宋简体", 57.0, "FF0000")
    title = first(doc, "通知标题")
    assert title.format.alignment == "center" and title.runs[0].format.size_pt == 22.0
    body = first(doc, "[此处输入正文内容]")
    assert body.format.first_line_indent_chars == 2.0 and (body.format.line_spacing, body.format.line_rule) == (28.95, "exact")
    assert body.runs[0].format.font_east_asia == "仿宋_GB2312" and body.runs[0].format.size_pt == 16.0
    footers = {hf.type: hf for hf in doc.headers_footers if hf.kind == "footer"}
    assert footers["default"].paragraphs[0].text == "—3—" and footers["default"].paragraphs[0].fields == ("PAGE",)
    assert footers["default"].paragraphs[0].format.alignment == "right"
    assert footers["even"].paragraphs[0].format.alignment == "left"
    assert footers["even"].paragraphs[0].runs[0].format.size_pt == 14.0


def test_gwa_file_template_doc_number_and_printer_line(corpus_docx):
    doc = read_docx_file(corpus_docx / "gwa_xx_1.docx")
    mark = first(doc, "XXXX人民政府文件")
    assert mark.in_textbox and mark.runs[0].format.color == "FF0000"
    number = first(doc, "XX发〔20XX〕XX号")
    assert number.format.alignment == "center" and not number.in_textbox
    printer = next(p for p in doc.body if p.text.endswith("印发"))
    assert printer.in_textbox and printer.in_table  # the 版记 is a table inside a text box


def test_generated_notice_title_break_and_attachment_page(corpus_docx):
    doc = read_docx_file(corpus_docx / "zy_通知.docx")
    assert doc.body[0].text == "关于开展“我的刀盾”传\n播素材整理工作的通知"
    assert first(doc, "附件1（可选）").page_break_before
    (footer,) = [hf for hf in doc.headers_footers if hf.kind == "footer"]
    assert footer.paragraphs[0].text == "— 1 —" and footer.paragraphs[0].fields == ("PAGE",)


def test_walk_skips_xml_comments_written_by_other_tools():
    root = etree.fromstring(
        '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<!-- c --><w:p><!-- c --><w:r><w:t>甲</w:t></w:r></w:p></w:body>")
    (wp,) = walk_part(root).paragraphs
    assert wp.text == "甲"


def test_paragraph_borders_and_frames(tmp_path):
    """The 版记 separator lines (paragraph borders) and page numbers placed in a frame (WPS)."""
    from docxbuild import DocxBuilder, run
    from gongwen_lint.docx.reader import read_docx_file

    b = DocxBuilder()
    b.body(
        '<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="8" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="4" w:color="auto"/></w:pBdr></w:pPr>' + run("抄送：市委办公室。") + "</w:p>"
    )
    b.footer('<w:p><w:pPr><w:framePr w:xAlign="center"/></w:pPr>' + run("— 1 —") + "</w:p>")
    doc = read_docx_file(b.save(tmp_path / "x.docx"))
    p = next(p for p in doc.body if p.text.startswith("抄送"))
    assert p.format.border_top == ("single", 1.0, "000000")
    assert p.format.border_bottom == ("single", 0.5, None)
    footer = next(hf for hf in doc.headers_footers if hf.kind == "footer")
    assert footer.paragraphs[0].format.frame_x_align == "center"


# -- 版记 separator lines: table-cell edges and drawn shapes ---------------------------------


def test_cell_edges_from_tcborders_table_borders_and_table_style(tmp_path):
    b = DocxBuilder()
    b.style("GwLines", "版记表", type="table")
    b.table([["抄送：甲\n抄送续"], ["印发行"]], style="GwLines")
    b.table([["单格"]])  # default table style: no borders
    path = b.save(tmp_path / "d.docx")

    def edit(root):
        styles_el = root  # styles.xml root
        st = next(s for s in styles_el.iter(W("style")) if s.get(W("styleId")) == "GwLines")
        st.append(fragment('<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8"/>'
                           '<w:bottom w:val="single" w:sz="8"/><w:insideH w:val="single" w:sz="4"/>'
                           "</w:tblBorders></w:tblPr>")[0])
    _rewrite(path, "word/styles.xml", edit)

    def edit_doc(root):
        tbl = next(root.iter(W("tbl")))
        tblpr = tbl.find(W("tblPr"))
        tblpr.append(fragment('<w:tblBorders><w:insideH w:val="single" w:sz="6" w:color="000000"/></w:tblBorders>')[0])
        tc = list(tbl.iter(W("tc")))[1]  # 印发 cell: no bottom line of its own
        tc.insert(0, fragment('<w:tcPr><w:tcBorders><w:bottom w:val="nil"/></w:tcBorders></w:tcPr>')[0])
    _rewrite(path, "word/document.xml", edit_doc)
    doc = read_docx_file(path)
    cells = {p.text: (p.format.cell_border_top, p.format.cell_border_bottom) for p in doc.body if p.in_table}
    # first row: top from the style (1 pt), bottom edge is the table's own insideH (0.75 pt, black)
    assert cells["抄送：甲"] == (("single", 1.0, None), None)  # the bottom edge belongs to the cell's last paragraph
    assert cells["抄送续"] == (None, ("single", 0.75, "000000"))
    assert cells["印发行"] == (("single", 0.75, "000000"), None)  # tcBorders bottom nil wins over the style
    assert cells["单格"] == (None, None)


def test_shapes_without_text_are_counted_once_text_boxes_not(tmp_path):
    line = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:spPr><a:prstGeom prst="line"/></wps:spPr><wps:bodyPr/></wps:wsp>'
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            '<mc:Fallback><w:pict><v:line from="0,0" to="100,0"/></w:pict></mc:Fallback>'
            "</mc:AlternateContent></w:r>")
    vml_only = '<w:r><w:pict><v:line from="0,0" to="100,0"/></w:pict></w:r>'
    b = DocxBuilder()
    b.body("<w:p>" + run("线") + line + "</w:p>")
    b.body("<w:p>" + run("旧线") + vml_only + "</w:p>")
    b.body("<w:p>" + run("框") + textbox(para(run("框内"))) + "</w:p>")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    assert [(p.text, p.shapes) for p in doc.body] == [("线", 1), ("旧线", 1), ("框", 0), ("框内", 0)]


def test_shapes_counted_in_the_branch_read_and_in_their_own_paragraph(tmp_path):
    """A Fallback-only mc:AlternateContent counts its fallback, a stray mc:Fallback nothing, a
    shape in a text box counts for the text box's paragraph only, one inside a VML shape not."""
    fallback_only = ('<w:r><mc:AlternateContent><mc:Fallback><w:pict><v:line from="0,0" to="1,0"/></w:pict>'
                     '</mc:Fallback></mc:AlternateContent><mc:Fallback><w:pict><v:oval/></w:pict></mc:Fallback></w:r>')
    picture = "<w:r><w:drawing><wp:inline><a:graphic><wps:wsp><wps:bodyPr/></wps:wsp></a:graphic></wp:inline></w:drawing></w:r>"
    nested = "<w:r><w:pict><v:shape><v:oval/></v:shape></w:pict></w:r>"
    b = DocxBuilder()
    b.body("<w:p>" + run("备线") + fallback_only + "</w:p>")
    b.body("<w:p>" + run("框") + textbox(para(run("框内") + picture)) + "</w:p>")
    b.body("<w:p>" + run("套") + nested + "</w:p>")
    doc = read_docx_file(b.save(tmp_path / "d.docx"))
    assert [(p.text, p.shapes) for p in doc.body] == [("备线", 1), ("框", 0), ("框内", 1), ("套", 1)]


def _rewrite(path, name, change):
    import zipfile

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read(name))
    change(root)
    replace_part(path, path, name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
