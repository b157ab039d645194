"""The JSON contract (docs/json.md): stable keys, Chinese kept as is.

The contract is defined in :mod:`gongwen_lint.report`, beside the :class:`Report` it
serialises (so that ``Report.to_json`` needs no output module); this is its name among the
output formats, for the command line, the HTTP service and library users.
"""

from __future__ import annotations

from ..report import by_rule, document, file_record, render

__all__ = ["by_rule", "document", "file_record", "render"]
