"""``re.compile`` with the compiled program kept between runs, as Python keeps bytecode in ``.pyc``.

Why: Python's regular-expression compiler is written in Python, and a character class holding
any character beyond Latin-1 — every ``[\\u4e00-\\u9fff]``, every ``[，。；]`` — makes it fill and
compress a 65,536-entry map: 0.5–6 ms per pattern.  This package compiles a few hundred such
patterns at import, about 0.2 s of every command-line check, more than the check of a typical
draft itself (issue 18).  The compiled program of a pattern depends only on the pattern, its
flags and the interpreter, so it is computed once and stored in the user's cache folder.

Safety: the store is keyed by the interpreter (version, ``_sre.MAGIC``, code size); an entry is
handed to ``_sre.compile``, which validates the program before it runs, and anything that fails —
a missing, unreadable, corrupt or foreign store, an interpreter without these internals — falls
back to :func:`re.compile`.  The store holds patterns of this package only, never document text.
``GWLINT_NO_RECACHE=1`` turns it off (every pattern compiled afresh, nothing written).
"""

from __future__ import annotations

import atexit
import importlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Any

from .cachedir import cache_folder

_sre: Any = None
try:  # CPython's internals; elsewhere every pattern goes through re.compile
    _sre = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - not CPython
    _sre = None

#: What a stored program is valid for: the same interpreter and regular-expression engine.
_FORMAT = 2  # of the store file itself
_TAG = f"v{_FORMAT}-{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}-{getattr(_sre, 'CODESIZE', 0)}"
#: The array type of one program word (``_sre.CODESIZE`` bytes; 4 on CPython since 3.3).
_WORD = "I" if getattr(_sre, "CODESIZE", 4) == 4 else "H"
#: What _sre.compile raises for a program it rejects ("invalid SRE code") or internals that differ.
_BROKEN = (RuntimeError, TypeError, ValueError, AttributeError, IndexError, OverflowError)
#: (flags, program as 32-bit words in bytes, groups, groupindex, indexgroup): bytes, not a list of
#: ints, so reading a store of a few hundred patterns costs a copy, not a million int objects.
_Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]

#: More than this many patterns, or this many bytes of programs, means the store also holds patterns
#: built from other configurations' dictionaries (tests, evaluations): then only this run's are kept.
MAX_ENTRIES = 2_000
MAX_BYTES = 4_000_000
_stored: dict[tuple[str, int], _Entry] | None = None  # read on first use
_added: dict[tuple[str, int], _Entry] = {}
_used: set[tuple[str, int]] = set()  # read from the store in this run


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """The compiled ``pattern``: from the store when it holds it, else compiled (and stored at exit)."""
    if not _enabled():
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = _store().get(key) or _added.get(key)
    if entry is not None:
        try:
            compiled = _from_entry(pattern, entry)
            _used.add(key)
            return compiled
        except _BROKEN:  # a stale or damaged entry: compile it afresh
            pass
    try:
        entry = _program(pattern, int(flags))
        compiled = _from_entry(pattern, entry)
    except re.error:
        raise
    except _BROKEN:  # internals not as expected: behave exactly like re.compile
        return re.compile(pattern, flags)
    if not _added:
        atexit.register(_save)
    _added[key] = entry
    return compiled


def _from_entry(pattern: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    words = array(_WORD)
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), groups, groupindex, indexgroup)


def _program(pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, computed the same way."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | p.state.flags), array(_WORD, code).tobytes(), p.state.groups - 1, dict(groupindex),
            tuple(indexgroup))


def _enabled() -> bool:
    return _sre is not None and os.environ.get("GWLINT_NO_RECACHE", "") in ("", "0")


def store_path() -> Path | None:
    """``$XDG_CACHE_HOME/gongwen-lint/re-<interpreter>.marshal`` (``~/.cache`` by default), or
    None when there is no cache folder (then every run compiles its patterns)."""
    folder = cache_folder()
    return folder / f"re-{_TAG}.marshal" if folder is not None else None


def _store() -> dict[tuple[str, int], _Entry]:
    global _stored
    if _stored is None:
        _stored = {}
        path = store_path()
        try:
            if path is None:
                return _stored
            data = marshal.loads(path.read_bytes())
            if isinstance(data, dict):
                _stored = data
        except (OSError, ValueError, EOFError, TypeError, RuntimeError):
            pass  # no store yet, or one this interpreter cannot read: compile afresh
    return _stored


def _save() -> None:
    """Write the store with this run's new patterns (atomically; silently skipped when the cache
    folder is not writable — the next run compiles again, nothing else changes)."""
    if not _added:
        return
    merged = {**_store(), **_added}
    if len(merged) > MAX_ENTRIES or sum(len(e[1]) for e in merged.values()) > MAX_BYTES:
        merged = {k: v for k, v in merged.items() if k in _used or k in _added}
    path = store_path()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".re-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(merged))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):  # not writable, or a value marshal cannot store: compile next time
        pass
