"""The substance inventory (干货清单) as ``gongwen-lint inspect --substance`` shows it.

Per work item: its verdict (措施 / 原则 / 空话), what it is about, and the measures found — who
(具名的责任单位), when (时限), how much (数量), instruments (台账、平台、资金、文件); per document
the 干货率.  JSON::

    {"path", "genre", "format", "substance_ratio", "work_items", "measures", "principles", "empty",
     "paragraphs": [{"part", "paragraph", "role", "text", "what", "verdict", "who", "when",
                     "how_much", "instruments", "cited", "content", "stock", "preamble", "set_aside",
                     "copied"}]}

``substance_ratio`` is ``null`` when the draft has no work item.  Items in sections set aside
(背景/意义/原则; 申报条件/推荐原则/培训内容) are listed with ``"preamble": true`` and not counted;
``"set_aside"`` says which (``"背景"`` or ``"条件"``; ``null`` for a work item).
"""

from __future__ import annotations

import json

from ..model import Document
from . import Inventory, Item, Verdict, analyse

_LABEL = {Verdict.MEASURE: "措施", Verdict.PRINCIPLE: "原则", Verdict.EMPTY: "空话"}


def inventory_of(doc: Document, config) -> Inventory:
    """The inventory the style rules see for ``doc`` under ``config``: its dictionaries, and
    jieba's tagger asked in doubt only if it sets ``[style] nlp``."""
    from .. import lexicon, nlp

    lex = lexicon.load(config.dictionaries)
    if not config.option("style", "nlp"):
        return analyse(doc, lex)
    tagger: list[nlp.Tagger] = []

    def resolve(text: str, runs: tuple[str, ...]) -> tuple[str, ...]:
        if not tagger:
            tagger.append(nlp.Tagger(lex.stripped))
        return tagger[0].content_words(text, runs)

    return analyse(doc, lex, resolve)


def item_dict(item: Item) -> dict:
    return {
        "part": item.p.part,
        "paragraph": item.p.index,
        "role": item.p.role.value,
        "text": item.text,
        "what": item.what,
        "verdict": item.verdict.value,
        "who": list(item.slots.who),
        "when": list(item.slots.when),
        "how_much": list(item.slots.how_much),
        "instruments": list(item.slots.instruments),
        "cited": list(item.slots.cited),
        "content": list(item.content),
        "stock": list(item.stock),
        "preamble": item.span.preamble,
        "set_aside": item.span.aside or None,
    }


def inventory_dict(doc: Document, inv: Inventory, copied: set[int] | None = None) -> dict:
    """``copied``: the paragraphs (indexes) the reference index already holds, when an index was
    given (each item then carries ``"copied": true/false``; without one, ``null``)."""
    ratio = inv.substance_ratio
    work = inv.work_items
    return {
        "path": doc.path,
        "genre": doc.genre.value if doc.genre else None,
        "format": doc.format.value if doc.format else None,
        "substance_ratio": None if ratio is None else round(ratio, 4),
        "work_items": len(work),
        "measures": len(inv.measures),
        "principles": sum(1 for i in work if i.verdict is Verdict.PRINCIPLE),
        "empty": len(inv.empty),
        "paragraphs": [item_dict(i) | {"copied": None if copied is None else i.p.index in copied} for i in inv.items],
    }


def render_json(doc: Document, inv: Inventory, copied: set[int] | None = None) -> str:
    return json.dumps(inventory_dict(doc, inv, copied), ensure_ascii=False, indent=2)


def _found(item: Item) -> str:
    s = item.slots
    parts = [f"{name}：{'、'.join(values[:3])}" for name, values in
             (("谁来做", s.who), ("何时", s.when), ("多少", s.how_much), ("载体", s.instruments), ("引用", s.cited)) if values]
    if parts:
        return "；".join(parts)
    if item.verdict is Verdict.PRINCIPLE:
        return f"对象：{'、'.join(item.content[:4])}（没有谁来做、何时完成、做到多少）"
    stock = "、".join(item.stock[:3])
    return f"只有套话：{stock}" if stock else "没有具体内容"


def render_text(doc: Document, inv: Inventory, copied: set[int] | None = None) -> str:
    ratio = inv.substance_ratio
    work = inv.work_items
    lines = [doc.path]
    if ratio is None:
        lines.append("没有找到工作项（正文段落或带小标题的段落）")
    else:
        principles = sum(1 for i in work if i.verdict is Verdict.PRINCIPLE)
        lines.append(
            f"干货率 {ratio:.0%}：全文 {len(work)} 项工作中 {len(inv.measures)} 项写明了谁来做、何时完成或做到多少；"
            f"原则 {principles} 项，空话 {len(inv.empty)} 项"
        )
    for item in inv.items:
        label = item.span.aside or _LABEL[item.verdict]
        what = item.what if len(item.what) <= 24 else item.what[:23] + "…"
        mark = "（索引中已有）" if copied is not None and item.p.index in copied else ""
        lines.append(f"{item.p.index:>4}  {label}  {what:<24}\t{_found(item)}{mark}")
    return "\n".join(lines)
