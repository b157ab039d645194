"""Text output for people: one block per file, the paragraph, the excerpt, a summary line.

Colour only when writing to a terminal (ANSI codes written directly: importing rich for a few
escape sequences would cost start-up time on every run)."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _c(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def where(d: Diagnostic) -> str:
    loc = d.location
    part = "" if loc.part == "body" else {"footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}.get(
        loc.part, loc.part.replace("header", "页眉").replace("footer", "页脚")
    ) + " "
    return f"{part}第{loc.paragraph}段"


def render_diagnostic(d: Diagnostic, colour: bool = False) -> str:
    head = f"  {where(d)}  {_c(d.severity.label, _COLOURS[d.severity], colour)}  {_c(d.code, '1', colour)} {d.message}"
    lines = [head]
    if d.excerpt:
        lines.append(f"      「{d.excerpt}」")
    if d.fix is not None and d.fix.applicability == "safe":
        lines.append(f"      可自动修复 → 「{d.fix.replacement}」")
    if d.reference is not None:
        ref = d.reference
        src = ref.title or ref.path
        num = f"（{ref.number}）" if ref.number else ""
        lines.append(f"      来源：{src}{num} 相似度 {ref.similarity:.0%}")
    return "\n".join(lines)


def render(reports, colour: bool = False) -> str:
    out: list[str] = []
    errors = warnings = infos = bad = 0
    for r in reports:
        if r.error:
            bad += 1
            out.append(f"{_c(r.path, '1', colour)}\n  {_c('无法检查', '31', colour)}：{r.error}")
            continue
        if not r.diagnostics:
            continue
        kind = "，".join(x for x in (r.genre, r.format) if x)
        out.append(_c(r.path, "1", colour) + (f"（{kind}）" if kind else ""))
        for d in r.diagnostics:
            out.append(render_diagnostic(d, colour))
            errors += d.severity is Severity.ERROR
            warnings += d.severity is Severity.WARNING
            infos += d.severity is Severity.INFO
    summary = f"共检查 {len(reports)} 个文件：错误 {errors}，警告 {warnings}，提示 {infos}"
    if bad:
        summary += f"，{bad} 个文件无法读取"
    if not (errors or warnings or infos or bad):
        summary += "。未发现问题"
    out.append(summary)
    return "\n".join(out) + "\n"
