"""Damaged packages never escape as tracebacks: the reader returns a document or raises
ReadError, and a check reports ``error`` instead of raising (docs/usage.md)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docxbuild import DocxBuilder, replace_part, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen_lint import Linter, Report
from gongwen_lint.docx.reader import read_docx_file
from gongwen_lint.errors import ReadError
from gongwen_lint.model import Document

PARTS = ("word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels")


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    b = DocxBuilder()
    b.p(run("宜城市人民政府文件", color="FF0000", size=26))
    b.p(run("宜政发〔2024〕12号"))
    b.p(run("关于做好防汛工作的通知"), align="center")
    b.p(run("各乡镇人民政府："))
    b.p(run("现将有关事项通知如下。"), first_line_chars=2)
    b.table([["抄送：市委办公室。"], ["宜城市人民政府办公室  2024年3月6日印发"]])
    b.footer('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return b.save(tmp_path_factory.mktemp("fuzz") / "good.docx")


def _check(path: Path) -> None:
    before = path.read_bytes()
    try:
        doc = read_docx_file(path)
        assert isinstance(doc, Document)
    except ReadError as e:
        assert str(e)  # a message for the user
    report = Linter().check_file(path)
    assert isinstance(report, Report)
    assert report.error is None or report.diagnostics == []
    assert path.read_bytes() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(PARTS), cut=st.floats(0.0, 1.0), junk=st.binary(max_size=40))
def test_truncated_or_corrupted_part(good, tmp_path, part, cut, junk):
    with zipfile.ZipFile(good) as z:
        data = z.read(part)
    damaged = data[: int(len(data) * cut)] + junk
    _check(replace_part(good, tmp_path / "bad.docx", part, damaged))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.floats(0.0, 1.0), length=st.integers(1, 64), byte=st.integers(0, 255))
def test_flipped_bytes_in_the_zip(good, tmp_path, offset, length, byte):
    raw = bytearray(good.read_bytes())
    start = int((len(raw) - 1) * offset)
    for i in range(start, min(len(raw), start + length)):
        raw[i] = byte
    bad = tmp_path / "flipped.docx"
    bad.write_bytes(bytes(raw))
    _check(bad)
