"""Options are declared on their rule and namespaced by it; shared values are settings (issue 17).

``[tool.gongwen-lint.GW706] max-chars = 6000`` sets GW706's option, ``[tool.gongwen-lint.layout]``
a setting several rules read; the old flat ``[options] style-max-chars`` still works through
``config.FLAT_NAMES``; a name nobody declared is a Chinese configuration error (exit 2).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clirun import gwlint
from gongwen_lint import config as config_module
from gongwen_lint.api import Linter
from gongwen_lint.config import FLAT_NAMES, Config, ConfigError, declared_options, load_file, parse
from gongwen_lint.rules import registry
from gongwen_lint.rules.context import Context, Resources
from gongwen_lint.rules.settings import SECTIONS
from gongwen_lint.textreader import document_from_text

RULES_DIR = Path(registry.__file__).resolve().parent
#: A 通知 of about 300 characters: over a GW706 limit of 100, under the default 5000.
NOTICE = "关于做好校舍安全排查工作的通知\n各学校：\n" + "请各学校于2025年6月底前完成校舍安全排查，排查结果报区教育局备案。\n" * 10


def gw706(config: Config) -> list[str]:
    return [d.message for d in Linter(config).check_text(NOTICE).diagnostics if d.code == "GW706"]


# -- a rule's own options, in its own table ---------------------------------------------------


def test_a_rule_option_is_set_in_the_table_named_by_its_code():
    cfg = parse({"select": ["GW706"], "GW706": {"max-chars": 100, "max-chars-special": 100}})
    assert cfg.option("GW706", "max-chars") == 100
    assert gw706(Config(select=("GW706",))) == []
    assert len(gw706(cfg)) == 1 and "不超过 100 字" in gw706(cfg)[0]


def test_pyproject_and_gongwen_lint_toml_take_the_same_table(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.gongwen-lint.GW706]\nmax-chars = 6000\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "gongwen-lint.toml").write_text("[GW706]\nmax-chars = 6000\n[layout]\nbody-size-pt = 15\n",
                                                      encoding="utf-8")
    assert load_file(tmp_path / "a" / "pyproject.toml").option("GW706", "max-chars") == 6000
    b = load_file(tmp_path / "b" / "gongwen-lint.toml")
    assert b.option("GW706", "max-chars") == 6000
    assert b.option("layout", "body-size-pt") == 15.0  # a float setting: the integer is read as 15.0
    assert b.option("GW706", "max-chars-special") == 4000  # not configured: the declared default


def test_option_names_are_declared_without_the_family_prefix():
    for r in registry.all_rules():
        for name in r.options:
            assert not name.startswith(("layout-", "style-", "duplicates-")), (r.code, name)


# -- the flat names of before: deprecated aliases ---------------------------------------------


def test_a_flat_name_is_an_alias_of_its_table():
    flat = parse({"select": ["GW706"], "options": {"style-max-chars": 100, "style-max-chars-special": 100}})
    table = parse({"select": ["GW706"], "GW706": {"max-chars": 100, "max-chars-special": 100}})
    assert flat.options == table.options == {"GW706": {"max-chars": 100, "max-chars-special": 100}}
    assert gw706(flat) == gw706(table) != []
    assert flat.option("style-max-chars") == flat.option("GW706", "max-chars") == 100
    # a Python caller's flat dict is read the same way
    assert Config(select=("GW706",), options={"style-max-chars": 100, "style-max-chars-special": 100}).options == table.options


def test_every_flat_name_leads_to_a_declared_option_and_says_so_in_the_docs():
    tables = declared_options()
    docs = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text(encoding="utf-8")
    for old, (table, name) in FLAT_NAMES.items():
        assert name in tables[table], (old, table, name)
        assert f"`{old}`" in docs, f"docs/configuration.md does not list the deprecated alias {old}"


def test_one_option_set_under_both_names_is_an_error():
    with pytest.raises(ConfigError, match="只能写一处"):
        parse({"GW706": {"max-chars": 6000}, "options": {"style-max-chars": 6000}})


# -- unknown names ------------------------------------------------------------------------------


@pytest.mark.parametrize("data, said", [
    ({"GW706": {"max-char": 1}}, "GW706.max-char"),
    ({"options": {"style-max-char": 1}}, "options.style-max-char"),
    ({"layout": {"body-size": 16}}, "layout.body-size"),
    ({"GW999": {"x": 1}}, "GW999"),
    ({"GW101": {"x": 1}}, "GW101"),
    ({"GW706": 5}, "GW706"),
    ({"GW706": {"max-chars": "多"}}, "GW706.max-chars"),
    ({"layoutt": {"body-size-pt": 16}}, "layoutt"),
])
def test_an_unknown_or_wrong_option_is_a_chinese_error_naming_it(data, said):
    with pytest.raises(ConfigError) as info:
        parse(data, "gongwen-lint.toml")
    message = str(info.value)
    assert said in message and re.search(r"[\u4e00-\u9fff]", message) and "gongwen-lint.toml" in message


def test_the_cli_exits_2_on_an_unknown_option(tmp_path):
    (tmp_path / "gongwen-lint.toml").write_text("[GW706]\nmax-char = 6000\n", encoding="utf-8")
    (tmp_path / "稿.txt").write_text(NOTICE, encoding="utf-8")
    r = gwlint("check", "稿.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert "GW706.max-char" in r.stderr and "Traceback" not in r.stderr


# -- a rule reads its own options and the shared settings, nothing else ------------------------


def test_a_rule_cannot_read_another_rules_option():
    cfg = Config(options={"GW202": {"body-font": "楷体"}})
    ctx = Context(document_from_text("正文。"), cfg, Resources(cfg))
    ctx.rule = registry.get_rule("GW203")  # type: ignore[assignment]
    assert ctx.option("title-font") == "小标宋"
    with pytest.raises(KeyError):
        ctx.option("body-font")  # GW202's
    with pytest.raises(KeyError):
        ctx.setting("GW202", "body-font")  # a rule's table is not a settings section
    assert ctx.setting("layout", "body-size-pt") == 16.0
    ctx.rule = registry.get_rule("GW202")  # type: ignore[assignment]
    assert ctx.option("body-font") == "楷体"


def test_rules_read_options_only_through_their_context():
    """``ctx.option`` is the running rule's; a rule module asking the configuration directly could
    read any rule's options, so none does.  Every ``ctx.setting`` names a declared setting."""
    direct, settings = [], []
    for path in RULES_DIR.rglob("*.py"):
        if path.name == "context.py":
            continue  # where ctx.option and ctx.setting are defined
        text = path.read_text(encoding="utf-8")
        direct += [f"{path.name}: {m.group()}" for m in re.finditer(r"config\.option\(", text)]
        settings += [(path.name, m.group(1), m.group(2)) for m in re.finditer(r'ctx\.setting\("([^"]+)", "([^"]+)"\)', text)]
    assert direct == []
    assert settings, "the layout, style and duplicates rules read shared settings"
    for where, section, name in settings:
        assert section in SECTIONS and name in SECTIONS[section].values, (where, section, name)


