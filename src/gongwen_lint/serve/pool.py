"""A bounded pool of worker processes, each running :func:`.worker.main`.

Why processes and not threads: checking is CPU-bound Python (the GIL would serialise threads),
and a process can be killed — a draft that takes longer than the time limit, or that brings its
worker down, costs that one worker, which is replaced, and never the server.

Bounds: ``size`` jobs run at once; at most ``queue`` more wait for a free worker, each for at
most ``wait_timeout`` seconds (a minute, or the job time limit if longer); beyond that a
request is refused at once (:class:`Busy`, HTTP 503) rather than piling up.  A job running longer than ``job_timeout`` is abandoned and its
worker killed and replaced (:class:`JobTimeout`, HTTP 504).

Each job is handed to a worker from a thread of a small thread pool (one thread per worker),
so the event loop never blocks on a pipe.  The thread also owns the job's clean-up: it runs
when the worker is done with the upload, even if the request was cancelled meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..config import Config
from .worker import Job, Outcome
from .worker import main as worker_main

log = logging.getLogger(__name__)

START_TIMEOUT_S = 300.0  # importing spaCy and building automata on a slow, busy machine
STOP_TIMEOUT_S = 5.0
MIN_WAIT_S = 60.0


class PoolError(Exception):
    """The workers could not be started (Chinese message)."""


class Busy(Exception):
    """Every worker is busy and the queue is full, or the wait for a worker timed out."""


class JobTimeout(Exception):
    """The job ran past the time limit; its worker was replaced."""


class WorkerLost(Exception):
    """The worker died during the job (killed, or crashed on the file); it was replaced."""


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, args: tuple[Any, ...]):
        ctx = multiprocessing.get_context("spawn")  # never fork a process that runs an event loop
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, *args), daemon=True, name="gongwen-lint-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise PoolError(f"检查进程在 {timeout:.0f} 秒内未能启动")
        try:
            status, info = self.conn.recv()
        except (EOFError, OSError):
            status, info = "failed", "进程意外退出"
        if status != "ready":
            self.kill()
            raise PoolError(f"检查进程启动失败：{info}")

    def call(self, job: Job, timeout: float) -> Outcome:
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                raise JobTimeout()
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as e:
            raise WorkerLost() from e

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(STOP_TIMEOUT_S)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(STOP_TIMEOUT_S)
        self.conn.close()


class WorkerPool:
    def __init__(self, config: Config, indexes: dict[str, str], size: int, queue: int,
                 job_timeout: float, wait_timeout: float | None = None):
        self._args = (config, indexes)
        self.size = size
        self.max_pending = size + queue
        self.job_timeout = job_timeout
        # A replacement worker takes seconds to start: a request may wait a minute for a free one.
        self.wait_timeout = wait_timeout if wait_timeout is not None else max(MIN_WAIT_S, job_timeout)
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[int] | None = None
        self._pending = 0  # admitted requests: waiting or running (event-loop thread only)
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="gongwen-lint-job")
        self._lock = threading.Lock()  # guards self._workers against concurrent replacement
        self.replaced = 0

    # -- life cycle (blocking: call from a thread or before the loop serves) --------------------

    def start(self) -> None:
        """Start every worker (in parallel) and wait until each has warmed up."""
        self._workers = [_Worker(self._args) for _ in range(self.size)]
        try:
            for w in self._workers:
                w.wait_ready(START_TIMEOUT_S)
        except PoolError:
            self.stop()
            raise

    def stop(self) -> None:
        for w in self._workers:
            w.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)

    @property
    def ready(self) -> int:
        return sum(w.alive for w in self._workers)

    @property
    def pending(self) -> int:
        return self._pending

    # -- running a job --------------------------------------------------------------------------

    async def run(self, job: Job, cleanup: Callable[[], None]) -> Outcome:
        """Run ``job`` on a free worker; ``cleanup`` is called exactly once, when no worker
        will touch the job's files any more (also when the job is refused or cancelled)."""
        loop = asyncio.get_running_loop()
        if self._idle is None:
            self._idle = asyncio.Queue()
            for i in range(len(self._workers)):
                self._idle.put_nowait(i)
        handed = False
        try:
            if self._pending >= self.max_pending:
                raise Busy()
            self._pending += 1
            try:
                slot = await asyncio.wait_for(self._idle.get(), self.wait_timeout)
            except asyncio.TimeoutError:
                self._pending -= 1
                raise Busy() from None
            except asyncio.CancelledError:
                self._pending -= 1
                raise
            future = loop.run_in_executor(self._threads, self._call, loop, slot, job, cleanup)
            handed = True
            return await future
        finally:
            if not handed:
                cleanup()

    def _call(self, loop: asyncio.AbstractEventLoop, slot: int, job: Job, cleanup: Callable[[], None]) -> Outcome:
        """In a job thread: hand the job over and wait for the answer.

        A worker that times out or dies is killed at once, so the client hears 504 without
        waiting; a background thread starts its replacement and only then frees the slot.
        """
        release = True
        try:
            with self._lock:
                w = self._workers[slot]
            if not w.alive:  # died while idle (killed from outside): this job waits for a new one
                w = self._replace(slot)
            try:
                return w.call(job, self.job_timeout)
            except (JobTimeout, WorkerLost):
                w.kill()
                release = False
                threading.Thread(target=self._replace_then_release, args=(loop, slot), daemon=True).start()
                raise
        finally:
            try:
                cleanup()
            finally:
                if release:
                    loop.call_soon_threadsafe(self._release, slot)

    def _replace_then_release(self, loop: asyncio.AbstractEventLoop, slot: int) -> None:
        try:
            self._replace(slot)
        except PoolError as e:  # the next job on this slot tries again
            log.error("replacing worker %d failed: %s", slot, e)
        finally:
            loop.call_soon_threadsafe(self._release, slot)

    def _release(self, slot: int) -> None:
        self._pending -= 1
        assert self._idle is not None
        self._idle.put_nowait(slot)

    def _replace(self, slot: int) -> _Worker:
        with self._lock:
            old = self._workers[slot]
        old.kill()
        new = _Worker(self._args)
        new.wait_ready(START_TIMEOUT_S)
        with self._lock:
            self._workers[slot] = new
            self.replaced += 1
        log.warning("worker %d replaced (%d so far)", slot, self.replaced)
        return new
