"""In-process speed: per real document against the floor, and linearity in document size.

Per round, with one warm :class:`~gongwen_lint.Linter` (dictionaries and NLP loaded once):

* the 38 real documents of the shared corpus (32 layouts in ``corpus/docx``, 6 third-party files
  in ``corpus/realdocx``) checked one after another, every cross-document cache emptied first
  (:mod:`gongwen_lint.caches`), so each round is one run over distinct files — against the
  floor over the same files (unzip ``word/document.xml``, lxml parse, join the ``w:t`` texts);
* a 100-page and a 500-page draft (GB/T 9704 shape, body from the government work reports of the
  archive, distinct text throughout; see ``_inputs.long_draft``), the caches emptied before each.

Prints CPU-time medians with min–max (CPU time of this process: the machine is shared) and the
per-round ratios.  Run: ``python bench/bench_inprocess.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _inputs import cpu_time, floor, fmt, long_draft, machine, ratio, real_documents


def _forgetter():
    """How to empty the caches that outlive a document (:mod:`gongwen_lint.caches`).  An older
    tree run through ``PYTHONPATH`` (a before figure) has no such module — an editable install
    may still lend it this tree's, which knows none of the old caches — so there its caches are
    emptied by name: the shared styles, the masked texts, the corpus table's and the stock-phrase
    lookups."""
    import gc

    import gongwen_lint

    try:
        from gongwen_lint import caches

        if Path(caches.__file__).parent == Path(gongwen_lint.__file__).parent:
            return caches.clear
    except ImportError:
        pass
    from gongwen_lint import text
    from gongwen_lint.docx import styles

    def forget() -> None:
        getattr(styles, "_SHARED", {}).clear()
        getattr(text, "_MASKED", {}).clear()
        text._MASKED_CHARS = 0
        for o in gc.get_objects():
            if type(o).__name__ in ("Boilerplate", "Table") and isinstance(getattr(o, "_cache", None), dict):
                o._cache.clear()

    return forget


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--pages", default="100,500")
    args = ap.parse_args(argv)
    print(f"gongwen-lint in-process benchmark — {machine()}")

    from gongwen_lint import Linter

    forget = _forgetter()

    files = real_documents()
    linter = Linter()
    for f in files:
        linter.check_file(f)  # warm-up: dictionaries, automata, NLP where a document needs it

    ours, base = [], []
    for _ in range(args.repeat):
        forget()  # each round a fresh run: work shared only within these 38 files (gongwen_lint.caches)
        ours.append(cpu_time(lambda: [linter.check_file(f) for f in files])[1] / len(files))
        base.append(cpu_time(lambda: [floor(f) for f in files])[1] / len(files))
    print(f"\n{len(files)} real documents, per document (CPU), {args.repeat} rounds")
    print(f"  ours   {fmt(ours, digits=2)}   (target ≤ 8 ms or ≤ 15× the floor)")
    print(f"  floor  {fmt(base, digits=2)}   (unzip + parse + text of word/document.xml)")
    print(f"  ours / floor  {ratio(ours, base)}")

    pages = [int(p) for p in args.pages.split(",")]
    with tempfile.TemporaryDirectory() as t:
        drafts = {}
        for n in pages:
            path = Path(t) / f"pages{n}.docx"
            chars = long_draft(path, n)
            drafts[n] = path
            linter.check_file(path)  # warm-up (NLP for the sentences that need it)
            print(f"  built {n}-page draft: {chars} characters of body, {path.stat().st_size // 1024} KB")
        times: dict[int, list[float]] = {n: [] for n in pages}
        for _ in range(args.repeat):
            for n in pages:
                forget()  # not the same draft's cached work again (gongwen_lint.caches)
                times[n].append(cpu_time(lambda n=n: linter.check_file(drafts[n]))[1])
        print(f"\nLong drafts, whole check in-process (CPU), {args.repeat} rounds")
        for n in pages:
            print(f"  {n:4d} pages  {fmt(times[n], scale=1.0, unit='s', digits=3)}")
        if len(pages) == 2:
            a, b = pages
            print(f"  {b} / {a} pages  {ratio(times[b], times[a])}   (linear: {b / a:.1f}×; target ≤ 5.5×; "
                  f"{b}-page target ≤ 1.5 s)")
    linter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