def test_the_rules_said_to_use_a_setting_exist():
    for section in SECTIONS.values():
        for code in section.used_by:
            assert registry.get_rule(code) is not None, (section.name, code)


def test_settings_are_shown_with_the_rules_that_read_them():
    from gongwen_lint.output.rules_format import render_rule

    text = render_rule(registry.get_rule("GW204"))  # type: ignore[arg-type]
    assert "[tool.gongwen-lint.GW204]" in text and "heading1-font" in text
    assert "共用设置（[tool.gongwen-lint.layout]）：body-size-pt = 16.0" in text


# -- resolved once -------------------------------------------------------------------------------


def test_defaults_are_resolved_once_per_configuration(monkeypatch):
    """Issue 18 measured ``Config.option`` rebuilding the defaults ~115 times per document: now
    each (table, option) is looked up once per configuration, on first use, and a second and third
    document ask nothing again."""
    asked: list[tuple[str, str]] = []
    real = config_module.declared_default

    def counting(table: str, name: str) -> object:
        asked.append((table, name))
        return real(table, name)

    monkeypatch.setattr(config_module, "declared_default", counting)
    cfg = Config(options={"GW706": {"max-chars": 100}})
    linter = Linter(cfg)
    linter.check_text(NOTICE)
    first = list(asked)
    assert first and len(first) == len(set(first))  # each default once
    assert ("GW706", "max-chars") not in first  # configured: no default needed
    assert ("GW706", "max-chars-special") in first
    linter.check_text(NOTICE)
    linter.check_text(NOTICE)
    assert asked == first
    assert cfg.option("GW706", "max-chars") == 100


def test_the_settings_table_of_the_docs_says_what_settings_py_declares():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text(encoding="utf-8")
    for section in SECTIONS.values():
        row = next(line for line in docs.splitlines() if line.startswith(f"| `{section.name}` |"))
        for name, default in section.values.items():
            shown = str(default).lower() if isinstance(default, bool) else str(default)
            assert f"`{name}`（{shown}" in row, (section.name, name)
        codes = set(re.findall(r"GW\d{3}", row))
        for a, b in re.findall(r"GW(\d{3})–GW(\d{3})", row):
            codes |= {f"GW{n}" for n in range(int(a), int(b) + 1)}
        assert codes == set(section.used_by), section.name


def test_reading_one_rules_options_imports_only_its_family():
    """Issue 18: a check imports only the families it runs; configuring or reading GW706's
    options must not import the layout family to find every rule's defaults."""
    from clirun import python

    r = python(
        "import sys\n"
        "from gongwen_lint.config import parse\n"
        "c = parse({'GW706': {'max-chars': 6000}, 'options': {'style-max-chars-special': 3000}})\n"
        "assert c.option('GW706', 'max-chars') == 6000 and c.option('layout', 'body-size-pt') == 16.0\n"
        "print(sorted(m for m in sys.modules if m.startswith('gongwen_lint.rules.') and m.count('.') == 2))\n"
    )
    assert r.returncode == 0, r.stderr
    loaded = r.stdout.strip()
    assert "gongwen_lint.rules.style" in loaded and "gongwen_lint.rules.layout'" not in loaded, loaded
