"""Issue 20: the evidence names the document a passage was copied from, at a place a reviewer
can open, and the draft's novelty (GW805) — against real indexes of real files."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from corpus_paths import FIXTURE_ARCHIVE
from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.index.backends import open_index
from gongwen_lint.index.ingest import iter_prepared
from gongwen_lint.index.normalize import normalize
from gongwen_lint.index.segment import RefMeta, prepare


def check(text: str, index: str):
    linter = Linter(Config(select=("GW8",), index=index))
    try:
        return [d for d in linter.check_text(text).diagnostics if d.code.startswith("GW8")]
    finally:
        linter.close()


def file_paragraphs(path: str) -> list[str]:
    """Paragraph N of a reference file as a reviewer counts it (written here, not imported):
    non-empty lines, without the ``# title`` line and ``<!-- … -->`` comments."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [x for x in lines if x.strip() and not re.match(r"\s*#\s", x) and not x.strip().startswith("<!--")]


OWN = [  # the draft's own measures (so that it is not a mere restatement, GW805)
    "县司法局于十月底前完成全县八十二个村的法律顾问配备，每个村至少一名，名单在村务公开栏公示。",
    "各乡镇司法所每月十日前将上月法律援助案件的办理情况报县司法局，县司法局每季度汇总通报一次。",
    "县财政在年度预算中安排六十万元专项经费，用于村级法律顾问的补贴和基层普法宣传资料的印制。",
]


@pytest.fixture(scope="module")
def laws_index(tmp_path_factory):
    url = str(tmp_path_factory.mktemp("laws") / "laws.gwidx")
    files = sorted((FIXTURE_ARCHIVE / "laws").glob("*.txt"))
    with open_index(url, create=True) as store:
        store.add(iter_prepared(files, store.params.k, store.params.w, manifest=FIXTURE_ARCHIVE / "manifest.tsv"))
    return url, files


def test_reference_paragraph_opens_at_the_copied_passage(laws_index):
    """Copy articles from the laws (files with a ``# title``, front matter and blank lines);
    open each finding's reference file at ``reference.paragraph``: the passage is there."""
    url, files = laws_index
    rng = random.Random(20)
    checked = 0
    for path in files:
        paras = [p for p in file_paragraphs(str(path)) if len(normalize(p)) >= 60 and p.startswith("第")]
        if len(paras) < 3:
            continue
        copied = rng.sample(paras, 2)
        text = "\n".join(["关于贯彻执行有关规定的通知", copied[0], *OWN[:2], copied[1], OWN[2]])
        for d in check(text, url):
            if d.code != "GW803":
                continue
            ref = file_paragraphs(d.reference.path)
            n = d.reference.paragraph
            assert 1 <= n <= len(ref), d.reference
            assert normalize(d.excerpt)[:40] in normalize(ref[n - 1]), (d.reference.path, n, d.excerpt[:40], ref[n - 1][:40])
            article = re.match(r"第[零〇一二三四五六七八九十百千]+条", ref[n - 1])
            if article:  # a law: the message names the 条 too
                assert article.group() in d.message, d.message
            checked += 1
    assert checked >= 10


def _add(store, path: str, paras: list[str], level: str = "same", year: int = 2020) -> None:
    meta = RefMeta(path=path, title=paras[0], level=level, year=year)
    store.add([prepare(meta, list(enumerate(paras, start=1)), "\n".join(paras).encode(), store.params.k, store.params.w)])


SOURCE = (
    "请你市对照督办问题清单，逐项制定整改方案，明确责任单位、责任人和整改时限，于十月三十一日前将整改进展情况"
    "报送督察办公室，对整改不力、敷衍整改的，将依法依规严肃追责问责，并向社会公开。"
)


def test_source_named_not_a_sibling_holding_most_of_it(tmp_path):
    """The same 督办函 to several cities: two hold the copied paragraph word for word, four
    hold a version with a clause changed (~90 %).  The finding names a word-for-word holder
    and counts the other one as 内容相同; the approximate siblings are neither."""
    url = str(tmp_path / "t.gwidx")
    near = SOURCE.replace("于十月三十一日前将整改进展情况报送督察办公室", "于月底前报送整改进展")
    with open_index(url, create=True) as store:
        for k, city in enumerate(("鹤壁", "衡水", "保定", "唐山")):
            # each near sibling also holds the paragraph twice (a compilation), which once
            # counted twice and outranked the source
            _add(store, f"/a/near_{k}.txt", [f"关于对强化监督发现问题进行督办的函({city})", near, "另：" + near])
        _add(store, "/a/source.txt", ["关于对强化监督发现问题进行督办的函(廊坊)", SOURCE])
        _add(store, "/a/twin.txt", ["关于对强化监督发现问题进行督办的函(定州)", SOURCE])
    draft = "\n".join(["关于抓好督办问题整改的通知", SOURCE, "县生态环境局每周召开一次调度会，逐项销号。"])
    found = [d for d in check(draft, url) if d.code == "GW803"]
    assert len(found) == 1
    d = found[0]
    assert d.reference.path in ("/a/source.txt", "/a/twin.txt")
    assert list(d.reference.same_text) == [p for p in ("/a/source.txt", "/a/twin.txt") if p != d.reference.path]
    assert "另有 1 份内容相同的文件" in d.message


