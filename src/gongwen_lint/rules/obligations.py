"""Obligations not quietly weakened (GW641, GW642): a draft paragraph that restates a paragraph of
an indexed higher-level document, compared word for word with it (needs ``--index``).

The GW8 alignment (``rules.duplicates``, ``index.search``) already pairs each copied passage of
the draft with the passage of the reference it repeats.  Here the two passages are diffed again,
a few characters wider, on the index's normalised text (punctuation dropped), and each change
that sits between unchanged text on both sides is judged:

* an obligation turned into an option (应当 → 可以, 要 → 鼓励), a prohibition dropped (严禁 …
  deleted), a condition added in front of an obligation (原则上, 有条件的), the scope narrowed
  (全面 → 试点), a deadline moved later: GW641, the obligation was weakened;
* any other changed figure (不少于三株 → 五株, 2025年 → 2026年 earlier): GW642, for the drafter to
  confirm.

Both texts are quoted side by side; the reference is quoted from the index, so without its
punctuation.  Only ``higher`` documents count: an office may change its own earlier wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import recache
from ..diagnostics import Diagnostic, Reference, Severity
from ..model import Document, Paragraph
from ._amounts import cn_numeral
from ._data import load_toml
from .context import Context
from .registry import rule

if TYPE_CHECKING:  # the index machinery (numpy) is imported only when an index is configured
    from ..index.search import DocumentMatch, Passage

WARNING, INFO = Severity.WARNING, Severity.INFO
WIDEN = 12  # normalised characters of context added on each side of an aligned passage
ANCHOR = 2  # unchanged characters a change needs on each side to be a change, not an edge
CONTEXT = 24  # characters on each side that must still be alike (the same provision)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, re.Pattern[str]]:
    d = load_toml("obligations.toml")

    def alt(words):
        return recache.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))

    return {k: alt(d[k]) for k in ("mandatory", "prohibitive", "conditional", "broad", "narrow", "not_modal")}


def _words(kind: str, text: str, lo: int, hi: int) -> list[str]:
    """Words of ``kind`` in ``text`` overlapping ``[lo, hi)`` (not inside a 应急/重要-like word, and
    an obligation word not inside a condition: 需要 in 根据需要)."""
    lex = _lexicon()
    blocked = [m.span() for m in lex["not_modal"].finditer(text)]
    if kind == "mandatory":
        blocked += [m.span() for m in lex["conditional"].finditer(text) if len(m.group()) > 2]
    out = []
    for m in lex[kind].finditer(text):
        s, e = m.span()
        if s < hi and e > lo and not any(bs <= s and e <= be for bs, be in blocked):
            out.append(m.group())
    return out


_NUMBER = recache.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万|千)?|[〇零一二两三四五六七八九十百千万亿]+")
#: 第十三条, 第二款: the numbering of articles moves when a text is restated, its substance does not.
_ORDINAL_AFTER = recache.compile(r"[条款项章节目编]")


def _number_at(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The whole number overlapping ``[lo, hi)`` (a changed digit grown to its number), unless it
    numbers an article (第十三条)."""
    for m in _NUMBER.finditer(text):
        if m.start() < max(hi, lo + 1) and m.end() > lo:
            if text[m.start() - 1:m.start()] == "第" and _ORDINAL_AFTER.match(text, m.end()):
                return None
            return m.start(), m.end(), m.group()
    return None


def _value(s: str) -> float | None:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(万亿|亿|万|千)?", s)
    if m:
        return float(m.group(1)) * {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, None: 1}[m.group(2)]
    v = cn_numeral(s)
    return float(v) if v is not None else None


@dataclass(frozen=True)
class Change:
    kind: str  # "weaker" (GW641) or "figure" (GW642)
    what: str  # what changed, in Chinese
    draft_lo: int  # normalised offsets in the draft paragraph
    draft_hi: int
    ref_lo: int  # normalised offsets in the reference window
    ref_hi: int


