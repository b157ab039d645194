"""Gates: which of the slot patterns a sentence could match, read in one scan (see :class:`Gates`).

A gate is the set of characters one of them needs — its character class, or the characters its
matches start with (:func:`gongwen_lint.relead.first_class`) — read off the parsed pattern by
:func:`class_chars`; :func:`gongwen_lint.substance.slots._gates` says which patterns are gated.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from .. import recache


class _Always:
    """A gate that cannot tell (its pattern is no plain character class): always open."""

    @staticmethod
    def isdisjoint(_present: object) -> bool:
        return False


class _WithDigits:
    """A gate of literal characters and ``\\d`` (any Unicode decimal digit, as ``re`` reads it for
    ``str`` patterns: :meth:`str.isdecimal`)."""

    def __init__(self, chars: frozenset[str]):
        self.chars = chars

    def isdisjoint(self, present: set[str]) -> bool:
        return self.chars.isdisjoint(present) and not any(c.isdecimal() for c in present)


_ALWAYS = _Always()
try:  # CPython's parser: re._parser since 3.11, sre_parse before (as gongwen_lint.relead)
    _sre_parser: Any = importlib.import_module("re._parser")
    _sre: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    _sre_parser = importlib.import_module("sre_parse")
    _sre = importlib.import_module("sre_constants")
#: A range of a class wider than this is not spelt out as a set (the gate is then always open).
_MAX_RANGE = 0x400


def class_chars(pattern: str | None) -> tuple[frozenset[str], bool] | None:
    """The characters a search for ``pattern`` succeeds on, when it is one character class of
    literals and small ranges, optionally repeated at least once ([长记任导员], [0-9０-９]+,
    [A-Za-z]{1,12}): (the characters, whether ``\\d`` is among them); else None."""
    if not pattern:
        return None
    try:
        parsed = _sre_parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.ASCII | re.LOCALE) or len(parsed) != 1:
        return None
    op, av = parsed[0]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        least, _most, body = av
        if least != 1 or len(body) != 1:
            return None
        op, av = body[0]
    items = [(op, av)] if op is _sre.LITERAL else av if op is _sre.IN else None
    if items is None:
        return None
    chars: set[str] = set()
    digit = False
    for o, a in items:
        if o is _sre.LITERAL:
            chars.add(chr(a))
        elif o is _sre.RANGE and a[1] - a[0] <= _MAX_RANGE:
            chars.update(map(chr, range(a[0], a[1] + 1)))
        elif o is _sre.CATEGORY and a is _sre.CATEGORY_DIGIT:
            digit = True
        else:
            return None  # a negated class, a wide range, another category
    return frozenset(chars), digit


class Gates:
    """Which of the slot patterns :func:`.slots.find` runs could match a sentence, read in one scan.

    Most sentences hold none of the characters one slot pattern or another needs (a deadline a
    年/月/前…, a post a 长/记…, a code a Latin letter), and :func:`.slots.find` tested each with a search
    of its own: a dozen scans of the sentence, each a call into the regex engine.  One scan for
    the union of those characters (:meth:`present`) answers all of them: a gate whose characters
    the sentence does not hold is closed, and what it guards would have found nothing.  Each
    gate is derived from its pattern (its character class, or the characters its matches start
    with: :func:`gongwen_lint.relead.first_class`); a pattern the analysis cannot read gets a
    gate that is always open, so the gates only skip work, never change a result."""

    organ_end: Any
    by: Any
    post: Any
    subject: Any
    deadline: Any
    quantity: Any
    link: Any
    digits: Any
    latin: Any
    instrument: Any

    def __init__(self, lex: object, found: dict[str, tuple[frozenset[str], bool] | None],
                 contexts: list[tuple[frozenset[str], bool] | None],
                 patterns: tuple[re.Pattern[str], ...] = (), needs: tuple[str | None, ...] = ()):
        """``found``: per gate name (the attributes above), its characters (:func:`class_chars`);
        ``contexts``: the same for each source context (None: always open), whose ``patterns``
        and required runs (``needs``, None: not known) :attr:`context_tests` pairs with them."""
        self.lex = lex  # (held: the key of the memo is its id)
        union: set[str] = set()
        digit = False

        def gate(got: tuple[frozenset[str], bool] | None) -> Any:
            nonlocal digit
            if got is None:
                return _ALWAYS
            union.update(got[0])
            digit = digit or got[1]
            return _WithDigits(got[0]) if got[1] else got[0]

        for name, got in found.items():
            setattr(self, name, gate(got))
        self.contexts = tuple(gate(c) for c in contexts)
        #: (pattern, required run or None, gate) per source context, in their order: one tuple
        #: walked per sentence instead of three zipped
        self.context_tests = tuple(zip(patterns, needs or (None,) * len(patterns), self.contexts))
        #: the union of the contexts' gates: a sentence it is closed to is in none of them
        self.any_context: Any = (
            _ALWAYS if any(g is _ALWAYS or isinstance(g, _WithDigits) for g in self.contexts)
            else frozenset().union(*self.contexts)
        )
        body = "".join(re.escape(c) for c in sorted(union)) + (r"\d" if digit else "")
        self._scan = recache.compile(f"[{body}]") if body else None

    def present(self, masked: str) -> set[str]:
        """The characters of ``masked`` some gate holds."""
        return set(self._scan.findall(masked)) if self._scan is not None else set()
