"""Time ``--fix`` and ``--annotate`` on a ~10-page draft with planted punctuation defects.

The draft is bench_reader's GB/T 9704-shaped draft (real law text); every 3rd "，" becomes ","
and every 5th "。" becomes "." inside runs, so the fix has a few hundred edits to make.
Prints: findings, edits applied, rounds; then, over paired rounds (each round runs every step
once, in the same moment of a shared machine), CPU-time medians with min–max for lint (the floor
of a fix: a fix checks the draft first), fix (copy + lint + edit + re-lint + atomic replace), a
second fix (nothing to edit: the file is not rewritten) and annotate, each with its per-round
ratio to lint; and the end-to-end CLI times (process start included) against a plain CLI check.
Run: ``python bench/bench_fix.py [--repeat 7]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _inputs import cpu_time, fmt, machine, ratio, run_cmd
from bench_reader import build, source_lines

from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.fixes import fix_file
from gongwen_lint.output.annotate import annotate_file

SELECT = ("GW1", "GW2", "GW3", "GW4", "GW5", "GW6", "GW9")


def plant_defects(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i)) for i in z.infolist()]
    out = path.with_suffix(".tmp")
    with zipfile.ZipFile(out, "w") as z:
        for info, data in entries:
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                parts = text.split("，")
                text = "".join(p + (("," if k % 3 == 0 else "，") if k < len(parts) - 1 else "")
                               for k, p in enumerate(parts))
                parts = text.split("。")
                text = "".join(p + (("." if k % 5 == 0 else "。") if k < len(parts) - 1 else "")
                               for k, p in enumerate(parts))
                data = text.encode("utf-8")
            z.writestr(info, data)
    out.replace(path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    print(f"gongwen-lint --fix / --annotate benchmark — {machine()}")
    tmp = Path(tempfile.mkdtemp())
    try:
        src = tmp / "draft.docx"
        chars, paragraphs = build(src, 6500, source_lines())
        plant_defects(src)
        linter = Linter(Config(select=SELECT))
        report = linter.check_file(src)
        fixable = sum(1 for d in report.diagnostics if d.fix)
        print(f"draft: {chars} chars, {paragraphs} paragraphs, {src.stat().st_size // 1024} KB; "
              f"{len(report.diagnostics)} findings, {fixable} with a fix")

        work, again, out = tmp / "work.docx", tmp / "again.docx", tmp / "annotated.docx"

        def do_fix():
            shutil.copyfile(src, work)
            return fix_file(linter, work)

        result = do_fix()
        print(f"fix: {result.total} edits in {result.rounds} round(s), converged={result.converged}, "
              f"{len(result.report.diagnostics)} findings left")
        shutil.copyfile(work, again)  # already fixed: a second fix has nothing to edit
        steps = {
            "lint": lambda: linter.check_file(src),
            "fix": do_fix,
            "fix again": lambda: fix_file(linter, again),
            "annotate": lambda: annotate_file(src, report.diagnostics, out),
        }
        times: dict[str, list[float]] = {k: [] for k in steps}
        for _ in range(args.repeat):
            for k, f in steps.items():
                times[k].append(cpu_time(f)[1])
        print(f"in-process, {args.repeat} rounds (CPU)")
        notes = {"fix": "copy + lint + edits + re-lint + replace", "fix again": "no edit: file not rewritten",
                 "annotate": f"{len(report.diagnostics)} comments"}
        for k in steps:
            line = f"  {k:10s} {fmt(times[k])}"
            if k != "lint":
                line += f"   / lint {ratio(times[k], times['lint'])}   ({notes[k]})"
            print(line)
        linter.close()

        cli = [sys.executable, "-m", "gongwen_lint.cli", "check", "--select", ",".join(SELECT)]
        runs = {"cli check": [], "cli --fix": ["--fix"], "cli --annotate": ["--annotate", str(out)]}
        cpu: dict[str, list[float]] = {k: [] for k in runs}
        for _ in range(max(3, args.repeat // 2)):
            for label, extra in runs.items():
                shutil.copyfile(src, work)
                cpu[label].append(run_cmd([*cli, str(work), *extra])[1])
        print(f"command line, {len(cpu['cli check'])} rounds (CPU of the process, start included)")
        for label in runs:
            line = f"  {label:15s} {fmt(cpu[label])}"
            if label != "cli check":
                line += f"   / cli check {ratio(cpu[label], cpu['cli check'])}"
            print(line)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
