"""The reference index on disk: one schema, two engines (SQLite file, PostgreSQL database).

Tables (prefixed ``gw_`` so the index can share a PostgreSQL database with other things)::

    gw_meta(key, value)            -- parameters: schema, normalisation, hash, k, w, DF cut-off
    gw_docs(id, path, title, number, issuer, year, level, sha256, chars, first_unit, units)
    gw_doctext(doc_id, z, paras)   -- zlib of the document's normalised text (for alignment) and
                                   -- of its paragraph starts (int32 pairs: offset, paragraph)
    gw_units(id, doc_id, para, start, stop)   -- slices of that text, with the source paragraph;
                                   -- a document's units have consecutive ids from first_unit
    gw_fp(h, u)                    -- winnowed fingerprint postings, primary key (h, u)

No pickles: every value is an integer, text or zlib bytes, so another implementation can read
the index.  The parameters live in ``gw_meta`` and are checked on open, so an index is never
queried with fingerprints it was not built with.  Postings have no index on ``u``: removing a
document recomputes its fingerprints from its stored text and deletes exactly those rows.

The SQL is shared (``?`` placeholders; the PostgreSQL backend rewrites them), so both engines
return the same rows for the same content.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import recache
from .fingerprint import HASH_NAME, K, W
from .normalize import NORM_VERSION
from .segment import PreparedDoc, decode_para_starts, doc_postings, encode_para_starts

# 2: paragraphs numbered as a reader counts them (non-empty, front matter left out), not lines
SCHEMA_VERSION = "2"
LEVELS = ("higher", "same", "lower")


@dataclass
class _Pending:
    """The open write transaction of :meth:`Store.add`: postings not yet inserted."""

    open: bool = False
    hashes: list = field(default_factory=list)
    units: list = field(default_factory=list)
    count: int = 0
    delta_units: int = 0


class IndexError_(Exception):
    """An index that cannot be opened or used; ``str(e)`` is a Chinese message for the user.

    Every message is redacted here, at the one place all of them pass: no password of a
    database address ever reaches a message or a log.  ``lost``: the connection went away
    (a reconnect may help).
    """

    def __init__(self, message: str, lost: bool = False):
        super().__init__(redact(message))
        self.lost = lost


_URL_PASSWORD = recache.compile(r"(://[^/\s:@]*):[^/\s]*@")
_QUERY_PASSWORD = recache.compile(r"([?&](?:password|sslpassword)=)[^&\s#]*", re.IGNORECASE)
_KEYWORD_PASSWORD = recache.compile(r"(\b(?:password|sslpassword)\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with every database password hidden: ``user:pass@`` in URLs, ``?password=`` in
    libpq URLs and ``password=`` in libpq keyword strings all become ``***``."""
    text = _URL_PASSWORD.sub(r"\1:***@", text)
    text = _QUERY_PASSWORD.sub(r"\1***", text)
    return _KEYWORD_PASSWORD.sub(r"\1***", text)


@dataclass(frozen=True)
class Params:
    """Fingerprinting parameters, stored in the index at creation."""

    k: int = K
    w: int = W
    # A fingerprint in more units than this (or max_df_ratio of all units) is ignored.  Not
    # lower: one notice sent to many addressees puts its paragraphs in ~60 documents, and a
    # draft copying them still copies (formulae are handled by the stock list and the
    # formula filter of the search instead).
    max_df: int = 100
    max_df_ratio: float = 0.0002

    def as_meta(self) -> dict[str, str]:
        return {
            "schema_version": SCHEMA_VERSION,
            "norm_version": NORM_VERSION,
            "hash": HASH_NAME,
            "k": str(self.k),
            "w": str(self.w),
            "max_df": str(self.max_df),
            "max_df_ratio": repr(self.max_df_ratio),
        }


@dataclass(frozen=True)
class DocInfo:
    id: int
    path: str
    title: str | None
    number: str | None
    issuer: str | None
    year: int | None
    level: str
    chars: int
    units: int


