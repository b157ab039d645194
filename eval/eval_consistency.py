"""False alarms and recall of the consistency and authority rules (GW611–GW642, issue 21).

(a) **False alarms on correct documents.**  Every error/warning of the selected rules on
    documents nobody here wrote, per set: how many documents get one (the false-alarm rate per
    document, target ≤ 0.05) and how many findings per rule.  ``--show`` prints each finding with
    its context, to be read one by one.

    - ``gov_prc``   State Council documents rebuilt as full drafts by ``make_documents.py``
                     (版头, 主送, 署名, 成文日期, 版记);
    - ``mee``       the ministry's 1,260 documents, whose line breaks the archive lost, rebuilt at
                     their 署名 + 成文日期 (title, 主送, 正文 cut into paragraphs, 署名, 成文日期,
                     附注, 抄送, 印发);
    - ``raw``       the archive documents that could not be rebuilt, checked as they are (one line);
    - ``laws``      行政法规 and local regulations (Markdown, paragraph structure kept);
    - ``gwr``       government work reports, with the date they were delivered as 成文日期;
    - ``docx``      the 32 Word/WPS layouts, the 6 real third-party files and the 宜春 .docx.

    Development part (read and tuned on): ``gov_prc``, ``mee_0001``–``0400``, ``laws``, ``gwr``.
    Held-out part (only measured, findings read but never tuned on): ``mee_0401``–``1260``, ``docx``.

(b) **Recall on planted defects** (``--part plant``): real documents with one defect planted —
    a 成文日期 moved after a deadline the text sets, a total row that no longer adds up, a 局 as
    the issuer of a 令, an 应当 restated as 可以 against an index of the national laws; and the
    same documents unplanted, which must stay silent.

    python eval/eval_consistency.py [--part fa|plant|both] [--show] [--limit N] [--codes GW631,…]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from gongwen_lint.api import Linter, load_document
from gongwen_lint.config import Config
from gongwen_lint.textreader import document_from_text

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ARCHIVE = SHARED / "corpus" / "archive"
TEXT_CODES = ["GW611", "GW612", "GW613", "GW614", "GW621", "GW622", "GW623", "GW624", "GW631", "GW632", "GW633", "GW634"]
INDEX_CODES = ["GW641", "GW642"]


@dataclass
class Sample:
    set: str
    name: str
    text: str | None = None  # a text draft (one paragraph per line) …
    path: Path | None = None  # … or a .docx
    markdown: bool = False
    dev: bool = False


# ---------------------------------------------------------------------------------------------
# corpus

_DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
_SIGNED = re.compile(rf"(?P<date>{_DATE})(?=（此件|\(此件|抄送|[\u4e00-\u9fff（）]{{2,30}}{_DATE}印发|字号|附件|$)")


def rebuild_mee(text: str, title: str, issuer: str = "") -> list[str] | None:
    """A ministry document from its one-line text: the lines of a full draft, or None."""
    from make_documents import split_body

    text = text.strip()
    at = text.find(title)
    if at < 0:
        return None
    head, rest = text[:at], text[at + len(title):]
    signed = next((m for m in _SIGNED.finditer(rest)), None)
    if signed is None:
        return None
    before = rest[: signed.start()]
    cut = max(before.rfind(c) for c in "。；！？")
    if cut < 0 or signed.start() - cut > 160:
        return None
    body, signature = before[: cut + 1], before[cut + 1:]
    notes: list[str] = []
    k = signature.find("附件：")
    if k > 0:
        body, signature = body + signature[:k], signature[k:]
    if signature.startswith("附件"):  # 附件：1.甲2.乙生态环境部 — the 附件说明 ran into the 署名
        ends = [x for x in (issuer + "办公厅", issuer, "生态环境部办公厅", "生态环境部") if x and signature.endswith(x)]
        if not ends:
            return None
        note, signature = signature[: len(signature) - len(ends[0])], ends[0]
        notes = [x for x in re.split(r"(?<=[^\d.．])(?=[1-9]\d?[.．])", note) if x]
    lines: list[str] = []
    number = re.search(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,5}号$", head)
    if number:
        mark = head[: number.start()]
        if mark:
            lines.append(mark)
        lines += [number.group(0), ""]
    lines.append(title)
    colon = re.search(r"[：:]", body)
    if colon and colon.start() <= 150 and "。" not in body[: colon.start()]:
        lines.append(body[: colon.end()])
        body = body[colon.end():]
    lines += split_body(body)
    lines += [""] + notes + [signature.strip() or "生态环境部", signed.group("date")]
    tail = rest[signed.end():]
    note = re.match(r"[（(]此件[^）)]{1,20}[）)]", tail)
    if note:
        lines.append(note.group(0))
        tail = tail[note.end():]
    cc = re.match(r"抄送[：:][^。]{1,400}。", tail)
    if cc:
        lines += ["", cc.group(0)]
        tail = tail[cc.end():]
    printer = re.match(rf"[\u4e00-\u9fff]{{2,30}}{_DATE}印发", tail)
    if printer:
        lines.append(printer.group(0))
    return lines


def corpus(limit: int | None) -> list[Sample]:
    from make_documents import drafts_from_corpus, load_manifest

    out: list[Sample] = []
    rebuilt = drafts_from_corpus(count=None)[: limit or None]
    for d in rebuilt:
        out.append(Sample("gov_prc", d.name, "\n".join(d.texts), dev=True))
    manifest = load_manifest(ARCHIVE)
    names = {d.name for d in rebuilt}
    for meta in [m for m in manifest if m["path"].startswith("gov_prc/")][: limit or None]:
        if Path(meta["path"]).stem not in names:  # not rebuilt (or a duplicate): checked as it is, one line
            out.append(Sample("raw", Path(meta["path"]).stem, (ARCHIVE / meta["path"]).read_text("utf-8"), dev=True))
    for meta in [m for m in manifest if m["path"].startswith("mee/")][: limit or None]:
        raw = (ARCHIVE / meta["path"]).read_text("utf-8")
        lines = rebuild_mee(raw, meta["title"].strip(), meta["issuer"].strip())
        n = int(re.sub(r"\D", "", meta["path"]))
        # mee_0001–0400 were read while tuning; mee_0401–1260 are held out
        if lines:
            out.append(Sample("mee", Path(meta["path"]).stem, "\n".join(lines), dev=n <= 400))
        else:
            out.append(Sample("raw", Path(meta["path"]).stem, raw, dev=n <= 400))
    for p in sorted((ARCHIVE / "laws").glob("*.txt"))[: limit or None]:
        text = p.read_text("utf-8")
        text = text.split("<!-- INFO END -->", 1)[-1].strip("\n")
        out.append(Sample("laws", p.stem, text, markdown=True, dev=True))
    for p in sorted((ARCHIVE / "gwr").glob("*.txt"))[: limit or None]:
        text = p.read_text("utf-8")
        m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text[:600])
        if m:  # the day the report was delivered stands in for the 成文日期
            text = text.rstrip("\n") + f"\n\n国务院\n{m.group(0)}"
        out.append(Sample("gwr", p.stem, text, dev=True))
    for folder in ("docx", "realdocx"):
        for p in sorted((SHARED / "corpus" / folder).glob("*.docx")):
            out.append(Sample("docx", f"{folder}/{p.name}", path=p))
    return out


def yichun(tmp: Path) -> Sample:
    from drafts import yichun_docx

    return Sample("docx", "tests/drafts.py:yichun_docx", path=yichun_docx(tmp / "yichun.docx"))


def document(s: Sample):
    if s.path is not None:
        return load_document(s.path)
    return document_from_text(s.text or "", s.name, markdown=s.markdown)


# ---------------------------------------------------------------------------------------------
# (a) false alarms


def context_of(doc, d, width: int = 30) -> str:
    paras = {(p.part, p.index): p.text for ps in doc.parts.values() for p in ps}
    t = paras.get((d.location.part, d.location.paragraph), "")
    s, e = d.location.start, d.location.end
    return t[max(0, s - width):s] + "【" + t[s:e] + "】" + t[e:e + width]


def false_alarms(samples: list[Sample], codes: list[str], show: bool, config: Config | None = None) -> None:
    lint = Linter(config or Config(select=tuple(codes)))
    print("## (a) error/warning findings on correct documents\n")
    rows = []
    halves: dict[str, list[int]] = {"dev": [0, 0], "held-out": [0, 0]}
    by_set: dict[str, list] = {}
    for s in samples:
        by_set.setdefault(s.set, []).append(s)
    for name, group in by_set.items():
        counts: Counter[str] = Counter()
        flagged = 0
        infos = 0
        for s in group:
            doc = document(s)
            report = lint.check_document(doc)
            found = [d for d in report.diagnostics if d.code in codes]
            loud = [d for d in found if d.severity.value != "info"]
            infos += len(found) - len(loud)
            counts.update(d.code for d in loud)
            flagged += bool(loud)
            half = "dev" if s.dev else "held-out"
            halves[half][0] += 1
            halves[half][1] += bool(loud)
            if show:
                for d in found:
                    print(f"  {d.code} {d.severity.value[0]} {name}/{s.name}:{d.location.paragraph} {d.message} | {context_of(doc, d)}")
        rows.append((name, len(group), flagged, counts, infos))
    print(f"\n{'set':9} {'docs':>5} {'flagged':>8} {'rate':>6}  " + " ".join(f"{c[2:]:>4}" for c in codes) + "  info")
    for name, n, flagged, counts, infos in rows:
        print(f"{name:9} {n:>5} {flagged:>8} {flagged / n:>6.3f}  " + " ".join(f"{counts[c]:>4}" for c in codes) + f"  {infos:>4}")
    total = sum(r[1] for r in rows)
    total_flagged = sum(r[2] for r in rows)
    print(f"{'all':9} {total:>5} {total_flagged:>8} {total_flagged / max(1, total):>6.3f}")
    for half, (n, f) in halves.items():
        print(f"{half:9} {n:>5} {f:>8} {f / max(1, n):>6.3f}")
    print("\n(rate = share of documents with at least one error/warning of these rules; rule columns: findings)")


def index_of_higher(tmp: Path) -> str:
    """A SQLite index of the archive's higher-level documents (State Council documents, laws)."""
    from gongwen_lint.index.backends import open_index
    from gongwen_lint.index.ingest import iter_prepared, read_manifest

    manifest = ARCHIVE / "manifest.tsv"
    higher = [ARCHIVE / k for k, meta in read_manifest(manifest).items() if meta.level == "higher"]
    url = str(tmp / "higher.gwidx")
    store = open_index(url, create=True)
    store.add(iter_prepared(higher, store.params.k, store.params.w, manifest=manifest))
    store.close()
    return url


