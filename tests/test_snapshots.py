"""Every rule's docstring examples pin what the rule says, not only whether it fires.

As ruff does with its fixtures, each rule has a snapshot, ``tests/snapshots/GWnnn.txt``, that
records for every example the diagnostics the rule produces on it — code, severity, where
(paragraph and span), the excerpt, the message and the fix — and ``无发现`` for an example that
gives none.  The test compares the rule's output with the committed snapshot; after an intended
change, ``GWLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py`` rewrites them, and
the diff is reviewed like code (docs/developing.md).

Whether an example fires at all is still asserted by ``tests/test_rule_examples.py``: a snapshot
rewritten after a regression would otherwise accept a 错 example that no longer fires.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from example_runner import check_example
from gongwen_lint.diagnostics import Diagnostic
from gongwen_lint.rules import declared, registry

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("GWLINT_UPDATE_SNAPSHOTS") == "1"
RULES = [r for r in registry.all_rules() if registry.CODE_RE.match(r.code)]  # built-in rules only
HEADER = "（本文件由 tests/test_snapshots.py 生成，勿手改；GWLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py 重写）"


def _show(text: str) -> str:
    """One line of a snapshot: control characters (a line break in an excerpt) made visible."""
    return text.replace("\n", "⏎").replace("\t", "⇥")


LONG_LINE = 120  # an example line longer than this (a padded draft for GW705, GW706) is shown by its start


def _example_line(line: str) -> str:
    if len(line) <= LONG_LINE:
        return _show(line)
    return f"{_show(line[:40])}…（共 {len(line)} 字）"


def _diagnostic(d: Diagnostic) -> list[str]:
    where = f"{d.location.part}:{d.location.paragraph} {d.location.start}–{d.location.end}"
    lines = [f"  → {d.code} {d.severity.value} {where} “{_show(d.excerpt)}”", f"    {_show(d.message)}"]
    if d.fix is not None:
        kind = "" if d.fix.applicability == "safe" else f"（{d.fix.applicability}）"
        lines.append(f"    修复{kind}：“{_show(d.fix.replacement)}”" + ("（删去）" if not d.fix.replacement else ""))
    return lines


def render(rule: registry.Rule) -> str:
    """The snapshot of ``rule``: every example in docstring order with what the rule reports."""
    out = [f"{rule.code} {rule.name}：{rule.title}", HEADER]
    counts = {True: 0, False: 0}
    for example in rule.examples:
        counts[example.fires] += 1
        mark = "错" if example.fires else "对"
        out.append("")
        if "\n" in example.text:
            out.append(f"{mark} {counts[example.fires]}：")
            out += [f"    {_example_line(line)}" for line in example.text.split("\n")]
        else:
            out.append(f"{mark} {counts[example.fires]}：{_example_line(example.text)}")
        found = check_example(rule, example)
        if not found:
            out.append("  → 无发现")
        for d in found:
            out += _diagnostic(d)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_snapshot(rule):
    path = SNAPSHOTS / f"{rule.code}.txt"
    actual = render(rule)
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != actual:
            path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{rule.code} 没有快照 {path.name}：运行 GWLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{rule.code} 在其示例上的输出与快照 {path.name} 不同；若是有意的改动，"
        "用 GWLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py 重写并检查差异"
    )


def test_no_snapshot_without_its_rule():
    """A snapshot whose rule is gone (renumbered, removed) would never be compared again."""
    stale = sorted(p.name for p in SNAPSHOTS.glob("*.txt") if p.stem not in {r.code for r in RULES})
    if UPDATE:
        for name in stale:
            (SNAPSHOTS / name).unlink()
        return
    assert not stale, f"快照没有对应的规则：{stale}"


DECLARED = [(r, e) for r in RULES if isinstance(r.func, declared.DeclaredCheck)
            for e in r.func.examples if e.fires and (e.matches or e.fixes)]


@pytest.mark.parametrize("rule,example", DECLARED, ids=lambda x: getattr(x, "code", None) or x.text[:20])
def test_declared_examples_hold_through_the_engine(rule, example):
    """A TOML rule's ``match`` and ``fix`` are checked when the file is read, on the bare matcher;
    here they are checked again on what the engine reports (scope, masking, fixes as the CLI sees them)."""
    found = check_example(rule, example)
    if example.matches:
        assert tuple(d.excerpt for d in found) == example.matches
    if example.fixes:
        assert tuple(d.fix.replacement if d.fix else "" for d in found) == example.fixes
