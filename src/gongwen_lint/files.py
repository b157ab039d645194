"""Turning the paths a user typed into the list of drafts to check."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .fileio import is_own_temp, os_reason

DRAFT_SUFFIX = ".docx"


def is_lock_file(path: Path) -> bool:
    """Word's owner files ``~$草稿.docx`` are not drafts."""
    return path.name.startswith("~$")


def is_skipped_name(name: str) -> bool:
    """File names a folder scan never picks up: Word's owner files and our own temporary files
    (a fix killed by SIGKILL leaves ``.~gwlint-XXXX.docx``, which is not a draft or a reference)."""
    base = os.path.basename(name)
    return base.startswith("~$") or is_own_temp(base)


def _unreadable(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "没有读取该文件夹的权限：其中的草稿未检查，请检查权限"
    return f"无法读取该文件夹（{os_reason(e)}）：其中的草稿未检查"


def walk_files(root: Path, problems: list[tuple[str, str]], skip_hidden: bool = True) -> list[Path]:
    """Every file under ``root`` (sorted; hidden folders skipped unless told), reporting folders
    that cannot be listed in ``problems`` instead of skipping them silently (``Path.rglob`` does)."""
    def failed(e: OSError) -> None:
        where = e.filename or str(root)
        problems.append((str(where), _unreadable(e)))

    out = []
    for folder, dirs, names in os.walk(root, onerror=failed):
        if skip_hidden:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
        out += [Path(folder) / name for name in names]
    return sorted(out)


def collect_drafts(paths) -> tuple[list[str], list[tuple[str, str]]]:
    """Return (files to check, [(path, Chinese error)]) for the given files and folders.

    Folders are searched recursively for .docx files (docs/usage.md); a file named explicitly is
    checked whatever its suffix, so a renamed .doc gets its own clear message.  A folder that
    cannot be listed is an error (exit code 2), not a silent skip.
    """
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        try:
            st = p.stat()
        except FileNotFoundError:
            problems.append((str(p), "文件不存在：请检查路径是否正确"))
            continue
        except PermissionError:
            problems.append((str(p), "没有读取该路径的权限：请检查它所在文件夹的权限"))
            continue
        except OSError as e:
            problems.append((str(p), f"无法读取该路径（{os_reason(e)}）：请检查路径"))
            continue
        if stat.S_ISDIR(st.st_mode):
            unreadable: list[tuple[str, str]] = []
            found = [str(f) for f in walk_files(p, unreadable)
                     if f.suffix.lower() == DRAFT_SUFFIX and not is_skipped_name(f.name) and _is_file(f)]
            problems.extend(unreadable)
            if not found and not unreadable:
                problems.append((str(p), "文件夹中没有 .docx 草稿"))
            files.extend(found)
        elif is_lock_file(p):
            continue
        else:
            files.append(str(p))
    unique = list(dict.fromkeys(files))  # first occurrence kept, in order
    return unique, problems


def _is_file(f: Path) -> bool:
    try:
        return f.is_file()
    except OSError:
        return False
