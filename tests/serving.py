"""Running ``gongwen-lint serve`` for real: a subprocess on a free loopback port.

Used by the service's tests and by bench/bench_serve.py.  The server chooses its own port
(``--port 0``) and says which on stderr once its workers are ready; we read that line.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

READY_RE = re.compile(r"检查服务已就绪：网页 (http://\S+?/)，")
START_TIMEOUT_S = 240.0


def gongwen_lint_command() -> list[str]:
    """The installed ``gongwen-lint`` script beside this Python (what a user runs), or ``-m``."""
    script = Path(sys.executable).with_name("gongwen-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gongwen_lint.cli"]


class Server:
    """``gongwen-lint serve --port 0 ARGS…`` in ``cwd`` with ``env`` added to the environment."""

    def __init__(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
        self.log: list[str] = []
        full_env = {**os.environ, **(env or {})}
        self.process = subprocess.Popen(
            [*gongwen_lint_command(), "serve", "--port", "0", *args],
            cwd=cwd, env=full_env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", start_new_session=True,
        )
        self._ready = threading.Event()
        self.url: str | None = None
        threading.Thread(target=self._read_log, daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._ready.wait(0.2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("gongwen-lint serve did not start:\n" + "".join(self.log))

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            m = READY_RE.search(line)
            if m and self.url is None:
                self.url = m.group(1)
                self._ready.set()

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # uvicorn shuts down, then the pool stops its workers
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
