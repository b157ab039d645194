"""Evaluate the GW7 style rules: recall on planted empty paragraphs, quiet on real documents.

1. **Recall.**  Empty paragraphs are planted into real documents (``gwr/``: government work
   reports with paragraph structure): (A) a sentence stacking stock phrases (各单位要高度重视，
   切实加强领导，狠抓落实，确保取得实效。) and (B) a measure paragraph with only
   加强/完善/推进/提升 and generic objects, no who/when/how much.  The variants are generated
   from small word lists with a fixed seed.  A plant is *found* when GW702 or GW703 reports on
   that paragraph (``found``), and *found as a warning* when one of them does so with severity
   warning.
2. **Precision.**  GW7 warnings per document on State Council documents (``gov_prc/``,
   flattened one-line texts, checked as they are and "reflowed": split into paragraphs before
   headings such as 一、/（一）) and on the government work reports (``gwr/``).  GW701 infos are
   counted separately; they are fine.
3. **Density.**  Distribution of ``boilerplate_ratio`` / ``substance_ratio`` (GW704 and GW709 summary)
   on those documents, used to set the default threshold ``style-max-boilerplate-ratio``.

Usage: python eval/eval_style.py [--corpus ../shared/corpus/archive] [--plants 200] [--show 5]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from gongwen_lint import structure
from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.diagnostics import Severity
from gongwen_lint.textreader import document_from_text

SUBJECTS = ["各单位", "各地区、各部门", "各级党组织", "全市上下", "各部门", "各乡镇（街道）", "各有关单位", "我们"]
STOCK = ["高度重视", "切实加强领导", "狠抓落实", "确保取得实效", "统一思想", "提高认识", "落到实处", "务求实效",
         "精心组织", "周密部署", "形成合力", "营造良好氛围", "全力以赴", "压实责任", "抓实抓细", "提高政治站位"]
VAGUE_VERBS = ["加强", "完善", "推进", "提升", "强化", "健全", "深化", "优化", "推动"]
GENERIC_OBJECTS = ["组织领导", "工作机制", "各项工作", "服务水平", "制度建设", "队伍建设", "能力建设", "监督管理",
                   "工作作风", "责任落实", "协调配合", "工作质量", "管理水平", "体制机制"]
ADVERBS = ["", "", "进一步", "全面", "切实", "不断", "持续"]


def plant_stacking(rng: random.Random) -> str:
    phrases = rng.sample(STOCK, rng.randint(3, 4))
    return f"{rng.choice(SUBJECTS)}要{'，'.join(phrases)}。"


def plant_vague_measure(rng: random.Random) -> str:
    verbs = rng.sample(VAGUE_VERBS, rng.randint(2, 4))
    objects = rng.sample(GENERIC_OBJECTS, len(verbs))
    clauses = [f"{rng.choice(ADVERBS)}{v}{o}" for v, o in zip(verbs, objects)]
    lead = rng.choice(["", "", "要", f"{rng.choice(SUBJECTS)}要"])
    return lead + "，".join(clauses) + "。"


_HEADING_START = re.compile(r"(?<=[。：；])(?=(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）))")


def reflow(text: str) -> str:
    """Split a flattened State Council text into paragraphs before 一、 and （一） headings."""
    return "\n".join(part for part in _HEADING_START.split(text) if part)


def recall(linter: Linter, corpus: Path, n: int, show: int) -> None:
    rng = random.Random(7)
    hosts = sorted((corpus / "gwr").glob("*.txt"))
    stats = {"A 套话堆叠句": [0, 0, 0], "B 空泛措施段": [0, 0, 0]}  # planted, found, found as warning
    misses: dict[str, list[str]] = {k: [] for k in stats}
    for i in range(n):
        kind = "A 套话堆叠句" if i % 2 == 0 else "B 空泛措施段"
        planted = plant_stacking(rng) if kind.startswith("A") else plant_vague_measure(rng)
        host = hosts[i % len(hosts)].read_text(encoding="utf-8").split("\n")
        body_lines = [k for k, line in enumerate(host) if len(line) > 60]
        at = rng.choice(body_lines) + 1 if body_lines else len(host)
        lines = host[:at] + [planted] + host[at:]
        doc = structure.analyse(document_from_text("\n".join(lines), f"plant{i}"))
        target = next(p for p in doc.body if p.text == planted)
        report = linter.check_document(doc)
        hits = [d for d in report.diagnostics if d.code in ("GW702", "GW703") and d.location.paragraph == target.index]
        stats[kind][0] += 1
        stats[kind][1] += bool(hits)
        stats[kind][2] += any(d.severity is Severity.WARNING for d in hits)
        if not hits and len(misses[kind]) < show:
            misses[kind].append(f"{planted}  [role={target.role.value}]")
    print("## Recall on planted empty paragraphs (GW702/GW703 at the planted paragraph)")
    for kind, (total, found, warned) in stats.items():
        print(f"{kind}: planted {total}, found {found} ({found / total:.2f}), as warning {warned} ({warned / total:.2f})")
        for m in misses[kind]:
            print(f"   missed: {m}")


def precision(linter: Linter, corpus: Path, show: int) -> None:
    print("\n## Quiet on real documents (GW7 warnings per document; GW701 infos counted apart)")
    sets = [
        ("gov_prc as-is", sorted((corpus / "gov_prc").glob("*.txt")), lambda t: t),
        ("gov_prc reflowed", sorted((corpus / "gov_prc").glob("*.txt")), reflow),
        ("gwr", sorted((corpus / "gwr").glob("*.txt")), lambda t: t),
    ]
    for name, files, transform in sets:
        warnings: Counter[str] = Counter()
        infos: Counter[str] = Counter()
        ratios, substance = [], []
        examples = []
        t0 = time.perf_counter()
        for f in files:
            text = transform(f.read_text(encoding="utf-8"))
            report = linter.check_document(structure.analyse(document_from_text(text, str(f))))
            for d in report.diagnostics:
                if not d.code.startswith("GW7"):
                    continue
                if d.severity is Severity.WARNING:
                    warnings[d.code] += 1
                    if len(examples) < show:
                        examples.append(f"{f.name} {d.code}: {d.excerpt[:70]} — {d.message[:50]}")
                else:
                    infos[d.code] += 1
            ratios.append(report.summary.get("boilerplate_ratio", 0.0))
            substance.append(report.summary.get("substance_ratio") or 0.0)
        n = len(files)
        dt = time.perf_counter() - t0
        print(f"{name}: {n} docs, GW7 warnings/doc {sum(warnings.values()) / n:.2f} {dict(warnings)}; "
              f"infos/doc {sum(infos.values()) / n:.2f} {dict(infos)}; {dt / n * 1000:.0f} ms/doc")
        qs = statistics.quantiles(ratios, n=20)
        print(f"   boilerplate_ratio: median {statistics.median(ratios):.3f}, p95 {qs[-1]:.3f}, max {max(ratios):.3f}; "
              f"substance_ratio median {statistics.median(substance):.2f}")
        for e in examples:
            print(f"   warning: {e}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "archive"))
    ap.add_argument("--plants", type=int, default=200)
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    linter = Linter(Config(select=("GW7",)))
    corpus = Path(args.corpus)
    recall(linter, corpus, args.plants, args.show)
    precision(linter, corpus, args.show)
    linter.close()


if __name__ == "__main__":
    main()
