"""Shared fixtures: building .docx drafts at test time and the real layouts of the corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # make tests/docxbuild.py importable

from docxbuild import DocxBuilder  # noqa: E402

CORPUS_DOCX = Path(__file__).resolve().parents[1].parent.joinpath("shared/corpus/docx")


@pytest.fixture
def docx_builder():
    """A fresh :class:`docxbuild.DocxBuilder`; save it with ``b.save(tmp_path / "x.docx")``."""
    return DocxBuilder()


@pytest.fixture(scope="session")
def corpus_docx() -> Path:
    """The folder of real Word/WPS layouts (skips when the shared corpus is absent)."""
    if not CORPUS_DOCX.is_dir():
        pytest.skip("shared corpus not available")
    return CORPUS_DOCX
