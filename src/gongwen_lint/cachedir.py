"""The user's cache folder, the one place that decides where gongwen-lint keeps what it derives
once and reads back (compiled patterns, the segmentation automaton, jieba's pruned dictionary).

Why a module: three stores need the same answer, and the answer has edge cases that must not
become a traceback in the middle of a rule — a service account with ``HOME`` unset and no
passwd entry makes :meth:`pathlib.Path.home` raise ``RuntimeError`` (or ``KeyError`` on older
Pythons).  Then there is no cache folder: callers build what they need afresh, only slower.
A relative ``$XDG_CACHE_HOME`` is ignored, as the XDG Base Directory specification asks (it
would put the store wherever the current directory happens to be).
"""

from __future__ import annotations

import os
from pathlib import Path

NAME = "gongwen-lint"


def cache_folder() -> Path | None:
    """``$XDG_CACHE_HOME/gongwen-lint`` (``~/.cache/gongwen-lint`` by default), or None when no
    home folder can be found.  Not created here: writers create it when they first store."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no HOME and no passwd entry for this user
            return None
    return Path(base) / NAME
