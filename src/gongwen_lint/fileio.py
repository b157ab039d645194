"""Opening inputs and writing outputs without surprises (docs/usage.md: a Chinese message, never a
traceback, never a change to the user's file).

Inputs.  Only regular files are read: a FIFO named ``草稿.docx`` would block the whole batch,
a ``.txt`` symlink to ``/dev/zero`` would never end.  The file is opened once, non-blocking, and
checked with ``fstat`` on the open descriptor, so a path cannot be swapped between the check and
the read.  :func:`read_capped` applies a size cap before reading a byte.

Outputs.  Reports go to a file or stdout through :func:`write_report` / :func:`write_stdout`,
which turn ``OSError`` (a full disk, ``/dev/full``, a missing or read-only folder, a directory)
into :class:`OutputError` with a Chinese message.  Copies of drafts are written to a temporary
file beside the target and renamed over it (:func:`atomic_write`); the temporary files are
registered so that they are removed on SIGTERM/SIGHUP and at exit as well as on exceptions
(Ctrl-C), and their prefix (:data:`TEMP_PREFIX`) lets file collection skip the one a SIGKILL left.
"""

from __future__ import annotations

import atexit
import errno
import os
import signal
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import ReadError

#: Temporary files of fixes and annotated copies: ``.~gwlint-XXXX.docx`` beside the target.
TEMP_PREFIX = ".~gwlint-"
#: The zip archive comment of every .docx copy gongwen-lint writes (``--annotate``, ``--fix-to``):
#: such a file may be overwritten by the next run; any other file only with ``--force``.
COPY_MARK = b"gongwen-lint copy"

_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许（文件可能被设为不可修改）",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "所在磁盘是只读的",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接循环",
    errno.EBUSY: "文件正被占用",
    errno.EIO: "读写出错（磁盘或网络存储故障）",
    errno.EFBIG: "文件过大",
    errno.EMFILE: "打开的文件过多",
    errno.ENXIO: "设备不存在",
    errno.EXDEV: "不能跨磁盘改名",
    errno.EPIPE: "输出管道已关闭",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "超出磁盘配额"


class OutputError(Exception):
    """An output that could not be written; ``str(e)`` is the Chinese message (exit code 2)."""


def os_reason(e: OSError) -> str:
    """The Chinese reason for an ``OSError``, with the errno name for whoever debugs it."""
    code = e.errno
    name = errno.errorcode.get(code, str(code)) if code is not None else type(e).__name__
    reason = _REASONS.get(code, "系统错误") if code is not None else "系统错误"
    return f"{reason}（{name}）"


# -- inputs ---------------------------------------------------------------------------------------


def open_regular(path: str | Path) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file (symlinks followed).  Raises ReadError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadError("文件不存在：请检查路径是否正确") from None
    except IsADirectoryError:
        raise ReadError("这是一个文件夹，不是文件：请给出 .docx、.txt 或 .md 文件") from None
    except PermissionError:
        raise ReadError("没有读取该文件的权限：请检查文件（及其所在文件夹）的权限，或先关闭占用它的程序") from None
    except OSError as e:
        raise ReadError(f"无法打开文件（{os_reason(e)}）：请检查路径和文件") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError("这是一个文件夹，不是文件：请给出 .docx、.txt 或 .md 文件")
        if not stat.S_ISREG(mode):
            raise ReadError("不是普通文件（是管道、设备或套接字）：不予读取，请给出 .docx、.txt 或 .md 文件")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def size_of(f: BinaryIO) -> int:
    return os.fstat(f.fileno()).st_size


def read_capped(path: str | Path, limit: int, too_big: Callable[[int], str]) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``too_big(size)`` words the refusal."""
    with open_regular(path) as f:
        size = size_of(f)
        if size > limit:
            raise ReadError(too_big(size))
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise ReadError(f"无法读取文件（{os_reason(e)}）：请检查文件") from None
    if len(data) > limit:  # the file grew while we read it
        raise ReadError(too_big(len(data)))
    return data


# -- reports ---------------------------------------------------------------------------------------


def check_output_path(path: str | Path) -> None:
    """Refuse an output path that cannot work, before a long run: a folder, a missing folder."""
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"输出路径是一个文件夹：{path}（请给出文件名）")
    parent = p.parent
    if not parent.exists():
        raise OutputError(f"输出文件所在的文件夹不存在：{parent}（请先建立该文件夹）")
    if not parent.is_dir():
        raise OutputError(f"输出路径中的 {parent} 不是文件夹")


def write_report(path: str | Path, text: str) -> None:
    """Write a report file (UTF-8).  Raises :class:`OutputError`."""
    check_output_path(path)
    try:
        with open(path, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(text)
    except OSError as e:
        raise OutputError(f"无法写入报告文件 {path}：{os_reason(e)}") from None


def write_stdout(text: str) -> None:
    """Write to stdout.  A closed pipe (``| head``) ends quietly; other failures raise OutputError.

    After a failure stdout is pointed at /dev/null, so the interpreter's final flush does not
    print a second error in English.
    """
    out = sys.stdout
    try:
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            # File names that are not valid UTF-8 go out as the bytes they were (like ls does)
            # instead of failing on a strict stdout.
            out.flush()
            encoding = out.encoding or "utf-8"
            try:
                data = text.encode(encoding, "surrogateescape")
            except UnicodeEncodeError:  # a console that cannot show some character
                data = text.encode(encoding, "replace")
            buffer.write(data)
            buffer.flush()
        else:
            out.write(text)
            out.flush()
    except BrokenPipeError:
        silence_stdout()
        raise OutputError("") from None
    except OSError as e:
        silence_stdout()
        raise OutputError(f"无法写出结果（标准输出：{os_reason(e)}）") from None


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


# -- copies of drafts --------------------------------------------------------------------------------

_temps: set[str] = set()
_lock = threading.Lock()
_handlers_installed = False


def is_own_temp(name: str) -> bool:
    """A temporary file of ours (``.~gwlint-…``): never a draft or a reference document."""
    return Path(name).name.startswith(TEMP_PREFIX)


def temp_beside(target: Path) -> Path:
    """A new registered temporary file in ``target``'s folder (so ``os.replace`` is atomic)."""
    import tempfile

    _install_cleanup()
    with _signals_held():
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=str(target.parent))
        os.close(fd)
        with _lock:
            _temps.add(name)
    return Path(name)


