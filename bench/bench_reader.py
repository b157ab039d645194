"""Time the .docx reader: a ~10-page draft and a ~500-page one, built here from a real law text.

Prints: build sizes, read time (median of N in-process reads), peak RSS growth for the large
draft, and the import time of ``gongwen_lint.docx.reader`` in a fresh interpreter.
Run: ``/work/venv/bin/python bench/bench_reader.py``
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from docxbuild import PAGE_FIELD, DocxBuilder, para, run
from gongwen_lint.docx.reader import read_docx_file

LAW = Path(__file__).resolve().parents[1].parent.joinpath("shared/corpus/archive/laws")


def source_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(LAW.glob("*.txt"))[:40]:
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def build(path: Path, target_chars: int, lines: list[str]) -> tuple[int, int]:
    """A draft in GB/T 9704 shape: red organ mark in a text box, title, headings, body, footer."""
    b = DocxBuilder()
    b.page(width=210, height=297, top=37, bottom=35, left=28, right=26, grid=("linesAndChars", 579, -849))
    b.style("BodyGW", "公文正文", rpr='<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/>'
            '<w:sz w:val="32"/></w:rPr>',
            ppr='<w:pPr><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" '
            'w:firstLine="640"/><w:jc w:val="both"/></w:pPr>')
    from docxbuild import textbox
    b.body("<w:p>" + textbox(para(run("XX市人民政府文件", font="方正小标宋简体", size=57, color="FF0000"),
                                   align="distribute")) + "</w:p>")
    b.p("X政发〔2024〕12号", align="center", font="仿宋_GB2312", size=16)
    b.p("关于进一步做好有关工作的通知", align="center", font="方正小标宋简体", size=22)
    b.p("各区人民政府，市政府各部门：", font="仿宋_GB2312", size=16)
    chars, n, heading = 0, 0, 0
    while chars < target_chars:
        line = lines[n % len(lines)]
        n += 1
        if n % 12 == 1:
            heading += 1
            b.p(f"{heading}、{line[:14]}", style="BodyGW", font="黑体", size=16)
        else:
            b.p(run(line[: len(line) // 2]), run(line[len(line) // 2:]), style="BodyGW")
        chars += len(line)
    b.footer(para(run("— "), PAGE_FIELD, run(" —"), align="right"))
    b.footer(para(run("— "), PAGE_FIELD, run(" —"), align="left"), type="even")
    b.save(path)
    return chars, n


def median_read(path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        read_docx_file(path)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    lines = source_lines()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "ten_pages.docx", Path(tmp) / "five_hundred_pages.docx"
        c1, p1 = build(small, 6500, lines)  # 22 lines × 28 chars ≈ 600 chars a page
        c2, p2 = build(large, 330_000, lines)
        print(f"10-page draft: {c1} chars, {p1} paragraphs, {small.stat().st_size // 1024} KB")
        print(f"  read (median of 20): {median_read(small, 20) * 1000:.1f} ms")
        print(f"500-page draft: {c2} chars, {p2} paragraphs, {large.stat().st_size // 1024} KB")
        code = (
            "import resource, time; from gongwen_lint.docx.reader import read_docx_file; "
            "r0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.perf_counter(); "
            f"d = read_docx_file({str(large)!r}); dt = time.perf_counter() - t; "
            "r1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "print(f'  read in a fresh process: {dt * 1000:.0f} ms, {len(d.body)} paragraphs, '"
            "f'peak RSS {r1 / 1024:.0f} MB (+{(r1 - r0) / 1024:.0f} MB during the read)')"
        )
        print(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.rstrip())
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import gongwen_lint.docx.reader"],
                         capture_output=True, text=True).stderr.splitlines()
    cumulative = {}
    for ln in out:
        fields = ln.split("|")
        if len(fields) == 3 and fields[1].strip().isdigit():
            cumulative[fields[2].strip()] = int(fields[1])
    total = cumulative.get("gongwen_lint.docx.reader", 0)
    package = cumulative.get("gongwen_lint", 0)
    print(f"import gongwen_lint.docx.reader: {total / 1000:.1f} ms cumulative, of which the gongwen_lint "
          f"package __init__ {package / 1000:.1f} ms and lxml.etree {cumulative.get('lxml.etree', 0) / 1000:.1f} ms")

if __name__ == "__main__":
    main()
