"""One cold check of a long draft, for an instruction count that does not depend on the load.

Timing figures on a shared 2-core machine drift with whatever else runs; valgrind's callgrind
counts instructions instead.  This script checks the draft once (imports, automata, compiled
patterns: not counted), empties the cross-document caches (``gongwen_lint.caches.clear()``), then
checks it again inside ``functools.reduce`` — the only call of that function — so that callgrind
counts exactly one cold check:

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \\
        python bench/bench_callgrind.py [--pages 100 | DRAFT.docx | --real]

``--real`` counts one cold check of each of the 38 real documents instead (the per-document hot
path that ``bench_inprocess.py`` times).  ``--rule GW702`` counts only that rule's call within the
cold check (the rest of the check runs outside ``functools.reduce``; a rule that builds a shared
result, as GW702 builds the substance inventory, is counted with it).

The count is the ``summary:`` line of the callgrind.out.* file (or "Collected" on stderr).  Run
it for two trees (two venvs, or ``PYTHONPATH=<tree>/src``) to compare them.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _inputs import long_draft, real_documents

from gongwen_lint import Linter, caches, engine


def count_only(code: str) -> None:
    """Run the rule ``code`` inside ``functools.reduce`` and everything else outside it."""
    run = engine._run_rule

    def counted(r, doc, ctx, config):
        if r.code == code:
            return functools.reduce(lambda _a, _b: run(r, doc, ctx, config), [0, 0])
        return run(r, doc, ctx, config)

    engine._run_rule = counted


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("draft", nargs="?", help="a .docx (default: the built long draft)")
    ap.add_argument("--pages", type=int, default=100, help="pages of the built draft (default 100)")
    ap.add_argument("--real", action="store_true", help="the 38 real documents, one cold check each")
    ap.add_argument("--rule", help="count only this rule's call (e.g. GW702)")
    args = ap.parse_args()
    check = functools.reduce
    if args.rule:
        def check(f, xs):  # type: ignore[no-redef]  # the whole check uncounted, the rule counted
            return f(*xs)
    if args.real:
        files = real_documents()
        linter = Linter()
        for f in files:
            linter.check_file(f)
        caches.clear()
        if args.rule:
            count_only(args.rule)
        reports = check(lambda _a, _b: [linter.check_file(f) for f in files], [0, 0])
        print(f"{len(files)} real documents: {sum(len(r.diagnostics) for r in reports)} findings (one cold check each counted)")
        return
    with tempfile.TemporaryDirectory() as t:
        path = Path(args.draft) if args.draft else Path(t) / f"pages{args.pages}.docx"
        if not args.draft:
            long_draft(path, args.pages)
        linter = Linter()
        linter.check_file(path)
        caches.clear()
        if args.rule:
            count_only(args.rule)
        report = check(lambda _a, _b: linter.check_file(path), [0, 0])
        print(f"{path.name}: {len(report.diagnostics)} findings (one cold check counted)")


if __name__ == "__main__":
    main()
