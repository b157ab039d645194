"""Damaged packages never escape as tracebacks: the reader returns a document or raises
ReadError, and a check reports ``error`` instead of raising (docs/usage.md)."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docxbuild import DocxBuilder, replace_part, run
from gongwen_lint import Linter, Report
from gongwen_lint.config import Config
from gongwen_lint.docx.reader import read_docx_file
from gongwen_lint.errors import ReadError
from gongwen_lint.model import Document

PARTS = ("word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels")


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    b = DocxBuilder()
    b.p(run("宜城市人民政府文件", color="FF0000", size=26))
    b.p(run("宜政发〔2024〕12号"))
    b.p(run("关于做好防汛工作的通知"), align="center")
    b.p(run("各乡镇人民政府："))
    b.p(run("现将有关事项通知如下。"), first_line_chars=2)
    b.table([["抄送：市委办公室。"], ["宜城市人民政府办公室  2024年3月6日印发"]])
    b.footer('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return b.save(tmp_path_factory.mktemp("fuzz") / "good.docx")


def _check(path: Path) -> None:
    before = path.read_bytes()
    try:
        doc = read_docx_file(path)
        assert isinstance(doc, Document)
    except ReadError as e:
        assert str(e)  # a message for the user
    report = Linter().check_file(path)
    assert isinstance(report, Report)
    assert report.error is None or report.diagnostics == []
    assert path.read_bytes() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(PARTS), cut=st.floats(0.0, 1.0), junk=st.binary(max_size=40))
def test_truncated_or_corrupted_part(good, tmp_path, part, cut, junk):
    with zipfile.ZipFile(good) as z:
        data = z.read(part)
    damaged = data[: int(len(data) * cut)] + junk
    _check(replace_part(good, tmp_path / "bad.docx", part, damaged))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.floats(0.0, 1.0), length=st.integers(1, 64), byte=st.integers(0, 255))
def test_flipped_bytes_in_the_zip(good, tmp_path, offset, length, byte):
    raw = bytearray(good.read_bytes())
    start = int((len(raw) - 1) * offset)
    for i in range(start, min(len(raw), start + length)):
        raw[i] = byte
    bad = tmp_path / "flipped.docx"
    bad.write_bytes(bytes(raw))
    _check(bad)


# -- numeric attributes (issue 19 C3) -------------------------------------------------------------
# Every number the reader takes from the XML, set to values Word never writes: non-finite
# floats, overflowing exponents, zero page sizes, huge integers, units, junk.  The reader must
# turn each into "unknown" or a sane value; no rule may crash on what it gets (a crashing rule
# becomes an internal GW901 finding, which is what this test looks for).

NUMERIC = [
    ("w:sz", "w:val"), ("w:szCs", "w:val"), ("w:pgSz", "w:w"), ("w:pgSz", "w:h"),
    ("w:pgMar", "w:top"), ("w:pgMar", "w:bottom"), ("w:pgMar", "w:left"), ("w:pgMar", "w:right"),
    ("w:pgMar", "w:gutter"), ("w:pgMar", "w:header"), ("w:pgMar", "w:footer"),
    ("w:ind", "w:firstLine"), ("w:ind", "w:firstLineChars"), ("w:ind", "w:left"), ("w:ind", "w:hanging"),
    ("w:ind", "w:hangingChars"), ("w:spacing", "w:line"), ("w:spacing", "w:before"), ("w:spacing", "w:after"),
    ("w:docGrid", "w:linePitch"), ("w:docGrid", "w:charSpace"), ("w:outlineLvl", "w:val"),
    ("w:numId", "w:val"), ("w:ilvl", "w:val"), ("w:top", "w:sz"),
]
SPECIAL = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", "1e-400", "0", "-0", "0.0", "-5",
           "1e308", "99999999999999999999999", "-99999999999999999999999", "", " ", "12pt", "1e9999mm",
           "2.5cm", "0x10", "1_000", "١٢", "12.", ".5", "+3", "nanpt", "inf mm"]
VALUE = st.one_of(
    st.sampled_from(SPECIAL),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(2**80), 2**80).map(str),
)


@pytest.fixture(scope="module")
def layout_draft(tmp_path_factory) -> Path:
    """A draft whose document.xml carries every numeric attribute of :data:`NUMERIC`."""
    b = DocxBuilder()
    b.page(width=210, height=297, top=37, bottom=35, left=28, right=26, grid=("linesAndChars", 579, -849))
    b.p(run("宜城市人民政府文件", color="FF0000", size=26), align="center")
    b.p(run("关于做好防汛工作的通知", size=22), align="center", outline=0)
    b.p(run("各乡镇人民政府："))
    b.body('<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="1" w:color="auto"/></w:pBdr>'
           '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
           '<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>'
           '<w:ind w:left="0" w:firstLine="640" w:firstLineChars="200"/></w:pPr>'
           '<w:r><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t>现将有关事项通知如下。</w:t></w:r></w:p>')
    b.numbering(1, [("chineseCounting", "%1、")])
    b.body('<w:p><w:pPr><w:ind w:hanging="320" w:hangingChars="100"/></w:pPr><w:r><w:t>特此通知。</w:t></w:r></w:p>')
    b.footer('<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>— </w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t> —</w:t></w:r></w:p>')
    return b.save(tmp_path_factory.mktemp("numeric") / "layout.docx")


def _set_attributes(src: Path, dst: Path, values: list[tuple[int, str]]) -> Path:
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(src) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    for index, value in values:
        tag, attr = NUMERIC[index]
        name = "{%s}%s" % (ns["w"], attr.split(":")[1])
        for el in root.iter("{%s}%s" % (ns["w"], tag.split(":")[1])):
            el.set(name, value)
    return replace_part(src, dst, "word/document.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _no_rule_crashed(report: Report) -> None:
    crashed = [d.message for d in report.diagnostics if d.code == "GW901" and "出错" in d.message]
    assert not crashed, crashed


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(st.integers(0, len(NUMERIC) - 1), VALUE), min_size=1, max_size=6))
def test_numeric_attributes_never_crash_a_rule(layout_draft, tmp_path, values):
    path = _set_attributes(layout_draft, tmp_path / "numbers.docx", values)
    _check(path)
    report = Linter(Config(select=("ALL",))).check_file(path)
    assert report.error is None
    _no_rule_crashed(report)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "0"])
@pytest.mark.parametrize("index", range(len(NUMERIC)))
def test_each_numeric_attribute_with_each_special_value(layout_draft, tmp_path, index, value):
    """The cases the adversarial run found (w:sz nan/inf/1e400, pgSz w:w="0", pgMar nan/inf), all of them."""
    path = _set_attributes(layout_draft, tmp_path / "n.docx", [(index, value)])
    doc = read_docx_file(path)
    for sec in doc.sections:
        for v in vars(sec).values():
            if isinstance(v, float):
                assert math.isfinite(v)
    for p in doc.all_paragraphs():
        for v in [*vars(p.format).values(), *(x for r in p.runs for x in vars(r.format).values())]:
            if isinstance(v, float):
                assert math.isfinite(v), (NUMERIC[index], value, p.format)
    report = Linter(Config(select=("ALL",))).check_file(path)
    assert report.error is None
    _no_rule_crashed(report)


# -- configuration values (issue 19 C3, C8, U4) ---------------------------------------------------

JUNK = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
              st.text(max_size=8), st.sampled_from(["GW1", "ALL", "error", "warning", "center", "仿宋", "any"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6,
)


def _options() -> list[str]:
    from gongwen_lint.config import FLAT_NAMES

    return sorted(FLAT_NAMES)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_option_values_are_validated_or_refused(data):
    """Any value for any option: a Config whose checks run without a rule crashing, or ConfigError."""
    from gongwen_lint.config import ConfigError, parse

    names = _options()
    options = data.draw(st.dictionaries(st.sampled_from(names), JUNK | VALUE.map(float_or_text), min_size=1, max_size=4))
    try:
        config = parse({"options": options, "select": ["ALL"]})
    except ConfigError as e:
        assert str(e)
        return
    for table, values in config.options.items():
        for name, value in values.items():
            if isinstance(value, float):
                assert math.isfinite(value), (table, name, value)
    report = Linter(config).check_text("关于召开会议的通知\n各单位：\n现将有关事项通知如下。\n宜城市人民政府\n2024年6月20日")
    _no_rule_crashed(report)


def float_or_text(s: str):
    try:
        return float(s)
    except ValueError:
        return s


@settings(max_examples=150, deadline=None)
@given(table=st.dictionaries(st.sampled_from(["select", "ignore", "extend-select", "severity", "per-file-ignores",
                                              "index", "fail-on", "dictionaries", "options", "baseline"]),
                             JUNK, max_size=3))
def test_top_level_values_are_validated_or_refused(table):
    from gongwen_lint.config import ConfigError, parse

    try:
        parse(table)
    except ConfigError as e:
        assert str(e)


PYPROJECTS = [
    "tool = 1", 'tool = "x"', "tool = [1, 2]", "tool = {}",
    "[tool]\ngongwen-lint = 5", '[tool]\ngongwen-lint = "x"', "[tool]\ngongwen-lint = [1]",
    "[tool]\ngongwen-lint = true", '[[tool.gongwen-lint]]\nselect = ["GW1"]',
    "[tool.gongwen-lint]\nselect = 5", "[tool.gongwen-lint]\noptions = 5", "[tool.gongwen-lint]\nseverity = [1]",
    "[tool.gongwen-lint]\nbaseline = 5", '[tool.gongwen-lint]\nper-file-ignores = { "a" = 5 }',
    "[tool.gongwen-lint.options]\nlayout-body-size-pt = nan",
    "[tool.gongwen-lint.options]\nlayout-body-size-pt = inf",
    "[tool.gongwen-lint.options]\nstyle-quiet-categories = 5",
    '[tool.gongwen-lint.options]\nlayout-page-number-position = "middle"',
    '[tool.gongwen-lint.options]\nlayout-body-font = "没有这种字体"',
    "[tool.gongwen-lint.options]\nstyle-max-chars = 2.5",
    "[tool.gongwen-lint.options]\nduplicates-min-similarity = 7",
    "[tool.gongwen-lint.layout]\nbody-size-pt = nan",
    "[tool.gongwen-lint]\nGW706 = 5",
    "[tool.gongwen-lint]\nlayout = [1]",
    "[tool.gongwen-lint.GW706]\nmax-chars = 2.5",
    '[tool.gongwen-lint.GW206]\npage-number-position = "middle"',
    "[tool.gongwen-lint.GW101]\nx = 1",
    "[tool.gongwen-lint.GW999]\nx = 1",
    "[tool.gongwen-lint.GW706]\nmax-chars = 6000\n[tool.gongwen-lint.options]\nstyle-max-chars = 6000",
]
BROKEN = ['[tool.gongwen-lint\nselect = ["GW1"]', '[tool.gongwen-lint]\nselect = ["GW1"', "[tool.gongwen-lint]\n= 1"]


@pytest.mark.parametrize("text", PYPROJECTS)
def test_pyproject_of_any_shape_is_a_config_or_a_config_error(tmp_path, text):
    from gongwen_lint.config import ConfigError, discover, load_file

    (tmp_path / "pyproject.toml").write_text(text + "\n", encoding="utf-8")
    for load in (lambda: discover(tmp_path), lambda: load_file(tmp_path / "pyproject.toml")):
        try:
            config = load()
        except ConfigError as e:
            assert str(e) and "pyproject.toml" in str(e)
            continue
        report = Linter(config).check_text("关于召开会议的通知\n各单位：\n现将有关事项通知如下。")
        _no_rule_crashed(report)


@pytest.mark.parametrize("text", BROKEN)
def test_a_broken_gongwen_lint_section_is_an_error_not_ignored(tmp_path, text):
    """U4: a pyproject.toml that mentions our section but does not parse must not be skipped."""
    from gongwen_lint.config import ConfigError, discover

    (tmp_path / "pyproject.toml").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        discover(tmp_path)
    assert "pyproject.toml" in str(info.value)


@pytest.mark.parametrize("value,ok", [("nan", False), ("inf", False), ("-inf", False), ("1e400", False),
                                      ("-3.0", False), ("16.0", True), ("16", True)])
def test_non_finite_or_negative_numbers_in_options_are_refused(value, ok):
    from gongwen_lint.config import ConfigError, parse

    if ok:
        assert parse({"options": {"layout-body-size-pt": float(value)}}).option("layout", "body-size-pt") == float(value)
    else:
        with pytest.raises(ConfigError) as info:
            parse({"options": {"layout-body-size-pt": float(value)}})
        assert "layout-body-size-pt" in str(info.value)


def test_every_option_default_passes_the_checks():
    """A new option is named by the conventions of config.option_value (or its default fails)."""
    from gongwen_lint.config import _choices, declared_options, option_value

    for table, values in declared_options().items():
        for name, default in values.items():
            assert option_value(f"{table}.{name}", default, default, choices=_choices(table, name)) == default, (table, name)
