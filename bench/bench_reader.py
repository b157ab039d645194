"""Time the .docx reader: a ~10-page draft and a ~500-page one, built here from a real law text.

Per round, the reader and the floor (unzip ``word/document.xml``, lxml parse, join the ``w:t``
texts: ``_inputs.floor``) read the same draft one after the other; prints CPU-time medians with
min–max and the per-round ratio, the peak RSS of a fresh process reading the large draft, and the
import time of ``gongwen_lint.docx.reader`` in fresh interpreters (median of 5, min–max).
Run: ``python bench/bench_reader.py [--repeat 11]``
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _inputs import cpu_time, floor, fmt, machine, ratio

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


def paired(path: Path, repeat: int) -> tuple[list[float], list[float]]:
    """CPU seconds of the reader and of the floor on ``path``, ``repeat`` paired rounds."""
    ours, base = [], []
    for _ in range(repeat):
        ours.append(cpu_time(lambda: read_docx_file(path))[1])
        base.append(cpu_time(lambda: floor(path))[1])
    return ours, base


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=11)
    args = ap.parse_args(argv)
    print(f"gongwen-lint reader benchmark — {machine()}")
    lines = source_lines()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "ten_pages.docx", Path(tmp) / "five_hundred_pages.docx"
        c1, p1 = build(small, 6500, lines)  # 22 lines × 28 chars ≈ 600 chars a page
        c2, p2 = build(large, 330_000, lines)
        read_docx_file(small)  # warm-up: imports, the styles of this builder
        for label, path, chars, n, rounds in (("10-page", small, c1, p1, args.repeat),
                                              ("500-page", large, c2, p2, max(3, args.repeat // 3))):
            print(f"{label} draft: {chars} chars, {n} paragraphs, {path.stat().st_size // 1024} KB, {rounds} rounds (CPU)")
            ours, base = paired(path, rounds)
            print(f"  reader  {fmt(ours)}")
            print(f"  floor   {fmt(base, digits=2)}   (unzip + parse + text of word/document.xml)")
            print(f"  reader / floor  {ratio(ours, base)}")
        code = (
            "import resource; from gongwen_lint.docx.reader import read_docx_file; "
            "r0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            f"d = read_docx_file({str(large)!r}); "
            "r1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "print(f'  500-page draft in a fresh process: {len(d.body)} paragraphs, '"
            "f'peak RSS {r1 / 1024:.0f} MB (+{(r1 - r0) / 1024:.0f} MB during the read)')"
        )
        print(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.rstrip())
    totals, lxml = [], []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import gongwen_lint.docx.reader"],
                             capture_output=True, text=True).stderr.splitlines()
        cumulative = {}
        for ln in out:
            fields = ln.split("|")
            if len(fields) == 3 and fields[1].strip().isdigit():
                cumulative[fields[2].strip()] = int(fields[1])
        totals.append(cumulative.get("gongwen_lint.docx.reader", 0) / 1e6)
        lxml.append(cumulative.get("lxml.etree", 0) / 1e6)
    print(f"import gongwen_lint.docx.reader (5 fresh interpreters): {fmt(totals)}, of which lxml.etree {fmt(lxml)}")


if __name__ == "__main__":
    main()
