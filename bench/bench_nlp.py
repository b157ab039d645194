"""Timing of the GW7 substance machinery: a typical draft with the default rules against the floor
without the substance rules, the worst case, and (``--base-rev``) the same commands on an older
revision — paired: every round runs each command once, in turn, so they share the machine's load.

Drafts (text, from the shared archive):
- *typical*: ~7,000 characters (≈ 10 pages) of a government work report under a 通知 head;
- *worst*: the typical draft plus an item the packaged data cannot settle by its words alone (a
  term the word table does not know in an otherwise empty item).

Commands (each a fresh ``gongwen-lint check`` process, start-up included):
- ``floor``: default rules without the substance rules (``--ignore GW702,GW703,GW708,GW709``);
- ``default``: the default rules (GW702/GW703/GW708/GW709 decide from packaged data);
- ``worst``: the default rules on the worst-case draft (the unknown term read from packaged data);
- ``worst-nlp``: the same with ``[style] nlp = true`` (jieba's tagger loaded for it);
- with ``--base-rev REV``: ``base-floor`` (REV's default rules without GW702/GW703 — "today's
  no-NLP time" when REV is the commit before issue 15) and ``base-default`` (REV's default rules).

Then, in process: load costs (packaged table, dictionaries, jieba's tagger, spaCy) and the cost of
the inventory per draft once loaded, with the share of items decided without the tagger.

Prints medians with [min–max] over ``--runs`` rounds, and the ratios default/floor and
default/base-floor.  Targets (issue 15): default within 1.3× of the no-NLP time; worst ≤ 1.0 s.

Usage: python bench/bench_nlp.py [--runs 7] [--base-rev 0e37dac] [--corpus ../shared/corpus/archive]
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
WORST_ITEM = "要加强师德师风建设，全面提升工作水平。"


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


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s [{min(values):.2f}–{max(values):.2f}]"


def base_checkout(rev: str, into: Path) -> Path:
    """``rev`` of this repository, unpacked (``git archive``) with its dictionaries where an
    installed package would have them."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    link = into / "src" / "gongwen_lint" / "dictionaries"
    if not link.exists():
        link.symlink_to(into / "dictionaries", target_is_directory=True)
    return into


def in_process(draft: str, worst: str) -> None:
    t = time.perf_counter()
    from gongwen_lint.substance import table

    table.load()
    t_table = time.perf_counter() - t
    from gongwen_lint import lexicon, nlp, structure
    from gongwen_lint.substance import analyse
    from gongwen_lint.textreader import document_from_text

    t = time.perf_counter()
    lex = lexicon.load()
    t_lex = time.perf_counter() - t
    doc = structure.analyse(document_from_text(draft, "typical"))
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        inv = analyse(doc, lex, lambda text, r: ())
        runs.append(time.perf_counter() - t)
    asked = sum(1 for i in inv.items if i.asked)
    print(f"in process: table {t_table * 1000:.0f} ms, dictionaries {t_lex * 1000:.0f} ms; inventory of the typical draft "
          f"{statistics.median(runs) * 1000:.0f} ms [{min(runs) * 1000:.0f}–{max(runs) * 1000:.0f}] for {len(inv.items)} items, "
          f"{len(inv.items) - asked} decided from packaged data, {asked} would ask the tagger")
    t = time.perf_counter()
    tagger = nlp.Tagger(lex.stripped)
    tagger.words("加强组织领导")
    t_tagger = time.perf_counter() - t
    t = time.perf_counter()
    nlp.Pipeline()
    t_spacy = time.perf_counter() - t
    wdoc = structure.analyse(document_from_text(worst, "worst"))
    asked = sum(1 for i in analyse(wdoc, lex, tagger.content_words).items if i.asked)
    print(f"load on demand: jieba tagger {t_tagger * 1000:.0f} ms (only with [style] nlp = true), spaCy pipeline on top "
          f"{t_spacy * 1000:.0f} ms (no rule loads it); worst-case draft: {asked} item(s) ask the tagger with [style] nlp")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--base-rev", help="also time this git revision (e.g. the commit before issue 15)")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "archive"))
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "gwr").is_dir():
        sys.exit(f"bench_nlp: needs the shared archive at {corpus}")
    draft = make_draft(corpus)
    worst = draft + WORST_ITEM + "\n"
    print(f"typical draft: {len(draft)} characters, {draft.count(chr(10))} paragraphs; worst: + “{WORST_ITEM}”")
    exe = shutil.which("gongwen-lint") or str(Path(sys.executable).with_name("gongwen-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        typical_path, worst_path = tmpdir / "typical.txt", tmpdir / "worst.txt"
        typical_path.write_text(draft, encoding="utf-8")
        worst_path.write_text(worst, encoding="utf-8")
        commands: dict[str, tuple[list[str], dict | None]] = {
            "floor": ([exe, "check", "--ignore", "GW702,GW703,GW708,GW709", str(typical_path)], None),
            "default": ([exe, "check", str(typical_path)], None),
            "worst": ([exe, "check", str(worst_path)], None),
            "worst-nlp": ([exe, "check", "--config", str(tmpdir / "nlp.toml"), str(worst_path)], None),
        }
        (tmpdir / "nlp.toml").write_text("[style]\nnlp = true\n", encoding="utf-8")
        if args.base_rev:
            base = base_checkout(args.base_rev, Path(tempfile.mkdtemp(dir=tmp)))
            # Compiled once, as an install would be: under PYTHONDONTWRITEBYTECODE=1 the base
            # would otherwise compile its sources in every run and look slower than it is.
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(base / "src")], check=True)
            env = dict(os.environ, PYTHONPATH=str(base / "src"))
            cli = [sys.executable, "-m", "gongwen_lint.cli", "check"]
            commands["base-floor"] = (cli + ["--ignore", "GW702,GW703", str(typical_path)], env)
            commands["base-default"] = (cli + [str(typical_path)], env)
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for name, (cmd, env) in commands.items():
                t = time.perf_counter()
                subprocess.run(cmd, capture_output=True, cwd=tmp, env=env)
                times[name].append(time.perf_counter() - t)
    for name, values in times.items():
        print(f"{name:>13}: {fmt(values)}")
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"default / floor: {med['default'] / med['floor']:.2f}×")
    if "base-floor" in med:
        print(f"default / base-floor (today's no-NLP time): {med['default'] / med['base-floor']:.2f}×; "
              f"base-default / base-floor: {med['base-default'] / med['base-floor']:.2f}×")
    in_process(draft, worst)


if __name__ == "__main__":
    main()
