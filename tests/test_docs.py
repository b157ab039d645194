"""docs/rules.md is generated from the rules' own docstrings and must not drift from them."""

from pathlib import Path

from gongwen_lint.output.rules_format import render_reference

ROOT = Path(__file__).resolve().parents[1]


def test_rule_reference_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_reference(), "run: python -m gongwen_lint.output.rules_format > docs/rules.md"


def test_every_rule_is_in_the_reference():
    from gongwen_lint.rules.registry import all_rules

    text = render_reference()
    for r in all_rules():
        assert f"## {r.code} {r.name}" in text