def judge(draft: str, ref: str) -> list[Change]:
    """The changes between a restated passage ``draft`` and its source ``ref`` (normalised texts)."""
    from rapidfuzz.distance import Indel

    # Indel has no "replace": a deletion next to an insertion is one change; group them.
    ops = list(Indel.opcodes(ref, draft))
    groups: list[tuple[int, int, int, int, int, int]] = []  # (first op, last op, r0, r1, d0, d1)
    for k, op in enumerate(ops):
        if op.tag == "equal":
            continue
        if groups and groups[-1][1] == k - 1:
            f, _, r0, _, d0, _ = groups[-1]
            groups[-1] = (f, k, r0, op.src_end, d0, op.dest_end)
        else:
            groups.append((k, k, op.src_start, op.src_end, op.dest_start, op.dest_end))
    out: list[Change] = []
    for first, last, r0, r1, d0, d1 in groups:
        before = ops[first - 1] if first > 0 else None
        after = ops[last + 1] if last + 1 < len(ops) else None
        anchored = all(x is not None and x.src_end - x.src_start >= ANCHOR for x in (before, after))
        if not anchored:
            continue
        if not _same_provision(ref, draft, r0, r1, d0, d1):
            continue
        change = _judge_one(ref, draft, r0, r1, d0, d1)
        if change is not None:
            out.append(change)
    return out


def _same_provision(ref: str, draft: str, r0: int, r1: int, d0: int, d1: int, width: int = CONTEXT) -> bool:
    """The change sits inside one restated provision: the text on both sides of it is still alike
    (主席团应当定期组织代表向选民报告 and 主席团可以组织代表视察 share a start, not a provision)."""
    from rapidfuzz.distance import Indel

    # At a paragraph's start or end one side has less context (第二十一条 kept in the reference,
    # dropped in the draft): compare as much as both have.
    left = min(width, r0, d0)
    right = min(width, len(ref) - r1, len(draft) - d1)
    before = Indel.normalized_similarity(ref[r0 - left:r0], draft[d0 - left:d0]) if left else 1.0
    after = Indel.normalized_similarity(ref[r1:r1 + right], draft[d1:d1 + right]) if right else 1.0
    return min(before, after) >= 0.75


def _judge_one(ref: str, draft: str, r0: int, r1: int, d0: int, d1: int) -> Change | None:
    old_m, new_m = _words("mandatory", ref, r0, r1), _words("mandatory", draft, d0, d1)
    old_c, new_c = _words("conditional", ref, r0, r1), _words("conditional", draft, d0, d1)
    if old_m and new_c and not new_m:
        return Change("weaker", f"“{old_m[0]}”改成了“{new_c[0]}”", d0, d1, r0, r1)
    old_p = _words("prohibitive", ref, r0, r1)
    # A prohibition moved a few words along (不得利用执行代表职务干涉 → 执行代表职务时，不得干涉) is still there.
    if old_p and not _words("prohibitive", draft, max(0, d0 - 10), d1 + 10) and not new_m:
        return Change("weaker", f"删去了“{old_p[0]}”", d0, max(d1, d0), r0, r1)
    if new_c and not old_c and not old_m and r1 == r0 and d1 - d0 <= 5 and _words("mandatory", ref, max(0, r0 - 4), r0 + 4):
        return Change("weaker", f"加上了“{new_c[0]}”", d0, d1, r0, r1)  # a short hedge before an obligation
    old_b, new_n = _words("broad", ref, r0, r1), _words("narrow", draft, d0, d1)
    if old_b and new_n and not _words("broad", draft, d0, d1):
        return Change("weaker", f"范围由“{old_b[0]}”缩小为“{new_n[0]}”", d0, d1, r0, r1)
    a, b = _number_at(ref, r0, r1), _number_at(draft, d0, d1)
    if a and b and a[2] != b[2]:
        va, vb = _value(a[2]), _value(b[2])
        if va is not None and vb is not None and va != vb:
            if _is_year(ref, a) and _is_year(draft, b):
                # A year matters as a deadline or a target (2025年底前, 到2025年); elsewhere it
                # only says when something was written (2013年是……开局之年).
                if not (_deadline(ref, a) and _deadline(draft, b)):
                    return None
                if vb > va:
                    return Change("weaker", f"期限由{a[2]}年推迟到{b[2]}年", b[0], b[1], a[0], a[1])
            return Change("figure", f"“{a[2]}”改成了“{b[2]}”", b[0], b[1], a[0], a[1])
    return None


def _is_year(text: str, num: tuple[int, int, str]) -> bool:
    return bool(re.fullmatch(r"(19|20)\d{2}", num[2])) and text[num[1]:num[1] + 1] == "年"


_BY_YEAR = recache.compile(r"年(?:底|末|年底)?(?:\d{1,2}月(?:底|末|\d{1,2}日)?)?(?:之前|以前|前)")


