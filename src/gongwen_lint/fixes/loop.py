"""The fix-and-lint loop (``check --fix``): plan, apply, lint again, at most ``MAX_ROUNDS``
rounds; the draft is replaced atomically, or not at all."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ..docx.writer import copy_zip
from ..errors import ReadError
from ..fileio import COPY_MARK, atomic_write, check_writable, commit, discard, os_reason, temp_beside
from ..model import Document
from ..reading import TEXT_SUFFIXES, load_document
from ..report import Report
from .docx_edits import apply_docx
from .plan import plan
from .text_edits import apply_text_file

MAX_ROUNDS = 5


class Linter(Protocol):
    """What the fix loop needs of :class:`gongwen_lint.api.Linter` (which sits above this
    module and is passed in by the command line, the service and library users)."""

    def check_file(self, path: str | Path) -> Report: ...

    def check_document(self, doc: Document, path_for_config: str | None = None) -> Report: ...


def copy_draft(src: Path, dst: Path) -> None:
    """An unchanged copy of a draft (``--fix-to`` with nothing to fix); a .docx copy is marked."""
    if src.suffix.lower() in TEXT_SUFFIXES:
        dst.write_bytes(src.read_bytes())
    else:
        copy_zip(src, dst, {}, comment=COPY_MARK)


@dataclass
class FixResult:
    """What ``--fix`` did to one file."""

    path: str
    target: str
    report: Report  # the findings that remain (of the written file, or of the input)
    applied: Counter = field(default_factory=Counter)  # rule code -> edits applied
    skipped_unsafe: Counter = field(default_factory=Counter)  # rule code -> unsafe fixes left out
    rounds: int = 0
    converged: bool = True
    written: bool = False
    error: str | None = None  # why the fix was abandoned (the input is untouched)

    @property
    def total(self) -> int:
        return sum(self.applied.values())


def _relint(linter: Linter, tmp: Path, original: Path) -> Report:
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
    report: Report | None = None,
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
