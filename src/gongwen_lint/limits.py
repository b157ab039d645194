"""How much one document may hold: the caps that bound the memory and time of one check.

Why caps: a checker that reads anything sent to it can be stopped by one file (a 3.8 MB .docx
whose document.xml inflates to 110 MB took 4.7 GB and 431 s before these caps).  Each cap is
far above any real draft and low enough that the worst file just under every cap stays within
about 300 MB and 15 s (``bench/bench_hostile.py`` builds those files and prints the figures).

Real sizes, for scale: the longest of the 1,757 documents of the archive has 57,591 characters
(the 1955 government work report; the median has 1,542); the Civil Code has about 107,000.
A file over a cap is refused with a Chinese message (ReadError), like any unreadable file.
"""

from __future__ import annotations

#: Characters of text in all parts of a document (body, headers, footers, notes, comments).
MAX_CHARS = 400_000
#: Paragraphs in all parts (a 1,200-row roster of 8 columns has 9,600 cell paragraphs; the
#: 500-page bench draft about 4,500); each costs the reader and the rules far more than its
#: characters (about 5 KB of model objects and a pass of every paragraph rule).
MAX_PARAGRAPHS = 10_000
#: One XML part, uncompressed.
MAX_PART_BYTES = 48 * 1024 * 1024
#: All XML parts read together (media are never read).
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: Markup in all parts: tags and attributes, counted as ``<`` and ``=`` before parsing (the
#: parsed tree costs about 170 bytes per element or attribute, whatever the bytes).  Real
#: drafts have about one per 50 bytes of XML: 2,600 in a 10-page document.xml, 26,000 in a
#: large styles.xml.
MAX_MARKUP = 1_000_000
#: Zip entries of a package.
MAX_ENTRIES = 20_000
#: A .txt/.md draft (bytes); its text is then held to :data:`MAX_CHARS` like a .docx.
MAX_TEXT_BYTES = 8 * 1024 * 1024
#: A whole file read into memory (the audit passes file contents around; a .docx with this
#: much media is not a draft).
MAX_FILE_BYTES = 256 * 1024 * 1024

ADVICE = "请确认文件来源；确是草稿的，请拆分后再检查"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def too_many_chars(chars: int) -> str:
    return f"文件文字过多（至少 {chars:,} 字，上限 {MAX_CHARS:,} 字）：不予检查，{ADVICE}"


def too_many_paragraphs(paragraphs: int) -> str:
    return f"文件段落过多（至少 {paragraphs:,} 段，上限 {MAX_PARAGRAPHS:,} 段）：不予检查，{ADVICE}"


def part_too_big(size: int, limit: int = MAX_PART_BYTES) -> str:
    """``size``: the part's size, or all parts read so far; ``limit``: the cap it passes."""
    what = "单个部件" if limit == MAX_PART_BYTES else "全部部件合计"
    return (
        f"文件内容过大（解压后约 {_mb(size)}，超过{what} {_mb(limit)} 的上限，可能是异常或被构造的压缩包）：不予读取，"
        "请确认文件来源，或删去其中的大段内容后再检查"
    )


#: Below this size a part's markup is not counted but bounded: every tag or attribute takes at
#: least three bytes (``<a>``, ``a=""``), so a part can hold at most a third of its size.  Counting
#: costs about 0.13 ms per document (both scans, every part), the bound nothing.
COUNT_MARKUP_FROM = 64 * 1024


def markup_count(data: bytes) -> int:
    """Tags and attributes of an XML part (UTF-8), or for a small part an upper bound of them."""
    if len(data) < COUNT_MARKUP_FROM:
        return len(data) // 3
    return data.count(b"<") + data.count(b"=")


def too_much_markup(name: str, items: int) -> str:
    return (f"文件内容过于复杂（读到 {name} 时已有约 {items:,} 个标记和属性，上限 {MAX_MARKUP:,} 个，可能是异常或被构造的文件）："
            f"不予读取，{ADVICE}")


def parser_size_message(name: str) -> str:
    # libxml2 without XML_PARSE_HUGE: one text node or attribute value of at most 10,000,000 bytes.
    return (f"文件中有一段文字过长（{name} 中单段文字超过约 1000 万字节，即三百多万字），可能是异常或被构造的文件："
            f"不予读取，{ADVICE}")


def parser_depth_message(name: str) -> str:
    # libxml2 without XML_PARSE_HUGE: at most 256 levels of nested elements.
    return f"文件结构嵌套过深（{name} 超过 256 层），可能是异常或被构造的文件：不予读取，{ADVICE}"


def text_too_big(size: int) -> str:
    return f"文件过大（{_mb(size)}，文本草稿上限 {_mb(MAX_TEXT_BYTES)}）：不像是一份公文草稿，{ADVICE}"


def file_too_big(size: int) -> str:
    return f"文件过大（{_mb(size)}，上限 {_mb(MAX_FILE_BYTES)}）：不予读取，{ADVICE}"


def input_cap(name: str):
    """``(limit, message)`` for reading the whole file ``name`` into memory."""
    if name.lower().endswith((".txt", ".md")):
        return MAX_TEXT_BYTES, text_too_big
    return MAX_FILE_BYTES, file_too_big


class Budget:
    """Characters and paragraphs spent so far on one document; raises ReadError past a cap."""

    __slots__ = ("chars", "paragraphs")

    def __init__(self) -> None:
        self.chars = 0
        self.paragraphs = 0

    def spend(self, chars: int, paragraphs: int) -> None:
        from .errors import ReadError

        self.chars += chars
        self.paragraphs += paragraphs
        if self.chars > MAX_CHARS:
            raise ReadError(too_many_chars(self.chars))
        if self.paragraphs > MAX_PARAGRAPHS:
            raise ReadError(too_many_paragraphs(self.paragraphs))
