"""Build correctly made official documents from the shared corpus, as .txt and as .docx.

Why: the rules, the structure recogniser and the layout checks all need *correct* full drafts —
版头, 标题, 主送, 正文, 署名, 成文日期, 版记 — to measure false alarms on, and a known role for every
paragraph to measure recognition accuracy against.  The shared corpus only has flattened text of
State Council documents, so this module rebuilds the elements from that text (title, 发文字号,
主送 up to the first colon, 署名 + 成文日期 at the end) and typesets them to GB/T 9704-2012.

Use it as a library::

    from make_documents import drafts_from_corpus, write_docx, write_txt
    for d in drafts_from_corpus(count=20):
        write_docx(d, f"out/{d.name}.docx")
        d.roles   # the true role of every paragraph, in paragraph order (1-based = index + 1)

or from the command line::

    python eval/make_documents.py OUT_DIR --count 50 [--faithful] [--formats txt,docx]

which writes ``NAME.txt``, ``NAME.docx`` and ``NAME.roles.json`` (the truth: paragraph roles,
genre, format, source) per document and a ``manifest.tsv``.

By default dates written in Chinese numerals by pre-2012 documents (一九九〇年九月十八日) are
converted to the 2012 form (1990年9月18日), so the documents are correct under GB/T 9704-2012;
``--faithful`` keeps them as the archive has them (a true GW103 finding then).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent.joinpath("shared/corpus/archive")

GENRES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要")

_CN = "〇零一二三四五六七八九十○OＯ"
CN_DATE_RE = re.compile(rf"[{_CN}]{{4}}年[{_CN}]{{1,3}}月[{_CN}]{{1,3}}日")
AR_DATE_RE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
DATE_RE = re.compile(rf"(?:{CN_DATE_RE.pattern}|{AR_DATE_RE.pattern})")
DOC_NO_RE = re.compile(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,5}号")
NOTE_RE = re.compile(r"^[（(](?:此件|本文|此文)[^）)]{1,20}[）)]")
# Where an ordinal starts a new paragraph in flattened text: after 。：；or a closing quote.
_ORDINAL_START = re.compile(r"(?<=[。：；！？])(?=(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}\.(?!\d)|（\d{1,2}）))")


@dataclass
class Line:
    """One paragraph of a draft and its true role (model.Role value)."""

    role: str
    text: str


@dataclass
class Draft:
    """A full draft: its paragraphs with their true roles, and metadata."""

    name: str
    title: str
    number: str | None
    issuer: str
    year: int | None
    genre: str | None
    format: str  # 文件式 / 信函式 / 命令式 / 纪要式
    lines: list[Line] = field(default_factory=list)
    source: str = ""

    @property
    def roles(self) -> list[str]:
        return [ln.role for ln in self.lines]

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]

    def index_of(self, role: str) -> int | None:
        """1-based paragraph index of the first line with ``role``."""
        for i, ln in enumerate(self.lines, start=1):
            if ln.role == role:
                return i
        return None

    def truth(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "number": self.number,
            "issuer": self.issuer,
            "year": self.year,
            "genre": self.genre,
            "format": self.format,
            "source": self.source,
            "paragraphs": [{"paragraph": i, "role": ln.role, "text": ln.text} for i, ln in enumerate(self.lines, 1)],
        }


# ---------------------------------------------------------------------------------------------
# Text helpers


def cn_date_to_arabic(s: str) -> str:
    """二〇〇八年九月二十六日 → 2008年9月26日 (○, O and Ｏ read as 〇)."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits.update({"零": 0, "○": 0, "O": 0, "Ｏ": 0})

    def num(part: str) -> int:
        if "十" in part:
            tens, _, ones = part.partition("十")
            return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
        value = 0
        for c in part:
            value = value * 10 + digits[c]
        return value

    m = re.fullmatch(r"(.+)年(.+)月(.+)日", s)
    if not m:
        return s
    return f"{num(m.group(1))}年{num(m.group(2))}月{num(m.group(3))}日"


def genre_of(title: str) -> str | None:
    for g in sorted(GENRES, key=len, reverse=True):
        if title.endswith(g):
            return "命令" if g == "令" else g
    return None


