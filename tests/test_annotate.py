"""``check --annotate OUT.docx``: findings as Word comments anchored on their excerpts."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docxbuild import DocxBuilder, para, run, textbox
from gongwen_lint.api import Linter, read_docx
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Diagnostic, Location, Severity
from gongwen_lint.output.annotate import AnnotateError, annotate_file

FONT = "仿宋_GB2312"


def sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def draft(path: Path, reviewer_comment: bool = False) -> Path:
    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center", font="方正小标宋简体", size=22)
    b.p("各单位:", font=FONT, size=16)
    b.p(run("经研究,决定召开会议.", font=FONT, size=16, bold=True), run("请准时参加。", font=FONT, size=16),
        first_line_chars=200)
    if reviewer_comment:
        b.comment_on_last("此句请再斟酌", author="审核人", run_range=(1, 2))
    b.p("XX市人民政府办公室", font=FONT, size=16, align="right")
    b.p("二〇〇八年九月二十六日", font=FONT, size=16, align="right")
    b.footer("<w:p><w:r><w:t>第1页</w:t></w:r></w:p>")
    return b.save(path)


@pytest.fixture
def linter():
    lt = Linter(Config())
    yield lt
    lt.close()


def anchored_text(doc, c) -> str:
    paragraphs = doc.parts[c.part]
    if c.start_paragraph == c.end_paragraph:
        return paragraphs[c.start_paragraph - 1].text[c.start_offset:c.end_offset]
    raise AssertionError("findings are anchored within one paragraph")


def test_one_comment_per_paragraph_and_rule_on_its_spans(tmp_path, linter):
    src = draft(tmp_path / "草稿.docx")
    digest = sha(src)
    report = linter.check_file(src)
    assert len(report.diagnostics) >= 5
    out = tmp_path / "批注.docx"

    n = annotate_file(src, report.diagnostics, out)

    groups: dict[tuple, list] = {}
    for d in report.diagnostics:
        groups.setdefault((d.location.part, d.location.paragraph, d.code), []).append(d)
    assert any(len(g) > 1 for g in groups.values())  # the draft has repeated findings: they merge
    assert n == len(groups) < len(report.diagnostics)
    assert sha(src) == digest
    doc = read_docx(out)
    ours = [c for c in doc.comments if c.author == "gongwen-lint"]
    assert len(ours) == n and len({c.id for c in ours}) == n
    # Findings outside the body carry their location first: "（页脚1 第1段）[GW206] …".
    by_head = {re.sub(r"^（[^）]*）", "", c.text.split("\n")[0]).split(" ")[0]
               + (str(c.start_paragraph) if not c.text.startswith("（") else ""): c for c in ours}
    for (part, paragraph, code), ds in groups.items():
        c = by_head[f"[{code}]" + (str(paragraph) if part == "body" else "")]
        for d in ds:
            assert d.message in c.text or d.message.split("：")[-1] in c.text
        if part == "body" and all(d.excerpt for d in ds):
            start, end = min(d.location.start for d in ds), max(d.location.end for d in ds)
            assert (c.start_paragraph, c.start_offset, c.end_offset) == (paragraph, start, end)
            assert anchored_text(doc, c) == doc.body[paragraph - 1].text[start:end]
        elif part == "body":  # a missing element: the whole paragraph
            assert c.start_paragraph == paragraph and c.start_offset == 0
            assert anchored_text(doc, c) == doc.body[paragraph - 1].text
        else:  # Word allows no comments in footers: on the first paragraph, location in the text
            assert c.start_paragraph == 1 and c.text.startswith("（页脚")
        if len(ds) == 1 and ds[0].fix is not None:
            assert c.text.split("\n")[1] == f"建议改为：{ds[0].fix.replacement}"
        elif sum(d.fix is not None for d in ds) > 1:
            assert "--fix" in c.text


def test_a_run_of_paragraphs_with_the_same_finding_is_one_comment_over_them(tmp_path):
    b = DocxBuilder()
    for text in ("第一段正文。", "第二段正文。", "第三段正文。", "第四段正文。"):
        b.p(text)
    src = b.save(tmp_path / "a.docx")
    doc = read_docx(src)
    diags = [Diagnostic("GW108", "element-order", Severity.ERROR, "正文应在成文日期之前", Location("body", i, 0, len(p.text)),
                        p.text, whole_paragraph=True) for i, p in enumerate(doc.body, 1) if i != 3]
    out = tmp_path / "b.docx"
    assert annotate_file(src, diags, out) == 2  # paragraphs 1–2 and 4 (3 breaks the run)
    cs = sorted(read_docx(out).comments, key=lambda c: c.start_paragraph)
    assert [(c.start_paragraph, c.end_paragraph) for c in cs] == [(1, 2), (4, 4)]
    assert all(c.text == "[GW108] 正文应在成文日期之前" for c in cs)


def test_split_runs_keep_their_format_and_the_text_is_unchanged(tmp_path, linter):
    src = draft(tmp_path / "a.docx")
    report = linter.check_file(src)
    out = tmp_path / "b.docx"
    annotate_file(src, report.diagnostics, out)
    before, after = read_docx(src), read_docx(out)
    assert [p.text for p in before.body] == [p.text for p in after.body]
    runs = after.body[2].runs
    # one GW401 comment from the first to the last half-width mark of the paragraph
    assert [r.text for r in runs] == ["经研究", ",决定召开会议.", "请准时参加。"]
    assert [bool(r.format.bold) for r in runs] == [True, True, False]
    assert all(r.format.font_east_asia == FONT and r.format.size_pt == 16 for r in runs)
    # The draft's parts check the same in the copy: our comments are not suppression directives.
    # (The comments part itself is left out: which rules read comments is the engine's business.)
    again = [(d.code, d.location) for d in linter.check_file(out).diagnostics if d.location.part != "comments"]
    assert again == [(d.code, d.location) for d in report.diagnostics]


def test_package_gets_a_comments_part_relationship_and_content_type(tmp_path, linter):
    src = draft(tmp_path / "a.docx")
    with zipfile.ZipFile(src) as z:
        assert "word/comments.xml" not in z.namelist()
        original = {i.filename: z.read(i) for i in z.infolist()}
    out = tmp_path / "b.docx"
    annotate_file(src, linter.check_file(src).diagnostics, out)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert names[: len(original)] == list(original)
        assert "word/comments.xml" in names
        rels = z.read("word/_rels/document.xml.rels").decode()
        assert 'relationships/comments"' in rels and 'Target="comments.xml"' in rels
        ct = z.read("[Content_Types].xml").decode()
        assert 'PartName="/word/comments.xml"' in ct and "comments+xml" in ct
        changed = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
        for name, data in original.items():
            if name not in changed:
                assert z.read(name) == data, name


def test_existing_comments_are_kept(tmp_path, linter):
    src = draft(tmp_path / "a.docx", reviewer_comment=True)
    original = read_docx(src).comments
    assert len(original) == 1
    out = tmp_path / "b.docx"
    annotate_file(src, linter.check_file(src).diagnostics, out)
    doc = read_docx(out)
    theirs = [c for c in doc.comments if c.author == "审核人"]
    assert theirs == list(original)  # same id, text and anchor
    assert anchored_text(doc, theirs[0]) == "请准时参加。"
    assert len({c.id for c in doc.comments}) == len(doc.comments)


def test_findings_outside_the_body_go_on_the_first_paragraph(tmp_path):
    src = draft(tmp_path / "a.docx")
    doc = read_docx(src)
    footer = next(name for name in doc.parts if name.startswith("footer"))
    d = Diagnostic("GW206", "page-number", Severity.WARNING, "页码格式应为“— 1 —”",
                   Location(footer, 1, 0, 3), "第1页")
    out = tmp_path / "b.docx"
    assert annotate_file(src, [d], out) == 1
    (c,) = read_docx(out).comments
    assert c.part == "body" and c.start_paragraph == 1 and anchored_text(read_docx(out), c) == "关于召开会议的通知"
    assert "页脚" in c.text and "[GW206] 页码格式应为“— 1 —”" in c.text


def test_findings_in_a_text_box_go_on_the_first_paragraph_outside_it(tmp_path):
    b = DocxBuilder()
    b.body("<w:p>" + textbox(para(run("XX市人民政府文件", color="FF0000"))) + "</w:p>")
    b.p("关于召开会议的通知", align="center")
    src = b.save(tmp_path / "a.docx")
    doc = read_docx(src)
    box = next(p for p in doc.body if p.in_textbox)
    d = Diagnostic("GW203", "organ-mark", Severity.WARNING, "发文机关标志应使用小标宋体字",
                   Location("body", box.index, 0, 8), box.text[:8])
    out = tmp_path / "b.docx"
    annotate_file(src, [d], out)
    (c,) = read_docx(out).comments
    assert c.start_paragraph == box.index + 1 and anchored_text(read_docx(out), c) == "关于召开会议的通知"
    assert c.text.startswith(f"（文本框 第{box.index}段）[GW203]")


def test_annotate_refuses_to_overwrite_the_draft(tmp_path, linter):
    src = draft(tmp_path / "a.docx")
    digest = sha(src)
    with pytest.raises(AnnotateError):
        annotate_file(src, linter.check_file(src).diagnostics, src)
    assert sha(src) == digest


def test_cli_annotate(tmp_path):
    src = draft(tmp_path / "a.docx")
    digest = sha(src)
    proc = subprocess.run([sys.executable, "-m", "gongwen_lint.cli", "check", "a.docx", "--annotate", "审阅.docx"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "已写入带批注的副本 审阅.docx" in proc.stderr
    assert sha(src) == digest
    assert any(c.author == "gongwen-lint" for c in read_docx(tmp_path / "审阅.docx").comments)
    bad = subprocess.run([sys.executable, "-m", "gongwen_lint.cli", "check", "a.docx", "--annotate", "a.docx"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and sha(src) == digest


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_annotated_copy_opens_in_libreoffice_with_the_comments(tmp_path, linter):
    src = draft(tmp_path / "a.docx", reviewer_comment=True)
    report = linter.check_file(src)
    out = tmp_path / "b.docx"
    n = annotate_file(src, report.diagnostics, out)
    subprocess.run(["soffice", "--headless", "--convert-to", "fodt", "--outdir", str(tmp_path / "o"), str(out)],
                   capture_output=True, timeout=180)
    fodt = (tmp_path / "o" / "b.fodt").read_text(encoding="utf-8")
    assert fodt.count("<dc:creator>gongwen-lint</dc:creator>") == n
    assert fodt.count("<dc:creator>审核人</dc:creator>") == 1
