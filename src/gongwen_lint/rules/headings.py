"""Headings and paragraphs: ordinal forms, sequences, level skips, duplicates, stray lines,
placeholders (GW301–GW306).

Heading lines are found from their ordinal (see :mod:`._ordinals`), not only from the roles
HEADING1–4: a ``1、`` line that structure recognition calls BODY is exactly the kind of line
these rules exist for.  Paragraphs in tables are skipped (a table's numbering is its own).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..model import TEXT_ROLES, Document, Paragraph, Role
from ..text import count_cjk, mask
from ._ordinals import Ordinal, cn_ordinal, is_anchor, is_attachment_label, paragraph_ordinal
from .context import Context
from .registry import rule

WARNING = Severity.WARNING

#: Roles after which heading numbering starts afresh (an attachment, a second embedded document).
_RESET_ROLES = frozenset({Role.ATTACHMENT_LABEL, Role.ATTACHMENT_TITLE, Role.TITLE})
_HALF_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _show(level: int, value: int) -> str:
    num = cn_ordinal(value) if level in (1, 2) else str(value)
    return {1: f"{num}、", 2: f"（{num}）", 3: f"{num}.", 4: f"（{num}）"}[level]


@dataclass
class _Heading:
    p: Paragraph
    o: Ordinal


def _segments(doc: Document) -> list[list[_Heading]]:
    """Ordinal lines of the body, split where numbering legitimately restarts.

    A segment ends at an attachment or a second title; 第X条/章 lines (laws and rules) end one
    too, since the （一）（二） lists under each article restart.
    """
    segments: list[list[_Heading]] = [[]]
    for p in doc.body:
        if p.in_table:
            continue
        if p.role in _RESET_ROLES or (p.role in TEXT_ROLES and (is_anchor(p.text) or is_attachment_label(p.text))):
            if segments[-1]:
                segments.append([])
            continue
        if p.role not in TEXT_ROLES:
            continue
        o = paragraph_ordinal(p)
        if o is not None:
            segments[-1].append(_Heading(p, o))
    return [s for s in segments if s]


def _span(h: _Heading) -> tuple[int, int]:
    """Where to point in ``p.text``: the ordinal, or the paragraph start for a numbering label."""
    if h.o.in_label:
        return 0, 0
    return h.o.text_span


# --------------------------------------------------------------------------------------------
@rule(
    "GW301",
    "heading-ordinal-form",
    title="层次序数格式",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.3",
    roles=TEXT_ROLES,
    fixable=True,
)
def heading_ordinal_form(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    段首的层次序数应写作“一、”“（一）”“1.”“（1）”：不用“1、”“1．”“1，”“一.”“一，”，
    括号序数后不再加标点（“（一）、”），括号用全角（不用“(一)”“(1)”），“1）”应为“（1）”。
    Word 自动编号的序号同样检查（此时无法自动修复）。

    ## 依据
    GB/T 9704-2012 7.3.3：文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注。
    标准用语为“可以”，故为警告；各地公文写作规范均把“1、”“（一）、”列为常见错误。

    ## 示例
    错：1、加强组织领导
    错：（一）、明确工作目标
    错：(二)强化督促检查
    错：一.总体要求
    对：1.加强组织领导
    对：（一）明确工作目标
    对：1.5万元专项资金已拨付。

    ## 修复
    替换为标准写法（“1、”→“1.”，“（一）、”→“（一）”，“(二)”→“（二）”）；序号来自自动编号时不修复。
    """
    if p.in_table:
        return
    o = paragraph_ordinal(p)
    if o is None or o.ok or o.written.translate(_HALF_DIGITS) == o.standard:
        return  # full-width digits alone are GW502's
    level = _LEVEL_NAMES[o.level]
    if o.in_label:
        yield ctx.report(p, 0, 0, f"{level}序数（自动编号）“{o.written}”应为“{o.standard}”")
        return
    start, end = o.text_span
    yield ctx.report(p, start, end, f"{level}序数“{o.written}”应为“{o.standard}”", replacement=o.standard)


