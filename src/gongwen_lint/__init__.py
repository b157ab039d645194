"""gongwen-lint: checks drafts of Chinese Party and government official documents (公文).

The library (docs/library.md; the JSON it shares with the command line: docs/json.md)::

    from gongwen_lint import lint_file, lint_text, read_docx
    report = lint_file("草稿.docx")
    for d in report.diagnostics:          # one per span, with location, excerpt and fix
        print(d.code, d.message)
    for f in report.findings():           # grouped as people read them: per paragraph, rule, kind
        print(f.location.paragraph, f.code, f.message)
    print(report.to_json())

Rules: docs/rules.md; configuration: docs/configuration.md.  Typed (PEP 561).
"""

from ._version import __version__ as __version__
from .api import Linter, lint_file, lint_text, read_docx
from .config import Config, ConfigError
from .diagnostics import Diagnostic, Finding, Fix, Location, Reference, Severity, group
from .errors import ReadError
from .model import DocFormat, Document, Genre, Paragraph, Role
from .report import Report

__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "DocFormat",
    "Document",
    "Finding",
    "Fix",
    "Genre",
    "Linter",
    "Location",
    "Paragraph",
    "ReadError",
    "Reference",
    "Report",
    "Role",
    "Severity",
    "group",
    "lint_file",
    "lint_text",
    "read_docx",
]
