"""Build ``dictionaries/substance_table.bin``: how common a character n-gram is in official prose,
and the word class of the words of jieba's dictionary — the packaged data of the substance model.

Why: the stock of official Chinese is what recurs across unrelated documents (进一步, 提高认识,
工作机制), while a measure names something particular (危险化学品, 校舍, 污水管网).  Measuring that
once on the archive and shipping the figures lets the style rules judge a sentence without loading
spaCy and jieba (about a second) on every draft.  Nothing is downloaded: the inputs are the shared
archive and the dictionary file that the ``jieba`` package installs.

Method:

1. Documents: ``../shared/corpus/archive`` (manifest.tsv) in three groups — ``mee`` (生态环境部) and
   ``gwr`` (政府工作报告) for official prose, ``laws`` for regulatory prose.  ``gov_prc`` (国务院文件)
   is left out on purpose: it is the set the style rules are measured on for false alarms
   (``eval/eval_substance_real.py``), and a table built on it would call its own wording stock.
   The templated near-duplicate letters of ``mee`` are collapsed by title (digits removed);
   elsewhere exact duplicates are dropped.
2. Each document is cut into chunks of about :data:`CHUNK` Han characters (a paragraph's worth, so
   a long report does not count more than a short letter); for every Han n-gram of 2–4 characters,
   the number of chunks containing it per group, counting at most :data:`PER_DOC` chunks of one
   document (a word repeated all through one document is that document's topic, not stock).
3. ``common`` = the mean over the two groups of official documents (mee, gwr) of the share of
   chunks containing the n-gram; ``legal`` = the share in ``laws`` (regulatory prose:
   concrete nouns, few slogans).  Both are quantised on a log₂ scale to 4 bits (:func:`quantise`:
   0 = below 0.1 %, then one step per doubling).
4. The word class of jieba's dictionary words (``dict.txt``: word, frequency, ICTCLAS tag) mapped to
   :data:`CLASSES` — every idiom (i, l), every other word of frequency ≥ :data:`MIN_FREQ`, and
   the words seen in the archive (personal names only then) — so the runtime can tell a noun from
   an idiom in what is left of a sentence without loading jieba.
5. Every proper prefix (two characters or more) of a kept word of three or more is kept too, with
   the value 0 if it is nothing else, so the runtime segmentation can stop extending a candidate
   word as soon as no word starts that way (jieba's prefix dictionary does the same).
6. Keys are ``zlib.crc32`` of the UTF-8 n-gram (collisions among the kept keys are reported; a
   lookup of an unknown n-gram collides with probability about entries / 2³²).  The file is
   ``MAGIC``, the entry count, then the sorted little-endian uint32 keys and the uint16 values
   (``common | legal << 4 | class << 8 | freq << 11``, ``freq`` = log₂ of the word's frequency in
   jieba's dictionary, 0–31, which the runtime's segmentation uses as jieba does), uncompressed: reading 1.4 MB is faster than inflating
   1 MB (which costs more than every other part of loading the style rules).
7. The words of step 4 (and any n-gram whose key collides with a word's), two to seven characters,
   and every Han character, with their frequency, as text: ``dictionaries/substance_words.tsv``.  The runtime segmentation
   finds them all in one pass of an Aho-Corasick automaton built from this list (keys alone cannot
   be enumerated), instead of a table lookup per candidate substring.

Usage: python scripts/build_substance_table.py [--corpus ../shared/corpus/archive] [--out dictionaries/substance_table.bin]
       [--words-out dictionaries/substance_words.tsv]
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import struct
import sys
import zlib
from array import array
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAGIC = b"GWST3"
CHUNK = 300
PER_DOC = 5
MIN_SHARE = 0.001  # quantised 0 below this
MIN_FREQ = 5  # jieba words kept even if the archive never shows them (names of people: only if seen)
#: The longest word the runtime segmentation tries (:data:`gongwen_lint.substance.clause.MAX_WORD`).
MAX_WORD = 7
GROUPS = {"mee": 0, "gwr": 1, "laws": 2}
OFFICIAL = (0, 1)
LEGAL = 2
HAN = re.compile(r"[\u4e00-\u9fff]+")
#: Word classes (3 bits) from jieba's ICTCLAS tags.
#: ``verbal``: jieba's vn (监管, 改革, 排查, 整治) apart from plain nouns — an action named as a noun;
#: numerals and classifiers count as function words (the slots read numbers from the text).
CLASSES = {"none": 0, "noun": 1, "name": 2, "verb": 3, "modifier": 4, "idiom": 5, "function": 6, "verbal": 7}
TAG_CLASS = {
    "n": "noun", "ng": "noun", "nz": "noun", "vn": "verbal", "an": "noun", "g": "noun",
    "nr": "name", "nrt": "name", "nrfg": "name", "ns": "name", "nt": "name", "j": "name",
    "v": "verb", "vd": "verb", "vi": "verb", "vg": "verb", "vq": "verb",
    "a": "modifier", "ad": "modifier", "ag": "modifier", "d": "modifier", "df": "modifier", "dg": "modifier",
    "z": "modifier", "b": "modifier",
    "i": "idiom", "l": "idiom",
    "p": "function", "c": "function", "u": "function", "uj": "function", "ul": "function", "uz": "function",
    "ug": "function", "uv": "function", "ud": "function", "r": "function", "rr": "function", "rz": "function",
    "f": "function", "y": "function", "e": "function", "o": "function", "k": "function", "h": "function",
    "m": "function", "mq": "function", "q": "function", "t": "function", "tg": "function", "s": "function",
}


def quantise(share: float) -> int:
    if share < MIN_SHARE:
        return 0
    return max(1, min(15, int(math.log2(share / MIN_SHARE)) + 1))


def documents(corpus: Path):
    seen: set = set()
    with open(corpus / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            folder = row["path"].split("/")[0]
            if folder not in GROUPS:
                continue
            text = (corpus / row["path"]).read_text(encoding="utf-8", errors="replace")
            key = (folder, re.sub(r"[\d〔〕]", "", row["title"])) if folder == "mee" else (folder, hash(text))
            if key in seen:
                continue
            seen.add(key)
            yield GROUPS[folder], text


def chunks(text: str) -> list[list[str]]:
    out, cur, n = [], [], 0
    for run in HAN.findall(text):
        cur.append(run)
        n += len(run)
        if n >= CHUNK:
            out.append(cur)
            cur, n = [], 0
    if cur and (n >= CHUNK // 3 or not out):
        out.append(cur)
    return out


def count(corpus: Path):
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(GROUPS))
    totals = [0] * len(GROUPS)
    docs = [0] * len(GROUPS)
    for group, text in documents(corpus):
        docs[group] += 1
        per_doc: dict[str, int] = defaultdict(int)
        for chunk in chunks(text):
            totals[group] += 1
            grams = set()
            for run in chunk:
                for n in (2, 3, 4):
                    for i in range(len(run) - n + 1):
                        grams.add(run[i:i + n])
            for g in grams:
                per_doc[g] += 1
        for g, k in per_doc.items():
            counts[g][group] += min(k, PER_DOC)
    return counts, totals, docs


def jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or not HAN.fullmatch(parts[0]):
                continue
            out[parts[0]] = (int(parts[1]), parts[2])
    return out


def build(corpus: Path) -> tuple[dict[str, int], dict]:
    counts, totals, docs = count(corpus)
    words = jieba_words()
    values: dict[str, int] = {}
    for g, c in counts.items():
        common = quantise(sum(c[i] / totals[i] for i in OFFICIAL) / len(OFFICIAL))
        legal = quantise(c[LEGAL] / totals[LEGAL])
        if common:  # an n-gram official prose does not use is looked up as "not common" anyway
            values[g] = common | legal << 4
    kept_words = 0
    for w, (freq, tag) in words.items():
        cls = CLASSES[TAG_CLASS.get(tag, "none")]
        if not cls or len(w) > 7:
            continue
        seen = w in counts
        person = tag in ("nr", "nrt", "nrfg")
        if seen or len(w) == 1 or cls == CLASSES["idiom"] or (freq >= MIN_FREQ and not person):
            values[w] = values.get(w, 0) | cls << 8 | min(31, max(0, round(math.log2(max(freq, 1))))) << 11
            kept_words += 1
    for w in [w for w, v in values.items() if v >> 8 & 7 and len(w) >= 3]:
        for n in range(2, len(w)):
            values.setdefault(w[:n], 0)
    stats = {"documents": docs, "chunks": totals, "ngrams": len(counts), "entries": len(values), "words": kept_words}
    return values, stats


def keyed_values(values: dict[str, int]) -> tuple[dict[int, int], int]:
    """The values by CRC-32 key, as the runtime reads them, and how many keys collided."""
    keyed: dict[int, int] = {}
    collisions = 0
    for s, v in values.items():
        k = zlib.crc32(s.encode("utf-8"))
        if k in keyed:
            collisions += 1
            keyed[k] = max(keyed[k], v)  # conservative: the commoner reading wins
        else:
            keyed[k] = v
    return keyed, collisions


def write(values: dict[str, int], out: Path) -> int:
    keyed, collisions = keyed_values(values)
    keys = array("I", sorted(keyed))
    vals = array("H", (keyed[k] for k in keys))
    if sys.byteorder != "little":
        keys.byteswap()
        vals.byteswap()
    out.write_bytes(MAGIC + struct.pack("<I", len(keys)) + keys.tobytes() + vals.tobytes())
    return collisions


def segmentation_words(values: dict[str, int]) -> dict[str, int]:
    """What the runtime segmentation may take as a word, with the frequency a lookup gives it:
    every Han character (frequency 0 if the table holds nothing for it), and every string of two
    to :data:`MAX_WORD` characters that the table makes a word (a word class under its key).  Read
    off the same keyed values as the table, so an n-gram whose key collides with a word's is a word
    here as it is for a lookup."""
    keyed, _ = keyed_values(values)
    out = {}
    for c in range(0x4E00, 0xA000):
        out[chr(c)] = keyed.get(zlib.crc32(chr(c).encode("utf-8")), 0) >> 11
    for s in values:
        if 2 <= len(s) <= MAX_WORD:
            v = keyed[zlib.crc32(s.encode("utf-8"))]
            if v >> 8 & 7:
                out[s] = v >> 11
    return out


def write_words(words: dict[str, int], out: Path) -> None:
    """One word a line, ``word<TAB>log₂ frequency``, sorted: the runtime builds its automaton from
    this (:mod:`gongwen_lint.substance.words`)."""
    out.write_text("".join(f"{w}\t{f}\n" for w, f in sorted(words.items())), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "archive"))
    ap.add_argument("--out", default=str(ROOT / "dictionaries" / "substance_table.bin"))
    ap.add_argument("--words-out", default=str(ROOT / "dictionaries" / "substance_words.tsv"))
    args = ap.parse_args()
    values, stats = build(Path(args.corpus))
    collisions = write(values, Path(args.out))
    words = segmentation_words(values)
    write_words(words, Path(args.words_out))
    size = Path(args.out).stat().st_size
    print(f"{stats}; key collisions {collisions}; wrote {args.out} ({size / 1024:.0f} KiB)"
          f" and {args.words_out} ({len(words)} segmentation words)")


if __name__ == "__main__":
    main()
