"""The caches that outlive one document, and a way to empty them all.

Some work is remembered across the documents of one process (issue 18, "batches share work"):
masked paragraphs (:func:`gongwen_lint.text.mask`), parsed ``styles.xml`` by content, the corpus
table's lookups, the segmenter's word graph, the stock-phrase matches.  Each is bounded and keyed
by content, so a later document only gains from it.  But a benchmark that checks the same
documents round after round would measure those hits, not the work: :func:`clear` returns the
process to what a fresh one holds (loaded dictionaries aside), and ``bench/`` calls it before each
round.  Modules register their own cache with :func:`register`, where it is defined.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

#: Module-level caches by their clearing function; an object's own cache (a lexicon's, a loaded
#: table's) by a weak reference to it, so registering never keeps a configuration's data alive.
_CLEARERS: list[Callable[[], None]] = []
_OWNED: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()


def register(clear_one: Callable[[], None]) -> Callable[[], None]:
    """Add a function that empties one module-level cache (usable as a decorator)."""
    _CLEARERS.append(clear_one)
    return clear_one


def register_owned(owner: Any, attribute: str) -> None:
    """``owner.<attribute>`` is a dict (or anything with ``clear()``) caching for ``owner``."""
    _OWNED.setdefault(owner, []).append(attribute)


def clear() -> None:
    """Empty every registered cache (of the modules imported so far)."""
    for clear_one in _CLEARERS:
        clear_one()
    for owner, attributes in list(_OWNED.items()):
        for a in attributes:
            getattr(owner, a).clear()
