"""Reading reference documents for the index: files, folders, and the TSV manifest.

Inputs are .docx (read with the same reader as drafts), .txt and .md; folders are searched
recursively (Word lock files ``~$*.docx`` skipped).  The manifest (docs/index.md) is a
tab-separated file with the header ``path title number issuer year level`` (more columns are
allowed and ignored), ``path`` relative to the manifest's folder.  Without a manifest entry the
title is the first non-empty line and the level comes from ``--level``.

Documents are identified by their absolute path, so adding the same file again (from any
working directory) replaces its entry.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import recache
from ..errors import ReadError
from ..fileio import open_regular, os_reason, printable, read_capped, size_of
from ..files import is_skipped_name, walk_files
from ..limits import MAX_FILE_BYTES, MAX_TEXT_BYTES, file_too_big, text_too_big
from .segment import PreparedDoc, RefMeta, prepare

SUFFIXES = (".docx", ".txt", ".md")
_LEVEL_ALIASES = {
    "higher": "higher", "上级": "higher", "high": "higher",
    "same": "same", "本级": "same", "同级": "same", "issued": "same",
    "lower": "lower", "下级": "lower", "low": "lower",
}


class ManifestError(Exception):
    """A manifest that cannot be used; ``str(e)`` is the Chinese message."""


def normalize_level(value: str | None, default: str = "same") -> str | None:
    if value is None or not value.strip():
        return default
    return _LEVEL_ALIASES.get(value.strip().lower())


def key_path(path: str | Path) -> str:
    """The identity of a document in the index (valid Unicode: a file name that is not UTF-8
    cannot be stored as text, so its odd bytes are written ``\\xNN``)."""
    return printable(Path(path).resolve().as_posix())


def read_manifest(manifest: str | Path, default_level: str = "same") -> dict[str, RefMeta]:
    """Manifest rows keyed by :func:`key_path`."""
    manifest = Path(manifest)
    try:
        text = read_capped(manifest, MAX_FILE_BYTES, file_too_big).decode("utf-8-sig")
    except ReadError as e:
        raise ManifestError(f"无法读取清单文件 {manifest}：{e}") from None
    except UnicodeDecodeError:
        raise ManifestError(f"清单文件 {manifest} 不是 UTF-8 编码：请另存为 UTF-8 后再试") from None
    if "\x00" in text:  # PostgreSQL cannot store it, and no title or 文号 holds one
        lineno = text[: text.index("\x00")].count("\n") + 1
        raise ManifestError(f"清单文件 {manifest} 第 {lineno} 行含有 NUL 字符（二进制内容）：请检查并另存为纯文本")
    rows = list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or "path" not in [c.strip() for c in rows[0]]:
        raise ManifestError(f"清单文件 {manifest} 的第一行应为表头：path	title	number	issuer	year	level")
    header = [c.strip() for c in rows[0]]
    out: dict[str, RefMeta] = {}
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        rec = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        level = normalize_level(rec.get("level"), default_level)
        if level is None:
            raise ManifestError(f"清单文件 {manifest} 第 {lineno} 行：level“{rec.get('level')}”无效，应为 higher、same 或 lower")
        year = rec.get("year") or ""
        try:
            year_int = int(year) if year else None
        except ValueError:
            raise ManifestError(f"清单文件 {manifest} 第 {lineno} 行：year“{year}”应为四位年份") from None
        path = key_path(manifest.parent / rec["path"])
        out[path] = RefMeta(
            path=path,
            title=rec.get("title") or None,
            number=rec.get("number") or None,
            issuer=rec.get("issuer") or None,
            year=year_int,
            level=level,
        )
    return out


def find_files(paths: Iterable[str | Path], problems: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """The reference files under ``paths`` (files as given, folders recursively, sorted).

    Folders that cannot be listed go to ``problems`` as ``(path, Chinese message)``.
    """
    found: list[tuple[str, str]] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in walk_files(p, found, skip_hidden=False):
                if f.suffix.lower() in SUFFIXES and not is_skipped_name(f.name) and f.is_file():
                    yield f
        else:
            yield p
    if problems is not None:
        problems.extend(found)


def read_reference(path: Path) -> tuple[list[tuple[int, str]], str]:
    """``(paragraph number, text)`` of the body paragraphs, and the file's SHA-256.

    The same reader, caps and file-type checks as ``check``: the file is opened only if it is a
    regular file, and never read whole into memory.  Paragraphs are numbered as
    :func:`reference_paragraphs` numbers them.
    """
    if path.suffix.lower() not in SUFFIXES:
        raise ReadError("不支持的文件类型：索引只接受 .docx、.txt、.md 文件")
    paragraphs, _ = reference_paragraphs(path)
    return paragraphs, file_sha256(path)


_FRONT_TITLE = recache.compile(r"^\s{0,3}#\s+(\S.*?)\s*#*\s*$")  # "# title" (one #: the document's title line)
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"


def reference_paragraphs(path: str | Path) -> tuple[list[tuple[int, str]], str | None]:
    """A reference document's paragraphs as a reader of the file counts them, and its title line.

    ``(number, text)`` of the non-empty body paragraphs, numbered from 1; front matter is not a
    paragraph and is left out: a ``# title`` line of a .txt/.md file (returned as the title)
    and ``<!-- … -->`` comments (the archive's ``<!-- INFO END -->``).  So ``第 N 段`` of a
    finding is the N-th paragraph a reviewer counts in the file, blank lines not counted.
    One source of truth for ``index add``, the audit and the evaluation.  Raises ReadError.
    """
    from ..reading import load_document

    path = Path(path)
    if path.suffix.lower() in (".txt", ".md"):
        from ..textreader import _MD_PREFIX, decode_text_file, document_from_text

        # raw lines (the "#" still there), with the caps of a check
        lines = [p.text for p in document_from_text(decode_text_file(path), str(path)).body]
        markdown = path.suffix.lower() == ".md"
    else:
        lines = [p.text for p in load_document(path).body]
        markdown = False
    out: list[tuple[int, str]] = []
    title: str | None = None
    in_comment = False
    for line in lines:
        s = line.strip()
        if in_comment:
            in_comment = _COMMENT_CLOSE not in s
            continue
        if s.startswith(_COMMENT_OPEN):
            in_comment = _COMMENT_CLOSE not in s[len(_COMMENT_OPEN):]
            continue
        if not s:
            continue
        m = _FRONT_TITLE.match(line)
        if m:
            title = title or m.group(1)
            continue
        text = _MD_PREFIX.sub("", line) if markdown else line
        if text.strip():
            out.append((len(out) + 1, text))
    return out, title


def default_title(paragraphs) -> str | None:
    """The title of a document without manifest entry or ``# title`` line: its first paragraph."""
    return next((t.strip().lstrip("#").strip() for _, t in paragraphs if t.strip()), None)


def file_sha256(path: Path) -> str:
    """SHA-256 of a regular file, read in blocks."""
    h = hashlib.sha256()
    with open_regular(path) as f:
        if path.suffix.lower() in (".txt", ".md") and size_of(f) > MAX_TEXT_BYTES:
            raise ReadError(text_too_big(size_of(f)))
        try:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        except OSError as e:
            raise ReadError(f"无法读取文件（{os_reason(e)}）：请检查文件") from None
    return h.hexdigest()


def iter_prepared(
    paths: Iterable[str | Path],
    k: int,
    w: int,
    manifest: str | Path | None = None,
    level: str = "same",
    errors: list[tuple[str, str]] | None = None,
) -> Iterator[PreparedDoc]:
    """Read and fingerprint every reference document; unreadable files go to ``errors``.

    With a manifest and no paths, every file the manifest lists is read.
    """
    meta_by_path = read_manifest(manifest, level) if manifest else {}
    paths = list(paths)
    files = list(find_files(paths, errors)) if paths else [Path(p) for p in meta_by_path]
    manifest_key = key_path(manifest) if manifest else None
    for f in files:
        key = key_path(f)
        if key == manifest_key:
            continue
        try:
            paragraphs, title = reference_paragraphs(f)
            digest = file_sha256(f)
        except ReadError as e:
            if errors is not None:
                errors.append((str(f), str(e)))
            continue
        meta = meta_by_path.get(key)
        if meta is None:
            meta = RefMeta(path=key, title=title or default_title(paragraphs), level=level)
        yield prepare(meta, paragraphs, b"", k, w, sha256=digest)
