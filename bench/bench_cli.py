"""Speed of gongwen-lint on this machine (docs/benchmarks.md), side by side with the peer tool.

Times, with process start included where a user would pay it:
* the CLI on one typical ~10-page draft: without the NLP rules (GW1–GW6) and with all default rules;
* the CLI on a folder of drafts (documents/s, parallel workers);
* the library in-process per draft (after warm-up);
* peak memory (max RSS) of the CLI runs;
* the peer ``gongwen-skill`` (``gongwen check FILE``, one process per file), when installed:
  ``--peer /path/to/gongwen``.

Drafts are correct GB/T 9704 documents built from the shared corpus by eval/make_documents.py.
Run: python bench/bench_cli.py [--count 40] [--repeat 5] [--peer PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))


def make_inputs(tmp: Path, count: int) -> tuple[Path, Path]:
    """A folder of ``count`` drafts and one typical ~10-page draft (≈6,500 characters of body)."""
    from make_documents import Draft, Line, drafts_from_corpus, write_docx

    drafts = drafts_from_corpus(count=count)
    folder = tmp / "drafts"
    folder.mkdir()
    for d in drafts:
        write_docx(d, folder / f"{d.name}.docx")
    # The typical draft: one document's head and closing around body paragraphs taken from
    # several documents until the body is about ten pages long.
    base = drafts[0]
    body = [ln for d in drafts for ln in d.lines if ln.role in ("body", "heading1", "heading2")]
    lines, size = [], 0
    for ln in body:
        if size > 6500:
            break
        lines.append(ln)
        size += len(ln.text)
    head = [ln for ln in base.lines if ln.role in ("organ_mark", "empty", "doc_number", "title", "addressee")][:7]
    tail = [ln for ln in base.lines if ln.role in ("signature", "date", "cc", "printer")]
    typical = Draft("typical", base.title, base.number, base.issuer, base.year, base.genre, base.format,
                    head + lines + [Line("empty", "")] + tail)
    path = tmp / "typical.docx"
    write_docx(typical, path)
    return folder, path


def timed(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time (s) and peak child RSS (MB) of ``cmd`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), rss


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--peer", default=shutil.which("gongwen"), help="the peer's `gongwen` command")
    args = ap.parse_args(argv)
    exe = shutil.which("gongwen-lint") or str(Path(sys.executable).parent / "gongwen-lint")

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        folder, typical = make_inputs(tmp, args.count)
        n = len(list(folder.glob("*.docx")))
        chars = sum(len(p.text) for p in __import__("gongwen_lint").read_docx(typical).body)
        rows.append(("typical draft", f"{chars} characters of text"))

        sec, rss = timed([exe, str(typical), "--select", "GW1,GW2,GW3,GW4,GW5,GW6"], args.repeat)
        rows.append(("CLI, one draft, GW1–GW6 (no NLP)", f"{sec * 1000:.0f} ms  (target ≤ 500 ms)  peak {rss:.0f} MB"))
        sec, rss = timed([exe, str(typical)], args.repeat)
        rows.append(("CLI, one draft, all default rules", f"{sec * 1000:.0f} ms  (target ≤ 1500 ms)  peak {rss:.0f} MB"))
        example = ROOT / "examples" / "通知草稿.docx"
        sec, rss = timed([exe, str(example), "--select", "ALL"], args.repeat)
        rows.append(("CLI, example draft whose sentences need the NLP pipeline, ALL rules",
                     f"{sec * 1000:.0f} ms  (target ≤ 1500 ms, spaCy + jieba loading included)  peak {rss:.0f} MB"))
        sec, _ = timed([exe, str(typical), "--select", "GW1,GW2"], args.repeat)
        ours_scope = sec
        rows.append(("CLI, one draft, GW1,GW2 (the peer's scope)", f"{sec * 1000:.0f} ms"))
        sec, rss = timed([exe, str(folder), "--format", "json"], max(1, args.repeat // 2))
        ours_folder = sec / n
        rows.append((f"CLI, folder of {n} drafts, all default rules", f"{n / sec:.1f} drafts/s  (target ≥ 20)  peak {rss:.0f} MB"))

        from gongwen_lint import Linter

        linter = Linter()
        files = sorted(folder.glob("*.docx"))
        linter.check_file(files[0])  # warm-up: dictionaries, NLP
        t0 = time.perf_counter()
        for f in files:
            linter.check_file(f)
        per = (time.perf_counter() - t0) / len(files)
        t0 = time.perf_counter()
        linter.check_file(typical)
        rows.append(("library in-process, per draft (warm)", f"{per * 1000:.1f} ms; typical draft {(time.perf_counter() - t0) * 1000:.1f} ms"))
        linter.close()

        if args.peer:
            sec, rss = timed([args.peer, "check", str(typical)], args.repeat)
            rows.append(("peer gongwen-skill, one draft", f"{sec * 1000:.0f} ms  (ours, same scope: {ours_scope / sec:.2f}× its time)"))
            t0 = time.perf_counter()
            for f in files:
                subprocess.run([args.peer, "check", str(f)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            peer_per = (time.perf_counter() - t0) / len(files)
            rows.append(("peer gongwen-skill, per draft over the folder", f"{peer_per * 1000:.0f} ms  (ours all rules: {peer_per / ours_folder:.1f}× faster; target ≥ 5×)"))
        else:
            rows.append(("peer gongwen-skill", "not installed (pip install gongwen-skill in another venv; --peer PATH)"))

    width = max(len(k) for k, _ in rows)
    print(f"gongwen-lint benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
