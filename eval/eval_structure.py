"""Structure recognition accuracy per source: the share of non-empty paragraphs (and soft-break
lines) that get their true role.

Sources with known roles:

* ``corpus`` — correct documents rebuilt from the State Council corpus by ``make_documents.py``,
  as text (``corpus-txt``) and, with ``--docx``, typeset to GB/T 9704 as .docx and read back
  (``corpus-docx``: the *typeset* documents);
* ``cases`` — hand-labelled drafts in ``eval/structure_cases/*.tsv`` (``role<TAB>text`` per
  paragraph) and ``*.docx.tsv`` specs (see held-out), used while building the recogniser;
* ``layouts`` — the 32 bundled Word/WPS layouts in ``../shared/corpus/docx``
  (``structure_cases/layouts.truth``: file, paragraph, role, text);
* ``realdocx`` — the six real third-party files in ``../shared/corpus/realdocx``
  (``structure_cases/realdocx.truth``);
* ``held-out`` — ``eval/structure_heldout/``: drafts written before the recogniser saw them and
  never used to tune it (``held-out-2``: the ``h2_*`` batch, written after the first look at the
  others' results).  ``*.tsv`` are text drafts; ``*.docx.tsv`` are ``role<TAB>format<TAB>
  text`` specs typeset here as .docx (format tokens: a font — 小标宋 仿宋 黑体 楷体 宋体 —, a size
  in pt, ``c``/``r``/``j`` alignment, ``i2`` first-line indent of 2 characters, ``red``/``红``,
  ``pb`` page break before).

In a text, ``⏎`` is a soft line break (``w:br``); the role column then lists one role per line,
``signature|date``.  "Real files" is layouts + realdocx.  Prints accuracy per source, per role,
and the confusions.  Run:
    python eval/eval_structure.py [--count 60] [--docx] [--show 15]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from gongwen_lint import structure
from gongwen_lint.api import load_document
from gongwen_lint.model import Document
from gongwen_lint.textreader import document_from_text

SHARED = HERE.parent.parent / "shared" / "corpus"
LAYOUTS = SHARED / "docx"
REALDOCX = SHARED / "realdocx"
SOFT_BREAK = "⏎"


def labelled_cases(folder: str = "structure_cases", pattern: str = "*.tsv") -> list[tuple[str, list[str], list[str]]]:
    """(name, roles, texts) of the text drafts in ``folder`` (not the ``.docx.tsv`` specs)."""
    out = []
    for f in sorted((HERE / folder).glob(pattern)):
        if f.name.endswith(".docx.tsv"):
            continue
        roles, texts = [], []
        for line in f.read_text(encoding="utf-8").splitlines():
            role, _, text = line.partition("\t")
            roles.append(role.strip())
            texts.append(text)
        out.append((f.name, roles, texts))
    return out


_FONTS = {"小标宋": "方正小标宋简体", "仿宋": "仿宋_GB2312", "黑体": "黑体", "楷体": "楷体_GB2312", "宋体": "宋体"}


def docx_specs(folder: str) -> list[tuple[str, list[str], list[tuple[str, str]]]]:
    """(name, roles, [(format, text)]) of the ``*.docx.tsv`` specs in ``folder``."""
    out = []
    for f in sorted((HERE / folder).glob("*.docx.tsv")):
        roles, paras = [], []
        for line in f.read_text(encoding="utf-8").splitlines():
            role, fmt, text = line.split("\t", 2)
            roles.append(role.strip())
            paras.append((fmt, text))
        out.append((f.name, roles, paras))
    return out


def build_docx(paras: list[tuple[str, str]], path: Path) -> Path:
    """Typeset a spec as a drafter would in Word (A4, GB/T 9704 margins)."""
    from docxbuild import DocxBuilder, para, run

    b = DocxBuilder()
    b.page(width=210, height=297, top=37, bottom=35, left=28, right=26)
    for fmt, text in paras:
        kw: dict = {}
        rkw: dict = {}
        extra = ""
        for tok in fmt.split():
            if tok in _FONTS:
                rkw["font"] = _FONTS[tok]
            elif tok.replace(".", "").isdigit():
                rkw["size"] = float(tok)
            elif tok in ("c", "r", "j"):
                kw["align"] = {"c": "center", "r": "right", "j": "both"}[tok]
            elif tok == "i2":
                kw["first_line_chars"] = 200
            elif tok in ("red", "红"):
                rkw["color"] = "FF0000"
            elif tok == "pb":
                extra = '<w:pageBreakBefore/>'
        b.body(para(run(text.replace(SOFT_BREAK, "\n"), **rkw), extra=extra, **kw))
    return b.save(path)


def truth_file(name: str) -> dict[str, dict[int, str]]:
    """``structure_cases/<name>``: file, paragraph, role, text per line (# comments)."""
    truth: dict[str, dict[int, str]] = {}
    for line in (HERE / "structure_cases" / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        file, para, role, _ = line.split("\t", 3)
        truth.setdefault(file, {})[int(para)] = role
    return truth


def layout_truth() -> dict[str, dict[int, str]]:
    """Hand-checked roles of the bundled Word/WPS layouts (eval/structure_cases/layouts.truth)."""
    return truth_file("layouts.truth")


def got_roles(doc: Document) -> dict[int, str]:
    """Paragraph index -> role, ``a|b`` for a soft-break paragraph whose lines differ (a model
    without line roles, e.g. an older checkout measured for comparison, gives the paragraph's)."""
    return {p.index: "|".join(s.role.value for s in p.spans()) if hasattr(p, "spans") else p.role.value
            for p in doc.body}


class Tally:
    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.confusions: Counter = Counter()
        self.errors: list = []

    def score(self, name: str, truth: dict[int, str], got: dict[int, str]) -> None:
        for i, want in sorted(truth.items()):
            if want == "empty":
                continue
            have = got.get(i, "missing")
            wl, hl = want.split("|"), have.split("|")
            if len(wl) != len(hl):  # the lines of one paragraph with one role each
                hl = hl * len(wl) if len(hl) == 1 else hl[: len(wl)] + [hl[-1]] * (len(wl) - len(hl))
            for w, h in zip(wl, hl):
                self.counts[(w, w == h)] += 1
                if w != h:
                    self.confusions[(w, h)] += 1
                    self.errors.append((name, i, w, h))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def right(self) -> int:
        return sum(v for (_, ok), v in self.counts.items() if ok)


def _text_doc(texts: list[str], name: str) -> Document:
    return document_from_text("\n".join(t.replace(SOFT_BREAK, "\n") for t in texts), name)


def _by_index(roles: list[str]) -> dict[int, str]:
    return dict(enumerate(roles, start=1))


def _text_truth(roles: list[str], texts: list[str]) -> dict[int, str]:
    """Plain text has no soft breaks: a ``⏎`` line is several paragraphs, one role each."""
    out, i = {}, 0
    for role, text in zip(roles, texts):
        for r in (role.split("|") if SOFT_BREAK in text else [role]):
            i += 1
            out[i] = r
    return out


def _batch(name: str) -> str:
    """``h2_*`` drafts were written after the first look at the held-out results, again before
    running the recogniser on them."""
    return "held-out-2" if name.startswith("h2_") else "held-out"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--docx", action="store_true", help="also typeset the corpus drafts as .docx and read them back")
    ap.add_argument("--show", type=int, default=15, help="misclassified paragraphs to print per source")
    args = ap.parse_args(argv)

    runs: dict[str, Tally] = {}

    def tally(kind: str) -> Tally:
        return runs.setdefault(kind, Tally())

    with tempfile.TemporaryDirectory() as tmp:
        if (SHARED / "archive").is_dir():
            from make_documents import drafts_from_corpus, write_docx

            drafts = drafts_from_corpus(count=args.count)
            for d in drafts:
                doc = structure.analyse(document_from_text("\n".join(d.texts), d.name))
                tally("corpus-txt").score(d.name, _by_index(d.roles), got_roles(doc))
                if args.docx:
                    path = Path(tmp) / f"{d.name}.docx"
                    write_docx(d, path)
                    tally("corpus-docx").score(d.name, _by_index(d.roles), got_roles(structure.analyse(load_document(path))))
        for name, roles, texts in labelled_cases():
            doc = structure.analyse(_text_doc(texts, name))
            tally("cases").score(name, _text_truth(roles, texts), got_roles(doc))
        for name, roles, paras in docx_specs("structure_cases"):
            path = build_docx(paras, Path(tmp) / name.replace(".tsv", ""))
            tally("cases").score(name, _by_index(roles), got_roles(structure.analyse(load_document(path))))
        if LAYOUTS.is_dir():
            for name, want in sorted(layout_truth().items()):
                tally("layouts").score(name, want, got_roles(structure.analyse(load_document(LAYOUTS / name))))
        if REALDOCX.is_dir():
            for name, want in sorted(truth_file("realdocx.truth").items()):
                tally("realdocx").score(name, want, got_roles(structure.analyse(load_document(REALDOCX / name))))
        # Held out: written before the recogniser saw them, never used to tune it.
        for name, roles, texts in labelled_cases("structure_heldout"):
            doc = structure.analyse(_text_doc(texts, name))
            tally(_batch(name)).score(name, _text_truth(roles, texts), got_roles(doc))
        for name, roles, paras in docx_specs("structure_heldout"):
            path = build_docx(paras, Path(tmp) / name.replace(".tsv", ""))
            tally(_batch(name)).score(name, _by_index(roles), got_roles(structure.analyse(load_document(path))))
        if "held-out" in runs and "held-out-2" in runs:
            both = tally("held-out all")
            for kind in ("held-out", "held-out-2"):
                both.counts.update(runs[kind].counts)

    if "layouts" in runs or "realdocx" in runs:
        real = Tally()
        for kind in ("layouts", "realdocx"):
            if kind in runs:
                real.counts.update(runs[kind].counts)
        runs["real files"] = real
    print("accuracy per source (non-empty paragraphs; soft-break lines counted one by one)")
    for kind, t in runs.items():
        print(f"  {kind:12} {t.right:5}/{t.total:<5} = {t.right / max(t.total, 1):.3f}")
    for kind, t in runs.items():
        if kind in ("real files", "held-out all") or not t.confusions:
            continue
        print(f"\n[{kind}] {t.right}/{t.total}")
        for role in sorted({r for r, _ in t.counts}):
            n = t.counts[(role, True)] + t.counts[(role, False)]
            if t.counts[(role, False)]:
                print(f"  {role:18} {t.counts[(role, True)]:5}/{n:<5} {t.counts[(role, True)] / n:.3f}")
        print("  confusions (truth -> got):", ", ".join(f"{a}->{b} x{n}" for (a, b), n in t.confusions.most_common(10)))
        for name, i, w, h in t.errors[: args.show]:
            print(f"    {name} ¶{i}: {w} -> {h}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
