"""The annotated copy (``check --annotate OUT.docx``): each finding as a Word comment on its excerpt.

For drafters who never open a terminal: they open the copy in Word/WPS and see the findings in
the margin, where they already read reviewers' comments.  The draft itself is never written.

How a comment is anchored: runs are split at the excerpt's boundaries (each half keeps the
run's ``w:rPr``), then ``w:commentRangeStart`` goes before the first run of the excerpt,
``w:commentRangeEnd`` after the last, followed by a run holding ``w:commentReference``.  A
finding with an empty excerpt (a missing element) is anchored on its whole paragraph.  Comments
cannot be anchored in headers, footers or notes (Word refuses them) nor, to be safe, in text
boxes, so findings there go on the first body paragraph with their location in the comment text.  The paragraph texts are read back with the
reader's walk and must be unchanged; anchors therefore read back exactly (``Document.comments``).

The XML is written directly (not with python-docx's ``add_comment``) so that the rest of the
package is copied untouched and the import cost stays out of the check path.
"""

from __future__ import annotations

import copy
import posixpath
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from .. import recache
from ..diagnostics import Diagnostic, Finding, group
from ..docx.ns import CT_NS, PKG_REL_NS, W_NS, W_PPR, W_R, W_RPR, W_T, XML_SPACE, w
from ..docx.walk import WalkedParagraph, walk_part
from ..docx.writer import copy_zip, parse_part, serialise, walk_root
from ..fileio import COPY_MARK, atomic_write

AUTHOR = "gongwen-lint"
INITIALS = "GL"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_TYPE_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#: What only macros use: the VBA project and its data, and the key bindings and toolbars that run them.
MACRO_RELATIONSHIPS = frozenset({"vbaProject", "wordVbaData", "keyMapCustomizations", "attachedToolbars"})
MACRO_CONTENT_TYPES = ("vbaProject", "vbaData", "keyMapCustomizations", "attachedToolbars")

W_COMMENTS = w("comments")
W_COMMENT = w("comment")
W_ID = w("id")
W_RANGE_START = w("commentRangeStart")
W_RANGE_END = w("commentRangeEnd")
W_REFERENCE = w("commentReference")
W_ANNOTATION_REF = w("annotationRef")
W_P = w("p")

_CONTROL_RE = recache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class AnnotateError(Exception):
    """The copy could not be written (Chinese message for the user)."""


def comment_text(d: Diagnostic, where: str | None = None) -> list[str]:
    """A one-finding comment's paragraphs: ``[GW102] message``, then the suggested fix if any."""
    return comment_lines([Finding((d,))], where)


def comment_lines(findings: list[Finding], where: str | None = None) -> list[str]:
    """The paragraphs of one comment (one rule, one paragraph or run of paragraphs): a line per
    finding, ``[GW401] 中文中应使用全角标点 ×8：, → ，``, then how to fix them."""
    lines = [f"[{f.code}] {f.message}" for f in findings]
    if where:
        lines[0] = f"（{where}）{lines[0]}"
    spans = [d for f in findings for d in f.diagnostics]
    if len(spans) == 1:
        d = spans[0]
        if d.fix is not None:
            lines.append(f"建议改为：{d.fix.replacement}" if d.fix.replacement else f"建议删除“{d.excerpt}”")
    else:
        safe = sum(f.safe_fixes for f in findings)
        if safe:
            lines.append(f"其中 {safe} 处可用 gongwen-lint check --fix 自动修复" if safe < len(spans)
                         else f"共 {safe} 处，可用 gongwen-lint check --fix 自动修复")
    return [_CONTROL_RE.sub("", x) for x in lines]


def comment_groups(diagnostics: list[Diagnostic]) -> list[list[Finding]]:
    """One comment per paragraph (or run of paragraphs) and rule: the findings it holds."""
    out: dict[tuple, list[Finding]] = {}
    for f in group(diagnostics):
        out.setdefault((f.location.part, f.location.paragraph, f.last_paragraph, f.code), []).append(f)
    return list(out.values())


