"""Reading a draft file (.docx, .txt, .md) into the model, chosen by its suffix.

Below the library API (:mod:`gongwen_lint.api` re-exports :func:`load_document`), so that the
fixer, the index ingest and the audit can read drafts exactly as ``check`` does without
importing the API that sits above them.
"""

from __future__ import annotations

from pathlib import Path

from .model import Document
from .textreader import read_text_file

TEXT_SUFFIXES = (".txt", ".md")


def load_document(path: str | Path) -> Document:
    """Read a draft (.docx, .txt, .md) into the model, without roles.  Raises :class:`ReadError`."""
    path = Path(path)  # missing files, folders, FIFOs, permissions: fileio.open_regular says which
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path)
    from .docx.reader import read_docx_file  # lxml parsing only when a .docx is read

    return read_docx_file(path)
