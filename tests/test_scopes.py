"""Scopes that name zones (版头, 主体, 附件, 版记) and items (rules/_zones.py), through the engine.

A rule declared with a scope is handed its zone, the paragraphs of its roles in the zone, or each
item; these tests run unregistered rules of each kind over a small draft written here and over a
real WPS draft of the shared corpus, and check what each one was handed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from corpus_paths import SHARED
from gongwen_lint import structure
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Diagnostic, Severity
from gongwen_lint.engine import run_rules
from gongwen_lint.model import HEADING_ROLES, Document, Role
from gongwen_lint.reading import load_document
from gongwen_lint.rules import _zones, registry
from gongwen_lint.rules.context import Context, Resources
from gongwen_lint.textreader import document_from_text

DRAFT = """\
宜城市人民政府文件
宜政发〔2024〕12号
宜城市人民政府关于做好防汛工作的通知
各乡镇人民政府，市政府各部门：
为做好今年防汛工作，现就有关事项通知如下。
一、加强组织领导
各乡镇要成立防汛工作专班，2024年6月底前报市应急管理局备案。
（一）压实责任。市水利局牵头，每月召开一次调度会。
二、做好物资储备
附件：防汛物资清单
宜城市人民政府
2024年6月20日
附件
防汛物资清单
一、编织袋
各乡镇储备编织袋不少于5000条。
抄送：市委办公室，市人大常委会办公室。
宜城市人民政府办公室          2024年6月20日印发
"""


def _rule(scope: str | None, roles=None, seen: list | None = None) -> registry.Rule:
    """A rule (not registered) that records what the engine hands it and reports nothing."""

    def func(unit, ctx: Context) -> Iterator[Diagnostic]:
        assert seen is not None
        seen.append(unit)
        return iter(())

    return registry.Rule(code="GW999", name="scope-probe", title="测试", severity=Severity.INFO, source="实务",
                         func=func, roles=frozenset(roles) if roles is not None else None, scope=scope)


def handed(doc: Document, scope: str | None, roles=None) -> list:
    seen: list = []
    config = Config()
    resources = Resources(config)
    try:
        run_rules(doc, config, resources, [_rule(scope, roles, seen)])
    finally:
        resources.close()
    return seen


@pytest.fixture(scope="module")
def draft() -> Document:
    return structure.analyse(document_from_text(DRAFT, "<draft>"))


def texts(paragraphs) -> list[str]:
    return [p.text for p in paragraphs]


def test_the_head_zone_is_the_organ_mark_and_the_document_number(draft):
    (zone,) = handed(draft, "版头")
    assert zone.name == "版头" and zone.doc is draft
    assert texts(zone.paragraphs) == ["宜城市人民政府文件", "宜政发〔2024〕12号"]


def test_the_main_zone_runs_from_the_title_to_the_date(draft):
    (zone,) = handed(draft, "主体")
    got = texts(zone.paragraphs)
    assert got[0] == "宜城市人民政府关于做好防汛工作的通知" and got[-1] == "2024年6月20日"
    assert "附件：防汛物资清单" in got  # the 附件说明 belongs to the 主体
    assert "一、编织袋" not in got  # an attachment's headings are the attachment's


def test_the_attachment_zone_holds_the_attachment_and_its_headings(draft):
    (zone,) = handed(draft, "附件")
    assert texts(zone.paragraphs) == ["附件", "防汛物资清单", "一、编织袋", "各乡镇储备编织袋不少于5000条。"]


def test_the_imprint_zone_and_its_paragraph_rules(draft):
    (zone,) = handed(draft, "版记")
    assert [p.role for p in zone.paragraphs] == [Role.CC, Role.PRINTER]
    assert texts(handed(draft, "版记", roles={Role.CC})) == ["抄送：市委办公室，市人大常委会办公室。"]


def test_a_zone_rule_is_not_called_for_a_zone_the_document_lacks():
    doc = structure.analyse(document_from_text("关于做好防汛工作的通知\n各单位：\n请做好防汛工作。\n", "<d>"))
    assert handed(doc, "版记") == [] and handed(doc, "附件") == []


def test_items_are_headings_with_their_text_and_paragraphs_under_none(draft):
    items = handed(draft, "items")
    shown = [(it.heading.text if it.heading else None, texts(it.text)) for it in items]
    assert shown == [
        (None, ["为做好今年防汛工作，现就有关事项通知如下。"]),
        ("一、加强组织领导", ["各乡镇要成立防汛工作专班，2024年6月底前报市应急管理局备案。"]),
        ("（一）压实责任。市水利局牵头，每月召开一次调度会。", []),  # a run-in heading carries its text
        ("二、做好物资储备", []),
        ("一、编织袋", ["各乡镇储备编织袋不少于5000条。"]),
    ]


def _partition(doc: Document) -> None:
    """Every heading and every paragraph of running text of the body is in exactly one item, and
    every paragraph of a zone in one zone."""
    prose = [p for p in doc.body if p.role in HEADING_ROLES | {Role.BODY, Role.ATTACHMENT_BODY}]
    in_items = [p for it in _zones.items(doc) for p in it.paragraphs]
    assert in_items == prose
    zoned = [p for name in _zones.ZONES for p in _zones.zone(doc, name).paragraphs]
    assert len(zoned) == len({p.index for p in zoned})


def test_items_and_zones_partition_the_draft(draft):
    _partition(draft)


REAL = SHARED / "corpus" / "realdocx"


@pytest.mark.corpus
def test_zones_and_items_of_a_real_wps_draft():
    """yangzhang_tonggao_wps.docx: a WPS 通告 template with 版头, 主体 and 版记."""
    doc = structure.analyse(load_document(REAL / "yangzhang_tonggao_wps.docx"))
    (head,) = handed(doc, "版头")
    assert [p.role for p in head.paragraphs] == [Role.COPY_NUMBER, Role.SECRECY, Role.URGENCY, Role.ORGAN_MARK,
                                                 Role.DOC_NUMBER]
    (main,) = handed(doc, "主体")
    assert main.paragraphs[0].role is Role.TITLE and main.paragraphs[-1].role is Role.NOTE
    (imprint,) = handed(doc, "版记")
    assert [p.role for p in imprint.paragraphs] == [Role.CC, Role.CC, Role.PRINTER, Role.PRINTER]
    assert handed(doc, "附件") == []
    items = handed(doc, "items")
    assert items[0].heading is None and items[1].heading is not None
    assert [len(it.paragraphs) for it in items if len(it.paragraphs) > 1] == [2, 2, 2]  # a heading with one paragraph below
    _partition(doc)


@pytest.mark.corpus
def test_the_attachment_zone_of_a_real_format_sheet():
    """geshi_yaoqiu.docx: a format sheet whose reference part is an attachment with four heading levels."""
    doc = structure.analyse(load_document(REAL / "geshi_yaoqiu.docx"))
    (attachment,) = handed(doc, "附件")
    roles = [p.role for p in attachment.paragraphs]
    assert roles[0] is Role.ATTACHMENT_TITLE and roles[-1] is Role.ATTACHMENT_BODY
    assert set(roles[1:-1]) == set(HEADING_ROLES)
    _partition(doc)


def test_the_rules_that_use_scopes():
    """GW703 judges items, the 版记 rules read the 版记 zone, GW205 the 版头's 发文机关标志."""
    scopes = {r.code: r.scope for r in registry.all_rules() if r.scope}
    assert scopes["GW703"] == "items"
    assert scopes["GW107"] == scopes["GW207"] == "版记"
    assert scopes["GW205"] == "版头"
    assert all(s in _zones.SCOPES for s in scopes.values())


def test_a_scope_must_be_a_zone_or_items():
    with pytest.raises(ValueError):
        registry.rule("GW998", "bad-scope", title="测试", severity=Severity.INFO, source="实务", scope="正文")
