"""GW801–GW805 through the public API, against a real index."""

from __future__ import annotations

import json

import pytest

from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.index.backends import open_index
from gongwen_lint.index.segment import RefMeta, prepare

HIGHER = [
    "关于加强城市排水防涝工作的通知",
    "各区要在五月底前完成主城区二百一十处易涝点的排查，逐点明确责任单位、整改措施和完成时限，整改情况每周报市排水办。",
    "汛期实行易涝点二十四小时巡查，雨量达到五十毫米时，责任单位负责人必须到现场指挥排水，并及时疏导过往车辆和行人。",
    "排水管网清淤每年不少于两次，雨季前必须完成一次全面清淤，清淤记录由各区城管部门存档备查，市里随机抽查。",
]
ISSUED = [
    "关于做好学校食堂食品安全工作的通知",
    "学校食堂实行食材采购索证索票和进货查验制度，每日留样不少于一百二十五克，留样时间不少于四十八小时，并由专人登记。",
    "食堂从业人员每年进行一次健康检查，持有效健康证明上岗，患有有碍食品安全疾病的人员一律调离岗位。",
]
OWN = [
    "我区今年新建雨水泵站两座，改造老旧管网十八公里，所需资金由区财政统筹安排。",
    "区应急局牵头建立防汛物资台账，每个街道储备沙袋不少于两千条、抽水泵不少于四台。",
    "各街道要在六月十日前组织一次防汛应急演练，演练方案报区防汛办备案。",
    "区城管局对辖区内的雨水箅子逐个编号，发现堵塞、缺失的，须在四十八小时内修复并拍照留档。",
]
TO = "各街道办事处，区政府各部门："


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("idx") / "ref.gwidx")
    store = open_index(path, create=True)
    for name, paras, level, number in (("higher.txt", HIGHER, "higher", "市政发〔2024〕7号"), ("issued.txt", ISSUED, "same", "区教发〔2023〕3号")):
        meta = RefMeta(path=f"/archive/{name}", title=paras[0], number=number, issuer="某市人民政府", year=2024, level=level)
        store.add([prepare(meta, list(enumerate(paras, start=1)), "\n".join(paras).encode(), store.params.k, store.params.w)])
    store.close()
    return path


def check(text: str, index: str | None):
    linter = Linter(Config(select=("GW8",), index=index))
    try:
        return [d for d in linter.check_text(text).diagnostics if d.code.startswith("GW8")]
    finally:
        linter.close()


def test_no_index_no_findings():
    assert check("\n".join(HIGHER), None) == []


def test_copied_passage_is_located_with_reference(index_path):
    copied = HIGHER[2].replace("五十毫米", "三十毫米")
    text = "\n".join(["关于做好我区防汛工作的通知", TO, OWN[0], "按照市里要求，" + copied, OWN[1], OWN[2], OWN[3]])
    found = check(text, index_path)
    gw803 = [d for d in found if d.code == "GW803"]
    assert len(gw803) == 1
    d = gw803[0]
    assert d.location.paragraph == 4
    assert d.excerpt.startswith("汛期实行") and d.excerpt.endswith("行人")
    ref = d.to_dict()["reference"]
    assert ref["path"] == "/archive/higher.txt" and ref["level"] == "higher" and ref["number"] == "市政发〔2024〕7号"
    assert ref["paragraph"] == 3 and 0.85 < ref["similarity"] < 1
    assert not [x for x in found if x.code in ("GW801", "GW802", "GW804")]  # under 30 % of the draft


def test_substantial_repeat_of_higher_document_is_gw801(index_path):
    text = "\n".join(["关于做好我区防汛工作的通知", TO, HIGHER[1], HIGHER[3], OWN[0]])
    codes = sorted(d.code for d in check(text, index_path))
    assert codes == ["GW801", "GW803", "GW803"]


def test_substantial_repeat_of_issued_document_is_gw802(index_path):
    text = "\n".join(["关于加强食堂管理的通知", TO, ISSUED[1], OWN[2]])
    found = check(text, index_path)
    assert "GW802" in [d.code for d in found] and "GW801" not in [d.code for d in found]
    d = next(d for d in found if d.code == "GW802")
    assert d.severity.value == "warning" and d.reference.path == "/archive/issued.txt"


def test_whole_reissue_is_gw804_not_gw801(index_path):
    text = "\n".join(["关于转发加强城市排水防涝工作的通知", TO] + HIGHER[1:])
    codes = {d.code for d in check(text, index_path)}
    assert "GW804" in codes and "GW801" not in codes


def test_stock_phrases_only_draft_is_clean(index_path):
    text = "\n".join([
        "为深入贯彻落实党中央、国务院决策部署，进一步加强组织领导，现将有关事项通知如下。",
        "各有关单位要高度重视，切实加强组织领导，确保各项工作落到实处。",
        "请结合实际认真贯彻执行，执行中遇到的问题，请及时报告。",
    ])
    assert check(text, index_path) == []


def test_json_reference_contract(index_path):
    linter = Linter(Config(select=("GW803",), index=index_path))
    try:
        report = linter.check_text("\n".join([OWN[0], ISSUED[2]]))
    finally:
        linter.close()
    data = json.loads(report.to_json())
    ref = data["files"][0]["diagnostics"][0]["reference"]
    assert set(ref) >= {"path", "title", "number", "issuer", "level", "paragraph", "similarity", "coverage"}  # contract keys
    assert ref["same_text"] == []  # new in issue 20: templated siblings holding the same text
    assert ref["title"] == ISSUED[0] and ref["paragraph"] == 3


def test_inspect_substance_marks_the_items_the_index_holds(index_path, tmp_path):
    from click.testing import CliRunner

    from gongwen_lint.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join(["关于做好我区防汛工作的通知", TO, OWN[0], HIGHER[2], OWN[1], "区人民政府", "2024年5月1日"]),
                     encoding="utf-8")
    out = CliRunner().invoke(main, ["inspect", "--substance", "--format", "json", "--index", index_path, str(draft)])
    assert out.exit_code == 0, out.output
    copied = {p["paragraph"]: p["copied"] for p in json.loads(out.output)["paragraphs"]}
    assert copied == {3: False, 4: True, 5: False}
    plain = CliRunner().invoke(main, ["inspect", "--substance", "--format", "json", str(draft)])
    assert {p["copied"] for p in json.loads(plain.output)["paragraphs"]} == {None}
    text = CliRunner().invoke(main, ["inspect", "--substance", "--index", index_path, str(draft)])
    assert next(line for line in text.output.splitlines() if "索引中已有" in line).lstrip().startswith("4")
