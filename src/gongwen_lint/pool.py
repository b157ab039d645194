"""The worker pool of :mod:`.parallel`, imported only when a batch is worth one (multiprocessing and
concurrent.futures cost a single-draft check about 30 ms of start-up for nothing).

Workers are forked from the process that already checked the first files, so they inherit its
linter (dictionaries, automata, NLP) copy-on-write; SIGINT is theirs to ignore, the parent's to
handle.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from .config import Config
from .report import Report

if TYPE_CHECKING:
    from .api import Linter

WORKER_DIED = "检查此文件时检查进程意外退出（可能是内存不足被系统终止），重试后仍然如此：请单独检查此文件，或在 Word/WPS 中另存后再试"

_worker_linter: Linter | None = None


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
            # The call queue's feeder thread may be blocked writing a task to a worker about to be
            # killed; the pool's manager then joins that thread when it finds the workers gone, and
            # the interpreter's exit hook joins the manager — a hang after the summary was printed
            # (1 run of the [workers] Ctrl-C test in CI, 2026-12-07; CPython fixed the stuck write
            # only on Windows, gh-107219).  Cancelled, the join returns at once (the feeder is a daemon).
            calls = getattr(self.executor, "_call_queue", None)
            if calls is not None:
                calls.cancel_join_thread()
            for p in list(getattr(self.executor, "_processes", {}).values()):
                p.terminate()
            self.executor.shutdown(wait=False, cancel_futures=True)
            # Let the pool's manager thread see the workers gone and close its wake-up pipe: left
            # running, concurrent.futures' exit hook races it on that pipe and prints a traceback
            # at interpreter shutdown, after the user's Ctrl-C was handled (seen under load).
            manager = getattr(self.executor, "_executor_manager_thread", None)
            if manager is not None:
                manager.join(timeout=5)
        else:
            self.executor.shutdown(wait=True, cancel_futures=True)


def pooled(linter: Linter, config: Config, files: list[tuple[int, str]], workers: int,
            notify: Callable[[str], None] | None) -> Iterator[tuple[int, Report]]:
    """Run ``files`` in a pool of workers forked from ``linter``'s process (they inherit it, with
    its dictionaries and NLP); after a worker died, again in a new pool, then one by one."""
    global _worker_linter
    _worker_linter = linter
    try:
        yield from _pooled(config, files, workers, notify)
    finally:
        _worker_linter = None


def _pooled(config: Config, files: list[tuple[int, str]], workers: int,
            notify: Callable[[str], None] | None) -> Iterator[tuple[int, Report]]:
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