def annotate_file(src: str | Path, diagnostics: list[Diagnostic], out: str | Path,
                  notes: list[str] | None = None) -> int:
    """Write ``out``: a copy of ``src`` with one comment per paragraph and rule (every span of
    that rule in the paragraph is listed in it).  Returns the number of comments written.

    Raises :class:`AnnotateError` (or ``ReadError`` for an unreadable draft); ``src`` is only read.
    ``notes`` receives Chinese lines for the user (macros removed from a .docm).  The copy is
    marked as written by gongwen-lint (its zip comment), so a later run may replace it.
    """
    from ..docx.package import open_package

    src, out = Path(src), Path(out)
    if out.exists() and out.resolve() == src.resolve():
        raise AnnotateError("带批注的副本不能覆盖原文件：请另选输出文件名")
    pkg = open_package(src)
    try:
        writer = _Annotator(pkg)
        n = writer.add(diagnostics)
        replaced, added, removed = writer.parts()
    finally:
        pkg.close()
    atomic_write(out, lambda tmp: copy_zip(src, tmp, replaced, added, removed, comment=COPY_MARK))
    if notes is not None and writer.macros_removed:
        notes.append(f"原文件含有宏，副本中已删除宏（{'、'.join(writer.macros_removed)}），原文件不变")
    return n


