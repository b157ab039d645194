"""Organ names read for what they say about the organ: its place, level and kind.

``宜春市教育局`` is a department (局) of the 宜春市 government, ``县人民政府`` a county government
named by its level alone, ``中共宜春市委`` a Party committee, ``国家统计局`` a central organ.  The
words that decide this are data (``dictionaries/issuers.toml``, with sources); whether a name is
an organ name at all is the packaged organ-suffix list the style rules use
(``dictionaries/organ_suffixes.txt``).  A name that says too little gets the kind ``unknown`` and
the authority rules (GW611–GW614) then say nothing about it.

A leading underscore keeps the rule registry from treating this module as a rule family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import recache
from ..text import compact
from ._data import load_toml

_PLURAL = recache.compile(r"^(各|全体|所有)")
_BRACKETS = recache.compile(r"[（(][^）)]{0,12}[）)]")


@dataclass(frozen=True)
class Organ:
    name: str  # as written, whitespace removed
    places: tuple[str, ...]  # place segments, outermost first: ("江西省", "宜春市"); ("市",) for 市教育局
    body: str  # the rest: 教育局, 人民政府
    kind: str  # one of KINDS
    central: bool  # 国务院, 国家统计局, 财政部 …: a central organ
    party: bool
    plural: bool  # 各县（市、区）人民政府: a class of organs

    @property
    def level(self) -> int | None:
        """1 省级, 2 地级, 3 县级, 4 乡级, 0 a 市 of unknown level, None without a place."""
        if self.central:
            return None
        if not self.places:
            return None
        return place_level(self.places[-1])

    @property
    def place(self) -> str | None:
        return self.places[-1] if self.places else None

    @property
    def short(self) -> bool:
        """Named by its level word alone (市人民政府, 县教育局)."""
        return bool(self.places) and len(self.places[-1]) == 1


KINDS = ("own_system", "npc", "court", "office", "party", "government", "institution", "department", "unknown")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_toml("issuers.toml")


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern[str]:
    suffixes = sorted((s for s, _ in _data()["places"]["suffixes"]), key=len, reverse=True)
    alt = "|".join(map(re.escape, suffixes))
    # A place segment: a few Han characters and an administrative suffix (宜春市, 袁州区, 樟树镇),
    # or the suffix alone at the start of a name (市教育局).
    return recache.compile(rf"[\u4e00-\u9fff]{{1,7}}?(?:{alt})|(?:{alt})")


@lru_cache(maxsize=1)
def _suffixes_longest() -> tuple[str, ...]:
    return tuple(sorted((s for s, _ in _data()["places"]["suffixes"]), key=len, reverse=True))


def place_level(place: str) -> int | None:
    data = _data()["places"]
    if place in data["municipalities"]:
        return 1
    for suffix, level in sorted(data["suffixes"], key=lambda x: -len(x[0])):
        if place.endswith(suffix):
            return level
    return None


def _split_places(name: str) -> tuple[tuple[str, ...], str]:
    places: list[str] = []
    rest = name
    not_place = tuple(_data()["places"]["not_place_endings"])
    organ_words = recache.compile(r"[局厅委办部院会所站室处科组队社馆]|中心|公司|学校|政府|人大|法院")
    while rest:
        m = _place_re().match(rest)
        if not m:
            break
        seg = m.group(0)
        tail = rest[m.end():]
        # 袁州区, 杭州市: the shortest match stops at 州; a suffix right after belongs to the name.
        for suffix in _suffixes_longest():
            if tail.startswith(suffix) and len(tail) > len(suffix):
                seg, tail = seg + suffix, tail[len(suffix):]
                break
        if seg.endswith(not_place) or organ_words.search(seg) or not tail:
            break
        if places and len(seg) == 1:
            break  # 宜春市区 → 市 then 区? no: a lone suffix only starts a name
        places.append(seg)
        rest = tail
    return tuple(places), rest


def parse_organ(text: str, suffixes: tuple[str, ...]) -> Organ:
    """What the name ``text`` says about the organ (see the module docstring); ``suffixes`` are
    the organ suffixes of the configuration (``lexicon.get(ctx).organ_suffixes``)."""
    d = _data()["kinds"]
    name = compact(text)
    name = re.sub(r"[（(](?:盖章|印章|章)[）)]$", "", name)
    plural = bool(_PLURAL.match(name))
    core = _PLURAL.sub("", name)
    core = _BRACKETS.sub("", core) if plural else core  # 各县（市、区）教育局 → 县教育局
    party = core.startswith(tuple(d["party_prefixes"]))
    if party:
        core = re.sub(r"^(中国共产党|中共)", "", core)
    central = core.startswith(tuple(d["central_prefixes"]))
    places, body = ((), core) if central else _split_places(core)
    kind = _kind(body, party, suffixes)
    if central and not places and body in ("国务院",):
        kind = "government"
    return Organ(name, places, body, kind, central, party, plural)


def _kind(body: str, party: bool, suffixes: tuple[str, ...]) -> str:
    d = _data()["kinds"]
    if not body:
        return "unknown"
    if any(w in body for w in d["own_system"]):
        return "own_system"
    if body.endswith(tuple(d["npc"])) or "人民代表大会" in body or "人大" in body[:4]:
        return "npc"
    if body.endswith(tuple(d["courts"])):
        return "court"
    if body.endswith(tuple(d["office"])):
        return "office"
    if party or body in d["party_exact"] or body.endswith(tuple(d["party"])):
        return "party"
    if body.endswith(tuple(d["government"])):
        return "government"
    if body.endswith(tuple(d["institution"])):
        return "institution"
    if body.endswith(tuple(suffixes) + tuple(d["department_extra"])):
        return "department"
    return "unknown"


def same_place(a: Organ, b: Organ) -> bool:
    """``a`` and ``b`` belong to one place: equal names (宜春市 / 宜春市), or one is named by the
    level word alone and the other's place has that level word (市 / 宜春市)."""
    if not a.places or not b.places:
        return False
    pa, pb = a.places[-1], b.places[-1]
    if pa == pb and not (a.short and b.short):
        return True
    if a.short != b.short:
        full, short = (pa, pb) if b.short else (pb, pa)
        return full.endswith(short) and place_level(full) == place_level(short)
    return a.short and b.short and pa == pb


def core_body(body: str) -> str:
    """A department's subject matter: 教育局 → 教育, 发展和改革委员会 → 发展和改革."""
    return re.sub(r"(委员会|管理局|监督管理局|局|厅|委|办公室|办)$", "", body)


def split_organs(line: str) -> list[str]:
    """The organ names of a 主送/抄送 line (labels, end punctuation and brackets handled)."""
    t = compact(line)
    t = re.sub(r"^(抄送|主送)[：:]", "", t).rstrip("：:。.，,；;")
    items, depth, cur = [], 0, ""
    for ch in t:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in "、，,；;" and depth == 0:
            if cur:
                items.append(cur)
            cur = ""
            continue
        cur += ch
    if cur:
        items.append(cur)
    return items
