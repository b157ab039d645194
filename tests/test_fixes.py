"""``check --fix``: run-preserving edits, untouched package, atomic replace, idempotence, text drafts."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docxbuild import DocxBuilder, run
from gongwen_lint import fixes
from gongwen_lint.api import Linter, read_docx
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Diagnostic, Fix, Location, Severity
from gongwen_lint.fixes import Edit, fix_file, plan

FONT = "仿宋_GB2312"


def sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def draft(path: Path, *, split_date: bool = False) -> Path:
    """A short 通知 with half-width punctuation in a bold run, a 主送 with a half-width colon and
    a 成文日期 in Chinese numerals (optionally split over two runs: an unsafe fix)."""
    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center", font="方正小标宋简体", size=22)
    b.p("各单位:", font=FONT, size=16)
    b.p(run("经研究,决定召开会议.", font=FONT, size=16, bold=True), run("请准时参加。", font=FONT, size=16),
        first_line_chars=200)
    b.p("XX市人民政府办公室", font=FONT, size=16, align="right")
    if split_date:
        b.p(run("二〇〇八年九月", font=FONT, size=16), run("二十六日", font=FONT, size=16, color="FF0000"),
            align="right")
    else:
        b.p("二〇〇八年九月二十六日", font=FONT, size=16, align="right")
    return b.save(path)


@pytest.fixture
def linter():
    lt = Linter(Config())
    yield lt
    lt.close()


def fixable(report, unsafe=False):
    return [d for d in report.diagnostics if d.fix and (unsafe or d.fix.applicability == "safe")]


def test_fix_changes_text_inside_runs_and_keeps_their_format(tmp_path, linter):
    path = draft(tmp_path / "草稿.docx")
    before = linter.check_file(path)
    assert {d.code for d in fixable(before)} >= {"GW104", "GW401", "GW103"}

    result = fix_file(linter, path)

    assert result.written and result.applied["GW401"] == 2 and result.applied["GW104"] == 1
    doc = read_docx(path)
    texts = [p.text for p in doc.body]
    assert texts[1] == "各单位："
    assert texts[2] == "经研究，决定召开会议。请准时参加。"
    assert texts[4] == "2008年9月26日"
    runs = doc.body[2].runs
    assert [r.text for r in runs] == ["经研究，决定召开会议。", "请准时参加。"]
    assert runs[0].format.bold is True and runs[1].format.bold is not True
    assert runs[0].format.font_east_asia == FONT and runs[0].format.size_pt == 16
    # The fixed rules are clean now, and the report says what is left.
    assert not fixable(result.report)
    assert not fixable(linter.check_file(path))


def test_other_zip_entries_are_copied_unchanged(tmp_path, linter):
    path = draft(tmp_path / "a.docx")
    copy = tmp_path / "fixed.docx"
    fix_file(linter, path, output=copy)
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(copy) as b:
        ia, ib = a.infolist(), b.infolist()
        assert [i.filename for i in ia] == [i.filename for i in ib]
        for x, y in zip(ia, ib):
            assert (x.compress_type, x.date_time) == (y.compress_type, y.date_time), x.filename
            if x.filename != "word/document.xml":
                assert a.read(x) == b.read(y), x.filename
        assert a.read("word/document.xml") != b.read("word/document.xml")


def test_rerunning_fix_is_a_no_op(tmp_path, linter):
    path = draft(tmp_path / "a.docx")
    assert fix_file(linter, path).written
    digest, inode = sha(path), os.stat(path).st_ino
    again = fix_file(linter, path)
    assert not again.written and again.total == 0
    assert sha(path) == digest and os.stat(path).st_ino == inode


def test_fix_replaces_the_file_atomically(tmp_path, linter):
    path = draft(tmp_path / "a.docx")
    os.chmod(path, 0o640)
    inode = os.stat(path).st_ino
    fix_file(linter, path)
    st = os.stat(path)
    assert st.st_ino != inode  # a new file renamed over the old one, not rewritten in place
    assert st.st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]  # no temporary left behind


def test_a_failed_write_leaves_the_draft_untouched(tmp_path, linter, monkeypatch):
    path = draft(tmp_path / "a.docx")
    digest = sha(path)

    def broken(src, dst, replaced, added=None):
        Path(dst).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.docx_edits, "copy_zip", broken)
    result = fix_file(linter, path)
    assert not result.written and result.total == 0
    assert "原文件未改动" in result.error and "原文件未改动" in fixes.summary_line(result)
    assert sha(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_unsafe_fix_needs_unsafe_fixes(tmp_path, linter):
    path = draft(tmp_path / "a.docx", split_date=True)
    date = [d for d in linter.check_file(path).diagnostics if d.code == "GW103"]
    assert date and date[0].fix.applicability == "unsafe"

    result = fix_file(linter, path)
    assert result.skipped_unsafe["GW103"] == 1 and "GW103" not in result.applied
    assert read_docx(path).body[4].text == "二〇〇八年九月二十六日"
    assert "--unsafe-fixes" in fixes.summary_line(result)

    result = fix_file(linter, path, unsafe=True)
    assert result.applied["GW103"] == 1
    p = read_docx(path).body[4]
    assert p.text == "2008年9月26日"
    # The replacement takes the first run's format; the emptied red run carries no text.
    assert [r.text for r in p.runs] == ["2008年9月26日"] and p.runs[0].format.color is None


def test_edits_inside_hyperlinks_and_split_text_elements(tmp_path, linter):
    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center")
    b.p("各单位：")
    b.body('<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr>'
           '<w:hyperlink w:anchor="x"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>经研究,决定</w:t></w:r></w:hyperlink>'
           '<w:r><w:t xml:space="preserve">召开</w:t><w:t>会议,请准时参加。</w:t></w:r></w:p>')
    path = b.save(tmp_path / "a.docx")
    fix_file(linter, path)
    p = read_docx(path).body[2]
    assert p.text == "经研究，决定召开会议，请准时参加。"
    assert p.runs[0].format.underline is True and p.runs[0].text == "经研究，决定"


def test_plan_takes_non_overlapping_edits_and_merges_duplicates():
    def diag(code, start, end, repl, excerpt="x" * 9, applicability="safe"):
        return Diagnostic(code, "n", Severity.WARNING, "m", Location("body", 3, start, end), excerpt[: end - start],
                          fix=Fix(repl, applicability))

    edits, skipped = plan([
        diag("GW401", 2, 3, "，"),
        diag("GW406", 2, 3, "，"),  # the same edit from another rule: applied once
        diag("GW103", 0, 5, "2008年"),  # overlaps 2..3: waits for the next round
        diag("GW402", 6, 6, "”"),  # an insertion at 6 ...
        diag("GW403", 5, 6, "……"),  # ... touches this edit's end: conflict
        diag("GW404", 7, 8, "至", applicability="unsafe"),
    ])
    assert sorted((e.start, e.end, e.code) for e in edits) == [(0, 5, "GW103"), (5, 6, "GW403")]
    assert skipped == {"GW404": 1}
    edits, _ = plan([diag("GW404", 7, 8, "至", applicability="unsafe")], unsafe=True)
    assert edits == [Edit("body", 3, 7, 8, "至", "GW404", True)]


def test_a_fix_that_enables_another_is_applied_in_the_next_round(tmp_path, linter):
    # Round 1: GW401 turns "," into "，"; the re-lint then finds "，，" and GW407 merges them.
    path = tmp_path / "a.txt"
    path.write_text("关于召开会议的通知\n各单位：\n经研究,，决定召开会议。\n", encoding="utf-8")
    first = fix_file(linter, path, output=tmp_path / "one.txt", max_rounds=1)
    assert not first.converged and "未收敛" in fixes.summary_line(first)
    assert (tmp_path / "one.txt").read_text(encoding="utf-8").splitlines()[2] == "经研究，，决定召开会议。"

    result = fix_file(linter, path)
    assert result.converged and result.rounds == 2
    assert result.applied == {"GW401": 1, "GW407": 1}
    assert path.read_text(encoding="utf-8").splitlines()[2] == "经研究，决定召开会议。"


def test_text_draft_keeps_encoding_and_line_endings(tmp_path, linter):
    path = tmp_path / "草稿.txt"
    path.write_bytes("关于召开会议的通知\r\n各单位:\r\n    经研究,决定召开会议。\r\n".encode("gb18030"))
    result = fix_file(linter, path)
    assert result.applied["GW401"] == 1 and result.applied["GW104"] == 1
    assert path.read_bytes() == "关于召开会议的通知\r\n各单位：\r\n    经研究，决定召开会议。\r\n".encode("gb18030")
    assert not fix_file(linter, path).written


def test_markdown_offsets_skip_the_markup(tmp_path, linter):
    path = tmp_path / "草稿.md"
    path.write_text("# 关于召开会议的通知\n\n各单位:\n\n- 经研究,决定召开会议。\n", encoding="utf-8")
    fix_file(linter, path)
    assert path.read_text(encoding="utf-8") == "# 关于召开会议的通知\n\n各单位：\n\n- 经研究，决定召开会议。\n"


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "gongwen_lint.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_cli_fix_copy_and_plain_check(tmp_path):
    path = draft(tmp_path / "a.docx")
    digest = sha(path)
    plain = cli("check", "a.docx", cwd=tmp_path)
    assert plain.returncode == 1 and sha(path) == digest

    out = cli("check", "a.docx", "--fix", "-o", "b.docx", "--format", "json", cwd=tmp_path)
    assert sha(path) == digest  # a copy: the draft is untouched
    assert "已修复" in out.stderr and "GW401 ×2" in out.stderr
    assert '"GW401"' not in out.stdout and '"path": "b.docx"' in out.stdout
    assert read_docx(tmp_path / "b.docx").body[1].text == "各单位："

    same = cli("check", "a.docx", "--fix-to", "c.docx", cwd=tmp_path)
    assert same.returncode == out.returncode and (tmp_path / "c.docx").exists()

    inplace = cli("check", "a.docx", "--fix", cwd=tmp_path)
    assert sha(path) != digest and "已修复 a.docx" in inplace.stderr
    # Exit code after fixing reflects what is left (here: errors that have no fix).
    left = cli("check", "a.docx", cwd=tmp_path)
    assert inplace.returncode == left.returncode


def test_cli_rejects_confusing_write_options(tmp_path):
    draft(tmp_path / "a.docx")
    assert cli("check", "a.docx", "-o", "r.docx", cwd=tmp_path).returncode == 2
    assert cli("check", "a.docx", "--unsafe-fixes", cwd=tmp_path).returncode == 2
    assert cli("check", "a.docx", "--fix-to", "b.txt", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "r.docx").exists() and not (tmp_path / "b.txt").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_fixed_file_opens_in_libreoffice(tmp_path, linter):
    path = draft(tmp_path / "a.docx", split_date=True)
    fix_file(linter, path, unsafe=True)
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path / "out"),
                           str(path)], capture_output=True, text=True, timeout=180)
    text = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8-sig")
    assert "经研究，决定召开会议。请准时参加。" in text and "2008年9月26日" in text, proc.stderr


def test_text_box_edits_reach_the_fallback_copy_too(tmp_path, linter):
    from docxbuild import para, textbox

    b = DocxBuilder()
    b.body("<w:p>" + textbox(para(run("XX市人民政府文件", color="FF0000")), para(run("X政发[2024]12号"))) + "</w:p>")
    b.p("关于召开会议的通知", align="center")
    b.p("各单位：")
    b.p("经研究，决定召开会议。")
    path = b.save(tmp_path / "a.docx")
    result = fix_file(linter, path)
    assert result.applied["GW102"] == 1
    assert any(p.text == "X政发〔2024〕12号" and p.in_textbox for p in read_docx(path).body)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    # Word's VML Fallback holds the same text box again: both copies say the same.
    assert xml.count("X政发〔2024〕12号") == 2 and "[2024]" not in xml
