"""Best labelling under the grammar, and how sure each label is.

A node is ``(position, role, misplaced)`` for one unit.  The forward pass keeps, per node, the
best total score of a walk through :mod:`.grammar` that labels units ``0..i`` and ends in it;
the backward pass the best score of the rest.  Their sum is the node's *max-marginal*: the
score of the best labelling that gives the unit that role.  The confidence of a role is its
share among the roles' max-marginals (a softmax), so a unit whose runner-up reading scores
almost as well gets a low confidence.  A beam drops nodes far below the best at each unit; a
draft of 100 paragraphs has a few thousand nodes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Role
from . import grammar as g
from .evidence import Emission

NEG = -math.inf
BEAM = 16.0
FALLBACK = -12.0  # score of "no element" for a unit no reading fits
_POS = g.POSITIONS
_INDEX = {p.name: i for i, p in enumerate(_POS)}
# A position that lists itself among its successors may hold several units in a row (the
# pair cost then says how well the next unit continues it); the others hold one.
_NEXT = [tuple(_INDEX[n] for n in p.next if n != p.name) for p in _POS]
_PREV: list[list[int]] = [[] for _ in _POS]
for _a, _succ in enumerate(_NEXT):
    for _b in _succ:
        _PREV[_b].append(_a)
_START = _INDEX["start"]
_LEAD = _INDEX["lead"]
_PREV_COST = [tuple((a, g.EDGE_COST.get((_POS[a].name, _POS[b].name), 0.0)) for a in _PREV[b]) for b in range(len(_POS))]
_NEXT_COST = [tuple((b, g.EDGE_COST.get((_POS[a].name, _POS[b].name), 0.0)) for b in _NEXT[a]) for a in range(len(_POS))]
_EDGE = {(_INDEX[a], _INDEX[b]): c for (a, b), c in g.EDGE_COST.items()}
# The same edges looked up from the walk's few live positions (one or two a unit) instead of
# scanning every predecessor or successor of a position (fifteen or eleven of them): the
# predecessors of a position are listed in increasing order (the loop that builds _PREV), so the
# forward pass visits the live ones in that order too.
_INTO = [dict(_PREV_COST[b]) for b in range(len(_POS))]
_OUT = [dict(_NEXT_COST[a]) for a in range(len(_POS))]
_NO_REPEAT = frozenset(i for i, p in enumerate(_POS) if p.name not in p.next)
_NO_RESUME = frozenset(_INDEX[n] for n in g.NO_RESUME)
_MISPLACED_POS = frozenset(i for i, p in enumerate(_POS) if p.misplaced)
_MISPLACED = {role: tuple(_INDEX[n] for n in names) for role, names in g.MISPLACED.items()}
_RESIDENT: dict[Role, tuple[int, ...]] = {}
for _i, _p in enumerate(_POS):
    for _r in _p.roles:
        _RESIDENT.setdefault(_r, ())
        _RESIDENT[_r] += (_i,)
_ALL = tuple(i for i in range(len(_POS)) if i != _START)
_WEAK_AT_SET = frozenset(_INDEX[n] for n in g.WEAK_INSERT_AT)
_START_NEXT = frozenset(_NEXT[_START])
_REACH = [frozenset((a, *_NEXT[a])) for a in range(len(_POS))]  # a position, and where it leads


@dataclass(slots=True)
class _Node:
    pos: int
    role: Role
    resident: bool  # the role belongs to the position (not an insert, not misplaced)
    misplaced: bool
    emit: float
    fwd: float = NEG
    back: int = -1  # index of the best predecessor node
    bwd: float = NEG


@dataclass(frozen=True)
class Decoded:
    roles: list[Role]
    positions: list[str]
    misplaced: list[bool]
    confidence: list[float]


def _static_nodes(e: Emission, flags: frozenset[str], reach) -> list[_Node]:
    """The unit's nodes in the positions that hold its roles, and misplaced ones, among the
    positions the walk can be in (``reach``)."""
    out = []
    for role, score in e.scores.items():
        for i in _RESIDENT.get(role, ()):
            if i in reach:
                req = _POS[i].requires
                if req is None or req in flags:
                    out.append(_Node(i, role, True, False, score))
        if role in e.strong and role not in g.INSERTS:
            for i in _MISPLACED.get(role, ()):
                if i in reach and role not in _POS[i].roles:
                    out.append(_Node(i, role, False, True, score + g.MISPLACED_COST))
    return out


def _insert_nodes(e: Emission, positions) -> list[_Node]:
    """Stray and unknown readings, in the positions the walk may be in (it stays there)."""
    out = []
    for role in g.INSERTS:
        score = e.scores.get(role)
        if score is None:
            continue
        allowed = _WEAK_AT_SET if score <= g.WEAK_INSERT else None
        for i in positions:
            if (allowed is None or i in allowed) and role not in _POS[i].roles:
                out.append(_Node(i, role, False, False, score))
    return out


PairCost = Callable[[str, int], float]


def decode(emissions: list[Emission], flags: list[frozenset[str]], pair_cost: PairCost) -> Decoded:
    """``pair_cost(position, i)``: cost of unit ``i`` repeating the position of unit ``i-1``
    (both holding its own role), e.g. whether a title line continues the previous one."""
    n = len(emissions)
    if n == 0:
        return Decoded([], [], [], [])
    lattice: list[list[_Node]] = []
    for i in range(n):
        e = emissions[i]
        if i == 0:
            nodes = [nd for nd in _static_nodes(e, flags[i], _START_NEXT) if not nd.misplaced]
            nodes += _insert_nodes(e, (_LEAD,))  # a first line that is no element waits in "lead"
            for nd in nodes:
                nd.fwd = nd.emit + _EDGE.get((_START, nd.pos), 0.0)
        else:
            prev = lattice[-1]
            best_res: dict[int, tuple[float, int]] = {}
            best_non: dict[int, tuple[float, int]] = {}
            best_any: dict[int, tuple[float, int]] = {}
            for j, q in enumerate(prev):
                table = best_res if q.resident else best_non
                old = table.get(q.pos)
                if old is None or q.fwd > old[0]:
                    table[q.pos] = (q.fwd, j)
                old = best_any.get(q.pos)
                if old is None or q.fwd > old[0]:
                    best_any[q.pos] = (q.fwd, j)
            reach: set[int] = set()
            for a in best_any:
                reach |= _REACH[a]
            nodes = _static_nodes(e, flags[i], reach) + _insert_nodes(e, best_any)
            sources = sorted(best_any.items()) if len(best_any) > 1 else list(best_any.items())
            pair: dict[int, float] = {}
            for nd in nodes:
                pos = nd.pos
                best, back = NEG, -1
                if pos in best_any:
                    # stay in the position: after an insert (a title does not resume after one) …
                    hit = best_non.get(pos)
                    if hit is not None and not (nd.resident and (pos in _NO_RESUME or pos in _NO_REPEAT)):
                        best, back = hit
                    # … or after its own element
                    hit = best_res.get(pos)
                    if hit is not None:
                        v, j = hit
                        if nd.resident:
                            if pos in _NO_REPEAT:
                                v = NEG
                            else:
                                if pos not in pair:
                                    pair[pos] = pair_cost(_POS[pos].name, i)
                                v += pair[pos]
                        if v > best:
                            best, back = v, j
                # move on: only with the element that opens the next position (from the live
                # positions in increasing order: a tie goes to the lowest, as over _PREV_COST)
                if nd.resident:
                    into = _INTO[pos]
                    for a, hit in sources:
                        cost = into.get(a)
                        if cost is not None:
                            v = hit[0] + cost
                            if v > best:
                                best, back = v, hit[1]
                if best > NEG:
                    nd.fwd = best + nd.emit
                    nd.back = back
        live = [nd for nd in nodes if nd.fwd > NEG]
        if not live:
            # No reading fits (the beam dropped the one that would have): the unit belongs to no
            # element where the walk stands, and the walk goes on from there.
            prev = lattice[-1]
            for j, q in enumerate(prev):
                nd = _Node(q.pos, Role.UNKNOWN, False, False, FALLBACK)
                nd.fwd, nd.back = q.fwd + FALLBACK, j
                live.append(nd)
        top = max(nd.fwd for nd in live)
        # Pruned before the next unit reads it, so back pointers index the kept list.
        lattice.append([nd for nd in live if nd.fwd > top - BEAM])
    # Backward pass.
    for nd in lattice[-1]:
        nd.bwd = 0.0 if nd.fwd > NEG else NEG
    for i in range(n - 2, -1, -1):
        nxt = lattice[i + 1]
        entry: dict[int, float] = {}
        self_res: dict[int, float] = {}
        self_non: dict[int, float] = {}
        for q in nxt:
            if q.bwd == NEG:
                continue
            v = q.emit + q.bwd
            if q.resident and v > entry.get(q.pos, NEG):
                entry[q.pos] = v
            if q.resident:
                if v > self_res.get(q.pos, NEG):
                    self_res[q.pos] = v
            elif v > self_non.get(q.pos, NEG):
                self_non[q.pos] = v
        pair = {}
        for nd in lattice[i]:
            if nd.fwd == NEG:
                continue
            best = self_non.get(nd.pos, NEG)  # an insert may always follow
            v = self_res.get(nd.pos, NEG)
            if v > NEG:
                if nd.resident:
                    if nd.pos in _NO_REPEAT:
                        v = NEG
                    else:
                        if nd.pos not in pair:
                            pair[nd.pos] = pair_cost(_POS[nd.pos].name, i + 1)
                        v += pair[nd.pos]
                elif nd.pos in _NO_RESUME or nd.pos in _NO_REPEAT:
                    v = NEG
                best = max(best, v)
            out = _OUT[nd.pos]  # the best of a maximum: in any order
            for b, after in entry.items():
                cost = out.get(b)
                if cost is not None and after + cost > best:
                    best = after + cost
            nd.bwd = best
    # Best path.
    last = max(lattice[-1], key=lambda nd: nd.fwd)
    path = [last]
    for i in range(n - 1, 0, -1):
        path.append(lattice[i - 1][path[-1].back])
    path.reverse()
    confidence = []
    for i, nd in enumerate(path):
        best_by_role: dict[Role, float] = {}
        for q in lattice[i]:
            total = q.fwd + q.bwd
            if total > best_by_role.get(q.role, NEG):
                best_by_role[q.role] = total
        if len(best_by_role) == 1 and nd.role in best_by_role:  # one role: exp(top - top) = 1
            confidence.append(1.0)
            continue
        top = best_by_role.get(nd.role, nd.fwd + nd.bwd)
        z = sum(math.exp(v - top) for v in best_by_role.values() if v > NEG)
        confidence.append(1.0 / z if z > 0 else 1.0)
    return Decoded(
        roles=[nd.role for nd in path],
        positions=[_POS[nd.pos].name for nd in path],
        misplaced=[nd.misplaced or (nd.resident and nd.pos in _MISPLACED_POS) for nd in path],
        confidence=confidence,
    )
