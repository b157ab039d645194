"""Whether a unit goes on with the element of the unit before it (a title over two lines, an
addressee list over several): the pair costs the decoder (:mod:`.viterbi`) adds.

Split from :mod:`.evidence`: these costs look at two neighbouring units only.
"""

from __future__ import annotations

from . import patterns as pt
from .units import Unit
from .vocab import GENRE_TAIL_RE, title_end

_TITLE_POSITIONS = frozenset({"title", "cover_title", "att_title", "issued_title", "in_title"})
_CONTINUES = ("的", "关于", "和", "及", "与", "、", "暨", "《", "“", "（")


def pair_cost(units: list[Unit], position: str, k: int) -> float:
    """Cost of unit ``k`` holding the same element as unit ``k - 1`` (both in ``position``)."""
    a, b = units[k - 1], units[k]
    if position in _TITLE_POSITIONS:
        return title_continues(a, b)
    if position == "addressee":
        return -4.0 if a.text.endswith(("：", ":")) else -0.5
    if position in ("note", "signature", "signature_j"):
        return -0.5
    if position in ("imp_addr", "printer", "att_label"):
        return -1.5
    return 0.0


def title_continues(a: Unit, b: Unit) -> float:
    """Whether title line ``b`` goes on from ``a``: same look, no end, an open 书名号 …"""
    cost = -1.0
    if a.size is not None and b.size is not None and abs(a.size - b.size) > 0.6:
        cost -= 5
    if a.align is not None and b.align is not None and a.centred != b.centred:
        cost -= 3
    if b.gap:
        cost -= 4 if not b.p.runs else 1.5
    if a.text.endswith(("。", "！", "？")):
        cost -= 4
    end = title_end(a.text)
    if end and not pt.unbalanced(a.text):
        # a complete title: another line only when it ends with a 文种 (…制度 / …的指导意见)
        cost -= 1 if GENRE_TAIL_RE.search(b.text.rstrip(pt.END_PUNCT)) and not GENRE_TAIL_RE.search(end) else 3.5
    if pt.unbalanced(a.text) or a.text.endswith(_CONTINUES):
        cost += 1
    if b.text.startswith(("的", "（", "(")) and not b.text.startswith(("（一）", "(一)")):
        cost += 0.5
    return cost
