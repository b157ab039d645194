"""Inputs and measuring helpers shared by the bench scripts: one place that says what is timed.

* :func:`real_documents` — the 38 real Word/WPS files of the shared corpus (32 layouts in
  ``corpus/docx`` + 6 third-party files in ``corpus/realdocx``), and :func:`replicate` copying
  them round-robin to a folder of N files (320 = 8 full rounds + the first 16 again), each copy
  under its own name, as a batch of one organisation's drafts would look;
* :func:`long_draft` — an N-page draft in GB/T 9704 shape whose body is distinct real text (the
  government work reports of ``archive/gwr``, with their own 一、（一） headings); the 100-page draft
  is one paragraph in five of the 500-page one, so the two differ in size only, and no text repeats;
* :func:`floor` — what any .docx checker must do at least: unzip ``word/document.xml``, parse it
  with lxml and join the text of its ``w:t`` elements;
* :func:`stats` / :func:`fmt` — median with min–max of repeated runs.

Figures are paired: every script times ours, the floor and (where it applies) the peer in the
same run, because the machine is shared and absolute times drift.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT / "eval"))

#: Characters of body text on one GB/T 9704 page (22 lines × 28 characters, less the white of
#: paragraph ends) — the same figure bench_reader has used for its 10- and 500-page drafts.
CHARS_PER_PAGE = 660

_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def real_documents() -> list[Path]:
    files = sorted((CORPUS / "docx").glob("*.docx")) + sorted((CORPUS / "realdocx").glob("*.docx"))
    if not files:
        raise SystemExit(f"no real documents under {CORPUS} (the shared corpus must sit beside the checkout)")
    return files


def replicate(files: Sequence[Path], count: int, folder: Path) -> list[Path]:
    """``count`` copies of ``files`` taken round-robin, named ``NNN_<name>``, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        src = files[i % len(files)]
        dst = folder / f"{i:03d}_{src.name}"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


def floor(path: Path) -> str:
    """Unzip + XML parse + text extraction of the main document part (the least any checker does)."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(_W_T))


def long_draft(path: Path, pages: int, pool_pages: int = 500) -> int:
    """Write an N-page draft (head, body from the work reports, signature and 版记); returns its
    body characters.

    The body is drawn from one pool of ``pool_pages`` pages of paragraphs (the reports in order):
    an N-page draft takes N of every ``pool_pages`` of them, evenly spread, so drafts of different
    sizes have paragraphs of the same kind and length and differ only in how many — a 100-page
    draft is one paragraph in five of the 500-page one.
    """
    from make_documents import Draft, Line, drafts_from_corpus, heading_role, write_docx

    base = drafts_from_corpus(count=1)[0]
    pool: list[Line] = []
    size, want = 0, max(pages, pool_pages) * CHARS_PER_PAGE
    for report in sorted((CORPUS / "archive" / "gwr").glob("*.txt")):
        for raw in report.read_text(encoding="utf-8").splitlines():
            text = raw.strip()
            if not text or (text.endswith("：") and len(text) < 12):  # 各位代表：
                continue
            pool.append(Line(heading_role(text), text))
            size += len(text)
            if size >= want:
                break
        if size >= want:
            break
    share = min(1.0, pages / pool_pages)
    body = [ln for i, ln in enumerate(pool) if int((i + 1) * share) > int(i * share)]
    head = [ln for ln in base.lines if ln.role in ("organ_mark", "empty", "doc_number", "title", "addressee")][:7]
    tail = [ln for ln in base.lines if ln.role in ("signature", "date", "cc", "printer")]
    draft = Draft(f"pages{pages}", base.title, base.number, base.issuer, base.year, base.genre, base.format,
                  head + body + [Line("empty", "")] + tail)
    write_docx(draft, path)
    return sum(len(ln.text) for ln in body)


def typical_draft(path: Path, drafts=None) -> None:
    """The "typical draft" of docs/benchmarks.md: one document's head and closing around ~6,500 characters
    of body paragraphs taken in turn from the State Council documents (about ten pages)."""
    from make_documents import Draft, Line, drafts_from_corpus, write_docx

    drafts = drafts or drafts_from_corpus(count=40)
    base = drafts[0]
    body = [ln for d in drafts for ln in d.lines if ln.role in ("body", "heading1", "heading2")]
    lines, size = [], 0
    for ln in body:
        if size > 6500:
            break
        lines.append(ln)
        size += len(ln.text)
    head = [ln for ln in base.lines if ln.role in ("organ_mark", "empty", "doc_number", "title", "addressee")][:7]
    tail = [ln for ln in base.lines if ln.role in ("signature", "date", "cc", "printer")]
    typical = Draft("typical", base.title, base.number, base.issuer, base.year, base.genre, base.format,
                    head + lines + [Line("empty", "")] + tail)
    write_docx(typical, path)


# -- timing ------------------------------------------------------------------------------------


def stats(values: Sequence[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def fmt(values: Sequence[float], scale: float = 1000.0, unit: str = "ms", digits: int = 1) -> str:
    """``median (min–max) unit``."""
    med, lo, hi = stats(values)
    return f"{med * scale:.{digits}f} {unit} ({lo * scale:.{digits}f}–{hi * scale:.{digits}f})"


def ratio(ours: Sequence[float], theirs: Sequence[float]) -> str:
    """Median of the per-round ratios (rounds are paired: the same moment of a shared machine)."""
    rs = [a / b for a, b in zip(ours, theirs)]
    med, lo, hi = stats(rs)
    return f"{med:.2f}× ({lo:.2f}–{hi:.2f})"


def run_cmd(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys of the child) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cpu_time(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU (this process) seconds of ``fn()``."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load:.1f} at start, "
            f"{time.strftime('%Y-%m-%d %H:%M')}")


def check_bytecode() -> str | None:
    """A warning when the package would be compiled from source on every run (see docs/developing.md)."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return None
    import importlib.util

    spec = importlib.util.find_spec("gongwen_lint")
    if spec is None or not spec.origin:
        return None
    cached = importlib.util.cache_from_source(spec.origin)
    if not os.path.exists(cached) or os.path.getmtime(cached) < os.path.getmtime(spec.origin):
        return ("PYTHONDONTWRITEBYTECODE is set and gongwen_lint has no up-to-date .pyc: every run compiles it "
                "(+25 % CPU). Run `python -m compileall -q src` first (docs/developing.md).")
    return None
