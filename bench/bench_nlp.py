"""Timing of the GW7 machinery: loading, and the cost per 10-page draft once loaded.

Prints (seconds / milliseconds, median of several runs):
- load: dictionaries + Aho-Corasick automaton; jieba (import + prefix dictionary); spaCy blank
  Chinese pipeline with the jieba POS component;
- per draft (~7,000 characters ≈ 10 pages of GB/T 9704 22×28 grid, from a government work
  report): the pipeline over every paragraph (worst case), and the GW7 rules as they run
  (dictionary-only rules; GW702+GW703 which call the pipeline only for sentences in doubt);
- the CLI end to end in a fresh process: default rule set, and all rules (``--select ALL``).

Usage: python bench/bench_nlp.py [--runs 5] [--corpus ../shared/corpus/archive]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_draft(corpus: Path, chars: int = 7000) -> str:
    src = (corpus / "gwr" / "gwr_03_2024.txt").read_text(encoding="utf-8")
    lines, n = [], 0
    for line in src.splitlines():
        if line.strip():
            lines.append(line.strip())
            n += len(line)
        if n >= chars:
            break
    return "关于印发2024年重点工作安排的通知\n各区人民政府，市政府各委、办、局：\n" + "\n".join(lines[1:]) + "\n"


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "archive"))
    args = ap.parse_args()
    draft = make_draft(Path(args.corpus))
    print(f"draft: {len(draft)} characters, {draft.count(chr(10))} paragraphs")

    t = time.perf_counter()
    from gongwen_lint import lexicon, nlp

    lex = lexicon.load()
    t_lex = time.perf_counter() - t
    t = time.perf_counter()
    nlp._prepare_jieba()
    t_jieba = time.perf_counter() - t
    t = time.perf_counter()
    pipe = nlp.Pipeline(lex.words("measures", "vague_verbs"), lex.generic_nouns | lex.function_words)
    t_spacy = time.perf_counter() - t
    print(f"load: dictionaries {t_lex * 1000:.0f} ms, jieba {t_jieba * 1000:.0f} ms, spaCy pipeline {t_spacy * 1000:.0f} ms")

    paragraphs = [p for p in draft.splitlines() if p.strip()]
    whole = timed(lambda: [pipe.nlp(p) for p in paragraphs], args.runs)  # uncached
    print(f"pipeline over every paragraph (worst case): {whole * 1000:.1f} ms per draft")

    from gongwen_lint.api import Linter
    from gongwen_lint.config import Config

    for label, codes in (("GW701+GW704+GW706+GW707 (dictionary only)", ("GW701", "GW704", "GW706", "GW707")),
                         ("GW702+GW703 (NLP on sentences in doubt)", ("GW702", "GW703")),
                         ("all GW7", ("GW7",))):
        linter = Linter(Config(select=codes))
        linter.check_text(draft)  # build the dictionaries / pipeline once
        per = timed(lambda: linter.check_text(draft + " "), args.runs)  # new text: no cached matches
        print(f"{label}: {per * 1000:.1f} ms per draft once loaded")
        linter.close()

    exe = shutil.which("gongwen-lint") or str(Path(sys.executable).with_name("gongwen-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_text(draft, encoding="utf-8")
        for label, extra in (("default rules", []), ("--select ALL", ["--select", "ALL"]),
                             ("--select GW7", ["--select", "GW7"])):
            cmd = [exe, "check", *extra, str(path)]
            wall = timed(lambda: subprocess.run(cmd, capture_output=True, cwd=tmp), max(3, args.runs // 2))
            print(f"CLI {label}: {wall:.2f} s end to end (process start included)")


if __name__ == "__main__":
    main()