class _Annotator:
    def __init__(self, pkg):
        self.pkg = pkg
        self.main = pkg.main
        self.doc_tree, self.doc_strict = parse_part(pkg.read(pkg.main), pkg.main)
        found = pkg.related("comments")
        self.comments_name = found[0][1] if found else None
        if self.comments_name is not None:
            self.comments_tree, self.comments_strict = parse_part(pkg.read(self.comments_name), self.comments_name)
        else:
            root = etree.Element(W_COMMENTS, nsmap={"w": W_NS})
            self.comments_tree, self.comments_strict = etree.ElementTree(root), self.doc_strict
        self.next_id = self._max_id() + 1
        self.macros_removed: list[str] = []
        # timezone.utc, not datetime.UTC: that needs Python 3.11, and the package supports 3.10
        self.stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _max_id(self) -> int:
        ids = [-1]
        for tree in (self.comments_tree, self.doc_tree):
            for el in tree.getroot().iter(W_COMMENT, W_RANGE_START, W_RANGE_END, W_REFERENCE):
                try:
                    ids.append(int(el.get(W_ID, "")))
                except ValueError:
                    pass
        return max(ids)

    # -- anchoring -------------------------------------------------------------------------------

    def add(self, diagnostics: list[Diagnostic]) -> int:
        root = walk_root(self.doc_tree, self.main, self.main)
        walk = walk_part(root)
        paragraphs = walk.paragraphs
        before = [wp.text for wp in paragraphs]
        # Comments cannot go in headers, footers, notes or text boxes (where the 发文机关标志 often
        # sits): those findings go on the first body paragraph with text outside a text box.
        fallback = next((wp.index for wp in paragraphs if wp.text.strip() and not wp.in_textbox),
                        next((wp.index for wp in paragraphs if not wp.in_textbox), None))
        from .text_format import where as where_label

        def anchorable(n: int) -> bool:
            return 0 < n <= len(paragraphs) and not paragraphs[n - 1].in_textbox

        # (first paragraph, start, last paragraph, end or None for the whole paragraphs, lines)
        anchors: list[tuple[int, int, int, int | None, list[str]]] = []
        for findings in comment_groups(diagnostics):
            spans = [d for f in findings for d in f.diagnostics]
            loc = spans[0].location
            first, last = loc.paragraph, max(d.location.paragraph for d in spans)
            if loc.part == "body" and anchorable(first) and anchorable(last) \
                    and all(d.location.end <= len(before[d.location.paragraph - 1]) for d in spans):
                lines = comment_lines(findings)
                if first == last and all(d.location.start < d.location.end for d in spans):
                    start = min(d.location.start for d in spans)
                    anchors.append((first, start, last, max(d.location.end for d in spans), lines))
                else:  # a missing element, or a run of paragraphs: the whole paragraphs
                    anchors.append((first, 0, last, None, lines))
            elif fallback is not None:
                label = where_label(findings[0])
                if loc.part == "body" and 0 < first <= len(paragraphs) and paragraphs[first - 1].in_textbox:
                    label = f"文本框 {label}"
                anchors.append((fallback, 0, fallback, None, comment_lines(findings, label)))

        cuts: dict[int, set[int]] = {}
        for n, s, m, e, _ in anchors:
            if e is not None:
                cuts.setdefault(n, set()).add(s)
                cuts.setdefault(m, set()).add(e)
        for n, offsets in cuts.items():
            wp = paragraphs[n - 1]
            for off in sorted(offsets, reverse=True):
                _split_at(wp, off)
        paragraphs = walk_part(root).paragraphs

        for n, s, m, e, lines in anchors:
            cid = str(self.next_id)
            self.next_id += 1
            if e is None:
                _anchor_paragraphs(paragraphs[n - 1].element, paragraphs[m - 1].element, cid)
            else:
                first_piece = next(pc for pc in paragraphs[n - 1].pieces if pc.start == s)
                last_piece = [pc for pc in paragraphs[m - 1].pieces if pc.start < e][-1]
                assert first_piece.run is not None and last_piece.run is not None  # text pieces sit in runs
                first_piece.run.addprevious(_marker(W_RANGE_START, cid))
                end = _marker(W_RANGE_END, cid)
                last_piece.run.addnext(end)
                end.addnext(_reference_run(cid))
            self.comments_tree.getroot().append(self._comment(cid, lines))

        after = [wp.text for wp in walk_part(root).paragraphs]
        if after != before:  # never ship a copy whose text differs from the draft
            raise AnnotateError("内部错误：加批注后正文文字发生了变化，已放弃写入；请把文件报告给维护者")
        return len(anchors)

    def _comment(self, cid: str, lines: list[str]) -> etree._Element:
        c = etree.Element(W_COMMENT)
        c.set(W_ID, cid)
        c.set(w("author"), AUTHOR)
        c.set(w("date"), self.stamp)
        c.set(w("initials"), INITIALS)
        for i, line in enumerate(lines):
            p = etree.SubElement(c, W_P)
            if i == 0:
                etree.SubElement(etree.SubElement(p, W_R), W_ANNOTATION_REF)
            t = etree.SubElement(etree.SubElement(p, W_R), W_T)
            t.text = line
            t.set(XML_SPACE, "preserve")
        return c

    # -- package ---------------------------------------------------------------------------------

    def parts(self) -> tuple[dict[str, bytes], dict[str, bytes], frozenset[str]]:
        """(replaced entries, added entries, removed entries) for :func:`copy_zip`.

        The copy is a .docx: a macro-enabled draft (.docm, .dotm) loses its macros and a template
        becomes a document, so that no macro file ever goes out under a .docx name
        (:attr:`macros_removed` says which parts went).
        """
        names = self.pkg.names
        replaced = {names[self.main.lower()]: serialise(self.doc_tree, self.doc_strict)}
        added: dict[str, bytes] = {}
        comments = serialise(self.comments_tree, self.comments_strict)
        folder = posixpath.dirname(self.main)
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(self.main) + ".rels")
        rels_entry = names.get(rels_name.lower())
        if rels_entry is not None:
            rels_tree, _ = parse_part(self.pkg.read(rels_entry), rels_entry)
        else:
            rels_tree = etree.ElementTree(etree.Element("{%s}Relationships" % PKG_REL_NS, nsmap={None: PKG_REL_NS}))
        ct_entry = names.get("[content_types].xml")
        ct_tree = parse_part(self.pkg.read(ct_entry), ct_entry)[0] if ct_entry is not None else None
        rels_changed = ct_changed = False

        if self.comments_name is not None:
            replaced[names[self.comments_name.lower()]] = comments
        else:
            if ct_tree is None:
                raise AnnotateError("文件缺少 [Content_Types].xml，无法添加批注：请在 Word/WPS 中另存为 .docx 后再试")
            name = posixpath.join(folder, "comments.xml")
            k = 1
            while name.lower() in names:
                k += 1
                name = posixpath.join(folder, f"comments{k}.xml")
            added[name] = comments
            rels = rels_tree.getroot()
            used = {el.get("Id") for el in rels}
            k = len(used) + 1
            while f"rId{k}" in used:
                k += 1
            strict = any("purl.oclc.org" in (el.get("Type") or "") for el in rels)
            rel = etree.SubElement(rels, "{%s}Relationship" % PKG_REL_NS)
            rel.set("Id", f"rId{k}")
            rel.set("Type", COMMENTS_TYPE_STRICT if strict else COMMENTS_TYPE)
            rel.set("Target", posixpath.basename(name))
            rels_changed = True
            ct = ct_tree.getroot()
            part_name = "/" + name
            if not any(el.get("PartName", "").lower() == part_name.lower() for el in ct.iter("{%s}Override" % CT_NS)):
                ov = etree.SubElement(ct, "{%s}Override" % CT_NS)
                ov.set("PartName", part_name)
                ov.set("ContentType", COMMENTS_CT)
            ct_changed = True

        removed = self._strip_macros(rels_tree, ct_tree)
        if removed:
            rels_changed = ct_changed = True
        if ct_tree is not None and self._as_document(ct_tree):
            ct_changed = True
        if rels_changed:
            data = etree.tostring(rels_tree, xml_declaration=True, encoding="UTF-8", standalone=True)
            if rels_entry is None:
                added[rels_name] = data
            else:
                replaced[rels_entry] = data
        if ct_changed and ct_tree is not None:
            replaced[ct_entry] = etree.tostring(ct_tree, xml_declaration=True, encoding="UTF-8", standalone=True)
        return replaced, added, removed

    def _strip_macros(self, rels_tree, ct_tree) -> frozenset[str]:
        """Remove the VBA project (and what only macros use) from the copy; returns the entries removed."""
        names = self.pkg.names
        folder = posixpath.dirname(self.main)
        gone: set[str] = set()
        rels = rels_tree.getroot()
        for rel in list(rels):
            rtype = (rel.get("Type") or "").rsplit("/", 1)[-1]
            if rtype in MACRO_RELATIONSHIPS and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/")
                if target.lower() in names:
                    gone.add(names[target.lower()])
                rels.remove(rel)
        if ct_tree is not None:
            ct = ct_tree.getroot()
            for el in list(ct):
                ctype = el.get("ContentType") or ""
                if any(marker in ctype for marker in MACRO_CONTENT_TYPES):
                    if el.tag == "{%s}Override" % CT_NS:
                        part = el.get("PartName", "").lstrip("/").lower()
                        if part in names:
                            gone.add(names[part])
                    ct.remove(el)
        for name in list(gone):  # the removed parts' own relationships
            folder_, base = posixpath.split(name)
            own = posixpath.join(folder_, "_rels", base + ".rels").lower()
            if own in names:
                gone.add(names[own])
        self.macros_removed = sorted(gone)
        return frozenset(gone)

    def _as_document(self, ct_tree) -> bool:
        """Give the main part the plain document content type (a template or macro document
        saved as .docx would not open in Word).  Returns whether it changed."""
        for el in ct_tree.getroot().iter("{%s}Override" % CT_NS):
            if el.get("PartName", "").lstrip("/").lower() == self.main.lower() and el.get("ContentType") != DOCUMENT_CT:
                el.set("ContentType", DOCUMENT_CT)
                return True
        return False


