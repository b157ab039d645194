"""The reader's cost on real layouts, this checkout against another one, paired in one process.

Issue 19 added checks on the read path (regular-file open, tag count, character budget,
number validation); they must not slow the common case.  Both versions of the package are
imported side by side (the other one copied under the name ``gongwen_lint_before``: the
package uses relative imports only), and each of the 32 layouts of ``shared/corpus/docx`` is
read by both, alternately, for several rounds.  Prints per version the median time per
document with min–max over rounds, the ratio after/before per round (median, min–max), and
the floor: unzip + lxml parse of every XML part, no model.

Run: ``python bench/bench_reader_paired.py --before /path/to/other/checkout/src [--rounds 15]``
(e.g. ``git archive main src | tar -x -C /tmp/main`` then ``--before /tmp/main/src``).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docx"


def load_before(src: Path, tmp: Path):
    shutil.copytree(src / "gongwen_lint", tmp / "gongwen_lint_before")
    sys.path.insert(0, str(tmp))
    return importlib.import_module("gongwen_lint_before.docx.reader")


def floor(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))


def per_document(read, files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        read(f)
    return (time.perf_counter() - t) / len(files)


def spread(values: list[float], scale: float = 1000.0, unit: str = "ms") -> str:
    v = [x * scale for x in values]
    return f"{statistics.median(v):.2f} {unit} ({min(v):.2f}–{max(v):.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, type=Path, help="src/ folder of the checkout to compare with")
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    files = sorted(CORPUS.glob("*.docx"))
    if not files:
        sys.exit(f"no layouts under {CORPUS}")
    from gongwen_lint.docx import reader as after

    with tempfile.TemporaryDirectory() as tmp:
        before = load_before(args.before, Path(tmp))
        for f in files:  # warm both (imports, caches)
            before.read_docx_file(f)
            after.read_docx_file(f)
        b_times, a_times, f_times, ratios = [], [], [], []
        for i in range(args.rounds):
            order = [(before, b_times), (after, a_times)] if i % 2 == 0 else [(after, a_times), (before, b_times)]
            got = {}
            for mod, out in order:
                got[mod] = per_document(mod.read_docx_file, files)
                out.append(got[mod])
            f_times.append(per_document(floor, files))
            ratios.append(got[after] / got[before])
    print(f"{len(files)} layouts, {args.rounds} rounds, per document:")
    print(f"  before  {spread(b_times)}")
    print(f"  after   {spread(a_times)}")
    print(f"  floor   {spread(f_times)}  (unzip + parse every XML part)")
    print(f"  after/before per round: {spread(ratios, 1.0, '×')}")


if __name__ == "__main__":
    main()
