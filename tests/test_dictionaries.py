"""The packaged stock-phrase dictionary, its matching and the user's additions/removals."""

import pytest

from gongwen_lint import lexicon
from gongwen_lint.api import lint_text
from gongwen_lint.config import Config

CATEGORIES = {"空喊重视", "空喊落实", "空泛程度", "口号", "背景意义套语", "报送负担"}


def test_every_entry_has_a_known_category_and_a_source():
    entries = lexicon.packaged_entries()
    assert len(entries) >= 60
    phrases = [e.phrase for e in entries]
    assert len(phrases) == len(set(phrases)), "duplicate phrases in boilerplate.tsv"
    for e in entries:
        assert e.category in CATEGORIES, e
        assert len(e.source) >= 6, e
        assert e.phrase == e.phrase.strip() and "\t" not in e.phrase


def test_corpus_mined_entries_cite_the_mining_script():
    mined = [e for e in lexicon.packaged_entries() if e.source.startswith("corpus-ngram")]
    assert mined and all("eval/mine_boilerplate.py" in e.source for e in mined)


def test_leftmost_longest_non_overlapping():
    lex = lexicon.load()
    found = lex.boilerplate.find("要进一步加强领导，狠抓落实，确保取得实效。")
    assert [m.phrase for m in found] == ["进一步加强", "狠抓落实", "确保取得实效"]
    text = "要进一步加强领导，狠抓落实，确保取得实效。"
    for m in found:
        assert text[m.start:m.end] == m.phrase


def test_quotations_and_titles_are_masked():
    lex = lexicon.load()
    assert lex.boilerplate.find("转发《关于高度重视安全生产的通知》") == ()
    assert lex.boilerplate.find("他说“要狠抓落实”") == ()
    assert [m.phrase for m in lex.boilerplate.find("《通知》要求高度重视")] == ["高度重视"]


def test_user_additions_and_removals():
    lex = lexicon.load({"boilerplate-add": {"口号": ["奋力谱写新篇章"]}, "boilerplate-remove": ["高度重视"]})
    hits = lex.boilerplate.find("各单位要高度重视，奋力谱写新篇章。")
    assert [(m.phrase, m.category, m.entry.source) for m in hits] == [("奋力谱写新篇章", "口号", lexicon.USER_SOURCE)]


def test_user_dictionary_reaches_the_rules_through_config():
    cfg = Config(select=("GW701",), dictionaries={"boilerplate-add": {"口号": ["奏响时代强音"]}})
    report = lint_text("关于做好春季防火工作的通知\n各乡镇：\n全镇上下奏响时代强音。\n", cfg)
    assert [d.excerpt for d in report.diagnostics if d.code == "GW701"] == ["奏响时代强音"]
    report = lint_text("关于做好春季防火工作的通知\n各乡镇：\n全镇上下奏响时代强音。\n", Config(select=("GW701",)))
    assert not [d for d in report.diagnostics if d.code == "GW701"]


@pytest.mark.parametrize(
    "bad",
    [{"boilerplate-add": ["高度重视"]}, {"boilerplate-add": {"口号": "形成合力"}}, {"boilerplate-remove": "高度重视"},
     {"organ-suffixes-add": [1]}],
)
def test_malformed_user_entries_are_rejected(bad):
    with pytest.raises(lexicon.DictionaryError):
        lexicon.load(bad)


def test_organ_names():
    lex = lexicon.load()
    assert [t for t in ("由市教育局牵头", "生态环境部", "市政府办公厅负责") if lex.organs(t)] == [
        "由市教育局牵头", "生态环境部", "市政府办公厅负责"]
    for t in ("各有关部门要周密部署", "积极举办活动", "制定管理办法", "以人民为中心", "全部完成"):
        assert lex.organs(t) == [], t
    assert lex.organs("由县林草站负责") == []
    assert lexicon.load({"organ-suffixes-add": ["站"]}).organs("由县林草站负责")
