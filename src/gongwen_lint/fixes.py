"""Applying fixes (``check --fix``) to .docx, .txt and .md drafts.

Principles (references/linters.md §4.6):

- An edit replaces text inside ``w:t`` elements and nothing else, so the run keeps its
  formatting.  A fix whose span lies inside one run is *safe*; one spanning several runs puts the
  replacement in the first run's text (taking its formatting) and is applied only with
  ``--unsafe-fixes``.
- Only the parts that hold an edit are re-serialised; every other zip entry is copied with the
  same content, name, order, timestamp and compression.  A file where no edit applies is not
  rewritten at all (re-running ``--fix`` is a no-op).
- Edits that overlap are not applied together: the non-overlapping ones are applied, the draft
  is linted again and the loop repeats (at most :data:`MAX_ROUNDS` rounds).
- Every edited paragraph is read back with the reader's own walk and must have exactly the
  expected text; a paragraph that does not is left as it was.  The fixed file must read back as
  a draft before it replaces anything.
- The file is replaced atomically: a temporary file in the same folder, then ``os.replace``.

The package-writing helpers (part lookup, a parser that keeps everything, serialisation, zip
copy) are :mod:`gongwen_lint.docx.writer`, shared with :mod:`gongwen_lint.output.annotate`.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Protocol

from lxml import etree

from .diagnostics import Diagnostic
from .docx.ns import MC_CHOICE, MC_FALLBACK, W_P, W_T, W_TXBXCONTENT, XML_SPACE
from .docx.walk import WalkedParagraph, walk_part
from .docx.writer import copy_zip, parse_part, serialise, walk_root, zip_part_name
from .errors import ReadError
from .reading import TEXT_SUFFIXES, load_document
from .fileio import COPY_MARK, atomic_write, check_writable, commit, discard, os_reason, temp_beside

__all__ = ["Edit", "FixResult", "fix_file", "plan", "summary_line"]

if TYPE_CHECKING:
    from .model import Document
    from .report import Report


class Linter(Protocol):
    """What the fix loop needs of :class:`gongwen_lint.api.Linter` (which sits above this
    module and is passed in by the command line, the service and library users)."""

    def check_file(self, path: str | Path) -> Report: ...

    def check_document(self, doc: Document, path_for_config: str | None = None) -> Report: ...


MAX_ROUNDS = 5
FIXABLE_PARTS = re.compile(r"^(body|header\d*|footer\d*|footnotes|endnotes)$")

# -- planning -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of one paragraph with ``replacement``."""

    part: str
    paragraph: int
    start: int
    end: int
    replacement: str
    code: str
    unsafe: bool = False


def _conflict(a: Edit, b: Edit) -> bool:
    if a.part != b.part or a.paragraph != b.paragraph:
        return False
    lo, hi = max(a.start, b.start), min(a.end, b.end)
    if a.start == a.end or b.start == b.end:  # an insertion conflicts with anything touching its point
        return lo <= hi
    return lo < hi


def plan(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[list[Edit], Counter]:
    """The edits to apply in one round, and per rule the unsafe fixes left out.

    Identical edits offered by two rules are one edit.  Among overlapping edits the earliest
    (then the safe one, then the lower code) wins; the others wait for the next round, when the
    re-lint shows whether they are still needed.
    """
    skipped: Counter = Counter()
    candidates: dict[tuple, Edit] = {}
    for d in diagnostics:
        if d.fix is None or not FIXABLE_PARTS.match(d.location.part):
            continue
        loc = d.location
        if d.fix.replacement == d.excerpt:
            continue
        is_unsafe = d.fix.applicability != "safe"
        if is_unsafe and not unsafe:
            skipped[d.code] += 1
            continue
        e = Edit(loc.part, loc.paragraph, loc.start, loc.end, d.fix.replacement, d.code, is_unsafe)
        key = (e.part, e.paragraph, e.start, e.end, e.replacement)
        if key not in candidates:
            candidates[key] = e
    chosen: dict[tuple[str, int], list[Edit]] = {}
    for e in sorted(candidates.values(), key=lambda e: (e.part, e.paragraph, e.start, e.end, e.unsafe, e.code)):
        same = chosen.setdefault((e.part, e.paragraph), [])
        if not any(_conflict(e, o) for o in same):
            same.append(e)
    return [e for es in chosen.values() for e in es], skipped


def apply_to_text(text: str, edits: Iterable[Edit], shift: int = 0) -> str:
    """``text`` with the (non-overlapping) edits applied; offsets are shifted by ``shift``."""
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: e.start + shift] + e.replacement + text[e.end + shift:]
    return text


# -- editing a .docx ----------------------------------------------------------------------------


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
    from .docx.package import open_package

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


def copy_draft(src: Path, dst: Path) -> None:
    """An unchanged copy of a draft (``--fix-to`` with nothing to fix); a .docx copy is marked."""
    if src.suffix.lower() in TEXT_SUFFIXES:
        dst.write_bytes(src.read_bytes())
    else:
        copy_zip(src, dst, {}, comment=COPY_MARK)


# -- editing a plain-text draft -----------------------------------------------------------------

_LINE_SPLIT = re.compile(r"(\r\n|\r|\n)")


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
    from .textreader import _MD_PREFIX, paragraphs_from_text

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


# -- the fix loop -------------------------------------------------------------------------------


