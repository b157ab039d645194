"""Workers only where they pay: serial (-j 1) vs automatic (-j 0) vs forced workers (-j 2),
paired in the same run, on batches of drafts of two kinds.

* ``plain``: correct GB/T 9704 drafts rebuilt from State Council documents (eval/make_documents.py;
  from ../shared when it is there, else the six kept in tests/fixtures/archive, repeated) — the
  NLP pipeline is never needed;
* ``nlp``: copies of examples/通知草稿.docx, whose sentences need the NLP pipeline (spaCy + jieba,
  ~3 s to build): the case where each worker building its own pipeline made workers slower.

Each round runs the three modes in a rotating order (so that load from other processes hits all
of them alike) and prints, per batch and mode, the median wall time with min–max over the
rounds, and the median of the paired ratios mode / serial.  Also prints the machine's cores and
load average: on a machine whose cores are busy, ``-j 0`` stays serial by design.

Run: python bench/bench_parallel.py [--sizes 8,40,200] [--rounds 3] [--kinds plain,nlp]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "tests"))

MODES = {"serial (-j 1)": ["-j", "1"], "auto (-j 0)": ["-j", "0"], "workers (-j 2)": ["-j", "2"]}


def make_batch(folder: Path, kind: str, count: int) -> None:
    folder.mkdir(parents=True)
    if kind == "nlp":
        for i in range(count):
            shutil.copy(ROOT / "examples" / "通知草稿.docx", folder / f"draft_{i:04d}.docx")
        return
    from make_documents import drafts_from_corpus, write_docx

    from corpus_paths import FIXTURE_ARCHIVE, SHARED_ARCHIVE

    archive = SHARED_ARCHIVE if (SHARED_ARCHIVE / "manifest.tsv").is_file() else FIXTURE_ARCHIVE
    drafts = drafts_from_corpus(archive, count=count)
    for i in range(count):
        d = drafts[i % len(drafts)]
        write_docx(d, folder / f"{i:04d}_{d.name}.docx")


def run(exe: str, folder: Path, args: list[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([exe, "check", str(folder), "--format", "json", *args], check=False,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"gongwen-lint failed ({proc.returncode}): {proc.stderr[-500:]}")
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="8,40,200")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--kinds", default="plain,nlp")
    args = ap.parse_args(argv)
    exe = shutil.which("gongwen-lint") or str(Path(sys.executable).parent / "gongwen-lint")
    sizes = [int(x) for x in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    print(f"gongwen-lint parallel benchmark — {cores} cores, load average {os.getloadavg()[0]:.1f} at start, "
          f"Python {sys.version.split()[0]}, {args.rounds} rounds")
    with tempfile.TemporaryDirectory() as t:
        for kind in kinds:
            for n in sizes:
                folder = Path(t) / f"{kind}_{n}"
                make_batch(folder, kind, n)
                times: dict[str, list[float]] = {m: [] for m in MODES}
                names = list(MODES)
                for r in range(args.rounds):
                    order = names[r % len(names):] + names[: r % len(names)]
                    for m in order:
                        times[m].append(run(exe, folder, MODES[m]))
                base = times["serial (-j 1)"]
                print(f"\n{kind}, {n} drafts (load average now {os.getloadavg()[0]:.1f})")
                for m in names:
                    ts = times[m]
                    ratio = statistics.median(a / b for a, b in zip(ts, base))
                    print(f"  {m:<15} median {statistics.median(ts):6.2f} s  (min–max {min(ts):.2f}–{max(ts):.2f} s)"
                          f"  paired ratio to serial {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