def restatements(samples: list[Sample], show: bool, tmp: Path) -> None:
    """GW641/GW642 on the ministry's documents against the index of the higher-level ones they
    restate (State Council documents, laws): every finding printed with ``--show``."""
    url = index_of_higher(tmp)
    sets = [s for s in samples if s.set in ("mee", "docx")]
    print(f"\n## GW641/GW642 against an index of the archive's higher-level documents ({len(sets)} documents)\n")
    false_alarms(sets, INDEX_CODES, show, Config(select=tuple(INDEX_CODES), index=url))


# ---------------------------------------------------------------------------------------------
# main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("fa", "plant", "both"), default="both")
    ap.add_argument("--show", action="store_true", help="print every finding with its context")
    ap.add_argument("--limit", type=int, default=None, help="documents per set (quick runs)")
    ap.add_argument("--codes", default=",".join(TEXT_CODES))
    args = ap.parse_args()
    codes = [c.strip() for c in args.codes.split(",") if c.strip()]
    if args.part in ("fa", "both"):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            samples = corpus(args.limit) + [yichun(Path(tmp))]
            false_alarms(samples, codes, args.show)
            restatements(samples, args.show, Path(tmp))
    if args.part in ("plant", "both"):
        from eval_consistency_plants import planted

        planted(args.limit, args.show)


if __name__ == "__main__":
    main()