# --------------------------------------------------------------------------------------------
@rule(
    "GW302",
    "heading-sequence",
    title="层次序数连续",
    severity=WARNING,
    source="实务 公文写作规范：同级序数依次排列",
)
def heading_sequence(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    同一上级标题下同级序数应依次排列，不重号、不跳号、不倒序（如“一、二、二、”“（一）（三）”）。
    每个“一、”之下的“（一）”重新编号；附件、第X条之下重新编号；重新从 1 开始的新列表不算错误。
    报告在出错的那一个序数上：“（一）（一）（三）”是第二个“（一）”写错了（应为“（二）”），
    不是“（三）”跳号。

    ## 依据
    公文写作实务：结构层次序数应连续；各地公文审核要点均把重号、漏号列为常见差错。

    ## 示例
    错：
        关于做好防汛工作的通知
        一、总体要求
        二、主要任务
        二、保障措施
    错：
        一、总体要求
        （一）指导思想
        （三）工作目标
    错：
        一、总体要求
        （一）指导思想
        （一）工作目标
        （三）主要任务
    对：
        一、总体要求
        （一）指导思想
        （二）工作目标
        二、主要任务
        （一）加强监测
    """
    for segment in _segments(doc):
        # Per level, a stack of open lists: a list restarted at 1 may sit inside an outer list
        # written in the same form (old reports number parts and sections both 一、二、), and the
        # outer list resumes after it.
        lists: dict[int, list[int]] = {}
        following = _next_siblings(segment)
        for pos, h in enumerate(segment):
            lv, v = h.o.level, h.o.value
            for deeper in [k for k in lists if k > lv]:
                del lists[deeper]
            stack = lists.setdefault(lv, [])
            start, end = _span(h)
            if not stack:
                stack.append(v)  # a list may open anywhere: the line before could hold its first item
                continue
            prev = stack[-1]
            nxt = following[pos]
            if v == prev + 1:
                stack[-1] = v
            elif v <= prev and nxt == prev + 2:
                # （一）（一）（三）: the second （一） stands where （二） belongs — a repeat, not a gap
                stack[-1] = prev + 1
                what = "重复" if v == prev else "顺序错误"
                yield ctx.report(h.p, start, end, f"序数“{_show(lv, v)}”{what}：此处应为“{_show(lv, prev + 1)}”")
            elif v == 1:
                stack.append(1)  # a new list (or one nested in a list of the same form)
            elif any(v == outer + 1 for outer in stack[:-1]):
                k = max(i for i, outer in enumerate(stack[:-1]) if v == outer + 1)
                del stack[k + 1:]
                stack[k] = v
            elif v == prev:
                yield ctx.report(h.p, start, end, f"序数“{_show(lv, v)}”重复")
            elif v > prev + 1:
                stack[-1] = v
                missing = "、".join(f"“{_show(lv, k)}”" for k in range(prev + 1, min(v, prev + 4)))
                yield ctx.report(h.p, start, end, f"序数跳号：“{_show(lv, prev)}”之后是“{_show(lv, v)}”，缺少{missing}")
            else:
                stack[-1] = v
                yield ctx.report(h.p, start, end, f"序数顺序错误：“{_show(lv, prev)}”之后是“{_show(lv, v)}”")


def _next_siblings(segment: list[_Heading]) -> list[int | None]:
    """For each ordinal, the value of the next one at its level under the same parent."""
    out: list[int | None] = [None] * len(segment)
    for i, h in enumerate(segment):
        for later in segment[i + 1:]:
            if later.o.level < h.o.level:
                break
            if later.o.level == h.o.level:
                out[i] = later.o.value
                break
    return out


# --------------------------------------------------------------------------------------------
@rule(
    "GW303",
    "heading-level-skip",
    title="层次越级",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.3",
)
def heading_level_skip(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    结构层次应逐级使用：文中用了“（一）”，就不应在某个“一、”之下直接用“1.”；
    用了“1.”，就不应在“（一）”之下直接用“（1）”。只有两个层次时“一、”下接“1.”是通行做法，不报。

    ## 依据
    GB/T 9704-2012 7.3.3：结构层次序数“依次”用“一、”“（一）”“1.”“（1）”标注（“可以”，故为警告）。

    ## 示例
    错：
        一、总体要求
        （一）指导思想
        （二）工作目标
        二、主要任务
        1.加强监测
        2.做好预警
    对：
        一、总体要求
        1.指导思想
        二、主要任务
        1.加强监测
    """
    for segment in _segments(doc):
        used = {h.o.level for h in segment}
        open_levels: list[tuple[int, int]] = []  # (level, position) of ancestors, outermost first
        reported_parents: set[tuple[int, int]] = set()
        seen_levels: set[int] = set()
        for pos, h in enumerate(segment):
            lv = h.o.level
            while open_levels and open_levels[-1][0] >= lv:
                open_levels.pop()
            parent, parent_pos = open_levels[-1] if open_levels else (0, -1)
            # A level skipped between this line and its parent, used elsewhere in the segment.
            # Before any heading of a higher level has appeared, only levels already seen count:
            # a list that opens a document is not a skip.
            skipped = [m for m in range(parent + 1, lv) if m in used and (parent or m in seen_levels)]
            key = (parent_pos, lv)
            if skipped and key not in reported_parents:
                reported_parents.add(key)
                start, end = _span(h)
                need = "“" + _show(skipped[0], 1) + "”"
                where = f"在{_LEVEL_NAMES[parent]}标题下" if parent else "在文首"
                yield ctx.report(
                    h.p, start, end,
                    f"层次越级：{where}直接使用{_LEVEL_NAMES[lv]}序数“{h.o.written}”，文中其他地方使用了{need}这一层次",
                )
            open_levels.append((lv, pos))
            seen_levels.add(lv)


# --------------------------------------------------------------------------------------------
_PUNCT_STRIP = re.compile(r"[\s\u3000，。、；：？！,.;:?!“”‘’\"'（）()《》]")
_NUMERALS = set("0123456789〇零一二三四五六七八九十百千万亿两年月日第条款项号%.")


def _normalise(p: Paragraph) -> str:
    text = p.text
    o = paragraph_ordinal(p)
    if o is not None and not o.in_label:
        text = text[o.text_span[1]:]
    return _PUNCT_STRIP.sub("", text)


_LABEL_RE = re.compile(r"^[ \u3000]*([^，。；：:、\s]{2,10})[：:]")


def _item_label(text: str) -> str | None:
    """The run-in label of a list item (``三级标题：`` …), or None."""
    m = _LABEL_RE.match(text)
    return m.group(1) if m else None


def _only_numbers_differ(a: str, b: str) -> bool:
    """Parallel clauses (2023年… / 2024年…, 第十条 / 第十一条) differ only in numbers."""
    from rapidfuzz.distance import Indel

    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            continue
        if not set(a[op.src_start:op.src_end] + b[op.dest_start:op.dest_end]) <= _NUMERALS:
            return False
    return True


@rule(
    "GW304",
    "duplicate-paragraph",
    title="段落重复",
    severity=WARNING,
    source="实务 公文写作规范：语言精练，不重复",
    options={"duplicate-paragraph-min-chars": 15, "duplicate-paragraph-similarity": 0.9},
)
def duplicate_paragraph(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    同一文稿中相同或几乎相同（如只改了一个词）的段落出现两次，常见于复制粘贴后忘记删改，
    如重复的条目带着重复的序号。只比较正文中汉字不少于 15 个的段落（可配置），
    空行、短标签和只有数字不同的并列条款（2023年…/2024年…）不报。带序号的条目和“第X条”
    本来就是并列结构，彼此只差一两个词，所以只在几乎逐字相同（相似度 ≥95%、汉字 ≥30 个）时才报；
    同一条目出现在法规的不同条文之下（“（三）法律、行政法规规定的其他情形”）不报。

    ## 依据
    公文写作实务；《党政机关公文处理工作条例》第十九条：文字精炼。

    ## 示例
    错：
        一、加强组织领导，各级政府要把安全生产工作摆上重要议事日程。
        二、落实工作责任，各部门要按照职责分工抓好落实。
        三、加强组织领导，各级政府要把安全生产工作摆上重要议事日程。
    对：
        一、加强组织领导，各级政府要把安全生产工作摆上重要议事日程。
        二、落实工作责任，各部门要按照职责分工抓好落实。
    """
    min_chars = int(ctx.option("duplicate-paragraph-min-chars"))
    threshold = float(ctx.option("duplicate-paragraph-similarity"))
    for segment in _duplicate_segments(doc, min_chars):
        yield from _segment_duplicates(segment, threshold, ctx)


@dataclass
class _Entry:
    """A paragraph GW304 compares: its normalised text, CJK count, whether it is a list item,
    its run-in label (``三级标题：``), and (when it is an exact repeat) the paragraph it repeats."""

    p: Paragraph
    norm: str
    cjk: int
    item: bool
    label: str | None = None
    repeats: Paragraph | None = None


def _duplicate_segments(doc: Document, min_chars: int) -> list[list[_Entry]]:
    """The compared paragraphs, split at 第X条 anchors.

    Articles of a law or rule are parallel by design and the same provision (“（三）法律、行政法规
    规定的其他情形”) recurs under several of them: paragraphs are compared within one article.
    """
    segments: list[list[_Entry]] = [[]]
    seen: dict[str, Paragraph] = {}
    for p in doc.body:
        if p.role not in TEXT_ROLES or p.in_table:
            continue
        if is_anchor(p.text):
            seen.clear()
            segments.append([])
            continue
        norm = _normalise(p)
        cjk = count_cjk(mask(norm))
        if cjk < min_chars:
            continue  # short lines, and lines that are only a quoted title
        entry = _Entry(p, norm, cjk, paragraph_ordinal(p) is not None, _item_label(p.text))
        first = seen.get(norm)
        if first is not None:
            entry.repeats = first
        else:
            seen[norm] = p
        segments[-1].append(entry)
    return [s for s in segments if s]


def _segment_duplicates(segment: list[_Entry], threshold: float, ctx: Context) -> Iterator[Diagnostic]:
    """Exact repeats, then per paragraph the first earlier one it nearly repeats.

    Comparing every pair is quadratic (1.7 s of a 500-page draft), so a paragraph is compared
    only with the earlier paragraphs that :func:`_candidate_pairs` names: a superset of those that
    can pass.  Each candidate is compared as the full scan compared it, earlier paragraphs first,
    the first match winning, so the findings are the same (tests/test_duplicate_paragraph.py
    and eval/eval_duplicate_paragraph.py compare the two on generated drafts and the archive).
    """
    from rapidfuzz.distance import Indel

    candidates = [e for e in segment if e.repeats is None]
    earlier = _candidate_pairs(candidates, threshold)
    position = {id(e): i for i, e in enumerate(candidates)}
    for entry in segment:
        if entry.repeats is not None:
            yield ctx.report(entry.p, 0, len(entry.p.text), f"本段与第 {entry.repeats.index} 段重复")
            continue
        norm, cjk, item, label = entry.norm, entry.cjk, entry.item, entry.label
        for j in earlier(position[id(entry)]):
            other = candidates[j]
            # Sibling list items are parallel too: only a near-verbatim copy counts; items led by
            # different labels (三级标题：… / 四级标题：…) speak of different things.
            strict = item or other.item
            need = max(threshold, 0.95) if strict else threshold
            if label and other.label and label != other.label:
                need = max(need, 0.98)
            if strict and cjk < 30:
                continue
            la, lb = len(norm), len(other.norm)
            if min(la, lb) < need * max(la, lb):
                continue
            score = Indel.normalized_similarity(norm, other.norm, score_cutoff=need)
            if score >= need and not _only_numbers_differ(other.norm, norm):
                yield ctx.report(entry.p, 0, len(entry.p.text),
                                 f"本段与第 {other.p.index} 段几乎相同（相似度 {score:.0%}），请删除或合并")
                break


def _candidate_pairs(entries: list[_Entry], threshold: float) -> Callable[[int], list[int]]:
    """``earlier(i)``: the positions before ``i`` that may pass the comparison with entry ``i``,
    in increasing order — every one that passes, and few that do not.

    Prefix filtering (Chaudhuri et al. 2006; Xiao et al., PPJoin, 2008): if two token sets share
    at least α tokens, then under one total order of tokens the first ``size − α + 1`` tokens of
    each share one.  So each paragraph is indexed by its prefix only, the rarest tokens of the
    segment first, and meets the earlier paragraphs its prefix shares a token with.

    The tokens are the set of a paragraph's character bigrams.  A pair that passes has
    2·LCS/(la+lb) ≥ t, t the lowest threshold in use, and lb ≥ t·la.  Along an LCS, each gap
    between consecutive matched characters, in either text, breaks one common bigram, so the
    texts hold ≥ 3·LCS − la − lb − 1 ≥ (1.5t − 1)(1 + t)·la − 1 bigrams in common, as a set
    that many less the paragraph's own repeated bigrams.  For t ≤ 2/3 that bound is void and the
    tokens are characters: the LCS is a common sub-multiset, ≥ t(1 + t)/2·la.  A paragraph so
    short that the bound is below one token is compared with every earlier such paragraph, and
    indexed by all its tokens.
    """
    t = threshold
    if t <= 0:  # every pair passes a threshold of 0: compare them all
        return lambda i: list(range(i))
    tokens: list[set[Any]]
    if t > 2 / 3:
        tokens = [_bigrams(e.norm) for e in entries]
        factor, less, size = (1.5 * t - 1) * (1 + t), 1.0, [max(0, len(e.norm) - 1) for e in entries]
    else:
        tokens = [set(e.norm) for e in entries]
        factor, less, size = t * (1 + t) / 2, 0.0, [len(e.norm) for e in entries]
    frequency: Counter[Any] = Counter()
    for toks in tokens:
        frequency.update(toks)
    # One total order of tokens: rarest in the segment first, ties by the token's text.  A token
    # held by one paragraph alone pairs it with nothing and is not indexed.
    order = sorted(sorted(frequency), key=frequency.__getitem__)
    rank = {tok: r for r, tok in enumerate(order)}
    single = {tok for tok in order if frequency[tok] == 1}
    lengths = [len(e.norm) for e in entries]
    postings: dict[int, list[int]] = {}
    unbounded: list[int] = []  # entries so short that a partner may share no token with them
    found: list[list[int]] = []
    for i, toks in enumerate(tokens):
        n = lengths[i]
        # Tokens any passing partner shares (a whole number, so the bound rounded up; the 1e-9
        # covers float rounding of the bound and of the comparison), less this text's repeats.
        alpha = math.ceil(factor * n - less - 1e-9) - (size[i] - len(toks))
        hits: set[int] = set()
        if alpha < 1:
            hits.update(unbounded)
            unbounded.append(i)
            prefix = sorted(map(rank.__getitem__, toks))  # all: a partner finds this entry by any
        else:
            left = len(toks) - alpha + 1 - len(toks & single)  # prefix length after the singles
            prefix = sorted(map(rank.__getitem__, toks - single))[:left] if left > 0 else []
        for r in prefix:
            posting = postings.get(r)
            if posting is None:
                postings[r] = [i]
            else:
                hits.update(posting)
                posting.append(i)
        # The length filter of the comparison, at the lowest threshold: within a factor t.
        lo, hi = t * n - 1e-6, n / t + 1e-6
        found.append(sorted(j for j in hits if lo <= lengths[j] <= hi))
    return found.__getitem__


def _bigrams(text: str) -> set[int]:
    """The set of ``text``'s overlapping character pairs, each as one integer (the two code
    points' UTF-32 units read as one 64-bit number: made in C, no string per pair)."""
    data, n = text.encode("utf-32-le"), len(text)
    pairs = set(memoryview(data[: 8 * (n // 2)]).cast("Q"))  # pairs starting at even offsets
    pairs.update(memoryview(data[4: 4 + 8 * ((n - 1) // 2)]).cast("Q"))  # at odd offsets
    return pairs


# --------------------------------------------------------------------------------------------
_STRAY_ROLES = frozenset(Role) - {Role.EMPTY}


@rule(
    "GW305",
    "stray-paragraph",
    title="多余段落",
    severity=WARNING,
    source="实务 公文要素齐全、无无关内容；国标 GB/T 9704-2012 7.3.5.1",
    roles=_STRAY_ROLES,
)
def stray_paragraph(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    不属于任何公文要素的段落：结构识别认定为“多余段落”的行，以及任何位置上带明显网页标记的短段落。
    典型的是从网页复制正文时一并粘贴进来的网页文字（“来源：××网 2024-03-01 浏览次数：123”
    “打印本页 关闭窗口”“【字体：大 中 小】”、单独一行的网站名称“第一足球网”），起草时留下的编辑
    说明（“（此处多个空行或空格）”“（此处插入图片）”），以及“（此页无正文）”。

    “（此页无正文）”单独报告为错误：GB/T 9704-2012 规定印章页不得采取标注“此页无正文”的方法，
    应调整行距、字距，使印章与正文同处一面。模板的占位行（[此处输入标题]）不是多余段落，由 GW306
    报告。结构识别没有把握的行不报。

    ## 依据
    公文写作实务；GB/T 9704-2012 第 7 章规定了版头、主体、版记各要素，此外不应有其他内容；7.3.5.1：
    “当公文排版后所剩空白处不能容下印章位置时，应采取调整行距、字距的措施加以解决，务使印章与正文
    同处一面，不得采取标识‘此页无正文’的方法解决。”

    ## 示例
    错：来源：市政府网 2024-03-01 浏览次数：123
    错：【打印本页】【关闭窗口】
    错：
        宜府办发〔2008〕71号
        第一足球网
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
    错：
        关于表彰先进单位的决定
        各单位：
        希望受表彰的单位珍惜荣誉，再接再厉。
        （此页无正文）
        宜城市人民政府
        2024年2月8日
    对：各地要加强信息来源的核实，确保数据准确。
    对：（联系人：张三，电话：12345678）
    """
    from ..structure import stray_kind

    text = p.text.strip()
    if not text:
        return
    kind = stray_kind(p.text)
    if p.role is not Role.STRAY:
        if kind == "web" and len(text) <= 100 and _web_marked(text):
            yield ctx.report(p, 0, len(p.text), "疑似从网页粘贴的无关文字（来源、浏览次数、打印/关闭按钮等），应删除")
        return
    if not p.confident:
        return
    end = len(p.text.rstrip())
    if kind == "no_text_page":
        yield ctx.report(
            p, 0, end,
            f"不得标注“{text}”（GB/T 9704-2012 7.3.5.1）：应调整行距、字距，使印章与正文同处一面",
            severity=Severity.ERROR,
        )
    elif kind == "editor":
        yield ctx.report(p, 0, end, f"起草时留下的说明文字“{text}”不是公文内容，应删除")
    elif kind == "web":
        yield ctx.report(p, 0, end, f"“{text}”疑似从网页粘贴的无关文字（网站名、来源、浏览次数、打印/关闭按钮等），应删除")
    else:
        yield ctx.report(p, 0, end, f"“{text}”不属于任何公文要素，应删除或归入相应要素")


def _web_marked(text: str) -> bool:
    """Web-page marks strong enough on their own (any role): a counter, a print button …"""
    from ..decoder import patterns

    return bool(patterns.WEB_STRONG_RE.search(text)) or len(patterns.WEB_WEAK_RE.findall(text)) >= 2


# --------------------------------------------------------------------------------------------
_PLACEHOLDER_PATTERNS = [
    # XX / ×× / XXXX人民政府, not inside a Latin word (XXL, xxx.com is caught by the 网 case anyway)
    re.compile(r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])"),
    # X年X月X日, ×月×日, 第×号 — a single cross standing for a number
    re.compile(r"(?<![A-Za-z])(?:[XxＸｘ×]+|\d{4})年[XxＸｘ×\d]{0,2}月[XxＸｘ×\d]{0,2}日(?<=[XxＸｘ×]日)"
               r"|(?<![A-Za-z])(?:[XxＸｘ×]+|\d{4})年[XxＸｘ×]+月"
               r"|(?<![A-Za-z])[XxＸｘ×]+月[XxＸｘ×\d]+日"
               r"|第[XxＸｘ×]+[号条款项期届次]"),
    # 〇〇市 / ○○局 (not inside a year such as 二〇〇八)
    re.compile(r"(?<![一二三四五六七八九十〇零○O\d])[〇○]{2,}(?![一二三四五六七八九十〇零○O\d年])"),
    # [主送单位] 【发文机关】 【待补】 ［日期］ <单位名称>
    re.compile(
        r"[\[［【<〈]\s*[\u4e00-\u9fff]{0,10}"
        r"(?:单位|名称|机关|部门|日期|时间|姓名|地址|电话|手机|号码|联系人|负责人|人员|金额|数量|数字|标题|文号|内容|事由|全称|简称|待补|待定|待填|填写|补充|此处|请输入)"
        r"[\u4e00-\u9fff]{0,6}\s*[\]］】>〉]"
    ),
    # [联系人] ［手机号］: Chinese words in square brackets are template slots — not one such
    # bracket occurs in the 1,757 real documents of the shared archive.
    re.compile(r"[\[［]\s*[\u4e00-\u9fff]{1,12}\s*[\]］]"),
    re.compile(r"\b(?:TODO|TBD|FIXME)\b"),
    # the prompt of an empty Word/WPS content control
    re.compile(r"^[ \u3000]*(?:单击|点击|单击或点击|请单击|请点击)此处(?:以)?(?:输入|添加)(?:文字|文本|日期|内容)?[。.]?"),
]
_BLANK = re.compile(r"_{3,}|＿{2,}")


@rule(
    "GW306",
    "placeholder",
    title="未填写的占位符",
    severity=WARNING,
    source="实务 公文定稿前应填全各项内容",
    roles=_STRAY_ROLES,
)
def placeholder(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    模板或草稿中未替换的占位符：XXX、××、“XXXX人民政府”“X年X月X日”“第×号”、○○市、
    ［主送单位］【发文机关】【待补】、下划线空白“＿＿”“____”、TODO，以及 Word/WPS 空内容控件的
    提示文字“单击或点击此处输入文字。”。
    附件正文中的样表常有供填写的空白和“××”，只检查其中的方括号占位符；表格中的下划线空白不报。

    ## 依据
    公文写作实务：定稿前应填全各项内容，模板占位符不得留在成文中。

    ## 示例
    错：XXXX人民政府办公室
    错：[主送单位]：
    错：请于X年X月X日前报送。
    错：联系人：＿＿＿＿
    错：（联系人：[联系人]，电话：[手机号]）
    错：单击或点击此处输入文字。
    对：根据《国务院办公厅关于印发〈国务院工作规则〉的通知》［国办发〔2023〕12号］执行
    对：请于2024年3月5日前报送。
    对：X射线探伤装置应当定期检测。
    对：二〇〇八年九月二十六日
    """
    text = p.text
    attachment = p.role is Role.ATTACHMENT_BODY
    found: list[tuple[int, int]] = []
    for i, pattern in enumerate(_PLACEHOLDER_PATTERNS):
        if attachment and i != 3:
            continue
        found += [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not attachment and not p.in_table:
        found += [(m.start(), m.end()) for m in _BLANK.finditer(text)]
    last_end = -1
    for start, end in sorted(found):
        if start < last_end:
            continue
        last_end = end
        yield ctx.report(p, start, end, f"未填写的占位符“{text[start:end]}”")