def heading_role(text: str) -> str:
    if re.match(r"^[一二三四五六七八九十]{1,3}、", text):
        return "heading1"
    if re.match(r"^（[一二三四五六七八九十]{1,3}）", text):
        return "heading2"
    if re.match(r"^\d{1,2}\.(?!\d)", text):
        return "heading3"
    if re.match(r"^（\d{1,2}）", text):
        return "heading4"
    return "body"


def split_body(text: str, target: int = 180) -> list[str]:
    """Cut flattened body text into paragraphs: at ordinals after a sentence end, else every
    few sentences (~``target`` characters)."""
    chunks = [c for c in _ORDINAL_START.split(text) if c]
    out: list[str] = []
    for chunk in chunks:
        sentences = re.findall(r".+?(?:[。！？](?:[”’」』）])?|$)", chunk)
        sentences = [s for s in sentences if s]
        buf = ""
        for s in sentences:
            buf += s
            if len(buf) >= target:
                out.append(buf)
                buf = ""
        if buf:
            out.append(buf)
    return [p for p in out if p.strip()]


# ---------------------------------------------------------------------------------------------
# Reading the corpus


def load_manifest(corpus: Path = CORPUS) -> list[dict]:
    with open(corpus / "manifest.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


_SIGNATURE_END = re.compile(
    rf"(?<=[。：；！？”）)])(?P<sig>[\u4e00-\u9fff\s\u3000、]{{2,40}}?)(?P<date>{DATE_RE.pattern})(?P<note>[（(][^）)]{{1,20}}[）)])?"
)

OFFICES = {"国发": "国务院", "国函": "国务院", "国办发": "国务院办公厅", "国办函": "国务院办公厅"}


def parse_state_council(text: str, meta: dict, modernize: bool = True) -> Draft | None:
    """Rebuild the elements of one flattened State Council document; None if it does not parse."""
    title = meta["title"].strip()
    text = text.strip()
    if not text.startswith(title):
        return None
    rest = text[len(title):]
    m = DOC_NO_RE.match(rest)
    if not m:
        return None
    number = m.group(0)
    prefix = number.split("〔")[0]
    office = OFFICES.get(prefix)
    if office is None:
        return None
    rest = rest[m.end():]
    addressee = None
    cm = re.search(r"[：:]", rest)
    colon = cm.start() if cm else -1
    if 0 < colon <= 150 and "。" not in rest[:colon] and not re.search(r"(通知如下|如下|决定|批复)$", rest[:colon]):
        addressee = rest[: colon + 1]
        if modernize:  # old texts often end the 主送 with a half-width colon
            addressee = addressee[:-1] + "："
        rest = rest[colon + 1:]
    # The document ends at the first 署名 + 成文日期; what follows is a forwarded text, dropped.
    end = None
    for sm in _SIGNATURE_END.finditer(rest):
        sig = re.sub(r"[\s\u3000]+", "", sm.group("sig"))
        if sig.startswith(("国务院", "中华人民共和国国务院")) and len(sig) <= 12:
            end = sm
            break
    if end is None:
        return None
    body = rest[: end.start()]
    if len(body) < 40:
        return None
    signature = re.sub(r"[\s\u3000]+", "", end.group("sig"))
    date = end.group("date")
    if modernize and CN_DATE_RE.fullmatch(date):
        date = cn_date_to_arabic(date)
    note = end.group("note")
    if note:
        note = "（" + note[1:-1] + "）"
    year = int(meta["year"]) if meta.get("year", "").isdigit() else None
    genre = genre_of(title)
    fmt = "信函式" if "函" in prefix else "文件式"

    lines: list[Line] = []
    add = lambda role, txt="": lines.append(Line(role, txt))  # noqa: E731
    add("organ_mark", office if fmt == "信函式" else office + "文件")
    add("empty")
    add("doc_number", number)
    add("empty")
    add("title", title)
    add("empty")
    if addressee:
        add("addressee", addressee)
    if modernize:  # cited numbers in 1990s texts sometimes use [] for 〔〕
        body = re.sub(r"(?<=[\u4e00-\u9fff])\[(\d{4})\](?=\d{1,5}号)", r"〔\1〕", body)
    for para in split_body(body):
        add(heading_role(para), para)
    add("empty")
    add("signature", signature)
    add("date", date)
    if note:
        add("note", note)
    add("empty")
    if prefix in ("国发", "国办发"):
        add("cc", "抄送：党中央各部门，中央军委办公厅，全国人大常委会办公厅，全国政协办公厅，最高人民法院，最高人民检察院。")
    if fmt == "文件式":
        printed = cn_date_to_arabic(date) if CN_DATE_RE.fullmatch(date) else date  # our own line: 2012 form
        add("printer", f"国务院办公厅秘书局\t{printed}印发")
    name = Path(meta["path"]).stem
    return Draft(name, title, number, signature, year, genre, fmt, lines, meta["path"])


def drafts_from_corpus(corpus: Path = CORPUS, count: int | None = None, modernize: bool = True) -> list[Draft]:
    """Correct full drafts rebuilt from ``gov_prc/`` (documents that do not parse are skipped;
    exact duplicates by number are kept once)."""
    out: list[Draft] = []
    seen: set[str] = set()
    for meta in load_manifest(corpus):
        if not meta["path"].startswith("gov_prc/"):
            continue
        text = (corpus / meta["path"]).read_text(encoding="utf-8")
        d = parse_state_council(text, meta, modernize=modernize)
        if d is None or d.number in seen:
            continue
        seen.add(d.number or d.name)
        out.append(d)
        if count is not None and len(out) >= count:
            break
    return out


# ---------------------------------------------------------------------------------------------
# Writing


def write_txt(draft: Draft, path: str | Path) -> None:
    """One paragraph per line, empty lines kept, so line N is paragraph N."""
    Path(path).write_text("\n".join(draft.texts) + "\n", encoding="utf-8")


def write_truth(draft: Draft, path: str | Path) -> None:
    Path(path).write_text(json.dumps(draft.truth(), ensure_ascii=False, indent=1), encoding="utf-8")


# GB/T 9704 typesetting ------------------------------------------------------------------------

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LINE_PT = 28.95
RED = "FF0000"


def _set_run_font(run, east_asia: str, size_pt: float, bold: bool = False, color: str | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _border(paragraph, side: str, size_eighths: int, color: str = "000000") -> None:
    from docx.oxml.ns import qn

    ppr = paragraph._element.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = ppr.makeelement(qn("w:pBdr"), {})
        ppr.append(bdr)
    el = bdr.makeelement(qn(f"w:{side}"), {qn("w:val"): "single", qn("w:sz"): str(size_eighths), qn("w:space"): "1", qn("w:color"): color})
    bdr.append(el)


def _indent_chars(paragraph, first_line_chars: float = 0, left_chars: float = 0, right_chars: float = 0, size_pt: float = 16) -> None:
    """Indents in characters (w:firstLineChars etc.), with the twips equivalent for other readers."""
    from docx.oxml.ns import qn

    ppr = paragraph._element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = ppr.makeelement(qn("w:ind"), {})
        ppr.append(ind)
    tw = lambda chars: str(round(chars * size_pt * 20))  # noqa: E731
    if first_line_chars:
        ind.set(qn("w:firstLineChars"), str(int(first_line_chars * 100)))
        ind.set(qn("w:firstLine"), tw(first_line_chars))
    if left_chars:
        ind.set(qn("w:leftChars"), str(int(left_chars * 100)))
        ind.set(qn("w:left"), tw(left_chars))
    if right_chars:
        ind.set(qn("w:rightChars"), str(int(right_chars * 100)))
        ind.set(qn("w:right"), tw(right_chars))


def _page_number_footer(footer, align_right: bool) -> None:
    """`— N —` with a PAGE field, 4号 (14 pt) 宋体, one character in from the edge (GB/T 9704 7.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align_right else WD_ALIGN_PARAGRAPH.LEFT
    if align_right:
        _indent_chars(p, right_chars=1, size_pt=14)
    else:
        _indent_chars(p, left_chars=1, size_pt=14)

    def text_run(t: str):
        r = p.add_run(t)
        _set_run_font(r, PAGE_FONT, 14)
        return r

    text_run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = p.add_run()
        _set_run_font(r, PAGE_FONT, 14)
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r._element.append(fc)
        elif instr == " PAGE ":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            r._element.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = instr
            r._element.append(t)
    text_run(" —")


def write_docx(draft: Draft, path: str | Path) -> None:
    """Typeset ``draft`` to GB/T 9704-2012 with python-docx; body paragraph N is line N."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    body = d.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.header_distance, sec.footer_distance = Mm(15), Mm(28) - Mm(7)  # page number ~7 mm below the 版心
    d.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(sec.footer, align_right=True)
    _page_number_footer(sec.even_page_footer, align_right=False)
    if draft.format == "信函式":  # no page number on page 1 (GB/T 9704 10.1)
        sec.different_first_page_header_footer = True

    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Times New Roman"
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PT)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)

    first_imprint = next((i for i, ln in enumerate(draft.lines) if ln.role in ("cc", "printer")), None)
    last_imprint = max((i for i, ln in enumerate(draft.lines) if ln.role in ("cc", "printer")), default=None)
    for i, ln in enumerate(draft.lines):
        p = d.add_paragraph()
        role, text = ln.role, ln.text
        size, font, bold, color = 16, BODY_FONT, False, None
        if role == "organ_mark":
            size, font, color = 42 if len(text) <= 8 else 32, TITLE_FONT, RED
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if draft.format == "文件式":
                p.paragraph_format.space_before = Pt(LINE_PT * 2)
        elif role == "doc_number":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _border(p, "bottom", 12, RED)  # 红色分隔线, 4 mm below the 发文字号 (7.2.7)
        elif role == "title":
            size, font = 22, TITLE_FONT
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing = Pt(35)
        elif role in ("body", "heading1", "heading2", "heading3", "heading4", "note"):
            _indent_chars(p, first_line_chars=2)
            if role == "heading1":
                font = H1_FONT
            elif role == "heading2":
                font = H2_FONT
        elif role == "signature":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _indent_chars(p, right_chars=4 + max(0, (len(draft.lines[i + 1].text) - len(text)) / 2) if i + 1 < len(draft.lines) else 4)
        elif role == "date":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _indent_chars(p, right_chars=4)
        elif role in ("cc", "printer"):
            size = 14
            _indent_chars(p, left_chars=1, right_chars=1, size_pt=14)
            if role == "cc":
                p.paragraph_format.first_line_indent = None
            if i == first_imprint:
                _border(p, "top", 8)  # 首条分隔线 0.35 mm
            if i == last_imprint:
                _border(p, "bottom", 8)  # 末条分隔线 0.35 mm
            elif role == "cc":
                _border(p, "bottom", 6)  # 中间分隔线 0.25 mm
            if role == "printer":
                tabs = p.paragraph_format.tab_stops
                tabs.add_tab_stop(Mm(156 - 5), WD_TAB_ALIGNMENT.RIGHT)
        if not text:
            continue
        if role == "printer" and "\t" in text:
            left, right = text.split("\t", 1)
            for j, t in enumerate((left, right)):
                if j:
                    r = p.add_run()
                    r._element.append(OxmlElement("w:tab"))
                    _set_run_font(r, font, size)
                r = p.add_run(t)
                _set_run_font(r, font, size)
            continue
        r = p.add_run(text)
        _set_run_font(r, font, size, bold, color)
    d.save(str(path))


