"""The CLI contract: default command, exit codes, JSON shape, configuration errors."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from gongwen_lint.cli import main

DRAFT = "关于召开全市防汛工作会议的通知\n各乡镇人民政府：\n定于7月1日召开会议。\n特此通知。\n宜城市水利局\n2024年6月20日\n"


def run(*args, cwd=None):
    runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "草稿.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def test_path_alone_means_check(draft, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    a = run(str(draft), "--format", "json")
    b = run("check", str(draft), "--format", "json")
    assert a.exit_code == b.exit_code
    assert json.loads(a.output) == json.loads(b.output)


def test_json_contract_shape(draft, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    draft.write_text(DRAFT.replace("定于7月1日召开会议。", "定于7月1日召开会议,请各单位高度重视,认真准备;按时参加。"), encoding="utf-8")
    out = json.loads(run("check", str(draft), "--format", "json", "--select", "ALL").output)
    assert set(out) == {"version", "files", "summary"}
    # the 0.1.0 keys, and the ones added with findings (docs/json.md: fields are only appended)
    assert set(out["summary"]) == {"files", "errors", "warnings", "infos", "findings", "by_rule"}
    f = out["files"][0]
    assert {"path", "genre", "format", "error", "diagnostics", "findings"} <= set(f)
    assert f["genre"] == "通知" and f["error"] is None
    # the three half-width marks (fixable) and the 套话 高度重视 (not fixable): the shape is checked on
    # both kinds, so the loop below cannot pass by being empty
    assert [(d["code"], d["location"]["start"]) for d in f["diagnostics"]] == [
        ("GW401", 10), ("GW701", 15), ("GW401", 19), ("GW401", 24)]
    for d in f["diagnostics"]:
        assert set(d) == {"code", "name", "severity", "message", "location", "excerpt", "fix", "reference"}
        assert set(d["location"]) == {"part", "paragraph", "start", "end"}
    assert f["diagnostics"][0]["fix"] == {"applicability": "safe", "replacement": "，"}
    assert f["diagnostics"][1]["fix"] is None and f["diagnostics"][1]["excerpt"] == "高度重视"
    assert [(g["code"], g["count"]) for g in f["findings"]] == [("GW401", 3), ("GW701", 1)]
    covered = []
    for g in f["findings"]:
        assert set(g) == {"code", "name", "severity", "kind", "message", "count", "location", "last_paragraph",
                          "diagnostics", "fixes"}
        assert g["count"] == len(g["diagnostics"]) and {f["diagnostics"][i]["code"] for i in g["diagnostics"]} == {g["code"]}
        covered += g["diagnostics"]
    assert sorted(covered) == list(range(len(f["diagnostics"])))  # every span in exactly one finding
    assert out["summary"]["findings"] == len(f["findings"])
    assert sum(r["diagnostics"] for r in out["summary"]["by_rule"]) == len(f["diagnostics"])


def test_missing_path_exits_2_and_other_files_still_checked(draft, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    r = run("check", str(tmp_path / "没有这个文件.docx"), str(draft), "--format", "json")
    assert r.exit_code == 2
    files = {f["path"]: f for f in json.loads(r.output)["files"]}
    assert "文件不存在" in files[str(tmp_path / "没有这个文件.docx")]["error"]
    assert files[str(draft)]["error"] is None


def test_folder_without_drafts_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "空").mkdir()
    r = run("check", str(tmp_path / "空"))
    assert r.exit_code == 2
    assert "没有 .docx 草稿" in r.output


def test_unknown_rule_is_a_usage_error(draft, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["check", str(draft), "--select", "GW999"])
    assert r.exit_code == 2
    assert "GW999" in r.output


def test_unknown_config_key_exits_2_naming_the_key(draft, tmp_path, monkeypatch):
    (tmp_path / "gongwen-lint.toml").write_text('selcet = ["GW1"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["check", str(draft)])
    assert r.exit_code == 2
    assert "selcet" in r.output


def test_fail_on_controls_exit_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "x.txt"
    p.write_text("关于X的通知\n各单位：\n正文，见宜发[2008]13号文件。\n宜城市人民政府\n2024年6月20日\n", encoding="utf-8")
    out = json.loads(run("check", str(p), "--format", "json", "--select", "ALL").output)
    # the cited 宜发[2008]13号 is an error (GW102); nothing else is
    assert [(d["code"], d["severity"]) for d in out["files"][0]["diagnostics"]] == [("GW102", "error")]
    for level in ("error", "warning", "info"):  # an error reaches every threshold
        assert run("check", str(p), "--select", "ALL", "--fail-on", level).exit_code == 1, level
    clean = tmp_path / "clean.txt"
    clean.write_text(p.read_text(encoding="utf-8").replace("宜发[2008]13号", "宜发〔2008〕13号"), encoding="utf-8")
    assert json.loads(run("check", str(clean), "--format", "json", "--select", "ALL").output)["files"][0]["diagnostics"] == []
    assert run("check", str(clean), "--select", "ALL", "--fail-on", "info").exit_code == 0


def test_rules_and_rule_commands():
    r = run("rules")
    assert r.exit_code == 0
    assert run("rule", "GW999").exit_code == 2


def test_console_script_runs_without_traceback(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"\x00\x01not a zip")
    before = bad.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "gongwen_lint.cli", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert bad.read_bytes() == before
