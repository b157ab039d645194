"""Peak memory and time of one check on the worst files under (and just over) the caps.

Issue 19 R1: a 3.8 MB .docx whose document.xml inflates to 110 MB took 4.7 GB and 431 s.  The
caps of ``gongwen_lint/limits.py`` should keep any file under them within about 300 MB and 15 s
on the 2-core machine.  This script builds each worst case (sizes derived from the caps, so they
follow the constants), checks it with the default rules in a fresh process per run, and prints
per case the outcome, the median time and peak RSS with min–max over the runs.  Two floors run
in the same session: an empty draft and a 10-page draft (start-up and a normal check).

Run: ``python bench/bench_hostile.py [--runs 3] [--only NAME,NAME] [--select ALL] [--keep DIR] [--code SRC]``
(the issue's original 110 MB case takes a few seconds now; before the caps, 431 s).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from gongwen_lint import limits

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
SECT = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
        'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
RPR = '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>'
PPR = '<w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200"/><w:jc w:val="both"/></w:pPr>'
HEAD = ("关于进一步做好防汛工作的通知", "各乡镇人民政府，市直各部门：")
CJK = [chr(c) for c in range(0x4E00, 0x9FA5)]


def archive_lines() -> list[str]:
    """Real sentences when the shared corpus is beside the checkout, else generated text."""
    root = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "archive"
    lines: list[str] = []
    for p in sorted(root.rglob("*.txt"))[:300]:
        lines += [ln.strip() for ln in p.read_text("utf-8").splitlines() if 20 <= len(ln.strip()) <= 200]
    if lines:
        return lines
    rng = random.Random(1)
    return ["".join(rng.choice(CJK) for _ in range(rng.randint(40, 160))) + "。" for _ in range(5000)]


def para(text: str, ppr: str = PPR, rpr: str = RPR) -> str:
    return f"<w:p>{ppr}<w:r>{rpr}<w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def docx(path: Path, body_chunks, styles: str = "") -> Path:
    """Write a minimal valid package; ``body_chunks`` is an iterable of XML strings (streamed)."""
    buf = io.BytesIO()
    buf.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" '
              f'xmlns:r="{R_NS}"><w:body>'.encode())
    buf.write("".join(para(t, ppr='<w:pPr><w:jc w:val="center"/></w:pPr>') for t in HEAD).encode())
    for chunk in body_chunks:
        buf.write(chunk.encode())
    buf.write(f"{SECT}</w:body></w:document>".encode())
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
                  f'<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>'
                  f"{styles}</w:styles>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", styles_xml)
        z.writestr("word/document.xml", buf.getvalue())
    return path


def _lines_until(lines, chars: int):
    n = 0
    i = 0
    while n < chars:
        t = lines[i % len(lines)]
        i += 1
        t = t[: chars - n]
        n += len(t)
        yield t


# -- the cases ---------------------------------------------------------------------------------


def case_issue_110mb(d: Path, lines) -> Path:
    """The issue's file: paragraphs of real text until document.xml is 110 MB."""
    return docx(d / "issue_110mb.docx", _xml_until(lines, 110 << 20))


def case_issue_20mb(d: Path, lines) -> Path:
    return docx(d / "issue_20mb.docx", _xml_until(lines, 20 << 20))


def _xml_until(lines, size: int):
    n, i = 0, 0
    while n < size:
        chunk = para(lines[i % len(lines)])
        i += 1
        n += len(chunk.encode())
        yield chunk


def case_chars_at_cap(d: Path, lines) -> Path:
    """Real sentences, one per paragraph, up to the character cap."""
    return docx(d / "chars_at_cap.docx", (para(t) for t in _lines_until(lines, limits.MAX_CHARS - 2000)))


def case_chars_over_cap(d: Path, lines) -> Path:
    return docx(d / "chars_over_cap.docx", (para(t) for t in _lines_until(lines, limits.MAX_CHARS + 1000)))


