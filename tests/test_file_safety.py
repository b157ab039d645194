"""Hostile inputs on the file system: FIFOs, devices, huge files, unreadable folders, our own
temporary files.  Each case is a real file and a real process (issue 19: C2, C7, D4, D5, R2)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
from pathlib import Path

import pytest

from clirun import gwlint, no_traceback, python
from gongwen_lint.files import collect_drafts

DRAFT = "关于召开全市防汛工作会议的通知\n各乡镇人民政府：\n定于7月1日召开会议。\n特此通知。\n宜城市水利局\n2024年6月20日\n"


@pytest.fixture
def good(tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


@pytest.fixture
def fifo(tmp_path):
    p = tmp_path / "管道.docx"
    os.mkfifo(p)
    return p


# -- C7: a FIFO named .docx ---------------------------------------------------------------------


def test_check_does_not_wait_on_a_fifo_and_checks_the_rest(tmp_path, fifo, good):
    proc = gwlint("check", fifo, good, "--format", "json", cwd=tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "不是普通文件" in proc.stdout and '"error": null' in proc.stdout  # good.txt was checked


def test_inspect_does_not_wait_on_a_fifo(tmp_path, fifo):
    proc = gwlint("inspect", fifo, cwd=tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 2 and "不是普通文件" in proc.stderr


def test_index_add_does_not_wait_on_a_fifo(tmp_path, fifo, good):
    proc = gwlint("index", "add", "--index", tmp_path / "i.gwidx", fifo, good, cwd=tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 2 and "不是普通文件" in proc.stderr and "新收录 1 份" in proc.stdout


def test_audit_does_not_wait_on_a_fifo(tmp_path, fifo, good):
    proc = gwlint("audit", fifo, good, cwd=tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 2 and "不是普通文件" in proc.stderr


# -- R2: caps and file types for index add and audit ---------------------------------------------


@pytest.fixture
def zero_txt(tmp_path):
    p = tmp_path / "zero.txt"
    p.symlink_to("/dev/zero")
    return p


@pytest.mark.parametrize("command", [["index", "add", "--index", "i.gwidx"], ["audit"], ["check"]])
def test_a_txt_symlink_to_dev_zero_is_refused(tmp_path, zero_txt, good, command):
    proc = gwlint(*command, zero_txt, good, cwd=tmp_path, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 2 and "不是普通文件" in proc.stdout + proc.stderr


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.parametrize("command", [["index", "add", "--index", "i.gwidx"], ["audit"]])
def test_a_huge_txt_is_refused_before_it_is_read(tmp_path, good, command):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:  # sparse: 4 GB on paper, nothing on disk
        f.truncate(4 << 30)
    proc = gwlint(*command, huge, good, cwd=tmp_path, timeout=120, preexec_fn=_limit_memory)
    no_traceback(proc)
    assert proc.returncode == 2 and "过大" in proc.stderr, proc.stderr[-2000:]


# -- C2/D5: unreadable folders -------------------------------------------------------------------


@pytest.fixture
def locked_tree(tmp_path):
    """drafts/a.docx readable, drafts/locked/ (mode 000) holding b.docx."""
    root = tmp_path / "drafts"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(DRAFT, encoding="utf-8")
    (root / "locked" / "b.docx").write_bytes(b"PK\x03\x04")
    (root / "locked").chmod(0)
    yield root
    (root / "locked").chmod(0o755)


def test_an_unreadable_subfolder_is_reported_not_skipped(locked_tree):
    code = ("import json, sys; from gongwen_lint.files import collect_drafts;"
            "print(json.dumps(collect_drafts([sys.argv[1]])))")
    proc = python(code, locked_tree, unprivileged=True)
    no_traceback(proc)
    import json

    files, problems = json.loads(proc.stdout)
    assert files == []  # a.txt is named only when given; folders collect .docx
    assert [p for p, _ in problems] == [str(locked_tree / "locked")]
    assert "没有读取" in problems[0][1]


def test_check_of_a_folder_with_an_unreadable_subfolder_exits_2(locked_tree, tmp_path):
    (locked_tree / "ok.docx").write_bytes(b"\x00not a zip")
    proc = gwlint("check", locked_tree, cwd=tmp_path, unprivileged=True)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "locked" in proc.stdout + proc.stderr and "没有读取" in proc.stdout + proc.stderr


def test_a_path_inside_an_unreadable_folder(locked_tree, tmp_path):
    proc = gwlint("check", locked_tree / "locked" / "b.docx", cwd=tmp_path, unprivileged=True)
    no_traceback(proc)
    assert proc.returncode == 2 and "没有" in proc.stdout + proc.stderr


# -- D4: our own temporary files are never drafts or references ------------------------------------


def test_leftover_temporary_files_are_not_collected(tmp_path):
    (tmp_path / "草稿.docx").write_bytes(b"PK")
    (tmp_path / ".~gwlint-abc123.docx").write_bytes(b"PK")
    (tmp_path / "~$草稿.docx").write_bytes(b"PK")
    files, problems = collect_drafts([str(tmp_path)])
    assert [os.path.basename(f) for f in files] == ["草稿.docx"] and problems == []


def test_index_add_skips_leftover_temporary_files(tmp_path):
    from gongwen_lint.index.ingest import find_files

    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".~gwlint-x1.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".~gwlint-x2.docx").write_bytes(b"PK")
    assert [p.name for p in find_files([tmp_path])] == ["a.txt"]


def test_audit_skips_leftover_temporary_files():
    from gongwen_lint.audit.pipeline import wanted_file

    assert wanted_file("archive/a.docx") and not wanted_file("archive/.~gwlint-x1.docx")


def test_sigterm_during_a_fix_removes_the_temporary_file(tmp_path):
    """The fix writes its result to a temporary file; SIGTERM in the middle must not leave it."""
    from docxbuild import DocxBuilder

    b = DocxBuilder()
    b.p("关于召开会议的通知")
    b.p("各单位:")
    path = b.save(tmp_path / "a.docx")
    code = (
        "import os, signal, sys, time\n"
        "from gongwen_lint import fixes\nimport gongwen_lint.fixes.docx_edits\n"
        "from gongwen_lint.api import Linter\n"
        "real = fixes.docx_edits.copy_zip\n"
        "def slow(*a, **k):\n"
        "    real(*a, **k)\n"
        "    print('written', flush=True)\n"
        "    time.sleep(60)\n"
        "fixes.docx_edits.copy_zip = slow\n"
        "fixes.fix_file(Linter(), sys.argv[1])\n"
    )
    import sys

    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "written"
        assert any(p.name.startswith(".~gwlint-") for p in tmp_path.iterdir())
        proc.terminate()
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == -15  # it still dies of the signal
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_ctrl_c_during_a_fix_removes_the_temporary_file(tmp_path, monkeypatch):
    from docxbuild import DocxBuilder
    from gongwen_lint import fixes
    from gongwen_lint.api import Linter
    from gongwen_lint.fixes import docx_edits

    b = DocxBuilder()
    b.p("关于召开会议的通知")
    b.p("各单位:")
    path = b.save(tmp_path / "a.docx")
    real = docx_edits.copy_zip

    def interrupted(*a, **k):
        real(*a, **k)
        raise KeyboardInterrupt

    monkeypatch.setattr(docx_edits, "copy_zip", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fixes.fix_file(Linter(), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks only")
def test_ctrl_c_while_a_temporary_file_is_made_leaves_it_registered(tmp_path, monkeypatch):
    """A Ctrl-C that arrives between mkstemp creating the file and its registration is held
    until the file is registered, so the clean-up finds it (a .~gwlint-* was left before)."""
    import tempfile

    from gongwen_lint import fileio

    made = []
    real = tempfile.mkstemp

    def mkstemp_then_ctrl_c(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append(name)
        os.kill(os.getpid(), signal.SIGINT)  # delivered now unless held
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        fileio.temp_beside(tmp_path / "草稿.docx")
    # the interrupt came after the registration: the clean-up knows the file (or already removed it)
    assert made and (made[0] in fileio._temps or not Path(made[0]).exists())
    fileio._remove_temps()
    assert not any(tmp_path.iterdir())
