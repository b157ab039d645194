"""Finding, reading and validating configuration (docs/configuration.md).

``[tool.gongwen-lint]`` in ``pyproject.toml``, or ``gongwen-lint.toml`` / ``.gongwen-lint.toml``
with the same keys at the top level.  The nearest file upwards from the working directory wins.
Unknown keys are an error that names the key: a typo must not silently disable a check.

Options are namespaced: a rule's own in a table named by its code (``[tool.gongwen-lint.GW706]
max-chars = 6000``), the settings several rules share in a table named by their section
(``[tool.gongwen-lint.layout] body-size-pt = 15.0``, :mod:`.rules.settings`).  The old flat
names of ``[tool.gongwen-lint.options]`` (``style-max-chars``) still work, as deprecated aliases
listed once in :data:`FLAT_NAMES`.
"""

from __future__ import annotations

import fnmatch
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import recache

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .diagnostics import Severity
from .errors import ReadError, RuleFileError
from .fileio import read_capped
from .rules import registry
from .rules.settings import SECTIONS

CONFIG_FILES = ("gongwen-lint.toml", ".gongwen-lint.toml", "pyproject.toml")

TOP_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "severity",
    "per-file-ignores",
    "index",
    "fail-on",
    "dictionaries",
    "options",
    "baseline",
    "rules-path",
}
DICTIONARY_KEYS = {"boilerplate-add", "boilerplate-remove", "substance-add", "substance-remove", "organ-suffixes-add", "font-aliases"}
MAX_CONFIG_BYTES = 16 * 1024 * 1024

#: The deprecated flat option names of ``[tool.gongwen-lint.options]`` → (rule code or settings
#: section, option name): the one table that keeps old configuration files working.
FLAT_NAMES: dict[str, tuple[str, str]] = {
    "layout-margin-top-mm": ("GW201", "margin-top-mm"),
    "layout-margin-bottom-mm": ("GW201", "margin-bottom-mm"),
    "layout-margin-left-mm": ("GW201", "margin-left-mm"),
    "layout-margin-right-mm": ("GW201", "margin-right-mm"),
    "layout-margin-tolerance-mm": ("GW201", "margin-tolerance-mm"),
    "layout-body-font": ("GW202", "body-font"),
    "layout-body-indent-chars": ("GW202", "body-indent-chars"),
    "layout-indent-tolerance-chars": ("GW202", "indent-tolerance-chars"),
    "layout-line-spacing-pt": ("GW202", "line-spacing-pt"),
    "layout-line-spacing-tolerance-pt": ("GW202", "line-spacing-tolerance-pt"),
    "layout-body-size-pt": ("layout", "body-size-pt"),
    "layout-size-tolerance-pt": ("layout", "size-tolerance-pt"),
    "layout-title-font": ("GW203", "title-font"),
    "layout-title-size-pt": ("GW203", "title-size-pt"),
    "layout-heading1-font": ("GW204", "heading1-font"),
    "layout-heading2-font": ("GW204", "heading2-font"),
    "layout-heading3-font": ("GW204", "heading3-font"),
    "layout-heading4-font": ("GW204", "heading4-font"),
    "layout-organ-mark-font": ("GW205", "organ-mark-font"),
    "layout-page-number-font": ("GW206", "page-number-font"),
    "layout-page-number-size-pt": ("GW206", "page-number-size-pt"),
    "layout-page-number-position": ("GW206", "page-number-position"),
    "layout-imprint-font": ("GW207", "imprint-font"),
    "layout-imprint-size-pt": ("GW207", "imprint-size-pt"),
    "duplicate-paragraph-min-chars": ("GW304", "min-chars"),
    "duplicate-paragraph-similarity": ("GW304", "min-similarity"),
    "style-quiet-categories": ("GW701", "quiet-categories"),
    "style-max-hits-per-phrase": ("GW701", "max-hits-per-phrase"),
    "style-nlp": ("style", "nlp"),
    "style-max-boilerplate-ratio": ("GW704", "max-boilerplate-ratio"),
    "style-density-min-chars": ("GW704", "density-min-chars"),
    "style-max-preamble-share": ("GW705", "max-preamble-share"),
    "style-preamble-min-chars": ("GW705", "preamble-min-chars"),
    "style-max-chars": ("GW706", "max-chars"),
    "style-max-chars-special": ("GW706", "max-chars-special"),
    "style-section-min-items": ("GW708", "section-min-items"),
    "style-min-substance-ratio": ("GW709", "min-substance-ratio"),
    "style-verdict-min-items": ("GW709", "verdict-min-items"),
    "style-verdict-min-empty": ("GW709", "verdict-min-empty"),
    "duplicates-min-chars": ("duplicates", "min-chars"),
    "duplicates-min-similarity": ("duplicates", "min-similarity"),
    "duplicates-min-coverage": ("duplicates", "min-coverage"),
    "duplicates-min-reference-coverage": ("duplicates", "min-reference-coverage"),
    "duplicates-reissue-coverage": ("duplicates", "reissue-coverage"),
    "duplicates-max-new-share": ("duplicates", "max-new-share"),
}