def case_paragraphs_at_cap(d: Path, lines) -> Path:
    """As many short paragraphs as allowed (a long roster)."""
    n = limits.MAX_PARAGRAPHS - 100
    per = max(1, min(12, (limits.MAX_CHARS - 1000) // n))
    return docx(d / "paragraphs_at_cap.docx", (para(lines[i % len(lines)][:per]) for i in range(n)))


def case_one_char_runs(d: Path, lines) -> Path:
    """Every character its own formatted run (the most Run objects the caps allow: a run is 8 tags and 3 attributes)."""
    text = "".join(_lines_until(lines, min(limits.MAX_CHARS - 2000, limits.MAX_MARKUP // 11 - 10_000)))
    size = 600

    def chunks():
        for i in range(0, len(text), size):
            runs = "".join(f'<w:r>{RPR}<w:t>{escape(ch)}</w:t></w:r>' for ch in text[i:i + size])
            yield f"<w:p>{PPR}{runs}</w:p>"
    return docx(d / "one_char_runs.docx", chunks())


def case_markup_at_cap(d: Path, lines) -> Path:
    """Markup without text up to the markup cap (empty runs in a few paragraphs)."""
    per_para = 20_000
    budget = limits.MAX_MARKUP - 50_000
    n_paras = budget // per_para

    def chunks():
        for j in range(n_paras):
            yield f"<w:p>{'<w:r/>' * per_para}<w:r><w:t>{escape(lines[j % len(lines)][:20])}</w:t></w:r></w:p>"
    return docx(d / "markup_at_cap.docx", chunks())


def case_attributes_at_cap(d: Path, lines) -> Path:
    """The part-size cap spent on attributes: paragraphs carrying long rsid-like attribute lists."""
    attrs = " ".join(f'w14:a{i}="{i:08X}"' for i in range(60))
    p_xml = f'<w:p xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" {attrs}/>'
    n = min(limits.MAX_PARAGRAPHS - 200, (limits.MAX_PART_BYTES - (1 << 20)) // len(p_xml),
            (limits.MAX_MARKUP - 10_000) // 62)
    return docx(d / "attributes_at_cap.docx", (p_xml for _ in range(n)))


def case_giant_run(d: Path, lines) -> Path:
    """One run of 12 MB of text (U5: was called "not valid XML")."""
    text = ("现将有关事项通知如下。" * 400_000)[: 4_000_000]
    return docx(d / "giant_run.docx", [para(text)])


def case_duplicate_check_worst(d: Path, lines) -> Path:
    """Distinct paragraphs of one length (GW304 compares every pair of similar length)."""
    rng = random.Random(7)
    n = min(limits.MAX_PARAGRAPHS - 100, (limits.MAX_CHARS - 2000) // 32)
    return docx(d / "gw304_worst.docx", (para("".join(rng.choice(CJK) for _ in range(31)) + "。") for _ in range(n)))


def case_open_fields(d: Path, lines) -> Path:
    """Complex fields opened and never closed, text after each (a field stack that only grows)."""
    n = min(50_000, limits.MAX_PARAGRAPHS - 100)
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' \
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    return docx(d / "open_fields.docx", (f"<w:p>{begin}<w:r><w:t>第{i}段</w:t></w:r></w:p>" for i in range(n)))


def case_many_sections(d: Path, lines) -> Path:
    """Every paragraph ends a section."""
    n = min(20_000, limits.MAX_PARAGRAPHS - 100)
    sect = SECT.replace("<w:sectPr>", '<w:sectPr><w:type w:val="continuous"/>')
    return docx(d / "many_sections.docx",
                (f"<w:p><w:pPr>{sect}</w:pPr><w:r><w:t>{escape(lines[i % len(lines)][:30])}</w:t></w:r></w:p>"
                 for i in range(n)))


def case_style_chain(d: Path, lines) -> Path:
    """A 5,000-deep basedOn chain, every paragraph in the deepest style."""
    depth = 5000
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="s{i}"/>'
        + (f'<w:basedOn w:val="s{i - 1}"/>' if i else "")
        + f'<w:rPr><w:sz w:val="{20 + i % 20}"/></w:rPr></w:style>'
        for i in range(depth)
    )
    ppr = f'<w:pPr><w:pStyle w:val="s{depth - 1}"/></w:pPr>'
    return docx(d / "style_chain.docx", (para(t, ppr=ppr) for t in _lines_until(lines, 100_000)), styles)


def case_tables_at_cap(d: Path, lines) -> Path:
    """One table with as many cells as the paragraph cap allows (8 columns)."""
    rows = (limits.MAX_PARAGRAPHS - 200) // 8

    def chunks():
        yield "<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr>"
        for r in range(rows):
            cells = "".join(f"<w:tc>{para(lines[(r * 8 + c) % len(lines)][:6], ppr='')}</w:tc>" for c in range(8))
            yield f"<w:tr>{cells}</w:tr>"
        yield "</w:tbl>"
    return docx(d / "table_at_cap.docx", chunks())


def case_txt_45mb(d: Path, lines) -> Path:
    p = d / "txt_45mb.txt"
    with open(p, "w", encoding="utf-8") as f:
        n = 0
        i = 0
        while n < 45 << 20:
            t = lines[i % len(lines)] + "\n"
            i += 1
            f.write(t)
            n += len(t.encode())
    return p


def case_txt_at_cap(d: Path, lines) -> Path:
    p = d / "txt_at_cap.txt"
    p.write_text("\n".join(HEAD + tuple(_lines_until(lines, limits.MAX_CHARS - 2000))), encoding="utf-8")
    return p


def floor_empty(d: Path, lines) -> Path:
    return docx(d / "floor_empty.docx", [])


def floor_10_pages(d: Path, lines) -> Path:
    return docx(d / "floor_10_pages.docx", (para(t) for t in _lines_until(lines, 7000)))


CASES = {name[5:] if name.startswith("case_") else name: fn for name, fn in globals().items()
         if name.startswith(("case_", "floor_")) and callable(fn)}

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from gongwen_lint.api import Linter
from gongwen_lint.config import Config
sel = tuple(sys.argv[2].split(",")) if sys.argv[2] else ()
linter = Linter(Config(select=sel))
t1 = time.perf_counter()
report = linter.check_file(sys.argv[1])
t2 = time.perf_counter()
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork+exec.
hwm = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM")) / 1024
print(json.dumps({"check_s": t2 - t1, "total_s": t2 - t0, "rss_mb": hwm,
                  "error": report.error, "findings": len(report.diagnostics)}))
"""


def run_case(path: Path, select: str, timeout: float, code: str | None) -> dict:
    env = {**os.environ, "PYTHONPATH": code} if code else None
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD, str(path), select], capture_output=True, text=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"check_s": timeout, "total_s": timeout, "rss_mb": float("nan"), "error": "TIMEOUT", "findings": 0}
    if proc.returncode != 0:
        return {"check_s": float("nan"), "total_s": float("nan"), "rss_mb": float("nan"),
                "error": f"CRASH rc={proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}", "findings": 0}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--select", default="", help="rule selection for the check (default: the default rules)")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--keep", help="build the files in this folder (and keep them)")
    ap.add_argument("--code", help="check with the gongwen_lint package under this folder (e.g. an older "
                    "checkout's src/, for before/after figures)")
    args = ap.parse_args()
    names = [n for n in CASES if not args.only or n in args.only.split(",")]
    lines = archive_lines()
    print(f"caps: {limits.MAX_CHARS:,} chars, {limits.MAX_PARAGRAPHS:,} paragraphs, part {limits.MAX_PART_BYTES >> 20} MB, "
          f"all parts {limits.MAX_TOTAL_BYTES >> 20} MB, {limits.MAX_MARKUP:,} tags+attributes, .txt {limits.MAX_TEXT_BYTES >> 20} MB; "
          f"rules: {args.select or 'default'}; {args.runs} runs each, fresh process per run")
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(times scale with it; compare with the floor rows of the same run)")
    print(f"{'case':24} {'file MB':>8} {'XML MB':>7}  {'check s: median (min–max)':27} {'peak RSS MB: median (min–max)':30} outcome")
    with tempfile.TemporaryDirectory(prefix="gw-hostile-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            path = CASES[name](folder, lines)
            xml = ""
            if path.suffix == ".docx":
                with zipfile.ZipFile(path) as z:
                    xml = f"{z.getinfo('word/document.xml').file_size / 2**20:7.1f}"
            results = [run_case(path, args.select, args.timeout, args.code) for _ in range(args.runs)]
            last = results[-1]
            outcome = f"refused: {last['error'][:60]}" if last["error"] else f"checked: {last['findings']} findings"
            print(f"{name:24} {path.stat().st_size / 2**20:8.1f} {xml:>7}  "
                  f"{spread([r['check_s'] for r in results]):27} {spread([r['rss_mb'] for r in results]):30} {outcome}",
                  flush=True)
            if not args.keep:
                path.unlink()
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