def _deadline(text: str, num: tuple[int, int, str]) -> bool:
    """``2025年底前``, ``2025年6月30日前``, ``到2025年``: the year bounds a requirement."""
    return bool(_BY_YEAR.match(text, num[1])) or text[max(0, num[0] - 1):num[0]] in ("到", "至")


# --------------------------------------------------------------------------------------------
# Running it against the index


@dataclass(frozen=True)
class Finding:
    paragraph: Paragraph
    start: int  # original offsets in the draft paragraph
    end: int
    change: Change
    draft_quote: str
    ref_quote: str
    match: DocumentMatch
    passage: Passage


def _session(ctx: Context):
    from ..index.session import IndexSession

    url = ctx.config.index
    assert url is not None  # the rule needs the index: it runs only with one
    return ctx.resources.get("index", lambda: IndexSession(url))


def findings(doc: Document, ctx: Context) -> list[Finding]:
    """Every change found in the draft's restatements of higher-level documents (computed once per
    document and shared by GW641 and GW642)."""
    memo = ctx.resources.get("obligations.memo", dict)
    if memo.get("doc") is doc:
        return memo["found"]
    found = _compute(doc, ctx)
    memo.clear()
    memo.update(doc=doc, found=found)
    return found


def _compute(doc: Document, ctx: Context) -> list[Finding]:
    if not ctx.config.index:
        return []
    from ..index.normalize import norm_index, normalize_with_map
    from .duplicates import draft_verdict

    v = draft_verdict(doc, ctx)
    if v is None:
        return []
    higher = [m for m in v.matches if m.doc.level == "higher"]
    if not higher:
        return []
    texts = _session(ctx).store.doc_texts([m.doc.id for m in higher])
    out: list[Finding] = []
    seen: set[tuple[int, int, int]] = set()
    for m in higher:
        ref_text = texts.get(m.doc.id)
        if ref_text is None:
            continue
        for passage in m.passages:
            p = v.paragraphs[passage.paragraph]
            norm, offsets = normalize_with_map(p.text)
            a0 = norm_index(offsets, passage.start)
            a1 = min(len(norm), a0 + passage.chars)
            d_lo, d_hi = max(0, a0 - WIDEN), min(len(norm), a1 + WIDEN)
            r_lo, r_hi = _ref_window(ref_text, passage.ref_start, passage.ref_end)
            draft, ref = norm[d_lo:d_hi], ref_text.text[r_lo:r_hi]
            for change in judge(draft, ref):
                lo, hi = d_lo + change.draft_lo, d_lo + max(change.draft_hi, change.draft_lo + 1)
                start = offsets[min(lo, len(offsets) - 1)]
                end = offsets[min(hi, len(offsets)) - 1] + 1
                key = (p.index, start, end)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Finding(p, start, end, change, _quote(p.text, start, end),
                                   _quote(ref, change.ref_lo, change.ref_hi), m, passage))
    return out


def _ref_window(ref, start: int, end: int) -> tuple[int, int]:
    """The reference passage widened by WIDEN characters, within its paragraph."""
    import bisect

    starts = ref.para_offsets
    i = bisect.bisect_right(starts, start) - 1
    lo = starts[i] if i >= 0 else 0
    hi = starts[i + 1] if i + 1 < len(starts) else len(ref.text)
    j = bisect.bisect_right(starts, max(start, end - 1)) - 1
    if j + 1 < len(starts):
        hi = max(hi, starts[j + 1])
    return max(lo, start - WIDEN), min(hi, end + WIDEN)


def _quote(text: str, start: int, end: int, context: int = 14) -> str:
    """``…context【change】context…`` of ``text``."""
    a, b = max(0, start - context), min(len(text), end + context)
    return ("…" if a else "") + text[a:start] + "【" + text[start:end] + "】" + text[end:b] + ("…" if b < len(text) else "")


def _cite(m: DocumentMatch) -> str:
    title = (m.doc.title or m.doc.path.rsplit("/", 1)[-1]).replace("《", "〈").replace("》", "〉")
    return f"《{title}》" + (f"（{m.doc.number}）" if m.doc.number else "")


def _report(ctx: Context, f: Finding, head: str) -> Diagnostic:
    d = f.match.doc
    ref = Reference(path=d.path, title=d.title, number=d.number, issuer=d.issuer, level=d.level,
                    paragraph=f.passage.ref_paragraph, similarity=f.passage.similarity, coverage=f.match.draft_coverage)
    return ctx.report(
        f.paragraph, f.start, f.end,
        f"{head}：重述上级文件{_cite(f.match)}第 {f.passage.ref_paragraph} 段时{f.change.what}。"
        f"上级文件：“{f.ref_quote}”；本稿：“{f.draft_quote}”",
        reference=ref,
    )


