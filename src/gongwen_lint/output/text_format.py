"""Text output for people: per file, what matters most first, then one line per finding.

A finding groups the diagnostics of one rule and kind in one paragraph (``diagnostics.group``):
``第12段  警告  GW401 中文中应使用全角标点 ×8：, → ，（可自动修复）`` with the positions of every
span on the next line.  Findings are ordered by severity, then position; each file starts with
its errors and the three rules with the most findings, and the run ends with a summary line
(and, with ``--statistics``, a table by rule, as ruff has).

Colour only when writing to a terminal (ANSI codes written directly: importing rich for a few
escape sequences would cost start-up time on every run)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Finding, Severity, group

if TYPE_CHECKING:
    from ..report import Report

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: Excerpts longer than this are shortened in the text report (the JSON keeps them whole).
EXCERPT_CHARS = 60


def _c(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def part_label(part: str) -> str:
    if part == "body":
        return ""
    return {"footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}.get(
        part, part.replace("header", "页眉").replace("footer", "页脚")
    ) + " "


def where(d: Diagnostic | Finding) -> str:
    """``第12段``, ``页脚1 第1段``, or for a finding over several paragraphs ``第8–10段``."""
    loc = d.location
    last = d.last_paragraph if isinstance(d, Finding) else loc.paragraph
    span = f"{loc.paragraph}–{last}" if last != loc.paragraph else f"{loc.paragraph}"
    return f"{part_label(loc.part)}第{span}段"


def _short(text: str) -> str:
    text = text.replace("\n", "↵")
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 12] + "……" + text[-10:]


def fix_note(f: Finding) -> str:
    if f.safe_fixes == f.count:
        return "（可自动修复）"
    if f.safe_fixes:
        return f"（其中 {f.safe_fixes} 处可自动修复）"
    if f.unsafe_fixes:
        return "（可修复，可能改变格式：--fix --unsafe-fixes）"
    return ""


def render_finding(f: Finding, colour: bool = False) -> str:
    head = (f"  {where(f)}  {_c(f.severity.label, _COLOURS[f.severity], colour)}  "
            f"{_c(f.code, '1', colour)} {f.message}{fix_note(f)}")
    lines = [head]
    first = f.first
    if f.count == 1:
        visible = first.excerpt.strip()
        if len(visible) >= 2 and first.excerpt not in first.message:
            lines.append(f"      「{_short(first.excerpt)}」")
        elif first.excerpt and not visible:  # a stray space: say where it is
            lines.append(f"      位置：第{first.location.start + 1}字")
    elif f.last_paragraph == f.location.paragraph:
        # every span: 1-based character positions in the paragraph
        lines.append("      位置：第" + "、".join(str(d.location.start + 1) for d in f.diagnostics) + "字")
    refs = {d.reference for d in f.diagnostics if d.reference is not None}
    for ref in sorted(refs, key=lambda r: -r.similarity):
        src = ref.title or ref.path
        num = f"（{ref.number}）" if ref.number else ""
        lines.append(f"      来源：{src}{num} 相似度 {ref.similarity:.0%}")
    return "\n".join(lines)


def _title(code: str) -> str:
    from ..rules.registry import get_rule

    r = get_rule(code)
    return r.title if r is not None else ""


def key_points(findings: list[Finding]) -> str:
    """What matters most, in one line: the errors, then the three rules with most findings."""
    errors = Counter(f.code for f in findings if f.severity is Severity.ERROR)
    if errors:
        listed = "、".join(f"{c} ×{n}" if n > 1 else c for c, n in errors.most_common())
        first = f"错误 {sum(errors.values())} 项（{listed}）"
    else:
        first = "没有错误"
    spans = Counter(d.code for f in findings for d in f.diagnostics)
    top = "、".join(f"{c} {_title(c)} {n} 处" for c, n in spans.most_common(3))
    return f"  要点：{first}；最多的是 {top}"


def render_statistics(findings: Iterable[Finding]) -> list[str]:
    """The closing table by rule (``--statistics``): spans, findings, code, title, fixable."""
    spans: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for f in findings:
        spans[f.code] += f.count
        groups[f.code] += 1
        fixable[f.code] += f.safe_fixes
    if not spans:
        return []
    lines = ["按规则统计（处 = 出现次数，项 = 合并后的问题数）："]
    for code, n in sorted(spans.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "  [可自动修复]" if fixable[code] == n else (f"  [{fixable[code]} 处可自动修复]" if fixable[code] else "")
        lines.append(f"  {n:>5} 处 {groups[code]:>4} 项  {code}  {_title(code)}{mark}")
    return lines


def render(reports: Iterable[Report], colour: bool = False, statistics: bool = False,
           interrupted: str | None = None) -> str:
    out: list[str] = []
    counts = dict.fromkeys(_SEVERITIES, 0)
    spans = fixable = bad = 0
    files = 0
    everything: list[Finding] = []
    for r in reports:
        files += 1
        if r.error:
            bad += 1
            out.append(f"{_c(r.path, '1', colour)}\n  {_c('无法检查', '31', colour)}：{r.error}")
            continue
        if not r.diagnostics:
            continue
        findings = group(r.diagnostics)
        everything += findings
        kind = "，".join(x for x in (r.genre, r.format) if x)
        out.append(_c(r.path, "1", colour) + (f"（{kind}）" if kind else ""))
        out.append(key_points(findings))
        for f in sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key())):
            out.append(render_finding(f, colour))
            counts[f.severity] += 1
            spans += f.count
            fixable += f.safe_fixes
    if statistics:
        out += render_statistics(everything)
    summary = (f"共检查 {files} 个文件：错误 {counts[Severity.ERROR]} 项，警告 {counts[Severity.WARNING]} 项，"
               f"提示 {counts[Severity.INFO]} 项")
    if spans:
        summary += f"（共 {spans} 处" + (f"，其中 {fixable} 处可用 --fix 自动修复）" if fixable else "）")
    if bad:
        summary += f"，{bad} 个文件无法读取"
    if not (spans or bad):
        summary += "。未发现问题"
    if interrupted:
        summary = f"{interrupted}\n{summary}"
    out.append(summary)
    return "\n".join(out) + "\n"
