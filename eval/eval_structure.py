"""Structure recognition accuracy: the share of non-empty paragraphs that get their true role.

Inputs with known roles:
* correctly made drafts rebuilt from the State Council corpus by ``make_documents.py`` (as .txt,
  and as .docx typeset to GB/T 9704 when ``--docx`` is given);
* the hand-labelled drafts in ``eval/structure_cases/*.tsv`` (``role<TAB>text`` per paragraph):
  other genres and formats — 请示 with 签发人, 函, 纪要, 命令, joint documents, attachments.

Prints accuracy overall and per role, and the confusions.  Run:
    python eval/eval_structure.py [--count 60] [--docx]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gongwen_lint import structure  # noqa: E402
from gongwen_lint.api import load_document  # noqa: E402
from gongwen_lint.textreader import document_from_text  # noqa: E402


def labelled_cases(folder: str = "structure_cases") -> list[tuple[str, list[str], list[str]]]:
    out = []
    for f in sorted((HERE / folder).glob("*.tsv")):
        roles, texts = [], []
        for line in f.read_text(encoding="utf-8").splitlines():
            role, _, text = line.partition("\t")
            roles.append(role.strip())
            texts.append(text)
        out.append((f.name, roles, texts))
    return out


LAYOUTS = HERE.parent.parent / "shared" / "corpus" / "docx"


def layout_truth() -> dict[str, dict[int, str]]:
    """Hand-checked roles of the bundled Word/WPS layouts (eval/structure_cases/layouts.truth)."""
    truth: dict[str, dict[int, str]] = {}
    for line in (HERE / "structure_cases" / "layouts.truth").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, para, role, _ = line.split("\t", 3)
        truth.setdefault(name, {})[int(para)] = role
    return truth


def score(name: str, truth: list[str], got: list[str], tally: Counter, confusions: Counter, errors: list,
          numbers: list[int] | None = None) -> None:
    for i, t, g in zip(numbers or range(1, len(truth) + 1), truth, got):
        if t == "empty":
            continue
        tally[(t, t == g)] += 1
        if t != g:
            confusions[(t, g)] += 1
            errors.append((name, i, t, g))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--docx", action="store_true", help="also typeset the corpus drafts as .docx and read them back")
    ap.add_argument("--show", type=int, default=15, help="misclassified paragraphs to print")
    args = ap.parse_args(argv)

    from make_documents import drafts_from_corpus, write_docx

    runs = {"txt": (Counter(), Counter(), [])}
    if args.docx:
        runs["docx"] = (Counter(), Counter(), [])
    drafts = drafts_from_corpus(count=args.count)
    cases = labelled_cases()
    with tempfile.TemporaryDirectory() as tmp:
        for d in drafts:
            doc = structure.analyse(document_from_text("\n".join(d.texts), d.name))
            score(d.name, d.roles, [p.role.value for p in doc.body], *runs["txt"])
            if args.docx:
                path = Path(tmp) / f"{d.name}.docx"
                write_docx(d, path)
                doc = structure.analyse(load_document(path))
                score(d.name, d.roles, [p.role.value for p in doc.body], *runs["docx"])
        for name, roles, texts in cases:
            doc = structure.analyse(document_from_text("\n".join(texts), name))
            score(name, roles, [p.role.value for p in doc.body], *runs["txt"])
        # Held out: written after the recogniser was tuned and not used to tune it since.
        runs["held-out"] = (Counter(), Counter(), [])
        for name, roles, texts in labelled_cases("structure_heldout"):
            doc = structure.analyse(document_from_text("\n".join(texts), name))
            score(name, roles, [p.role.value for p in doc.body], *runs["held-out"])
        if LAYOUTS.is_dir():
            runs["layouts"] = (Counter(), Counter(), [])
            for name, want in sorted(layout_truth().items()):
                doc = structure.analyse(load_document(LAYOUTS / name))
                got = {p.index: p.role.value for p in doc.body}
                numbers = sorted(want)
                score(name, [want[i] for i in numbers], [got.get(i, "missing") for i in numbers], *runs["layouts"],
                      numbers=numbers)

    print(f"{len(drafts)} corpus drafts, {len(cases)} hand-labelled drafts, bundled layouts: {LAYOUTS.is_dir()}")
    for kind, (tally, confusions, errors) in runs.items():
        total = sum(tally.values())
        right = sum(v for (_, ok), v in tally.items() if ok)
        print(f"\n[{kind}] accuracy {right}/{total} = {right / max(total, 1):.3f}")
        for role in sorted({r for r, _ in tally}):
            n = tally[(role, True)] + tally[(role, False)]
            print(f"  {role:18} {tally[(role, True)]:5}/{n:<5} {tally[(role, True)] / n:.3f}")
        if confusions:
            print("  confusions (truth -> got):", ", ".join(f"{t}->{g} x{n}" for (t, g), n in confusions.most_common(10)))
        for name, i, t, g in errors[: args.show]:
            print(f"    {name} ¶{i}: {t} -> {g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
