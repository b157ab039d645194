"""Writing an OOXML package back: the helpers shared by ``--fix`` (:mod:`gongwen_lint.fixes`)
and the annotated copy (:mod:`gongwen_lint.output.annotate`).

The reader (:mod:`.package`) parses for reading and drops what it does not need; a writer must
keep everything it does not change.  So a part is parsed here with comments and processing
instructions kept, serialised with its declaration, and the zip is copied entry by entry with
the same content, name, order, timestamp and compression except for the replaced parts.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import ReadError
from .ns import STRICT_TO_TRANSITIONAL, w
from .package import Package, as_utf8, dtd_message, strict_to_transitional, xml_error_message

W_BODY = w("body")

# Parsing for writing: keep comments and processing instructions (the reader drops them), never
# resolve entities or touch the network.
WRITE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, remove_comments=False, remove_pis=False,
    strip_cdata=False, huge_tree=True,
    # as the reader's parser (package.py): a part the reader accepts (a repeated xml:id) must not
    # be refused when a fix or an annotated copy writes it back
    collect_ids=False,
)


def parse_part(data: bytes, name: str = "") -> tuple[etree._ElementTree, bool]:
    """Parse a part for writing; Strict-OOXML namespaces are mapped (and mapped back on save).

    Raises ReadError (the reader's messages) for a part that does not parse or declares a DTD;
    a UTF-16 part is written back as UTF-8.
    """
    data = as_utf8(data)
    strict = b"purl.oclc.org/ooxml" in data
    try:
        tree = etree.ElementTree(etree.fromstring(strict_to_transitional(data), WRITE_PARSER))
    except etree.XMLSyntaxError as e:
        raise ReadError(xml_error_message(name or "XML 部件", e)) from None
    if tree.docinfo.internalDTD is not None:
        raise ReadError(dtd_message(name or "XML 部件"))
    return tree, strict


def serialise(tree: etree._ElementTree, strict: bool = False) -> bytes:
    standalone = tree.docinfo.standalone
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                          standalone=True if standalone else None)
    if strict:
        for s, t in STRICT_TO_TRANSITIONAL:
            data = data.replace(t, s)
    return data


def walk_root(tree: etree._ElementTree, part_name: str, main: str) -> etree._Element:
    """The element the reader walks for this part (``w:body`` for the main document)."""
    root = tree.getroot()
    if part_name == main:
        body = root.find(W_BODY)
        return body if body is not None else root
    return root


def zip_part_name(pkg: Package, part: str) -> str | None:
    """The zip entry of a model part name (``body``, ``header1``, ``footnotes``…)."""
    if part == "body":
        return pkg.main
    if part in ("footnotes", "endnotes"):
        found = pkg.related(part)
        return found[0][1] if found else None
    for rtype, name in pkg.rels.values():
        if rtype in ("header", "footer") and posixpath.splitext(posixpath.basename(name))[0] == part:
            return pkg.names.get(name.lower(), name)
    return None


def _plain_extra(extra: bytes) -> bytes:
    """Extra fields without a ZIP64 record (zipfile writes its own when needed)."""
    out, i = b"", 0
    while i + 4 <= len(extra):
        tag = int.from_bytes(extra[i:i + 2], "little")
        size = int.from_bytes(extra[i + 2:i + 4], "little")
        if tag != 0x0001:
            out += extra[i:i + 4 + size]
        i += 4 + size
    return out


def duplicate_names(infos: list[zipfile.ZipInfo]) -> list[str]:
    """Entry names stored twice (Word reads one, zipfile another: never rewrite such a package)."""
    seen: set[str] = set()
    dupes = []
    for info in infos:
        key = info.filename.lower()
        if key in seen:
            dupes.append(info.filename)
        seen.add(key)
    return dupes


def copy_zip(src: str | Path, dst: str | Path, replaced: dict[str, bytes], added: dict[str, bytes] | None = None,
             removed: frozenset[str] = frozenset(), comment: bytes | None = None) -> None:
    """Write ``dst``: every entry of ``src`` in order with the same content, timestamp and
    compression, except the ``replaced`` ones and the ``removed`` ones; ``added`` entries go at
    the end.  The archive comment is kept, or set to ``comment``.  Raises ReadError for a package
    with duplicate entry names."""
    with zipfile.ZipFile(src) as zin:
        infos = zin.infolist()
        dupes = duplicate_names(infos)
        if dupes:
            raise ReadError(f"压缩包中有重名的部件（{dupes[0]}）：无法确定 Word 读取的是哪一个，不予改写；"
                            "请在 Word/WPS 中另存为 .docx 后再试")
        with zipfile.ZipFile(dst, "w") as zout:
            for info in infos:
                if info.filename in removed:
                    continue
                data = replaced[info.filename] if info.filename in replaced else zin.read(info)
                zi = zipfile.ZipInfo(info.filename, info.date_time)
                zi.compress_type = info.compress_type
                zi.external_attr = info.external_attr
                zi.create_system = info.create_system
                zi.comment = info.comment
                zi.extra = _plain_extra(info.extra)
                zout.writestr(zi, data)
            for name, data in (added or {}).items():
                zi = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(zi, data)
            zout.comment = zin.comment if comment is None else comment
