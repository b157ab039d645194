"""Turning the paths a user typed into the list of drafts to check."""

from __future__ import annotations

from pathlib import Path


def is_lock_file(path: Path) -> bool:
    """Word's owner files ``~$草稿.docx`` are not drafts."""
    return path.name.startswith("~$")


def collect_drafts(paths) -> tuple[list[str], list[tuple[str, str]]]:
    """Return (files to check, [(path, Chinese error)]) for the given files and folders.

    Folders are searched recursively for .docx files (docs/usage.md); a file named explicitly is
    checked whatever its suffix, so a renamed .doc gets its own clear message.
    """
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*.docx") if f.is_file() and not is_lock_file(f) and not _hidden(f, p)
            )
            if not found:
                problems.append((str(p), "文件夹中没有 .docx 草稿"))
            files.extend(found)
        elif p.exists():
            if is_lock_file(p):
                continue
            files.append(str(p))
        else:
            problems.append((str(p), "文件不存在：请检查路径是否正确"))
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, problems


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts[:-1])