OptionTable = dict[str, dict[str, Any]]  # rule code or settings section -> option name -> value


def _nested(options: dict[str, Any]) -> OptionTable:
    """``options`` with flat alias keys (``{"style-nlp": True}``, the deprecated form a Python
    caller may still pass) moved into their tables; tables are copied."""
    out: OptionTable = {}
    for key, value in options.items():
        if isinstance(value, dict):
            out.setdefault(key, {}).update(value)
        elif key in FLAT_NAMES:
            table, name = FLAT_NAMES[key]
            out.setdefault(table, {})[name] = value
        else:
            raise KeyError(f"undeclared option {key}")
    return out


def declared_options() -> dict[str, dict[str, object]]:
    """Every table of options and its defaults: each rule that declares options (by code), then
    each settings section (by name).  Imports every rule family: for listings and error messages."""
    tables: dict[str, dict[str, object]] = {r.code: dict(r.options) for r in registry.all_rules() if r.options}
    tables.update({name: dict(section.values) for name, section in SECTIONS.items()})
    return tables


def declared_table(table: str) -> dict[str, object] | None:
    """The declared options and defaults of one table — a settings section, or a rule (only its
    family is imported) — or None when no rule or section of that name exists."""
    if table in SECTIONS:
        return SECTIONS[table].values
    r = registry.get_rule(table) if _is_table_key(table) else None
    return r.options if r is not None and r.code == table else None


def declared_default(table: str, name: str) -> object:
    values = declared_table(table)
    if values is None or name not in values:
        raise KeyError(f"undeclared option {table}.{name}")
    return values[name]


def _choices(table: str, name: str) -> tuple[str, ...] | None:
    if table in SECTIONS:
        return SECTIONS[table].choices.get(name)
    r = registry.get_rule(table)
    return r.option_choices.get(name) if r is not None and r.code == table else None