def write_draft(draft: Draft, out_dir: str | Path, formats: tuple[str, ...] = ("txt", "docx")) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if "txt" in formats:
        write_txt(draft, out / f"{draft.name}.txt")
    if "docx" in formats:
        write_docx(draft, out / f"{draft.name}.docx")
    write_truth(draft, out / f"{draft.name}.roles.json")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="从语料库生成符合 GB/T 9704 的完整公文（.txt/.docx + 角色真值）")
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=None, help="最多生成多少份（默认全部可解析的）")
    ap.add_argument("--faithful", action="store_true", help="保留原文的汉字日期（默认改为 2012 年后的阿拉伯数字写法）")
    ap.add_argument("--formats", default="txt,docx", help="txt,docx")
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    drafts = drafts_from_corpus(Path(args.corpus), args.count, modernize=not args.faithful)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "manifest.tsv", "w", encoding="utf-8") as f:
        f.write("path\ttitle\tnumber\tissuer\tyear\tlevel\tgenre\tformat\n")
        for d in drafts:
            write_draft(d, out, formats)
            f.write(f"{d.name}.docx\t{d.title}\t{d.number or ''}\t{d.issuer}\t{d.year or ''}\thigher\t{d.genre or ''}\t{d.format}\n")
    print(f"{len(drafts)} documents written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
