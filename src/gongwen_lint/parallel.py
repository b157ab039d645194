"""Checking many files: in this process, and in worker processes only where they pay.

Why not always a pool: a check takes tens of milliseconds, starting a worker that loads its own
dictionaries and NLP pipeline takes seconds, and on two cores two such workers were slower than
one process (200 drafts: 7.8–9.0 s serial, 9.9–10.7 s with workers).  So:

1. the first files are checked here, which builds the heavy resources (dictionary automata,
   and the NLP pipeline if the drafts need it) in this process: workers forked from it share
   them copy-on-write instead of each building its own;
2. meanwhile the speed is measured; a pool is started for the rest only when the measured time
   per byte says the rest would take at least :data:`POOL_MIN_SECONDS`, with at least two cores
   not busy with other work and :data:`MIN_FILES_PER_WORKER` files per worker (``-j N`` forces
   N workers after the first file; ``-j 1`` never forks);
3. a worker killed under us (the OOM killer) does not lose the batch: the files it had are
   checked again in a new pool, then one by one in a process of their own; a file that kills
   its process every time gets a read error (exit 2) and the others their reports.

Workers ignore SIGINT: on Ctrl-C the parent stops them and keeps every report already received
(:func:`iter_check` yields reports as they are done).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

from .config import Config
from .report import Report

#: A pool is started only when the files left would take at least this long in one process.
#: Workers forked from the warm parent start in milliseconds: bench/bench_parallel.py (2 cores,
#: idle, 2026-12-07) measured 8 drafts (≈0.3 s) no faster with 2 workers (1.02× serial), 40
#: drafts (≈0.7 s) 0.80×, 200 drafts 0.62×; 1.5 s, the figure of the slower checker before,
#: kept 40 drafts serial.
POOL_MIN_SECONDS = 0.5
#: ... and when every worker gets at least this many files.
MIN_FILES_PER_WORKER = 4
#: Measure at least this long (or this many files) before deciding.
MEASURE_SECONDS = 0.25
MEASURE_FILES = 4
#: Worker processes at most (each holds a copy of the pages it writes to).
MAX_WORKERS = 8


def cores() -> int:
    """Cores this process may run on (affinity and cgroup limits, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _size(path: str) -> int:
    try:
        return max(os.path.getsize(path), 1)
    except OSError:
        return 1


def iter_check(config: Config, files: list[str], jobs: int = 0,
               notify: Callable[[str], None] | None = None) -> Iterator[tuple[int, Report]]:
    """``(index in files, report)`` as the reports are done (not in input order).

    ``jobs``: 0 decides (see the module docstring), 1 never forks, N ≥ 2 uses N workers for what
    is left after the first file.  ``notify`` gets Chinese notices for the user (a worker died).
    """
    from .api import Linter

    linter = Linter(config)
    left = list(enumerate(files))
    try:
        checked, measured_time, measured_bytes = 0, 0.0, 0
        workers: int | None = None
        while left:
            i, path = left.pop(0)
            t0 = time.perf_counter()
            report = linter.check_file(path)
            spent = time.perf_counter() - t0
            yield i, report
            checked += 1
            if checked > 1:  # the first file pays for loading the dictionaries: not measured
                measured_time += spent
                measured_bytes += _size(path)
            if workers is None:
                workers = decide(jobs, [f for _, f in left], checked, measured_time, measured_bytes)
            if workers is not None and workers >= 2:
                break
        if not left:
            return
        assert workers is not None and workers >= 2
        from . import pool  # multiprocessing is imported only when a pool pays (start-up time)

        linter.before_fork()
        yield from pool.pooled(linter, config, left, workers, notify)
    finally:
        linter.close()


def decide(jobs: int, left: list[str], checked: int, measured_time: float, measured_bytes: int) -> int | None:
    """How many workers to start for the files ``left`` (1: none), or None to keep measuring."""
    if jobs == 1 or len(left) < 2:
        return 1
    if jobs >= 2:
        return min(jobs, len(left))
    n = min(spare_cores(), MAX_WORKERS, len(left) // MIN_FILES_PER_WORKER)
    if n < 2:
        return 1
    if checked - 1 < MEASURE_FILES and measured_time < MEASURE_SECONDS:
        return None
    estimate = measured_time / max(measured_bytes, 1) * sum(_size(f) for f in left)
    return n if estimate >= POOL_MIN_SECONDS else 1


def spare_cores() -> int:
    """Cores not busy with other work: ours minus the 1-minute load average (this process
    counted as ours), at least 1.  On a machine already running other jobs, workers would only
    take turns on the same cores."""
    n = cores()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return n
    return max(1, min(n, int(n - load + 1 + 0.5)))


def check_files(config: Config, files: list[str], jobs: int = 0, on_done: Callable[[], None] | None = None,
                notify: Callable[[str], None] | None = None) -> list[Report]:
    """Reports for ``files`` in input order (see :func:`iter_check`)."""
    got: dict[int, Report] = {}
    for i, report in iter_check(config, files, jobs, notify):
        got[i] = report
        if on_done:
            on_done()
    return [got[i] for i in range(len(files))]
