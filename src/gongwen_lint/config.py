"""Finding, reading and validating configuration (docs/configuration.md).

``[tool.gongwen-lint]`` in ``pyproject.toml``, or ``gongwen-lint.toml`` / ``.gongwen-lint.toml``
with the same keys at the top level.  The nearest file upwards from the working directory wins.
Unknown keys are an error that names the key: a typo must not silently disable a check.
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
    options: dict[str, Any] = field(default_factory=dict)
    baseline: str | None = None
    rules_path: tuple[str, ...] = ()  # the user's rule files or folders (absolute), docs/developing.md
    source: str | None = None  # the file this came from
    root: str | None = None  # its folder: per-file-ignores patterns are relative to it

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

    def option(self, name: str) -> Any:
        if name in self.options:
            return self.options[name]
        return registry.option_default(name)

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
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise ConfigError(f"未知的配置项 {unknown[0]}{where}；可用的配置项：{', '.join(sorted(TOP_KEYS))}")
    kwargs: dict[str, Any] = {"source": source, "root": str(Path(source).parent) if source else None}
    # The user's rules first: selectors, severities and options may name them.
    if "rules-path" in data:
        kwargs["rules_path"] = rules_path(data["rules-path"], "rules-path", Path(source).parent if source else None)
    activate_rules(kwargs.get("rules_path", ()))
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
    if "options" in data:
        opts = data["options"]
        if not isinstance(opts, dict):
            raise ConfigError(f"配置项 options 应为表{where}")
        defaults = registry.option_defaults()
        for k in opts:
            if k not in defaults:
                raise ConfigError(f"未知的配置项 options.{k}{where}；可用：{', '.join(sorted(defaults))}")
        dictionaries = data.get("dictionaries")
        aliases = dictionaries.get("font-aliases") if isinstance(dictionaries, dict) else None
        kwargs["options"] = {k: option_value(k, v, defaults[k], where, aliases) for k, v in opts.items()}
    return Config(**kwargs)


def _severity(value: Any) -> Severity:
    if not isinstance(value, str):
        raise ValueError(value)
    return Severity(value)


#: Options whose name ends so are shares of something: between 0 and 1.
FRACTION_SUFFIXES = ("-coverage", "-similarity", "-ratio", "-share")


def option_value(name: str, value: Any, default: Any, where: str = "", aliases: Any = None) -> Any:
    """``value`` checked against the option's default (its type), its choices and its meaning.

    Numbers are validated here, where they are read: TOML allows ``nan`` and ``inf``, and a
    threshold of ``nan`` makes every comparison false, silently.  Every numeric option is a size,
    a count or a share: never negative; shares (:data:`FRACTION_SUFFIXES`) at most 1.  Options
    named ``…-font`` name a font class (or a font of one); enumerations list their choices.
    """
    key = f"options.{name}"
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
        choices = registry.option_choices().get(name)
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
