"""In-process time of structure recognition and of a check without NLP rules, paired with a peer tree.

Why: the decoder (issue 13) must not make a typical draft noticeably slower.  Timing figures on
a shared 2-core machine only mean something as ratios measured in the same run, so this script
times this checkout and a *peer* checkout (``--peer-src``: the ``src`` folder of another tree,
e.g. ``git archive main src | tar -x -C /tmp/main``) in alternating subprocesses, round after
round, on the same inputs:

* the 宜春 notice typed as a drafter's .docx (``tests/drafts.py``);
* the six real third-party files in ``../shared/corpus/realdocx`` (when present);
* correct GB/T 9704 drafts built from the shared corpus by ``eval/make_documents.py``;
* a long draft (about 400 paragraphs of law text, one .docx).

Each subprocess reads every document once, warms up, then times ``structure.analyse`` and
``Linter.check_document`` (rules GW1–GW6) per document in CPU time (``time.process_time``: other
processes on the machine inflate wall time); a round's figure is the sum over the inputs of the
per-document medians.  Prints median with min–max over rounds, per tree, and the
ratio this/peer.

    python bench/bench_structure.py --peer-src /tmp/main/src [--rounds 5] [--count 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_CHILD = r"""
import json, statistics, sys, time
from pathlib import Path
from gongwen_lint import structure
from gongwen_lint.api import Linter, load_document
from gongwen_lint.config import Config
paths = [Path(p) for p in sys.argv[1:]]
docs = [load_document(p) for p in paths]
linter = Linter(Config(select=("GW1", "GW2", "GW3", "GW4", "GW5", "GW6")))
out = {}
for name, fn in (("analyse", structure.analyse), ("check", linter.check_document)):
    total = 0.0
    for d in docs:
        fn(d)
        times = []
        for _ in range(5):
            t = time.process_time()
            fn(d)
            times.append(time.process_time() - t)
        total += statistics.median(times)
    out[name] = total * 1000
print(json.dumps(out))
"""


def inputs(tmp: Path, count: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "eval"))
    from drafts import yichun_docx

    paths = [yichun_docx(tmp / "yichun.docx")]
    real = SHARED / "corpus" / "realdocx"
    if real.is_dir():
        paths += sorted(real.glob("*.docx"))
    try:
        from make_documents import drafts_from_corpus, write_docx
    except Exception:  # noqa: BLE001 - no shared corpus: the fixtures above still time
        return paths
    if (SHARED / "corpus" / "archive").is_dir():
        for d in drafts_from_corpus(count=count):
            write_docx(d, tmp / f"{d.name}.docx")
            paths.append(tmp / f"{d.name}.docx")
        laws = sorted((SHARED / "corpus" / "archive" / "laws").glob("*.txt"))[:6]
        from docxbuild import DocxBuilder

        b = DocxBuilder()
        for law in laws:
            for line in law.read_text(encoding="utf-8").splitlines()[:70]:
                line = line.strip().lstrip("<")  # the builder reads a leading "<" as XML
                if line:
                    b.p(line, font="仿宋_GB2312", size=16, first_line_chars=200)
        paths.append(b.save(tmp / "long.docx"))
    return paths


def run(src: Path, paths: list[Path]) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(src))
    res = subprocess.run([sys.executable, "-c", _CHILD, *map(str, paths)], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer-src", type=Path, required=True, help="src folder of the tree to compare with")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--count", type=int, default=20)
    args = ap.parse_args(argv)
    mine = ROOT / "src"
    with tempfile.TemporaryDirectory() as tmp:
        paths = inputs(Path(tmp), args.count)
        series: dict[str, dict[str, list[float]]] = {"this": {}, "peer": {}}
        for r in range(args.rounds):
            order = (("this", mine), ("peer", args.peer_src)) if r % 2 == 0 else (("peer", args.peer_src), ("this", mine))
            for name, src in order:
                for k, v in run(src, paths).items():
                    series[name].setdefault(k, []).append(v)
    print(f"{len(paths)} documents, {args.rounds} rounds (ms per round = sum of per-document medians)")
    for k in series["this"]:
        a, b = series["this"][k], series["peer"][k]
        ratio = statistics.median(x / y for x, y in zip(a, b))
        print(f"  {k:8} this {statistics.median(a):8.1f} ms ({min(a):.1f}–{max(a):.1f})   "
              f"peer {statistics.median(b):8.1f} ms ({min(b):.1f}–{max(b):.1f})   this/peer {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
