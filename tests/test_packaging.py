"""What a library user and a pre-commit user get (issue 14): types, docstrings that point to the
documentation they have, hooks that show their warnings."""

from __future__ import annotations

import importlib
import pkgutil
import re
from importlib import resources
from pathlib import Path

import gongwen_lint

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_the_package_is_typed():
    assert resources.files("gongwen_lint").joinpath("py.typed").is_file()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["gongwen_lint"]


def test_docstrings_point_to_docs_not_to_internal_specs():
    assert "docs/library.md" in gongwen_lint.__doc__ and (ROOT / "docs" / "library.md").is_file()
    for info in pkgutil.walk_packages(gongwen_lint.__path__, "gongwen_lint."):
        if info.name.startswith("gongwen_lint.audit.spark"):
            continue  # imports pyspark
        module = importlib.import_module(info.name)
        text = Path(module.__file__).read_text(encoding="utf-8")
        assert not re.search(r"SPEC §", text), info.name
        for ref in set(re.findall(r"docs/[\w.-]+\.md", text)):
            assert (ROOT / ref).is_file(), f"{info.name} cites {ref}"


def test_pre_commit_hooks_show_their_report_when_they_pass():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").split("\n- id: ")[1:]
    assert len(hooks) == 2
    for hook in hooks:
        assert re.search(r"^  verbose: true$", hook, re.M), hook.splitlines()[0]


def test_no_module_of_the_package_is_over_600_lines():
    """Issue 17: a module that grows past 600 lines is several things; split it by what it holds."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "gongwen_lint"
    long = {str(p.relative_to(src)): n for p in src.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


def test_every_package_of_the_source_tree_is_installed():
    """``pip install .`` ships only the packages pyproject.toml lists: a family package left out
    (rules/elements …) installs a linter that fails on every draft, while the editable install the
    tests run on still works."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    on_disk = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}
    assert on_disk - listed == set()
