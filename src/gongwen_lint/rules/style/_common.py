"""Shared by the GW7xx rules: the document's substance inventory (built once, read by GW702, GW703,
GW708 and GW709) and the item tests those rules have in common.
"""

from __future__ import annotations

from ... import lexicon, recache
from ...diagnostics import Diagnostic, Severity
from ...substance import Inventory, Item
from ...text import count_han, mask
from .._zones import Item as Unit

_NEGATED_BURDEN = recache.compile(r"不|无需|毋需|严禁|禁止|取消|减少|精简|避免|杜绝|防止|清理|整合")
# Subject then a modal: 各地区、各部门要…, 各级人民政府必须…
_IMPERATIVE_RE = recache.compile(r"^(?:[\u4e00-\u9fff、（）]{0,24}?)(?:要|必须|务必|应当|须|需要)(?=[\u4e00-\u9fff])")


def inventory(ctx, nlp: bool = True) -> Inventory:
    """The document's substance inventory, built once per document and shared by the rules.

    Runs of characters the packaged table does not know are read from packaged data too, unless
    the configuration sets ``[style] nlp = true``: then rules that may load it (``nlp``) ask jieba's
    tagger (:mod:`gongwen_lint.nlp`), once per configuration.  GW704 (``nlp=False``) never loads it.
    """
    from ... import substance

    lex = lexicon.get(ctx)
    if nlp and ctx.setting("style", "nlp"):
        def resolve(text: str, runs: tuple[str, ...]) -> tuple[str, ...]:
            from ... import nlp as tagger

            return tagger.get(ctx).content_words(text, runs)

        return ctx.memo("substance:nlp", lambda: substance.analyse(ctx.doc, lex, resolve))
    return ctx.memoized("substance:nlp") or ctx.memo("substance:plain", lambda: substance.analyse(ctx.doc, lex))


def inventory_items(ctx, unit: Unit) -> list[Item]:
    """The inventory's items among the paragraphs of ``unit`` (an item of the ``items`` scope),
    in reading order: a paragraph is at most one inventory item, and every one is in some unit."""
    inv = inventory(ctx)
    by_paragraph: dict[int, Item] = ctx.state(lambda: {id(i.p): i for i in inv.items}, key="inventory-by-paragraph")
    return [by_paragraph[id(p)] for p in unit.paragraphs if id(p) in by_paragraph]


def _in_section(headings: tuple[str, ...], keywords: list[str]) -> bool:
    return any(k in h for h in headings for k in keywords)


def _phrase_matches(lex: lexicon.StyleLexicon, text: str, exclude: frozenset[str] = frozenset({lexicon.BURDEN})):
    return [m for m in lex.boilerplate.find(text) if m.category not in exclude]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u3000\t":
        start += 1
    return start, end


def _looks_imperative(lex, masked: str) -> bool:
    s = masked.lstrip("　 ")
    if _IMPERATIVE_RE.match(s):
        return True
    cues = lex.words("measures", "imperative_cues") + lex.words("measures", "vague_verbs")
    return any(s.startswith(c) for c in cues)


def _is_measure_item(lex, item: Item) -> bool:
    """An item that sets out work to be done: a run-in heading, an item of a 任务/措施 section, or
    a sentence in the imperative (各地要…, 加强…)."""
    if item.lead is not None:
        return True
    keys = lex.words("sections", "measure") + lex.words("sections", "guarantee")
    if _in_section(item.span.headings, keys):
        return True
    return any(_looks_imperative(lex, mask(item.p.text[s.start:s.end])) for s in item.sentences)


#: Items shorter than this (Han characters) are never reported on their own: a line such as
#: 加强组织领导。 standing alone is a heading the drafter did not number, not a paragraph.
_MIN_REPORTED_HAN = 10
#: ... unless it opens with a modal of obligation (要抓早抓小、防微杜渐。): a heading names a task
#: (加强组织领导), it does not tell the reader what they must do, so such a line is a sentence.
#: Not 要 opening a noun (要素保障, 要点, 要求).
_MODAL_OPENING = recache.compile(r"^[\s\u3000]*(?:要(?![素点求件闻害务员])|必须|务必|应当)(?=[\u4e00-\u9fff])")


def _reportable(item: Item) -> bool:
    if item.span.preamble:
        return False
    return count_han(item.text) >= _MIN_REPORTED_HAN or bool(_MODAL_OPENING.match(item.text))


def _stock_list(item: Item, limit: int = 4) -> str:
    phrases = list(item.stock)[:limit]
    return "、".join(phrases)


def _stacked(lex, item: Item) -> bool:
    """An empty item that is mostly 套话 (≥ 2 stock phrases — not mere 空泛程度 modifiers such as
    进一步加强 — covering ≥ 25 % of it): GW702's, whatever its form; other empty items in the form
    of a measure are GW703's."""
    quiet = frozenset({lexicon.BURDEN, "空泛程度"})
    hits = [m for s in item.sentences for m in _phrase_matches(lex, item.p.text[s.start:s.end], quiet)]
    covered = sum(m.end - m.start for m in hits)
    return len(hits) >= 2 and covered >= 0.25 * max(1, count_han(item.text))


def _vague_measure_item(lex, item: Item) -> bool:
    return _is_measure_item(lex, item) and not _stacked(lex, item)


def _report_item(ctx, item: Item, message: str, severity: Severity) -> Diagnostic:
    a, b = item.sentences[0].start, item.sentences[-1].end
    a, b = _trim(item.p.text, a, b)
    return ctx.report(item.p, a, b, message, severity=severity)
