"""Applying edits to a plain-text draft (.txt, .md): one paragraph per line, line endings and
encoding kept, the result read back as the reader will."""

from __future__ import annotations

from pathlib import Path

from .. import recache
from ..textreader import _MD_PREFIX, paragraphs_from_text
from .plan import Edit, apply_to_text

_LINE_SPLIT = recache.compile(r"(\r\n|\r|\n)")


def _decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding to write it back with (textreader's order: UTF-8, then GB18030)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "gb18030"


def apply_text_file(src: Path, dst: Path, edits: list[Edit]) -> list[Edit]:
    """Like :func:`apply_docx` for .txt/.md: one paragraph per line, line endings kept."""
    raw = src.read_bytes()
    try:
        text, encoding = _decode(raw)
    except UnicodeDecodeError:
        return []
    markdown = src.suffix.lower() == ".md"
    chunks = _LINE_SPLIT.split(text)  # line, sep, line, sep, ..., line
    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        if e.part == "body":
            by_line.setdefault(e.paragraph, []).append(e)
    applied = []
    for n, es in by_line.items():
        i = 2 * (n - 1)
        if i >= len(chunks):
            continue
        line = chunks[i]
        if n == 1:
            line_body = line.lstrip("\ufeff")
            lead = len(line) - len(line_body)
        else:
            lead = 0
        if markdown:
            m = _MD_PREFIX.match(line[lead:])
            lead += len(m.group(0)) if m else 0
        shown = line[lead:]
        if any(e.end > len(shown) for e in es):
            continue
        chunks[i] = line[:lead] + apply_to_text(shown, es)
        applied += es
    if not applied:
        return []
    new_text = "".join(chunks)
    # Read back as the reader will, and insist on exactly the expected paragraphs.
    before = paragraphs_from_text(text, markdown)
    after = paragraphs_from_text(new_text, markdown)
    lines = {e.paragraph for e in applied}
    if len(after) != len(before) or any(
        after[n - 1].text != apply_to_text(before[n - 1].text, by_line[n]) for n in lines
    ):
        return []
    dst.write_bytes(new_text.encode(encoding))
    return applied
