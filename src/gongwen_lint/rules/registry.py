"""The rule registry: one table of rules, each documenting itself.

A rule is a function decorated with :func:`rule`.  Paragraph rules (``roles`` given) are called
once per paragraph whose role is in scope; document rules (``roles=None``) once per document.
Both yield diagnostics built with :meth:`Context.report`.

The docstring *is* the rule's documentation (``gongwen-lint rule CODE``, docs/rules.md) and its
examples are test cases: lines ``错：…`` must make the rule fire, ``对：…`` must not.  A block
example is written as ``错：`` followed by indented lines (one paragraph each).

Rules that are data (a dictionary, a substitution table) are declared in TOML instead
(:mod:`.declared`, packaged ones in ``dictionaries/rules/``) and registered here the same way,
with :func:`register`.  A user's own rule files (``rules-path``) are a separate layer,
:func:`use_user_rules`, replaced whenever another configuration is read; their codes are
``X`` and three digits (:data:`USER_CODE_RE`), so they can never take a built-in code.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import recache
from ..diagnostics import Diagnostic, Severity
from ..model import Role
from ._catalog import CATALOG
from ._zones import ITEMS, SCOPES

_ALL_MODULES = sorted({module for module, _, _ in CATALOG.values()})
_CATALOG_NAMES = {name: code for code, (_, name, _) in CATALOG.items()}

#: Source levels (docs/developing.md, "Messages"); requirements worded 一般/推荐/可以 never exceed warning.
SOURCES = ("条例", "国标", "标准", "政策", "实务")

RuleFunc = Callable[..., Iterable[Diagnostic]]

#: What a rule's docstring examples are read as, for the test harness that runs them
#: (``tests/example_runner.py``; nothing in the product runs examples): ``text`` a paragraph of
#: the rule's scope or, indented, a whole draft; ``layout`` formatted paragraphs
#: (``{正文 宋体 12磅}…``, GW2); ``table`` a draft whose ``| a | b |`` lines are table rows
#: (GW621, GW622); ``index`` a draft checked against an index of the rule's ``## 参照文件``
#: (GW641, GW642, GW8).  The harness has one builder for each.
EXAMPLE_INPUTS = ("text", "layout", "table", "index")


@dataclass(frozen=True)
class Example:
    text: str  # paragraphs joined by "\n"
    fires: bool


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: str
    severity: Severity
    source: str
    func: RuleFunc
    roles: frozenset[Role] | None = None  # None: a document rule
    needs: frozenset[str] = frozenset()  # "nlp", "index", "docx" (formatting)
    default: bool = True  # enabled unless deselected
    fixable: bool = False
    #: The rule's own options, name -> default: configured in ``[tool.gongwen-lint.GWnnn]`` and
    #: read with ``ctx.option(name)``; no other rule can read them (shared values: :mod:`.settings`).
    options: dict[str, object] = field(default_factory=dict)
    #: The allowed values of the options that are enumerations.
    option_choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: What the engine hands the rule besides roles: a zone (版头, 主体, 附件, 版记) or ``"items"``
    #: (:mod:`._zones`); None for a paragraph rule of ``roles`` or a document rule.
    scope: str | None = None
    #: Runs after every other rule and reads what they produced (``Context.diagnostics_of``):
    #: GW902 judges the suppressions from the findings already made, as ruff's RUF100 does.
    after_all: bool = False
    origin: str = ""  # the TOML file a declared rule comes from ("": a rule in code)
    example_input: str = "text"  # what the docstring examples are read as (EXAMPLE_INPUTS)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def is_paragraph_rule(self) -> bool:
        """Called once per paragraph of its roles (inside its zone when it has one)."""
        return self.roles is not None

    @property
    def examples(self) -> list[Example]:
        return parse_examples(self.doc)


_RULES: dict[str, Rule] = {}
_NAMES: dict[str, str] = {}

CODE_RE = recache.compile(r"^GW\d{3}$")
#: Codes of a user's own rules (``rules-path``): never a built-in code.
USER_CODE_RE = recache.compile(r"^X\d{3}$")
_USER: dict[str, Rule] = {}  # code -> rule, from the configured rules-path
_USER_NAMES: dict[str, str] = {}
NAME_RE = recache.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def rule(
    code: str,
    name: str,
    *,
    title: str,
    severity: Severity,
    source: str,
    roles: Iterable[Role] | None = None,
    scope: str | None = None,
    needs: Iterable[str] = (),
    default: bool = True,
    fixable: bool = False,
    options: dict[str, object] | None = None,
    option_choices: dict[str, tuple[str, ...]] | None = None,
    after_all: bool = False,
    example_input: str = "text",
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule.  ``options`` declares its tunable thresholds, named without a family
    prefix (configured in ``[tool.gongwen-lint.GWnnn]``, read with ``ctx.option(name)``);
    ``option_choices`` the allowed values of a string option that is an enumeration; ``scope``
    a zone or ``"items"`` (:data:`._zones.SCOPES`)."""
    if not CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if not NAME_RE.match(name):
        raise ValueError(f"bad rule name {name!r}")
    if source.split()[0] not in SOURCES:
        raise ValueError(f"{code}: source must start with one of {SOURCES}")
    if example_input not in EXAMPLE_INPUTS:
        raise ValueError(f"{code}: example_input must be one of {EXAMPLE_INPUTS}")
    if scope is not None and scope not in SCOPES:
        raise ValueError(f"{code}: scope must be one of {SCOPES}")
    if scope == ITEMS and roles is not None:
        raise ValueError(f"{code}: an items rule reads whole items, not paragraphs of roles")

    def decorate(func: RuleFunc) -> RuleFunc:
        register(
            Rule(
                code=code,
                name=name,
                title=title,
                severity=severity,
                source=source,
                func=func,
                roles=frozenset(roles) if roles is not None else None,
                needs=frozenset(needs),
                default=default,
                fixable=fixable,
                options=dict(options or {}),
                option_choices={k: tuple(v) for k, v in (option_choices or {}).items()},
                scope=scope,
                after_all=after_all,
                example_input=example_input,
            ),
        )
        return func

    return decorate


