"""Runs one rule on one of its docstring examples: the rules' first tests (docs/developing.md).

Test code, as ruff keeps its fixture runner with its tests: the product shows examples
(``gongwen-lint rule CODE``, docs/rules.md) but never runs them.  What an example is read as
is declared on the rule (``@rule(example_input=…)``), never looked up on its module:

- ``text`` (the default): a one-line example of a paragraph rule is a paragraph of the rule's
  scope (正文 when it has it, else its first role in sorted order), so the example shows the
  wording without the scaffolding of a whole draft; a block example, and any example of a
  document rule, is a whole plain-text draft, structure recognised;
- ``layout``, ``table``: the document the builder of :mod:`example_documents` makes;
- ``index``: a plain-text draft checked against an index of the rule's ``## 参照文件``.
"""

from __future__ import annotations

from collections.abc import Callable

from example_documents import layout_document, reference_index, table_document
from gongwen_lint import structure
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Diagnostic
from gongwen_lint.engine import run_rules
from gongwen_lint.model import Document, Paragraph, Role
from gongwen_lint.rules import registry
from gongwen_lint.rules.context import Resources
from gongwen_lint.textreader import document_from_text


def text_document(rule: registry.Rule, text: str) -> Document:
    """A plain-text example: one paragraph of the rule's scope, or a whole draft."""
    if rule.roles is not None and "\n" not in text:
        role = Role.BODY if Role.BODY in rule.roles else sorted(rule.roles, key=lambda x: x.value)[0]
        analysed = structure.analyse(document_from_text(text))  # the genre and format of the line
        p = Paragraph(part="body", index=1, text=text, role=role)
        return Document(path="<example>", source="text", parts={"body": (p,)}, genre=analysed.genre,
                        format=analysed.format)
    return structure.analyse(document_from_text(text, "<example>"))


#: One builder per ``example_input`` (registry.EXAMPLE_INPUTS): (document, configuration).
BUILDERS: dict[str, Callable[[registry.Rule, str], tuple[Document, Config]]] = {
    "text": lambda r, text: (text_document(r, text), Config(select=(r.code,))),
    "layout": lambda r, text: (layout_document(text), Config(select=(r.code,))),
    "table": lambda r, text: (table_document(text), Config(select=(r.code,))),
    "index": lambda r, text: (text_document(r, text), Config(select=(r.code,), index=reference_index(r))),
}


def check_example(rule: registry.Rule, example: registry.Example) -> list[Diagnostic]:
    """The diagnostics ``rule`` (alone) gives on ``example``, through the real engine."""
    doc, config = BUILDERS[rule.example_input](rule, example.text)
    resources = Resources(config)
    try:
        return [d for d in run_rules(doc, config, resources, [rule]).diagnostics if d.code == rule.code]
    finally:
        resources.close()
