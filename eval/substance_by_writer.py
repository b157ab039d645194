"""Leave-one-writer-out estimate of the specificity model: how it does on a writer it has not seen.

Why: the held-out halves of ``eval/substance_cases`` come from the same writers as the tuning
halves (each writer wrote both), and every feature that raised the tuning figures in December
2026 moved the held-out figures by a few cases either way — the model learns a writer's style.
The real question is how it does on the next writer, so this script holds out one tuning file
(one writer) at a time: the model is fitted on the other tuning files and the State Council
training half exactly as ``scripts/train_substance_model.py`` does, its threshold set by the same
State Council budget (out of fold, by document), and the held-out writer's items are scored.

Reads only the tuning halves and the State Council training half (never the held-out files).
Prints, per writer and in total: empty items made empty (the word test's own empty verdicts
count), concrete items wrongly made empty, and the threshold.  Item level, not case level
(``eval_substance.py`` counts cases); use it to compare two versions of the features.

Usage: python eval/substance_by_writer.py [--l2 1.0] [--sc-weight 2.0] [--max-sc 0.2]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_substance_model as train


def _fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    train.L2 = l2
    return train.fit(x, y, weight)


def _p(x: np.ndarray, wb: tuple[np.ndarray, float]) -> np.ndarray:
    w, b = wb
    return 1 / (1 + np.exp(-(x @ w + b)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--l2", type=float, default=train.L2)
    ap.add_argument("--sc-weight", type=float, default=2.0)
    ap.add_argument("--max-sc", type=float, default=0.2)
    args = ap.parse_args()
    data, _ = train.rows()
    sc, sc_doc, sc_judged, sc_docs = train.state_council_rows()
    feats = [f for *_, f in data] + sc
    keys = sorted({k for f in feats for k in f})
    x = np.array([[f.get(k, 0.0) for k in keys] for f in feats])
    n = len(data)
    y = np.array([1.0 if empty else 0.0 for _, empty, _, _ in data] + [0.0] * len(sc))
    weight = np.array([1.0] * n + [args.sc_weight] * len(sc))
    principle = np.array([p for _, _, p, _ in data] + [True] * len(sc))
    writer = np.array([where.split(":")[0] for where, *_ in data] + ["SC"] * len(sc))
    doc_of = np.array([-1] * n + list(sc_doc))
    is_sc = writer == "SC"
    # the budget counts what would be reported, as the train script does (not --budget-all)
    counted = is_sc & np.array([False] * n + list(sc_judged), bool)
    # every writer's items scored by a fit that never saw that writer
    p_out = np.zeros(len(y))
    thresholds = {}
    for name in train.TUNING:
        out = writer == name
        sc_p = np.zeros(len(y))
        for k in range(train.FOLDS):  # State Council items out of fold (by document), this writer left out
            fold = is_sc & (doc_of % train.FOLDS == k)
            keep = ~out & ~fold
            sc_p[fold] = _p(x[fold], _fit(x[keep], y[keep], weight[keep], args.l2))
        thresholds[name] = 0.95
        for t in [round(0.95 - 0.01 * k, 2) for k in range(66)]:
            if int((sc_p[counted] >= t).sum()) > args.max_sc * sc_docs:
                break
            thresholds[name] = t
        p_out[out] = _p(x[out], _fit(x[~out], y[~out], weight[~out], args.l2))
    empty = (y == 1) & ~is_sc
    concrete = (y == 0) & ~is_sc
    acted = principle & ~is_sc  # the items the model acts on (the rest the word test made empty)

    def row(label: str, made: np.ndarray, mask: np.ndarray, t: str) -> str:
        e, c = int((made & empty & mask).sum()), int((made & concrete & mask).sum())
        ne, nc = int((empty & mask).sum()), int((concrete & mask).sum())
        return f"{label:<14}{e:>10}/{ne:<7}{c:>14}/{nc:<7}{t:>11}"

    print("Each writer scored by a fit without it; threshold: the State Council budget of that fit.")
    print(f"{'writer':<14}{'empty made empty':>18}{'concrete made empty':>22}{'threshold':>11}")
    budget = np.zeros(len(y), bool)
    for name in train.TUNING:
        out = writer == name
        budget[out] = ~principle[out] | (p_out[out] >= thresholds[name])
        print(row(name, budget, out, f"{thresholds[name]:.2f}"))
    print(row("total", budget, ~is_sc, ""))
    print("At fixed thresholds (all writers pooled; the principles only: "
          f"{int((empty & acted).sum())} empty, {int((concrete & acted).sum())} concrete):")
    for t in [round(0.9 - 0.05 * k, 2) for k in range(12)]:
        made = p_out >= t
        print(f"  {t:.2f}  empty {int((made & empty & acted).sum()):4d}  concrete {int((made & concrete & acted).sum()):3d}")

if __name__ == "__main__":
    main()
