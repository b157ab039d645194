"""Opening a .docx package safely: file-type sniffing, zip limits, part lookup, XML parsing.

Why not python-docx: importing it costs ~60 ms, more than the whole read of a 10-page draft, and
it raises opaque exceptions on damaged files.  A .docx is a zip of XML parts; ``zipfile`` + lxml
is all the reader needs, and owning this layer lets every failure become a Chinese message
(docs/usage.md) instead of a traceback.

Safety: the file is opened read-only (regular files only, one descriptor) and never written; parts are read with a byte budget (zip
bombs are refused before they fill memory); XML is parsed without DTDs, entities or network.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from lxml import etree

from .. import recache
from ..errors import ReadError
from ..fileio import open_regular, os_reason, size_of
from ..limits import (
    MAX_ENTRIES,
    MAX_MARKUP,
    MAX_PART_BYTES,
    MAX_TOTAL_BYTES,
    markup_count,
    parser_depth_message,
    parser_size_message,
    part_too_big,
    too_much_markup,
)
from .ns import CT_NS, PKG_REL_NS, REL_TYPE_BASES, STRICT_TO_TRANSITIONAL

# The caps (one XML part, all parts together, zip entries, markup per part) and why: limits.py.

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_CONTENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    # No table of xml:id attributes per tree: nothing looks elements up by id, and filling it
    # checked every attribute of every part (0.4 % of a check, issue 18).
    collect_ids=False,
)

MSG_RESAVE = "请在 Word/WPS 中打开并另存为 .docx 后再检查"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff_non_zip(head: bytes, f: BinaryIO) -> str:
    """The Chinese message for a file that is not a zip package, from its first bytes."""
    if head.startswith(OLE2_MAGIC):
        return _ole2_message(f)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = stripped[:64].lower()
    if stripped.startswith(b"{\\rtf"):
        return "这是 RTF 格式的文件，不是 .docx：" + MSG_RESAVE
    if stripped.startswith(b"%PDF"):
        return "这是 PDF 文件，不是 Word 文档：请提供 .docx 格式的草稿"
    if lower.startswith((b"<html", b"<!doctype html", b"mime-version")) or b"<html" in lower:
        return "这是网页（HTML/MHT）格式的文件，不是 .docx：" + MSG_RESAVE
    if stripped.startswith(b"<?xml") and b"<w:wordDocument" in head:
        return "这是 Word 2003 XML 格式的文件，不是 .docx：" + MSG_RESAVE
    return "不是有效的 .docx 文件（可能是 .doc、WPS 或其他格式，也可能已损坏）：" + MSG_RESAVE


def _ole2_message(f: BinaryIO) -> str:
    """Tell an encrypted .docx from a legacy .doc/.wps: both are OLE2 (CFB) containers.

    Best effort without a CFB parser: directory entries store stream names in UTF-16LE, so the
    names can be found in the raw bytes.  An encrypted OOXML file has ``EncryptionInfo`` and
    ``EncryptedPackage`` streams; Word 97–2003 (and WPS 文字's .wps) has ``WordDocument``.
    """
    try:
        f.seek(0)
        data = f.read(64 * 1024 * 1024)
    except OSError:
        data = b""
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        return "文件已加密（设置了打开密码）：请在 Word/WPS 中取消密码并另存为 .docx 后再检查"
    if _utf16("WordDocument") in data:
        # WPS 文字 saves .wps in the same binary family, so a renamed .wps lands here too.
        return "这是旧版 .doc 或 WPS（.wps）格式，不是 .docx：请在 Word/WPS 中另存为 .docx 后再检查"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "这是旧版 Excel 表格（.xls），不是 Word 文档：请提供 .docx 格式的草稿"
    return "不是有效的 .docx（可能是 .doc 或 WPS 格式）：请在 Word/WPS 中另存为 .docx 后再检查"


def parse_xml(data: bytes) -> etree._Element:
    """Parse one part; Strict-OOXML namespaces are mapped to transitional ones first.

    Refuses a DTD: Word never writes one (OOXML forbids DTD declarations), and with entities
    left unexpanded the text after ``&org;`` would silently go missing.
    """
    root = etree.fromstring(strict_to_transitional(as_utf8(data)), _PARSER)
    if root.getroottree().docinfo.internalDTD is not None:
        raise DTDError
    return root


_LOCAL_HEADER = struct.Struct("<4s2xH18xHH")  # signature, flags, file name and extra field lengths
_LOCAL_SIGNATURE = b"PK\x03\x04"
# Set in the directory, only these may be: deflate's level hints (0x2, 0x4), a data descriptor
# (0x8) and UTF-8 names (0x800) — not encryption (0x1, 0x40) or patched data (0x20).
_OTHER_FLAGS = ~(0x2 | 0x4 | 0x8 | 0x800)


def _inflate_whole(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | None:
    """The bytes of an ordinary part (stored or deflated, not encrypted), read and inflated in one
    call each, or None: then :meth:`Package.read` reads it through ``zipfile`` as before.

    Why: ``zipfile.ZipFile.open`` builds a file object, a decompressor and a CRC stream for each
    part, ~17 µs a part against ~4 µs for the same work done at once: the ten or so parts of a
    short draft.  Only what ``zipfile`` would return is returned: the local header names the part
    as the directory does, the inflated bytes are exactly the size the directory declares and
    their CRC-32 is the one it records; anything else (damage, a bomb, encryption, another
    method) goes the old way and meets the old checks and messages.
    """
    if info.flag_bits & _OTHER_FLAGS or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    if info.file_size > budget:
        return None
    fp = zf.fp
    if fp is None:
        return None
    try:
        fp.seek(info.header_offset)
        head = fp.read(_LOCAL_HEADER.size)
        if len(head) != _LOCAL_HEADER.size:
            return None
        signature, flags, name_len, extra_len = _LOCAL_HEADER.unpack(head)
        if signature != _LOCAL_SIGNATURE:
            return None
        name = fp.read(name_len)  # decoded as zipfile does, by the local header's flag
        if name != info.orig_filename.encode("utf-8" if flags & 0x800 else "cp437"):
            return None
        fp.seek(extra_len, 1)
        raw = fp.read(info.compress_size)
        if len(raw) != info.compress_size:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            data = raw
        else:
            data = zlib.decompressobj(-15).decompress(raw, budget + 1)
    except (OSError, ValueError, zlib.error, UnicodeError, struct.error):
        return None
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    return data


class DTDError(ValueError):
    """A part declares a DTD."""


def strict_to_transitional(data: bytes) -> bytes:
    if b"purl.oclc.org/ooxml" in data:
        for strict, transitional in STRICT_TO_TRANSITIONAL:
            data = data.replace(strict, transitional)
    return data


_UTF16_HEADS = (b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?")
_DECLARATION = recache.compile(r"^\s*<\?xml[^>]*\?>")


def as_utf8(data: bytes) -> bytes:
    """A UTF-16 part re-encoded as UTF-8 (everything else as it is), so that byte-level work on
    the XML (the Strict namespace map, counting tags) sees ASCII markup."""
    if not data.startswith(_UTF16_HEADS):
        return data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        codec = "utf-16-le" if data[0] == 0x3C else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return data  # the parser says what is wrong
    m = _DECLARATION.match(text)
    standalone = ' standalone="yes"' if m and re.search(r"standalone\s*=\s*[\"']yes", m.group(0)) else ""
    return f'<?xml version="1.0" encoding="UTF-8"{standalone}?>'.encode() + text[m.end() if m else 0:].encode("utf-8")


@dataclass
class Package:
    """An open .docx: the zip, its name map, the main part and the main part's relationships."""

    path: Path
    zf: zipfile.ZipFile
    names: dict[str, str]  # lower-case part name → name as stored in the zip
    main: str = ""  # part name of the main document, e.g. "word/document.xml"
    rels: dict[str, tuple[str, str]] = field(default_factory=dict)  # rId → (type suffix, part name)
    bytes_read: int = 0
    markup: int = 0  # tags and attributes of the parts parsed so far
    notes: list[str] = field(default_factory=list)  # problems found while opening (Chinese)
    file: BinaryIO | None = None  # the open file the zip reads from

    def close(self) -> None:
        self.zf.close()
        if self.file is not None:
            self.file.close()

    # -- low level ---------------------------------------------------------------------------

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def read(self, name: str) -> bytes:
        """The bytes of one part, within the byte budget.  Raises ReadError on damage or bombs."""
        real = self.names.get(name.lower())
        if real is None:
            raise KeyError(name)
        info = self.zf.getinfo(real)
        if info.file_size > MAX_PART_BYTES:
            raise ReadError(part_too_big(info.file_size))
        if self.bytes_read + info.file_size > MAX_TOTAL_BYTES:
            raise ReadError(part_too_big(self.bytes_read + info.file_size, MAX_TOTAL_BYTES))
        budget = min(MAX_PART_BYTES, MAX_TOTAL_BYTES - self.bytes_read)
        data = _inflate_whole(self.zf, info, budget)
        if data is not None:
            self.bytes_read += len(data)
            return data
        try:
            with self.zf.open(real) as f:
                data = f.read(budget + 1)
        except RuntimeError as e:  # zip-level password
            if "encrypted" in str(e).lower() or "password" in str(e).lower():
                raise ReadError("文件已加密（压缩包设有密码）：请取消密码并另存为 .docx 后再检查") from None
            raise ReadError(f"文件已损坏（{real} 无法解压）：" + MSG_RESAVE) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError):
            raise ReadError(f"文件已损坏（{real} 无法解压，文件可能不完整）：" + MSG_RESAVE) from None
        if len(data) > budget:  # the declared size lied
            raise ReadError(part_too_big(self.bytes_read + len(data), min(MAX_PART_BYTES, MAX_TOTAL_BYTES)))
        self.bytes_read += len(data)
        return data

    def crc(self, name: str) -> int:
        """The CRC-32 the zip records for a part: after a :meth:`read` of it, that of its bytes
        (``zipfile`` raises on a mismatch, which :meth:`read` turns into a ReadError)."""
        return self.zf.getinfo(self.names[name.lower()]).CRC

    def xml(self, name: str) -> etree._Element:
        return self.parse(name, self.read(name))

    def parse(self, name: str, data: bytes) -> etree._Element:
        """Parse the bytes of part ``name`` (read with :meth:`read`), within the markup cap."""
        data = as_utf8(data)
        # C speed; the parsed trees cost memory per element and attribute, and the reader keeps
        # several parts alive at once: the cap is on all parts together.
        self.markup += markup_count(data)
        if self.markup > MAX_MARKUP:
            raise ReadError(too_much_markup(name, self.markup))
        try:
            return parse_xml(data)
        except DTDError:
            raise ReadError(dtd_message(name)) from None
        except etree.XMLSyntaxError as e:
            raise ReadError(xml_error_message(name, e)) from None

    # -- relationships -----------------------------------------------------------------------

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """``rId → (type suffix, target part name)`` for the part ``source`` ("" = package)."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        root = self.xml(rels_name)
        out = {}
        for rel in root.iter("{%s}Relationship" % PKG_REL_NS):
            if rel.get("TargetMode") == "External":
                continue
            rtype = rel.get("Type", "")
            for prefix in REL_TYPE_BASES:
                if rtype.startswith(prefix):
                    rtype = rtype[len(prefix):]
                    break
            target = unquote(rel.get("Target", ""))
            if target.startswith("/"):
                name = target[1:]
            else:
                name = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id", "")] = (rtype, name)
        return out

    def related(self, rtype: str) -> list[tuple[str, str]]:
        """``(rId, part name)`` of the main part's relationships of one type, in rId order."""
        found = [(rid, name) for rid, (t, name) in self.rels.items() if t == rtype and self.has(name)]
        return sorted(found, key=lambda x: (len(x[0]), x[0]))


