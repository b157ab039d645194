"""Recall and precision of the GW8 duplicate rules on planted drafts (issue 7 targets).

The shared archive (``../shared/corpus/archive`` with its manifest) is split: ~90 % of the
documents are indexed, the rest are held out and supply the drafters' "own" text.  Drafts:

* ``verbatim``  — 8 held-out paragraphs + 2 consecutive passages copied from one indexed document;
* ``edited``    — the same, the copied passages lightly edited (a 2-character word replaced about
  every 40 characters, one short deletion);
* ``reissue``   — a whole indexed document, lightly edited (about one word every 80 characters);
* ``stock``     — paragraphs made of formula sentences that occur in ≥ 5 archive documents, mixed
  with held-out text: nothing here is copying;
* ``negative``  — held-out paragraphs only.

Measured: source document named (strictly, and counting a document with the same text, e.g. a
templated sibling whose text matches the copied passages at ≥ 90 %, as a correct naming), copied passages located, character recall/precision,
GW8 error/warning findings on ``stock`` and ``negative`` drafts, and the extra check time with
the index.  ``--pg URL`` builds the same index in PostgreSQL and compares every finding.

    python eval/eval_duplicates.py [--n 100] [--seed 7] [--pg postgresql://…]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.index.backends import open_index
from gongwen_lint.index.fingerprint import kgram_hashes
from gongwen_lint.index.ingest import iter_prepared, read_manifest, read_reference
from gongwen_lint.index.normalize import normalize
from gongwen_lint.textreader import document_from_text

ARCHIVE = Path(__file__).resolve().parents[1].parent.joinpath("shared/corpus/archive")
_SENT = re.compile(r"(?<=[。；！？])")


def chunks(paragraphs: list[str], lo: int = 80, hi: int = 300) -> list[str]:
    """Paragraph-sized pieces of a document (archives without line breaks are cut at 。)."""
    out = []
    for text in paragraphs:
        text = text.strip()
        if len(text) <= hi:
            if len(text) >= lo:
                out.append(text)
            continue
        buf = ""
        for s in _SENT.split(text):
            if buf and len(buf) + len(s) > hi:
                if len(buf) >= lo:
                    out.append(buf)
                buf = ""
            buf += s
        if len(buf) >= lo:
            out.append(buf)
    return out


def light_edit(text: str, rng: random.Random, vocab: list[str], every: int) -> str:
    """Replace a 2-character word about every ``every`` characters; delete one short piece."""
    chars = list(text)
    han = [i for i in range(len(chars) - 1) if "\u4e00" <= chars[i] <= "\u9fff" and "\u4e00" <= chars[i + 1] <= "\u9fff"]
    for _ in range(max(1, len(text) // every)):
        if not han:
            break
        i = rng.choice(han)
        chars[i : i + 2] = list(rng.choice(vocab))
    if len(chars) > 60:
        i = rng.randrange(10, len(chars) - 10)
        del chars[i : i + rng.randint(2, 4)]
    return "".join(chars)


def file_paragraphs(path: str) -> list[str]:
    """The paragraphs of a reference file as a reviewer counts them: non-empty lines, without the
    ``# title`` line and ``<!-- … -->`` comments (written independently of the index code)."""
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    return [x for x in lines if x.strip() and not re.match(r"\s*#\s", x) and not x.strip().startswith("<!--")]


def families(norm_of: dict[str, str], min_share: float = 0.5) -> dict[str, set[str]]:
    """Templated siblings: documents sharing at least ``min_share`` of the smaller one's 16-grams.

    Computed exactly on a 1-in-8 sample of 16-gram hashes (``h % 8 == 0``), independently of the
    index under test: the same 督办函 sent to many cities, a State Council text filed twice.
    """
    paths = sorted(norm_of)
    hs, ds = [], []
    for i, p in enumerate(paths):
        h = np.unique(kgram_hashes(norm_of[p], 16))
        h = h[h % 8 == 0]
        hs.append(h)
        ds.append(np.full(len(h), i))
    H, D = np.concatenate(hs), np.concatenate(ds)
    order = np.argsort(H, kind="stable")
    H, D = H[order], D[order]
    cuts = np.flatnonzero(np.diff(H)) + 1
    shared: Counter[tuple[int, int]] = Counter()
    for group in np.split(D, cuts):
        if 2 <= len(group) <= 80:
            g = group.tolist()
            for a in range(len(g)):
                for b in range(a + 1, len(g)):
                    shared[(g[a], g[b])] += 1
    out: dict[str, set[str]] = {}
    for (a, b), n in shared.items():
        if n >= min_share * max(1, min(len(hs[a]), len(hs[b]))) and n >= 5:
            out.setdefault(paths[a], set()).add(paths[b])
            out.setdefault(paths[b], set()).add(paths[a])
    return out