class ConfigError(Exception):
    """A configuration problem, worded in Chinese for the user (exit code 2)."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: the default rule set
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)  # code -> severity
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    index: str | None = None
    fail_on: Severity = Severity.ERROR
    dictionaries: dict[str, Any] = field(default_factory=dict)
    #: Configured option values by table: rule code (``"GW706"``) or settings section
    #: (``"layout"``) -> option name -> value.  Flat alias keys are accepted and moved into
    #: their tables (:data:`FLAT_NAMES`).
    options: OptionTable = field(default_factory=dict)
    baseline: str | None = None
    rules_path: tuple[str, ...] = ()  # the user's rule files or folders (absolute), docs/developing.md
    source: str | None = None  # the file this came from
    root: str | None = None  # its folder: per-file-ignores patterns are relative to it

    def __post_init__(self) -> None:
        if any(not isinstance(v, dict) for v in self.options.values()):
            object.__setattr__(self, "options", _nested(self.options))

    # -- rule selection -------------------------------------------------------------------
    def enabled_rules(self, path: str | None = None) -> list[registry.Rule]:
        """The rules to run on ``path``.  Without per-file ignores the answer is the same for
        every file, so it is worked out once per configuration (twice per document otherwise)."""
        activate_rules(self.rules_path)  # this configuration's own rules (also in a spawned worker)
        if self.per_file_ignores:
            return self._enabled_rules(path)
        cached = self.__dict__.get("_enabled")
        if cached is None:
            cached = tuple(self._enabled_rules(None))
            object.__setattr__(self, "_enabled", cached)  # a memo, not a field: frozen stays frozen
        return list(cached)

    def _enabled_rules(self, path: str | None) -> list[registry.Rule]:
        # Only the families the selectors can reach are imported (start-up time, issue 18).
        rules = registry.selected_rules((*self.select, *self.extend_select), defaults=not self.select)
        if self.select:
            chosen = [
                r
                for r in rules
                if any(registry.is_exact(s, r) or (registry.matches(s, r) and (r.default or s.upper() == "ALL"))
                       for s in self.select)
            ]
        else:
            chosen = [r for r in rules if r.default]
        for s in self.extend_select:
            chosen += [r for r in rules if registry.matches(s, r) and r not in chosen]
        ignores = list(self.ignore) + list(self._file_ignores(path))
        return [r for r in chosen if not any(registry.matches(s, r) for s in ignores)]

    def _file_ignores(self, path: str | None) -> Iterable[str]:
        if not path or not self.per_file_ignores:
            return ()
        p = Path(path)
        candidates = {p.as_posix(), p.name}
        if self.root:
            try:
                candidates.add(p.resolve().relative_to(Path(self.root).resolve()).as_posix())
            except ValueError:
                pass
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if any(fnmatch.fnmatch(c, pattern) for c in candidates):
                out.extend(codes)
        return out

    def severity_of(self, r: registry.Rule) -> Severity:
        return self.severity.get(r.code, r.severity)

    def option(self, table: str, name: str | None = None) -> Any:
        """The value of option ``name`` of rule ``table`` (a code) or of settings section
        ``table``: configured, else declared.  Each value is resolved once per configuration, on
        first use (rules ask per paragraph; rebuilding the defaults was ~115 dict builds per
        document), and only the asking rule's family is imported for it.
        ``option("style-max-chars")``, a deprecated flat name alone, is read through :data:`FLAT_NAMES`."""
        if name is None:
            if table not in FLAT_NAMES:
                raise KeyError(f"undeclared option {table}")
            table, name = FLAT_NAMES[table]
        resolved = self.__dict__.get("_resolved")
        if resolved is None:
            resolved = {}
            object.__setattr__(self, "_resolved", resolved)  # a memo, not a field: frozen stays frozen
        try:
            return resolved[table, name]
        except KeyError:
            configured = self.options.get(table, {})
            value = configured[name] if name in configured else declared_default(table, name)
            resolved[table, name] = value
            return value

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **changes)


def _as_list(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"配置项 {key} 应为规则代码列表，例如 [\"GW1\", \"GW401\"]")
    return tuple(v.strip() for v in value)


def activate_rules(paths: Iterable[str]) -> None:
    """Load the user's rule files of ``rules-path`` into the registry (replacing any other
    configuration's), so selectors, severities and suppressions can name them."""
    try:
        registry.use_rules_path(paths)
    except RuleFileError as e:
        raise ConfigError(str(e)) from None