@dataclass
class FixResult:
    """What ``--fix`` did to one file."""

    path: str
    target: str
    report: "Report"  # the findings that remain (of the written file, or of the input)
    applied: Counter = field(default_factory=Counter)  # rule code -> edits applied
    skipped_unsafe: Counter = field(default_factory=Counter)  # rule code -> unsafe fixes left out
    rounds: int = 0
    converged: bool = True
    written: bool = False
    error: str | None = None  # why the fix was abandoned (the input is untouched)

    @property
    def total(self) -> int:
        return sum(self.applied.values())


def _relint(linter: Linter, tmp: Path, original: Path) -> "Report":
    doc = load_document(tmp)
    # Report (and match per-file-ignores) under the draft's own name, not the temporary one.
    doc = replace(doc, path=str(original))
    return linter.check_document(doc, str(original))


def fix_file(
    linter: Linter,
    path: str | Path,
    output: str | Path | None = None,
    unsafe: bool = False,
    max_rounds: int = MAX_ROUNDS,
    report: "Report | None" = None,
) -> FixResult:
    """Apply fixes to a draft in place, or to a copy at ``output``.

    ``report`` may be the draft's current report (saves one lint).  The input is replaced only
    when at least one edit was applied and the fixed file reads back as a draft; with
    ``output`` the copy is written even when there is nothing to fix.

    In place, a symbolic link is followed: the draft it points to is fixed and the link stays.
    A read-only draft is not fixed (a rename would replace it anyway, and as root nothing else
    would stop it).  Temporary files are removed on every way out, Ctrl-C and SIGTERM included.
    """
    src = Path(path)
    target = Path(output) if output is not None else src
    if output is not None and target.resolve() == src.resolve():
        output = None  # "a copy" onto the draft itself is a fix in place
    if output is None:
        target = Path(os.path.realpath(src))
    if report is None:
        report = linter.check_file(src)
    result = FixResult(path=str(src), target=str(src if output is None else target), report=report)
    if report.error:
        return result
    is_text = src.suffix.lower() in TEXT_SUFFIXES
    temps: list[Path] = []
    current, tmp = src, None
    try:
        while True:
            edits, skipped = plan(report.diagnostics, unsafe)
            result.skipped_unsafe = skipped
            if not edits:
                break
            if result.rounds >= max_rounds:
                result.converged = False
                break
            if output is None and tmp is None:
                why = check_writable(target)
                if why:
                    return _abandon(result, linter, src, f"{why}，未修复（原文件未改动）；请先取消只读或检查权限")
            try:
                new_tmp = temp_beside(target)
                temps.append(new_tmp)
                if is_text:
                    done = apply_text_file(current, new_tmp, edits)
                else:
                    done = apply_docx(current, new_tmp, edits, mark=output is not None)
            except ReadError as e:
                return _abandon(result, linter, src, f"{e}（已放弃修复，原文件未改动）")
            except OSError as e:
                where = "修复后的副本" if output is not None else "修复结果"
                return _abandon(result, linter, src, f"无法写入{where}（{os_reason(e)}），已放弃修复，原文件未改动")
            except Exception as e:  # noqa: BLE001 - a bug here must not leave half a file or a traceback
                return _abandon(result, linter, src,
                                f"修复时发生内部错误（{type(e).__name__}），已放弃修复，原文件未改动；请把文件报告给维护者")
            if not done:
                break
            discard(tmp)  # the previous round's file
            current = tmp = new_tmp
            result.applied.update(e.code for e in done)
            result.rounds += 1
            report = _relint(linter, tmp, src)
            if report.error:
                return _abandon(result, linter, src,
                                f"修复后的文件无法读取（{report.error}），已放弃修复，原文件未改动；请把文件报告给维护者")
            result.report = report
        try:
            if tmp is not None:
                commit(tmp, target, target if target.exists() else None)
                result.written = True
            elif output is not None:
                atomic_write(target, lambda t: copy_draft(src, t))
                result.written = True
        except OSError as e:
            where = f"修复后的副本 {target}" if output is not None else "修复结果"
            return _abandon(result, linter, src, f"无法写入{where}（{os_reason(e)}），原文件未改动")
    finally:
        for t in temps:
            discard(t)
    if output is not None:
        result.report.path = str(target)
    return result


def _abandon(result: FixResult, linter: Linter, src: Path, message: str) -> FixResult:
    """Give up: keep the input as it is, report on the input (the caller drops temporary files)."""
    result.error = message
    result.applied.clear()
    result.rounds = 0
    result.written = False
    result.report = linter.check_file(src)
    return result


def summary_line(result: FixResult) -> str | None:
    """The Chinese line for stderr: what was fixed, what was left, per rule."""
    parts = []
    where = result.path if result.target == result.path else f"{result.path} → {result.target}"
    if result.error:
        return f"{result.path}：{result.error}"
    if result.total:
        per_rule = "，".join(f"{code} ×{n}" for code, n in sorted(result.applied.items()))
        parts.append(f"已修复 {where}：共 {result.total} 处（{per_rule}）")
    if result.skipped_unsafe:
        n = sum(result.skipped_unsafe.values())
        codes = "、".join(sorted(result.skipped_unsafe))
        parts.append(f"{result.path}：另有 {n} 处修复（{codes}）跨越多个格式片段，可能改变格式，"
                     "未应用；确认后可加 --unsafe-fixes 应用")
    if not result.converged:
        parts.append(f"{result.path}：经过 {result.rounds} 轮修复仍有可修复的问题（修复未收敛），请人工复核")
    return "\n".join(parts) or None
