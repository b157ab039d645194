"""OOXML namespaces and the Clark-notation tag names the reader compares against.

Tags are precomputed strings (``"{ns}p"``) because comparing ``el.tag`` with a constant is the
fastest test lxml offers; the walk does it for every element of the document.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

# ISO 29500 Strict uses other namespace URIs for the same vocabulary; the package layer rewrites
# them to the transitional ones before parsing so the rest of the reader knows one vocabulary.
STRICT_TO_TRANSITIONAL = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (b"http://purl.oclc.org/ooxml/drawingml/main", A_NS.encode()),
)

REL_TYPE_BASES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",
    "http://schemas.microsoft.com/office/2006/relationships/",
)


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute: ``w("p") == "{W_NS}p"``."""
    return "{%s}%s" % (W_NS, name)


W_P = w("p")
W_R = w("r")
W_T = w("t")
W_TBL = w("tbl")
W_TR = w("tr")
W_TC = w("tc")
W_PPR = w("pPr")
W_RPR = w("rPr")
W_SECTPR = w("sectPr")
W_SDT = w("sdt")
W_SDTPR = w("sdtPr")
W_SDTENDPR = w("sdtEndPr")
W_SDTCONTENT = w("sdtContent")
W_INS = w("ins")
W_DEL = w("del")
W_MOVEFROM = w("moveFrom")
W_MOVETO = w("moveTo")
W_TAB = w("tab")
W_PTAB = w("ptab")
W_BR = w("br")
W_CR = w("cr")
W_NOBREAKHYPHEN = w("noBreakHyphen")
W_SOFTHYPHEN = w("softHyphen")
W_SYM = w("sym")
W_FLDSIMPLE = w("fldSimple")
W_FLDCHAR = w("fldChar")
W_INSTRTEXT = w("instrText")
W_DELTEXT = w("delText")
W_DELINSTRTEXT = w("delInstrText")
W_TXBXCONTENT = w("txbxContent")
W_DRAWING = w("drawing")
W_PICT = w("pict")
W_OBJECT = w("object")
W_COMMENT_RANGE_START = w("commentRangeStart")
W_COMMENT_RANGE_END = w("commentRangeEnd")
W_COMMENT_REFERENCE = w("commentReference")
W_RUBY = w("ruby")
W_RT = w("rt")
W_TBLPR = w("tblPr")
W_TBLGRID = w("tblGrid")
W_TRPR = w("trPr")
W_TCPR = w("tcPr")
W_TBLPREX = w("tblPrEx")
W_ALTCHUNK = w("altChunk")
W_LAST_RENDERED_PAGE_BREAK = w("lastRenderedPageBreak")
W_VAL = w("val")
W_ID = w("id")
W_TYPE = w("type")

MC_ALTERNATE = "{%s}AlternateContent" % MC_NS
MC_CHOICE = "{%s}Choice" % MC_NS
MC_FALLBACK = "{%s}Fallback" % MC_NS
R_ID = "{%s}id" % R_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def first_child(el, tag: str):
    """The first direct child of ``el`` with this Clark tag, or None: what ``el.find(tag)`` gives.

    lxml's ``find`` goes through ElementPath even for a plain tag (3 µs); this loop compares
    ``tag`` strings (0.5 µs when, as for ``w:pPr`` and ``w:rPr``, the child comes first).  The
    reader asks it several times for every paragraph and run (issue 18).
    """
    for c in el:
        if c.tag == tag:
            return c
    return None


def grandchild(el, tag: str, sub: str):
    """What ``el.find(f"{tag}/{sub}")`` gives: the first ``sub`` child of the ``tag`` children,
    in document order (a second ``tag`` child is looked in when the first has no ``sub``)."""
    for c in el:
        if c.tag == tag:
            for g in c:
                if g.tag == sub:
                    return g
    return None
