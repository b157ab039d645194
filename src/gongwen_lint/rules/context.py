"""What a rule sees besides the paragraph: the document, its options, shared resources."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Fix, Location, Reference, Severity
from ..model import Document, Paragraph
from .settings import SECTIONS

if TYPE_CHECKING:
    from ..config import Config
    from .registry import Rule


class Resources:
    """Heavy things built once per configuration (dictionary automata, the NLP pipeline, the
    index connection) and shared by every document checked with it.  Not global, so two
    configurations can live in one process."""

    def __init__(self, config: Config):
        self.config = config
        self._cache: dict[str, Any] = {}

    def get(self, key: str, factory: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = factory()
        return self._cache[key]

    def release(self, key: str) -> None:
        """Close and forget one resource (it is built again on next use)."""
        value = self._cache.pop(key, None)
        close = getattr(value, "close", None)
        if callable(close):
            close()

    def close(self) -> None:
        for value in self._cache.values():
            close = getattr(value, "close", None)
            if callable(close):
                close()
        self._cache.clear()


class Context:
    """Per-document context handed to rules."""

    def __init__(self, doc: Document, config: Config, resources: Resources):
        self.doc = doc
        self.config = config
        self.resources = resources
        self._rule: Rule | None = None  # set by the engine before each rule runs
        self.summary: dict[str, Any] = {}  # per-file figures a rule adds to the JSON summary
        self._memo: dict[str, Any] = {}
        self._state: dict[tuple[str, object], Any] = {}
        #: Set by the engine for the rules that run after all others (``Rule.after_all``).
        self._produced: Callable[[list[Rule]], list[Diagnostic]] | None = None

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """A value computed once per document and shared by the rules that need it (e.g. the
        substance inventory read by GW702, GW703, GW704, GW708 and GW709)."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]

    def memoized(self, key: str) -> Any:
        """The value :meth:`memo` holds for ``key``, or None."""
        return self._memo.get(key)

    @property
    def rule(self) -> Rule:
        """The rule now running (set by the engine before it calls the rule)."""
        if self._rule is None:
            raise RuntimeError("no rule is running in this context")
        return self._rule

    @rule.setter
    def rule(self, r: Rule) -> None:
        self._rule = r

    def diagnostics_of(self, rules: list[Rule]) -> list[Diagnostic]:
        """What these rules found in this document, for a rule declared ``after_all``.

        The rules this check ran are not run again: their diagnostics (before suppression) are
        reused.  A rule this check did not select is run on the side for the question only; its
        diagnostics are not reported and its summary figures are not kept.
        """
        if self._produced is None:
            raise RuntimeError("diagnostics_of is for rules declared after_all")
        return self._produced(rules)

    def option(self, name: str) -> Any:
        """Option ``name`` of the rule now running (declared on it, configured in its
        ``[tool.gongwen-lint.GWnnn]`` table): a rule cannot read another rule's options."""
        return self.config.option(self.rule.code, name)

    def setting(self, section: str, name: str) -> Any:
        """Shared setting ``name`` of ``section`` (:mod:`.settings`: ``layout``, ``style``,
        ``duplicates``), the values several rules depend on."""
        if section not in SECTIONS:
            raise KeyError(f"no settings section {section!r} (a rule's options are read with option())")
        return self.config.option(section, name)

    def state(self, factory: Callable[[], Any], key: object = None) -> Any:
        """The running rule's own state for this document, made by ``factory`` on first use
        (e.g. GW701's count of each phrase so far).  Keyed by the rule and ``key`` (default: the
        factory), so rules never share it and it never outlives the document; values several
        rules share are :meth:`memo`'s."""
        slot = (self.rule.code, factory if key is None else key)
        if slot not in self._state:
            self._state[slot] = factory()
        return self._state[slot]

    def report(
        self,
        p: Paragraph,
        start: int,
        end: int,
        message: str,
        *,
        replacement: str | None = None,
        unsafe: bool = False,
        severity: Severity | None = None,
        reference: Reference | None = None,
        kind: str = "",
    ) -> Diagnostic:
        """A diagnostic of the current rule on ``p.text[start:end]``.

        ``replacement`` offers a fix; it is *safe* when the span lies inside one run (the
        edit keeps that run's formatting) unless the rule says ``unsafe``.  ``kind`` groups
        findings for people (one finding per paragraph, rule and kind); it defaults to the
        message up to its first "：".
        """
        r = self.rule
        fix = None
        if replacement is not None:
            safe = not unsafe and _inside_one_run(p, start, end)
            fix = Fix(replacement, "safe" if safe else "unsafe")
        return Diagnostic(
            code=r.code,
            name=r.name,
            severity=severity or r.severity,
            message=message,
            location=Location(p.part, p.index, start, end),
            excerpt=p.text[start:end],
            fix=fix,
            reference=reference,
            kind=kind,
        )


def _inside_one_run(p: Paragraph, start: int, end: int) -> bool:
    if not p.runs:  # plain-text drafts: one implicit run
        return True
    return any(run.start <= start and end <= run.end and run.field_code is None for run in p.runs)
