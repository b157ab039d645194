"""The packaged TOML dictionaries of the consistency and authority rules, read once.

``dictionaries/`` ships as the package ``gongwen_lint.dictionaries`` (data reviewed like code,
every entry with its source).  A leading underscore keeps the rule registry from treating this
module as a rule family.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@cache
def load_toml(name: str) -> dict[str, Any]:
    """``dictionaries/<name>`` parsed (from the installed package, else the source checkout)."""
    try:
        data = resources.files("gongwen_lint.dictionaries").joinpath(name).read_bytes()
    except (TypeError, ModuleNotFoundError, FileNotFoundError):
        data = (Path(__file__).resolve().parents[3] / "dictionaries" / name).read_bytes()
    return tomllib.loads(data.decode("utf-8"))
