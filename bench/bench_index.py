"""Reference index benchmark: build rate, size per document, lookup latency, peak RSS.

Indexes the shared archive, then grows the index with disguised replicas of it (every Han
character shifted by a per-copy offset: new fingerprints, same text statistics) to 10^4
documents (and 10^5 with ``--max 100000``), one ``Store.add`` of up to 1,757 documents per
round, timing ``find_copies`` for 10-paragraph drafts copying two passages at each size.
The build rate of a round is fingerprinting + storing (making the copies is not timed); the
first line's rate also includes reading the archive files.  Lookups run in a fresh process so its peak RSS is that
of checking, not of building.

    python bench/bench_index.py [--max 10000] [--pg postgresql://…]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gongwen_lint.index.backends import open_index
from gongwen_lint.index.ingest import iter_prepared, read_manifest, read_reference
from gongwen_lint.index.segment import RefMeta, prepare

ARCHIVE = Path(__file__).resolve().parents[1].parent.joinpath("shared/corpus/archive")


def shifted(text: str, r: int) -> str:
    if r == 0:
        return text
    return "".join(chr(0x4E00 + (ord(c) - 0x4E00 + r * 7919) % 20902) if "\u4e00" <= c <= "\u9fa5" else c for c in text)


def lookups(url: str, n: int, seed: int) -> dict:
    """Time find_copies on n drafts (run in a child process)."""
    from gongwen_lint.index.search import find_copies

    rng = random.Random(seed)
    metas = sorted(read_manifest(ARCHIVE / "manifest.tsv"))
    store = open_index(url)
    texts = [rng.choice(metas) for _ in range(n * 3)]
    drafts = []
    for p in texts:
        paras = [t for _, t in read_reference(Path(p))[0] if len(t) > 40]
        if len(paras) >= 2:
            j = rng.randrange(len(paras) - 1)
            own = [shifted(t[:150], 3) + "本段为本单位自拟内容" for t in rng.sample(paras, min(8, len(paras)))]
            drafts.append(own[:4] + [paras[j][:300], paras[j + 1][:300]] + own[4:])
        if len(drafts) == n:
            break
    find_copies(store, drafts[0])  # warm up
    times, found = [], 0
    for d in drafts:
        t = time.perf_counter()
        m = find_copies(store, d)
        times.append(time.perf_counter() - t)
        found += bool(m)
    store.close()
    q = statistics.quantiles(times, n=20)
    return {"median_ms": statistics.median(times) * 1e3, "p95_ms": q[18] * 1e3, "found": found / len(drafts),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=10000)
    ap.add_argument("--drafts", type=int, default=50)
    ap.add_argument("--pg", help="benchmark a PostgreSQL database instead of a SQLite file (must be empty)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(lookups(args.child[0], int(args.child[1]), 11)))
        return

    url = args.pg or str(Path(tempfile.mkdtemp(prefix="gw-bench-")) / "bench.gwidx")
    store = open_index(url, create=True)
    t0 = time.perf_counter()
    base = list(iter_prepared([], store.params.k, store.params.w, manifest=ARCHIVE / "manifest.tsv"))
    t_prep = time.perf_counter() - t0
    store.add(base)
    t_build = time.perf_counter() - t0
    n0 = len(base)
    raw = {d.meta.path: read_reference(Path(d.meta.path))[0] for d in base}

    def report(n_docs: int, build_rate: float | None, added: int = 0) -> None:
        s = store.stats()
        child = subprocess.run([sys.executable, __file__, "--child", url, str(args.drafts)], capture_output=True, text=True, check=True)
        look = json.loads(child.stdout)
        rate = f"build {build_rate:,.0f} docs/s" + (f" (adding {added:,})" if added else "") + ", "
        print(f"{n_docs:>7,} docs: {rate}{s['size_bytes'] / 1e6:,.1f} MB = {s['bytes_per_document']:,} B/doc; "
              f"lookup per 10-paragraph draft median {look['median_ms']:.1f} ms, p95 {look['p95_ms']:.1f} ms; "
              f"source found in {look['found']:.0%}; lookup process peak RSS {look['peak_rss_mb']:.0f} MB", flush=True)

    print(f"engine: {'PostgreSQL' if args.pg else 'SQLite'}; archive read+fingerprint {n0 / t_prep:,.0f} docs/s")
    report(n0, n0 / t_build)
    r = 1
    n = n0
    while n < args.max:
        # the disguised copies are made before the clock starts: they stand in for reading
        # files, which the archive figure above already times
        copies = [(d, [(i, shifted(t, r)) for i, t in raw[d.meta.path]]) for d in base[: args.max - n]]
        t0 = time.perf_counter()
        batch = []
        for d, paras in copies:
            meta = RefMeta(path=f"{d.meta.path}#copy{r}", title=d.meta.title, level=d.meta.level)
            batch.append(prepare(meta, paras, str(r).encode() + d.sha256.encode(), store.params.k, store.params.w))
        store.add(batch)
        rate = len(batch) / (time.perf_counter() - t0)
        n += len(batch)
        r += 1
        if n >= args.max or n in (10000,) or r % 10 == 0:
            report(n, rate, len(batch))
        else:
            print(f"{n:>7,} docs: build {rate:,.0f} docs/s (adding {len(batch):,})", flush=True)
    store.close()
    print(f"build process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
