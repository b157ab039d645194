"""Runs the selected rules over a structured document and returns sorted diagnostics.

The engine knows rules only through the registry: paragraph rules see the paragraphs whose
role is in their scope (inside their zone when they name one), zone rules their zone, items
rules each item (:mod:`.rules._zones`), document rules the document.  A rule that crashes is a bug in
gongwen-lint, not in the draft: it becomes one GW901-style internal finding instead of
stopping the check of the file.
"""

from __future__ import annotations

import gc
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from .config import Config
from .diagnostics import Diagnostic, Location, Severity
from .errors import ResourceError
from .model import Document
from .report import Report
from .rules import _zones, registry
from .rules.context import Context, Resources

#: Reviewers' Word comments (and our own annotations, and suppression directives) are not
#: the draft's text: paragraph rules never check them.
NOT_CHECKED_PARTS = frozenset({"comments"})


#: Objects made between two collections of the youngest generation while rules run (Python's
#: default: 700).  A check makes and drops millions of short-lived objects, nearly all freed by
#: their reference counts; each 700 of them started a collection, and every so many of those
#: a full one through everything long-lived (the dictionaries, the caches): 2.5 % of the
#: instructions of a 500-page check, of which this saves about 1 % (bench/bench_callgrind.py,
#: 100 and 500 pages).
CHECK_GC_THRESHOLD = 20_000

_gc_lock = threading.Lock()
_gc_depth = 0  # checks running (threads of one process): the last one out restores the threshold
_gc_saved: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The youngest generation collected every ``CHECK_GC_THRESHOLD`` new objects while inside,
    the caller's thresholds restored when the last check (of any thread) leaves."""
    global _gc_depth, _gc_saved
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            if _gc_saved[0]:  # 0: the caller disabled automatic collection; leave it so
                gc.set_threshold(max(_gc_saved[0], CHECK_GC_THRESHOLD), *_gc_saved[1:])
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0:
                gc.set_threshold(*_gc_saved)


def run_rules(doc: Document, config: Config, resources: Resources, rules: list[registry.Rule]) -> Report:
    """Run ``rules`` over ``doc``: first the ordinary rules, then the ones declared ``after_all``
    (GW902), which read the diagnostics the others produced through ``Context.diagnostics_of``."""
    with _fewer_collections():
        return _run_rules(doc, config, resources, rules)


def _run_rules(doc: Document, config: Config, resources: Resources, rules: list[registry.Rule]) -> Report:
    ctx = Context(doc, config, resources)
    found: list[Diagnostic] = []
    produced: dict[str, list[Diagnostic]] = {}
    for r in rules:
        if not r.after_all:
            produced[r.code] = _run_rule(r, doc, ctx, config)
            found.extend(produced[r.code])

    def diagnostics_of(wanted: list[registry.Rule]) -> list[Diagnostic]:
        missing = [r for r in wanted if r.code not in produced]
        if missing:  # not selected in this check: run on the side, for the question only
            side = Context(doc, config, resources)
            for r in missing:
                produced[r.code] = _run_rule(r, doc, side, config)
        return [d for r in wanted for d in produced[r.code]]

    ctx._produced = diagnostics_of
    for r in rules:
        if r.after_all:
            found.extend(_run_rule(r, doc, ctx, config))
    found = fingerprinted(doc, sorted(set(found), key=Diagnostic.sort_key))
    return Report(
        path=doc.path,
        diagnostics=found,
        genre=doc.genre.value if doc.genre else None,
        format=doc.format.value if doc.format else None,
        summary=ctx.summary,
    )


def _run_rule(r: registry.Rule, doc: Document, ctx: Context, config: Config) -> list[Diagnostic]:
    """One rule's diagnostics; a rule that crashes gives what it found so far plus one GW901."""
    found: list[Diagnostic] = []
    if "docx" in r.needs and doc.source != "docx":
        return found  # layout rules need formatting a plain-text draft does not have
    ctx.rule = r
    severity = config.severity_of(r)
    # Findings pass through as the rule made them unless the configuration changes the
    # severity: no generator around each of the thousands of calls a check makes (issue 18).
    add = found.extend if severity is r.severity else lambda diags: found.extend(_with_severity(diags, severity))
    try:
        if r.scope == _zones.ITEMS:
            for item in ctx.memo("scope:items", lambda: _zones.items(doc)):
                add(r.func(item, ctx))
        elif r.scope is not None:
            name = r.scope
            zone = ctx.memo(f"scope:{name}", lambda: _zones.zone(doc, name))
            if r.roles is not None:
                for p in zone.paragraphs:
                    if p.role in r.roles:
                        add(r.func(p, ctx))
            elif zone.paragraphs:
                add(r.func(zone, ctx))
        elif r.is_paragraph_rule:
            wanted = r.roles
            if wanted is not None:
                func = r.func
                for p in ctx.memo(_roles_key(wanted), lambda: _checked_paragraphs(doc, wanted)):
                    add(func(p, ctx))
        else:
            add(r.func(doc, ctx))
    except ResourceError:
        raise  # the index went away: the whole check of this file is incomplete
    except Exception as e:
        import logging  # only when a rule crashed (start-up time)

        logging.getLogger(__name__).exception("rule %s failed", r.code)
        found.append(
            Diagnostic(
                code="GW901",
                name="unreadable-part",
                severity=Severity.WARNING,
                message=f"规则 {r.code} 在检查本文件时出错（{type(e).__name__}），其余规则照常检查；请向维护者报告",
                location=Location("body", 1, 0, 0),
                excerpt="",
            )
        )
    return found


_ROLES_KEYS: dict[frozenset, str] = {}


def _roles_key(roles: frozenset) -> str:
    """The memo key of the paragraphs with one of ``roles`` (the registry's few role sets)."""
    key = _ROLES_KEYS.get(roles)
    if key is None:
        key = _ROLES_KEYS[roles] = "scope:roles:" + ",".join(sorted(r.name for r in roles))
    return key


def _checked_paragraphs(doc: Document, roles: frozenset) -> list:
    """The paragraphs of the checked parts whose role is one of ``roles``, in part order: the
    seventeen paragraph rules share six role sets, so each list is made once a document rather
    than once a rule (issue 18)."""
    return [p for part, paragraphs in doc.parts.items() if part not in NOT_CHECKED_PARTS
            for p in paragraphs if p.role in roles]


def fingerprinted(doc: Document, diags: list[Diagnostic]) -> list[Diagnostic]:
    """Give each diagnostic a fingerprint from its content, not its paragraph number, and mark
    the ones about their whole paragraph (for grouping, :func:`diagnostics.group`)."""
    texts = {(name, p.index): p.text for name, ps in doc.parts.items() for p in ps}
    seen: dict[str, int] = {}
    out = []
    for d in diags:
        text = texts.get((d.location.part, d.location.paragraph), "")
        key = "\x1f".join((d.code, d.location.part, "".join(text.split()), d.excerpt))
        n = seen.get(key, 0)
        seen[key] = n + 1
        digest = hashlib.sha256(f"{key}\x1f{n}".encode()).hexdigest()[:24]
        whole = bool(d.excerpt) and d.location.start == 0 and d.excerpt == text
        out.append(replace(d, fingerprint=digest, whole_paragraph=whole))
    return out


def _with_severity(diags, severity: Severity):
    """A rule's findings at the severity the configuration gives the rule (a rule may lower its
    own severity for a weaker case; configuration overrides both)."""
    for d in diags:
        yield replace(d, severity=severity)

