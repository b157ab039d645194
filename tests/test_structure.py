"""Structure recognition on drafts written as text: every element gets its role."""

from gongwen_lint import structure
from gongwen_lint.model import DocFormat, Genre, Role
from gongwen_lint.textreader import document_from_text

FULL = """000123
机密★1年
特急
宜城市人民政府文件

宜政发〔2024〕12号

宜城市人民政府关于加强安全生产
工作的通知

各区县人民政府，市政府各部门：
为加强安全生产工作，现就有关事项通知如下。
一、落实责任
（一）明确分工。各区县要在2024年6月底前完成排查。
1.建立台账。
（1）明确专人。
二、加强监管
市应急管理局牵头，每月开展一次检查。
附件：1.安全生产检查表
      2.责任清单
宜城市人民政府
2024年3月5日
（此件公开发布）
附件1
安全生产检查表
检查内容如下。
抄送：市委办公室，市人大常委会办公室。
宜城市人民政府办公室                2024年3月6日印发"""

EXPECTED = [
    Role.COPY_NUMBER, Role.SECRECY, Role.URGENCY, Role.ORGAN_MARK, Role.EMPTY, Role.DOC_NUMBER, Role.EMPTY,
    Role.TITLE, Role.TITLE, Role.EMPTY, Role.ADDRESSEE, Role.BODY, Role.HEADING1, Role.HEADING2, Role.HEADING3,
    Role.HEADING4, Role.HEADING1, Role.BODY, Role.ATTACHMENT_NOTE, Role.ATTACHMENT_NOTE, Role.SIGNATURE, Role.DATE,
    Role.NOTE, Role.ATTACHMENT_LABEL, Role.ATTACHMENT_TITLE, Role.ATTACHMENT_BODY, Role.CC, Role.PRINTER,
]


def roles(text):
    doc = structure.analyse(document_from_text(text))
    return doc, [p.role for p in doc.body]


def test_full_file_format_document():
    doc, got = roles(FULL)
    assert got == EXPECTED
    assert doc.genre is Genre.NOTICE
    assert doc.format is DocFormat.FILE
    titles = [p for p in doc.body if p.role is Role.TITLE]
    assert len({p.title_group for p in titles}) == 1


def test_draft_without_head_starts_with_title():
    doc, got = roles("关于召开全市防汛工作会议的通知\n各乡镇人民政府：\n定于7月1日召开会议。\n特此通知。\n宜城市水利局\n2024年6月20日")
    assert got == [Role.TITLE, Role.ADDRESSEE, Role.BODY, Role.BODY, Role.SIGNATURE, Role.DATE]
    assert doc.genre is Genre.NOTICE


def test_wrong_forms_keep_their_role():
    # The role says what a line is; the rules say whether it is well written.
    doc, got = roles("宜城市人民政府文件\n宜政发[2008]13号\n关于X的请示\n市政府\n正文。\n宜城市人民政府\n二〇〇八年九月二十六日")
    assert got[1] is Role.DOC_NUMBER
    assert got[3] is Role.ADDRESSEE  # colon missing: GW104 reports it
    assert got[-1] is Role.DATE
    assert doc.genre is Genre.REQUEST


def test_addressee_is_not_a_lead_in_sentence():
    _, got = roles("关于X的通知\n现将有关事项通知如下：\n一、总体要求")
    assert got[1] is Role.BODY


def test_genre_and_format():
    cases = {
        "国务院关于印发《X办法》的通知": (Genre.NOTICE, DocFormat.FILE),
        "宜城市财政局关于X的函": (Genre.LETTER, DocFormat.LETTER),
        "市长办公会议纪要": (Genre.MINUTES, DocFormat.MINUTES),
        "宜城市人民政府关于X工作方案": (None, DocFormat.FILE),
    }
    for title, (genre, fmt) in cases.items():
        doc = structure.analyse(document_from_text(f"{title}\n正文。"))
        assert (doc.genre, doc.format) == (genre, fmt), title


def test_order_format_with_order_number():
    doc, got = roles("中华人民共和国国务院令\n第710号\n《X条例》已经国务院常务会议通过，现予公布。\n总理  李强\n2024年1月1日")
    assert got[0] is Role.ORGAN_MARK and got[1] is Role.DOC_NUMBER
    assert doc.format is DocFormat.ORDER


def test_pasted_web_line_is_a_stray_line():
    _, got = roles("来源：宜城市政府网 浏览次数：123\n关于X的通知\n各单位：\n正文。")
    assert got[0] is Role.STRAY
    assert got[1] is Role.TITLE


