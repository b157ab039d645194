"""Batches: Ctrl-C keeps what is done, a killed worker loses nothing, workers only where they pay.

The interrupt and kill tests run the real command on a real batch in a subprocess: SIGINT goes
to its whole process group (as a terminal sends it) once its progress bar, on a pseudo-terminal,
shows that some files are done; workers are killed with SIGKILL, as the OOM killer does.
"""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from docxbuild import DocxBuilder
from gongwen_lint.config import Config
from gongwen_lint.parallel import check_files, decide
from gongwen_lint.pool import WORKER_DIED

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg") or not Path("/proc/self/task").is_dir(),
                                reason="needs POSIX process groups and /proc")

BODY = ("为进一步做好有关工作,现将有关事项通知如下。各单位要高度重视,明确责任分工,"
        "按照“谁主管,谁负责”的原则认真组织实施;执行中遇到的问题,请及时报告。")


def batch(folder: Path, n: int, docx: bool = True) -> list[Path]:
    folder.mkdir()
    out = []
    for i in range(n):
        text = f"关于做好第{i + 1}项工作的通知\n各单位：\n{BODY}\n特此通知。\n宜城市人民政府办公室\n2024年6月20日"
        if docx:
            b = DocxBuilder()
            for line in text.splitlines():
                b.p(line, font="仿宋_GB2312", size=16)
            out.append(b.save(folder / f"草稿{i:03d}.docx"))
        else:
            p = folder / f"草稿{i:03d}.txt"
            p.write_text(text + "\n", encoding="utf-8")
            out.append(p)
    return out


