"""Mine candidate 套话 from the shared corpus: n-grams common across issuers that carry no content.

Method (recorded as the ``source`` of the dictionary entries it justified):

1. Documents: ``archive/mee`` (生态环境部) and ``archive/gov_prc`` + ``archive/gwr`` (国务院).
   Laws are left out: statutory wording (应当依法…) is not 公文 boilerplate.  Near-duplicate
   templated letters in ``mee`` are collapsed by title.
2. For each document, the set of jieba words and of 2–3-word sequences (within one clause),
   restricted to Han text; document frequency per issuer group.
3. Keep a sequence when it appears in ≥ ``--min-share`` of the documents of *both* issuer
   groups (common across issuers) and every word of it is a verb, adverb, adjective,
   conjunction, preposition or particle by ``jieba.posseg`` — no noun, name, place, number or
   time word, i.e. it carries no content of its own.
4. Print ``sequence  df_mee  df_gov  share_min`` sorted by the smaller share; a human picks
   the entries that read as 套话 and records them with source
   ``corpus-ngram:eval/mine_boilerplate.py(df_mee/df_gov)``.

Usage: python eval/mine_boilerplate.py [--corpus ../shared/corpus/archive] [--min-share 0.02]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

import jieba
import jieba.posseg as pseg

EMPTY_POS = {"v", "vd", "d", "ad", "a", "c", "p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "zg"}
CLAUSE_RE = re.compile(r"[\u4e00-\u9fff]+")


def documents(root: Path):
    seen_titles = set()
    with open(root / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            folder = row["path"].split("/")[0]
            if folder not in ("mee", "gov_prc", "gwr"):
                continue
            key = (folder, re.sub(r"[\d〔〕]", "", row["title"]))
            if key in seen_titles:
                continue
            seen_titles.add(key)
            group = "mee" if folder == "mee" else "gov"
            yield group, (root / row["path"]).read_text(encoding="utf-8", errors="replace")


def sequences(text: str) -> set[str]:
    out: set[str] = set()
    for clause in CLAUSE_RE.findall(text):
        if len(clause) < 4:
            continue
        words = [(w.word, w.flag) for w in pseg.cut(clause)]
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                seg = words[i : i + n]
                s = "".join(w for w, _ in seg)
                if 4 <= len(s) <= 8 and all(flag in EMPTY_POS for _, flag in seg):
                    out.add(s)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "archive"))
    ap.add_argument("--min-share", type=float, default=0.02)
    ap.add_argument("--top", type=int, default=200)
    args = ap.parse_args()
    jieba.setLogLevel(60)
    df = {"mee": Counter(), "gov": Counter()}
    n = Counter()
    for group, text in documents(Path(args.corpus)):
        n[group] += 1
        df[group].update(sequences(text))
    rows = []
    for s in set(df["mee"]) & set(df["gov"]):
        share = min(df["mee"][s] / n["mee"], df["gov"][s] / n["gov"])
        if share >= args.min_share:
            rows.append((share, s))
    rows.sort(reverse=True)
    print(f"# documents: mee={n['mee']} gov={n['gov']}; sequences kept: {len(rows)}")
    for share, s in rows[: args.top]:
        print(f"{s}\t{df['mee'][s]}\t{df['gov'][s]}\t{share:.3f}")


if __name__ == "__main__":
    main()
