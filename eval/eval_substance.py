"""Evaluate the substance model on hand-labelled paragraphs: empty ones warned, concrete ones not.

Cases are in ``eval/substance_cases/`` (format in its README), one pair of files per writer:
``tuningN.txt`` is read while developing (and fits the specificity model), ``heldoutN.txt`` never
is — its figures are printed to report, its cases listed only with ``--show-heldout``.  The README says who wrote each pair, from which brief
and in which register; from ``tuning6``/``heldout6`` on, every writer was independent and had seen
neither the code, the model nor the other sets.  Each case becomes its own draft (title, 主送, the optional
heading, the case's paragraphs, 署名, 成文日期), structure recognised as for any draft, checked with
the GW7 rules.  A case is *warned* when GW702 or GW703 reports a warning on one of its paragraphs.

Target (issue 15): ≥ 0.9 of empty cases warned, ≤ 0.1 of concrete cases warned, on each half.

Usage: python eval/eval_substance.py [--show] [--show-heldout]
  --show          list the tuning sets' errors (missed empty, warned concrete)
  --show-heldout  the same for the held-out sets (only to report; never tune on them)
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from gongwen_lint import structure
from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Severity
from gongwen_lint.textreader import document_from_text

CASES = Path(__file__).resolve().parent / "substance_cases"
HEAD = ["关于做好有关工作的通知", "各有关单位："]
TAIL = ["XX市人民政府", "2025年3月1日"]
CODES = ("GW702", "GW703")
TUNING = ("tuning.txt", "tuning2.txt", "tuning4.txt", "tuning5.txt", "tuning6.txt", "tuning7.txt", "tuning8.txt", "tuning9.txt", "tuning10.txt", "tuning11.txt", "tuning12.txt", "tuning13.txt", "tuning14.txt", "tuning15.txt", "tuning16.txt")
HELDOUT = ("heldout.txt", "heldout3.txt", "heldout4.txt", "heldout5.txt", "heldout6.txt", "heldout7.txt", "heldout8.txt", "heldout9.txt", "heldout10.txt", "heldout11.txt", "heldout12.txt", "heldout14.txt", "heldout15.txt", "heldout16.txt")


@dataclass
class Case:
    label: str  # "E" empty, "C" concrete
    heading: str | None
    paragraphs: list[str]
    line: int


def read_cases(path: Path) -> list[Case]:
    out: list[Case] = []
    current: Case | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        m = re.match(r"^\[([EC])\](?:\s*/\s*(.+))?$", line)
        if m:
            current = Case(m.group(1), m.group(2), [], n)
            out.append(current)
        elif line and current is not None:
            current.paragraphs.append(line)
        elif not line:
            current = None
    return out


def findings(linter: Linter, case: Case):
    """(GW702/GW703 diagnostics on the case's paragraphs, the draft's other GW7 warnings)."""
    lines = HEAD + ([case.heading] if case.heading else []) + case.paragraphs + TAIL
    doc = structure.analyse(document_from_text("\n".join(lines), f"case{case.line}"))
    first = len(HEAD) + (1 if case.heading else 0) + 1
    own = set(range(first, first + len(case.paragraphs)))
    report = linter.check_document(doc)
    hits = [d for d in report.diagnostics if d.code in CODES and d.location.paragraph in own]
    roles = [p.role.value for p in doc.body if p.index in own]
    return hits, roles


def evaluate(linter: Linter, name: str, show: bool) -> tuple[int, int, int, int]:
    """Print one case file's figures; return (empty warned, empty, concrete warned, concrete)."""
    cases = read_cases(CASES / name)
    tally = {"E": [0, 0, 0], "C": [0, 0, 0]}  # cases, warned, any finding
    errors = []
    for case in cases:
        hits, roles = findings(linter, case)
        warned = any(d.severity is Severity.WARNING for d in hits)
        t = tally[case.label]
        t[0] += 1
        t[1] += warned
        t[2] += bool(hits)
        wrong = warned != (case.label == "E")
        if wrong and show:
            what = "; ".join(f"{d.code} {d.severity.value}: {d.message[:60]}" for d in hits) or "nothing"
            errors.append(f"  {case.label} line {case.line} [{','.join(roles)}] {case.paragraphs[0][:60]} -> {what}")
    e, c = tally["E"], tally["C"]
    print(f"{name}: empty warned {e[1]}/{e[0]} = {e[1] / e[0]:.2f} (any GW702/GW703 {e[2] / e[0]:.2f}); "
          f"concrete warned {c[1]}/{c[0]} = {c[1] / c[0]:.2f} (any {c[2] / c[0]:.2f})")
    for line in errors:
        print(line)
    return e[1], e[0], c[1], c[0]


def _total(label: str, figures: list[tuple[int, int, int, int]]) -> None:
    ew, en, cw, cn = (sum(f[i] for f in figures) for i in range(4))
    print(f"{label} total: empty warned {ew}/{en} = {ew / en:.3f}; concrete warned {cw}/{cn} = {cw / cn:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--show-heldout", action="store_true")
    args = ap.parse_args()
    linter = Linter(Config(select=("GW7",)))
    _total("tuning", [evaluate(linter, name, args.show) for name in TUNING])
    _total("held-out", [evaluate(linter, name, args.show_heldout) for name in HELDOUT])
    linter.close()


if __name__ == "__main__":
    main()