@rule(
    "GW641",
    "obligation-weakened",
    title="重述上级文件时要求被减弱",
    severity=WARNING,
    source="政策 贯彻上级文件不得降低要求；条例 第十九条第一项（同现行有关公文相衔接）",
    example_input="index",
    needs={"index"},
)
def obligation_weakened(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    草稿某段重述索引中的上级文件（清单 level 为 higher）的某段时，把义务性用语改成了选择性用语（“应当”
    “必须”“要”→“可以”“鼓励”“原则上”），删去了禁止性用语（“严禁”“不得”），在要求前加上了条件（“原则上”
    “有条件的”），把“全面”推开的范围缩小为“试点”“部分”，或把期限推后。两段文字先由 GW8 的比对逐字对齐，
    只比较前后都有相同文字的改动处；消息并列给出上级文件的原文（取自索引，不带标点）和本稿文字。需要用
    `--index` 指定参照索引。用语表见 `dictionaries/obligations.toml`。

    ## 依据
    下级机关贯彻上级文件，可以结合实际细化、加严，但不能降低上级文件提出的要求；《党政机关公文处理工作
    条例》第十九条第一项：起草公文应当“同现行有关公文相衔接”。“应当”为义务性规范、“可以”为授权性、
    选择性规范（全国人大常委会法工委《立法技术规范（试行）（一）》）。

    ## 参照文件
    层级：higher
        关于进一步加强农村饮用水安全工作的通知
        各地应当建立农村饮用水水源地名录，逐一划定保护范围，设立明显的地理界标和警示标志，严禁在保护范围内新建排污口。
        各地要在2025年底前全面完成千人以上供水工程的水质检测，检测结果每季度向社会公开一次。

    ## 示例
    错：
        关于做好我县农村饮用水安全工作的通知
        各地可以建立农村饮用水水源地名录，逐一划定保护范围，设立明显的地理界标和警示标志，严禁在保护范围内新建排污口。
    错：
        关于做好我县农村饮用水安全工作的通知
        各地要在2026年底前全面完成千人以上供水工程的水质检测，检测结果每季度向社会公开一次。
    对：
        关于做好我县农村饮用水安全工作的通知
        各地应当建立农村饮用水水源地名录，逐一划定保护范围，设立明显的地理界标和警示标志，严禁在保护范围内新建排污口。

    ## 修复
    恢复上级文件的要求；确需结合实际作出变通的，在文中写明依据和理由。
    """
    for f in findings(doc, ctx):
        if f.change.kind == "weaker":
            yield _report(ctx, f, "要求被减弱")


@rule(
    "GW642",
    "restated-figure-changed",
    title="重述上级文件时数字改变",
    severity=INFO,
    source="实务 重述上级文件的数字、期限应与原文一致或说明理由",
    example_input="index",
    needs={"index"},
)
def restated_figure_changed(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    草稿某段重述索引中的上级文件时，其中的数字或年份与上级文件不同（不是推迟期限的改动，那是 GW641）：
    可能是结合本地实际的细化，也可能是抄错，请核对（提示）。消息并列给出两处原文。需要用 `--index`
    指定参照索引。

    ## 依据
    公文写作实务：重述上级文件的指标、期限，应与上级文件一致，或写明本地的目标和理由；《党政机关公文
    处理工作条例》第二十条第四项：审核“数字……是否准确”。

    ## 参照文件
    层级：higher
        关于开展春季植树活动的通知
        各单位要组织干部职工于三月十二日前后就近参加义务植树，每人植树不少于三株，并做好苗木的浇水和养护工作。

    ## 示例
    错：各单位要组织干部职工于三月十二日前后就近参加义务植树，每人植树不少于五株，并做好苗木的浇水和养护工作。
    对：各单位要组织干部职工于三月十二日前后就近参加义务植树，每人植树不少于三株，并做好苗木的浇水和养护工作。

    ## 修复
    与上级文件核对数字；有意调整的，写明本地目标及理由。
    """
    for f in findings(doc, ctx):
        if f.change.kind == "figure":
            yield _report(ctx, f, "数字与上级文件不同")
