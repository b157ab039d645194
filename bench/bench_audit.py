"""Archive-wide audit benchmark: documents, pairs, wall time per engine, cost per million documents.

Audits the shared archive with the local engine and with Spark in local mode, checks that both
report the same pairs, and extrapolates the cost to 10^6 documents.  The audit is a
fingerprint join: each document is queried against the postings of its own fingerprints, with
the document-frequency cut-off and the candidate limit of the search bounding the work per
document, so the cost grows about linearly with the number of documents (the measured
core-seconds per document, times 10^6).  Also prints the law-archive figures of issue 10
(provincial 实施办法 vs national law recall, other pairs) with the default threshold.

    python bench/bench_audit.py [--archive PATH] [--master local[2]] [--engines local,spark] [--repeat 3]
                                [--broadcast-chars N]   # 0: candidate texts joined, as for a big archive

Wall times are medians over ``--repeat`` runs, with the range; Spark's start-up is not counted.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import sys
import time
from pathlib import Path

from gongwen_lint.audit.cli import DEFAULT_MIN_COVERAGE
from gongwen_lint.audit.local import audit_local

ARCHIVE = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "archive"


def law_figures(archive: Path) -> None:
    titles = {}
    with open(archive / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["path"].startswith("laws/"):
                titles[(archive / row["path"]).resolve().as_posix()] = re.sub(r"\(\d{4}-\d\d-\d\d\)$", "", row["title"])
    truth = set()
    for path, title in titles.items():
        m = re.search(r"实施《(.+?)》办法|《(.+?)》实施办法", title)
        if m:
            law = m.group(1) or m.group(2)
            truth |= {tuple(sorted((path, o))) for o, t in titles.items() if t == law}
    for min_cov in (0.0, DEFAULT_MIN_COVERAGE):
        r = audit_local([archive / "laws"], min_coverage=min_cov)
        found = {(p.a, p.b) for p in r.pairs}
        versions = sum(titles[a] == titles[b] for a, b in found)
        lr = sum(("/lr_" in a or "/lr_" in b) for a, b in found - truth)
        print(
            f"laws/ (min coverage {min_cov}): {r.documents} documents, {len(r.pairs)} pairs; "
            f"实施办法 vs national law: {len(truth & found)}/{len(truth)} (recall {len(truth & found) / len(truth):.2f}); "
            f"versions of one regulation: {versions}; other pairs: {len(found - truth) - versions} "
            f"({lr} involving lr_* files)"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--archive", type=Path, default=ARCHIVE)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--engines", default="local,spark")
    ap.add_argument("--min-coverage", type=float, default=0.0)
    ap.add_argument("--no-laws", action="store_true")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--broadcast-chars", type=int, default=None, help="Spark: broadcast candidate texts up to this size")
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    results = {}
    spark = None
    walls: dict[str, float] = {}
    for engine in args.engines.split(","):
        times = []
        for _ in range(args.repeat):
            if engine == "local":
                t0 = time.perf_counter()
                r = audit_local([args.archive], min_coverage=args.min_coverage)
                times.append(time.perf_counter() - t0)
                used, startup = 1, 0.0
            else:
                from gongwen_lint.audit.spark import BROADCAST_CHARS, audit_spark, session

                startup = 0.0
                if spark is None:
                    t0 = time.perf_counter()
                    spark = session(args.master, shuffle_partitions=4)
                    startup = time.perf_counter() - t0
                used = spark.sparkContext.defaultParallelism
                bc = BROADCAST_CHARS if args.broadcast_chars is None else args.broadcast_chars
                t0 = time.perf_counter()
                r = audit_spark([args.archive], min_coverage=args.min_coverage, spark=spark, broadcast_chars=bc)
                times.append(time.perf_counter() - t0)
        results[engine] = r
        wall = statistics.median(times)
        walls[engine] = wall
        per_doc = wall * used / max(1, r.documents)
        print(
            f"{engine:5s}: {r.documents} documents, {len(r.pairs)} pairs, wall median {wall:.1f} s "
            f"(range {min(times):.1f}–{max(times):.1f}, {len(times)} runs)"
            + (f" (+{startup:.1f} s Spark start)" if startup else "")
            + f" on {used} core(s) of {cores}; {per_doc * 1000:.1f} core-ms/document; "
            f"10^6 documents ≈ {per_doc * 1e6 / 3600:.0f} core-hours "
            f"(≈ {per_doc * 1e6 / 3600 / 64:.1f} h on 64 cores)"
        )
        sys.stdout.flush()
    if "local" in walls and "spark" in walls:
        print(f"Spark wall / local wall: {walls['spark'] / walls['local']:.2f}")
    if len(results) == 2:
        a, b = (x.as_json() for x in results.values())
        print("engines agree (same pairs, coverages, passages, examples):", "yes" if a == b else "NO")
    if not args.no_laws and (args.archive / "laws").is_dir():
        law_figures(args.archive)


if __name__ == "__main__":
    main()
