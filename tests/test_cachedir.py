"""cachedir: where the derived stores live, and a run that has no cache folder at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gongwen_lint import cachedir, recache
from gongwen_lint.substance import words

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "通知草稿.docx"


def _no_home(monkeypatch):
    def fail():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(fail))


def test_xdg_cache_home_is_used_when_absolute(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cachedir.cache_folder() == tmp_path / "gongwen-lint"


def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cachedir.cache_folder() == tmp_path / ".cache" / "gongwen-lint"


def test_no_home_means_no_cache_folder_and_no_store(monkeypatch):
    _no_home(monkeypatch)
    assert cachedir.cache_folder() is None
    assert recache.store_path() is None
    assert words.store_path(b"any list") is None


def test_without_a_cache_folder_patterns_compile_and_the_automaton_builds(monkeypatch):
    _no_home(monkeypatch)
    monkeypatch.delenv("GWLINT_NO_RECACHE", raising=False)
    monkeypatch.setattr(recache, "_stored", None)
    monkeypatch.setattr(recache, "_added", {})
    monkeypatch.setattr(recache, "_used", set())
    assert recache.compile(r"(\d+)年").search("2025年").group(1) == "2025"
    recache._save()  # nowhere to write: nothing happens, nothing raises
    words.load.cache_clear()
    try:
        automaton = words.load()
        assert len(automaton) > 1000
    finally:
        words.load.cache_clear()


def test_cli_in_a_process_whose_user_has_no_passwd_entry(tmp_path):
    """The same case in a fresh process on any machine: HOME unset and the passwd lookup failing
    as it does for a uid with no entry (pwd.getpwuid raises KeyError, Path.home RuntimeError)."""
    draft = tmp_path / "草稿.docx"
    shutil.copyfile(EXAMPLE, draft)
    code = (
        "import os, pwd, sys\n"
        "def missing(uid): raise KeyError(f'getpwuid(): uid not found: {uid}')\n"
        "pwd.getpwuid = missing\n"
        "from gongwen_lint.cli import main\n"
        "sys.argv = ['gongwen-lint', sys.argv[1], '--format', 'json']\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", "GWLINT_NO_RECACHE")}
    done = subprocess.run([sys.executable, "-c", code, str(draft)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "failed" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert '"diagnostics"' in done.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("getent") is None,
                    reason="needs root to run the CLI as a user with no passwd entry")
def test_cli_as_a_user_with_no_home_and_no_passwd_entry(tmp_path):
    """The review's case (2026-12-07): HOME unset and no passwd entry made Path.home() raise
    inside GW702 — 'rule GW702 failed' and a traceback.  Now the run is the usual one."""
    uid = 54321
    assert subprocess.run(["getent", "passwd", str(uid)], capture_output=True).returncode != 0
    draft = tmp_path / "草稿.docx"
    shutil.copyfile(EXAMPLE, draft)
    os.chmod(tmp_path, 0o755)
    os.chmod(draft, 0o644)
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # the unknown user may not write into the checkout

    def as_nobody():
        os.setgid(uid)
        os.setuid(uid)

    try:
        probe = subprocess.run([sys.executable, "-c", "import gongwen_lint.cli"], env=env, cwd=tmp_path,
                               capture_output=True, preexec_fn=as_nobody, timeout=60)
    except PermissionError:
        probe = None
    if probe is None or probe.returncode != 0:
        pytest.skip("the installed package is not readable by another user here (a private checkout)")
    done = subprocess.run([sys.executable, "-m", "gongwen_lint.cli", str(draft), "--format", "json"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, preexec_fn=as_nobody, timeout=120)
    assert "Traceback" not in done.stderr and "failed" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert '"diagnostics"' in done.stdout
