"""Grouping diagnostics into findings for people (issue 14), and what grouping must not change:
fixes, suppressions and baselines stay per span."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gongwen_lint.api import Linter
from gongwen_lint.cli import main
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Diagnostic, Fix, Location, Severity, group, kind_of


def diag(paragraph: int, start: int, message: str, code: str = "GW401", excerpt: str = ",", whole: bool = False,
         severity: Severity = Severity.WARNING, kind: str = "", fix: str | None = "，") -> Diagnostic:
    return Diagnostic(code, "x", severity, message, Location("body", paragraph, start, start + len(excerpt)), excerpt,
                      Fix(fix) if fix else None, whole_paragraph=whole, kind=kind)


COMMA = "中文中应使用全角逗号：, → ，"
COLON = "中文中应使用全角冒号：: → ："


def test_kind_is_the_message_before_its_first_colon():
    assert kind_of(COMMA) == "中文中应使用全角逗号"
    assert kind_of("三级序数“1、”应为“1.”") == "三级序数“1、”应为“1.”"  # no colon: the whole message


def test_one_finding_per_paragraph_rule_and_kind_with_every_span():
    ds = [diag(3, 5, COMMA), diag(3, 9, COMMA), diag(3, 20, COLON, excerpt=":", fix="："), diag(4, 2, COMMA)]
    found = group(ds)
    assert [(f.location.paragraph, f.kind, f.count) for f in found] == [
        (3, "中文中应使用全角逗号", 2), (3, "中文中应使用全角冒号", 1), (4, "中文中应使用全角逗号", 1)]
    assert found[0].message == "中文中应使用全角逗号 ×2：, → ，"
    assert [d.location.start for d in found[0].diagnostics] == [5, 9]
    assert found[0].safe_fixes == 2 and found[2].message == COMMA


def test_a_rules_own_kind_merges_different_messages_and_lists_each_specific():
    k = "中文中应使用全角标点"
    ds = [diag(1, 0, COMMA, kind=k), diag(1, 4, COMMA, kind=k), diag(1, 8, COLON, excerpt=":", kind=k)]
    (f,) = group(ds)
    assert f.message == "中文中应使用全角标点 ×3：, → ， ×2；: → ："


def test_the_same_advice_after_each_specific_is_said_once():
    k = "套话（空喊落实）"
    ds = [diag(1, 0, f"{k}：“狠抓落实”——删去或换成具体措施", excerpt="狠抓落实", fix=None),
          diag(1, 9, f"{k}：“确保取得实效”——删去或换成具体措施", excerpt="确保取得实效", fix=None)]
    (f,) = group(ds)
    assert f.message == "套话（空喊落实） ×2：“狠抓落实”、“确保取得实效”——删去或换成具体措施"


def test_severities_and_rules_are_never_mixed():
    ds = [diag(1, 0, COMMA), diag(1, 3, COMMA, severity=Severity.ERROR), diag(1, 6, COMMA, code="GW999")]
    assert len(group(ds)) == 3


def test_whole_paragraph_findings_on_consecutive_paragraphs_are_one_finding():
    order = "正文应在成文日期之前"
    ds = [diag(n, 0, order, code="GW108", excerpt=f"第{n}段的文字", whole=True, fix=None) for n in (8, 9, 10, 12)]
    ds.append(diag(11, 0, "一级标题应在成文日期之前", code="GW108", excerpt="一、标题", whole=True, fix=None))
    found = group(ds)
    assert [(f.paragraphs, f.count, f.message) for f in found] == [
        ((8, 10), 3, order), ((11, 11), 1, "一级标题应在成文日期之前"), ((12, 12), 1, order)]
    # spans inside paragraphs never join across paragraphs
    assert [f.paragraphs for f in group([diag(1, 0, COMMA), diag(2, 0, COMMA)])] == [(1, 1), (2, 2)]


def test_the_engine_marks_whole_paragraph_findings():
    r = Linter(Config(select=("GW401",))).check_text("关于召开会议的通知\n各单位：\n会议定于下周召开,请准时参加,不得缺席。\n")
    (f,) = group(r.diagnostics)
    assert f.count == 2 and not any(d.whole_paragraph for d in r.diagnostics)


# -- grouping and the per-span machinery -------------------------------------------------------

DRAFT = ("关于召开会议的通知\n各单位：\n会议定于下周召开,请准时参加,不得缺席,注意安全。\n"
         "请按时报送材料,逾期不候。\n宜城市水利局\n2024年6月20日\n")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_baseline_keys_are_per_span_and_survive_grouping(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "草稿.txt"
    p.write_text(DRAFT, encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert run("check", str(p), "--baseline", str(base), "--write-baseline", "--select", "GW401").exit_code == 0
    entries = json.loads(base.read_text("utf-8"))["files"]["草稿.txt"]
    assert len(entries) == 4  # one entry per comma, as before grouping (stable keys)
    # Grouping happens after the baseline: the findings shown are made of new spans only.  A
    # paragraph inserted above, with two commas of its own: one new finding of count 2, and the
    # baselined commas (keyed by their paragraph's text, not its number) stay quiet.
    lines = DRAFT.splitlines()
    lines.insert(2, "现将有关事项通知如下,请遵照执行,不得延误。")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = json.loads(run("check", str(p), "--baseline", str(base), "--format", "json", "--select", "GW401").output)
    (finding,) = out["files"][0]["findings"]
    assert (finding["location"]["paragraph"], finding["count"]) == (3, 2)
    assert len(out["files"][0]["diagnostics"]) == 2
    # writing the baseline again records spans, not findings
    run("check", str(p), "--baseline", str(base), "--write-baseline", "--select", "GW401")
    assert len(json.loads(base.read_text("utf-8"))["files"]["草稿.txt"]) == 6


def test_a_suppression_silences_only_the_spans_it_covers(tmp_path):
    """A reviewer's ``gwlint: ignore`` comment on part of a paragraph: the finding keeps the
    spans outside it (suppressions are applied per span, before grouping)."""
    from docxbuild import DocxBuilder
    from docxbuild import run as r

    b = DocxBuilder()
    b.p("关于召开会议的通知")
    b.p(r("会议定于下周召开,"), r("请准时参加,不得缺席,"), r("注意安全。"))
    plain = b.save(tmp_path / "a.docx")
    b.comment_on_last("gwlint: ignore[GW401] 引文照录", run_range=(1, 2))
    commented = b.save(tmp_path / "b.docx")
    linter = Linter(Config(select=("GW401",)))
    (before,) = group(linter.check_file(plain).diagnostics)
    (after,) = group(linter.check_file(commented).diagnostics)
    assert (before.count, after.count) == (3, 1)
    assert after.first.location.start == 8


def test_fix_applies_every_span_of_a_finding(tmp_path):
    p = tmp_path / "草稿.txt"
    p.write_text(DRAFT, encoding="utf-8")
    r = run("check", str(p), "--fix", "--select", "GW401")
    assert "共 4 处" in r.output
    assert "," not in p.read_text("utf-8")
