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

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from .config import Config
from .report import Report

if TYPE_CHECKING:
    from .api import Linter

#: A pool is started only when the files left would take at least this long in one process.
POOL_MIN_SECONDS = 1.5
#: ... and when every worker gets at least this many files.
MIN_FILES_PER_WORKER = 4
#: Measure at least this long (or this many files) before deciding.
MEASURE_SECONDS = 0.25
MEASURE_FILES = 4
#: Worker processes at most (each holds a copy of the pages it writes to).
MAX_WORKERS = 8

WORKER_DIED = "检查此文件时检查进程意外退出（可能是内存不足被系统终止），重试后仍然如此：请单独检查此文件，或在 Word/WPS 中另存后再试"

_worker_linter: Linter | None = None


def cores() -> int:
    """Cores this process may run on (affinity and cgroup limits, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _init_worker(config: Config) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's clean-up handler: just stop
    global _worker_linter
    if _worker_linter is None:  # spawned, not forked: build our own
        from .api import Linter

        _worker_linter = Linter(config)


def _check_in_worker(path: str) -> Report:
    assert _worker_linter is not None
    return _worker_linter.check_file(path)


def _size(path: str) -> int:
    try:
        return max(os.path.getsize(path), 1)
    except OSError:
        return 1


def _context():
    """fork where the platform has it (workers inherit the warmed-up linter), else the default."""
    if sys.platform != "win32" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class _Pool:
    """A process pool whose workers start with SIGINT ignored and can be stopped at once."""

    def __init__(self, config: Config, workers: int):
        # SIGINT ignored while forking, so that the workers inherit it (signals can only be set
        # from the main thread: a library caller's thread leaves it to the initializer).
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        # Objects that exist now move to a generation the collector never scans: a worker's
        # collections would otherwise write to (and so copy) every page of the shared NLP data.
        gc.freeze()
        try:
            self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                                initializer=_init_worker, initargs=(config,))
            self.executor.submit(os.getpid)  # fork the workers now, with SIGINT ignored
        finally:
            gc.unfreeze()
            if main:
                signal.signal(signal.SIGINT, previous)

    def run(self, files: list[tuple[int, str]]) -> Iterator[tuple[tuple[int, str], Report | None]]:
        """``(file, report)`` as they finish; ``report`` is None for the files of a broken pool."""
        futures: dict[Future, tuple[int, str]] = {}
        unsent: list[tuple[int, str]] = []
        for f in files:
            try:
                futures[self.executor.submit(_check_in_worker, f[1])] = f
            except BrokenProcessPool:  # a worker died before the file could be sent
                unsent.append(f)
        for f in unsent:
            yield f, None
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    yield futures[fut], fut.result()
                except BrokenProcessPool:
                    yield futures[fut], None

    def close(self, now: bool = False) -> None:
        if now:  # Ctrl-C: stop the workers instead of letting them finish the queue
            for p in list(getattr(self.executor, "_processes", {}).values()):
                p.terminate()
            self.executor.shutdown(wait=False, cancel_futures=True)
        else:
            self.executor.shutdown(wait=True, cancel_futures=True)


def iter_check(config: Config, files: list[str], jobs: int = 0,
               notify: Callable[[str], None] | None = None) -> Iterator[tuple[int, Report]]:
    """``(index in files, report)`` as the reports are done (not in input order).

    ``jobs``: 0 decides (see the module docstring), 1 never forks, N ≥ 2 uses N workers for what
    is left after the first file.  ``notify`` gets Chinese notices for the user (a worker died).
    """
    from .api import Linter

    global _worker_linter
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
        linter.before_fork()
        _worker_linter = linter  # forked workers inherit it, with its dictionaries and NLP
        yield from _pooled(config, left, workers, notify)
    finally:
        _worker_linter = None
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


def _pooled(config: Config, files: list[tuple[int, str]], workers: int,
            notify: Callable[[str], None] | None) -> Iterator[tuple[int, Report]]:
    """Run ``files`` in a pool; after a worker died, again in a new pool, then one by one."""
    for _attempt in range(2):
        lost: list[tuple[int, str]] = []
        for item, report in _run_pool(config, files, workers):
            if report is None:
                lost.append(item)
            else:
                yield item[0], report
        if not lost:
            return
        if notify:
            notify(f"一个检查进程意外退出（可能是内存不足被系统终止）：正在重新检查它未完成的 {len(lost)} 个文件")
        files, workers = lost, min(workers, len(lost))
    for item in files:  # alone: a file that kills its process every time is reported, not retried
        ((_, report),) = list(_run_pool(config, [item], 1))
        yield item[0], report if report is not None else Report(path=item[1], error=WORKER_DIED)


def _run_pool(config: Config, files: list[tuple[int, str]], workers: int):
    pool = _Pool(config, workers)
    try:
        yield from pool.run(files)
    except BaseException:  # Ctrl-C (or the consumer stopped): stop the workers now
        pool.close(now=True)
        raise
    pool.close()


def check_files(config: Config, files: list[str], jobs: int = 0, on_done: Callable[[], None] | None = None,
                notify: Callable[[str], None] | None = None) -> list[Report]:
    """Reports for ``files`` in input order (see :func:`iter_check`)."""
    got: dict[int, Report] = {}
    for i, report in iter_check(config, files, jobs, notify):
        got[i] = report
        if on_done:
            on_done()
    return [got[i] for i in range(len(files))]
