"""The rule registry: one table of rules, each documenting itself.

A rule is a function decorated with :func:`rule`.  Paragraph rules (``roles`` given) are called
once per paragraph whose role is in scope; document rules (``roles=None``) once per document.
Both yield diagnostics built with :meth:`Context.report`.

The docstring *is* the rule's documentation (``gongwen-lint rule CODE``, docs/rules.md) and its
examples are test cases: lines ``错：…`` must make the rule fire, ``对：…`` must not.  A block
example is written as ``错：`` followed by indented lines (one paragraph each).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..diagnostics import Diagnostic, Severity
from ..model import Role

#: Source levels (docs/developing.md, "Messages"); requirements worded 一般/推荐/可以 never exceed warning.
SOURCES = ("条例", "国标", "标准", "政策", "实务")

RuleFunc = Callable[..., Iterable[Diagnostic]]


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
    options: dict[str, object] = field(default_factory=dict)  # name -> default
    #: Runs after every other rule and reads what they produced (``Context.diagnostics_of``):
    #: GW902 judges the suppressions from the findings already made, as ruff's RUF100 does.
    after_all: bool = False

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def is_paragraph_rule(self) -> bool:
        return self.roles is not None

    @property
    def examples(self) -> list[Example]:
        return parse_examples(self.doc)


_RULES: dict[str, Rule] = {}
_NAMES: dict[str, str] = {}
_OPTIONS: dict[str, tuple[str, object]] = {}  # option name -> (rule code, default)
_CHOICES: dict[str, tuple[str, ...]] = {}  # option name -> allowed values (enumerations)

_CODE_RE = re.compile(r"^GW\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def rule(
    code: str,
    name: str,
    *,
    title: str,
    severity: Severity,
    source: str,
    roles: Iterable[Role] | None = None,
    needs: Iterable[str] = (),
    default: bool = True,
    fixable: bool = False,
    options: dict[str, object] | None = None,
    option_choices: dict[str, tuple[str, ...]] | None = None,
    after_all: bool = False,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule.  ``options`` declares tunable thresholds (config ``[options]``);
    ``option_choices`` the allowed values of a string option that is an enumeration."""
    if not _CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if not _NAME_RE.match(name):
        raise ValueError(f"bad rule name {name!r}")
    if source.split()[0] not in SOURCES:
        raise ValueError(f"{code}: source must start with one of {SOURCES}")

    def decorate(func: RuleFunc) -> RuleFunc:
        if code in _RULES or name in _NAMES:
            raise ValueError(f"duplicate rule {code} {name}")
        r = Rule(
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
            after_all=after_all,
        )
        global _DEFAULTS
        for opt, value in r.options.items():
            if opt in _OPTIONS:
                raise ValueError(f"option {opt} declared twice")
            _OPTIONS[opt] = (code, value)
        _DEFAULTS = None
        for opt, choices in (option_choices or {}).items():
            if opt not in r.options or r.options[opt] not in choices:
                raise ValueError(f"{code}: choices for an undeclared option or without its default: {opt}")
            _CHOICES[opt] = tuple(choices)
        _RULES[code] = r
        _NAMES[name] = code
        return func

    return decorate


_loaded = False


def _load_rule_modules() -> None:
    """Import every family module of this package once; importing registers its rules."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil

    from .. import rules as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name not in ("registry", "context"):
            importlib.import_module(f"{package.__name__}.{info.name}")


def all_rules() -> list[Rule]:
    _load_rule_modules()
    return [_RULES[c] for c in sorted(_RULES)]


def get_rule(code_or_name: str) -> Rule | None:
    _load_rule_modules()
    key = code_or_name.strip()
    code = _NAMES.get(key.lower(), key.upper())
    return _RULES.get(code)


_DEFAULTS: MappingProxyType[str, object] | None = None  # built once; a new rule resets it


def option_defaults() -> Mapping[str, object]:
    """Option name → default, read-only: built once (rules ask for options per paragraph, and
    rebuilding it was ~115 dict builds per document)."""
    global _DEFAULTS
    _load_rule_modules()
    if _DEFAULTS is None:
        _DEFAULTS = MappingProxyType({name: default for name, (_, default) in _OPTIONS.items()})
    return _DEFAULTS


def option_choices() -> dict[str, tuple[str, ...]]:
    """The allowed values of enumeration options (checked when the configuration is read)."""
    _load_rule_modules()
    return dict(_CHOICES)


def matches(selector: str, r: Rule) -> bool:
    """``ALL``, a code, a code prefix (``GW1``, ``GW40``) or a rule name."""
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == r.name:
        return True
    return s.upper().startswith("GW") and r.code.startswith(s.upper())


def is_exact(selector: str, r: Rule) -> bool:
    s = selector.strip()
    return s.upper() == r.code or s.lower() == r.name


def valid_selector(selector: str) -> bool:
    _load_rule_modules()
    s = selector.strip()
    if s.upper() == "ALL" or s.lower() in _NAMES:
        return True
    return bool(re.match(r"^GW\d{0,3}$", s.upper())) and any(c.startswith(s.upper()) for c in _RULES)


_EXAMPLE_RE = re.compile(r"^(错|对)[：:](.*)$")


def parse_examples(doc: str) -> list[Example]:
    """Read ``错：``/``对：`` examples from a rule docstring (one line, or an indented block)."""
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
            block.append(lines[i].strip().replace("␣", " "))
            i += 1
        if block:
            examples.append(Example("\n".join(block), fires))
    return examples

