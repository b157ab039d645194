"""Load on ``gongwen-lint serve``: concurrent uploads to /api/v1/check on this machine (loopback only).

Starts the server itself (``gongwen-lint serve --port 0``, bound to 127.0.0.1), then, on each
draft:

* the floor: the library in-process (``Linter.check_file``, warm), and an HTTP round trip that
  does no checking (``GET /healthz``);
* the peer: the CLI, one process per draft (``gongwen-lint check FILE --format json``), which is
  what an OA system pays without the service;
* the service, one request at a time: latency median (min–max);
* the service under load: ``--rounds`` bursts of ``--concurrency`` simultaneous uploads; per
  burst p50 and p95 latency, throughput and errors; medians over the bursts with min–max; and
  the CPU time the server's processes spent per draft (from /proc), which other programs on a
  shared machine inflate far less than they inflate latency.

Bounded in count (rounds × concurrency requests per draft) and in time (``--max-seconds``: the
run stops sending when it is over and says so).  Every request goes to 127.0.0.1.

Run: python bench/bench_serve.py [--concurrency 20] [--rounds 5] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import httpx

from serving import Server, gongwen_lint_command


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile (of 20 values: the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def spread(values: list[float], unit: float = 1000.0, fmt: str = "{:.0f}") -> str:
    """``median (min–max)`` of ``values`` scaled by ``unit``."""
    med, lo, hi = (fmt.format(x * unit) for x in (statistics.median(values), min(values), max(values)))
    return f"{med} ({lo}–{hi})"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of ``pid`` and all its descendants, from /proc (Linux)."""
    stats: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        stats[int(entry.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    if pid not in stats:
        return None
    tree, grew = {pid}, True
    while grew:
        more = {p for p, (parent, _) in stats.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    return sum(stats[p][1] for p in tree)


def floor_in_process(path: Path, repeat: int) -> list[float]:
    from gongwen_lint import Linter

    linter = Linter()
    try:
        linter.check_file(path)  # warm-up: dictionaries, NLP
        out = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            linter.check_file(path)
            out.append(time.perf_counter() - t0)
        return out
    finally:
        linter.close()


def peer_cli(path: Path, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([*gongwen_lint_command(), "check", str(path), "--format", "json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        out.append(time.perf_counter() - t0)
    return out


async def one(client: httpx.AsyncClient, data: bytes, name: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    try:
        r = await client.post("api/v1/check", files={"file": (name, data)})
        status = r.status_code
    except httpx.HTTPError:
        status = 0
    return time.perf_counter() - t0, status


async def load(url: str, path: Path, concurrency: int, rounds: int, sequential: int, deadline: float,
               server_pid: int) -> dict:
    data = path.read_bytes()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        health = []
        for _ in range(sequential):
            t0 = time.perf_counter()
            await client.get("healthz")
            health.append(time.perf_counter() - t0)
        await one(client, data, path.name)  # the workers' first look at this file
        single = [(await one(client, data, path.name))[0] for _ in range(sequential)]
        bursts = []
        cpu_before = tree_cpu_seconds(server_pid)
        for _ in range(rounds):
            if time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            answers = await asyncio.gather(*(one(client, data, path.name) for _ in range(concurrency)))
            wall = time.perf_counter() - t0
            latencies = [t for t, _ in answers]
            bursts.append({
                "p50": statistics.median(latencies), "p95": p95(latencies), "throughput": concurrency / wall,
                "errors": sum(s != 200 for _, s in answers), "statuses": sorted({s for _, s in answers}),
            })
        cpu_after = tree_cpu_seconds(server_pid)
    sent = len(bursts) * concurrency
    cpu = (cpu_after - cpu_before) / sent if sent and cpu_before is not None and cpu_after is not None else None
    return {"health": health, "single": single, "bursts": bursts, "cpu_per_draft": cpu}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--concurrency", type=int, default=20, help="simultaneous uploads per burst (default 20)")
    ap.add_argument("--rounds", type=int, default=5, help="bursts per draft (default 5)")
    ap.add_argument("--sequential", type=int, default=10, help="one-at-a-time requests for the single latency")
    ap.add_argument("--workers", type=int, default=None, help="serve --workers (default: the server's own)")
    ap.add_argument("--max-seconds", type=float, default=600, help="stop sending after this long (default 600)")
    args = ap.parse_args(argv)
    if not (1 <= args.concurrency <= 200 and 1 <= args.rounds <= 50):
        ap.error("--concurrency 1..200 and --rounds 1..50 keep the load bounded")
    deadline = time.monotonic() + args.max_seconds
    load_start = os.getloadavg()

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        from drafts import yichun_docx

        drafts = [ROOT / "examples" / "通知草稿.docx", yichun_docx(tmp / "宜春通知.docx")]
        server_args = ["--workers", str(args.workers)] if args.workers else []
        with Server(*server_args, "--queue", str(max(64, args.concurrency)), cwd=tmp) as server:
            assert server.url.startswith("http://127.0.0.1:"), server.url  # loopback only
            workers = httpx.get(server.url + "healthz").json()["workers"]
            print(f"gongwen-lint serve load test — {date.today()}, {os.cpu_count()} cores ({cpu_model()}), "
                  f"Python {sys.version.split()[0]}, {workers} workers, {args.concurrency} concurrent × {args.rounds} bursts")
            print(f"command: python bench/bench_serve.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
            for path in drafts:
                floor = floor_in_process(path, args.sequential)
                peer = peer_cli(path, 3)
                result = asyncio.run(load(server.url, path, args.concurrency, args.rounds, args.sequential, deadline,
                                          server.process.pid))
                bursts = result["bursts"]
                print(f"\n{path.name}  ({path.stat().st_size // 1024} KB)")
                print(f"  floor: library in-process, warm     {spread(floor)} ms")
                print(f"  floor: HTTP round trip (/healthz)    {spread(result['health'], fmt='{:.1f}')} ms")
                print(f"  peer:  CLI process per draft         {spread(peer)} ms")
                print(f"  serve: one request at a time         {spread(result['single'])} ms")
                if not bursts:
                    print("  serve: under load — not run: --max-seconds reached")
                    continue
                errors = sum(b["errors"] for b in bursts)
                statuses = sorted({s for b in bursts for s in b["statuses"]})
                print(f"  serve: {args.concurrency} concurrent, p50            {spread([b['p50'] for b in bursts])} ms")
                print(f"  serve: {args.concurrency} concurrent, p95            {spread([b['p95'] for b in bursts])} ms")
                print(f"  serve: {args.concurrency} concurrent, throughput     "
                      f"{spread([b['throughput'] for b in bursts], unit=1, fmt='{:.1f}')} drafts/s")
                print(f"  serve: errors                        {errors} of {len(bursts) * args.concurrency} (HTTP {statuses})"
                      + (f"; stopped after {len(bursts)} bursts (--max-seconds)" if len(bursts) < args.rounds else ""))
                if result["cpu_per_draft"] is not None:
                    print(f"  serve: CPU per draft under load      {result['cpu_per_draft'] * 1000:.0f} ms "
                          "(server and workers, user + system: little affected by other load on the machine)")
            print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
                  f"(at the start: {' '.join(f'{x:.1f}' for x in load_start)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