def family_drafts(rng: random.Random, fam: dict[str, set[str]], src_chunks: dict[str, list[str]],
                  norm_of: dict[str, str], filler: list[str], vocab: list[str], n: int) -> list[dict]:
    """Drafts copying two consecutive chunks of a templated document that a sibling holds only
    approximately (the trap of issue 20: the sibling must not be named as the source)."""
    traps = []
    for src in sorted(fam):
        chunks_ = src_chunks.get(src, [])
        for j in range(len(chunks_) - 1):
            pair = [normalize(c) for c in chunks_[j : j + 2]]
            near = [o for o in sorted(fam[src]) if not all(c in norm_of[o] for c in pair)
                    and all(fuzz.partial_ratio(c, norm_of[o]) >= 80 for c in pair)]
            if near:
                traps.append((src, j))
    print(f"templated families: {len(fam)} documents with siblings; {len(traps)} copyable chunk pairs a sibling "
          f"holds only approximately")
    out = []
    for case in ("fam-verb", "fam-edit"):
        for src, j in rng.sample(traps, min(n, len(traps))):
            copied = src_chunks[src][j : j + 2]
            planted = [light_edit(c, rng, vocab, 40) for c in copied] if case == "fam-edit" else list(copied)
            paras = rng.sample(filler, 8)
            at = rng.randrange(len(paras) + 1)
            paras[at:at] = planted
            out.append({"case": case, "source": src, "paragraphs": paras, "planted": [at, at + 1], "orig": copied})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--archive", type=Path, default=ARCHIVE)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--holdout", type=float, default=0.1)
    ap.add_argument("--pg", help="also build the index in this PostgreSQL database and compare")
    ap.add_argument("--show", type=int, default=3, help="print this many failures per case")
    ap.add_argument("--dump", type=Path, help="write the drafts whose source is not named (JSON) here")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    manifest = args.archive / "manifest.tsv"
    metas = read_manifest(manifest)
    paths = sorted(metas)
    rng.shuffle(paths)
    n_hold = int(len(paths) * args.holdout)
    held, indexed = sorted(paths[:n_hold]), sorted(paths[n_hold:])

    tmp = Path(tempfile.mkdtemp(prefix="gw-eval-"))
    url = str(tmp / "archive.gwidx")
    store = open_index(url, create=True)
    t0 = time.perf_counter()
    res = store.add(p for p in iter_prepared([Path(p) for p in indexed], store.params.k, store.params.w, manifest=manifest))
    build = time.perf_counter() - t0
    stats = store.stats()
    print(f"index: {res.added} docs in {build:.1f}s = {res.added / build:.0f} docs/s; "
          f"{stats['size_bytes'] / 1e6:.1f} MB, {stats['bytes_per_document']} B/doc, {stats['postings']} postings")

    text_of = {p: [t for _, t in read_reference(Path(p))[0]] for p in paths}
    src_chunks = {p: chunks(text_of[p]) for p in indexed}
    # the drafters' own text must really be new: no 16-character run found in the indexed
    # documents (checked exactly, independently of the index under test)
    seen16 = np.unique(np.concatenate([kgram_hashes(normalize("".join(text_of[p])), 16) for p in indexed]))
    candidates = [c for p in held for c in chunks(text_of[p])]
    grams = [kgram_hashes(normalize(c), 16) for c in candidates]
    known = np.isin(np.concatenate(grams), seen16)
    bounds = np.cumsum([0] + [len(g) for g in grams])
    filler = [c for c, a, b in zip(candidates, bounds[:-1], bounds[1:]) if not known[a:b].any()]
    vocab = [m.group() for c in filler for m in re.finditer(r"[\u4e00-\u9fff]{2}", c)][:20000]
    # formula sentences: short clauses found in many indexed documents
    seen: Counter[str] = Counter()
    for p in indexed:
        seen.update({s for t in text_of[p] for s in re.split(r"[。；，：]", t) if 8 <= len(s) <= 40})
    formulae = [s for s, c in seen.items() if c >= 5]
    print(f"{len(indexed)} indexed, {len(held)} held out; {len(filler)} filler paragraphs, {len(formulae)} formula clauses")

    drafts: list[dict] = []
    sources = [p for p in indexed if len(src_chunks[p]) >= 2]
    for case in ("verbatim", "edited"):
        for _ in range(args.n):
            src = rng.choice(sources)
            j = rng.randrange(len(src_chunks[src]) - 1)
            copied = src_chunks[src][j : j + 2]
            planted = [light_edit(c, rng, vocab, 40) for c in copied] if case == "edited" else list(copied)
            paras = rng.sample(filler, 8)
            at = rng.randrange(len(paras) + 1)
            paras[at:at] = planted
            drafts.append({"case": case, "source": src, "paragraphs": paras, "planted": [at, at + 1], "orig": copied})
    # restatements of one higher-level document: 3–5 consecutive pieces of it (under half of it,
    # so not a re-issue), alone ("restate": 不再重复行文 expected) or with 3 new measures ("adds")
    higher = [p for p in indexed if metas[p].level == "higher" and len(src_chunks[p]) >= 8]
    for case in ("restate", "adds"):
        for _ in range(args.n):
            src = rng.choice(higher)
            size = rng.randint(3, 5)
            j = rng.randrange(len(src_chunks[src]) - size + 1)
            copied = src_chunks[src][j : j + size]
            paras = ["关于贯彻落实有关工作的通知"] + list(copied)
            planted = list(range(1, len(paras)))
            if case == "adds":
                for new in rng.sample(filler, 3):
                    at = rng.randrange(2, len(paras) + 1)
                    paras.insert(at, new)
                planted = [i for i, t in enumerate(paras) if t in copied]
            drafts.append({"case": case, "source": src, "paragraphs": paras, "planted": planted, "orig": copied})
    norm_all = {p: normalize("".join(text_of[p])) for p in indexed}
    drafts += family_drafts(rng, families(norm_all), src_chunks, norm_all, filler, vocab, args.n)
    whole = [p for p in indexed if 600 <= sum(map(len, src_chunks[p])) <= 20000 and len(src_chunks[p]) >= 3]
    for _ in range(args.n):
        src = rng.choice(whole)
        body = [t for t in text_of[src] if t.strip()]
        paras = ["关于印发有关文件的通知"] + [light_edit(c, rng, vocab, 80) if len(c) > 20 else c for c in body]
        drafts.append({"case": "reissue", "source": src, "paragraphs": paras,
                       "planted": list(range(1, len(paras))), "orig": src_chunks[src]})
    for _ in range(args.n):
        paras = []
        for _ in range(8):
            f = rng.sample(formulae, rng.randint(1, 3))
            tail = rng.choice(filler)[:60]
            paras.append("，".join(f) + "，" + tail)
        drafts.append({"case": "stock", "source": None, "paragraphs": paras, "planted": [], "orig": []})
    for _ in range(args.n):
        drafts.append({"case": "negative", "source": None, "paragraphs": rng.sample(filler, 10), "planted": [], "orig": []})

    def run(index_url: str | None) -> tuple[list[list], list[float]]:
        linter = Linter(Config(select=("GW8",), index=index_url))
        out, times = [], []
        try:
            for d in drafts:
                doc = document_from_text("\n".join(d["paragraphs"]), "<draft>")
                t = time.perf_counter()
                rep = linter.check_document(doc)
                times.append(time.perf_counter() - t)
                out.append(rep.diagnostics)
        finally:
            linter.close()
        return out, times

    run(url)  # warm the page cache and the stock-phrase tables
    results, t_with = run(url)
    _, t_without = run(None)
    texts = store.doc_texts(d["id"] for d in [{"id": i.id} for i in store.documents()])
    norm_by_path = {i.path: texts[i.id].text for i in store.documents()}

    def same_text(named: str, d: dict) -> bool:
        """A named document that contains the copied text as well as the source does."""
        if named == d["source"]:
            return True
        ref = norm_by_path.get(named, "")
        return all(fuzz.partial_ratio(normalize(o), ref) >= 90 for o in d["orig"][:3])

    by_case: dict[str, list] = {}
    for d, diags in zip(drafts, results):
        by_case.setdefault(d["case"], []).append((d, diags))
    print()
    par_cache: dict[str, list[str]] = {}

    def paragraph_holds(x) -> bool:
        """Reference paragraph N, opened in the file, holds the start of the copied passage."""
        paras = par_cache.setdefault(x.reference.path, file_paragraphs(x.reference.path))
        n = x.reference.paragraph
        if not n or n > len(paras):
            return False
        return fuzz.partial_ratio(normalize(x.excerpt)[:40], normalize(paras[n - 1])) >= 80

    def exact_holder(path: str, d: dict) -> bool:
        ref = norm_by_path.get(path, "")
        return all(normalize(o) in ref for o in d["orig"])

    verdicts = {}
    for d, diags in zip(drafts, results):
        c = verdicts.setdefault(d["case"], [0, 0, 0, 0])
        c[0] += 1
        c[1] += any(x.code == "GW805" for x in diags)
        c[2] += any(x.code == "GW805" and x.reference.path == d["source"] for x in diags)
        c[3] += sum(x.code == "GW803" for x in diags)
    print("不再重复行文 (GW805) per case: " + "; ".join(
        f"{case} {c[1]}/{c[0]} (source cited {c[2]}, GW803 infos/draft {c[3] / c[0]:.1f})" for case, c in verdicts.items()))
    for d, diags in zip(drafts, results):
        if d["case"] == "adds" and args.show:
            print("   adds example:", [x.message[:80] for x in diags if x.code in ("GW801", "GW802")][:1])
            break
    print(f"{'case':9} {'drafts':>6} {'named':>7} {'named*':>7} {'exact':>6} {'parOK':>6} {'located':>8} {'charR':>6} {'charP':>6} {'E/W per draft':>14} {'info':>6}")
    for case, rows in by_case.items():
        named = named_tie = exact = par_ok = par_n = 0
        located = planted_total = 0
        cov = hit = finding_chars = 0
        ew = info = 0
        fails = []
        dumped = []
        for d, diags in rows:
            gw = [x for x in diags if x.code.startswith("GW8")]
            ew += sum(1 for x in gw if x.severity.value in ("error", "warning"))
            info += sum(1 for x in gw if x.severity.value == "info")
            planted_lines = {i + 1 for i in d["planted"]}  # paragraph numbers are 1-based lines
            if case == "reissue":
                refs = [x.reference.path for x in gw if x.code == "GW804"]
            else:
                refs = [x.reference.path for x in gw if x.location.paragraph in planted_lines]
            on_planted = [x for x in gw if x.code == "GW803" and x.location.paragraph in planted_lines]
            par_n += len(on_planted)
            par_ok += sum(paragraph_holds(x) for x in on_planted)
            if d["source"] and case not in ("reissue", "restate"):
                # every planted paragraph's evidence names a document holding the copy word for word
                exact += all(any(exact_holder(x.reference.path, {"orig": [d["orig"][k]]}) for x in on_planted
                                 if x.location.paragraph == i + 1) for k, i in enumerate(d["planted"]))
            if d["source"]:
                ok = d["source"] in refs
                ok_tie = ok or any(same_text(r, d) for r in set(refs))
                named += ok
                named_tie += ok_tie
                exact_k = all(any(exact_holder(x.reference.path, {"orig": [d["orig"][k]]}) for x in on_planted
                                  if x.location.paragraph == i + 1) for k, i in enumerate(d["planted"]))
                if (not ok or (case not in ("reissue", "restate") and not exact_k)) and args.dump:
                    dumped.append({k: d[k] for k in ("case", "source", "paragraphs", "planted", "orig")})
                if (not ok_tie or (case.startswith("fam") and not ok)) and len(fails) < args.show:
                    fails.append((d["source"].split("archive/")[-1], [(x.code, x.reference.path.split("archive/")[-1]) for x in gw][:4]))
            for i in d["planted"]:
                line = i + 1
                text = d["paragraphs"][i]
                spans = [(x.location.start, x.location.end) for x in gw if x.code == "GW803" and x.location.paragraph == line]
                covered = len({c for s, e in spans for c in range(s, e)})
                planted_total += 1
                cov += covered
                hit += len(text)
                located += covered >= 0.5 * len(text)
            finding_chars_all = sum(x.location.end - x.location.start for x in gw if x.code == "GW803")
            finding_chars_in = sum(x.location.end - x.location.start for x in gw
                                   if x.code == "GW803" and x.location.paragraph in planted_lines)
            finding_chars += finding_chars_all
            cov_in = finding_chars_in
            rows_prec = (cov_in, finding_chars_all)
            d["_prec"] = rows_prec
        n = len(rows)
        prec_num = sum(d["_prec"][0] for d, _ in rows)
        prec_den = sum(d["_prec"][1] for d, _ in rows)
        fmt = lambda x: f"{x:.3f}"  # noqa: E731
        print(f"{case:9} {n:6d} {fmt(named / n) if rows[0][0]['source'] else '  -':>7} "
              f"{fmt(named_tie / n) if rows[0][0]['source'] else '  -':>7} "
              f"{fmt(exact / n) if rows[0][0]['source'] and case not in ('reissue', 'restate') else '  -':>6} "
              f"{fmt(par_ok / par_n) if par_n else '  -':>6} "
              f"{fmt(located / planted_total) if planted_total else '  -':>8} "
              f"{fmt(cov / hit) if hit else '  -':>6} {fmt(prec_num / prec_den) if prec_den else '  -':>6} "
              f"{ew / n:14.2f} {info / n:6.2f}")
        for f in fails:
            print("   miss:", f)
        if args.dump:
            with open(args.dump, "a", encoding="utf-8") as out:
                for x in dumped:
                    out.write(json.dumps(x, ensure_ascii=False) + "\n")
    for case in by_case:
        ex = [a - b for d, a, b in zip(drafts, t_with, t_without) if d["case"] == case]
        print(f"  {case}: added ms median {statistics.median(ex) * 1e3:.1f}, max {max(ex) * 1e3:.1f}")
    extra = [a - b for a, b in zip(t_with, t_without)]
    q = statistics.quantiles(extra, n=20)
    print(f"\ncheck time added by the index (ms): median {statistics.median(extra) * 1e3:.1f}, p95 {q[18] * 1e3:.1f}; "
          f"without index median {statistics.median(t_without) * 1e3:.1f}")
    for case in ("stock", "negative"):
        for _d, diags in by_case.get(case, []):
            for x in diags:
                if x.severity.value in ("error", "warning") and args.show:
                    print(f"   {case} E/W: {x.code} {x.excerpt[:40]} -> {x.reference.path.split('archive/')[-1]}")

    if args.pg:
        pg = open_index(args.pg, create=True)
        if pg.stats()["documents"]:
            raise SystemExit("--pg database already holds an index; use an empty database")
        t0 = time.perf_counter()
        pg.add(p for p in iter_prepared([Path(p) for p in indexed], pg.params.k, pg.params.w, manifest=manifest))
        pg_build = time.perf_counter() - t0
        pstats = pg.stats()
        pg_results, pg_with = run(args.pg)
        pg_results, pg_with = run(args.pg)
        same = sum(1 for a, b in zip(results, pg_results) if [x.to_dict() for x in a] == [x.to_dict() for x in b])
        print(f"\nPostgreSQL: build {len(indexed) / pg_build:.0f} docs/s, {pstats['bytes_per_document']} B/doc; "
              f"check median {statistics.median(pg_with) * 1e3:.1f} ms (SQLite {statistics.median(t_with) * 1e3:.1f} ms); "
              f"identical findings on {same}/{len(drafts)} drafts")
        pg.close()
    store.close()
    print(json.dumps({"tmp": str(tmp)}))


if __name__ == "__main__":
    main()