@dataclass(frozen=True)
class UnitRow:
    id: int
    doc_id: int
    para: int
    start: int
    stop: int


@dataclass(frozen=True)
class DocText:
    text: str
    para_offsets: list[int]
    para_numbers: list[int]

    def paragraph_at(self, offset: int) -> int:
        """The source paragraph number of a normalised offset."""
        i = bisect.bisect_right(self.para_offsets, offset) - 1
        return self.para_numbers[i] if i >= 0 else (self.para_numbers[0] if self.para_numbers else 1)

    def paragraph_span(self, offset: int) -> tuple[int, int]:
        """``[start, end)`` in the normalised text of the paragraph holding ``offset``."""
        i = bisect.bisect_right(self.para_offsets, offset) - 1
        start = self.para_offsets[i] if i >= 0 else 0
        end = self.para_offsets[i + 1] if i + 1 < len(self.para_offsets) else len(self.text)
        return start, end

    def article_at(self, offset: int) -> str | None:
        """The 条 of a law holding a normalised offset (``第六条``), when its paragraphs are
        articles: the nearest paragraph at or before it that opens with 第…条, within the
        article's items (not past a 章/节 heading or 20 paragraphs back)."""
        i = bisect.bisect_right(self.para_offsets, offset) - 1
        for j in range(i, max(-1, i - 20), -1):
            head = self.text[self.para_offsets[j] : self.para_offsets[j] + 12]
            m = _ARTICLE.match(head)
            if m:
                return m.group()
            if _CHAPTER.match(head):
                return None
        return None


_ARTICLE = recache.compile(r"第[零〇一二三四五六七八九十百千]+条")
_CHAPTER = recache.compile(r"第[零〇一二三四五六七八九十百千]+[章节编]")


@dataclass
class AddResult:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


_DDL = (
    "CREATE TABLE IF NOT EXISTS gw_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS gw_docs (id {id} PRIMARY KEY, path TEXT NOT NULL UNIQUE, title TEXT,"
    " number TEXT, issuer TEXT, year INTEGER, level TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " chars INTEGER NOT NULL, first_unit BIGINT NOT NULL, units INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS gw_doctext (doc_id {id} PRIMARY KEY, z {blob} NOT NULL, paras {blob} NOT NULL)",
    "CREATE TABLE IF NOT EXISTS gw_units (id {id} PRIMARY KEY, doc_id BIGINT NOT NULL, para INTEGER NOT NULL,"
    " start INTEGER NOT NULL, stop INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS gw_fp (h BIGINT NOT NULL, u BIGINT NOT NULL, PRIMARY KEY (h, u)){without_rowid}",
)

_DOC_COLS = "id, path, title, number, issuer, year, level, chars, units"


