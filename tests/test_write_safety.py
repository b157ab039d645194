"""Writing reports and copies: full disks, folders, links, read-only drafts, files that are not
ours, macros, file names that are not UTF-8 (issue 19: C1, D1, D2, D3, S2, U2, U8)."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from clirun import gwlint, no_traceback
from docxbuild import DocxBuilder
from gongwen_lint.api import read_docx

DRAFT = "关于召开全市防汛工作会议的通知\n各乡镇人民政府：\n定于7月1日召开会议。\n特此通知。\n宜城市水利局\n2024年6月20日\n"
FULL = "/dev/full"


@pytest.fixture
def txt(tmp_path):
    p = tmp_path / "草稿.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def fixable_docx(path: Path) -> Path:
    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center")
    b.p("各单位:")
    b.p("经研究,决定召开会议。")
    return b.save(path)


# -- C1: reports that cannot be written -----------------------------------------------------------

needs_dev_full = pytest.mark.skipif(not os.path.exists(FULL), reason="/dev/full not available")


@needs_dev_full
def test_report_to_dev_full(tmp_path, txt):
    proc = gwlint("check", txt, "-o", FULL, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "磁盘空间已满" in proc.stderr


@needs_dev_full
@pytest.mark.parametrize("command", [["check", "草稿.txt"], ["rules"], ["rule", "GW101"], ["inspect", "草稿.txt"],
                                     ["--help"], ["--version"], ["index", "--help"]])
def test_stdout_to_dev_full(tmp_path, txt, command):
    with open(FULL, "w") as full:
        import subprocess
        import sys

        proc = subprocess.run([sys.executable, "-m", "gongwen_lint.cli", *command], cwd=tmp_path, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    assert proc.returncode == 2 and "磁盘空间已满" in proc.stderr


def test_report_into_a_folder_or_a_missing_folder(tmp_path, txt):
    (tmp_path / "报告").mkdir()
    for target, words in ((tmp_path / "报告", "文件夹"), (tmp_path / "没有" / "r.txt", "不存在")):
        proc = gwlint("check", txt, "-o", target, cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2 and words in proc.stderr, proc.stderr


def test_report_into_a_read_only_folder(tmp_path, txt):
    ro = tmp_path / "只读"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        proc = gwlint("check", txt, "-o", ro / "r.txt", cwd=tmp_path, unprivileged=True)
    finally:
        ro.chmod(0o755)
    no_traceback(proc)
    assert proc.returncode == 2 and "没有权限" in proc.stderr, proc.stderr


def test_report_over_the_draft_itself_is_refused(tmp_path, txt):
    before = txt.read_bytes()
    proc = gwlint("check", txt, "-o", txt, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and txt.read_bytes() == before


@needs_dev_full
def test_audit_output_to_dev_full_a_folder_and_a_missing_folder(tmp_path, txt):
    (tmp_path / "d").mkdir()
    for target, words in ((FULL, "磁盘空间已满"), (tmp_path / "d", "文件夹"), (tmp_path / "no" / "a.json", "不存在")):
        proc = gwlint("audit", txt, "-o", target, cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2 and words in proc.stderr, (target, proc.stderr)


@needs_dev_full
def test_index_list_and_stats_to_dev_full(tmp_path, txt):
    idx = tmp_path / "i.gwidx"
    assert gwlint("index", "add", "--index", idx, txt, cwd=tmp_path).returncode == 0
    import subprocess
    import sys

    for command in (["list"], ["stats"], ["list", "--format", "json"]):
        with open(FULL, "w") as full:
            proc = subprocess.run([sys.executable, "-m", "gongwen_lint.cli", "index", *command, "--index", str(idx)],
                                  stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
        assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
        assert proc.returncode == 2 and "磁盘空间已满" in proc.stderr


def test_a_closed_pipe_ends_quietly(tmp_path, txt):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "gongwen_lint.cli", "rules"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err, err


# -- D1: --fix through a symbolic link ---------------------------------------------------------------


def test_fix_through_a_symlink_fixes_the_real_draft_and_keeps_the_link(tmp_path):
    real = fixable_docx(tmp_path / "real.docx")
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / "a.docx"
    link.symlink_to(real)
    proc = gwlint("check", link, "--fix", cwd=tmp_path)
    no_traceback(proc)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert read_docx(real).body[1].text == "各单位："
    assert "已修复" in proc.stderr and str(link) in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links", "real.docx"]


# -- D2: overwriting a file gongwen-lint did not write ---------------------------------------------


def test_annotate_refuses_to_replace_an_unrelated_file(tmp_path):
    src = fixable_docx(tmp_path / "a.docx")
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"someone's own notes")
    proc = gwlint("check", src, "--annotate", notes, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "已存在" in proc.stderr and "--force" in proc.stderr
    assert notes.read_bytes() == b"someone's own notes"

    forced = gwlint("check", src, "--annotate", notes, "--force", cwd=tmp_path)
    assert "已写入带批注的副本" in forced.stderr and zipfile.is_zipfile(notes)


def test_annotate_may_replace_its_own_copy(tmp_path):
    src = fixable_docx(tmp_path / "a.docx")
    out = tmp_path / "批注.docx"
    first = gwlint("check", src, "--annotate", out, cwd=tmp_path)
    assert "已写入带批注的副本" in first.stderr, first.stderr
    again = gwlint("check", src, "--annotate", out, cwd=tmp_path)
    no_traceback(again)
    assert "已写入带批注的副本" in again.stderr, again.stderr


def test_fix_to_refuses_to_replace_an_unrelated_file_but_replaces_its_own(tmp_path):
    src = fixable_docx(tmp_path / "a.docx")
    other = fixable_docx(tmp_path / "b.docx")
    before = other.read_bytes()
    proc = gwlint("check", src, "--fix-to", other, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "已存在" in proc.stderr and other.read_bytes() == before
    copy = tmp_path / "c.docx"
    assert gwlint("check", src, "--fix-to", copy, cwd=tmp_path).returncode in (0, 1)
    again = gwlint("check", src, "--fix-to", copy, cwd=tmp_path)
    assert again.returncode in (0, 1), again.stderr


# -- D3/U2: drafts that cannot be written -------------------------------------------------------------


def test_fix_does_not_rewrite_a_read_only_draft(tmp_path):
    path = fixable_docx(tmp_path / "a.docx")
    path.chmod(0o444)
    before = path.read_bytes()
    proc = gwlint("check", path, "--fix", cwd=tmp_path)  # as root too: checked by hand
    no_traceback(proc)
    assert path.read_bytes() == before
    assert proc.returncode == 2 and "只读" in proc.stderr
    assert "没有可自动应用的修复" not in proc.stderr


def test_fix_in_a_read_only_folder_says_so_in_chinese(tmp_path):
    folder = tmp_path / "只读"
    folder.mkdir()
    path = fixable_docx(folder / "a.docx")
    folder.chmod(0o555)
    try:
        proc = gwlint("check", path, "--fix", cwd=tmp_path, unprivileged=True)
    finally:
        folder.chmod(0o755)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "权限" in proc.stderr and "Permission denied" not in proc.stderr
    assert "没有可自动应用的修复" not in proc.stderr


def test_fix_to_a_missing_folder(tmp_path):
    path = fixable_docx(tmp_path / "a.docx")
    proc = gwlint("check", path, "--fix-to", tmp_path / "no" / "b.docx", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "不存在" in proc.stderr


# -- S2: a macro-enabled draft never becomes a macro file named .docx ------------------------------

VBA_TYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
DOCM_CT = "application/vnd.ms-word.document.macroEnabled.main+xml"


def docm(path: Path) -> Path:
    src = fixable_docx(path.with_suffix(".tmp.docx"))
    with zipfile.ZipFile(src) as z:
        files = {n: z.read(n) for n in z.namelist()}
    src.unlink()
    files["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 pretend VBA"
    files["word/_rels/vbaProject.bin.rels"] = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/wordVbaData" '
        b'Target="vbaData.xml"/></Relationships>')
    files["word/vbaData.xml"] = b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>'
    rels = files["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>", f'<Relationship Id="rId99" Type="{VBA_TYPE}" Target="vbaProject.bin"/>'
                                            "</Relationships>")
    files["word/_rels/document.xml.rels"] = rels.encode()
    ct = files["[Content_Types].xml"].decode()
    ct = ct.replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCM_CT)
    ct = ct.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                '<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/>'
                                "</Types>")
    files["[Content_Types].xml"] = ct.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files.items():
            z.writestr(n, d)
    return path


def test_annotated_copy_of_a_docm_has_no_macros(tmp_path):
    src = docm(tmp_path / "宏.docm")
    before = src.read_bytes()
    out = tmp_path / "批注.docx"
    proc = gwlint("check", src, "--annotate", out, cwd=tmp_path)
    no_traceback(proc)
    assert "已写入带批注的副本" in proc.stderr and "宏" in proc.stderr, proc.stderr
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        ct = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert not {n for n in names if "vba" in n.lower()}, names
    assert "macroEnabled" not in ct and "vbaProject" not in ct and "vbaData" not in ct
    assert "vbaProject" not in rels
    assert "wordprocessingml.document.main+xml" in ct
    assert read_docx(out).body[1].text == read_docx(src).body[1].text  # still a readable draft
    assert src.read_bytes() == before


def test_a_fixed_copy_of_a_docm_keeps_its_format(tmp_path):
    src = docm(tmp_path / "宏.docm")
    proc = gwlint("check", src, "--fix-to", tmp_path / "副本.docx", cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and not (tmp_path / "副本.docx").exists()


# -- U8: file names that are not UTF-8 ------------------------------------------------------------


def test_json_output_stays_valid_utf8_for_a_non_utf8_file_name(tmp_path):
    name = os.fsdecode(b"\xff\xfe\xb2\xdd.txt")  # a GBK-era name: not UTF-8
    (tmp_path / name).write_text(DRAFT, encoding="utf-8")
    import subprocess
    import sys

    for fmt in ("json", "sarif"):
        proc = subprocess.run([sys.executable, "-m", "gongwen_lint.cli", "check", "--format", fmt, name],
                              cwd=tmp_path, capture_output=True, timeout=120)
        assert b"Traceback" not in proc.stderr
        text = proc.stdout.decode("utf-8")  # raises if not valid UTF-8
        data = json.loads(text)
        assert data


def test_index_add_of_a_non_utf8_file_name(tmp_path):
    name = os.fsdecode(b"\xb2\xdd\xb8\xe5.txt")
    (tmp_path / name).write_text(DRAFT, encoding="utf-8")
    proc = gwlint("index", "add", "--index", tmp_path / "i.gwidx", tmp_path, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 0 and "新收录 1 份" in proc.stdout


def test_a_repeated_xml_id_is_read_and_written_back_alike(tmp_path):
    """The reader's parser keeps no xml:id table (issue 18), so a part whose ids repeat is read; the
    writer's parser must accept what the reader accepted (review 2026-12-07: --annotate refused it)."""
    plain = fixable_docx(tmp_path / "plain.docx")
    src = tmp_path / "ids.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:p([ >])", lambda m: b'<w:p xml:id="p1"' + m.group(1), data, count=2)
                assert data.count(b'xml:id="p1"') >= 2
            zout.writestr(item, data)
    out = tmp_path / "批注.docx"
    proc = gwlint("check", src, "--annotate", out, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode in (0, 1) and "已写入带批注的副本" in proc.stderr, proc.stderr
    fixed = tmp_path / "fixed.docx"
    proc = gwlint("check", src, "--fix-to", fixed, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode in (0, 1) and zipfile.is_zipfile(fixed), proc.stderr
