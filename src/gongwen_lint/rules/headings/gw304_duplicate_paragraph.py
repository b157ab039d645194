"""GW304: paragraphs repeated in one document (candidate pairs, then a full comparison)."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

from ... import recache
from ...diagnostics import Diagnostic
from ...model import TEXT_ROLES, Document, Paragraph
from ...ordinals import Ordinal
from ...text import count_cjk, mask
from .._ordinals import is_anchor, paragraph_ordinal
from ..context import Context
from ..registry import rule
from ._common import WARNING

# Runs of them, not one character at a time: the same text, fewer matches to join.
# One class, then the rest of the run: a pattern that opens with a class is scanned for with it
# (text._CJK_RUN_RE), one that opens with a repeat is tried at every character.
_PUNCT_CLASS = r"[\s\u3000，。、；：？！,.;:?!“”‘’\"'（）()《》]"
_PUNCT_STRIP = recache.compile(f"{_PUNCT_CLASS}{_PUNCT_CLASS}*")
# What :func:`.text.mask` could still mask once those are gone: a quotation opened with 「 or 『
# (“ ‘ 《 are stripped), or a document number (every one ends in 号).
_MASKABLE = recache.compile("[「『号]")
_NUMERALS = set("0123456789〇零一二三四五六七八九十百千万亿两年月日第条款项号%.")


def _normalise(p: Paragraph) -> str:
    return _without_ordinal(p, paragraph_ordinal(p))


def _without_ordinal(p: Paragraph, o: Ordinal | None) -> str:
    """``p``'s text without its ordinal ``o`` (when typed, not automatic) and punctuation."""
    text = p.text
    if o is not None and not o.in_label:
        text = text[o.text_span[1]:]
    return _PUNCT_STRIP.sub("", text)


_LABEL_RE = recache.compile(r"^[ \u3000]*([^，。；：:、\s]{2,10})[：:]")


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
    options={"min-chars": 15, "min-similarity": 0.9},
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
    min_chars = int(ctx.option("min-chars"))
    threshold = float(ctx.option("min-similarity"))
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
        o = paragraph_ordinal(p)
        norm = _without_ordinal(p, o)
        cjk = count_cjk(mask(norm) if _MASKABLE.search(norm) else norm)
        if cjk < min_chars:
            continue  # short lines, and lines that are only a quoted title
        entry = _Entry(p, norm, cjk, o is not None, _item_label(p.text))
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


# Segments of at least this many compared paragraphs get their candidate pairs from arrays
# (_gw304_arrays: 290 → ~80 ms on a 500-page draft); shorter ones from the loops below, which
# need no numpy (0.13 s to import: more than a 100-paragraph segment costs here).
ARRAY_MIN_ENTRIES = 400


