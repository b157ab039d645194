"""The embedded default: one SQLite file (stdlib), WAL mode so checks can read while an
archive keeper adds documents.

Checks open the file read-only (``mode=ro``; in a read-only folder, where SQLite cannot create
the ``-shm`` file a WAL database needs, ``immutable=1``), so an index on a read-only share
works and is never changed by a check.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from .store import IndexError_, Params, Store

#: Seconds a check waits for a lock another program holds on the index.
LOCK_TIMEOUT_S = 30.0
#: Seconds an ``index add``/``remove`` waits for another writer (one writer at a time).
WRITE_LOCK_TIMEOUT_S = 600.0


class SQLiteStore(Store):
    blob = "BLOB"
    id_type = "INTEGER"  # INTEGER PRIMARY KEY is the rowid: no separate index
    without_rowid = " WITHOUT ROWID"

    @classmethod
    def open(cls, url: str, create: bool, params: Params | None, readonly: bool = False) -> SQLiteStore:
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
        self = cls(path, readonly=readonly and not create)
        p = Path(path)
        if not p.exists() and not create:
            raise IndexError_(f"索引文件不存在：{path}（请先用 gongwen-lint index add --index {path} … 建立）")
        if p.is_dir():
            raise IndexError_(f"索引路径是一个文件夹，不是索引文件：{path}")
        try:
            if create:
                try:
                    p.parent.mkdir(parents=True, exist_ok=True)
                except OSError as e:
                    from ..fileio import os_reason

                    raise IndexError_(f"无法建立索引文件所在的文件夹 {p.parent}：{os_reason(e)}") from None
            self.conn = self._connect(path)
            self._init_schema(create, params)
        except sqlite3.Error as e:
            self.close()
            raise self._describe(e) from None
        return self

    def _connect(self, path: str) -> sqlite3.Connection:
        if not self.readonly:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=WRITE_LOCK_TIMEOUT_S)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        else:
            uri = Path(path).absolute().as_uri()
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False,
                                   timeout=LOCK_TIMEOUT_S)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError as e:
                if "readonly" not in str(e) and "unable to open" not in str(e):
                    conn.close()
                    raise
                conn.close()  # a WAL index in a read-only folder: no -shm can be made
                conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                                       check_same_thread=False, timeout=LOCK_TIMEOUT_S)
        conn.execute("PRAGMA cache_size=-32768")  # 32 MB: lookups stay far below 300 MB RSS
        conn.execute("PRAGMA temp_store=MEMORY")
        return conn

    def reconnect(self) -> None:
        self.close()
        try:
            self.conn = self._connect(self.url)
            self._read_meta()
        except sqlite3.Error as e:
            self.close()
            raise self._describe(e) from None

    def _errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    def _describe(self, e: BaseException) -> IndexError_:
        text = str(e).lower()
        path = self.url
        if "locked" in text or "busy" in text:
            waited = LOCK_TIMEOUT_S if self.readonly else WRITE_LOCK_TIMEOUT_S
            return IndexError_(f"索引文件正被另一个程序锁定（等待 {waited:.0f} 秒后仍未释放）：{path}；"
                               "请等它结束后再试（同一时间只能有一个收录任务）")
        if "readonly" in text or "read-only" in text:
            return IndexError_(f"索引文件或其所在文件夹是只读的，无法收录或删除：{path}；检查草稿不受影响，"
                               "收录请用有写权限的账号或把索引复制到可写的位置")
        if "unable to open" in text:
            return IndexError_(f"无法打开索引文件：{path}（文件或所在文件夹没有读取权限，或路径不可用）")
        if "full" in text:
            return IndexError_(f"磁盘空间已满，无法写入索引：{path}")
        if "disk i/o" in text:
            return IndexError_(f"读写索引文件时出错（磁盘故障、空间已满或文件被移走）：{path}")
        return IndexError_(f"索引文件已损坏或不是 gongwen-lint 索引：{path}（{_first_line(e)}）；请重新建立索引")

    def _lock_schema(self, cur) -> None:
        cur.execute("BEGIN IMMEDIATE")

    def _table_exists(self, cur, name: str) -> bool:
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return cur.fetchone() is not None

    def _begin_write(self, cur) -> None:
        if self.readonly:
            raise IndexError_(f"索引以只读方式打开，不能写入：{self.url}")
        cur.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn is not None and self.conn.in_transaction:
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
        if not self.readonly:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(os.path.getsize(self.url + s) for s in ("", "-wal") if os.path.exists(self.url + s))

    def compact(self) -> None:
        """Rewrite the file without free pages (after large removals)."""
        with self._guard():
            self.conn.execute("VACUUM")


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
