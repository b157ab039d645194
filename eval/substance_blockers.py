"""Why is an empty case not warned?  A histogram of blockers over the tuning sets' missed cases.

For every empty (``[E]``) case of the tuning sets that GW702/GW703 leave without a warning
(the misses ``eval/eval_substance.py --show`` lists), this says what stopped it, per item of the
case, so that a fix aims at the biggest family rather than at one case:

* ``slot:<kind>`` — a sentence names a who / when / how much / instrument, so the item is a
  measure; the words found are listed (a false slot: 三年左右 in a vision sentence);
* ``principle:model`` — the word test leaves content and the specificity model's p(empty) is
  below its threshold (p shown, with the features that pulled it down most);
* ``empty:unreported`` — the item is empty but no warning came (too short, an info only);
* ``preamble`` — the item is in a 背景/意义/指导思想/原则 section, which is not judged;
* ``no item`` — the paragraph is no item at all (a heading, a role that is not judged).

Held-out sets are never read here (they are for the final figure only).

Usage: python eval/substance_blockers.py [--cases] [--concrete]
  --cases     list each missed case with its blockers under the histogram
  --concrete  also explain the warned concrete cases (which sentence made them empty)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_substance import CASES, HEAD, TAIL, TUNING, findings, read_cases

from gongwen_lint import lexicon, structure
from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Severity
from gongwen_lint.substance import Item, Verdict, analyse, item_features
from gongwen_lint.substance.model import load as load_model
from gongwen_lint.substance.table import load as load_table
from gongwen_lint.textreader import document_from_text

SLOT_KINDS = ("who", "when", "how_much", "instruments")


def blockers(item: Item, lex, table, model) -> list[tuple[str, str]]:
    """(family, detail) of what keeps ``item`` from being warned."""
    if item.span.preamble:
        return [("preamble", " > ".join(item.span.headings))]
    if item.verdict is Verdict.MEASURE:
        out = []
        for s in item.sentences:
            if s.verdict is not Verdict.MEASURE:
                continue
            for kind in SLOT_KINDS:
                words = getattr(s.slots, kind)
                if words:
                    out.append((f"slot:{kind}", "、".join(words)))
        return out or [("measure:other", item.what)]
    if item.verdict is Verdict.PRINCIPLE:
        f = item_features(lex, table, item.sentences)
        p = model.p_empty(f)
        pulls = sorted(((model.weights.get(k, 0.0) * v, k) for k, v in f.items()))[:3]
        why = ", ".join(f"{k} {w:+.2f}" for w, k in pulls if w < 0)
        return [("principle:model", f"p={p:.2f} < {model.threshold:.2f}; {why}; content {'、'.join(item.content[:6])}")]
    return [("empty:unreported", item.what)]


def case_items(case, name: str):
    lines = HEAD + ([case.heading] if case.heading else []) + case.paragraphs + TAIL
    doc = structure.analyse(document_from_text("\n".join(lines), f"{name}:{case.line}"))
    first = len(HEAD) + (1 if case.heading else 0) + 1
    own = range(first, first + len(case.paragraphs))
    return doc, own


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", action="store_true")
    ap.add_argument("--concrete", action="store_true")
    args = ap.parse_args()
    lex = lexicon.load(Config().dictionaries)
    table = load_table()
    model = load_model()
    linter = Linter(Config(select=("GW7",)))
    families: Counter[str] = Counter()
    listing: list[str] = []
    missed = 0
    for name in TUNING:
        for case in read_cases(CASES / name):
            hits, _ = findings(linter, case)
            warned = any(d.severity is Severity.WARNING for d in hits)
            if (case.label == "E" and warned) or (case.label == "C" and (not warned or not args.concrete)):
                continue
            doc, own = case_items(case, name)
            items = [i for i in analyse(doc, lex).items if i.p.index in own]
            if case.label == "C":
                listing.append(f"C {name}:{case.line} {case.paragraphs[0][:50]}")
                for i in items:
                    listing.append(f"    {i.verdict.value}: {i.what}")
                continue
            missed += 1
            found = [b for i in items for b in blockers(i, lex, table, model)] or [("no item", "")]
            # a case counts once per family (an item with two false slots is one slot blocker)
            for fam in dict.fromkeys(f for f, _ in found):
                families[fam] += 1
            infos = [d for d in hits if d.severity is not Severity.WARNING]
            listing.append(f"E {name}:{case.line} {case.paragraphs[0][:50]}" + (f"  [{len(infos)} info]" if infos else ""))
            listing.extend(f"    {fam}: {detail}" for fam, detail in found)
    linter.close()
    print(f"missed empty cases (tuning): {missed}")
    for fam, n in families.most_common():
        print(f"  {fam:18} {n}")
    if args.cases or args.concrete:
        print("\n".join(listing))


if __name__ == "__main__":
    main()
