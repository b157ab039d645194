"""Consistency and authority (issue 21): numbers that add up, dates that fit, organs that may issue,
obligations not quietly weakened.

The four drafts the issue names are built as real .docx (tests/docxbuild.py) — a wrong 合计, a
past deadline, a 局 issuing a 令, an 应当 restated as 可以 against a real SQLite index — and each
gets its finding with the evidence; the same drafts corrected get none.  The case families below
vary the wording the rules must generalise over.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from docxbuild import DocxBuilder
from example_documents import table_document
from gongwen_lint import lexicon
from gongwen_lint.api import Linter, load_document, read_docx
from gongwen_lint.config import Config
from gongwen_lint.textreader import document_from_text

CODES = ("GW611", "GW612", "GW613", "GW614", "GW621", "GW622", "GW623", "GW624", "GW631", "GW632", "GW633", "GW634")


def findings(doc_or_text, codes=CODES, index: str | None = None):
    lint = Linter(Config(select=tuple(codes), index=index))
    try:
        doc = document_from_text(doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
        return [d for d in lint.check_document(doc).diagnostics if d.code in codes]
    finally:
        lint.close()


def draft(*body: str, title: str = "关于开展安全生产大检查的通知", addressee: str = "各县（市、区）人民政府：",
          signature: str = "宜春市人民政府", date: str = "2024年3月1日", tail: tuple[str, ...] = ()) -> str:
    return "\n".join((title, addressee, *body, signature, date, *tail))


# --------------------------------------------------------------------------------------------
# The four drafts of the issue, as .docx


def _notice(path: Path, rows: list[list[str]], merge=(), text: str = "现将资金分配情况通知如下。") -> Path:
    b = DocxBuilder()
    b.p("关于下达2024年农村公路建设资金的通知", align="center", font="方正小标宋简体", size=22)
    b.p("各县（市、区）交通运输局：", font="仿宋_GB2312", size=16)
    b.p(text, first_line_chars=200, font="仿宋_GB2312", size=16)
    b.table(rows, merge=list(merge))
    b.p("宜春市交通运输局", align="right", font="仿宋_GB2312", size=16)
    b.p("2024年3月1日", align="right", font="仿宋_GB2312", size=16)
    return b.save(path)


def _funds(total: str) -> list[list[str]]:
    return [["序号", "县（市、区）", "金额（万元）", "占比"],
            ["1", "袁州区", "80", "66.7%"],
            ["2", "樟树市", "25.5", "21.2%"],
            ["3", "丰城市", "14.5", "12.1%"],
            ["合计", "", total, "100%"]]


def test_wrong_total_in_a_docx_table(tmp_path):
    wrong = _notice(tmp_path / "wrong.docx", _funds("130"), merge=[((4, 0), (4, 1))])
    found = findings(load_document(wrong), ("GW621",))
    assert len(found) == 1
    d = found[0]
    assert d.excerpt == "130"
    assert "合计" in d.message and "130万元" in d.message and "120万元" in d.message and "80＋25.5＋14.5" in d.message
    right = _notice(tmp_path / "right.docx", _funds("120"), merge=[((4, 0), (4, 1))])
    assert findings(load_document(right), ("GW621",)) == []


def test_reader_gives_merged_cells_their_grid_column(tmp_path):
    path = _notice(tmp_path / "t.docx", _funds("120"), merge=[((4, 0), (4, 1))])
    cells = [(p.table_pos, p.table_grid, p.text) for p in load_document(path).body if p.in_table and p.text]
    assert ((0, 4, 0), (0, 2), "合计") in cells  # one cell spanning 序号 and 县（市、区）
    assert ((0, 4, 1), (2, 1), "120") in cells  # the figure stays under 金额（万元）


def test_text_total_against_the_table(tmp_path):
    path = _notice(tmp_path / "t.docx", _funds("120"), text="2024年全市农村公路建设资金合计150万元，分配如下。")
    found = findings(load_document(path), ("GW622",))
    assert [d.excerpt for d in found] == ["150万元"] and "120万元" in found[0].message
    path = _notice(tmp_path / "u.docx", _funds("120"), text="2024年全市农村公路建设资金合计120万元，分配如下。")
    assert findings(load_document(path), ("GW622",)) == []


def _dated_notice(path: Path, deadline: str, date: str = "2024年3月1日") -> Path:
    b = DocxBuilder()
    b.p("关于开展安全生产大检查的通知", align="center", size=22)
    b.p("各县（市、区）人民政府：", size=16)
    b.p(f"请于{deadline}前将检查情况报送市安委会办公室。", first_line_chars=200, size=16)
    b.p("宜春市人民政府", align="right", size=16)
    b.p(date, align="right", size=16)
    return b.save(path)


def test_past_deadline_in_a_docx(tmp_path):
    found = findings(read_docx(_dated_notice(tmp_path / "a.docx", "2023年6月底")), ("GW631",))
    assert [d.excerpt for d in found] == ["2023年6月底"]
    assert "2024年3月1日" in found[0].message
    assert findings(read_docx(_dated_notice(tmp_path / "b.docx", "2024年6月底")), ("GW631",)) == []


def _order(path: Path, organ: str, signer: str) -> Path:
    b = DocxBuilder()
    b.p(f"{organ}令", align="center", size=26, color="FF0000", font="方正小标宋简体")
    b.p("第1号", align="center", size=16)
    b.p(f"《{organ[:3]}中小学校校外培训管理办法》已经会议审议通过，现予公布，自2024年5月1日起施行。",
        first_line_chars=200, size=16)
    b.p(signer, align="right", size=16)
    b.p("2024年3月1日", align="right", size=16)
    return b.save(path)


def test_a_bureau_issuing_an_order_in_a_docx(tmp_path):
    found = findings(read_docx(_order(tmp_path / "a.docx", "宜春市教育局", "局长　张三")), ("GW611",))
    assert [d.excerpt for d in found] == ["宜春市教育局"]
    assert "不能发布命令" in found[0].message
    assert findings(read_docx(_order(tmp_path / "b.docx", "宜春市人民政府", "市长　张三")), ("GW611",)) == []


REFERENCE = [
    "国务院办公厅关于进一步加强农村饮用水安全工作的通知",
    "各地应当建立农村饮用水水源地名录，逐一划定保护范围，设立明显的地理界标和警示标志，严禁在保护范围内新建排污口。",
    "各地要在2025年底前全面完成千人以上供水工程的水质检测，检测结果每季度向社会公开一次。",
]


@pytest.fixture
def higher_index(tmp_path) -> str:
    """A real SQLite index holding one higher-level notice."""
    from gongwen_lint.index.backends import open_index
    from gongwen_lint.index.segment import RefMeta, prepare

    url = str(tmp_path / "ref.gwidx")
    store = open_index(url, create=True)
    meta = RefMeta(path="ref/ncys.txt", title=REFERENCE[0], number="国办发〔2023〕9号", level="higher")
    store.add([prepare(meta, list(enumerate(REFERENCE, 1)), "\n".join(REFERENCE).encode(), store.params.k, store.params.w)])
    store.close()
    return url


def _restating(path: Path, sentence: str) -> Path:
    b = DocxBuilder()
    b.p("关于做好我县农村饮用水安全工作的通知", align="center", size=22)
    b.p("各乡镇人民政府：", size=16)
    b.p(sentence, first_line_chars=200, size=16)
    b.p("县水利局负责牵头组织，十月底前完成全县十二处水源地的界标设立工作。", first_line_chars=200, size=16)
    b.p("宜丰县人民政府", align="right", size=16)
    b.p("2024年3月1日", align="right", size=16)
    return b.save(path)


def test_shall_restated_as_may_in_a_docx(tmp_path, higher_index):
    weak = REFERENCE[1].replace("应当", "可以")
    found = findings(read_docx(_restating(tmp_path / "a.docx", weak)), ("GW641", "GW642"), index=higher_index)
    assert [d.code for d in found] == ["GW641"]
    d = found[0]
    assert d.excerpt == "可以"
    assert "“应当”改成了“可以”" in d.message and "各地【应当】建立" in d.message and "各地【可以】建立" in d.message
    assert d.reference is not None and d.reference.level == "higher" and d.reference.number == "国办发〔2023〕9号"
    same = findings(read_docx(_restating(tmp_path / "b.docx", REFERENCE[1])), ("GW641", "GW642"), index=higher_index)
    assert same == []


@pytest.mark.parametrize("draft_text,expect", [
    (REFERENCE[1].replace("严禁", ""), "删去了“严禁”"),
    (REFERENCE[2].replace("全面完成", "试点完成"), "范围由“全面”缩小为“试点”"),
    (REFERENCE[2].replace("2025年底前", "2027年底前"), "期限由2025年推迟到2027年"),
    (REFERENCE[1].replace("应当", "原则上"), "“应当”改成了“原则上”"),
    (REFERENCE[2].replace("要在", "可在"), "“要”改成了“可”"),
])
def test_weakening_family(tmp_path, higher_index, draft_text, expect):
    found = findings(read_docx(_restating(tmp_path / "a.docx", draft_text)), ("GW641",), index=higher_index)
    assert [expect in d.message for d in found] == [True]


def test_changed_figure_is_info(tmp_path, higher_index):
    text = REFERENCE[2].replace("每季度", "每半年").replace("千人以上", "五百人以上")
    found = findings(read_docx(_restating(tmp_path / "a.docx", text)), ("GW641", "GW642"), index=higher_index)
    assert any(d.code == "GW642" and d.severity.value == "info" and "“千”改成了“五百”" in d.message for d in found)


def test_no_index_no_finding():
    assert findings(draft(REFERENCE[1].replace("应当", "可以")), ("GW641", "GW642")) == []


# --------------------------------------------------------------------------------------------
# Numbers: parsing and case families


def test_amounts_in_base_units():
    from gongwen_lint.rules._amounts import (
        cell_quantity,
        cn_numeral,
        find_quantities,
        header_unit,
    )

    q = find_quantities("所需经费合计120万元，其中设备3.5亿元，约30余万元")
    assert [x.value for x in q] == [Decimal(1200000), Decimal(350000000), Decimal(300000)]
    assert [x.approx for x in q] == [False, False, True]
    assert cn_numeral("两千三百万") == 23000000 and cn_numeral("二〇二四") is None
    assert cell_quantity("1,200.50").value == Decimal("1200.50")
    assert cell_quantity("120", "万", "元").value == Decimal(1200000)
    assert header_unit("金额（万元）") == ("万", "元") and header_unit("单位：亿元") == ("亿", "元")


@pytest.mark.parametrize("rows,fires", [
    ([["项目", "金额（万元）"], ["甲", "10"], ["乙", "20"], ["合计", "31"]], True),
    ([["项目", "金额（万元）"], ["甲", "10"], ["乙", "20"], ["合计", "30"]], False),
    ([["项目", "数量（个）"], ["合计", "7"], ["甲", "3"], ["乙", "3"]], True),  # 合计 printed first
    ([["项目", "数量（个）"], ["合计", "6"], ["甲", "3"], ["乙", "3"]], False),
    ([["项目", "金额（万元）"], ["甲", "10"], ["其中：专项", "4"], ["乙", "20"], ["合计", "30"]], False),
    ([["项目", "完成率"], ["甲", "90%"], ["乙", "80%"], ["合计", "85%"]], False),  # rates are not added
    ([["项目", "金额（元）"], ["甲", "10.4"], ["乙", "20.4"], ["合计", "30.8"]], False),
    ([["项目", "金额（元）"], ["甲", "10.4"], ["乙", "20.4"], ["合计", "31.8"]], True),
    ([["项目", "金额（万元）"], ["一、市本级", ""], ["甲", "10"], ["小计", "10"], ["二、县区", ""],
      ["乙", "5"], ["丙", "6"], ["小计", "12"], ["合计", "22"]], True),  # the second 小计 is wrong
    ([["项目", "金额（万元）"], ["一、市本级", ""], ["甲", "10"], ["小计", "10"], ["二、县区", ""],
      ["乙", "5"], ["丙", "6"], ["小计", "11"], ["合计", "21"]], False),
    ([["项目", "金额（万元）"], ["一、基础设施", "100"], ["1.道路", "60"], ["2.桥梁", "40"], ["二、设备", "50"],
      ["合计", "150"]], False),  # a hierarchy: the 合计 sums the top level
    ([["项目", "金额"], ["甲", "1.2亿元"], ["乙", "3000万元"], ["合计", "1.5亿元"]], False),
])
def test_table_total_family(rows, fires):
    text = "关于下达资金的通知\n各县（市、区）人民政府：\n现通知如下。\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows)
    assert bool(findings(table_document(text), ("GW621",))) is fires


@pytest.mark.parametrize("sentence,fires", [
    ("全年共建成农村公路35公里（新建20公里，改建16公里）。", True),
    ("全年共建成农村公路36公里（新建20公里，改建16公里）。", False),
    ("共设立监测点12个：河流8个、湖库4个。", False),
    ("共设立监测点12个：河流8个、湖库5个。", True),
    ("共有企业100家，其中国有企业20家、民营企业90家。", False),  # 其中 need not add up (and counts may overlap)
    ("下达补助资金合计300万元，其中中央资金200万元，省级资金150万元。", True),  # money parts exceed the whole
    ("下达补助资金合计约300万元（中央资金200万元，省级资金150万元）。", False),  # 约: approximate
])
def test_stated_total_family(sentence, fires):
    assert bool(findings(draft(sentence), ("GW622",))) is fires


@pytest.mark.parametrize("body,fires", [
    (["重点做好以下四个方面工作：", "（一）落实责任。", "（二）排查隐患。", "（三）储备物资。", "（四）加强值守。"], False),
    (["重点做好以下五个方面工作：", "（一）落实责任。", "（二）排查隐患。", "（三）储备物资。", "（四）加强值守。"], True),
    (["提出以下3条措施：", "1. 落实责任。", "2. 排查隐患。", "（1）河道。", "（2）水库。", "3. 储备物资。"], False),
    (["提出以下2条措施：", "1. 落实责任。", "2. 排查隐患。", "3. 储备物资。"], True),
    (["从以下三个方面推进：", "一、落实责任。", "二、排查隐患。", "三、储备物资。", "四、组织保障。"], False),  # closing section
    (["本办法第十八条所称重大问题是指：", "（一）甲。", "（二）乙。"], False),  # an article number
    (["处3个月至6个月的停业整顿：", "（一）甲。", "（二）乙。"], False),  # a duration
    (["主要包括3个方面12项任务：", "一、甲", "（一）a", "（二）b", "二、乙", "（一）c", "三、丙", "（一）d"], True),
    (["共计3个方面4项：", "一、甲", "（一）a", "（二）b", "二、乙", "（一）c", "三、丙", "（一）d"], False),
    (["共计3个方面5项：", "一、甲", "（一）a", "（二）b", "二、乙", "（一）c", "三、丙", "（一）d"], True),
])
def test_item_count_family(body, fires):
    assert bool(findings(draft(*body), ("GW623",))) is fires


def test_attachment_reference_and_sequence():
    base = ("关于开展安全检查的通知", "各单位：")
    ok = "\n".join((*base, "请按附件2的格式报送。", "附件：1. 检查方案", "2. 检查表", "宜昌市应急管理局", "2024年3月1日"))
    assert findings(ok, ("GW624",)) == []
    gap = ok.replace("2. 检查表", "3. 检查表").replace("附件2", "附件1")
    assert [d.message for d in findings(gap, ("GW624",))] == ["附件顺序号应为2，写成了3"]
    cited = ok.replace("请按附件2", "请按《关于开展检查的通知》附件3")
    assert findings(cited, ("GW624",)) == []  # another document's attachment


# --------------------------------------------------------------------------------------------
# Dates


def test_when_resolution():
    from gongwen_lint.rules._when import find_whens

    ref = datetime.date(2024, 3, 1)
    got = {w.text: w.date for w in find_whens("请于2023年6月底前、今年三季度、本月15日前、年底前、统一月度", ref)}
    assert got == {"2023年6月底": datetime.date(2023, 6, 30), "今年三季度": datetime.date(2024, 9, 30),
                   "本月15日": datetime.date(2024, 3, 15), "年底": datetime.date(2024, 12, 31)}
    (_, b) = find_whens("2023年5月1日至5月31日", ref)
    assert b.date == datetime.date(2023, 5, 31)  # the year of the period's start
    # the pieces of gongwen_lint.dates: spaces around the digits, a year in Chinese digits
    spaced = {w.text: w.date for w in find_whens("请于 2023 年 6 月 30 日前、二〇二三年九月底前报送", ref)}
    assert spaced == {"2023 年 6 月 30 日": datetime.date(2023, 6, 30), "二〇二三年九月底": datetime.date(2023, 9, 30)}
    (_, c) = find_whens("二〇二三年，……5月1日至5月31日", ref)
    assert c.date == datetime.date(2023, 5, 31)  # a year in Chinese digits gives the context year too
    (d,) = find_whens("请于２０２３年６月底前报送", ref)  # full-width digits (older documents, some IMEs)
    assert d.date == datetime.date(2023, 6, 30)


@pytest.mark.parametrize("sentence,date,fires", [
    ("请于2023年6月底前报送。", "2024年3月1日", True),
    ("请于2024年6月底前报送。", "2024年3月1日", False),
    ("请各地于今年2月底前报送。", "2024年3月20日", True),
    ("请于2月28日前报送。", "2024年3月10日", True),  # no year: this year's, 11 days ago
    ("请于1月10日前报送。", "2024年11月20日", False),  # no year, months ago: next January
    ("各地已于2023年6月底前完成了整改。", "2024年3月1日", False),  # narrative
    ("按照省里的部署要求，2023年底前要全面完成改造。", "2024年3月1日", False),  # recounting
    ("会议定于2024年2月20日召开。", "2024年3月1日", True),
    ("申报时间：2024年1月1日至2月20日。", "2024年3月1日", True),
    ("每年3月至9月为汛期。", "2024年10月1日", False),
    ("本月底前完成自查。", "2024年3月1日", False),
    # the same dates written with spaces (pasted from a web page) or in Chinese digits
    ("请于 2023 年 6 月底前报送。", "2024年3月1日", True),
    ("请于2024 年 6 月 30 日前报送。", "2024年3月1日", False),
    ("请于二〇二三年六月底前报送。", "2024年3月1日", True),
    ("请于二〇二四年六月底前报送。", "2024年3月1日", False),
    ("中华文明有5000年历史，请于6月底前报送。", "2024年3月1日", False),  # 5000年 is no year
])
def test_deadline_family(sentence, date, fires):
    assert bool(findings(draft(sentence, date=date), ("GW631",))) is fires


def test_deadline_in_a_bulletin_needs_a_request():
    bulletin = {"title": "关于安全生产大检查情况的通报"}
    assert findings(draft("各地要在2023年底前全面完成改造。", **bulletin), ("GW631",)) == []
    assert findings(draft("请各地于2023年底前报送整改情况。", **bulletin), ("GW631",))


def test_printed_before_dated():
    late = draft("请认真组织开展检查。", date="2024年3月5日", tail=("宜春市人民政府办公室　　2024年3月1日印发",))
    assert [d.code for d in findings(late, ("GW632",))] == ["GW632"]
    ok = draft("请认真组织开展检查。", date="2024年3月1日", tail=("宜春市人民政府办公室　　2024年3月1日印发",))
    assert findings(ok, ("GW632",)) == []


@pytest.mark.parametrize("sentence,date,fires", [
    ("今年是“十四五”规划开局之年。", "2024年3月1日", True),
    ("今年是“十四五”规划收官之年。", "2025年3月1日", False),
    ("今年是“十四五”规划实施的第四年。", "2024年3月1日", False),
    ("今年是中华人民共和国成立75周年。", "2024年3月1日", False),
    ("今年是新中国成立75周年。", "2025年3月1日", True),
    ("今年（2023年）全市经济运行稳中有进。", "2024年3月1日", True),
    ("明年（2025年）将全面完成。", "2024年3月1日", False),
    ("2021年是建党100周年。", "2024年3月1日", False),
    ("2022年是建党100周年。", "2024年3月1日", True),
    ("近日，市政府于2023年5月10日召开专题会议。", "2024年3月1日", True),
    ("近日，市政府于2024年2月10日召开专题会议。", "2024年3月1日", False),
    ("近日，市政府印发方案，2024年6月起在全市推开。", "2024年3月1日", False),
])
def test_year_family(sentence, date, fires):
    assert bool(findings(draft(sentence, date=date), ("GW633",))) is fires


@pytest.mark.parametrize("sentence,fires", [
    ("请于2024年3月5日（星期二）上午9时参会。", False),
    ("请于2024年3月5日（星期三）上午9时参会。", True),
    ("请于3月5日（周二）上午9时参会。", False),  # the year from the 成文日期
    ("请于3月5日（周四）上午9时参会。", True),  # a Thursday in none of 2023–2025
    ("请于 2024 年 3 月 5 日（星期二）上午9时参会。", False),
    ("请于 2024 年 3 月 5 日（星期三）上午9时参会。", True),
])
def test_weekday_family(sentence, fires):
    assert bool(findings(draft(sentence), ("GW634",))) is fires


# --------------------------------------------------------------------------------------------
# Organs


@pytest.mark.parametrize("name,kind,level", [
    ("宜春市教育局", "department", 0),
    ("县人民政府", "government", 3),
    ("宜春市袁州区三阳镇人民政府", "government", 4),
    ("杭州市西湖区教育局", "department", 3),
    ("宜春市住房和城乡建设局", "department", 0),
    ("中共宜春市委", "party", 0),
    ("宜春市人民政府办公室", "office", 0),
    ("市人大常委会", "npc", 0),
    ("内蒙古自治区人民政府", "government", 1),
    ("北京市人民政府", "government", 1),
    ("宜春市公安局", "own_system", 0),
    ("宜春市防汛抗旱指挥部", "own_system", 0),
    ("宜春学院", "institution", None),
    ("各县（市、区）人民政府", "government", 3),
])
def test_organ_names(name, kind, level):
    from gongwen_lint.rules._organs import parse_organ

    o = parse_organ(name, lexicon.load().organ_suffixes)
    assert (o.kind, o.level) == (kind, level)


def _order_text(organ: str, promulgates: bool = True) -> str:
    body = ("《城市绿化管理办法》已经会议审议通过，现予公布，自2024年5月1日起施行。" if promulgates
            else "自即日起至2024年4月30日，全域禁止一切野外用火。")
    return f"{organ}令\n第1号\n{body}\n负责人　张三\n2024年3月1日"


@pytest.mark.parametrize("organ,promulgates,fires", [
    ("宜春市教育局", True, True),
    ("靖安县自然资源局", True, True),
    ("宜春市人民政府办公室", True, True),
    ("宜春市城市建设投资集团有限公司", True, True),
    ("宜丰县人民政府", True, True),  # a county cannot make 规章
    ("宜丰县人民政府", False, False),  # but may issue an order (禁火令)
    ("宜春市人民政府", True, False),
    ("江西省人民政府", True, False),
    ("国务院", True, False),
    ("交通运输部", True, False),
    ("国家统计局", True, False),
    ("宜春市公安局", False, False),
    ("宜春市森林防火指挥部", False, False),
])
def test_order_issuer_family(organ, promulgates, fires):
    assert bool(findings(_order_text(organ, promulgates), ("GW611",))) is fires


@pytest.mark.parametrize("issuer,addressee,fires", [
    ("宜春市人民政府", "市人大常委会：", False),
    ("宜春市人民政府", "宜春市人民代表大会常务委员会：", False),
    ("宜春市财政局", "市人大常委会：", True),
    ("宜春市人民政府", "市人民政府办公室：", True),
    ("宜丰县人民政府", "宜春市人民代表大会常务委员会：", True),
    ("国务院", "全国人民代表大会常务委员会：", False),
])
def test_motion_family(issuer, addressee, fires):
    text = "\n".join((f"{issuer}关于提请审议《预算调整方案》的议案", addressee, "现将《预算调整方案》提请审议。", "负责人　张三", "2024年3月1日"))
    assert bool(findings(text, ("GW612",))) is fires


@pytest.mark.parametrize("issuer,cc,fires", [
    ("宜春市教育局", "抄送：市财政局，各县（市、区）教育局。", True),
    ("宜春市教育局", "抄送：市财政局，局属各单位。", True),
    ("宜春市教育局", "抄送：市财政局，各县（市、区）人民政府。", False),  # not the bureau's subordinates
    ("宜丰县人民政府", "抄送：各乡镇人民政府。", True),
    ("宜丰县人民政府", "抄送：市财政局。", False),
])
def test_request_cc_family(issuer, cc, fires):
    text = draft("需资金300万元。妥否，请批示。", title=f"{issuer}关于申请维修资金的请示", addressee="市人民政府：",
                 signature=issuer, tail=(cc,))
    assert bool(findings(text, ("GW613",))) is fires


@pytest.mark.parametrize("issuer,addressee,fires", [
    ("宜春市教育局", "市人民政府：", True),  # its own government: a 请示
    ("宜春市人民政府", "市教育局：", True),  # its own department
    ("宜春市人民政府", "各县（市、区）人民政府：", True),
    ("宜丰县人民政府", "市人民政府：", True),
    ("宜春市教育局", "宜春市应急管理局：", False),  # 不相隶属
    ("宜春市人民政府办公室", "各县（市、区）人民政府：", False),  # the office writes for the government
    ("生态环境部", "江西省人民政府：", False),
    ("宜春市教育局", "九江市教育局：", False),
])
def test_letter_family(issuer, addressee, fires):
    text = draft("请予支持。", title=f"{issuer}关于商请支持有关工作的函", addressee=addressee, signature=issuer)
    assert bool(findings(text, ("GW614",))) is fires


# --------------------------------------------------------------------------------------------
# Real files


def test_yichun_draft_gets_no_consistency_finding(tmp_path):
    from drafts import yichun_docx

    found = findings(load_document(yichun_docx(tmp_path / "yichun.docx")))
    assert [d for d in found if d.severity.value != "info"] == []


def test_corpus_layouts_get_no_consistency_finding(corpus_docx):
    real = corpus_docx.parent / "realdocx"
    paths = sorted(corpus_docx.glob("*.docx")) + sorted(real.glob("*.docx"))
    assert len(paths) >= 32
    loud = [(p.name, d.code, d.message) for p in paths for d in findings(load_document(p)) if d.severity.value != "info"]
    assert loud == []
