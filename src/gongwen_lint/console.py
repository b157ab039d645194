"""What the command lines print: stdout and report files that fail with a Chinese message and
exit code 2 (a full disk, ``/dev/full``, a missing or read-only folder), never a traceback.

Shared by ``check``, ``inspect``, ``rules``, ``index`` and ``audit``; the writing itself is
:mod:`gongwen_lint.fileio`.
"""

from __future__ import annotations

import errno
import sys

import click


def fail(message: str) -> None:
    click.echo(f"gongwen-lint：{message}", err=True)
    sys.exit(2)


def emit(text: str) -> None:
    """Write ``text`` (one newline added if missing) to stdout."""
    from .fileio import OutputError, write_stdout

    try:
        write_stdout(text if text.endswith("\n") else text + "\n")
    except OutputError as e:
        if str(e):  # empty: the reader of a pipe went away, nothing to say
            click.echo(f"gongwen-lint：{e}", err=True)
        sys.exit(2)


#: errno values that mean "the output cannot be written", not a bug elsewhere.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EPIPE, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def output_failed(e: OSError) -> None:
    """For an OSError that escaped while printing (click's --help, --version): a Chinese line and
    exit code 2 when it is an output failure; anything else is re-raised."""
    if e.errno not in _OUTPUT_ERRNOS:
        raise e
    from .fileio import os_reason, silence_stdout

    silence_stdout()
    if e.errno != errno.EPIPE:
        click.echo(f"gongwen-lint：无法写出结果（标准输出：{os_reason(e)}）", err=True)
    sys.exit(2)


def write_report(path: str, text: str) -> None:
    """Write a report file (``-o``)."""
    from .fileio import OutputError
    from .fileio import write_report as write

    try:
        write(path, text)
    except OutputError as e:
        fail(str(e))


def check_report_path(path: str) -> None:
    """Refuse before a long run an output path that cannot work (a folder, a missing folder)."""
    from .fileio import OutputError, check_output_path

    try:
        check_output_path(path)
    except OutputError as e:
        fail(str(e))
