"""Meta rules about the check itself (GW901–GW902): unreadable content and unused suppressions.

GW902 is a post-pass, as ruff computes RUF100 after all rules: it is declared ``after_all`` and
judges each directive from the diagnostics the rules it names produced in this check, before
suppression (``Context.diagnostics_of``).  A named rule this run did not select is run on the
side by the engine for the question only, so the verdict does not depend on ``--select``
(``--select GW1`` does not make every ``ignore[GW4]`` "unused") and the rule works inside the
rule-example harness; the message says when the named rules were not enabled.  The filtering
of the suppressed findings is done by :mod:`gongwen_lint.suppress` after all rules ran, with the
same parsing and matching.  Three verdicts are told apart: *unknown* (a code or name that is
not a rule, or no rule written, or no anchor), *disabled* (the named rules are not enabled in
this check and would find nothing) and *unused* (they ran and found nothing in range).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import recache, suppress
from ..diagnostics import Diagnostic, Location, Severity
from ..model import Document, Paragraph
from ..relead import lookahead_first
from .context import Context
from .registry import Rule, all_rules, is_exact, matches, rule, valid_selector

# U+FFFD is what a decoder writes for bytes it could not read; 锟斤拷 is U+FFFD's UTF-8 bytes
# read as GBK and written again.  Neither is ever meant to be in a 公文.
_GARBLED_RE = recache.compile(lookahead_first(r"(?:\ufffd|锟斤拷)+"))


@rule(
    "GW901",
    "unreadable-part",
    title="部分内容未能读取",
    severity=Severity.WARNING,
    source="实务",
)
def unreadable_part(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    文件中有未能读取的部分，这部分没有被检查：损坏的页眉页脚、样式表、嵌入的外部内容
    （altChunk）等；其余内容照常检查。也报告文字中因编码转换丢失的字符：替换字符“�”
    （U+FFFD）和由它转码而来的乱码“锟斤拷”，说明原文在复制粘贴或格式转换时丢了字。
    检查规则本身出错时也以此代码报告（请把文件报告给维护者）。

    ## 依据
    实务：检查报告应说明哪些内容没有检查，不能把“没读到”当成“没问题”；公文中不应出现乱码。

    ## 示例
    错：会议定于5月1日在北京�开。
    错：请各单位锟斤拷认真贯彻执行。
    对：会议定于5月1日在北京召开。
    """
    r = ctx.rule
    for problem in doc.problems:
        yield Diagnostic(r.code, r.name, r.severity, problem, Location("body", 1, 0, 0), "")
    for part, paragraphs in doc.parts.items():
        if part == "comments":
            continue
        for p in paragraphs:
            for m in _GARBLED_RE.finditer(p.text):
                yield ctx.report(
                    p, m.start(), m.end(),
                    f"此处有无法识别的字符“{m.group(0)}”，原文可能在复制粘贴或格式转换时丢了字：请对照原文补正",
                )


