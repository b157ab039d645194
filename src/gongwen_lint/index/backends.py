"""Which backend holds an index (a SQLite file or PostgreSQL), and opening it.

Apart from :mod:`.store` so that the base class does not import its own subclasses
(:mod:`.sqlite_store` and :mod:`.postgres_store` import :mod:`.store`): callers open an index
here and get a :class:`~.store.Store`.
"""

from __future__ import annotations

import re

from .. import recache
from .store import IndexError_, Params, Store

_LIBPQ_KEYWORD = recache.compile(r"^\s*(host|hostaddr|port|dbname|user|password|service|sslmode|passfile)\s*=", re.IGNORECASE)


def is_postgres_url(url: str) -> bool:
    """A ``postgresql://`` URL, or a libpq keyword string (``host=… dbname=… user=…``)."""
    return url.startswith(("postgresql://", "postgres://")) or bool(_LIBPQ_KEYWORD.match(url))


def open_index(url: str, create: bool = False, params: Params | None = None, readonly: bool = False) -> Store:
    """Open the index at ``url``: a SQLite file path, ``postgresql://…`` or a libpq keyword string.

    ``create`` makes a new empty index (with ``params``) when there is none; otherwise a
    missing index is an :class:`IndexError_`.  ``readonly`` (checks): never write, so an index
    in a read-only folder, a read-only file or a read-only database account works.
    """
    if is_postgres_url(url):
        from .postgres_store import PostgresStore

        return PostgresStore.open(url, create, params, readonly)
    from .sqlite_store import SQLiteStore

    return SQLiteStore.open(url, create, params, readonly)


def check_index_url(url: str) -> str | None:
    """``None`` when the index at ``url`` can be opened for checking, else the Chinese reason."""
    try:
        open_index(url, readonly=True).close()
    except IndexError_ as e:
        return str(e)
    return None