def children(pid: int) -> list[int]:
    """Worker processes of ``pid`` (not multiprocessing's resource tracker)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(x) for x in task.read_text().split()]
        except OSError:
            pass
    workers = []
    for c in found:
        try:
            if b"resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes():
                workers.append(c)
        except OSError:
            pass
    return workers


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gongwen_lint.cli", "check", *args]


# -- Ctrl-C --------------------------------------------------------------------------------------

def interrupted_run(args: list[str], total: int, after: int = 5) -> tuple[subprocess.Popen, str, str, int]:
    """Run ``args`` with stderr on a pseudo-terminal; once its progress bar shows ``after``
    files done, send SIGINT to its process group.  Returns (process, stdout, terminal, done)."""
    master, slave = pty.openpty()  # stderr on a terminal: the progress bar says how far it got
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, start_new_session=True, text=True)
    os.close(slave)
    seen = bytearray()
    done = threading.Event()

    def read_terminal():
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen.extend(chunk)
        done.set()

    threading.Thread(target=read_terminal, daemon=True).start()
    deadline = time.monotonic() + 240
    progress = 0
    while time.monotonic() < deadline and proc.poll() is None:
        counts = [int(a) for a, b in re.findall(rb"(\d+)/(\d+)", bytes(seen)) if int(b) == total]
        progress = max(counts, default=0)
        if progress >= after:
            break
        time.sleep(0.02)
    assert proc.poll() is None and progress >= after, "the batch ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole process group
    stdout, _ = proc.communicate(timeout=120)
    done.wait(10)
    os.close(master)
    return proc, stdout, seen.decode("utf-8", "replace"), progress


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["serial", "workers"])
def test_ctrl_c_prints_the_reports_so_far_says_so_in_chinese_and_exits_130(tmp_path, jobs):
    files = batch(tmp_path / "drafts", 80)
    proc, stdout, terminal, progress = interrupted_run(command(str(tmp_path / "drafts"), "-j", jobs), len(files))
    assert proc.returncode == 130
    assert "Traceback" not in terminal + stdout and "Aborted" not in terminal
    m = re.search(r"已中断（Ctrl-C），已检查 (\d+)/(\d+) 个文件，其余未检查", terminal)
    assert m and int(m.group(2)) == len(files)
    checked = int(m.group(1))
    assert progress <= checked < len(files)
    # the reports already made are printed, one block per file with findings
    assert stdout.count("草稿") == checked and f"共检查 {checked} 个文件" in stdout
    assert "已中断（Ctrl-C）：共 80 个文件，其余未检查" in stdout
    assert not children(proc.pid)


def test_ctrl_c_in_json_gives_the_json_of_the_files_done(tmp_path):
    files = batch(tmp_path / "drafts", 60)
    proc, stdout, terminal, progress = interrupted_run(command(str(tmp_path / "drafts"), "--format", "json"), len(files))
    assert proc.returncode == 130 and "Traceback" not in terminal
    data = json.loads(stdout)
    assert data["summary"]["interrupted"] is True
    assert progress <= len(data["files"]) < len(files) and data["summary"]["files"] == len(data["files"])


# -- a worker killed -----------------------------------------------------------------------------

def test_a_killed_worker_loses_no_file(tmp_path):
    files = batch(tmp_path / "drafts", 60)
    proc = subprocess.Popen(command(str(tmp_path / "drafts"), "-j", "2", "--format", "json"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 240
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        workers = children(proc.pid)
        if len(workers) >= 2:
            time.sleep(0.05)  # let them take their first files
            os.kill(workers[0], signal.SIGKILL)
            killed = workers[0]
        time.sleep(0.005)
    stdout, stderr = proc.communicate(timeout=240)
    assert killed is not None, "no worker seen"
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stderr
    assert "一个检查进程意外退出" in stderr
    data = json.loads(stdout)
    assert sorted(f["path"] for f in data["files"]) == sorted(str(f) for f in files)
    assert all(f["error"] is None and f["diagnostics"] for f in data["files"])  # retried, all checked
    assert proc.returncode == 1  # findings, not a read error


def test_files_whose_worker_dies_every_time_get_a_read_error_the_rest_their_reports(tmp_path):
    files = batch(tmp_path / "drafts", 12, docx=False)
    proc = subprocess.Popen(command(*map(str, files), "-j", "2", "--format", "json"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def killer():  # every worker, as soon as it is seen, for the whole run
        while not stop.is_set():
            for pid in children(proc.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.002)

    t = threading.Thread(target=killer, daemon=True)
    t.start()
    stdout, stderr = proc.communicate(timeout=240)
    stop.set()
    t.join()
    assert "Traceback" not in stderr
    data = json.loads(stdout)
    assert sorted(f["path"] for f in data["files"]) == sorted(str(f) for f in files)
    errors = [f for f in data["files"] if f["error"]]
    assert errors and all(f["error"] == WORKER_DIED for f in errors)
    assert data["files"][0]["error"] is None  # the first file is checked in the parent
    assert proc.returncode == 2


# -- deciding ------------------------------------------------------------------------------------

def test_decide_workers_from_files_sizes_and_cores(tmp_path, monkeypatch):
    files = [str(p) for p in batch(tmp_path / "drafts", 40, docx=False)]
    size = os.path.getsize(files[0])
    monkeypatch.setattr("gongwen_lint.parallel.spare_cores", lambda: 2)
    assert decide(1, files, 5, 10.0, size) == 1  # -j 1: never
    assert decide(3, files, 1, 0.0, 0) == 3  # -j N: after the first file
    assert decide(0, files, 2, 0.01, size) is None  # still measuring
    assert decide(0, files, 6, 0.05 * 5, 5 * size) == 2  # 40 × 50 ms = 2 s left: pays
    assert decide(0, files, 6, 0.005 * 5, 5 * size) == 1  # 40 × 5 ms: does not
    assert decide(0, files[:7], 6, 10.0, 5 * size) == 1  # too few files per worker
    monkeypatch.setattr("gongwen_lint.parallel.spare_cores", lambda: 1)
    assert decide(0, files, 6, 10.0, 5 * size) == 1  # no spare core


def test_workers_give_the_same_reports_as_one_process(tmp_path):
    files = [str(p) for p in batch(tmp_path / "drafts", 12)]
    serial = check_files(Config(), files, jobs=1)
    pooled = check_files(Config(), files, jobs=2)
    assert [r.to_dict() for r in serial] == [r.to_dict() for r in pooled]
    assert all(r.diagnostics for r in serial)


# -- --fix stopped half-way ----------------------------------------------------------------------

@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_fix_stopped_half_way_leaves_no_temporary_file_and_no_torn_draft(tmp_path, sig, code):
    """issue 19 D4: the temporary copy --fix writes beside each draft is removed on Ctrl-C and
    SIGTERM; every draft is either fixed or exactly as it was."""
    files = batch(tmp_path / "drafts", 40)
    originals = {f: f.read_bytes() for f in files}
    proc = subprocess.Popen(command(str(tmp_path / "drafts"), "--fix"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, text=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if sum(f.read_bytes() != originals[f] for f in files if f.exists()) >= 3:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the batch ended before it could be stopped"
    os.killpg(proc.pid, sig)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == code and "Traceback" not in stderr
    assert ("已中断（Ctrl-C）" if sig == signal.SIGINT else "已终止（SIGTERM）") in stderr
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == sorted(f.name for f in files)  # no .~gwlint-*
    from gongwen_lint.api import read_docx

    changed = [f for f in files if f.read_bytes() != originals[f]]
    assert 3 <= len(changed) < len(files)
    for f in changed:  # a fixed draft is a whole, readable draft without the half-width commas
        assert "," not in "".join(p.text for p in read_docx(f).body)