def rules_path(value: Any, key: str, base: Path | None) -> tuple[str, ...]:
    """``rules-path``: a folder or file, or a list of them; relative to ``base`` (the config's folder)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"配置项 {key} 应为规则文件或文件夹的路径列表，例如 [\"规则\"]")
    out = []
    for v in value:
        p = Path(v.strip()).expanduser()
        if base is not None and not p.is_absolute():
            p = base / p
        out.append(str(p.resolve()))
    return tuple(out)


def check_selectors(selectors: Iterable[str], key: str) -> None:
    for s in selectors:
        if not registry.valid_selector(s):
            raise ConfigError(f"{key} 中的规则“{s}”不存在：请用 gongwen-lint rules 查看可用的规则代码和名称")


def parse(data: dict[str, Any], source: str | None = None) -> Config:
    """Build a :class:`Config` from the ``[tool.gongwen-lint]`` table; every message names the file."""
    try:
        return _parse(data, source)
    except ConfigError as e:
        if source and source not in str(e):
            raise ConfigError(f"{e}（{source}）") from None
        raise


def _parse(data: dict[str, Any], source: str | None) -> Config:
    where = f"（{source}）" if source else ""
    kwargs: dict[str, Any] = {"source": source, "root": str(Path(source).parent) if source else None}
    # The user's rules first: selectors, severities and options may name them.
    if "rules-path" in data:
        kwargs["rules_path"] = rules_path(data["rules-path"], "rules-path", Path(source).parent if source else None)
    activate_rules(kwargs.get("rules_path", ()))
    unknown = sorted(k for k in set(data) - TOP_KEYS if not _is_table_key(k))
    if unknown:
        raise ConfigError(f"未知的配置项 {unknown[0]}{where}；可用的配置项：{', '.join(sorted(TOP_KEYS))}，"
                          f"以及规则代码（如 GW706）或共用设置（{'、'.join(SECTIONS)}）的表")
    for key, attr in (("select", "select"), ("ignore", "ignore"), ("extend-select", "extend_select")):
        if key in data:
            kwargs[attr] = _as_list(data[key], key)
            check_selectors(kwargs[attr], key)
    if "severity" in data:
        sev: dict[str, Severity] = {}
        if not isinstance(data["severity"], dict):
            raise ConfigError(f"配置项 severity 应为表，例如 severity = {{ GW401 = \"warning\" }}{where}")
        for k, v in data["severity"].items():
            r = registry.get_rule(k)
            if r is None:
                raise ConfigError(f"severity 中的规则“{k}”不存在{where}")
            try:
                sev[r.code] = _severity(v)
            except ValueError:
                raise ConfigError(f"severity.{k} 的值“{v}”无效：应为 error、warning 或 info{where}") from None
        kwargs["severity"] = sev
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"配置项 per-file-ignores 应为表：{{ \"旧稿/*.docx\" = [\"GW2\"] }}{where}")
        kwargs["per_file_ignores"] = {k: _as_list(v, f"per-file-ignores.{k}") for k, v in pfi.items()}
        for k, v in kwargs["per_file_ignores"].items():
            check_selectors(v, f"per-file-ignores.{k}")
    if "index" in data:
        if not isinstance(data["index"], str):
            raise ConfigError(f"配置项 index 应为索引文件路径或 postgresql:// 地址{where}")
        index = data["index"]
        if source and "://" not in index and not Path(index).is_absolute():
            index = str(Path(source).parent / index)
        kwargs["index"] = index
    if "fail-on" in data:
        try:
            kwargs["fail_on"] = _severity(data["fail-on"])
        except ValueError:
            raise ConfigError(f"fail-on 的值“{data['fail-on']}”无效：应为 error、warning 或 info{where}") from None
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"].strip():
            raise ConfigError(f"配置项 baseline 应为基线文件的路径{where}")
        kwargs["baseline"] = data["baseline"]
    if "dictionaries" in data:
        d = data["dictionaries"]
        if not isinstance(d, dict):
            raise ConfigError(f"配置项 dictionaries 应为表{where}")
        bad = sorted(set(d) - DICTIONARY_KEYS)
        if bad:
            raise ConfigError(f"未知的配置项 dictionaries.{bad[0]}{where}；可用：{', '.join(sorted(DICTIONARY_KEYS))}")
        if "font-aliases" in d:
            from .fonts import invalid_aliases

            if not isinstance(d["font-aliases"], dict):
                raise ConfigError(f"dictionaries.font-aliases 应为表：{{ \"某字体\" = \"仿宋\" }}{where}")
            bad = invalid_aliases(d["font-aliases"])
            if bad:
                raise ConfigError(f"dictionaries.font-aliases 中的“{bad[0]}”无效：值应为字体类别（仿宋、楷体、黑体、宋体、小标宋）{where}")
        from .lexicon import DictionaryError, validate

        try:
            validate(d)
        except DictionaryError as e:
            raise ConfigError(f"{e}{where}") from None
        kwargs["dictionaries"] = dict(d)
    if "options" in data or any(_is_table_key(k) for k in data):
        kwargs["options"] = _parse_options(data, where)
    return Config(**kwargs)


def _is_table_key(key: str) -> bool:
    """A top-level key that names a rule (``GW706``, its options' table) or a settings section."""
    return key in SECTIONS or bool(registry.CODE_RE.match(key) or registry.USER_CODE_RE.match(key))


def _parse_options(data: dict[str, Any], where: str) -> OptionTable:
    """The option tables (``[GW706]``, ``[layout]``) and the deprecated flat ``[options]``, each
    value checked against its declaration; one option set both ways is an error."""
    dictionaries = data.get("dictionaries")
    aliases = dictionaries.get("font-aliases") if isinstance(dictionaries, dict) else None
    out: OptionTable = {}
    said: dict[tuple[str, str], str] = {}  # (table, name) -> how the file named it
    for table in (k for k in data if _is_table_key(k)):
        values = data[table]
        declared = declared_table(table)
        if not declared:  # a code: every settings section declares values
            if declared is None:
                raise ConfigError(f"配置项 {table}：规则“{table}”不存在{where}；请用 gongwen-lint rules 查看可用的规则代码")
            raise ConfigError(f"规则 {table} 没有可配置项{where}；有可配置项的：{', '.join(sorted(declared_options()))}")
        if not isinstance(values, dict):
            raise ConfigError(f"配置项 {table} 应为表，例如 [tool.gongwen-lint.{table}]{where}")
        for name, value in values.items():
            if name not in declared:
                raise ConfigError(f"未知的配置项 {table}.{name}{where}；{table} 可用：{', '.join(sorted(declared))}")
            key = f"{table}.{name}"
            out.setdefault(table, {})[name] = option_value(key, value, declared[name], where, aliases,
                                                           choices=_choices(table, name))
            said[table, name] = key
    if "options" in data:
        opts = data["options"]
        if not isinstance(opts, dict):
            raise ConfigError(f"配置项 options 应为表{where}")
        for k, value in opts.items():
            if k not in FLAT_NAMES:
                raise ConfigError(f"未知的配置项 options.{k}{where}；可用：{', '.join(sorted(FLAT_NAMES))}"
                                  "（已不推荐：请写在规则代码或共用设置的表中，见 docs/configuration.md）")
            table, name = FLAT_NAMES[k]
            if (table, name) in said:
                raise ConfigError(f"options.{k} 与 {said[table, name]} 是同一项，只能写一处：请只保留 "
                                  f"[tool.gongwen-lint.{table}] 中的 {name}{where}")
            out.setdefault(table, {})[name] = option_value(f"options.{k}", value, declared_default(table, name), where,
                                                           aliases, choices=_choices(table, name))
            said[table, name] = f"options.{k}"
    return out


def _severity(value: Any) -> Severity:
    if not isinstance(value, str):
        raise ValueError(value)
    return Severity(value)


#: Options whose name ends so are shares of something: between 0 and 1.
FRACTION_SUFFIXES = ("-coverage", "-similarity", "-ratio", "-share")


def option_value(key: str, value: Any, default: Any, where: str = "", aliases: Any = None,
                 choices: tuple[str, ...] | None = None) -> Any:
    """``value`` checked against the option's default (its type), its choices and its meaning.

    Numbers are validated here, where they are read: TOML allows ``nan`` and ``inf``, and a
    threshold of ``nan`` makes every comparison false, silently.  Every numeric option is a size,
    a count or a share: never negative; shares (:data:`FRACTION_SUFFIXES`) at most 1.  Options
    named ``…-font`` name a font class (or a font of one); enumerations list their ``choices``.
    ``key`` is the option as the file names it (``GW706.max-chars``, ``options.style-max-chars``).
    """
    name = key.rsplit(".", 1)[-1]
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{key} 的值应为 true 或 false{where}")
        return value
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key} 的值应为数字，例如 {default!r}{where}")
        if not math.isfinite(value):
            raise ConfigError(f"{key} 的值“{value}”无效：应为有限的数字{where}")
        if isinstance(default, int):
            if isinstance(value, float) and not value.is_integer():
                raise ConfigError(f"{key} 的值应为整数，例如 {default!r}{where}")
            value = int(value)
        else:
            value = float(value)
        if value < 0:
            raise ConfigError(f"{key} 的值不能为负数{where}")
        if name.endswith(FRACTION_SUFFIXES) and value > 1:
            raise ConfigError(f"{key} 是比例，应在 0 到 1 之间（如 0.8 表示 80%）{where}")
        return value
    if isinstance(default, str):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{key} 的值应为非空字符串，例如 {default!r}{where}")
        if choices and value.strip().lower() not in choices:
            raise ConfigError(f"{key} 的值“{value}”无效：应为 {'、'.join(choices)} 之一{where}")
        if name.endswith("-font"):
            from .fonts import CLASSES, build

            if build(aliases if isinstance(aliases, dict) else None).class_of_option(value) not in CLASSES:
                raise ConfigError(f"{key} 的值“{value}”不是可识别的字体：应为仿宋、楷体、黑体、宋体、小标宋，"
                                  f"或属于其中一类的字体名（可在 dictionaries.font-aliases 中补充）{where}")
        return value
    if isinstance(default, (list, tuple)):
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise ConfigError(f"{key} 的值应为字符串列表，例如 {list(default)!r}{where}")
        return list(value)
    return value


