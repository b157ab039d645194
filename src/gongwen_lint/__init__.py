"""gongwen-lint: checks drafts of Chinese Party and government official documents (公文).

Public API (SPEC §3.5)::

    from gongwen_lint import lint_file, lint_text, read_docx
    report = lint_file("草稿.docx")
    for d in report.diagnostics:
        print(d.code, d.message)
    print(report.to_json())
"""

__version__ = "0.1.0"

from .api import Linter, lint_file, lint_text, read_docx
from .config import Config, ConfigError
from .diagnostics import Diagnostic, Fix, Location, Reference, Severity
from .engine import Report
from .errors import ReadError
from .model import Document, DocFormat, Genre, Paragraph, Role

__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "DocFormat",
    "Document",
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
    "lint_file",
    "lint_text",
    "read_docx",
]