class Store:
    """Common logic; subclasses supply the connection and a few engine-specific statements."""

    blob = "BLOB"
    id_type = "BIGINT"
    without_rowid = ""

    def __init__(self, url: str, readonly: bool = False):
        self.url = url
        self.readonly = readonly  # opened for checks: never writes, works on a read-only file
        self.conn: Any = None  # the backend's DB-API connection (sqlite3, psycopg)
        self.params = Params()
        self.unit_count = 0

    # -- engine hooks ------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql

    def _errors(self) -> tuple[type[BaseException], ...]:
        """The engine's exception classes that :meth:`_guard` turns into :class:`IndexError_`."""
        raise NotImplementedError

    def _describe(self, e: BaseException) -> IndexError_:
        """The Chinese :class:`IndexError_` for an engine error."""
        raise NotImplementedError

    def _lock_schema(self, cur) -> None:
        """Serialise the first creation of the tables between processes; after it, a new
        transaction that sees tables another process created meanwhile."""
        raise NotImplementedError

    def _unlock_schema(self, cur) -> None:
        """Release what :meth:`_lock_schema` took (after the commit)."""

    def reconnect(self) -> None:
        """Open a new connection after the old one was lost (PostgreSQL restarted, say)."""
        raise NotImplementedError

    @contextmanager
    def _guard(self):
        """Engine errors (a damaged file, a lock held too long, a lost connection, a read-only
        account) become :class:`IndexError_` with a Chinese message, never a traceback."""
        try:
            yield
        except IndexError_:
            raise
        except self._errors() as e:
            try:
                self._rollback()
            except Exception:  # noqa: BLE001 - the connection may be gone; the first error is the one to report
                pass
            raise self._describe(e) from None

    def _begin_write(self, cur) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        self.conn.commit()

    def _rollback(self) -> None:
        self.conn.rollback()

    def _insert_postings(self, cur, rows: Iterable[tuple[int, int]]) -> None:
        cur.executemany(self._sql("INSERT INTO gw_fp (h, u) VALUES (?, ?)"), rows)

    def _common_sql(self) -> str:
        """Query hashes found in more than ``?`` units (params: hashes, cap)."""
        raise NotImplementedError

    def _postings_sql(self) -> str:
        """All postings of the query hashes (params: hashes)."""
        raise NotImplementedError

    def _sample_sql(self) -> str:
        """The postings with the ``? + 1`` smallest unit ids of each hash (params: hashes, n - 1)."""
        raise NotImplementedError

    def _hash_param(self, hashes: Sequence[int]):
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError

    # -- helpers -------------------------------------------------------------------------------
    def _q(self, sql: str, args: Sequence = ()) -> list[tuple]:
        with self._guard():
            cur = self.conn.cursor()
            cur.execute(self._sql(sql), tuple(args))
            rows = cur.fetchall()
            cur.close()
        return rows

    def _init_schema(self, create: bool, params: Params | None) -> None:
        cur = self.conn.cursor()
        exists = self._table_exists(cur, "gw_meta")
        if not exists:
            if not create:
                raise IndexError_(f"索引不存在或不是 gongwen-lint 索引：{self.url}（请先用 gongwen-lint index add 建立）")
            # Several `index add` may create the same new index at once: one creates it, the
            # others wait on the lock, then find the tables.
            self._lock_schema(cur)
            try:
                if not self._table_exists(cur, "gw_meta"):
                    for ddl in _DDL:
                        cur.execute(ddl.format(blob=self.blob, id=self.id_type, without_rowid=self.without_rowid))
                    meta = (params or Params()).as_meta()
                    meta["units"] = "0"
                    cur.executemany(self._sql("INSERT INTO gw_meta (key, value) VALUES (?, ?)"), sorted(meta.items()))
                self._commit()
            finally:
                self._unlock_schema(cur)
        cur.close()
        self._read_meta()

    def _read_meta(self) -> None:
        meta = dict(self._q("SELECT key, value FROM gw_meta"))
        expected = {"schema_version": SCHEMA_VERSION, "norm_version": NORM_VERSION, "hash": HASH_NAME}
        for key, value in expected.items():
            if meta.get(key) != value:
                raise IndexError_(
                    f"索引 {self.url} 由另一版本的 gongwen-lint 建立（{key}={meta.get(key)}，本版本为 {value}）："
                    "请重新建立索引"
                )
        try:
            self.params = Params(
                k=int(meta["k"]), w=int(meta["w"]), max_df=int(meta["max_df"]), max_df_ratio=float(meta["max_df_ratio"])
            )
            self.unit_count = int(meta.get("units", "0"))
        except (KeyError, ValueError):
            raise IndexError_(f"索引 {self.url} 的参数表（gw_meta）已损坏：请重新建立索引") from None

    def _table_exists(self, cur, name: str) -> bool:
        raise NotImplementedError

    # -- reading -------------------------------------------------------------------------------
    @property
    def df_cap(self) -> int:
        """Fingerprints found in more units than this are formulae, not evidence of copying."""
        return max(self.params.max_df, int(self.params.max_df_ratio * self.unit_count))

    def postings(self, hashes: Iterable[int], sample: int = 20) -> tuple[list[tuple[int, int]], set[int]]:
        """``(hash, unit)`` postings of the query hashes, and the set of common hashes.

        A hash found in more than :attr:`df_cap` units is *common*: only its ``sample`` postings
        with the smallest unit ids are returned (deterministic, the same in every engine).  The
        engine never reads more than ``df_cap + 1`` postings per hash, however large the index.
        """
        hs = sorted({int(h) for h in hashes})
        if not hs:
            return [], set()
        cap = self.df_cap
        common: set[int] = set()
        for i in range(0, len(hs), 5000):
            common.update(h for (h,) in self._q(self._common_sql(), (self._hash_param(hs[i : i + 5000]), cap)))
        rare = [h for h in hs if h not in common]
        rows: list[tuple[int, int]] = []
        for i in range(0, len(rare), 5000):
            rows += self._q(self._postings_sql(), (self._hash_param(rare[i : i + 5000]),))
        frequent = sorted(common)
        for i in range(0, len(frequent), 5000):
            rows += self._q(self._sample_sql(), (self._hash_param(frequent[i : i + 5000]), sample - 1))
        return rows, common

    def _rows_by_id(self, select: str, ids: Iterable[int]):
        """Rows of ``select … WHERE <id column> IN ({marks})`` for ``ids``, 500 ids per query."""
        ids = sorted(set(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            yield from self._q(select.format(marks=",".join("?" * len(chunk))), chunk)

    def units(self, ids: Iterable[int]) -> dict[int, UnitRow]:
        sql = "SELECT id, doc_id, para, start, stop FROM gw_units WHERE id IN ({marks})"
        return {row[0]: UnitRow(*row) for row in self._rows_by_id(sql, ids)}

    def doc_infos(self, ids: Iterable[int]) -> dict[int, DocInfo]:
        sql = f"SELECT {_DOC_COLS} FROM gw_docs WHERE id IN ({{marks}})"
        return {row[0]: DocInfo(*row) for row in self._rows_by_id(sql, ids)}

    def doc_texts(self, ids: Iterable[int]) -> dict[int, DocText]:
        """Normalised text and paragraph starts of documents."""
        out: dict[int, DocText] = {}
        sql = "SELECT doc_id, z, paras FROM gw_doctext WHERE doc_id IN ({marks})"
        for doc_id, z, paras in self._rows_by_id(sql, ids):
            offsets, numbers = decode_para_starts(bytes(paras))
            out[doc_id] = DocText(zlib.decompress(bytes(z)).decode("utf-8"), offsets, numbers)
        return out

    def documents(self) -> list[DocInfo]:
        return [DocInfo(*row) for row in self._q(f"SELECT {_DOC_COLS} FROM gw_docs ORDER BY path")]

    def stats(self) -> dict:
        self._read_meta()  # the unit count as committed now, not when this connection opened
        docs, chars = self._q("SELECT count(*), coalesce(sum(chars), 0) FROM gw_docs")[0]
        postings = self._q("SELECT count(*) FROM gw_fp")[0][0]
        levels = dict(self._q("SELECT level, count(*) FROM gw_docs GROUP BY level ORDER BY level"))
        with self._guard():
            size = self.size_bytes()
        return {
            "documents": int(docs),
            "units": self.unit_count,
            "postings": int(postings),
            "chars": int(chars),
            "levels": {k: int(v) for k, v in levels.items()},
            "size_bytes": size,
            "bytes_per_document": round(size / docs) if docs else 0,
            "params": self.params.as_meta(),
            "df_cap": self.df_cap,
        }

    # -- writing -------------------------------------------------------------------------------
    # Postings are keyed by a random 64-bit hash, so a batch of them lands on nearly every leaf
    # page of gw_fp, and each commit rewrites most of the posting table (to the WAL, then back):
    # the cost of a commit grows with the index, not with the batch.  Measured, storing 1,757
    # documents into a 30,000-document index: 2.8 s in commits of 400, 1.5 s in one.  So rows
    # of documents, texts and units are written in batches of ``batch``, while postings wait
    # (numpy arrays, 16 bytes each) and go in sorted, in one pass, per transaction.
    def add(self, prepared: Iterable[PreparedDoc], batch: int = 400, max_postings: int = 1_500_000) -> AddResult:
        """Store documents; a path already in the index is replaced unless nothing changed.

        One transaction per ``max_postings`` postings (about 4,700 documents; sorting them takes
        about 100 bytes per posting): a failure loses at most that, and re-running the add
        skips what was committed.
        """
        with self._guard():
            return self._add(prepared, batch, max_postings)

    def _add(self, prepared: Iterable[PreparedDoc], batch: int, max_postings: int) -> AddResult:
        result = AddResult()
        pending = _Pending()
        cur = self.conn.cursor()
        try:
            buf: list[PreparedDoc] = []
            for doc in prepared:
                buf.append(doc)
                if len(buf) >= batch:
                    self._add_batch(cur, buf, result, pending)
                    buf = []
                    if pending.count >= max_postings:
                        self._flush(cur, pending)
            if buf:
                self._add_batch(cur, buf, result, pending)
            self._flush(cur, pending)
        except BaseException:
            self._rollback()
            raise
        finally:
            cur.close()
        return result

    def _flush(self, cur, pending: _Pending) -> None:
        """Insert the pending postings, record the unit count and commit."""
        if not pending.open:
            return
        self._write_postings(cur, pending)
        self._bump_units(cur, pending.delta_units)
        self._commit()
        pending.open = False
        pending.delta_units = 0

    def _write_postings(self, cur, pending: _Pending) -> None:
        if not pending.count:
            return
        h = np.concatenate(pending.hashes)
        u = np.concatenate(pending.units)
        pending.hashes, pending.units, pending.count = [], [], 0
        order = np.lexsort((u, h))  # B-tree friendly: one pass over the leaves, a compact file
        h, u = h[order], u[order]
        del order
        step = 200_000  # Python ints only for a slice at a time
        for i in range(0, len(h), step):
            self._insert_postings(cur, zip(h[i : i + step].tolist(), u[i : i + step].tolist()))

    def _add_batch(self, cur, docs: list[PreparedDoc], result: AddResult, pending: _Pending) -> None:
        # the last entry wins when one batch holds the same path twice
        docs = list({d.meta.path: d for d in docs}.values())
        if not pending.open:
            self._begin_write(cur)
            pending.open = True
        existing: dict[str, tuple] = {}
        paths = [d.meta.path for d in docs]
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            marks = ",".join("?" * len(chunk))
            cur.execute(
                self._sql(f"SELECT path, id, sha256, title, number, issuer, year, level FROM gw_docs WHERE path IN ({marks})"),
                chunk,
            )
            for row in cur.fetchall():
                existing[row[0]] = row[1:]
        cur.execute("SELECT coalesce(max(id), 0) FROM gw_docs")
        next_doc = cur.fetchone()[0] + 1
        cur.execute("SELECT coalesce(max(id), 0) FROM gw_units")
        next_unit = cur.fetchone()[0] + 1
        doc_rows, text_rows, unit_rows = [], [], []
        for d in docs:
            m = d.meta
            old = existing.get(m.path)
            if old is not None:
                if tuple(old[1:]) == (d.sha256, m.title, m.number, m.issuer, m.year, m.level):
                    result.unchanged += 1
                    continue
                # the old document's postings may still be pending: write them so that
                # deleting it finds them
                self._write_postings(cur, pending)
                pending.delta_units -= self._delete_doc(cur, old[0])
                result.replaced += 1
            else:
                result.added += 1
            doc_id = next_doc
            next_doc += 1
            doc_rows.append(
                (doc_id, m.path, m.title, m.number, m.issuer, m.year, m.level, d.sha256, len(d.text), next_unit, len(d.units))
            )
            text_rows.append((doc_id, zlib.compress(d.text.encode("utf-8"), 9), encode_para_starts(d.para_starts)))
            for i, (para, start, stop) in enumerate(d.units):
                unit_rows.append((next_unit + i, doc_id, para, start, stop))
            if len(d.hashes):
                pending.hashes.append(np.asarray(d.hashes, dtype=np.int64))
                pending.units.append(np.asarray(d.unit_of, dtype=np.int64) + next_unit)
                pending.count += len(d.hashes)
            next_unit += len(d.units)
            pending.delta_units += len(d.units)
        if doc_rows:
            cur.executemany(
                self._sql(
                    "INSERT INTO gw_docs (id, path, title, number, issuer, year, level, sha256, chars, first_unit, units)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                ),
                doc_rows,
            )
            cur.executemany(self._sql("INSERT INTO gw_doctext (doc_id, z, paras) VALUES (?, ?, ?)"), text_rows)
            cur.executemany(self._sql("INSERT INTO gw_units (id, doc_id, para, start, stop) VALUES (?, ?, ?, ?, ?)"), unit_rows)

    def _bump_units(self, cur, delta: int) -> None:
        """Add ``delta`` to the stored unit count, in the database: another ``index add`` may
        have committed since this connection read it (four concurrent adds stored one quarter)."""
        if delta:
            cur.execute(
                self._sql("UPDATE gw_meta SET value = CAST(CAST(value AS BIGINT) + ? AS TEXT) WHERE key = 'units'"),
                (delta,),
            )
            cur.execute(self._sql("SELECT value FROM gw_meta WHERE key = 'units'"))
            self.unit_count = int(cur.fetchone()[0])

    def _delete_doc(self, cur, doc_id: int) -> int:
        """Delete one document and its postings; returns its unit count."""
        cur.execute(self._sql("SELECT z FROM gw_doctext WHERE doc_id = ?"), (doc_id,))
        row = cur.fetchone()
        text = zlib.decompress(bytes(row[0])).decode("utf-8") if row else ""
        cur.execute(self._sql("SELECT first_unit, units FROM gw_docs WHERE id = ?"), (doc_id,))
        first, count = cur.fetchone()
        cur.execute(
            self._sql("SELECT id, start FROM gw_units WHERE id >= ? AND id < ? ORDER BY id"), (first, first + count)
        )
        units = cur.fetchall()
        hashes, unit_of = doc_postings(text, [s for _, s in units], self.params.k, self.params.w)
        ids = [u for u, _ in units]
        cur.executemany(
            self._sql("DELETE FROM gw_fp WHERE h = ? AND u = ?"), [(h, ids[i]) for h, i in zip(hashes.tolist(), unit_of.tolist())]
        )
        cur.execute(self._sql("DELETE FROM gw_units WHERE id >= ? AND id < ?"), (first, first + count))
        for table, col in (("gw_doctext", "doc_id"), ("gw_docs", "id")):
            cur.execute(self._sql(f"DELETE FROM {table} WHERE {col} = ?"), (doc_id,))
        return count

    def remove(self, paths: Iterable[str]) -> int:
        """Remove documents by exact path or by folder prefix; returns how many were removed."""
        with self._guard():
            return self._remove(paths)

    def _remove(self, paths: Iterable[str]) -> int:
        cur = self.conn.cursor()
        removed = 0
        try:
            self._begin_write(cur)
            ids: set[int] = set()
            for p in paths:
                prefix = p.rstrip("/") + "/"
                cur.execute(
                    self._sql("SELECT id FROM gw_docs WHERE path = ? OR substr(path, 1, ?) = ?"), (p, len(prefix), prefix)
                )
                ids.update(r[0] for r in cur.fetchall())
            delta = 0
            for doc_id in sorted(ids):
                delta -= self._delete_doc(cur, doc_id)
                removed += 1
            self._bump_units(cur, delta)
            self._commit()
        except BaseException:
            self._rollback()
            raise
        finally:
            cur.close()
        return removed

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


__all__ = ["Store", "Params", "DocInfo", "UnitRow", "AddResult", "IndexError_", "LEVELS", "redact"]