#: The signals that stop a run (Ctrl-C, kill, a closed terminal).
_STOPPING = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


class _signals_held:
    """Hold back Ctrl-C and SIGTERM while a temporary file is created and registered.

    Why: a KeyboardInterrupt raised between ``mkstemp`` creating the file and its name reaching
    ``_temps`` left a ``.~gwlint-*`` file beside the draft (tests/test_parallel.py, 2 runs in 14:
    the window is a few bytecodes, inside ``tempfile`` too).  For those few bytecodes the Python
    handlers are replaced by one that only notes the signal; the noted signal is handed to the
    real handler when they are back, so the run still stops at once — with the file registered,
    hence removed.  (A signal mask would not do: the kernel may deliver the signal to another
    thread, and Python runs the handler in the main thread regardless.)  Python runs signal
    handlers only in the main thread: elsewhere nothing can interrupt, nothing is held.
    """

    def __enter__(self) -> _signals_held:
        self._old: dict[int, Callable] = {}
        self._noted: list[tuple[int, object]] = []
        if threading.current_thread() is threading.main_thread():
            for signum in _STOPPING:
                old = signal.getsignal(signum)
                if callable(old):  # a Python handler (Ctrl-C's default, ours); SIG_DFL/SIG_IGN stay
                    signal.signal(signum, self._note)
                    self._old[signum] = old
        return self

    def _note(self, signum: int, frame: object) -> None:
        self._noted.append((signum, frame))

    def __exit__(self, *exc: object) -> None:
        for signum, old in self._old.items():
            signal.signal(signum, old)
        if self._noted:
            signum, frame = self._noted[0]
            self._old[signum](signum, frame)


def discard(tmp: Path | None) -> None:
    """Remove a temporary file (if it is still there) and forget it."""
    if tmp is None:
        return
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    with _lock:
        _temps.discard(str(tmp))


def commit(tmp: Path, target: Path, mode_from: Path | None) -> None:
    """Make ``tmp`` durable and rename it over ``target`` (mode copied from ``mode_from``)."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    if mode_from is not None:
        try:
            os.chmod(tmp, mode_from.stat().st_mode & 0o7777)
        except OSError:
            pass
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, target)
    with _lock:
        _temps.discard(str(tmp))


def atomic_write(target: Path, write: Callable[[Path], None], mode_from: Path | None = None) -> None:
    """Run ``write(tmp)`` on a temporary file beside ``target``, then replace ``target``."""
    tmp = temp_beside(target)
    try:
        write(tmp)
        commit(tmp, target, mode_from)
    finally:
        discard(tmp)


def _remove_temps() -> None:
    with _lock:
        names = list(_temps)
        _temps.clear()
    for name in names:
        try:
            os.unlink(name)
        except OSError:
            pass


def _on_signal(signum, frame) -> None:
    _remove_temps()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)  # die of the signal, as without us


def _install_cleanup() -> None:
    """Remove our temporary files on SIGTERM/SIGHUP and at exit (once per process).

    Only default handlers are replaced (an application's own handler is left alone: it raises
    or exits, and the ``finally`` blocks remove the files); signals can only be set from the
    main thread, elsewhere the ``finally`` blocks and ``atexit`` are all there is.
    """
    global _handlers_installed
    if _handlers_installed:
        return
    _handlers_installed = True
    atexit.register(_remove_temps)
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            if signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, _on_signal)
        except (ValueError, OSError):
            pass


# -- overwriting ----------------------------------------------------------------------------------


def is_our_copy(path: Path) -> bool:
    """Whether ``path`` is a .docx copy written by gongwen-lint (its zip comment says so)."""
    import zipfile

    try:
        with open_regular(path) as f, zipfile.ZipFile(f) as z:
            return z.comment == COPY_MARK
    except (ReadError, OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


def check_overwrite(target: str | Path, force: bool) -> None:
    """Refuse to replace an existing file that gongwen-lint did not write, unless ``force``."""
    p = Path(target)
    if force or not (p.exists() or p.is_symlink()):
        return
    if p.is_dir():
        raise OutputError(f"输出路径是一个文件夹：{target}（请给出文件名）")
    if is_our_copy(p):
        return
    raise OutputError(f"输出文件 {target} 已存在，且不是 gongwen-lint 写出的副本：为免覆盖他人文件未写入；"
                      "请另选文件名，或加 --force 覆盖")


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one existing file (links and ``..`` resolved)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_writable(path: Path) -> str | None:
    """Why a draft cannot be fixed in place (Chinese), or None.

    Checked by hand, not left to the rename: a rename replaces even a read-only file, and as
    root ``os.access`` says yes to everything.
    """
    try:
        st = path.stat()
    except OSError as e:
        return f"无法读取文件信息（{os_reason(e)}）"
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "文件是只读的"
    if not os.access(path, os.W_OK):
        return "没有写入该文件的权限"
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"没有在文件夹 {folder} 中写入的权限"
    return None


def printable(text: str) -> str:
    """``text`` as valid Unicode: bytes that are not UTF-8 (a file name from an old archive,
    decoded by Python as lone surrogates) become ``\\xNN``, so JSON and SARIF stay valid UTF-8."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