@rule(
    "GW902",
    "unused-suppression",
    title="不起作用的抑制批注",
    severity=Severity.WARNING,
    source="实务",
    after_all=True,
)
def unused_suppression(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    抑制批注没有抑制任何问题：批注所在范围内（file-ignore 为全文）它点名的规则没有发现问题，
    或点名的规则不存在、没有写规则、批注没有锚定到文字。这样的批注多半是问题已改正后遗留的，
    应当删除，免得日后掩盖新的问题。

    抑制批注的写法：在 Word/WPS 中选中文字插入批注，批注内容以
    `gwlint: ignore[GW102] 理由` 开头（可写多个代码、代码前缀或规则名称，用逗号分隔，
    如 `gwlint: ignore[GW1, doc-number-format]`）；`gwlint: file-ignore[GW7] 理由` 放在任何
    位置都作用于全文。纯文本（.txt/.md）草稿没有批注，可在行末写
    `<!-- gwlint: ignore[GW401] 理由 -->`（作用于本行），或单独成行（作用于下一行）。

    判断“是否起作用”时看批注点名的规则在本次检查中的结果（抑制之前）；点名的规则本次没有
    启用时，为此单独运行它们，所以结论与本次用 --select 选了哪些规则无关，消息中会注明
    “本次未启用”。点名的规则需要参考文件索引或语言模型而本次没有启用时，不作判断。

    ## 依据
    实务：与 ruff 的 RUF100（unused-noqa）相同，过时的抑制会掩盖日后出现的新问题。

    ## 示例
    错：
        关于召开会议的通知
        会议定于5月1日召开。<!-- gwlint: ignore[GW401] 引用原文 -->
    错：
        关于召开会议的通知
        会议定于5月1日召开。<!-- gwlint: ignore[GW999] -->
    对：
        关于召开会议的通知
        会议定于5月1日召开,请准时参加。<!-- gwlint: ignore[GW401] 引用原文 -->
    对：
        关于召开会议的通知
        会议定于5月1日召开。

    ## 修复
    删除该批注（在 Word/WPS 中右键批注→删除批注）。
    """
    found = suppress.directives(doc)
    if not found:
        return
    enabled = {r.code for r in ctx.config.enabled_rules(doc.path)}
    plans: list[tuple[suppress.Directive, list[Rule] | None, str | None]] = []
    needed: dict[str, Rule] = {}
    for d in found:
        problem = _malformed(d)
        if problem:
            plans.append((d, None, problem))
            continue
        rules = _rules_named(d, enabled, ctx)
        if rules is None or not rules:
            continue  # undecidable here, or names only meta rules
        plans.append((d, rules, None))
        needed.update((r.code, r) for r in rules)
    diags: list[Diagnostic] = []
    if needed:
        produced = ctx.diagnostics_of([needed[c] for c in sorted(needed)])
        diags = [x for x in produced if not suppress.inside_directive_text(x.location, found)]
    for d, rules, problem in plans:
        if problem is None and rules is not None:
            if any(suppress.suppresses(d, x) for x in diags):
                continue
            names = "、".join(d.selectors)
            scope = "全文" if d.file_wide else "批注范围内"
            off = [r.code for r in rules if r.code not in enabled]
            if len(off) == len(rules):  # disabled: none of the named rules runs in this check
                codes = "、".join(off) if len(off) <= 3 else f"{'、'.join(off[:3])} 等 {len(off)} 条规则"
                problem = (f"抑制批注“{_short(d.text)}”不起作用：{scope}没有 {names} 的问题"
                           f"（{codes} 本次未启用，为此单独检查过），可删除该批注")
            else:  # unused
                problem = f"抑制批注“{_short(d.text)}”不起作用：{scope}没有 {names} 的问题，可删除该批注"
        yield _at(doc, ctx, d.where, problem or "")


def _malformed(d: suppress.Directive) -> str | None:
    if not d.selectors:
        return f"抑制批注“{_short(d.text)}”没有写明规则：应写成 gwlint: ignore[GW102] 理由"
    unknown = [s for s in d.selectors if not valid_selector(s)]
    if unknown:
        return f"抑制批注中的规则“{unknown[0]}”不存在：请用 gongwen-lint rules 查看规则代码和名称"
    if not d.file_wide and d.start is None:
        return f"抑制批注“{_short(d.text)}”没有锚定到文字，不起作用：请选中要抑制的文字后再插入批注"
    return None


def _rules_named(d: suppress.Directive, enabled: set[str], ctx: Context) -> list[Rule] | None:
    """The rules to run to judge ``d``; None when one of them cannot run in this check."""
    out = []
    for r in all_rules():
        if r.code.startswith("GW9"):
            continue
        if not any(matches(s, r) and (r.default or is_exact(s, r) or r.code in enabled) for s in d.selectors):
            continue
        if "index" in r.needs and not ctx.config.index:
            return None  # the duplicate rules need the reference index
        if "nlp" in r.needs and r.code not in enabled:
            return None  # do not load the language models just for this verdict
        out.append(r)
    return out


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _at(doc: Document, ctx: Context, loc: Location, message: str) -> Diagnostic:
    p = _paragraph(doc, loc.part, loc.paragraph)
    if p is None:
        r = ctx.rule
        return Diagnostic(r.code, r.name, r.severity, message, Location(loc.part, loc.paragraph, 0, 0), "")
    return ctx.report(p, min(loc.start, len(p.text)), min(loc.end, len(p.text)), message)


def _paragraph(doc: Document, part: str, index: int) -> Paragraph | None:
    paragraphs = doc.parts.get(part, ())
    if 0 < index <= len(paragraphs) and paragraphs[index - 1].index == index:
        return paragraphs[index - 1]
    return next((p for p in paragraphs if p.index == index), None)