def open_package(path: str | Path) -> Package:
    """Open the file read-only and find its main document part.  Raises :class:`ReadError`."""
    path = Path(path)
    f = open_regular(path)  # one descriptor for the whole read: the path cannot be swapped
    try:
        zf = _open_zip(f, path)
    except BaseException:
        f.close()
        raise
    infos = zf.infolist()
    names = {i.filename.lower().lstrip("/"): i.filename for i in infos}
    pkg = Package(path=path, zf=zf, names=names, file=f)
    try:
        if len(infos) > MAX_ENTRIES:
            raise ReadError(f"文件包含 {len(infos)} 个部件，不像是 Word 文档：不予读取")
        if len(names) < len(infos):
            seen: set[str] = set()
            dupe = ""
            for i in infos:
                if i.filename.lower() in seen:
                    dupe = i.filename
                    break
                seen.add(i.filename.lower())
            pkg.notes.append(f"压缩包中有重名的部件（{dupe}）：只检查了其中最后一个；这种文件可能被改动过，"
                             "修复和带批注的副本不予生成，请在 Word/WPS 中另存为 .docx")
        pkg.main = _find_main_part(pkg)
    except BaseException:
        pkg.close()
        raise
    try:
        pkg.rels = pkg.relationships(pkg.main)
    except ReadError:
        # Without the main part's relationships there are no styles, headers or footers, but the
        # text can still be checked.
        pkg.notes.append("正文的关系表（_rels）已损坏：样式、页眉页脚等未能读取，只检查了正文文字")
    return pkg


