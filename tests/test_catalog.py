"""The rule catalog (which family holds which rule) and the lazy import of families it allows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gongwen_lint.rules import registry
from gongwen_lint.rules._catalog import CATALOG

ROOT = Path(__file__).resolve().parents[1]


def test_catalog_is_current():
    """Adding, renaming or moving a rule without re-running the script fails here."""
    assert registry.catalog_entries() == CATALOG
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_rule_catalog.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def _modules_after(code: str) -> set[str]:
    """The rule families imported by a fresh interpreter after running ``code``."""
    probe = (f"import sys\n{code}\n"
             "print(' '.join(sorted(m.split('.')[2] for m in sys.modules if m.startswith('gongwen_lint.rules.')"
             " and m.count('.') == 2)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


FAMILIES = {module for module, _, _ in CATALOG.values()}


def test_selecting_two_families_imports_only_those():
    loaded = _modules_after(
        "from gongwen_lint.config import Config\n"
        "rules = Config(select=('GW1', 'GW2')).enabled_rules()\n"
        "assert {r.code[:3] for r in rules} == {'GW1', 'GW2'}, rules")
    assert loaded & FAMILIES == {"elements", "layout"}


def test_default_selection_imports_the_families_of_default_rules():
    loaded = _modules_after("from gongwen_lint.config import Config\nConfig().enabled_rules()")
    assert loaded & FAMILIES == {module for module, _, default in CATALOG.values() if default}


def test_names_and_selectors_need_no_import():
    loaded = _modules_after(
        "from gongwen_lint.rules import registry\n"
        "assert registry.valid_selector('GW4') and registry.valid_selector('element-order')\n"
        "assert not registry.valid_selector('GW49') and not registry.valid_selector('no-such-rule')\n"
        "assert registry.builtin_names()['element-order'] == 'GW108'")
    assert not loaded & FAMILIES


def test_get_rule_imports_its_family_and_finds_it_by_name():
    loaded = _modules_after(
        "from gongwen_lint.rules import registry\n"
        "r = registry.get_rule('element-order')\n"
        "assert r is not None and r.code == 'GW108'")
    assert loaded & FAMILIES == {"elements"}


def test_an_option_of_a_family_not_imported_is_still_found():
    """A rule reading an option declared in a family not yet imported still gets its default."""
    _modules_after(
        "from gongwen_lint.config import Config\n"
        "c = Config(select=('GW1',)); c.enabled_rules()\n"
        "assert c.option('style-max-chars') == 5000")