def _candidate_pairs(entries: list[_Entry], threshold: float, arrays: bool | None = None) -> Callable[[int], list[int]]:
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
    indexed by all its tokens.  The pairs the prefixes find are then held to the same bound with
    both lengths, (1.5t − 1)(la + lb) − 1 (t(la + lb)/2 for characters), counted on the token
    sets less the repeats of either text: most pairs that meet on one token share few others.

    ``arrays``: compute the same lists with :mod:`._gw304_arrays` (None: for a segment of at least
    ``ARRAY_MIN_ENTRIES`` paragraphs).
    """
    t = threshold
    if t <= 0:  # every pair passes a threshold of 0: compare them all
        return lambda i: list(range(i))
    bigrams = t > 2 / 3
    share, less = (1.5 * t - 1, 1.0) if bigrams else (t / 2, 0.0)
    if arrays or (arrays is None and len(entries) >= ARRAY_MIN_ENTRIES):
        from ._gw304_arrays import MAX_TEXTS, candidate_lists

        if len(entries) >= MAX_TEXTS:  # pragma: no cover - four million paragraphs
            return _candidate_pairs(entries, threshold, arrays=False)
        return candidate_lists([e.norm for e in entries], t, share, less, bigrams).__getitem__
    tokens: list[set[Any]]
    if bigrams:
        tokens = [_bigrams(e.norm) for e in entries]
        size = [max(0, len(e.norm) - 1) for e in entries]
    else:
        tokens = [set(e.norm) for e in entries]
        size = [len(e.norm) for e in entries]
    # Tokens a passing pair shares, as a multiset: share·(la + lb) − less; the partner's length
    # is at least t·la, so for the prefix of entry ``i`` alone: share·(1 + t)·la − less.
    factor = share * (1 + t)
    repeats = [n - len(toks) for n, toks in zip(size, tokens)]  # tokens a text holds twice or more
    frequency: Counter[Any] = Counter()
    for toks in tokens:
        frequency.update(toks)
    # One total order of tokens: rarest in the segment first.  A token
    # held by one paragraph alone pairs it with nothing and is not indexed.
    # The singles sort first, so they are the ranks below ``singles``: a paragraph's sorted ranks
    # give its singles and its prefix after them with one sort and no set operations.  Ties are
    # broken by first occurrence (the Counter's order, kept by the stable sort): any one total
    # order gives the same candidates that can pass, and this one costs a single sort.
    order = sorted(frequency, key=frequency.__getitem__)
    rank = dict(zip(order, range(len(order))))
    singles = bisect_left(order, 2, key=frequency.__getitem__)
    lengths = [len(e.norm) for e in entries]
    postings: defaultdict[int, list[int]] = defaultdict(list)
    unbounded: list[int] = []  # entries so short that a partner may share no token with them
    found: list[list[int]] = []
    for i, toks in enumerate(tokens):
        n = lengths[i]
        # Tokens any passing partner shares (a whole number, so the bound rounded up; the 1e-9
        # covers float rounding of the bound and of the comparison), less this text's repeats.
        alpha = math.ceil(factor * n - less - 1e-9) - repeats[i]
        hits: set[int] = set()
        ranks = sorted(map(rank.__getitem__, toks))
        if alpha < 1:
            hits.update(unbounded)
            unbounded.append(i)
            prefix = ranks  # all: a partner finds this entry by any
        else:
            own = bisect_left(ranks, singles)  # the tokens no other paragraph holds
            left = len(toks) - alpha + 1 - own  # prefix length after the singles
            prefix = ranks[own:own + left] if left > 0 else []
        # The earlier entries on the prefix's postings, then ``i`` appended to each posting: both
        # as C-level map()s, not a Python loop per token (72,000 prefix tokens on 500 pages).
        hits.update(chain.from_iterable(map(postings.get, prefix, repeat(()))))
        deque(map(list.append, map(postings.__getitem__, prefix), repeat(i)), maxlen=0)
        # The length filter of the comparison, at the lowest threshold: within a factor t; then
        # the shared tokens with both lengths known, as a set (less the repeats of either text).
        # A set intersection costs a few µs, a comparison 15 µs: on 500 pages this leaves 211 of
        # 6,722 pairs to compare, the ones that share a prefix token but few tokens after it.
        lo, hi = t * n - 1e-6, n / t + 1e-6
        found.append(sorted(
            j for j in hits
            if lo <= lengths[j] <= hi
            and len(toks & tokens[j]) >= math.ceil(share * (n + lengths[j]) - less - 1e-9) - min(repeats[i], repeats[j])
        ))
    return found.__getitem__


def _bigrams(text: str) -> set[int]:
    """The set of ``text``'s overlapping character pairs, each as one integer (the two code
    points' UTF-32 units read as one 64-bit number: made in C, no string per pair)."""
    data, n = text.encode("utf-32-le"), len(text)
    pairs = set(memoryview(data[: 8 * (n // 2)]).cast("Q"))  # pairs starting at even offsets
    pairs.update(memoryview(data[4: 4 + 8 * ((n - 1) // 2)]).cast("Q"))  # at odd offsets
    return pairs


