"""The embedded default: one SQLite file (stdlib), WAL mode so checks can read while an
archive keeper adds documents."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from .store import IndexError_, Params, Store


class SQLiteStore(Store):
    blob = "BLOB"
    id_type = "INTEGER"  # INTEGER PRIMARY KEY is the rowid: no separate index
    without_rowid = " WITHOUT ROWID"

    @classmethod
    def open(cls, url: str, create: bool, params: Params | None) -> "SQLiteStore":
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
        self = cls(path)
        p = Path(path)
        if not p.exists() and not create:
            raise IndexError_(f"索引文件不存在：{path}（请先用 gongwen-lint index add --index {path} … 建立）")
        if p.is_dir():
            raise IndexError_(f"索引路径是一个文件夹，不是索引文件：{path}")
        try:
            if create:
                p.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA cache_size=-32768")  # 32 MB: lookups stay far below 300 MB RSS
            self.conn.execute("PRAGMA temp_store=MEMORY")
            self._init_schema(create, params)
        except sqlite3.DatabaseError as e:
            self.close()
            raise IndexError_(f"无法打开索引文件 {path}：{e}（文件可能已损坏或不是 gongwen-lint 索引）") from None
        return self

    def _table_exists(self, cur, name: str) -> bool:
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return cur.fetchone() is not None

    def _begin_write(self, cur) -> None:
        cur.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _common_sql(self) -> str:
        return (
            "SELECT q.value FROM json_each(?) AS q WHERE EXISTS"
            " (SELECT 1 FROM gw_fp AS g WHERE g.h = q.value ORDER BY g.u LIMIT 1 OFFSET ?)"
        )

    def _postings_sql(self) -> str:
        return "SELECT q.value, f.u FROM json_each(?) AS q JOIN gw_fp AS f ON f.h = q.value"

    def _sample_sql(self) -> str:
        return (
            "SELECT q.value, f.u FROM json_each(?) AS q JOIN gw_fp AS f ON f.h = q.value"
            " AND f.u <= (SELECT g.u FROM gw_fp AS g WHERE g.h = q.value ORDER BY g.u LIMIT 1 OFFSET ?)"
        )

    def _hash_param(self, hashes):
        return json.dumps(hashes)

    def size_bytes(self) -> int:
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(os.path.getsize(self.url + s) for s in ("", "-wal") if os.path.exists(self.url + s))

    def compact(self) -> None:
        """Rewrite the file without free pages (after large removals)."""
        self.conn.execute("VACUUM")
