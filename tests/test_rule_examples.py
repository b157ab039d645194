"""Every rule documents itself with examples, and its examples are its first tests."""

import re

import pytest

from example_runner import BUILDERS, check_example
from gongwen_lint.rules import registry

RULES = registry.all_rules()


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"GW\d{3}", c) for c in codes)


def test_every_example_input_has_a_builder():
    """What a rule may declare its examples to be (``@rule(example_input=…)``), the harness reads."""
    assert set(BUILDERS) == set(registry.EXAMPLE_INPUTS)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_documents_itself(rule):
    doc = rule.doc
    for section in ("## 检查内容", "## 依据", "## 示例"):
        assert section in doc, f"{rule.code} docstring lacks {section}"
    kinds = {e.fires for e in rule.examples}
    assert kinds == {True, False}, f"{rule.code} needs both 错 and 对 examples"


CASES = [(r, e) for r in RULES for e in r.examples]


@pytest.mark.parametrize("rule,example", CASES, ids=lambda x: getattr(x, "code", None) or x.text[:20])
def test_rule_examples(rule, example):
    found = check_example(rule, example)
    if example.fires:
        assert found, f"{rule.code} should fire on: {example.text!r}"
    else:
        assert not found, f"{rule.code} should not fire on {example.text!r}: {[d.message for d in found]}"
