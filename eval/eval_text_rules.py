"""Evaluate the heading, punctuation and number rules (GW301–GW306, GW401–GW407, GW501–GW504).

Two measurements, both printed as tables:

(a) **False alarms** on correctly made real documents: error/warning findings per document per
    rule on ``laws/*.txt`` (paragraph structure kept), ``gwr/*.txt`` (government work reports),
    ``gov_prc/*.txt`` (flattened State Council documents) and full drafts rebuilt from gov_prc by
    ``make_documents.py`` (版头, 主送, 署名, 版记 …).  ``--show GW401`` prints every finding of a
    rule with its context, to read each false alarm.

(b) **Recall on planted defects**: real paragraphs with the mistakes drafters really make planted
    one at a time (a duplicated item with its ordinal, mixed ordinal styles, half-width
    punctuation, stray spaces, bracket/zero-character/date mistakes, a pasted web-page line, an
    unfilled placeholder, an empty 附件 line …).  A plant is found when the expected rule reports
    on the planted paragraph with a span that overlaps the planted text.

    python eval/eval_text_rules.py [--limit N] [--show CODE] [--part fa|plant|both]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.text import MASK, mask
from gongwen_lint.textreader import document_from_text

sys.path.insert(0, str(Path(__file__).parent))

ARCHIVE = Path(__file__).resolve().parents[1].parent.joinpath("shared/corpus/archive")
CODES = ["GW901", "GW301", "GW302", "GW303", "GW304", "GW305", "GW306", "GW401", "GW402", "GW403", "GW404", "GW405",
         "GW406", "GW407", "GW501", "GW502", "GW503", "GW504"]


# ---------------------------------------------------------------------------------------------
# corpus
def law_text(path: Path) -> str:
    """A LawRefBook file without its metadata header (revision history lines)."""
    text = path.read_text("utf-8")
    if "<!-- INFO END -->" in text:
        text = text.split("<!-- INFO END -->", 1)[1]
    return text.strip("\n")


def corpus_sets(limit: int | None) -> dict[str, list[tuple[str, str, bool]]]:
    """name -> [(doc name, text, markdown)]"""
    sets: dict[str, list[tuple[str, str, bool]]] = {}
    sets["laws"] = [(p.name, law_text(p), True) for p in sorted((ARCHIVE / "laws").glob("*.txt"))]
    sets["gwr"] = [(p.name, p.read_text("utf-8"), False) for p in sorted((ARCHIVE / "gwr").glob("*.txt"))]
    sets["gov_prc"] = [(p.name, p.read_text("utf-8"), False) for p in sorted((ARCHIVE / "gov_prc").glob("*.txt"))]
    try:
        from make_documents import drafts_from_corpus

        sets["drafts"] = [(d.name, "\n".join(d.texts), False) for d in drafts_from_corpus(count=100)]
    except Exception as e:  # noqa: BLE001 - the other sets still say something
        print(f"(drafts skipped: {e})", file=sys.stderr)
    if limit:
        sets = {k: v[:limit] for k, v in sets.items()}
    return sets


def linter() -> Linter:
    return Linter(Config(select=tuple(CODES)))


def check(lint: Linter, text: str, name: str, markdown: bool = False):
    return lint.check_document(document_from_text(text, name, markdown=markdown))


# ---------------------------------------------------------------------------------------------
# (a) false alarms
#: Typography of a whole source (a web transcription with ASCII brackets and commas, wikisource's
#: full-width digits, ○ for 〇): real deviations, but of the transcription, found file-wide.
_SOURCE_TYPOGRAPHY = re.compile(r"[(),０-９○]")

def false_alarms(limit: int | None, show: set[str]) -> None:
    lint = linter()
    print("## (a) error/warning findings per document on correct real documents\n")
    header = f"{'set':8} {'docs':>5} " + " ".join(f"{c[2:]:>5}" for c in CODES) + f" {'total':>6}"
    print(header)
    typeset: dict[str, tuple[int, Counter[str]]] = {}
    for name, docs in corpus_sets(limit).items():
        counts: Counter[str] = Counter()
        clean_docs, clean_counts = 0, Counter()
        for doc_name, text, md in docs:
            report = check(lint, text, doc_name, md)
            clean = not _SOURCE_TYPOGRAPHY.search(text)
            clean_docs += clean
            if clean:
                clean_counts.update(d.code for d in report.diagnostics if d.severity.value != "info")
            lines = text.split("\n") if not md else document_from_text(text, markdown=True).body
            for d in report.diagnostics:
                counted = d.severity.value != "info"
                if counted:
                    counts[d.code] += 1
                if d.code in show:
                    para = lines[d.location.paragraph - 1]
                    para = para.text if hasattr(para, "text") else para
                    s, e = d.location.start, d.location.end
                    ctx = para[max(0, s - 25):s] + "【" + para[s:e] + "】" + para[e:e + 25]
                    print(f"  {d.code} {d.severity.value[0]} {name}/{doc_name}:{d.location.paragraph} {d.message} | {ctx}")
        n = len(docs)
        total = sum(counts.values())
        print(f"{name:8} {n:>5} " + " ".join(f"{counts[c] / n:>5.2f}" for c in CODES) + f" {total / n:>6.2f}")
        typeset[name] = (clean_docs, clean_counts)
    print("\n(rule columns: findings of severity error/warning per document; GW504 is info and not counted)")
    print("\nthe same, on the documents whose source typesets brackets, commas and digits full-width/half-width")
    print("as GB/T 15834/15835 want (no ASCII ( ) , and no full-width digits or ○ anywhere in the file):\n")
    print(header)
    for name, (n, counts) in typeset.items():
        if n:
            total = sum(counts.values())
            print(f"{name:8} {n:>5} " + " ".join(f"{counts[c] / n:>5.2f}" for c in CODES) + f" {total / n:>6.2f}")


# ---------------------------------------------------------------------------------------------
# (b) planted defects
@dataclass
class Plant:
    kind: str
    code: str  # the rule that must report it
    lines: list[str]
    para: int  # 1-based paragraph
    start: int
    end: int  # span of the planted text in that paragraph


CJK = r"[\u4e00-\u9fff]"
Planter = Callable[[list[str], random.Random], "Plant | None"]


#: Roles of the base drafts' lines, by the text of the line: planting in running text only (the
#: 主送, 成文日期 and 印发 lines are the element rules' business, GW104/GW103/GW107).
BODY_LINES: set[str] = set()


def _pick(lines: list[str], rng: random.Random, pattern: str, min_len: int = 0, in_titles: bool = False
          ) -> tuple[int, re.Match] | None:
    """A random (line index, match) for ``pattern`` in running-text lines, past a leading ordinal."""
    hits = []
    for i, ln in enumerate(lines):
        if i < 2 or len(ln) < min_len or ln not in BODY_LINES:
            continue
        masked = mask(ln)
        hits += [(i, m) for m in re.finditer(pattern, ln)
                 if m.start() >= 4 and (in_titles or MASK not in masked[max(0, m.start() - 1):m.end() + 1])]
    return rng.choice(hits) if hits else None


def _replace(lines: list[str], i: int, s: int, e: int, new: str) -> list[str]:
    out = list(lines)
    out[i] = lines[i][:s] + new + lines[i][e:]
    return out


ORD1 = re.compile(r"^([二三四五六七八九])、")
ORD2 = re.compile(r"^（([二三四五六七八九])）")


def plant_duplicate_item(lines, rng):
    """A numbered item pasted twice: the copy carries the same ordinal (GW302) …"""
    hits = [i for i, ln in enumerate(lines) if (ORD1.match(ln) or ORD2.match(ln)) and len(ln) >= 20]
    if not hits:
        return None
    i = rng.choice(hits)
    out = lines[: i + 1] + [lines[i]] + lines[i + 1:]
    m = ORD1.match(lines[i]) or ORD2.match(lines[i])
    return Plant("duplicated item", "GW302", out, i + 2, 0, m.end())


def plant_duplicate_paragraph(lines, rng):
    """… and is the same paragraph twice (GW304)."""
    p = plant_duplicate_item(lines, rng)
    if p is None or len(re.findall(CJK, p.lines[p.para - 1])) < 15:
        return None
    return Plant("duplicated item", "GW304", p.lines, p.para, 0, len(p.lines[p.para - 1]))


def plant_near_duplicate(lines, rng):
    """A long paragraph repeated further on with one word changed."""
    hits = [i for i, ln in enumerate(lines) if len(re.findall(CJK, ln)) >= 40 and i > 2 and ln in BODY_LINES]
    if not hits:
        return None
    i = rng.choice(hits)
    src = lines[i]
    m = list(re.finditer(f"{CJK}{{2}}", src))
    if not m:
        return None
    w = rng.choice(m[len(m) // 3: 2 * len(m) // 3] or m)
    copy = src[: w.start()] + "切实" + src[w.end():]
    j = min(len(lines), i + 3)
    out = lines[:j] + [copy] + lines[j:]
    return Plant("near duplicate", "GW304", out, j + 1, 0, len(copy))


def plant_mixed_style(lines, rng):
    """一、二、 … with one item written 2、 (mixed ordinal styles) or （二）、 or (二)."""
    hits = [i for i, ln in enumerate(lines) if ORD1.match(ln) or ORD2.match(ln)]
    if not hits:
        return None
    i = rng.choice(hits)
    ln = lines[i]
    m = ORD1.match(ln)
    if m:
        n = "一二三四五六七八九".index(m.group(1)) + 1
        new = rng.choice([f"{n}、", f"{m.group(1)}.", f"{m.group(1)}．"])
    else:
        m = ORD2.match(ln)
        new = rng.choice([f"({m.group(1)})", f"（{m.group(1)}）、", f"（{m.group(1)}）."])
    return Plant("mixed ordinal style", "GW301", _replace(lines, i, 0, m.end(), new), i + 1, 0, len(new))


def plant_gap(lines, rng):
    """An item deleted: 一、 then 三、."""
    hits = [i for i, ln in enumerate(lines) if ORD1.match(ln)]
    hits = [i for i in hits if any(ORD1.match(lines[j]) for j in range(i + 1, len(lines)))]
    if not hits:
        return None
    i = rng.choice(hits)
    m = ORD1.match(lines[i])
    n = "一二三四五六七八九".index(m.group(1)) + 1
    if n >= 9:
        return None
    new = "一二三四五六七八九十"[n] + "、"  # skip one number
    return Plant("numbering gap", "GW302", _replace(lines, i, 0, m.end(), new), i + 1, 0, len(new))


def plant_halfwidth(lines, rng):
    hit = _pick(lines, rng, f"(?<={CJK})[，：；（）](?={CJK})")
    if not hit:
        return None
    i, m = hit
    half = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}[m.group(0)]
    return Plant("half-width punctuation", "GW401", _replace(lines, i, m.start(), m.end(), half), i + 1, m.start(), m.end())


def plant_space(lines, rng):
    hit = _pick(lines, rng, f"(?<={CJK}{{2}}){CJK}{{2}}(?={CJK}{{2}})")
    if not hit:
        return None
    i, m = hit
    s = m.start() + 1
    return Plant("stray space", "GW406", _replace(lines, i, s, s, " "), i + 1, s, s + 1)


def plant_repeat(lines, rng):
    hit = _pick(lines, rng, f"(?<={CJK})[，。](?={CJK}|$)")
    if not hit:
        return None
    i, m = hit
    return Plant("repeated punctuation", "GW407", _replace(lines, i, m.start(), m.end(), m.group(0) * 2), i + 1, m.start(), m.end() + 1)


def plant_ellipsis(lines, rng):
    hit = _pick(lines, rng, f"(?<={CJK})等(?={CJK})")
    if not hit:
        return None
    i, m = hit
    new = rng.choice(["...", "。。。", "…"])
    return Plant("ellipsis", "GW403", _replace(lines, i, m.start(), m.end(), new), i + 1, m.start(), m.start() + len(new))


def plant_year_range(lines, rng):
    hit = _pick(lines, rng, r"(?<!\d)(19[5-9]\d|20[0-2]\d)年")
    if not hit:
        return None
    i, m = hit
    y = int(m.group(1))
    new = f"{y}-{y + 4}"
    return Plant("year range", "GW404", _replace(lines, i, m.start(1), m.end(1), new), i + 1, m.start(), m.start() + len(new))


def plant_number_range(lines, rng):
    hit = _pick(lines, rng, r"(?<![\d.])(\d{1,3})(万|亿)")
    if not hit:
        return None
    i, m = hit
    a = int(m.group(1))
    new = f"{a}-{a + 2}{m.group(2)}"
    return Plant("number range", "GW404", _replace(lines, i, m.start(), m.end(), new), i + 1, m.start(), m.start() + len(new))


def _cn_year(y: int, zero: str) -> str:
    return "".join(zero if c == "0" else "〇一二三四五六七八九"[int(c)] for c in str(y))


def plant_zero(lines, rng):
    hit = _pick(lines, rng, r"(?<!\d)(20[01]\d|19[0-9]0|200\d)年")
    if not hit:
        return None
    i, m = hit
    new = _cn_year(int(m.group(1)), rng.choice(["O", "○", "0", "o"]))
    return Plant("zero character", "GW501", _replace(lines, i, m.start(1), m.end(1), new), i + 1, m.start(), m.start() + len(new))


def plant_fullwidth(lines, rng):
    hit = _pick(lines, rng, r"(?<![\d.])\d{2,4}(?![\d.])")
    if not hit:
        return None
    i, m = hit
    new = m.group(0).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return Plant("full-width digits", "GW502", _replace(lines, i, m.start(), m.end(), new), i + 1, m.start(), m.end())


def plant_dotted_date(lines, rng):
    hit = _pick(lines, rng, r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
    if not hit:
        return plant_day(lines, rng)
    i, m = hit
    new = rng.choice([f"{m.group(1)}.{m.group(2)}.{m.group(3)}", f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}",
                      f"{m.group(1)}年{m.group(2)}月{m.group(3)}号", f"{m.group(1)}年{int(m.group(2)):02d}月{int(m.group(3)):02d}日"])
    if new == m.group(0):
        new = f"{m.group(1)}.{m.group(2)}.{m.group(3)}"
    return Plant("date expression", "GW503", _replace(lines, i, m.start(), m.end(), new), i + 1, m.start(), m.start() + len(new))


def plant_day(lines, rng):
    """A month and day without a year: 3月5号, 03月05日."""
    hit = _pick(lines, rng, r"(?<![\d年])([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日")
    if not hit:
        return None
    i, m = hit
    mo, d = int(m.group(1)), int(m.group(2))
    new = rng.choice([f"{mo}月{d}号", f"{mo:02d}月{d}日" if mo < 10 else f"{mo}月{d}号"])
    return Plant("date expression", "GW503", _replace(lines, i, m.start(), m.end(), new), i + 1, m.start(), m.start() + len(new))


WEB_LINES = ["来源：中国政府网 2024-03-01 浏览次数：123", "打印本页 关闭窗口", "【字体：大 中 小】【打印】【关闭】",
             "发布时间：2023-11-20 10:32 来源：市政府办公室", "分享到： 扫一扫在手机打开当前页"]


def plant_web_line(lines, rng):
    j = rng.choice(list(range(1, min(len(lines), 12))) or [1])
    ln = rng.choice(WEB_LINES)
    out = lines[:j] + [ln] + lines[j:]
    return Plant("pasted web-page line", "GW305", out, j + 1, 0, len(ln))


def plant_placeholder(lines, rng):
    choice = rng.randrange(3)
    if choice == 0:  # the 主送 line left as in the template
        j = next((k for k, ln in enumerate(lines) if ln.endswith("：") and len(ln) < 60), None)
        if j is None:
            return None
        new = "[主送单位]："
        return Plant("placeholder", "GW306", _replace(lines, j, 0, len(lines[j]), new), j + 1, 0, len(new) - 1)
    if choice == 1:
        hit = _pick(lines, rng, r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
        if not hit:
            return None
        i, m = hit
        new = "X年X月X日"
        return Plant("placeholder", "GW306", _replace(lines, i, m.start(), m.end(), new), i + 1, m.start(), m.start() + len(new))
    hit = _pick(lines, rng, r"[\u4e00-\u9fff]{2,4}(?:省|市|县)")
    if not hit:
        return None
    i, m = hit
    new = "XX市"
    return Plant("placeholder", "GW306", _replace(lines, i, m.start(), m.end(), new), i + 1, m.start(), m.start() + 2)


def plant_unpaired(lines, rng):
    hit = _pick(lines, rng, r"《[^《》“”]{2,30}》", in_titles=True)
    if not hit:
        return None
    i, m = hit
    return Plant("unpaired 书名号", "GW402", _replace(lines, i, m.end() - 1, m.end(), ""), i + 1, m.start(), m.start() + 1)


def plant_deng(lines, rng):
    # 等 as the closing particle of a list, not the first character of a word (等级, 等额 …: a
    # 顿号 before those is no GW405 finding)
    hit = _pick(lines, rng, f"(?<={CJK})等(?={CJK})(?![级次同待候额量价效值距高比号腰分])")
    if not hit:
        return None
    i, m = hit
    return Plant("、等", "GW405", _replace(lines, i, m.start(), m.start(), "、"), i + 1, m.start(), m.start() + 1)


def plant_relative(lines, rng):
    hit = _pick(lines, rng, r"(?<!\d)\d{4}年(?!\d{1,2}月)")
    if not hit:
        return None
    i, m = hit
    # only where the sentence has no other explicit date
    return Plant("relative time", "GW504", _replace(lines, i, m.start(), m.end(), "今年"), i + 1, m.start(), m.start() + 2)


PLANTERS: list[Planter] = [
    plant_duplicate_item, plant_duplicate_paragraph, plant_near_duplicate, plant_mixed_style, plant_gap,
    plant_halfwidth, plant_space, plant_repeat, plant_ellipsis, plant_year_range, plant_number_range, plant_zero,
    plant_fullwidth, plant_dotted_date, plant_web_line, plant_placeholder, plant_unpaired, plant_deng,
]


def base_documents(limit: int | None) -> list[tuple[str, list[str]]]:
    """Full drafts rebuilt from gov_prc, and laws (their paragraphs, markdown marks removed)."""
    docs: list[tuple[str, list[str]]] = []
    try:
        from make_documents import drafts_from_corpus

        for d in drafts_from_corpus(count=100):
            docs.append((d.name, d.texts))
            BODY_LINES.update(ln.text for ln in d.lines if ln.role in ("body", "heading1", "heading2", "heading3", "heading4"))
    except Exception as e:  # noqa: BLE001
        print(f"(drafts skipped: {e})", file=sys.stderr)
    for p in sorted((ARCHIVE / "laws").glob("*.txt"))[::5]:
        lines = [q.text for q in document_from_text(law_text(p), markdown=True).body]
        docs.append((p.name, lines))
        BODY_LINES.update(lines)
    return docs[:limit] if limit else docs


def planted(limit: int | None, per_kind: int, verbose: bool) -> None:
    rng = random.Random(20240301)
    lint = linter()
    found: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    misses: dict[tuple[str, str], list[str]] = defaultdict(list)
    docs = base_documents(limit)
    for planter in PLANTERS:
        made = 0
        order = list(range(len(docs)))
        rng.shuffle(order)
        for k in order:
            if made >= per_kind:
                break
            name, lines = docs[k]
            plant = planter(lines, rng)
            if plant is None:
                continue
            made += 1
            key = (plant.code, plant.kind + (" [laws]" if name.endswith(".txt") else ""))
            total[key] += 1
            report = check(lint, "\n".join(plant.lines), name)
            hit = any(
                d.code == plant.code and d.location.paragraph == plant.para
                and d.location.start < max(plant.end, plant.start + 1) and plant.start < max(d.location.end, d.location.start + 1)
                for d in report.diagnostics
            )
            if hit:
                found[key] += 1
            else:
                para = plant.lines[plant.para - 1]
                misses[key].append(f"{name}:{plant.para} …{para[max(0, plant.start - 20):plant.end + 20]}…")
    print("\n## (b) recall on planted defects\n")
    print(f"{'rule':6} {'defect':24} {'found':>5} {'planted':>7} {'recall':>6}")
    by_rule: Counter[str] = Counter()
    by_rule_total: Counter[str] = Counter()
    for key in sorted(total):
        code, kind = key
        by_rule[code] += found[key]
        by_rule_total[code] += total[key]
        print(f"{code:6} {kind:24} {found[key]:>5} {total[key]:>7} {found[key] / total[key]:>6.2f}")
        if verbose:
            for miss in misses[key][:5]:
                print(f"    missed: {miss}")
    all_found, all_total = sum(found.values()), sum(total.values())
    print(f"{'all':6} {'':24} {all_found:>5} {all_total:>7} {all_found / all_total:>6.2f}")
    empty_attachment(lint)


def empty_attachment(lint: Linter) -> None:
    """An empty 附件 line is GW105's (elements); say whether any rule reports it."""
    text = "关于做好防汛工作的通知\n各区县人民政府：\n请认真做好今年汛期各项准备工作，确保安全度汛。\n附件：\nXX市人民政府\n2024年3月5日"
    everything = Linter(Config(select=("ALL",)))
    report = everything.check_document(document_from_text(text))
    codes = sorted({d.code for d in report.diagnostics if d.location.paragraph == 4})
    print(f"\nempty 附件 line: findings of these rules on it: {codes or 'none'} (GW105 belongs to the elements rules)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="documents per set")
    ap.add_argument("--show", default="", help="comma-separated codes whose findings to print")
    ap.add_argument("--part", default="both", choices=["fa", "plant", "both"])
    ap.add_argument("--per-kind", type=int, default=60, help="plants per kind of defect")
    ap.add_argument("-v", "--verbose", action="store_true", help="print missed plants")
    args = ap.parse_args()
    if args.part in ("fa", "both"):
        false_alarms(args.limit, {c.strip().upper() for c in args.show.split(",") if c.strip()})
    if args.part in ("plant", "both"):
        planted(args.limit, args.per_kind, args.verbose)


if __name__ == "__main__":
    main()
