"""What a draft adds to what is already indexed: the question of 不再重复行文.

精简文件的要求 asks of a draft that restates policy whether it proposes any new measure
(政策已经明确、执行过程中未提出新的措施的，不再重复行文).  The copies found by the search answer
it item by item: each substantive paragraph of the draft (outside stock phrases, at least
``MIN_ITEM_CHARS`` normalised characters) is *found* when at least ``NEW_ITEM_SHARE`` of it is
in copied passages, else it is *new*.  Characters are counted once, for the highest level of
the documents holding them, so the draft's text splits into 上级 / 已发 / 下级 / new shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .normalize import norm_index, normalize_with_map
from .search import LEVEL_RANK, DocumentMatch, Passage
from .stock import stock_mask

MIN_ITEM_CHARS = 20  # normalised characters outside stock phrases: shorter lines are not items
NEW_ITEM_SHARE = 0.5  # an item less than half of which is found is new
LEVELS = ("higher", "same", "lower")


@dataclass
class Novelty:
    """The draft's substantive items, what of them is found in the index, and by which level."""

    items: list[int] = field(default_factory=list)  # indexes of the paragraphs searched
    size: dict[int, int] = field(default_factory=dict)  # item -> normalised characters (no stock)
    found: dict[int, int] = field(default_factory=dict)  # item -> of which in copied passages
    by_level: dict[str, int] = field(default_factory=dict)  # found characters per best level
    sources: dict[int, int] = field(default_factory=dict)  # doc id -> found characters it explains best

    @property
    def total(self) -> int:
        return sum(self.size.values())

    @property
    def found_chars(self) -> int:
        return sum(self.found.values())

    @property
    def found_share(self) -> float:
        return self.found_chars / self.total if self.total else 0.0

    def level_share(self, level: str) -> float:
        return self.by_level.get(level, 0) / self.total if self.total else 0.0

    @property
    def new(self) -> list[int]:
        """The items the index does not hold: the draft's new measures."""
        return [i for i in self.items if self.found[i] < NEW_ITEM_SHARE * self.size[i]]

    @property
    def copied(self) -> list[int]:
        return [i for i in self.items if self.found[i] >= NEW_ITEM_SHARE * self.size[i]]

    @property
    def new_share(self) -> float:
        return sum(self.size[i] for i in self.new) / self.total if self.total else 0.0


def novelty(texts: Sequence[str], matches: list[DocumentMatch], extra_stock: tuple[str, ...] = ()) -> Novelty:
    """The :class:`Novelty` of the paragraphs ``texts`` (as given to ``find_copies``)."""
    out = Novelty()
    by_par: dict[int, list[tuple[int, DocumentMatch, Passage]]] = {}
    for m in matches:
        rank = LEVEL_RANK.get(m.doc.level, 3)
        for p in m.passages:
            by_par.setdefault(p.paragraph, []).append((rank, m, p))
    for i, text in enumerate(texts):
        norm, offsets = normalize_with_map(text)
        mask = stock_mask(norm, extra_stock)
        size = len(norm) - sum(mask)
        if size < MIN_ITEM_CHARS:
            continue
        # per character: the best (level, document) holding it
        best: list[tuple[int, int] | None] = [None] * len(norm)
        for rank, m, p in sorted(by_par.get(i, ()), key=lambda x: (x[0], -x[2].matched, x[1].doc.id)):
            a0 = norm_index(offsets, p.start)
            for j in range(a0, min(len(norm), a0 + p.chars)):
                if best[j] is None:
                    best[j] = (rank, m.doc.id)
        out.items.append(i)
        out.size[i] = size
        found = 0
        for j, b in enumerate(best):
            if b is None or mask[j]:
                continue
            found += 1
            level = LEVELS[b[0]] if b[0] < len(LEVELS) else "same"
            out.by_level[level] = out.by_level.get(level, 0) + 1
            out.sources[b[1]] = out.sources.get(b[1], 0) + 1
        out.found[i] = found
    return out
