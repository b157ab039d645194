"""Shared fixtures: building .docx drafts at test time, the small archive under
``tests/fixtures/archive`` and, when present, the shared corpus beside the checkout.

Tests marked ``@pytest.mark.corpus`` need ``../shared`` (corpus-scale checks on real third-party
files); they are skipped, with the reason, on a clone that has nothing beside it.  Everything
else runs on what the repository holds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # make tests/docxbuild.py importable

from corpus_paths import CORPUS_DOCX, SKIP_REASON, have_shared
from docxbuild import DocxBuilder


def pytest_collection_modifyitems(config, items):
    skip = None if have_shared() else pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "corpus_docx" in getattr(item, "fixturenames", ()) and "corpus" not in item.keywords:
            item.add_marker(pytest.mark.corpus)  # so that ``-m corpus`` selects it too
        if skip is not None and "corpus" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def docx_builder():
    """A fresh :class:`docxbuild.DocxBuilder`; save it with ``b.save(tmp_path / "x.docx")``."""
    return DocxBuilder()


@pytest.fixture(scope="session")
def corpus_docx() -> Path:
    """The folder of real Word/WPS layouts (skips when the shared corpus is absent)."""
    if not CORPUS_DOCX.is_dir():
        pytest.skip(SKIP_REASON)
    return CORPUS_DOCX
