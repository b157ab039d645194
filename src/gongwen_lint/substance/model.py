"""How specific is an item that names no who, when or how much?  A small learned model.

The word-by-word test of :mod:`.clause` leaves, in an item without slots, the content words: a
principle names something particular (危险化学品企业, 破损井盖), empty words name only the stock of
policy (住房保障体系, 营商环境, 数字政府).  Whether a word is stock is the corpus's evidence — how
often official prose uses it (``common``) and whether laws do (``legal``), both in the packaged
table — but no single cut-off separates the two: a word that laws use may be a field of policy
(市场) or a thing (车辆).  So the item is described by *classes* of its words, never by the words
themselves — content nouns, verbal nouns (监管, 排查: jieba's vn) and verbs bucketed by how common
and how legal they are, the stripped stock words, idioms, figurative nouns, its length, and the
shapes of its clauses (:class:`.clause.Shape`: 健全……体系, 让……更……, 坚持……) — and a logistic regression fitted on the
tuning halves of ``eval/substance_cases`` weighs them (``scripts/train_substance_model.py``; the
weights and the figures of the fit are in ``dictionaries/substance_model.toml``).  Because the
features are word classes, the model carries no vocabulary of its own: it transfers to words it
never saw, which is what the held-out halves measure.

The model only ever demotes: an item :mod:`.clause` already calls empty stays empty, and an item
with a slot is a measure whatever its words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .clause import Shape
from .table import VERBAL, Table

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

FILE = "substance_model.toml"

#: Content words at most this common in official prose (the table's log₂ steps: under ~0.4 % of
#: chunks) count as rare; up to ``RARE_CAP`` of them are counted.
RARE_COMMON = 2
RARE_CAP = 3
#: Distinct nouns counted, at most.
NOUN_CAP = 8
#: Token kinds (:class:`.clause.Token`) counted as such; nouns and verbs are bucketed instead.
PLAIN_KINDS = ("idiom", "figurative", "single", "function")
#: Stripped words (kind ``generic``) are counted by their class in the lexicon
#: (:attr:`gongwen_lint.lexicon.StyleLexicon.stripped_class`: function, modifier, subject,
#: predicate, object) — a 的 or a 要 is in every sentence, specific or not, while 加强 and 工作机制
#: are the stock itself; ``abstract``: nouns the form shows abstract (获得感, 韧劲).
GENERIC_OTHER = "abstract"
#: The stripped classes whose words :func:`features` weighs by how often laws use them.
LAWLESS_CLASSES = frozenset({"modifier", "predicate", "object", "subject"})


def _common_bucket(common: int) -> str:
    return "c0" if common <= 1 else "c2" if common <= 3 else "c4" if common <= 5 else "c6"


def _legal_bucket(legal: int) -> str:
    return "l0" if legal == 0 else "l1" if legal <= 3 else "l4"


def clause_features(shapes: Sequence[Shape]) -> dict[str, float]:
    """How the item's clauses are built (:class:`.clause.Shape`): the share of its clauses of
    each shape — stock chains (健全……体系), bare clauses, aims (让……更……), stances (坚持……)
    and four-character set phrases."""
    if not shapes:
        return {}
    n = len(shapes)
    return {f"{name}_share": sum(getattr(c, name) for c in shapes) / n for name in Shape._fields}


def features(
    table: Table, tokens: Iterable, han: int, resolved: int = 0, classes: Mapping[str, str] | None = None,
    shapes: Sequence[Shape] | None = None,
) -> dict[str, float]:
    """The feature vector of one item: per ten Han characters, how many distinct words of each
    class its sentences' ``tokens`` hold (``resolved``: runs the table does not know, read as
    rare nouns; ``classes``: the lexicon's class of each stripped word), the share of stock words
    among its words, how many rare content words and how many nouns it names."""
    classes = classes or {}
    f: dict[str, float] = {}
    seen: set[str] = set()
    rare = resolved
    nouns = resolved
    stripped = lawless = 0
    for t in tokens:
        if t.text in seen:
            continue
        seen.add(t.text)
        if t.kind in ("noun", "verb"):
            e = table.get(t.text)
            rare += e.common <= RARE_COMMON
            nouns += t.kind == "noun"
            # a verbal noun (监管, 整治, 排查) is an action named as a field, apart from things
            kind = "vnoun" if t.kind == "noun" and e.cls == VERBAL else t.kind
            key = f"{kind}_{_common_bucket(e.common)}_{_legal_bucket(e.legal)}"
        elif t.kind == "generic":
            cls = classes.get(t.text, GENERIC_OTHER)
            key = "generic_" + cls
            if cls in LAWLESS_CLASSES:
                stripped += 1
                lawless += table.get(t.text).legal <= RARE_COMMON
        elif t.kind in PLAIN_KINDS:
            key = t.kind
        else:
            continue
        f[key] = f.get(key, 0.0) + 1.0
    if resolved:
        # runs the table does not know (危化品, 管廊) are rarer than any word it holds
        f["noun_c0_l0"] = f.get("noun_c0_l0", 0.0) + resolved
    content = sum(v for k, v in f.items() if k.startswith(("noun_", "vnoun_", "verb_"))) + resolved
    generic = sum(v for k, v in f.items() if k.startswith("generic_") and k != "generic_function")
    stock = generic + f.get("idiom", 0.0) + f.get("figurative", 0.0)
    generic_share = generic / max(1.0, content + stock)
    # densities, not counts: the tuning items are a sentence or two, while a State Council item
    # runs to hundreds of characters — a count would make every long item look different
    tens = max(1.0, han / 10)
    f = {k: v / tens for k, v in f.items()}
    f["generic_share"] = generic_share
    # exhortation against obligation: of its stock words, the share laws hardly use (着力, 扎实,
    # 坚决, 树立, 大力 against 严格, 依法, 及时, 制定, 会同) — a correct principle obliges, an empty
    # one exhorts (issue 15 helper, 2026-12-07: leave-one-writer-out 828 → 860 empty items, concrete 3 → 3)
    f["generic_lawless_share"] = lawless / max(1, stripped)
    # a count, not a density: one or two particular things (井盖, 加油站) make an item specific
    # however long it is
    f["rare_words"] = min(RARE_CAP, rare) / RARE_CAP
    # and how many things it names at all: a long concrete paragraph repeats its few terms
    # (机组 … 机组), so its density is low while the count is not
    f["nouns"] = min(NOUN_CAP, nouns) / NOUN_CAP
    if shapes is not None:
        f.update(clause_features(shapes))
    return f



@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float  # p(empty) at or above which a principle is demoted to empty

    def p_empty(self, f: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def empty(self, f: dict[str, float]) -> bool:
        return self.p_empty(f) >= self.threshold


def parse(text: str) -> Model:
    data = tomllib.loads(text)
    return Model({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def load() -> Model:
    """The packaged model (read once per process; it does not depend on the configuration)."""
    return parse(files("gongwen_lint.dictionaries").joinpath(FILE).read_text(encoding="utf-8"))
