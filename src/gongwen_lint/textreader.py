"""Plain-text and Markdown drafts: one paragraph per line, no formatting.

Layout rules skip such drafts (they need the .docx formatting); everything that works on text
— elements, headings, punctuation, numbers, style, duplicates — runs as on a .docx.
"""

from __future__ import annotations

from pathlib import Path

from . import recache
from .errors import ReadError
from .fileio import read_capped
from .limits import MAX_TEXT_BYTES, Budget, text_too_big
from .model import Document, Paragraph

_MD_PREFIX = recache.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")


def paragraphs_from_text(text: str, markdown: bool = False) -> tuple[Paragraph, ...]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    out = []
    for i, line in enumerate(text.split("\n"), start=1):
        if markdown:
            line = _MD_PREFIX.sub("", line)
        out.append(Paragraph(part="body", index=i, text=line))
    # A trailing newline does not make a paragraph.
    while out and out[-1].text == "" and len(out) > 1:
        out.pop()
    return tuple(out)


def document_from_text(text: str, path: str = "<text>", markdown: bool = False) -> Document:
    """The draft of a text; raises ReadError past the caps of :mod:`.limits` (like a .docx)."""
    paragraphs = paragraphs_from_text(text, markdown)
    Budget().spend(sum(len(p.text) for p in paragraphs), len(paragraphs))
    return Document(path=path, source="text", parts={"body": paragraphs})


def read_text_file(path: str | Path) -> Document:
    path = Path(path)
    return document_from_text(decode_text_file(path), str(path), markdown=path.suffix.lower() == ".md")


def decode_text_file(path: str | Path) -> str:
    """The text of a .txt/.md file (UTF-8 or GB18030), with the caps of :mod:`.limits`."""
    raw = read_capped(Path(path), MAX_TEXT_BYTES, text_too_big)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReadError("文本文件编码无法识别：请另存为 UTF-8 编码")
    if "\x00" in text:
        raise ReadError("不是文本文件（含有二进制内容）：请提供 .docx、.txt 或 .md 文件")
    return text
