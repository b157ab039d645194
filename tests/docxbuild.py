"""Build .docx fixtures at test time, so a test shows its input (DESIGN: "Working habits").

python-docx makes the package (styles, numbering, settings, theme parts, headers, footers,
sections, tables, comments); lxml adds what python-docx has no API for (tracked changes, text
boxes, fields, content controls, styles with ``basedOn``, theme fonts, numbering definitions).

Usage::

    b = DocxBuilder()
    b.p("关于召开会议的通知", align="center", font="方正小标宋简体", size=22)
    b.p(run("各单位"), run("：", bold=True))
    b.body('<w:p><w:ins w:id="1" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins></w:p>')
    b.footer('<w:p>' + PAGE_FIELD + '</w:p>')
    path = b.save(tmp_path / "draft.docx")

Fragments are WordprocessingML with the usual prefixes (``w:``, ``r:``, ``mc:``, ``wp:``,
``wps:``, ``a:``, ``v:``); the builder declares the namespaces.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.shared import Mm
from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
_DECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def W(name: str) -> str:
    return "{%s}%s" % (NS["w"], name)


def fragment(xml: str) -> list[etree._Element]:
    """Parse a WordprocessingML fragment (one or more elements) with the namespaces declared."""
    root = etree.fromstring(f"<root {_DECL}>{xml}</root>")
    return list(root)


def rpr(font: str | None = None, size: float | None = None, bold: bool | None = None,
        color: str | None = None, style: str | None = None, east_asia_theme: str | None = None,
        italic: bool | None = None) -> str:
    """A ``w:rPr`` fragment; ``font`` sets the east-Asian and Latin slots, ``size`` is in pt."""
    parts = []
    if style:
        parts.append(f'<w:rStyle w:val="{style}"/>')
    if font or east_asia_theme:
        attrs = ""
        if font:
            attrs += f' w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"'
        if east_asia_theme:
            attrs += f' w:eastAsiaTheme="{east_asia_theme}"'
        parts.append(f"<w:rFonts{attrs}/>")
    if bold is not None:
        parts.append("<w:b/>" if bold else '<w:b w:val="0"/>')
    if italic is not None:
        parts.append("<w:i/>" if italic else '<w:i w:val="0"/>')
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size is not None:
        parts.append(f'<w:sz w:val="{round(size * 2)}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text: str, **fmt) -> str:
    """A ``w:r`` with text (``\\t`` becomes ``w:tab``, ``\\n`` becomes ``w:br``)."""
    inner = []
    for _i, chunk in enumerate(text.replace("\t", "\x00\t\x00").replace("\n", "\x00\n\x00").split("\x00")):
        if chunk == "\t":
            inner.append("<w:tab/>")
        elif chunk == "\n":
            inner.append("<w:br/>")
        elif chunk:
            inner.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{rpr(**fmt)}{''.join(inner)}</w:r>"


def ppr(style: str | None = None, align: str | None = None, first_line_chars: int | None = None,
        first_line: int | None = None, line: int | None = None, line_rule: str | None = None,
        num: tuple[int, int] | None = None, outline: int | None = None, extra: str = "") -> str:
    """A ``w:pPr`` fragment (values in OOXML units: twips, hundredths of a character)."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if num:
        parts.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if line is not None:
        rule = f' w:lineRule="{line_rule}"' if line_rule else ""
        parts.append(f'<w:spacing w:line="{line}"{rule}/>')
    if first_line_chars is not None or first_line is not None:
        attrs = ""
        if first_line_chars is not None:
            attrs += f' w:firstLineChars="{first_line_chars}"'
        if first_line is not None:
            attrs += f' w:firstLine="{first_line}"'
        parts.append(f"<w:ind{attrs}/>")
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    parts.append(extra)
    inner = "".join(parts)
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def para(*runs: str, **p) -> str:
    """A ``w:p``: each positional argument is a run fragment or plain text."""
    body = "".join(r if r.lstrip().startswith("<") else run(r) for r in runs)
    return f"<w:p>{ppr(**p)}{body}</w:p>"


