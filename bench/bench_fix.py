"""Time ``--fix`` and ``--annotate`` on a ~10-page draft with planted punctuation defects.

The draft is bench_reader's GB/T 9704-shaped draft (real law text); every 3rd "，" becomes ","
and every 5th "。" becomes "." inside runs, so the fix has a few hundred edits to make.
Prints: findings, edits applied, rounds, and median times (in-process, rules without NLP) for
lint, fix (lint + edit + re-lint + atomic replace) and annotate, plus the end-to-end CLI time.
Run: ``/work/venv/bin/python bench/bench_fix.py``
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench_reader import build, source_lines

from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.fixes import fix_file
from gongwen_lint.output.annotate import annotate_file

SELECT = ("GW1", "GW2", "GW3", "GW4", "GW5", "GW6", "GW9")
RUNS = 5


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


def median_ms(f) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
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

        work = tmp / "work.docx"

        def do_fix():
            shutil.copyfile(src, work)
            return fix_file(linter, work)

        result = do_fix()
        print(f"fix: {result.total} edits in {result.rounds} round(s), converged={result.converged}, "
              f"{len(result.report.diagnostics)} findings left")
        print(f"lint      {median_ms(lambda: linter.check_file(src)):7.1f} ms")
        print(f"fix       {median_ms(do_fix):7.1f} ms  (copy + lint + edits + re-lint + replace)")
        no_op = median_ms(lambda: fix_file(linter, work))
        print(f"fix again {no_op:7.1f} ms  (no edit: file not rewritten)")
        out = tmp / "annotated.docx"
        print(f"annotate  {median_ms(lambda: annotate_file(src, report.diagnostics, out)):7.1f} ms  "
              f"({len(report.diagnostics)} comments)")
        linter.close()

        cli = [sys.executable, "-m", "gongwen_lint.cli", "check", "--select", ",".join(SELECT)]
        for label, extra in (("cli check", []), ("cli --fix", ["--fix"]), ("cli --annotate", ["--annotate", str(out)])):
            def run_cli(extra=extra):
                shutil.copyfile(src, work)
                subprocess.run([*cli, str(work), *extra], capture_output=True)
            print(f"{label:15s} {median_ms(run_cli):7.1f} ms  (process start included)")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
