"""GW304 as it was before issue 18: every pair of paragraphs compared (quadratic).

Kept, unchanged in what it decides (apart from the run-in label rule main added since: items led by
different labels need 0.98), as the reference the candidate-pair version must agree with
(tests/test_duplicate_paragraph.py, eval/eval_duplicate_paragraph.py).  Returns
``(paragraph index, message)`` per finding, in the order the rule yielded them.
"""

from __future__ import annotations

from gongwen_lint.model import TEXT_ROLES, Document
from gongwen_lint.rules._ordinals import is_anchor, paragraph_ordinal
from gongwen_lint.rules.headings import _item_label, _normalise, _only_numbers_differ
from gongwen_lint.text import count_cjk


def _old_mask(text: str) -> str:
    """text.mask as it was (a loop over every character), so the reference shares no new code."""
    from gongwen_lint.text import DOC_NUMBER_RE, MASK

    chars = list(text)
    openers = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in openers:
            stack.append((ch, i))
        elif stack and ch == openers[stack[-1][0]]:
            _, j = stack.pop()
            if not stack:
                for k in range(j + 1, i):
                    chars[k] = MASK
    for m in DOC_NUMBER_RE.finditer(text):
        for k in range(m.start("open"), m.end()):
            chars[k] = MASK
    return "".join(chars)


def reference_findings(doc: Document, min_chars: int = 15, threshold: float = 0.9) -> list[tuple[int, str]]:
    from rapidfuzz.distance import Indel

    out: list[tuple[int, str]] = []
    seen: dict = {}
    candidates: list = []  # (normalised, paragraph, is a list item, run-in label)
    for p in doc.body:
        if p.role not in TEXT_ROLES or p.in_table:
            continue
        if is_anchor(p.text):
            seen.clear()
            candidates.clear()
            continue
        norm = _normalise(p)
        cjk = count_cjk(_old_mask(norm))
        if cjk < min_chars:
            continue
        item = paragraph_ordinal(p) is not None
        label = _item_label(p.text)
        first = seen.get(norm)
        if first is not None:
            out.append((p.index, f"本段与第 {first.index} 段重复"))
            continue
        seen[norm] = p
        for other_norm, other, other_item, other_label in candidates:
            strict = item or other_item
            need = max(threshold, 0.95) if strict else threshold
            if label and other_label and label != other_label:
                need = max(need, 0.98)
            if strict and cjk < 30:
                continue
            la, lb = len(norm), len(other_norm)
            if min(la, lb) < need * max(la, lb):
                continue
            score = Indel.normalized_similarity(norm, other_norm, score_cutoff=need)
            if score >= need and not _only_numbers_differ(other_norm, norm):
                out.append((p.index, f"本段与第 {other.index} 段几乎相同（相似度 {score:.0%}），请删除或合并"))
                break
        candidates.append((norm, p, item, label))
    return out
