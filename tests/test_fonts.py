"""Font classes: the standard names classes, drafts name fonts."""

import pytest

from gongwen_lint import fonts


@pytest.fixture(scope="module")
def table():
    return fonts.build()


@pytest.mark.parametrize(
    "name,cls",
    [
        ("仿宋_GB2312", "仿宋"), ("仿宋", "仿宋"), ("FangSong", "仿宋"), ("方正仿宋_GBK", "仿宋"), ("华文仿宋", "仿宋"),
        ("STFangsong", "仿宋"), ("fangsong_gb2312", "仿宋"),
        ("方正小标宋简体", "小标宋"), ("方正小标宋_GBK", "小标宋"), ("FZXiaoBiaoSong-B05S", "小标宋"),
        ("黑体", "黑体"), ("SimHei", "黑体"), ("方正黑体_GBK", "黑体"),
        ("楷体_GB2312", "楷体"), ("KaiTi", "楷体"), ("方正楷体_GBK", "楷体"),
        ("宋体", "宋体"), ("SimSun", "宋体"), ("NSimSun", "宋体"), ("方正书宋_GBK", "宋体"),
        # decision: a medium/heavy display Song is not the 小标宋 the standard names
        ("华文中宋", "宋体"), ("方正大标宋简体", "宋体"),
    ],
)
def test_shipped_aliases(table, name, cls):
    assert table.font_class(name) == cls


@pytest.mark.parametrize(
    "name,cls",
    [("方正仿宋_GB18030新", "仿宋"), ("汉仪楷体简", "楷体"), ("汉仪小标宋简", "小标宋"), ("文鼎细黑体", "黑体"), ("汉仪书宋一简", "宋体")],
)
def test_unlisted_spellings_resolve_by_name(table, name, cls):
    assert table.font_class(name) == cls


def test_unknown_and_missing_fonts_have_no_class(table):
    assert table.font_class("Calibri") is None
    assert table.font_class("Times New Roman") is None
    assert table.font_class(None) is None
    assert table.font_class("  ") is None


def test_configuration_extends_and_overrides_the_table():
    t = fonts.build({"某单位公文体": "仿宋", "华文中宋": "小标宋"})
    assert t.font_class("某单位公文体") == "仿宋"
    assert t.font_class("华文中宋") == "小标宋"
    assert fonts.build().font_class("华文中宋") == "宋体"  # another configuration is unaffected


def test_every_shipped_entry_has_a_known_class_and_a_source():
    from importlib.resources import files

    lines = files("gongwen_lint.dictionaries").joinpath("font_aliases.tsv").read_text("utf-8").splitlines()
    assert lines[0].split("\t") == ["alias", "class", "source"]
    for line in lines[1:]:
        _alias, cls, source = line.split("\t")
        assert cls in fonts.CLASSES, line
        assert source.strip(), line


def test_option_values_may_be_font_names(table):
    assert table.class_of_option("仿宋_GB2312") == "仿宋"
    assert table.class_of_option("楷体") == "楷体"


def test_describe(table):
    assert table.describe("方正仿宋_GBK") == "方正仿宋_GBK（仿宋体类）"
    assert table.describe("黑体") == "黑体"
    assert "未识别" in table.describe("Calibri")


def test_invalid_configuration_entries_are_named():
    assert fonts.invalid_aliases({"好字体": "仿宋", "坏字体": 3, "": "仿宋"}) == ["坏字体", ""]
