"""``gongwen-lint rules`` and ``gongwen-lint rule CODE``; also the generated docs/rules.md."""

from __future__ import annotations

from ..rules.registry import Rule, all_rules
from ..rules.settings import used_by


def render_catalogue() -> str:
    lines = ["代码    级别  默认  来源  名称 — 标题"]
    for r in all_rules():
        on = "开" if r.default else "关"
        lines.append(f"{r.code}  {r.severity.label}  {on}    {r.source.split()[0]}  {r.name} — {r.title}")
    return "\n".join(lines)


def render_rule(r: Rule) -> str:
    head = [
        f"{r.code} {r.name}：{r.title}",
        f"默认级别：{r.severity.label}（{r.severity.value}）   依据层级：{r.source}   默认{'启用' if r.default else '不启用'}"
        + ("   可自动修复" if r.fixable else ""),
    ]
    if r.origin:
        head.append(f"规则文件：{r.origin}")
    head += _configurable(r)
    return "\n".join(head) + "\n\n" + r.doc


def _configurable(r: Rule) -> list[str]:
    """The rule's own options and the shared settings it reads, as written in the configuration."""
    lines = []
    if r.options:
        lines.append(f"可配置项（[tool.gongwen-lint.{r.code}]）：" + "，".join(f"{k} = {_toml(v)}" for k, v in r.options.items()))
    for s in used_by(r.code):
        lines.append(f"共用设置（[tool.gongwen-lint.{s.name}]）：" + "，".join(f"{k} = {_toml(v)}" for k, v in s.values.items()))
    return lines


def _toml(value: object) -> str:
    """A default as it is written in TOML (``true``, ``"仿宋"``, ``["空泛程度"]``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


def render_reference() -> str:
    """docs/rules.md, generated from the rules' own docstrings."""
    parts = ["# 规则参考\n", "本文件由 `python -m gongwen_lint.output.rules_format` 从规则的文档字符串生成，请勿手工编辑。\n"]
    for r in all_rules():
        parts.append(f"\n## {r.code} {r.name}：{r.title}\n")
        parts.append(f"默认级别：{r.severity.label}；依据层级：{r.source}；默认{'启用' if r.default else '不启用'}"
                     + ("；可自动修复" if r.fixable else "") + "\n")
        parts.extend(f"\n{line}\n" for line in _configurable(r))
        parts.append(("\n" + r.doc).replace("\n## ", "\n### ") + "\n")
    return "".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(render_reference(), end="")
