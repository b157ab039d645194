"""Applying edits to a .docx: text replaced inside ``w:t`` elements only, so every run keeps its
formatting; each edited paragraph is read back with the reader's walk and must come out exactly
as expected, else it is left as it was."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..docx.ns import MC_CHOICE, MC_FALLBACK, W_P, W_T, W_TXBXCONTENT, XML_SPACE
from ..docx.package import open_package
from ..docx.walk import WalkedParagraph, walk_part
from ..docx.writer import copy_zip, parse_part, serialise, walk_root, zip_part_name
from ..fileio import COPY_MARK
from .plan import Edit, apply_to_text


class _Skip(Exception):
    """This edit cannot be expressed by changing ``w:t`` text; leave the paragraph alone."""


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip(" \u3000\t") or "  " in text:
        t.set(XML_SPACE, "preserve")


def _edit_paragraph(wp: WalkedParagraph, edits: list[Edit]) -> None:
    # Right to left: an edit never moves the offsets of the text before it.
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        _edit(wp, e.start, e.end, e.replacement)


def _edit(wp: WalkedParagraph, start: int, end: int, repl: str) -> None:
    if "\t" in repl or "\n" in repl:
        raise _Skip
    texts = [pc for pc in wp.pieces if pc.element.tag == W_T]
    if start == end:  # an insertion: append to the text before the point, else prepend to the one after
        host = next((pc for pc in texts if pc.start < start <= pc.start + len(pc.text)), None)
        host = host or next((pc for pc in texts if pc.start == start), None)
        if host is None:
            raise _Skip
        cur = host.element.text or ""
        at = start - host.start
        _set_text(host.element, cur[:at] + repl + cur[at:])
        return
    hit = [pc for pc in wp.pieces if pc.start < end and start < pc.start + len(pc.text)]
    if not hit or hit[0].start > start or hit[-1].start + len(hit[-1].text) < end:
        raise _Skip
    placed = not repl
    emptied = []
    for pc in hit:
        a = max(start, pc.start) - pc.start
        b = min(end, pc.start + len(pc.text)) - pc.start
        el = pc.element
        if el.tag == W_T:
            cur = el.text or ""
            new = cur[:a] + ("" if placed else repl) + cur[b:]
            placed = True
            _set_text(el, new)
            if not new:
                emptied.append(el)
        else:  # a tab, break or symbol: one character, removed whole
            if a != 0 or b != len(pc.text):
                raise _Skip
            if not placed:
                t = etree.Element(W_T)
                _set_text(t, repl)
                el.addprevious(t)
                placed = True
            el.getparent().remove(el)
    for el in emptied:
        el.getparent().remove(el)


def _fallback_twin(wp: WalkedParagraph) -> WalkedParagraph | None:
    """The same text-box paragraph in the ``mc:Fallback`` copy (VML) Word writes for old readers.

    The walk reads only the ``mc:Choice``; an edit there is repeated on the twin so both copies
    keep the same text.  Best effort: the twin must be found at the same position with the same
    text, else the Fallback is left as it was.
    """
    choice = next((a for a in wp.element.iterancestors() if a.tag == MC_CHOICE), None)
    if choice is None:
        return None
    fallback = next((c for c in choice.getparent() if c.tag == MC_FALLBACK), None)
    if fallback is None:
        return None
    ours, theirs = list(choice.iter(W_P)), list(fallback.iter(W_P))
    if len(ours) != len(theirs):
        return None
    twin = theirs[ours.index(wp.element)]
    box = next((a for a in twin.iterancestors() if a.tag == W_TXBXCONTENT), None)
    if box is None:
        return None
    found = next((p for p in walk_part(box).paragraphs if p.element is twin), None)
    return found if found is not None and found.text == wp.text else None


def _apply_part(data: bytes, part_name: str, main: str, edits: list[Edit]) -> tuple[bytes | None, list[Edit]]:
    """Apply the edits of one part; return the new bytes (None if nothing applied) and the applied edits.

    Each edited paragraph is read back with the walk; a paragraph whose text does not come out
    exactly as expected (or whose edit cannot be expressed in ``w:t`` text) is dropped and the
    part is edited again from the original bytes without it.
    """
    pending: dict[int, list[Edit]] = {}
    for e in edits:
        pending.setdefault(e.paragraph, []).append(e)
    while pending:
        tree, strict = parse_part(data, part_name)
        paragraphs = walk_part(walk_root(tree, part_name, main)).paragraphs
        expected: dict[int, str] = {}
        failed: set[int] = set()
        for n, es in pending.items():
            if not 0 < n <= len(paragraphs) or any(e.end > len(paragraphs[n - 1].text) for e in es):
                failed.add(n)
                continue
            wp = paragraphs[n - 1]
            expected[n] = apply_to_text(wp.text, es)
            try:
                mirror = _fallback_twin(wp) if wp.in_textbox else None
                _edit_paragraph(wp, es)
                if mirror is not None:
                    _edit_paragraph(mirror, es)
            except _Skip:
                failed.add(n)
        if not failed:
            after = walk_part(walk_root(tree, part_name, main)).paragraphs
            failed = {n for n, text in expected.items() if n > len(after) or after[n - 1].text != text}
            if not failed:
                return serialise(tree, strict), [e for es in pending.values() for e in es]
        for n in failed:
            del pending[n]
    return None, []


def apply_docx(src: Path, dst: Path, edits: list[Edit], mark: bool = False) -> list[Edit]:
    """Write ``dst`` = ``src`` with the edits; return the edits applied (none: ``dst`` not written).

    ``mark``: ``dst`` is a copy (``--fix-to``), marked as written by gongwen-lint so that the next
    run may replace it (:func:`gongwen_lint.fileio.check_overwrite`).
    """
    pkg = open_package(src)
    try:
        by_part: dict[str, list[Edit]] = {}
        for e in edits:
            by_part.setdefault(e.part, []).append(e)
        replaced: dict[str, bytes] = {}
        applied: list[Edit] = []
        for part, es in by_part.items():
            name = zip_part_name(pkg, part)
            if name is None or name in replaced:
                continue
            new, done = _apply_part(pkg.read(name), name, pkg.main, es)
            if new is not None:
                replaced[pkg.names.get(name.lower(), name)] = new
                applied += done
    finally:
        pkg.close()
    if applied:
        if mark:
            copy_zip(src, dst, replaced, comment=COPY_MARK)
        else:
            copy_zip(src, dst, replaced)
    return applied