def _open_zip(f: BinaryIO, path: Path) -> zipfile.ZipFile:
    try:
        head = f.read(4096)
        size = size_of(f)
    except OSError as e:
        raise ReadError(f"无法读取文件（{os_reason(e)}）：请检查文件") from None
    if size == 0:
        raise ReadError("文件为空（0 字节）：可能保存或拷贝未完成，请重新获取文件")
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        raise ReadError(sniff_non_zip(head, f))
    try:
        f.seek(0)
        return zipfile.ZipFile(f, "r")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise ReadError(
            "文件已损坏（.docx 压缩包不完整，可能下载或拷贝时中断）：请重新获取文件，"
            "或在 Word/WPS 中打开并另存为 .docx 后再检查"
        ) from None


def dtd_message(name: str) -> str:
    return (f"文档内容含有 DTD 声明（{name}）：Word 不会写出这种内容，文件可能被改动或构造，不予读取；"
            + MSG_RESAVE)


def xml_error_message(name: str, e: etree.XMLSyntaxError) -> str:
    """The Chinese message for a part that does not parse: over the parser's limits, or damaged."""
    text = str(e)
    if "depth" in text.lower():
        return parser_depth_message(name)
    if "XML_PARSE_HUGE" in text or "too big" in text or "Resource limit" in text:
        return parser_size_message(name)
    line = getattr(e, "lineno", None) or (e.position[0] if getattr(e, "position", None) else None)
    where = f"，第 {line} 行" if line else ""
    return f"文档内容已损坏（{name} 不是合法的 XML{where}）：" + MSG_RESAVE