PAGE_FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "<w:r><w:t>1</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def textbox(*paragraphs: str, name: str = "TextBox") -> str:
    """A run holding a DrawingML text box, with the VML Fallback duplicate Word writes."""
    content = "".join(paragraphs)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>1080135</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="5400040" cy="713105"/><wp:wrapNone/><wp:docPr id="1" name="{name}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="{name}"><v:textbox><w:txbxContent>{content}</w:txbxContent>'
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


class DocxBuilder:
    """Accumulates body content and package tweaks; :meth:`save` writes the .docx."""

    def __init__(self):
        self.doc = docx.Document()
        self._body = self.doc.element.body
        self._sect = self._body.find(W("sectPr"))
        self._theme: dict[str, str] | None = None
        # python-docx's template says ja-JP; a Chinese Word writes zh-CN (theme fonts follow it).
        lang = self.doc.settings.element.find(W("themeFontLang"))
        if lang is not None:
            lang.set(W("eastAsia"), "zh-CN")

    # -- body --------------------------------------------------------------------------------

    def body(self, xml: str) -> DocxBuilder:
        """Append body-level XML (paragraphs, tables, content controls) before the final sectPr."""
        for el in fragment(xml):
            self._sect.addprevious(el)
        return self

    def p(self, *runs, **kw) -> DocxBuilder:
        """A paragraph; runs are fragments from :func:`run` or plain text.  ``font``/``size``/
        ``bold``/``color`` given here format every plain-text run."""
        fmt = {k: kw.pop(k) for k in ("font", "size", "bold", "color", "italic") if k in kw}
        parts = [r if r.lstrip().startswith("<") else run(r, **fmt) for r in runs]
        return self.body(para(*parts, **kw))

    def table(self, rows: list[list[str]], style: str | None = None,
              merge: list[tuple[tuple[int, int], tuple[int, int]]] = ()) -> DocxBuilder:
        """A table via python-docx; a cell's text may hold ``\\n`` for several paragraphs.
        ``merge`` lists ``((row, col), (row, col))`` corners of cells to merge (Word's gridSpan /
        vMerge), e.g. a 合计 label over the 序号 and 名称 columns."""
        ncols = max(len(r) for r in rows)
        tbl = self.doc.add_table(rows=len(rows), cols=ncols)
        if style:
            tblpr = tbl._tbl.tblPr
            tblpr.insert(0, fragment(f'<w:tblStyle w:val="{style}"/>')[0])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = tbl.cell(r, c)
                lines = text.split("\n")
                cell.paragraphs[0].add_run(lines[0])
                for line in lines[1:]:
                    cell.add_paragraph(line)
        for (r0, c0), (r1, c1) in merge:
            keep = tbl.cell(r0, c0).text
            merged = tbl.cell(r0, c0).merge(tbl.cell(r1, c1))
            for extra in merged.paragraphs[1:]:
                if not extra.text:
                    extra._element.getparent().remove(extra._element)
            if merged.text != keep and not merged.text.startswith(keep):
                merged.paragraphs[0].text = keep
        self._sect.addprevious(tbl._tbl)  # add_table appends after the sectPr's siblings
        return self

    def section_break(self, **page) -> DocxBuilder:
        """End the current section here (a paragraph carrying a sectPr); ``page`` as in :meth:`page`."""
        import copy

        sect = copy.deepcopy(self._sect)
        for ref in list(sect):
            if ref.tag in (W("headerReference"), W("footerReference")):
                sect.remove(ref)
        _apply_page(sect, **page)
        p = fragment("<w:p><w:pPr/></w:p>")[0]
        p[0].append(sect)
        self._sect.addprevious(p)
        return self

    def page(self, **page) -> DocxBuilder:
        """Page setup of the last section: width/height/top/bottom/left/right/gutter in mm,
        ``grid=(type, linePitch, charSpace)``, ``title_page=True``."""
        _apply_page(self._sect, **page)
        return self

    # -- styles, numbering, theme --------------------------------------------------------------

    def style(self, style_id: str, name: str | None = None, type: str = "paragraph", based_on: str | None = None,
              ppr: str = "", rpr: str = "", default: bool = False) -> DocxBuilder:
        """Add (or replace) a style; ``ppr``/``rpr`` are ``w:pPr``/``w:rPr`` fragments."""
        styles = self.doc.styles.element
        for old in styles.findall(W("style")):
            if old.get(W("styleId")) == style_id:
                styles.remove(old)
        based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
        dflt = ' w:default="1"' if default else ""
        xml = (f'<w:style w:type="{type}"{dflt} w:styleId="{style_id}"><w:name w:val="{name or style_id}"/>'
               f"{based}{ppr}{rpr}</w:style>")
        styles.append(fragment(xml)[0])
        return self

    def doc_defaults(self, rpr: str | None = None, ppr: str | None = None) -> DocxBuilder:
        """Replace ``w:rPrDefault``/``w:pPrDefault`` contents."""
        dd = self.doc.styles.element.find(W("docDefaults"))
        if rpr is not None:
            holder = dd.find(W("rPrDefault"))
            holder.clear()
            holder.extend(fragment(rpr))
        if ppr is not None:
            holder = dd.find(W("pPrDefault"))
            holder.clear()
            holder.extend(fragment(ppr))
        return self

    def numbering(self, abstract_id: int, levels: list[tuple[str, str]], num_id: int | None = None,
                  start_override: dict[int, int] | None = None) -> DocxBuilder:
        """Define ``w:abstractNum`` with levels ``[(numFmt, lvlText), …]`` and a ``w:num`` using it."""
        numbering = self.doc.part.numbering_part.element
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{640 if i == 0 else 0}"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        abstract = fragment(f'<w:abstractNum w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')[0]
        first_num = numbering.find(W("num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for lvl, v in (start_override or {}).items()
        )
        nid = num_id if num_id is not None else abstract_id
        numbering.append(fragment(
            f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>')[0])
        return self

    def theme_fonts(self, minor_latin: str = "Calibri", minor_ea: str = "", minor_hans: str = "宋体",
                    major_latin: str = "Cambria", major_ea: str = "", major_hans: str = "黑体") -> DocxBuilder:
        """Replace theme1.xml's font scheme (``a:ea`` empty → Word uses the ``Hans`` entry)."""
        self._theme = dict(minor_latin=minor_latin, minor_ea=minor_ea, minor_hans=minor_hans,
                           major_latin=major_latin, major_ea=major_ea, major_hans=major_hans)
        return self

    # -- headers, footers, comments ------------------------------------------------------------

    def _hf(self, kind: str, xml: str, type: str, section: int):
        sec = self.doc.sections[section]
        attr = {"default": kind, "even": f"even_page_{kind}", "first": f"first_page_{kind}"}[type]
        if type == "even":
            self.doc.settings.odd_and_even_pages_header_footer = True
        if type == "first":
            sec.different_first_page_header_footer = True
        part = getattr(sec, attr)
        part.is_linked_to_previous = False
        el = part._element
        for p in list(el):
            el.remove(p)
        el.extend(fragment(xml))

    def header(self, xml: str, type: str = "default", section: int = 0) -> DocxBuilder:
        self._hf("header", xml, type, section)
        return self

    def footer(self, xml: str, type: str = "default", section: int = 0) -> DocxBuilder:
        self._hf("footer", xml, type, section)
        return self

    def comment_on_last(self, text: str, author: str = "审核人", run_range: tuple[int, int] | None = None) -> DocxBuilder:
        """Anchor a Word comment (python-docx API) to runs of the last body paragraph."""
        p = self.doc.paragraphs[-1]
        runs = p.runs if run_range is None else p.runs[run_range[0]:run_range[1]]
        self.doc.add_comment(runs, text=text, author=author)
        return self

    # -- output --------------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        self.doc.save(path)
        if self._theme is not None:
            _rewrite_part(path, "word/theme/theme1.xml", lambda data: _set_theme(data, self._theme))
        return path


def _apply_page(sect, width=None, height=None, top=None, bottom=None, left=None, right=None, gutter=None,
                header=None, footer=None, grid=None, title_page=None, orient=None, start=None):
    pg = sect.find(W("pgSz"))
    mar = sect.find(W("pgMar"))
    twips = lambda mm: str(round(Mm(mm).twips))  # noqa: E731
    for el, attr, value in ((pg, "w", width), (pg, "h", height), (mar, "top", top), (mar, "bottom", bottom),
                            (mar, "left", left), (mar, "right", right), (mar, "gutter", gutter),
                            (mar, "header", header), (mar, "footer", footer)):
        if value is not None:
            el.set(W(attr), twips(value))
    if orient:
        pg.set(W("orient"), orient)
    if grid is not None:
        old = sect.find(W("docGrid"))
        if old is not None:
            sect.remove(old)
        gtype, pitch, space = grid
        sect.append(fragment(f'<w:docGrid w:type="{gtype}" w:linePitch="{pitch}" w:charSpace="{space}"/>')[0])
    if title_page:
        sect.append(fragment("<w:titlePg/>")[0])
    if start:
        sect.insert(0, fragment(f'<w:type w:val="{start}"/>')[0])


def _set_theme(data: bytes, t: dict[str, str]) -> bytes:
    root = etree.fromstring(data)
    a = "{%s}" % NS["a"]
    for kind in ("major", "minor"):
        scheme = root.find(f".//{a}{kind}Font")
        scheme.find(f"{a}latin").set("typeface", t[f"{kind}_latin"])
        scheme.find(f"{a}ea").set("typeface", t[f"{kind}_ea"])
        for f in scheme.findall(f"{a}font"):
            if f.get("script") == "Hans":
                f.set("typeface", t[f"{kind}_hans"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rewrite_part(path: Path, name: str, change) -> None:
    """Rewrite one zip entry (python-docx keeps the theme as an opaque blob)."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            if info.filename == name:
                data = change(data)
            zout.writestr(info, data)


def zip_with(path: str | Path, files: dict[str, bytes | str]) -> Path:
    """A raw zip with exactly ``files`` (for broken or unusual packages)."""
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def replace_part(src: str | Path, dst: str | Path, name: str, data: bytes | str | None) -> Path:
    """Copy a .docx, replacing (or with ``None`` deleting) one part."""
    dst = Path(dst)
    with zipfile.ZipFile(src) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, old in entries:
            if info.filename == name:
                if data is None:
                    continue
                old = data.encode("utf-8") if isinstance(data, str) else data
            zout.writestr(info, old)
    return dst


def cfb_container(path: str | Path, streams: list[str]) -> Path:
    """A minimal valid OLE2/CFB (v3) file holding empty streams with the given names (≤ 3).

    That is the container of a legacy .doc (``WordDocument``, ``1Table``) and of an encrypted
    .docx (``EncryptionInfo``, ``EncryptedPackage``); the stream contents do not matter to a
    reader that only has to tell them apart.
    """
    import struct

    assert len(streams) <= 3
    free, end, fat = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 0x1000, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)
    fat_sector = struct.pack("<II", fat, end) + struct.pack("<I", free) * 126

    def entry(name: str, kind: int, left: int, right: int, child: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e = bytearray(128)
        e[0:len(raw)] = raw
        struct.pack_into("<HBBIII", e, 64, len(raw), kind, 1, left, right, child)
        struct.pack_into("<IQ", e, 116, end, 0)
        return bytes(e)

    nostream = 0xFFFFFFFF
    entries = [entry("Root Entry", 5, nostream, nostream, 1 if streams else nostream)]
    for i, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, nostream, i + 1 if i < len(streams) else nostream, nostream))
    while len(entries) < 4:
        entries.append(bytes(128))
    path = Path(path)
    path.write_bytes(bytes(header) + fat_sector + b"".join(entries))
    return path
