"""Speed of the command line (docs/benchmarks.md), side by side with the peer tool and the floor, in one run.

Per round (rounds alternate the tools, so each ratio pairs measurements of the same moment):

* one typical ~10-page draft: ours with the peer's scope (``--select GW1,GW2``: elements and
  layout), ours with all default rules, the peer ``gongwen check FILE``, and the floor — a fresh
  ``python`` that unzips, parses and extracts the text of the same file;
* a batch: the real documents (the 32 layouts + 6 third-party files of the shared corpus, copied
  round-robin to ``--batch`` files, 320 by default) in one call of ours, against the peer run once
  per file (it has no batch mode) over the 38 distinct files.

Prints wall-clock medians with min–max, and CPU (user + sys of the child) medians: the machine
is shared, and CPU time is what a busy neighbour disturbs least.
Run: ``python bench/bench_cli.py [--repeat 5] [--batch 320] [--peer PATH]``; the peer is
``pip install gongwen-skill==2.15.0`` in a venv of its own (its ``gongwen`` command).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _inputs import (
    check_bytecode,
    fmt,
    machine,
    ratio,
    real_documents,
    replicate,
    run_cmd,
    typical_draft,
)

FLOOR_CODE = "import sys; sys.path.insert(0, {bench!r}); from _inputs import floor; floor(__import__('pathlib').Path({path!r}))"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--batch", type=int, default=320)
    ap.add_argument("--batch-repeat", type=int, default=2)
    ap.add_argument("--peer", default=shutil.which("gongwen"), help="the peer's `gongwen` command")
    args = ap.parse_args(argv)
    exe = shutil.which("gongwen-lint") or str(Path(sys.executable).parent / "gongwen-lint")
    print(f"gongwen-lint CLI benchmark — {machine()}")
    warning = check_bytecode()
    if warning:
        print("WARNING:", warning)
    peer = args.peer if args.peer and Path(args.peer).exists() else None
    if not peer:
        print("peer gongwen-skill not found (pip install gongwen-skill==2.15.0 in another venv; --peer PATH)")

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        typical = tmp / "typical.docx"
        typical_draft(typical)
        files = real_documents()
        folder = tmp / "batch"
        replicate(files, args.batch, folder)
        floor_cmd = [sys.executable, "-c", FLOOR_CODE.format(bench=str(Path(__file__).resolve().parent), path=str(typical))]
        cmds = {
            "ours, GW1,GW2 (the peer's scope)": [exe, str(typical), "--select", "GW1,GW2"],
            "ours, all default rules": [exe, str(typical)],
            "floor (python: unzip + parse + text)": floor_cmd,
        }
        if peer:
            cmds["peer gongwen check"] = [peer, "check", str(typical)]
        for cmd in cmds.values():  # warm the page cache and any on-disk caches once
            run_cmd(cmd)
        wall: dict[str, list[float]] = {k: [] for k in cmds}
        cpu: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(args.repeat):
            for name, cmd in cmds.items():
                w, c = run_cmd(cmd)
                wall[name].append(w)
                cpu[name].append(c)

        print(f"\nOne typical draft ({typical.stat().st_size // 1024} KB), {args.repeat} rounds: wall median (min–max); CPU median")
        width = max(len(k) for k in cmds)
        for name in cmds:
            print(f"  {name:<{width}}  {fmt(wall[name])}; CPU {fmt(cpu[name])}")
        scope = "ours, GW1,GW2 (the peer's scope)"
        if peer:
            print(f"  ours (peer's scope) / peer: wall {ratio(wall[scope], wall['peer gongwen check'])}, "
                  f"CPU {ratio(cpu[scope], cpu['peer gongwen check'])}   (target ≤ 0.4×)")
        print(f"  ours (peer's scope) / floor: wall {ratio(wall[scope], wall['floor (python: unzip + parse + text)'])}")

        # -- the batch --------------------------------------------------------------------------
        batch_wall, batch_cpu, peer_per = [], [], []
        for _ in range(args.batch_repeat):
            w, c = run_cmd([exe, str(folder), "--format", "json"])
            batch_wall.append(w / args.batch)
            batch_cpu.append(c / args.batch)
            if peer:
                t0 = time.perf_counter()
                for f in files:
                    run_cmd([peer, "check", str(f)])
                peer_per.append((time.perf_counter() - t0) / len(files))
        print(f"\nBatch: {args.batch} real documents ({len(files)} distinct, copied round-robin) in one call, "
              f"{os.cpu_count()} cores, {args.batch_repeat} rounds")
        print(f"  ours per file: wall {fmt(batch_wall)}, CPU {fmt(batch_cpu)} "
              f"({1 / statistics.median(batch_wall):.0f} files/s)")
        if peer:
            print(f"  peer per file (one process each, the {len(files)} distinct files): wall {fmt(peer_per)}")
            print(f"  peer / ours per file: {ratio(peer_per, batch_wall)}   (target ≥ 25×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
