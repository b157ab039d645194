"""The shared backend: the same tables in a PostgreSQL database (psycopg 3), for offices
that check drafts against one index.  Bulk postings go in with COPY.

Faults become Chinese messages (:meth:`PostgresStore._describe`): a server that went away (the
session reconnects once, see :mod:`.session`), the read-only account ``docs/index.md``
recommends for drafters trying to add or remove, text PostgreSQL cannot store.  The address is
redacted in every message (:func:`.store.redact`).
"""

from __future__ import annotations

import zlib

from .store import IndexError_, Params, Store

#: pg_advisory_xact_lock key for the first creation of the tables (any constant works; this one
#: is crc32("gongwen-lint index")).
_SCHEMA_LOCK = zlib.crc32(b"gongwen-lint index")


class PostgresStore(Store):
    blob = "BYTEA"
    without_rowid = ""

    @classmethod
    def open(cls, url: str, create: bool, params: Params | None, readonly: bool = False) -> PostgresStore:
        try:
            import psycopg
        except ImportError:
            raise IndexError_(
                "使用 PostgreSQL 索引需要安装 psycopg：pip install 'gongwen-lint[postgres]'"
            ) from None
        self = cls(url, readonly=readonly and not create)
        try:
            self.conn = psycopg.connect(url, connect_timeout=10)
            self._init_schema(create, params)
        except psycopg.Error as e:
            self.close()
            raise self._describe(e) from None
        self.conn.commit()  # end the read transaction opened by _init_schema
        return self

    def reconnect(self) -> None:
        import psycopg

        try:
            self.close()
        except psycopg.Error:
            self.conn = None
        try:
            self.conn = psycopg.connect(self.url, connect_timeout=10)
            self._read_meta()
            self.conn.commit()
        except psycopg.Error as e:
            self.conn = None
            raise self._describe(e) from None

    def _errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (psycopg.Error,)

    def _describe(self, e: BaseException) -> IndexError_:
        import psycopg

        where = f"PostgreSQL 索引 {self.url}"
        first = _first_line(e)
        if isinstance(e, psycopg.errors.InsufficientPrivilege):
            return IndexError_(f"{where}：该数据库账号没有写入索引的权限（只读账号只能用于检查草稿）；"
                               "收录和删除请用有写权限的账号")
        if isinstance(e, (psycopg.DataError, ValueError)) and "NUL" in str(e):
            return IndexError_(f"{where}：要写入的文字含有 NUL 字符（PostgreSQL 不能保存），请检查清单和文件")
        if isinstance(e, psycopg.OperationalError) or (self.conn is not None and self.conn.closed):
            return IndexError_(f"无法连接{where}：{first}（服务器可能已停止或网络中断）", lost=True)
        return IndexError_(f"{where} 出错：{first}")

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _q(self, sql, args=()):
        rows = super()._q(sql, args)
        with self._guard():
            self.conn.commit()  # never hold a snapshot (and its locks) between lookups
        return rows

    def _table_exists(self, cur, name: str) -> bool:
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", (name,))
        return bool(cur.fetchone()[0])

    def _lock_schema(self, cur) -> None:
        # CREATE TABLE IF NOT EXISTS is not safe against a concurrent CREATE (duplicate key in
        # pg_type): the processes that create one new index take turns.  A session lock, then
        # a commit: the next transaction's catalog lookups see the tables the previous holder
        # created (within the old transaction to_regclass may still answer from a stale cache).
        cur.execute("SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK,))
        self.conn.commit()

    def _unlock_schema(self, cur) -> None:
        import psycopg

        try:
            self.conn.rollback()  # a no-op after the commit; after an error, leaves the aborted transaction
            cur.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK,))
            self.conn.commit()
        except psycopg.Error:
            pass  # the connection is gone, and its session lock with it; the first error is reported

    def _begin_write(self, cur) -> None:
        if self.readonly:
            raise IndexError_(f"索引以只读方式打开，不能写入：{self.url}")
        # one writer at a time: ids are allocated from max(id) + 1
        cur.execute("LOCK TABLE gw_docs IN SHARE ROW EXCLUSIVE MODE")

    def _rollback(self) -> None:
        if self.conn is not None and not self.conn.closed:
            self.conn.rollback()

    def add(self, prepared, **kw):
        result = super().add(prepared, **kw)
        if result.added or result.replaced:
            with self._guard():
                self._analyze()
        return result

    def _analyze(self) -> None:
        """Refresh the planner's statistics after a load.

        Without them a freshly loaded gw_fp gets a bad plan for the lookups until autovacuum
        happens to analyze it: measured at 5,271 documents, median lookup 63 ms before
        ``ANALYZE``, 6.7 ms after (the SQLite index: 6 ms).  It samples a bounded number of
        rows, so it costs well under a second at any size (0.17 s here).
        """
        cur = self.conn.cursor()
        cur.execute("ANALYZE gw_docs, gw_units, gw_fp")
        self.conn.commit()
        cur.close()

    def _insert_postings(self, cur, rows) -> None:
        with cur.copy("COPY gw_fp (h, u) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _common_sql(self) -> str:
        return (
            "SELECT q.h FROM unnest(?::bigint[]) AS q(h) WHERE EXISTS"
            " (SELECT 1 FROM gw_fp AS g WHERE g.h = q.h ORDER BY g.u LIMIT 1 OFFSET ?)"
        )

    def _postings_sql(self) -> str:
        return "SELECT q.h, f.u FROM unnest(?::bigint[]) AS q(h) JOIN gw_fp AS f ON f.h = q.h"

    def _sample_sql(self) -> str:
        return (
            "SELECT q.h, f.u FROM unnest(?::bigint[]) AS q(h)"
            " CROSS JOIN LATERAL (SELECT g.u FROM gw_fp AS g WHERE g.h = q.h ORDER BY g.u LIMIT ? + 1) AS f"
        )

    def _hash_param(self, hashes):
        return list(hashes)

    def size_bytes(self) -> int:
        rows = self._q(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
            " WHERE c.relname IN ('gw_meta', 'gw_docs', 'gw_doctext', 'gw_units', 'gw_fp') AND c.relkind = 'r'"
        )
        return int(rows[0][0])

    def drop(self) -> None:
        """Delete every table of the index (tests, or starting over)."""
        with self._guard():
            cur = self.conn.cursor()
            cur.execute("DROP TABLE IF EXISTS gw_fp, gw_units, gw_doctext, gw_docs, gw_meta")
            self.conn.commit()
            cur.close()


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__

