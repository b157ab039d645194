"""Bad input (docs/usage.md): every unreadable file is a ReadError with a Chinese message that says what
is wrong and what to do, never another exception, and the file is never changed."""

from __future__ import annotations

import hashlib
import random
import struct
import zipfile

import pytest

from docxbuild import DocxBuilder, cfb_container, replace_part, zip_with
from gongwen_lint.docx.package import MAX_TOTAL_BYTES
from gongwen_lint.docx.reader import read_docx_file
from gongwen_lint.errors import ReadError


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expect_error(path, *fragments):
    """Read ``path``: a ReadError whose message has every fragment, file bytes unchanged."""
    before = sha(path) if path.exists() else None
    with pytest.raises(ReadError) as info:
        read_docx_file(path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "：" in message  # what is wrong ： what to do
    if before is not None:
        assert sha(path) == before
    return message


@pytest.fixture
def good_docx(tmp_path):
    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center")
    b.p("各单位：")
    b.footer("<w:p><w:r><w:t>页脚</w:t></w:r></w:p>")
    b.header("<w:p><w:r><w:t>页眉</w:t></w:r></w:p>")
    return b.save(tmp_path / "good.docx")


def test_random_bytes(tmp_path):
    path = tmp_path / "random.docx"
    path.write_bytes(b"\x13\x37" + random.Random(7).randbytes(4096))
    expect_error(path, "不是有效的 .docx", "另存为 .docx")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    expect_error(path, "文件为空")


def test_missing_file(tmp_path):
    expect_error(tmp_path / "nope.docx", "文件不存在")


def test_truncated_zip(tmp_path, good_docx):
    data = good_docx.read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    expect_error(path, "文件已损坏", "重新获取")


def test_encrypted_docx_is_an_ole2_container(tmp_path):
    path = cfb_container(tmp_path / "secret.docx", ["EncryptionInfo", "EncryptedPackage"])
    expect_error(path, "文件已加密", "取消密码")


def test_legacy_doc_renamed(tmp_path):
    path = cfb_container(tmp_path / "old.docx", ["WordDocument", "1Table"])
    expect_error(path, "旧版 .doc", "另存为 .docx")


def test_unknown_ole2_container(tmp_path):
    path = cfb_container(tmp_path / "other.docx", ["Contents"])
    expect_error(path, "不是有效的 .docx", "WPS")


def test_other_formats_are_named(tmp_path):
    rtf = tmp_path / "a.docx"
    rtf.write_bytes(b"{\\rtf1\\ansi text}")
    expect_error(rtf, "RTF")
    pdf = tmp_path / "b.docx"
    pdf.write_bytes(b"%PDF-1.7\n...")
    expect_error(pdf, "PDF")
    xlsx = zip_with(tmp_path / "c.docx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
    expect_error(xlsx, "Excel")


def test_zip_without_word_part(tmp_path):
    path = zip_with(tmp_path / "notword.docx", {"readme.txt": "hello", "data/x.xml": "<x/>"})
    expect_error(path, "不是 Word 文档", "word/document.xml")


def test_main_part_under_another_name_is_found(tmp_path, good_docx):
    with zipfile.ZipFile(good_docx) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["word/main.xml"] = files.pop("word/document.xml")
    files["word/_rels/main.xml.rels"] = files.pop("word/_rels/document.xml.rels")
    files["_rels/.rels"] = files["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(b"/word/document.xml", b"/word/main.xml")
    path = zip_with(tmp_path / "renamed.docx", files)
    doc = read_docx_file(path)
    assert [p.text for p in doc.body] == ["关于召开会议的通知", "各单位："]
    assert any(p.text == "页脚" for p in doc.all_paragraphs())


def test_malformed_document_xml(tmp_path, good_docx):
    path = replace_part(good_docx, tmp_path / "bad.docx", "word/document.xml",
                        b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p></w:body>')
    expect_error(path, "文档内容已损坏", "word/document.xml", "不是合法的 XML")


def test_entities_are_not_expanded(tmp_path, good_docx):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    path = replace_part(good_docx, tmp_path / "ent.docx", "word/document.xml", bomb)
    before = sha(path)
    try:
        doc = read_docx_file(path)
        assert "aaaaaaaaaa" not in doc.body[0].text
    except ReadError:
        pass  # refusing is fine too; expanding is not
    assert sha(path) == before


def test_broken_header_is_a_problem_not_a_failure(tmp_path, good_docx):
    with zipfile.ZipFile(good_docx) as z:
        header = next(n for n in z.namelist() if n.startswith("word/header"))
    path = replace_part(good_docx, tmp_path / "badheader.docx", header, b"<w:hdr><oops")
    before = sha(path)
    doc = read_docx_file(path)
    assert [p.text for p in doc.body] == ["关于召开会议的通知", "各单位："]
    assert len(doc.problems) == 1 and "页眉" in doc.problems[0] and header in doc.problems[0]
    assert any(p.text == "页脚" for p in doc.all_paragraphs())
    assert sha(path) == before


def test_broken_styles_still_reads_text(tmp_path, good_docx):
    path = replace_part(good_docx, tmp_path / "badstyles.docx", "word/styles.xml", b"not xml at all")
    doc = read_docx_file(path)
    assert doc.body[0].text == "关于召开会议的通知"
    assert any("样式表" in p for p in doc.problems)


def _patch_declared_size(path, name: str, size: int):
    """Rewrite the uncompressed size of ``name`` in the zip's local and central headers."""
    data = bytearray(path.read_bytes())
    raw = name.encode()
    pos = 0
    while True:
        pos = data.find(raw, pos)
        if pos < 0:
            break
        if data[pos - 30:pos - 26] == b"PK\x03\x04":  # local header: size at +22
            struct.pack_into("<I", data, pos - 30 + 22, size)
        elif data[pos - 46:pos - 42] == b"PK\x01\x02":  # central directory: size at +24
            struct.pack_into("<I", data, pos - 46 + 24, size)
        pos += 1
    path.write_bytes(bytes(data))


def test_zip_bomb_declared_size_is_refused(tmp_path, good_docx):
    path = replace_part(good_docx, tmp_path / "bomb.docx", "word/document.xml", None)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>" + b" " * 100_000)
    _patch_declared_size(path, "word/document.xml", MAX_TOTAL_BYTES + 1)
    expect_error(path, "过大", "不予读取")


def test_zip_bomb_lying_small_size_is_refused(tmp_path, good_docx):
    path = replace_part(good_docx, tmp_path / "liar.docx", "word/document.xml", None)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>" + b" " * 1_000_000)
    _patch_declared_size(path, "word/document.xml", 100)
    expect_error(path, "文件已损坏")


def test_password_protected_zip_entry(tmp_path, good_docx):
    data = bytearray(good_docx.read_bytes())
    # set the "encrypted" flag bit on every entry, as a password-protected zip has
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            struct.pack_into("<H", data, pos + flag_at, struct.unpack_from("<H", data, pos + flag_at)[0] | 1)
            pos += 4
    path = tmp_path / "zipcrypt.docx"
    path.write_bytes(bytes(data))
    expect_error(path, "加密")


def test_broken_relationships_keep_the_text(tmp_path, good_docx):
    path = replace_part(good_docx, tmp_path / "badrels.docx", "word/_rels/document.xml.rels", b"<Relationships")
    doc = read_docx_file(path)
    assert [p.text for p in doc.body] == ["关于召开会议的通知", "各单位："]
    assert any("关系表" in p for p in doc.problems)


def _read_parts(path, fast: bool, monkeypatch) -> list:
    """Every part of the zip at ``path`` through Package.read, with or without the one-call inflate."""
    import zipfile

    from gongwen_lint.docx import package as pk
    from gongwen_lint.errors import ReadError

    with monkeypatch.context() as m:
        if not fast:
            m.setattr(pk, "_inflate_whole", lambda *a: None)
        try:
            zf = zipfile.ZipFile(path)
        except Exception as e:  # noqa: BLE001 - the same in both ways
            return [type(e).__name__]
        pkg = pk.Package(path=path, zf=zf, names={i.filename.lower(): i.filename for i in zf.infolist()})
        out: list = []
        for info in zf.infolist():
            try:
                out.append(pkg.read(info.filename))
            except ReadError as e:
                out.append(str(e))
        out.append(pkg.bytes_read)
        zf.close()
        return out


def test_parts_inflated_in_one_call_read_as_zipfile_reads_them(tmp_path, monkeypatch):
    """Package.read inflates an ordinary part in one call (_inflate_whole): on damaged zips —
    random bytes changed, a local header naming another part, a wrong CRC — every part reads,
    or fails with its message, exactly as through zipfile."""
    import io
    import random
    import zipfile

    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document xmlns:w='x'>" + "文字" * 300 + "</w:document>")
        z.writestr("word/a.xml", b"<a/>" * 50, compress_type=zipfile.ZIP_STORED)
        z.writestr("word/名字.xml", b"<b/>")
    clean = b.getvalue()
    renamed = clean.replace(b"word/a.xml", b"word/b.xml", 1)  # the local header only: it comes first
    crc = bytearray(clean)
    crc[14] ^= 0xFF  # the first local header's CRC (the directory's is what zipfile checks)
    cases = [clean, renamed, bytes(crc)]
    rng = random.Random(5)
    for _ in range(300):
        d = bytearray(clean)
        for _ in range(rng.randint(1, 3)):
            d[rng.randrange(len(d))] = rng.randrange(256)
        cases.append(bytes(d))
    path = tmp_path / "x.docx"
    for data in cases:
        path.write_bytes(data)
        assert _read_parts(path, True, monkeypatch) == _read_parts(path, False, monkeypatch)
    path.write_bytes(renamed)
    assert any(isinstance(x, str) for x in _read_parts(path, True, monkeypatch))  # the renamed part fails