def load_file(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = read_capped(path, MAX_CONFIG_BYTES, lambda size: f"文件过大（{size:,} 字节），不像是配置文件")
    except ReadError as e:
        raise ConfigError(f"无法读取配置文件 {path}：{e}") from None
    data = _toml(raw, path)
    if path.name == "pyproject.toml":
        data = _our_table(data, path)
    return parse(data, str(path))


def _toml(raw: bytes, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"配置文件 {path} 不是 UTF-8 编码：请另存为 UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+), column (\d+)", str(e))
        where = f"第 {m.group(1)} 行第 {m.group(2)} 列附近" if m else ""
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{where}有语法错误（{e}）") from None


def _our_table(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """``[tool.gongwen-lint]`` of a pyproject.toml, checked to be a table."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"配置文件 {path} 中的 tool 应为表（[tool]），现在是 {_kind(tool)}")
    ours = tool.get("gongwen-lint", {})
    if not isinstance(ours, dict):
        raise ConfigError(f"配置文件 {path} 中的 [tool.gongwen-lint] 应为表，现在是 {_kind(ours)}："
                          "请写成 [tool.gongwen-lint] 下的若干配置项")
    return ours


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "数组"
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    return type(value).__name__


#: A pyproject.toml that mentions our table: if it does not parse, that is our error to report.
_MENTIONS_US = recache.compile(r"^\s*\[+\s*tool\s*\.\s*[\"']?gongwen-lint|^\s*gongwen-lint\s*=", re.MULTILINE)


def discover(start: str | Path | None = None) -> Config:
    """The configuration of the nearest config file above ``start`` (default: cwd).

    A pyproject.toml counts when it has a ``[tool.gongwen-lint]`` table; one that does not
    parse counts (as an error) when its text mentions that table, so a typo in the section
    header cannot silently turn the configuration off.
    """
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _is_ours(candidate):
                    continue
                return load_file(candidate)
    return Config()


def _is_ours(pyproject: Path) -> bool:
    try:
        raw = read_capped(pyproject, MAX_CONFIG_BYTES, lambda size: "")
        text = raw.decode("utf-8-sig")
    except (ReadError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return bool(_MENTIONS_US.search(text))
    tool = data.get("tool")
    return isinstance(tool, dict) and "gongwen-lint" in tool