def register(r: Rule) -> None:
    """Add a built-in rule (from :func:`rule` or a packaged TOML file) to the table."""
    if r.code in _RULES or r.name in _NAMES:
        raise ValueError(f"duplicate rule {r.code} {r.name}")
    for opt in r.options:
        if not NAME_RE.match(opt):
            raise ValueError(f"{r.code}: bad option name {opt!r}")
        if opt.startswith(_FAMILY_PREFIXES):
            raise ValueError(f"{r.code}: option {opt!r} must be named without the family prefix (its table names the rule)")
    for opt, choices in r.option_choices.items():
        if opt not in r.options or r.options[opt] not in choices:
            raise ValueError(f"{r.code}: choices for an undeclared option or without its default: {opt}")
    _RULES[r.code] = r
    _NAMES[r.name] = r.code


#: The old global option names started so; a rule's own options no longer need a prefix.
_FAMILY_PREFIXES = ("layout-", "style-", "duplicates-", "duplicate-paragraph-")


def use_user_rules(rules: Iterable[Rule]) -> None:
    """Make ``rules`` (a user's declared rules) the user layer, replacing the previous one.

    The caller (:mod:`.declared`) has checked their codes and names against the built-in ones."""
    _USER.clear()
    _USER_NAMES.clear()
    for r in rules:
        _USER[r.code] = r
        _USER_NAMES[r.name] = r.code


UserLoader = Callable[[tuple[str, ...]], list[Rule]]
_USER_LOADER: UserLoader | None = None  # set by .declared when it is imported
_USER_PATHS: tuple[str, ...] | None = None  # the rules-path the user layer was loaded from


def set_user_loader(loader: UserLoader) -> None:
    """The function that reads a user's rule files (:func:`.declared.load_user_rules`).

    Injected rather than imported: the configuration calls :func:`use_rules_path`, and it sits
    below the rule modules (which import the configuration's types), so it must not import them."""
    global _USER_LOADER
    _USER_LOADER = loader


def use_rules_path(paths: Iterable[str]) -> None:
    """Load the user's rule files ``paths`` as the user layer, once per distinct ``paths``
    (:class:`~gongwen_lint.errors.RuleFileError` when one cannot be used)."""
    global _USER_PATHS
    key = tuple(paths)
    if key == _USER_PATHS:
        return
    if key:
        _load_modules(("declared",))  # it reads the files, and registers the loader when imported
        assert _USER_LOADER is not None, "rules.declared registers the loader when it is imported"
        use_user_rules(_USER_LOADER(key))
    else:
        use_user_rules([])
    _USER_PATHS = key


def builtin_names() -> dict[str, str]:
    """Name → code of the built-in rules (user rules must not take one), from the catalog."""
    return dict(_CATALOG_NAMES)


_LOADED: set[str] = set()  # the family modules of this package imported so far


def _load_modules(modules: Iterable[str]) -> None:
    """Import these family modules of this package (once each); importing registers their rules."""
    import importlib

    for m in sorted(set(modules) - _LOADED):
        _LOADED.add(m)
        importlib.import_module(f"{__package__}.{m}")


