"""What a one-draft check imports: start-up is most of its time (issue 18), so the heavy modules
are imported only by the checks that use them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "通知草稿.docx"

PROBE = """
import sys
from gongwen_lint.api import Linter
from gongwen_lint.config import Config
report = Linter(Config(select={select})).check_file({path!r})
assert report.error is None, report.error
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "multiprocessing", "concurrent",
                                                                     "jieba", "spacy")
                      or m.startswith("gongwen_lint.rules.") and m.count(".") == 2)))
"""


def _imported(select: tuple[str, ...]) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(select=select, path=str(EXAMPLE))],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_a_check_with_the_peer_scope_imports_only_its_families():
    loaded = _imported(("GW1", "GW2"))
    assert not {m for m in loaded if m.split(".")[0] in ("numpy", "multiprocessing", "concurrent", "jieba", "spacy")}
    families = {m.split(".")[2] for m in loaded if m.startswith("gongwen_lint.rules.")}
    assert {"elements", "layout"} <= families
    assert not families & {"style", "punctuation", "duplicates", "genre", "headings"}


def test_a_default_check_without_an_index_imports_no_numpy_pool_or_nlp():
    loaded = _imported(())
    assert not {m for m in loaded if m.split(".")[0] in ("numpy", "multiprocessing", "concurrent", "jieba", "spacy")}
    assert "gongwen_lint.rules.style" in loaded  # the default rules' families are there
