"""GW304 (duplicate paragraph): the candidate-pair version against the full pairwise scan.

Why: issue 18 replaced the quadratic comparison of every pair of paragraphs by candidate pairs
(a prefix filter on character bigrams); the findings must be exactly the same.  This script runs
both on every document of the shared archive (as plain-text drafts), on the 38 real Word/WPS
files and on long drafts, at the default threshold and at others on both sides of the bigram
bound (t > 2/3) and the character bound, and prints the findings and the differences (0 expected).

Run: ``python eval/eval_duplicate_paragraph.py [--thresholds 0.9,0.95,0.8,0.7,0.5] [--limit N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--thresholds", default="0.9,0.95,0.8,0.7,0.5")
    ap.add_argument("--limit", type=int, default=0, help="archive documents (0: all)")
    args = ap.parse_args(argv)

    from gongwen_lint import structure
    from gongwen_lint.config import Config
    from gongwen_lint.docx.reader import read_docx_file
    from gongwen_lint.engine import run_rules
    from gongwen_lint.rules import registry
    from gongwen_lint.rules.context import Resources
    from gongwen_lint.textreader import document_from_text
    from gw304_reference import reference_findings

    if not SHARED.is_dir():
        print(f"shared corpus not found at {SHARED}")
        return 2
    docs = []
    archive = sorted((SHARED / "archive").glob("*/*.txt"))
    if args.limit:
        archive = archive[: args.limit]
    for path in archive:
        docs.append(("archive", structure.analyse(document_from_text(path.read_text(encoding="utf-8"), str(path)))))
    for path in sorted((SHARED / "docx").glob("*.docx")) + sorted((SHARED / "realdocx").glob("*.docx")):
        docs.append(("real docx", structure.analyse(read_docx_file(path))))
    with tempfile.TemporaryDirectory() as t:
        from _inputs import long_draft

        for pages in (100, 500):
            path = Path(t) / f"pages{pages}.docx"
            long_draft(path, pages)
            docs.append(("long drafts", structure.analyse(read_docx_file(path))))

    rule = registry.get_rule("GW304")
    total_diff = 0
    for threshold in (float(x) for x in args.thresholds.split(",")):
        config = Config(select=("GW304",), options={"duplicate-paragraph-similarity": threshold})
        resources = Resources(config)
        by_set: dict[str, list[int]] = {}
        t_new = t_old = 0.0
        for name, doc in docs:
            t0 = time.process_time()
            new = sorted((d.location.paragraph, d.message) for d in run_rules(doc, config, resources, [rule]).diagnostics)
            t1 = time.process_time()
            old = sorted(reference_findings(doc, 15, threshold))
            t2 = time.process_time()
            t_new, t_old = t_new + t1 - t0, t_old + t2 - t1
            stats = by_set.setdefault(name, [0, 0, 0])
            stats[0] += 1
            stats[1] += len(old)
            stats[2] += len(set(new) ^ set(old))
        print(f"threshold {threshold}:  (CPU: candidate pairs {t_new:.1f} s, every pair {t_old:.1f} s)")
        for name, (n, found, diff) in by_set.items():
            print(f"  {name:<12} {n:5d} documents  {found:5d} findings  {diff} differences")
            total_diff += diff
    print(f"differences in all: {total_diff}")
    return 1 if total_diff else 0


if __name__ == "__main__":
    sys.exit(main())