def test_structure_does_not_mutate_input():
    doc = document_from_text(FULL)
    structure.analyse(doc)
    assert all(p.role is Role.UNKNOWN for p in doc.body)


def test_bundled_layouts_match_their_hand_checked_roles(corpus_docx):
    """Regression guard on the real Word/WPS layouts in ../shared/corpus/docx (eval/structure_cases/layouts.truth)."""
    from pathlib import Path

    from gongwen_lint.api import load_document

    root = Path(__file__).resolve().parents[1]
    layouts = corpus_docx
    truth_file = root / "eval" / "structure_cases" / "layouts.truth"
    truth: dict[str, dict[int, str]] = {}
    for line in truth_file.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, para, role, _ = line.split("\t", 3)
            truth.setdefault(name, {})[int(para)] = role
    total = right = 0
    for name, want in truth.items():
        got = {p.index: p.role.value for p in structure.analyse(load_document(layouts / name)).body}
        total += len(want)
        right += sum(got.get(i) == r for i, r in want.items())
    assert total > 250
    assert right / total >= 0.99


def test_real_third_party_files_match_their_hand_checked_roles():
    """Regression guard on ../shared/corpus/realdocx (eval/structure_cases/realdocx.truth)."""
    from pathlib import Path

    import pytest

    from gongwen_lint.api import load_document

    root = Path(__file__).resolve().parents[1]
    folder = root.parent / "shared" / "corpus" / "realdocx"
    if not folder.is_dir():
        pytest.skip("shared corpus not beside the checkout")
    truth: dict[str, dict[int, str]] = {}
    for line in (root / "eval" / "structure_cases" / "realdocx.truth").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, para, role, _ = line.split("\t", 3)
            truth.setdefault(name, {})[int(para)] = role
    total = right = 0
    for name, want in truth.items():
        got = {p.index: p.role.value for p in structure.analyse(load_document(folder / name)).body}
        total += len(want)
        right += sum(got.get(i) == r for i, r in want.items())
    assert len(truth) == 6 and total > 100
    assert right / total >= 0.98


# Defective drafts: the role says what the line is, however badly it is written.
DEFECTIVE = [
    ("关于召开会议的通知。\n各单位：\n正文。\n宜城市水利局\n2024年6月20日", {0: Role.TITLE}),
    ("关于召开会议的通知\n各乡镇人民政府，市直各单位。\n正文。\n宜城市水利局\n2024年6月20日", {1: Role.ADDRESSEE}),
    ("关于召开会议的通知\n市编制机构\n正文。\n宜城市水利局\n2024年6月20日", {1: Role.ADDRESSEE}),
    ("关于召开会议的通知\n各单位：\n正文。\n宜城市水利局\n2013.11.18", {3: Role.SIGNATURE, 4: Role.DATE}),
    ("关于召开会议的通知\n各单位：\n正文。\n宜城市水利局\n（此件公开发布）\n2024年6月20日", {3: Role.SIGNATURE, 4: Role.NOTE, 5: Role.DATE}),
    ("关于召开会议的通知\n各单位：\n正文。\n附件如文\n宜城市水利局\n2024年6月20日", {3: Role.ATTACHMENT_NOTE}),
    ("关于X的通知\n各单位：\n正文。\n附件：1.名单。\n2.日程表\n宜城市水利局\n2024年6月20日", {3: Role.ATTACHMENT_NOTE, 4: Role.ATTACHMENT_NOTE}),
    ("关于召开会议的通知\n各单位：\n会议定于7月1日召开。\n特此通知。\n宜城市水利局", {4: Role.SIGNATURE}),
    ("宜城市财政局\n关于商请提供预算执行情况的函\n市发展改革委：\n正文。\n宜城市财政局\n2024年9月2日", {0: Role.ORGAN_MARK, 1: Role.TITLE}),
]


def test_defective_elements_keep_their_roles():
    for text, expected in DEFECTIVE:
        doc = structure.analyse(document_from_text(text))
        got = {i: doc.body[i].role for i in expected}
        assert got == expected, text


def test_a_sentence_starting_with_ge_is_not_an_addressee():
    for line in ("各地区各部门要加强对农村饮用水安全工作的领导，落实责任单位。", "各县（市、区）要在6月底前完成排查，并报市应急管理局"):
        doc = structure.analyse(document_from_text(f"关于X的通知\n{line}\n正文。"))
        assert doc.body[1].role is Role.BODY, line
