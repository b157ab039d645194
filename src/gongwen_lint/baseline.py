"""Baselines: accept today's findings, fail only on new ones.

Entries are keyed by content (the diagnostic fingerprint: code, paragraph text, excerpt,
occurrence), not by paragraph number, so inserting a paragraph does not invalidate them.  The
file is sorted JSON so that it diffs well under version control.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from .errors import ReadError
from .fileio import read_capped
from .limits import MAX_FILE_BYTES, file_too_big

VERSION = 1


def _key(path: str, baseline_path: Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(baseline_path.resolve().parent).as_posix()
    except ValueError:
        return p.as_posix()


def write(reports, baseline_path: str | Path) -> int:
    """Write every current finding to the baseline; return how many were recorded."""
    baseline_path = Path(baseline_path)
    files: dict[str, list[dict]] = {}
    for rep in reports:
        if rep.error:
            continue
        entries = [{"code": d.code, "fingerprint": d.fingerprint, "excerpt": d.excerpt} for d in rep.diagnostics]
        if entries:
            files[_key(rep.path, baseline_path)] = sorted(entries, key=lambda e: (e["code"], e["fingerprint"]))
    data = {"version": VERSION, "files": dict(sorted(files.items()))}
    tmp = baseline_path.with_name(baseline_path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, baseline_path)
    return sum(len(v) for v in files.values())


def load(baseline_path: str | Path) -> dict[str, set[str]]:
    baseline_path = Path(baseline_path)
    if not baseline_path.exists():
        raise ReadError(f"基线文件不存在：{baseline_path}（先用 --write-baseline 生成）")
    try:
        raw = read_capped(baseline_path, MAX_FILE_BYTES, file_too_big)
    except ReadError as e:
        raise ReadError(f"无法读取基线文件 {baseline_path}：{e}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
        files = data["files"]
        return {path: {e["fingerprint"] for e in entries} for path, entries in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ReadError(f"基线文件 {baseline_path} 格式不正确：请用 --write-baseline 重新生成") from None


def apply(reports, baseline_path: str | Path):
    """Drop the findings recorded in the baseline; return the reports with only new findings."""
    known = load(baseline_path)
    out = []
    for rep in reports:
        fps = known.get(_key(rep.path, Path(baseline_path)), set())
        if fps and not rep.error:
            rep = replace(rep, diagnostics=[d for d in rep.diagnostics if d.fingerprint not in fps])
        out.append(rep)
    return out
