"""Running the real console entry point in a subprocess, for tests that need a fresh process
(signals, file descriptors, permissions, resource limits)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

# Root reads and writes anything, so permission cases drop the capabilities that let it
# (the process stays uid 0 and can still run the interpreter from a private folder).
_DROP = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable"]


def _prefix(unprivileged: bool) -> list[str]:
    if not unprivileged or os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    return _DROP


def gwlint(*args, cwd=None, timeout: float = 120, env: dict | None = None, preexec_fn=None,
           unprivileged: bool = False) -> subprocess.CompletedProcess:
    """``python -m gongwen_lint.cli ARGS`` with text output captured."""
    return subprocess.run(
        [*_prefix(unprivileged), sys.executable, "-m", "gongwen_lint.cli", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})}, preexec_fn=preexec_fn,
    )


def python(code: str, *args, cwd=None, timeout: float = 120, unprivileged: bool = False) -> subprocess.CompletedProcess:
    """``python -c CODE ARGS`` (for library calls that need a fresh or unprivileged process)."""
    return subprocess.run([*_prefix(unprivileged), sys.executable, "-c", code, *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]
