"""The service's small parts that need no server: names shown for uploads, download headers,
``--index`` parsing, the listening socket, and the docs listing every ``serve`` option."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from gongwen_lint.cli import main
from gongwen_lint.serve.cli import _bind
from gongwen_lint.serve.settings import Settings, parse_indexes
from gongwen_lint.serve.uploads import Upload, content_disposition, copy_name, display_name, safe_suffix

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("sent, shown", [
    ("通知草稿.docx", "通知草稿.docx"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\张三\\桌面\\请示.docx", "请示.docx"),
    ("/tmp/../x.docx", "x.docx"),
    ("a\x00b\u202e\n.docx", "ab.docx"),
    ("..", "草稿.docx"),
    ("", "草稿.docx"),
    (None, "草稿.docx"),
])
def test_display_name_is_the_last_component_without_control_characters(sent, shown):
    assert display_name(sent) == shown


def test_a_long_name_keeps_its_suffix():
    name = display_name("很" * 300 + ".docx")
    assert len(name) == 120 and name.endswith(".docx")


@pytest.mark.parametrize("name, suffix", [("a.DOCX", ".docx"), ("a.txt", ".txt"), ("a.d/o c", ""), ("a", ""),
                                          ("a.docx;rm", ""), ("a.超长", "")])
def test_only_plain_suffixes_reach_the_disk(name, suffix):
    assert safe_suffix(name) == suffix


def test_an_upload_lives_in_its_own_private_folder_under_a_fixed_name(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    up = Upload("../../evil.docx")
    try:
        assert up.path.parent.parent == tmp_path and up.path.name == "draft.docx"
        assert up.folder.stat().st_mode & 0o777 == 0o700
        assert up.name == "evil.docx" and up.output("批注稿").parent == up.folder
    finally:
        up.close()
    assert not up.folder.exists()


def test_download_names_for_any_browser():
    assert copy_name("通知.docx", "批注稿") == "通知-批注稿.docx"
    header = content_disposition("通知-批注稿.docx")
    assert header.startswith('attachment; filename="')
    assert unquote(header.split("filename*=UTF-8''")[1]) == "通知-批注稿.docx"
    assert 'filename="draft.docx"' in header  # nothing ASCII is left of the name: a plain fallback
    assert 'filename="report v2.docx"' in content_disposition('report" v2.docx')


def test_index_names():
    assert parse_indexes(["参考.sqlite"]) == {"default": "参考.sqlite"}
    assert parse_indexes(["上级=a.sqlite", "本级=postgresql://u@h/db?sslmode=require"]) == {
        "上级": "a.sqlite", "本级": "postgresql://u@h/db?sslmode=require"}
    assert parse_indexes(["postgresql://u@h/db?sslmode=require"]) == {"default": "postgresql://u@h/db?sslmode=require"}
    assert parse_indexes([], configured="cfg.sqlite") == {"default": "cfg.sqlite"}
    with pytest.raises(ValueError, match="重复"):
        parse_indexes(["a=x", "a=y"])


def test_defaults_are_safe():
    s = Settings()
    assert s.host == "127.0.0.1" and s.is_loopback and s.token is None
    assert s.max_upload_mb == 20 and s.job_timeout == 60 and s.upload_timeout == 60
    assert not Settings(host="0.0.0.0").is_loopback


def test_the_listening_socket_is_tcp_so_answers_are_not_delayed():
    """asyncio sets TCP_NODELAY only on sockets whose proto is TCP; without it each keep-alive
    answer (headers and body are two writes) waits for the client's delayed ACK, ~40 ms."""
    sock = _bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


def test_every_serve_option_is_documented():
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    options = {w.rstrip(",") for line in help_text.splitlines() for w in line.split() if w.startswith("--")}
    options -= {"--help"}
    assert len(options) >= 10
    doc = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    assert [o for o in sorted(options) if f"`{o}`" not in doc] == []


def test_bad_tokens_are_refused_before_starting(tmp_path, monkeypatch):
    pytest.importorskip("fastapi", reason="the serve extra is not installed")
    monkeypatch.setenv("GONGWEN_LINT_TOKEN", "令牌")
    r = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert r.exit_code == 2 and "访问令牌只能由字母" in r.output
    empty = tmp_path / "token"
    empty.write_text("\n")
    r = CliRunner().invoke(main, ["serve", "--port", "0", "--token-file", str(empty)])
    assert r.exit_code == 2 and "是空的" in r.output
