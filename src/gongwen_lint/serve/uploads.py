"""One upload on disk: a private folder, a fixed file name, removed when the job is done.

The client's file name is only ever *shown* (in the JSON's ``path``, in the download's name).
The file on disk is ``draft`` plus the client's suffix when that suffix is a plain one
(``.docx``, ``.txt``…), so the reader chooses the same way as for ``gongwen-lint check 草稿.doc``
and says the same thing about it; nothing the client sends becomes a folder or a path.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO
from urllib.parse import quote

from .. import recache

COPY_CHUNK = 1024 * 1024
MAX_NAME_CHARS = 120
DEFAULT_NAME = "草稿.docx"
_SUFFIX_RE = recache.compile(r"^\.[a-z0-9]{1,10}$")


def display_name(client_name: str | None) -> str:
    """The file name to show: the last component of what the client sent, without control or
    format characters, at most :data:`MAX_NAME_CHARS` characters; ``草稿.docx`` when empty."""
    raw = client_name or ""
    name = PureWindowsPath(PurePosixPath(raw).name).name  # "C:\\文件\\草稿.docx" from old browsers too
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if name in ("", ".", ".."):
        return DEFAULT_NAME
    if len(name) > MAX_NAME_CHARS:
        suffix = safe_suffix(name)
        name = name[: MAX_NAME_CHARS - len(suffix)] + suffix
    return name


def safe_suffix(name: str) -> str:
    """The name's suffix, lower-cased, when it is letters and digits only; else ``""``."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if _SUFFIX_RE.match(suffix) else ""


def copy_name(name: str, label: str) -> str:
    """``通知.docx`` → ``通知-批注稿.docx``: the name of a copy offered for download."""
    p = PurePosixPath(name)
    return f"{p.stem}-{label}{p.suffix}" if p.suffix else f"{name}-{label}"


def content_disposition(name: str) -> str:
    """An attachment header any browser reads: an ASCII fallback and the UTF-8 name (RFC 6266)."""
    fallback = name.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "") or "draft"
    if not PurePosixPath(fallback).stem.strip("._- "):
        fallback = "draft" + safe_suffix(name)
    return f'attachment; filename="{fallback}"; filename*=UTF-8\'\'{quote(name, safe="")}'


class Upload:
    """A draft saved in a new private folder (mode 0700, under ``$TMPDIR``)."""

    def __init__(self, client_name: str | None):
        self.name = display_name(client_name)
        self.folder = Path(tempfile.mkdtemp(prefix="gongwen-lint-"))
        self.path = self.folder / ("draft" + safe_suffix(self.name))

    def write(self, source: BinaryIO) -> None:
        with open(self.path, "xb") as out:
            shutil.copyfileobj(source, out, COPY_CHUNK)

    def output(self, label: str) -> Path:
        """Where a job writes its copy (inside the same private folder)."""
        return self.folder / f"{label}{self.path.suffix or '.docx'}"

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
