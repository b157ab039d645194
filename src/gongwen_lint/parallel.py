"""Checking many files: in-process for a few, worker processes for a batch on several cores.

Each worker builds its own :class:`~gongwen_lint.api.Linter` once (dictionary automata, NLP
pipeline, index connection) and reuses it for every file it gets.
"""

from __future__ import annotations

import os
from typing import Callable

from .config import Config
from .engine import Report

# Below this many files a process pool costs more than it saves.
MIN_FILES_FOR_POOL = 8

_worker_linter = None


def _init_worker(config: Config) -> None:
    global _worker_linter
    from .api import Linter

    _worker_linter = Linter(config)


def _check_in_worker(path: str) -> Report:
    return _worker_linter.check_file(path)


def check_files(config: Config, files: list[str], jobs: int = 0, on_done: Callable[[], None] | None = None) -> list[Report]:
    from .api import Linter

    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(files) < MIN_FILES_FOR_POOL:
        linter = Linter(config)
        try:
            out = []
            for f in files:
                out.append(linter.check_file(f))
                if on_done:
                    on_done()
            return out
        finally:
            linter.close()

    from concurrent.futures import ProcessPoolExecutor

    out = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
        for report in pool.map(_check_in_worker, files, chunksize=max(1, len(files) // (workers * 4))):
            out.append(report)
            if on_done:
                on_done()
    return out
