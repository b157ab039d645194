"""Packages Word never writes: DTDs and entities, UTF-16 Strict parts, broken relationships and
content types, duplicate zip entries, and the caps of limits.py (issue 19: C4, R1, U5, U6, U7)."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from clirun import gwlint, no_traceback
from docxbuild import DocxBuilder, replace_part
from gongwen_lint import limits
from gongwen_lint.api import Linter
from gongwen_lint.docx.reader import read_docx_file
from gongwen_lint.errors import ReadError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def good(tmp_path) -> Path:
    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center")
    b.p("各单位:")
    b.p("经研究,决定召开会议。")
    return b.save(tmp_path / "good.docx")


def body(xml: str, dtd: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{dtd}<w:document xmlns:w="{W}"><w:body>{xml}'
            "</w:body></w:document>").encode()


def paras(texts) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


# -- C4: an internal DTD entity --------------------------------------------------------------------

DTD = '<!DOCTYPE w:document [<!ENTITY org "宜城市人民政府">]>'


@pytest.fixture
def entity(good, tmp_path) -> Path:
    xml = body(paras(["关于召开会议的通知", "各单位:", "&org;决定召开会议,请准时参加。"]), DTD)
    return replace_part(good, tmp_path / "entity.docx", "word/document.xml", xml)


def test_a_dtd_is_refused_not_read_without_its_text(entity):
    with pytest.raises(ReadError) as info:
        read_docx_file(entity)
    assert "DTD" in str(info.value) and "：" in str(info.value)


def test_fix_and_annotate_of_a_dtd_entity_draft(entity, tmp_path):
    before = entity.read_bytes()
    for args in (["--fix"], ["--annotate", tmp_path / "批注.docx"]):
        proc = gwlint("check", entity, *args, cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2 and "DTD" in proc.stdout + proc.stderr, proc.stderr
    assert entity.read_bytes() == before and not (tmp_path / "批注.docx").exists()


def test_a_dtd_in_a_secondary_part_is_a_problem_not_a_failure(good, tmp_path):
    with zipfile.ZipFile(good) as z:
        styles = z.read("word/styles.xml")
    bad = styles.replace(b"<w:styles", b'<!DOCTYPE w:styles [<!ENTITY x "y">]><w:styles', 1)
    path = replace_part(good, tmp_path / "s.docx", "word/styles.xml", bad)
    doc = read_docx_file(path)
    assert doc.body[0].text == "关于召开会议的通知" and any("样式表" in p for p in doc.problems)


# -- U5: Strict namespaces in UTF-16, and one enormous run ------------------------------------------


def test_strict_ooxml_in_utf16_is_read_and_fixed(good, tmp_path):
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = ('<?xml version="1.0" encoding="UTF-16" standalone="yes"?>'
           f'<w:document xmlns:w="{strict}"><w:body>{paras(["关于召开会议的通知", "各单位:"])}</w:body></w:document>')
    path = replace_part(good, tmp_path / "strict16.docx", "word/document.xml", b"\xff\xfe" + xml.encode("utf-16-le"))
    doc = read_docx_file(path)
    assert [p.text for p in doc.body] == ["关于召开会议的通知", "各单位:"]
    proc = gwlint("check", path, "--fix", cwd=tmp_path)
    no_traceback(proc)
    assert read_docx_file(path).body[1].text == "各单位："
    with zipfile.ZipFile(path) as z:
        assert strict.encode() in z.read("word/document.xml")  # written back in Strict


def test_one_enormous_run_is_called_too_long_not_invalid_xml(good, tmp_path):
    xml = body(f"<w:p><w:r><w:t>{'通知' * 1_800_000}</w:t></w:r></w:p>")  # 10.8 MB in one text node
    path = replace_part(good, tmp_path / "run.docx", "word/document.xml", xml)
    with pytest.raises(ReadError) as info:
        read_docx_file(path)
    assert "过长" in str(info.value) and "不是合法的 XML" not in str(info.value)


def test_nesting_past_the_parser_limit_is_called_too_deep(good, tmp_path):
    xml = body("<w:sdt><w:sdtContent>" * 300 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 300)
    path = replace_part(good, tmp_path / "deep.docx", "word/document.xml", xml)
    with pytest.raises(ReadError) as info:
        read_docx_file(path)
    assert "嵌套过深" in str(info.value)


# -- U6: --annotate with broken relationships or content types -------------------------------------


@pytest.mark.parametrize("part", ["word/_rels/document.xml.rels", "[Content_Types].xml"])
def test_annotate_with_a_broken_package_part_says_which(good, tmp_path, part):
    path = replace_part(good, tmp_path / "broken.docx", part, b"<Relationships><oops")
    proc = gwlint("check", path, "--annotate", tmp_path / "批注.docx", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "内部错误" not in proc.stderr and part in proc.stderr, proc.stderr


# -- U7: duplicate zip entry names --------------------------------------------------------------------


@pytest.fixture
def duplicated(good, tmp_path) -> Path:
    path = tmp_path / "dup.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zout.writestr("word/document.xml", body(paras(["另一份正文", "各单位:"])))
    return path


def test_duplicate_entries_are_a_problem_for_check(duplicated):
    doc = read_docx_file(duplicated)
    assert any("重名" in p for p in doc.problems)


@pytest.mark.parametrize("args", [["--fix"], ["--annotate", "批注.docx"]])
def test_duplicate_entries_refuse_fix_and_annotate_without_python_warnings(duplicated, tmp_path, args):
    before = duplicated.read_bytes()
    proc = gwlint("check", duplicated, *args, cwd=tmp_path)
    no_traceback(proc)
    assert "UserWarning" not in proc.stderr and "Duplicate name" not in proc.stderr, proc.stderr
    assert proc.returncode == 2 and "重名" in proc.stderr
    assert duplicated.read_bytes() == before and not (tmp_path / "批注.docx").exists()


# -- R1: the caps -------------------------------------------------------------------------------------


def test_too_many_characters(good, tmp_path):
    n = limits.MAX_CHARS // 1000 + 1
    path = replace_part(good, tmp_path / "chars.docx", "word/document.xml", body(paras(["字" * 1000] * n)))
    message = Linter().check_file(path).error
    assert message and "文字过多" in message and f"{limits.MAX_CHARS:,}" in message


def test_the_character_budget_covers_every_part(good, tmp_path):
    """The body under the cap, a header pushing the document over it."""
    half = limits.MAX_CHARS // 2 // 1000 + 1
    b = DocxBuilder()
    b.header(paras(["页" * 1000] * half).replace("<w:p>", "<w:p>"))
    for _ in range(half):
        b.p("正" * 1000)
    path = b.save(tmp_path / "parts.docx")
    message = Linter().check_file(path).error
    assert message and "文字过多" in message


def test_too_many_paragraphs(good, tmp_path):
    path = replace_part(good, tmp_path / "paras.docx", "word/document.xml",
                        body("<w:p/>" * (limits.MAX_PARAGRAPHS + 1)))
    message = Linter().check_file(path).error
    assert message and "段落过多" in message


def test_too_many_attributes_are_refused_before_parsing(good, tmp_path):
    attrs = " ".join(f'w:a{i}="1"' for i in range(100))
    path = replace_part(good, tmp_path / "attrs.docx", "word/document.xml",
                        body(f"<w:p {attrs}/>" * (limits.MAX_MARKUP // 100 + 1)))
    message = Linter().check_file(path).error
    assert message and "过于复杂" in message


def test_too_much_markup_is_refused_before_parsing(good, tmp_path):
    path = replace_part(good, tmp_path / "tags.docx", "word/document.xml",
                        body("<w:p/>" * (limits.MAX_MARKUP + 1)))
    message = Linter().check_file(path).error
    assert message and "过于复杂" in message


def test_the_markup_cap_covers_every_part(tmp_path):
    """Each part under the cap, the parts together over it (the reader keeps several alive)."""
    half = limits.MAX_MARKUP // 2 + 1000
    b = DocxBuilder()
    b.p("关于召开会议的通知")
    b.header("<w:p>" + "<w:r/>" * half + "<w:r><w:t>页眉</w:t></w:r></w:p>")
    path = b.save(tmp_path / "h.docx")
    with zipfile.ZipFile(path) as z:
        document = z.read("word/document.xml")
    crowded = document.replace(b"<w:body>", b"<w:body><w:p>" + b"<w:r/>" * half + b"</w:p>", 1)
    path = replace_part(path, tmp_path / "both.docx", "word/document.xml", crowded)
    doc = read_docx_file(path)  # the body is read; the header, read second, is not parsed
    assert any("页眉" in p and "过于复杂" in p for p in doc.problems), doc.problems
    assert not any(p.text == "页眉" for p in doc.all_paragraphs())


def test_a_part_over_the_size_cap(good, tmp_path):
    path = replace_part(good, tmp_path / "big.docx", "word/document.xml",
                        body(paras(["x"]) + " " * (limits.MAX_PART_BYTES + 1)))
    message = Linter().check_file(path).error
    assert message and "过大" in message


def test_text_drafts_have_the_same_character_cap(tmp_path):
    p = tmp_path / "长.txt"
    p.write_text("关于召开会议的通知\n" + ("字" * 999 + "\n") * (limits.MAX_CHARS // 1000 + 1), encoding="utf-8")
    message = Linter().check_file(p).error
    assert message and "文字过多" in message
    assert "文字过多" in (Linter().check_text(p.read_text(encoding="utf-8")).error or "")


def test_a_text_draft_over_the_byte_cap(tmp_path):
    p = tmp_path / "大.txt"
    with open(p, "wb") as f:
        f.truncate(limits.MAX_TEXT_BYTES + 1)
    message = Linter().check_file(p).error
    assert message and "过大" in message


def test_a_long_real_draft_is_well_under_the_caps(good, tmp_path):
    """The longest document of the archive has 57,591 characters: far from any cap."""
    path = replace_part(good, tmp_path / "long.docx", "word/document.xml", body(paras(["字" * 480] * 120)))
    assert Linter().check_file(path).error is None