HIGHER = [
    "关于进一步加强农村公路养护管理的通知",
    "各县市区要建立县、乡、村三级路长制，县级路长由政府分管负责同志担任，乡级路长由乡镇长担任，村级路长由村委会主任担任。",
    "农村公路养护资金按照每公里每年不低于一万元的标准安排，纳入县级财政预算，专款专用，不得挤占挪用。",
    "每年十月开展一次农村公路技术状况评定，评定结果作为养护资金分配和路长考核的主要依据，并向社会公布。",
    "对养护不到位、路况持续下降的乡镇，由县级人民政府约谈主要负责同志，并扣减下一年度的养护补助资金。",
    "各地要加强农村公路路政管理，严禁超限超载车辆驶入农村公路，发现占道经营、堆放杂物的要及时清理。",
    "县级交通运输部门每季度对农村公路养护情况进行一次抽查，抽查结果在全县范围内通报，并抄送县级路长。",
]
NEW = [
    "县交通运输局本月内完成全县一百二十公里农村公路的病害普查，建立病害台账，逐段明确修复单位和时限。",
    "县财政局在今年预算中另行安排三百万元，用于十五座危桥的加固改造，十二月底前全部完工并通过验收。",
    "各乡镇在主要路口设立路长公示牌，公布路长姓名、职责和监督电话，群众反映的问题须在三个工作日内答复。",
]


@pytest.fixture(scope="module")
def higher_index(tmp_path_factory):
    url = str(tmp_path_factory.mktemp("hi") / "h.gwidx")
    with open_index(url, create=True) as store:
        _add(store, "/a/higher.txt", HIGHER, level="higher", year=2024)
    return url


def test_restating_only_gets_the_novelty_verdict_in_one_finding(higher_index):
    draft = "\n".join(["关于做好我县农村公路养护管理工作的通知", *HIGHER[1:4], "请结合实际认真贯彻执行。"])
    found = check(draft, higher_index)
    assert [d.code for d in found] == ["GW805"], [(d.code, d.message) for d in found]
    d = found[0]
    assert d.severity.value == "error" and d.reference.path == "/a/higher.txt"
    assert "100% 的内容已见于已收录文件（上级文件 100%）" in d.message and "没有新增的措施" in d.message
    assert "不再重复行文" in d.message


def test_adding_measures_is_no_novelty_verdict_and_lists_them(higher_index):
    draft = "\n".join(["关于做好我县农村公路养护管理工作的通知", HIGHER[1], NEW[0], HIGHER[2], NEW[1], HIGHER[3], NEW[2]])
    found = check(draft, higher_index)
    codes = [d.code for d in found]
    assert "GW805" not in codes and "GW801" in codes, codes
    gw801 = next(d for d in found if d.code == "GW801")
    assert "新增措施 3 项：第 3、5、7 段" in gw801.message, gw801.message
    assert codes.count("GW803") == 3


ARTICLE = "第三条 居民委员会是居民自我管理、自我教育、自我服务的基层群众性自治组织。"


def test_short_article_quoted_word_for_word_is_a_quotation(tmp_path):
    """A 35-character article that three versions of a law hold is no formula to ignore, nor
    a repetition to flag: an info naming the 条."""
    url = str(tmp_path / "law.gwidx")
    with open_index(url, create=True) as store:
        for k, place in enumerate(("北京市", "上海市", "天津市")):
            _add(store, f"/laws/{k}.txt", [f"{place}实施〈城市居民委员会组织法〉办法", "第一条 为了实施组织法，结合本市实际，制定本办法。",
                                           "第二条 本办法适用于本市行政区域内的居民委员会。" + place, ARTICLE], level="higher")
    draft = "\n".join(["关于加强社区居民委员会建设的通知", OWN[0], ARTICLE, OWN[1]])
    found = check(draft, url)
    assert [(d.code, d.severity.value) for d in found] == [("GW803", "info")], [(d.code, d.message) for d in found]
    assert "照录" in found[0].message and "第三条原文" in found[0].message and "另有 2 份内容相同的文件" in found[0].message