def _load_rule_modules(codes: Iterable[str] | None = None) -> None:
    """Import the family modules that hold ``codes`` (every family when ``None``).

    A check imports only the families its selected rules live in: ``--select GW1,GW2`` does not
    pay for the style or punctuation families' dictionaries and patterns at start-up (issue 18).
    Which module holds which code is the catalog's (:mod:`._catalog`)."""
    if codes is None:
        _load_modules(_ALL_MODULES)
    else:
        _load_modules(CATALOG[c][0] for c in codes if c in CATALOG)


def catalog_entries() -> dict[str, tuple[str, str, bool]]:
    """Code → (family module, name, default) of every built-in rule, read from the loaded table:
    what ``scripts/build_rule_catalog.py`` writes to :mod:`._catalog`."""
    _load_rule_modules()
    out = {}
    for code in sorted(_RULES):
        r = _RULES[code]
        module = "declared" if r.origin else r.func.__module__.split(".")[2]
        out[code] = (module, r.name, r.default)
    return out


def selected_rules(selectors: Iterable[str], defaults: bool) -> list[Rule]:
    """The rules any of ``selectors`` can pick (and every default rule when ``defaults``), their
    modules imported: the candidates a configuration's selection is made from."""
    chosen = [
        code
        for code, (_, name, default) in CATALOG.items()
        if (defaults and default) or any(_catalog_matches(s, code, name) for s in selectors)
    ]
    _load_rule_modules(chosen)
    return [_RULES[c] for c in sorted(chosen) if c in _RULES] + [_USER[c] for c in sorted(_USER)]


def _catalog_matches(selector: str, code: str, name: str) -> bool:
    s = selector.strip()
    return s.upper() == "ALL" or s.lower() == name or (is_code_prefix(s) and code.startswith(s.upper()))


def all_rules() -> list[Rule]:
    """Every rule, built-in (GW…) first, then the user's (X…), each in code order."""
    _load_rule_modules()
    return [_RULES[c] for c in sorted(_RULES)] + [_USER[c] for c in sorted(_USER)]


def get_rule(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    code = _CATALOG_NAMES.get(key.lower()) or _USER_NAMES.get(key.lower()) or key.upper()
    _load_rule_modules((code,))
    return _RULES.get(code) or _USER.get(code)


def is_code_prefix(selector: str) -> bool:
    """``GW``, ``GW4``, ``GW401``; ``X``, ``X0``, ``X001`` (user rules)."""
    return bool(_PREFIX_RE.match(selector.strip().upper()))


_PREFIX_RE = recache.compile(r"^(?:GW|X)\d{0,3}$")


def matches(selector: str, r: Rule) -> bool:
    """``ALL``, a code, a code prefix (``GW1``, ``GW40``, ``X``) or a rule name."""
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == r.name:
        return True
    return is_code_prefix(s) and r.code.startswith(s.upper())


def is_exact(selector: str, r: Rule) -> bool:
    s = selector.strip()
    return s.upper() == r.code or s.lower() == r.name


def valid_selector(selector: str) -> bool:
    s = selector.strip()
    if s.upper() == "ALL" or s.lower() in _CATALOG_NAMES or s.lower() in _USER_NAMES:
        return True
    return is_code_prefix(s) and any(c.startswith(s.upper()) for c in (*CATALOG, *_USER))


_EXAMPLE_RE = recache.compile(r"^(错|对)[：:](.*)$")
#: A line of a block example written once for many: ``（重复 170 次）一句话。`` stands for the
#: sentence 170 times (GW705, GW706 need a draft thousands of characters long).
_REPEAT_RE = recache.compile(r"^（重复 (\d+) 次）(.+)$")


def parse_examples(doc: str) -> list[Example]:
    """Read ``错：``/``对：`` examples from a rule docstring (one line, or an indented block;
    a block line ``（重复 N 次）…`` is its text N times, so the docstring stays what is shown)."""
    examples: list[Example] = []
    lines = doc.splitlines()
    i = 0
    while i < len(lines):
        m = _EXAMPLE_RE.match(lines[i].strip())
        i += 1
        if not m:
            continue
        fires = m.group(1) == "错"
        inline = m.group(2).strip()
        if inline:
            examples.append(Example(inline, fires))
            continue
        block: list[str] = []
        while i < len(lines) and (lines[i].startswith((" ", "\t")) or not lines[i].strip()):
            if not lines[i].strip():
                if block and i + 1 < len(lines) and lines[i + 1].startswith((" ", "\t")):
                    block.append("")
                    i += 1
                    continue
                break
            line = lines[i].strip().replace("␣", " ")
            repeat = _REPEAT_RE.match(line)
            block.append(repeat.group(2) * int(repeat.group(1)) if repeat else line)
            i += 1
        if block:
            examples.append(Example("\n".join(block), fires))
    return examples

