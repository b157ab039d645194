"""SARIF, GitHub annotations and baselines on a draft whose findings are known."""

import json

from click.testing import CliRunner

from gongwen_lint.cli import main

DRAFT = "关于召开会议的通知\n各单位：\n会议定于下周召开,请准时参加。\n请按宜发[2008]13号文件执行。\n宜城市水利局\n2024年6月20日\n"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _draft(tmp_path, text=DRAFT):
    p = tmp_path / "草稿.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_sarif_has_rules_results_and_fingerprints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = _draft(tmp_path)
    as_json = json.loads(run("check", str(p), "--format", "json").output)
    sarif = json.loads(run("check", str(p), "--format", "sarif").output)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rule_ids = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    results = run_["results"]
    assert len(results) == len(as_json["files"][0]["diagnostics"]) > 0
    for res in results:
        assert res["ruleId"] in rule_ids
        assert res["level"] in ("error", "warning", "note")
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        assert len(res["partialFingerprints"]["gongwenLint/v1"]) == 24
    assert len({r["partialFingerprints"]["gongwenLint/v1"] for r in results}) == len(results)


def test_sarif_locations_are_relative_to_srcroot(tmp_path, monkeypatch):
    """GitHub code scanning wants paths relative to the repository: absolute paths under the
    folder the check ran in become relative to %SRCROOT%, given in originalUriBaseIds."""
    repo = tmp_path / "repo"
    (repo / "文稿").mkdir(parents=True)
    (tmp_path / "外").mkdir()
    p = _draft(repo / "文稿")
    outside = _draft(tmp_path / "外")
    monkeypatch.chdir(repo)
    for given in (str(p), "文稿/草稿.txt"):
        run_ = json.loads(run("check", given, str(outside), "--format", "sarif").output)["runs"][0]
        assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["locations"][0]["physicalLocation"]
                ["artifactLocation"].get("uriBaseId") for r in run_["results"]}
        assert uris == {"%E6%96%87%E7%A8%BF/%E8%8D%89%E7%A8%BF.txt": "%SRCROOT%", outside.resolve().as_uri(): None}


def test_github_annotations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = _draft(tmp_path)
    out = run("check", str(p), "--format", "github").output.strip().splitlines()
    assert out and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out)
    assert all("line=" in line and "title=GW" in line for line in out)
    # one annotation per finding: a paragraph with two half-width commas is one line that says ×2
    p.write_text(DRAFT.replace("请准时参加。", "请准时参加,不得缺席。"), encoding="utf-8")
    lines = [x for x in run("check", str(p), "--format", "github").output.splitlines() if "GW401" in x]
    assert len(lines) == 1 and "×2" in lines[0] and "line=3" in lines[0]


def test_baseline_survives_an_inserted_paragraph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = _draft(tmp_path)
    base = tmp_path / "baseline.json"
    r = run("check", str(p), "--baseline", str(base), "--write-baseline")
    assert r.exit_code == 0 and base.exists()
    assert json.loads(base.read_text(encoding="utf-8"))["files"]
    # Same findings, shifted by an inserted paragraph: nothing new.
    lines = DRAFT.splitlines()
    lines.insert(2, "现将有关事项通知如下。")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = json.loads(run("check", str(p), "--baseline", str(base), "--format", "json").output)
    assert out["files"][0]["diagnostics"] == []
    # A new defect is reported.
    lines.insert(3, "请XXX单位派员参加。")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = json.loads(run("check", str(p), "--baseline", str(base), "--format", "json").output)
    assert out["files"][0]["diagnostics"]
    assert all(d["location"]["paragraph"] == 4 for d in out["files"][0]["diagnostics"])


def test_missing_baseline_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = _draft(tmp_path)
    r = run("check", str(p), "--baseline", str(tmp_path / "无.json"))
    assert r.exit_code == 2
    assert "基线文件不存在" in r.output
