"""Suppression by Word comments (``gwlint: ignore[...]``), plain-text directives, GW901 and GW902."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest

from docxbuild import DocxBuilder, replace_part, run
from gongwen_lint import suppress
from gongwen_lint.api import Linter, lint_file, lint_text, read_docx
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Location
from gongwen_lint.fixes import fix_file
from gongwen_lint.model import Comment, Document, Paragraph


def draft(path: Path, comment: str | None = None, runs: tuple[int, int] = (0, 1), file_comment: str | None = None) -> Path:
    """Paragraph 3 has three runs: "经研究," | "决定召开会议," | "请准时参加。" (half-width commas in runs 0 and 1)."""
    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center")
    if file_comment:
        b.comment_on_last(file_comment)
    b.p("各单位：")
    b.p(run("经研究,"), run("决定召开会议,"), run("请准时参加。"), first_line_chars=200)
    if comment:
        b.comment_on_last(comment, run_range=runs)
    return b.save(path)


def codes_at(report, code):
    return [(d.location.paragraph, d.location.start) for d in report.diagnostics if d.code == code]


def test_baseline_without_comments(tmp_path):
    report = lint_file(draft(tmp_path / "a.docx"), Config())
    assert codes_at(report, "GW401") == [(3, 3), (3, 10)]
    assert not codes_at(report, "GW902")


@pytest.mark.parametrize("text", [
    "gwlint: ignore[GW401] 引用原文，保持原样",
    "gwlint: ignore[GW4]",
    "gwlint: ignore[GW1, halfwidth-punctuation] 原文",
    "GWLINT：ignore［GW401］ 输入法打出的全角符号",
    "gwlint: ignore[ALL]",
])
def test_comment_suppresses_matching_findings_in_its_range_only(tmp_path, text):
    report = lint_file(draft(tmp_path / "a.docx", text, runs=(0, 1)), Config())
    assert codes_at(report, "GW401") == [(3, 10)]  # the comma under the comment is silenced, the other is not
    assert not codes_at(report, "GW902")


def test_comment_for_another_rule_suppresses_nothing_here(tmp_path):
    report = lint_file(draft(tmp_path / "a.docx", "gwlint: ignore[GW102]", runs=(0, 1)), Config())
    assert codes_at(report, "GW401") == [(3, 3), (3, 10)]
    (d,) = [d for d in report.diagnostics if d.code == "GW902"]
    assert d.location == Location("body", 3, 0, 4) and d.excerpt == "经研究,"
    assert "GW102" in d.message and "可删除" in d.message


def test_file_ignore_anywhere_covers_the_file(tmp_path):
    path = draft(tmp_path / "a.docx", file_comment="gwlint: file-ignore[GW4] 外单位来文，照录")
    report = lint_file(path, Config())
    assert not [d for d in report.diagnostics if d.code.startswith("GW4")]
    assert not codes_at(report, "GW902")


def test_unused_suppression_is_reported_at_its_anchor(tmp_path):
    report = lint_file(draft(tmp_path / "a.docx", "gwlint: ignore[GW401] 已改", runs=(2, 3)), Config())
    (d,) = [d for d in report.diagnostics if d.code == "GW902"]
    assert d.location == Location("body", 3, 11, 17) and d.excerpt == "请准时参加。"
    assert "不起作用" in d.message


def test_unused_verdict_does_not_depend_on_the_selection(tmp_path):
    config = Config(select=("GW1", "GW902"))  # GW401 does not run in this check
    used = lint_file(draft(tmp_path / "a.docx", "gwlint: ignore[GW401]", runs=(0, 1)), config)
    assert not codes_at(used, "GW902")
    unused = lint_file(draft(tmp_path / "b.docx", "gwlint: ignore[GW401]", runs=(2, 3)), config)
    assert codes_at(unused, "GW902") == [(3, 11)]
    # told apart from "unused": the named rule was not enabled in this check
    (d,) = [d for d in unused.diagnostics if d.code == "GW902"]
    assert "GW401 本次未启用" in d.message
    enabled = lint_file(tmp_path / "b.docx", Config())
    (e,) = [d for d in enabled.diagnostics if d.code == "GW902"]
    assert e.location == d.location and "未启用" not in e.message and "没有 GW401 的问题" in e.message


def test_gw902_judges_from_the_findings_already_made(tmp_path, monkeypatch):
    """The post-pass reuses the diagnostics of the rules this check ran (no second run of GW401)."""
    from gongwen_lint.engine import run_rules
    from gongwen_lint.rules import registry
    from gongwen_lint.rules.context import Resources
    from gongwen_lint.rules.registry import get_rule

    calls = []
    gw401 = get_rule("GW401")
    counting = dataclasses.replace(gw401, func=lambda p, ctx: calls.append(p.index) or gw401.func(p, ctx))
    monkeypatch.setitem(registry._RULES, "GW401", counting)  # the rule GW902 looks up by name
    doc = read_docx(draft(tmp_path / "a.docx", "gwlint: ignore[GW401]", runs=(2, 3)))
    config = Config()
    resources = Resources(config)
    try:
        report = run_rules(doc, config, resources, [counting, get_rule("GW902")])
    finally:
        resources.close()
    assert [d.location.paragraph for d in report.diagnostics if d.code == "GW902"] == [3]
    assert calls and len(calls) == len(set(calls))  # every paragraph checked once, not twice


def test_malformed_directives_and_plain_comments(tmp_path):
    unknown = lint_file(draft(tmp_path / "a.docx", "gwlint: ignore[GW999] 理由"), Config())
    assert any("GW999" in d.message and "不存在" in d.message for d in unknown.diagnostics if d.code == "GW902")
    empty = lint_file(draft(tmp_path / "b.docx", "gwlint: ignore[] 理由"), Config())
    assert any("没有写明规则" in d.message for d in empty.diagnostics if d.code == "GW902")
    plain = lint_file(draft(tmp_path / "c.docx", "此处逗号请改为全角"), Config())
    assert codes_at(plain, "GW401") == [(3, 3), (3, 10)] and not codes_at(plain, "GW902")


def test_gw902_can_itself_be_ignored(tmp_path):
    path = draft(tmp_path / "a.docx", "gwlint: ignore[GW102]")
    assert not codes_at(lint_file(path, Config(ignore=("GW902",))), "GW902")
    path = draft(tmp_path / "b.docx", "gwlint: ignore[GW102]", file_comment="gwlint: file-ignore[GW902]")
    assert not codes_at(lint_file(path, Config()), "GW902")


def test_point_comment_covers_its_paragraph():
    body = (Paragraph("body", 1, "关于召开会议的通知"), Paragraph("body", 2, "经研究,决定召开会议,请准时参加。"))
    doc = Document("x.docx", "docx", {"body": body},
                   comments=(Comment("0", "审核人", "gwlint: ignore[GW401]", "body", 2, 5, 2, 5),))
    (d,) = suppress.directives(doc)
    assert (d.start, d.end) == ((2, 0), (2, 17))
    assert suppress.covers(d, Location("body", 2, 10, 11)) and not suppress.covers(d, Location("body", 1, 0, 2))


def test_missing_element_findings_are_covered_at_their_point():
    doc = Document("x.docx", "docx", {"body": (Paragraph("body", 1, "正文。"), Paragraph("body", 2, "再一段。"))},
                   comments=(Comment("0", "a", "gwlint: ignore[GW101]", "body", 1, 0, 1, 3),))
    (d,) = suppress.directives(doc)
    assert suppress.covers(d, Location("body", 1, 0, 0))
    assert not suppress.covers(d, Location("body", 2, 0, 0))


def test_text_drafts_use_html_comment_directives():
    trailing = lint_text("关于召开会议的通知\n各单位：\n经研究,决定召开会议。<!-- gwlint: ignore[GW401] 原文 -->\n"
                         "请准时参加,不得缺席。", Config())
    assert codes_at(trailing, "GW401") == [(4, 5)]  # line 3 is covered, line 4 is not
    assert not codes_at(trailing, "GW902")
    # Nothing is reported on the directive's own text, whatever its brackets and colons.
    assert not [d for d in trailing.diagnostics if d.location.paragraph == 3]

    own_line = lint_text("关于召开会议的通知\n各单位：\n<!-- gwlint: ignore[GW401] -->\n经研究,决定召开会议。", Config())
    assert not codes_at(own_line, "GW401") and not codes_at(own_line, "GW902")


def test_suppressed_findings_are_not_fixed(tmp_path):
    path = draft(tmp_path / "a.docx", "gwlint: ignore[GW401] 照录原文", runs=(0, 1))
    linter = Linter(Config())
    try:
        result = fix_file(linter, path)
    finally:
        linter.close()
    assert result.applied == {"GW401": 1}
    assert read_docx(path).body[2].text == "经研究,决定召开会议，请准时参加。"
    assert not codes_at(result.report, "GW401") and not codes_at(result.report, "GW902")


def test_unreadable_part_is_gw901_and_can_be_ignored(tmp_path):
    b = DocxBuilder()
    b.p("关于召开会议的通知")
    b.header("<w:p><w:r><w:t>页眉</w:t></w:r></w:p>")
    good = b.save(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as z:
        header = next(n for n in z.namelist() if n.startswith("word/header"))
    bad = replace_part(good, tmp_path / "bad.docx", header, b"<w:hdr><oops")
    report = lint_file(bad, Config())
    (d,) = [d for d in report.diagnostics if d.code == "GW901"]
    assert "页眉" in d.message and d.location == Location("body", 1, 0, 0)
    assert not codes_at(lint_file(bad, Config(ignore=("GW901",))), "GW901")
