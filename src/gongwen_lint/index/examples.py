"""Example indexes for the GW8 rule docstrings (docs/developing.md: examples are tests).

A GW8 rule can only fire against an index, so its docstring carries the reference document
its examples are checked against, in a ``## 参照文件`` section: an optional ``层级：higher`` line,
then the document's paragraphs indented.  :func:`example_index` builds that one-document index
in a temporary folder (once per rule and process) and returns its path.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from .backends import open_index
from .ingest import normalize_level
from .segment import RefMeta, prepare

_DIR: Path | None = None
_BUILT: dict[str, str] = {}


def reference_section(doc: str) -> tuple[str, list[str]]:
    """``(level, paragraphs)`` of a docstring's ``## 参照文件`` section."""
    lines = doc.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "## 参照文件")
    except StopIteration:
        return "same", []
    level, paragraphs = "same", []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        s = line.strip()
        if s.startswith(("层级：", "层级:")):
            level = normalize_level(s[3:].strip()) or "same"
        elif s and line[:1] in (" ", "\t"):
            paragraphs.append(s)
    return level, paragraphs


def example_index(rule) -> str:
    """The path of a SQLite index holding ``rule``'s reference document."""
    global _DIR
    if rule.code in _BUILT:
        return _BUILT[rule.code]
    if _DIR is None:
        _DIR = Path(tempfile.mkdtemp(prefix="gongwen-examples-"))
        atexit.register(shutil.rmtree, _DIR, True)
    level, paragraphs = reference_section(rule.doc)
    path = str(_DIR / f"{rule.code}.gwidx")
    store = open_index(path, create=True)
    try:
        meta = RefMeta(path=f"<{rule.code} 参照文件>", title=paragraphs[0] if paragraphs else None, level=level)
        body = list(enumerate(paragraphs, start=1))
        store.add([prepare(meta, body, "\n".join(paragraphs).encode("utf-8"), store.params.k, store.params.w)])
    finally:
        store.close()
    _BUILT[rule.code] = path
    return path