def _marker(tag: str, cid: str) -> etree._Element:
    el = etree.Element(tag)
    el.set(W_ID, cid)
    return el


def _reference_run(cid: str) -> etree._Element:
    r = etree.Element(W_R)
    etree.SubElement(r, W_REFERENCE).set(W_ID, cid)
    return r


def _anchor_paragraphs(first: etree._Element, last: etree._Element, cid: str) -> None:
    """Anchor on whole paragraphs: start after the first one's ``w:pPr``, end and reference at
    the end of the last one (the same paragraph for a missing element)."""
    ppr = first.find(W_PPR)
    start = _marker(W_RANGE_START, cid)
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    last.append(_marker(W_RANGE_END, cid))
    last.append(_reference_run(cid))


def _split_at(wp: WalkedParagraph, offset: int) -> None:
    """Make ``offset`` a run boundary in the paragraph (both halves keep the run's formatting).

    Called for offsets in descending order on one walk: a split only moves content at or after
    its offset, so the pieces before it stay valid.
    """
    boundary = None
    run = None
    for i, pc in enumerate(wp.pieces):
        end = pc.start + len(pc.text)
        if pc.start < offset < end:
            if pc.element.tag != W_T:
                return
            cur = pc.element.text or ""
            k = offset - pc.start
            pc.element.text = cur[:k]
            pc.element.set(XML_SPACE, "preserve")
            boundary = etree.Element(W_T)
            boundary.text = cur[k:]
            boundary.set(XML_SPACE, "preserve")
            pc.element.addnext(boundary)
            run = pc.run
            break
        if pc.start == offset:
            if i == 0 or wp.pieces[i - 1].run is not pc.run:
                return  # already a run boundary
            boundary, run = pc.element, pc.run
            break
    if boundary is None or run is None or boundary.getparent() is not run:
        return
    new_run = etree.Element(run.tag, attrib=dict(run.attrib))
    rpr = run.find(W_RPR)
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    moving = [boundary] + list(boundary.itersiblings())
    for el in moving:
        new_run.append(el)  # append moves the element (and keeps its tail)
    run.addnext(new_run)
