"""recache: compiled patterns kept between runs behave exactly as re.compile's."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from gongwen_lint import recache

SAMPLES = ["国办发〔2024〕12号", "2025年3月1日前完成", "（一）加强组织领导。", "abc, DEF 123", "", "第十二条　市教育局负责"]


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A private cache folder, and a fresh module state (nothing read or added yet)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("GWLINT_NO_RECACHE", raising=False)
    monkeypatch.setattr(recache, "_stored", None)
    monkeypatch.setattr(recache, "_added", {})
    return tmp_path


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for s in SAMPLES:
        assert [m.span() for m in a.finditer(s)] == [m.span() for m in b.finditer(s)]
        assert [m.groupdict() for m in a.finditer(s)] == [m.groupdict() for m in b.finditer(s)]


PATTERNS = [
    (r"(?P<org>[\u4e00-\u9fff]{2,8}?)〔(?P<year>\d{4})〕(?P<n>\d+)号", 0),
    (r"[，。；：]", 0),
    (r"^（[一二三四五六七八九十]+）", re.M),
    (r"abc|def", re.I),
    (r"(\d+)年(\d+)月", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_fresh_and_stored_programs_match_like_re_compile(store, pattern, flags):
    fresh = recache.compile(pattern, flags)
    _same(fresh, re.compile(pattern, flags))
    recache._save()
    assert recache.store_path().exists()
    recache._stored, recache._added = None, {}  # as the next run: read from the store
    stored = recache.compile(pattern, flags)
    assert (pattern, int(flags)) in recache._store() and not recache._added
    _same(stored, re.compile(pattern, flags))


def test_a_damaged_store_is_ignored(store):
    path = recache.store_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not marshal data at all")
    _same(recache.compile(r"[\u4e00-\u9fff]+"), re.compile(r"[\u4e00-\u9fff]+"))


def test_a_wrong_program_in_the_store_is_recompiled(store):
    key = (r"\d+", 0)
    recache._stored = {key: (0, [1, 2, 3], 0, {}, ())}  # not a valid SRE program
    _same(recache.compile(r"\d+"), re.compile(r"\d+"))


def test_an_unwritable_cache_folder_changes_nothing(tmp_path, monkeypatch, store):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder would be
    recache.compile(r"[甲乙]+")
    recache._save()  # no exception
    assert not (blocker / "gongwen-lint").exists()


def test_invalid_patterns_raise_as_re_does(store):
    with pytest.raises(re.error):
        recache.compile(r"(unclosed")


def test_switched_off(store, monkeypatch):
    monkeypatch.setenv("GWLINT_NO_RECACHE", "1")
    recache.compile(r"[丙丁]+")
    assert not recache._added


def test_every_module_pattern_is_the_same_as_re_compile(tmp_path):
    """Across two runs (the second reads the store the first wrote), every pattern of the
    package compiled through recache matches the same spans as re.compile's."""
    probe = (
        "import importlib, pkgutil, re, gongwen_lint, gongwen_lint.recache as rc\n"
        "for m in pkgutil.walk_packages(gongwen_lint.__path__, 'gongwen_lint.'):\n"
        "    if not m.name.startswith(('gongwen_lint.serve', 'gongwen_lint.audit')): importlib.import_module(m.name)\n"
        "keys = list(rc._added) + list(rc._store())\n"
        "samples = ['国办发〔2024〕12号', '2025年3月1日前', '（一）加强组织领导。', '市教育局负责，于6月底前完成', 'www.gov.cn']\n"
        "for p, f in keys:\n"
        "    a, b = rc.compile(p, f), re.compile(p, f)\n"
        "    assert a.groupindex == b.groupindex and a.groups == b.groups, p\n"
        "    for s in samples: assert [m.span() for m in a.finditer(s)] == [m.span() for m in b.finditer(s)], p\n"
        "print(len(keys))\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "", "HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    assert int(second.stdout) >= 150  # the package's patterns, read back from the store
