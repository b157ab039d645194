"""Opening a .docx package safely: file-type sniffing, zip limits, part lookup, XML parsing.

Why not python-docx: importing it costs ~60 ms, more than the whole read of a 10-page draft, and
it raises opaque exceptions on damaged files.  A .docx is a zip of XML parts; ``zipfile`` + lxml
is all the reader needs, and owning this layer lets every failure become a Chinese message
(docs/usage.md) instead of a traceback.

Safety: the file is opened read-only and never written; parts are read with a byte budget (zip
bombs are refused before they fill memory); XML is parsed without DTDs, entities or network.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ..errors import ReadError
from .ns import CT_NS, PKG_REL_NS, REL_TYPE_BASES, STRICT_TO_TRANSITIONAL

#: One XML part larger than this (uncompressed) is refused: a 500-page draft's document.xml is
#: ~20 MB, so this leaves a wide margin while keeping memory bounded.
MAX_PART_BYTES = 120 * 1024 * 1024
#: All parts the reader parses together (media are never read).
MAX_TOTAL_BYTES = 200 * 1024 * 1024
#: More zip entries than this is not a Word document anyone typed.
MAX_ENTRIES = 20000

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
)

MSG_RESAVE = "请在 Word/WPS 中打开并另存为 .docx 后再检查"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff_non_zip(head: bytes, path: Path) -> str:
    """The Chinese message for a file that is not a zip package, from its first bytes."""
    if head.startswith(OLE2_MAGIC):
        return _ole2_message(path)
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


def _ole2_message(path: Path) -> str:
    """Tell an encrypted .docx from a legacy .doc/.wps: both are OLE2 (CFB) containers.

    Best effort without a CFB parser: directory entries store stream names in UTF-16LE, so the
    names can be found in the raw bytes.  An encrypted OOXML file has ``EncryptionInfo`` and
    ``EncryptedPackage`` streams; Word 97–2003 (and WPS 文字's .wps) has ``WordDocument``.
    """
    try:
        with path.open("rb") as f:
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
    """Parse one part; Strict-OOXML namespaces are mapped to transitional ones first."""
    if b"purl.oclc.org/ooxml" in data:
        for strict, transitional in STRICT_TO_TRANSITIONAL:
            data = data.replace(strict, transitional)
    return etree.fromstring(data, _PARSER)


@dataclass
class Package:
    """An open .docx: the zip, its name map, the main part and the main part's relationships."""

    path: Path
    zf: zipfile.ZipFile
    names: dict[str, str]  # lower-case part name → name as stored in the zip
    main: str = ""  # part name of the main document, e.g. "word/document.xml"
    rels: dict[str, tuple[str, str]] = field(default_factory=dict)  # rId → (type suffix, part name)
    bytes_read: int = 0
    notes: list[str] = field(default_factory=list)  # problems found while opening (Chinese)

    # -- low level ---------------------------------------------------------------------------

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def read(self, name: str) -> bytes:
        """The bytes of one part, within the byte budget.  Raises ReadError on damage or bombs."""
        real = self.names.get(name.lower())
        if real is None:
            raise KeyError(name)
        info = self.zf.getinfo(real)
        if info.file_size > MAX_PART_BYTES or self.bytes_read + info.file_size > MAX_TOTAL_BYTES:
            raise ReadError(_too_big_message(info.file_size))
        budget = min(MAX_PART_BYTES, MAX_TOTAL_BYTES - self.bytes_read)
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
            raise ReadError(_too_big_message(len(data)))
        self.bytes_read += len(data)
        return data

    def xml(self, name: str) -> etree._Element:
        data = self.read(name)
        try:
            return parse_xml(data)
        except etree.XMLSyntaxError as e:
            line = getattr(e, "lineno", None) or (e.position[0] if getattr(e, "position", None) else None)
            where = f"，第 {line} 行" if line else ""
            raise ReadError(f"文档内容已损坏（{name} 不是合法的 XML{where}）：" + MSG_RESAVE) from None

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


def _too_big_message(size: int) -> str:
    mb = size / 1024 / 1024
    limit = MAX_TOTAL_BYTES // 1024 // 1024
    return (
        f"文件内容过大（解压后约 {mb:.0f} MB，超过 {limit} MB 的上限，可能是异常或被构造的压缩包）：不予读取，"
        "请确认文件来源，或删去其中的大段内容后再检查"
    )


def open_package(path: str | Path) -> Package:
    """Open the file read-only and find its main document part.  Raises :class:`ReadError`."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(4096)
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError("文件不存在：请检查路径是否正确") from None
    except IsADirectoryError:
        raise ReadError("这是一个文件夹，不是文件") from None
    except PermissionError:
        raise ReadError("没有读取该文件的权限：请检查文件权限或先关闭占用它的程序") from None
    except OSError as e:
        raise ReadError(f"无法读取文件：{e.strerror or e}") from None
    if size == 0:
        raise ReadError("文件为空（0 字节）：可能保存或拷贝未完成，请重新获取文件")
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        raise ReadError(sniff_non_zip(head, path))
    try:
        zf = zipfile.ZipFile(path, "r")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise ReadError(
            "文件已损坏（.docx 压缩包不完整，可能下载或拷贝时中断）：请重新获取文件，"
            "或在 Word/WPS 中打开并另存为 .docx 后再检查"
        ) from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        zf.close()
        raise ReadError(f"文件包含 {len(infos)} 个部件，不像是 Word 文档：不予读取")
    names = {i.filename.lower().lstrip("/"): i.filename for i in infos}
    pkg = Package(path=path, zf=zf, names=names)
    try:
        pkg.main = _find_main_part(pkg)
    except BaseException:
        zf.close()
        raise
    try:
        pkg.rels = pkg.relationships(pkg.main)
    except ReadError:
        # Without the main part's relationships there are no styles, headers or footers, but the
        # text can still be checked.
        pkg.notes.append("正文的关系表（_rels）已损坏：样式、页眉页脚等未能读取，只检查了正文文字")
    return pkg


def _find_main_part(pkg: Package) -> str:
    """The main document part: by the package relationship, then content types, then the usual name."""
    try:
        for rtype, name in pkg.relationships("").values():
            if rtype == "officeDocument" and pkg.has(name):
                if name.lower().endswith(".xml") and not name.lower().startswith(("xl/", "ppt/")):
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
