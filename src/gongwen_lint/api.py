"""The library entry points (docs/library.md).

A :class:`Linter` holds one configuration and the resources built for it (dictionary automata,
the NLP pipeline, an index connection), so checking many files pays for them once.  The
module-level functions make a throwaway linter for one call.
"""

from __future__ import annotations

from pathlib import Path

from . import structure, suppress
from .config import Config, discover
from .engine import _fewer_collections, run_rules
from .errors import ReadError, ResourceError
from .model import Document
from .reading import load_document
from .report import Report
from .rules.context import Resources
from .textreader import document_from_text

__all__ = ["Linter", "lint_file", "lint_text", "load_document", "read_docx"]


def read_docx(path: str | Path, config: Config | None = None) -> Document:
    """The parsed draft with a role for every paragraph, its genre and its format.

    ``config``: its ``[dictionaries]`` additions (organ suffixes, font aliases) count for the
    roles as they do for the rules."""
    vocab = structure.load_vocab(config.dictionaries) if config is not None else None
    return structure.analyse(load_document(path), vocab)


class Linter:
    """Checks files with one configuration; reuse it for many files."""

    def __init__(self, config: Config | None = None, resources: Resources | None = None):
        """``resources`` may be another linter's, when the two configurations differ only in
        which rules are selected (``select``/``ignore``/``extend_select``): the automata, the
        NLP pipeline and the index connection then serve both.  The owner closes them."""
        self.config = config if config is not None else Config()
        self.resources = resources if resources is not None else Resources(self.config)

    def check_document(self, doc: Document, path_for_config: str | None = None) -> Report:
        with _fewer_collections():
            return self._check_document(doc, path_for_config)

    def _check_document(self, doc: Document, path_for_config: str | None) -> Report:
        """The structure read and the rules run with fewer collections of the youngest
        generation (:func:`.engine._fewer_collections`): analysing the structure makes the
        same flood of short-lived objects as the rules do."""
        if doc.genre is None and doc.format is None:
            vocab = self.resources.get("structure.vocab", lambda: structure.load_vocab(self.config.dictionaries))
            doc = structure.analyse(doc, vocab)
        rules = self.config.enabled_rules(path_for_config or doc.path)
        # Reader problems (doc.problems) are reported by the GW901 rule, so --ignore GW901 works.
        try:
            report = run_rules(doc, self.config, self.resources, rules)
        except ResourceError as e:  # e.g. the reference index went away: say so, do not skip it
            return Report(path=doc.path, error=str(e))
        report.diagnostics = suppress.apply(doc, report.diagnostics)  # Word-comment directives
        return report

    def check_file(self, path: str | Path) -> Report:
        """Never raises for a bad file: the report carries ``error`` instead.

        Reading, too, runs with fewer collections of the youngest generation: the reader makes
        tens of thousands of objects a long draft keeps (paragraphs, runs, formats), and each
        700 of them started a collection that walked the young ones again (issue 18)."""
        with _fewer_collections():
            return self._check_file(path)

    def _check_file(self, path: str | Path) -> Report:
        try:
            doc = load_document(path)
        except ReadError as e:
            return Report(path=str(path), error=str(e))
        except (MemoryError, RecursionError):
            return Report(path=str(path), error="文件结构过于庞大或嵌套过深，无法读取：请在 Word/WPS 中打开后另存为 .docx 再检查")
        except Exception as e:  # noqa: BLE001 - a reader bug must not stop a batch or show a traceback
            return Report(path=str(path), error=f"读取文件时发生内部错误（{type(e).__name__}）：请把文件和此信息报告给维护者")
        return self.check_document(doc)

    def check_text(self, text: str, path: str = "<text>") -> Report:
        try:
            doc = document_from_text(text, path)
        except ReadError as e:  # over the caps of limits.py
            return Report(path=path, error=str(e))
        return self.check_document(doc)

    def before_fork(self) -> None:
        """Release what a forked worker must not share (the index connection: SQLite and
        PostgreSQL connections are not fork-safe); everything else — dictionaries, automata,
        the NLP pipeline — stays, and the workers use it copy-on-write."""
        self.resources.release("index")

    def close(self) -> None:
        self.resources.close()


def lint_file(path: str | Path, config: Config | None = None) -> Report:
    """Check one draft.  ``config`` defaults to the configuration file found from the cwd."""
    linter = Linter(config if config is not None else discover())
    try:
        return linter.check_file(path)
    finally:
        linter.close()


def lint_text(text: str, config: Config | None = None, path: str = "<text>") -> Report:
    """Check a plain-text draft (one paragraph per line); layout rules do not apply."""
    linter = Linter(config if config is not None else Config())
    try:
        return linter.check_text(text, path)
    finally:
        linter.close()
