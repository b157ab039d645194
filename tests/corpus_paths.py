"""Where test data lives: the archive slice in the repository, and the shared corpus beside it.

Tests marked ``@pytest.mark.corpus`` (see ``conftest.py``) use ``../shared``; everything else
must run on a clone with nothing beside it.
"""

from __future__ import annotations

from pathlib import Path

#: The shared corpus (``../shared``); absent on a fresh clone.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS_DOCX = SHARED / "corpus" / "docx"
SHARED_ARCHIVE = SHARED / "corpus" / "archive"
#: A slice of the archive kept in the repository (same layout: manifest.tsv, gov_prc/, laws/):
#: six State Council documents and two families of laws with their provincial 实施办法.
FIXTURE_ARCHIVE = Path(__file__).resolve().parent / "fixtures" / "archive"

SKIP_REASON = "需要 ../shared 共享语料（真实第三方文件，语料规模的检查）：本仓库旁没有，已跳过"


def have_shared() -> bool:
    return (SHARED / "corpus").is_dir()