def _find_main_part(pkg: Package) -> str:
    """The main document part: by the package relationship, then content types, then the usual name."""
    try:
        for rtype, name in pkg.relationships("").values():
            if (rtype == "officeDocument" and pkg.has(name) and name.lower().endswith(".xml")
                    and not name.lower().startswith(("xl/", "ppt/"))):
                return name
    except ReadError:
        pass  # a damaged _rels/.rels: try the other ways
    if pkg.has("[Content_Types].xml"):
        try:
            ct = pkg.xml("[Content_Types].xml")
            for ov in ct.iter("{%s}Override" % CT_NS):
                if ov.get("ContentType") in MAIN_CONTENT_TYPES:
                    name = ov.get("PartName", "").lstrip("/")
                    if pkg.has(name):
                        return name
        except ReadError:
            pass
    if pkg.has("word/document.xml"):
        return "word/document.xml"
    if pkg.has("xl/workbook.xml"):
        raise ReadError("这是 Excel 表格（.xlsx），不是 Word 文档：请提供 .docx 格式的草稿")
    if pkg.has("ppt/presentation.xml"):
        raise ReadError("这是 PowerPoint 演示文稿（.pptx），不是 Word 文档：请提供 .docx 格式的草稿")
    if pkg.has("mimetype") and pkg.has("content.xml"):
        raise ReadError("这是 OpenDocument（.odt）格式，不是 .docx：" + MSG_RESAVE)
    raise ReadError("不是 Word 文档（压缩包中没有 Word 正文部件 word/document.xml）：请提供 .docx 格式的草稿")
