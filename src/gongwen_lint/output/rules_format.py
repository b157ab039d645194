"""``gongwen-lint rules`` and ``gongwen-lint rule CODE``; also the generated docs/rules.md."""

from __future__ import annotations

from ..rules.registry import Rule, all_rules


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
    if r.options:
        head.append("可配置项（[tool.gongwen-lint.options]）：" + "，".join(f"{k} = {v!r}" for k, v in r.options.items()))
    return "\n".join(head) + "\n\n" + r.doc


def render_reference() -> str:
    """docs/rules.md, generated from the rules' own docstrings."""
    parts = ["# 规则参考\n", "本文件由 `python -m gongwen_lint.output.rules_format` 从规则的文档字符串生成，请勿手工编辑。\n"]
    for r in all_rules():
        parts.append(f"\n## {r.code} {r.name}：{r.title}\n")
        parts.append(f"默认级别：{r.severity.label}；依据层级：{r.source}；默认{'启用' if r.default else '不启用'}"
                     + ("；可自动修复" if r.fixable else "") + "\n")
        parts.append(("\n" + r.doc).replace("\n## ", "\n### ") + "\n")
    return "".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(render_reference(), end="")
