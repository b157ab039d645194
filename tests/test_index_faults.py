"""The reference index under faults, on the real engines: passwords in messages, damaged and
read-only SQLite files, locks, a PostgreSQL server that goes away, the read-only account the
docs recommend, NUL bytes, concurrent adds (issue 19: S1, C5, C6, D6, U3)."""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from clirun import gwlint, no_traceback
from gongwen_lint.api import Linter
from gongwen_lint.config import Config
from gongwen_lint.index.backends import is_postgres_url, open_index
from gongwen_lint.index.segment import RefMeta, prepare
from gongwen_lint.index.store import SCHEMA_VERSION, IndexError_

PG = os.environ.get("GONGWEN_TEST_PG")
needs_pg = pytest.mark.skipif(not PG, reason="GONGWEN_TEST_PG is not set: no PostgreSQL server (.ci/postgres.sh starts one)")

REF = [
    "关于加强城市排水防涝工作的通知",
    "各区要在五月底前完成主城区二百一十处易涝点的排查，逐点明确责任单位、整改措施和完成时限，整改情况每周报市排水办。",
    "汛期实行易涝点二十四小时巡查，雨量达到五十毫米时，责任单位负责人必须到现场指挥排水，并及时疏导过往车辆和行人。",
    "排水管网清淤每年不少于两次，雨季前必须完成一次全面清淤，清淤记录由各区城管部门存档备查，市里随机抽查。",
]
DRAFT = "\n".join(["关于做好我区防汛工作的通知", "各街道办事处：", *REF[1:],
                   "区应急局牵头建立防汛物资台账，每个街道储备沙袋不少于两千条。", "某区人民政府", "2024年6月1日"])
CJK = [chr(c) for c in range(0x4E00, 0x9FA5)]


def add_ref(store, name="ref.txt", paragraphs=REF, level="higher"):
    meta = RefMeta(path=f"/archive/{name}", title=paragraphs[0], level=level)
    doc = prepare(meta, list(enumerate(paragraphs, start=1)), "\n".join(paragraphs).encode(), store.params.k,
                  store.params.w)
    return store.add([doc])


def gw8(text: str, index: str):
    linter = Linter(Config(select=("GW8",), index=index))
    try:
        return linter.check_text(text)
    finally:
        linter.close()


def random_docs(folder: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(n):
        lines = ["".join(rng.choice(CJK) for _ in range(rng.randint(40, 90))) + "。" for _ in range(rng.randint(3, 8))]
        (folder / f"d{i:03}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


# -- S1: no password in any message ------------------------------------------------------------------

SECRET = "s3cret"


@pytest.mark.parametrize("text", [
    f"postgresql://gw:{SECRET}@db.example:5432/archive",
    f"postgres://gw:{SECRET}@db.example/archive?sslmode=require",
    f"postgresql://gw@db.example/archive?password={SECRET}&sslmode=require",
    f"postgresql://gw@db.example/archive?sslmode=require&PASSWORD={SECRET}",
    f"host=db.example dbname=archive user=gw password={SECRET}",
    f"host=db.example dbname=archive user=gw password = '{SECRET} with space'",
    f"无法连接 PostgreSQL 索引 postgresql://gw:{SECRET}@h/d：connection refused",
    f"postgresql://gw:p@ss{SECRET}@db.example/archive",
])
def test_redact_hides_every_password_form(text):
    from gongwen_lint.index.store import redact

    out = redact(text)
    assert SECRET not in out and "***" in out
    assert "db.example" in out or "h/d" in out


def test_libpq_keyword_strings_are_postgresql():
    assert is_postgres_url("host=localhost dbname=x user=gw password=p")
    assert not is_postgres_url("/srv/索引.gwidx") and not is_postgres_url("index.gwidx")


def test_an_unreachable_server_message_has_no_password():
    for url in (f"postgresql://gw:{SECRET}@127.0.0.1:1/archive", f"host=127.0.0.1 port=1 dbname=a user=gw password={SECRET}"):
        with pytest.raises(IndexError_) as info:
            open_index(url, readonly=True)
        assert SECRET not in str(info.value) and "PostgreSQL" in str(info.value)


# -- PostgreSQL fixtures ---------------------------------------------------------------------------


def _admin(dbname: str | None = None):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    info = conninfo_to_dict(PG)
    if dbname:
        info["dbname"] = dbname
    return psycopg.connect(make_conninfo(**info), autocommit=True)


def _url(dbname: str, user: str, password: str, form: str = "url") -> str:
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(PG)
    host, port = info.get("host", "127.0.0.1"), info.get("port", "5432")
    if form == "query":
        return f"postgresql://{user}@{host}:{port}/{dbname}?password={password}"
    if form == "keywords":
        return f"host={host} port={port} dbname={dbname} user={user} password={password}"
    return f"postgresql://{user}:{password}@{host}:{port}/{dbname}"


@pytest.fixture(scope="module")
def pg():
    """A database of its own, owned by a writer role with a password; a read-only role."""
    if not PG:
        pytest.skip("GONGWEN_TEST_PG is not set: no PostgreSQL server (.ci/postgres.sh starts one)")
    tag = f"{os.getpid()}"
    db, writer, reader = f"gw_faults_{tag}", f"gw_writer_{tag}", f"gw_reader_{tag}"
    with _admin() as c:
        c.execute(f"CREATE ROLE {writer} LOGIN PASSWORD '{SECRET}-w'")
        c.execute(f"CREATE ROLE {reader} LOGIN PASSWORD '{SECRET}-r'")
        c.execute(f"CREATE DATABASE {db} OWNER {writer}")
    ns = type("PG", (), {})()
    ns.db, ns.writer, ns.reader = db, writer, reader
    ns.w = _url(db, writer, f"{SECRET}-w")
    ns.r = _url(db, reader, f"{SECRET}-r")
    yield ns
    with _admin() as c:
        c.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        c.execute(f"DROP ROLE IF EXISTS {reader}")
        c.execute(f"DROP ROLE IF EXISTS {writer}")


@pytest.fixture
def pg_index(pg):
    """The index in the test database (fresh each test), readable by the read-only role."""
    with _admin(pg.db) as c:
        c.execute("DROP TABLE IF EXISTS gw_fp, gw_units, gw_doctext, gw_docs, gw_meta")
    store = open_index(pg.w, create=True)
    add_ref(store)
    store.close()
    with _admin(pg.db) as c:
        c.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {pg.reader}")
    return pg


@needs_pg
@pytest.mark.parametrize("form", ["url", "query", "keywords"])
def test_missing_index_message_has_no_password(pg, form):
    with _admin(pg.db) as c:
        c.execute("DROP TABLE IF EXISTS gw_fp, gw_units, gw_doctext, gw_docs, gw_meta")
    url = _url(pg.db, pg.writer, f"{SECRET}-w", form)
    with pytest.raises(IndexError_) as info:
        open_index(url, readonly=True)
    assert "索引不存在" in str(info.value) and SECRET not in str(info.value)
    for command in (["check", "--index", url, "x.txt"], ["index", "list", "--index", url], ["index", "stats", "--index", url]):
        proc = gwlint(*command, cwd=Path(__file__).parent)
        no_traceback(proc)
        assert proc.returncode == 2 and SECRET not in proc.stdout + proc.stderr, proc.stderr


@needs_pg
def test_other_version_message_has_no_password(pg_index):
    with _admin(pg_index.db) as c:
        c.execute("UPDATE gw_meta SET value = '999' WHERE key = 'schema_version'")
    try:
        for form in ("url", "query", "keywords"):
            with pytest.raises(IndexError_) as info:
                open_index(_url(pg_index.db, pg_index.writer, f"{SECRET}-w", form), readonly=True)
            assert "另一版本" in str(info.value) and SECRET not in str(info.value)
    finally:
        with _admin(pg_index.db) as c:
            c.execute("UPDATE gw_meta SET value = %s WHERE key = 'schema_version'", (SCHEMA_VERSION,))


# -- C6: the server goes away mid-run ------------------------------------------------------------------


def _kick(db: str) -> None:
    with _admin() as c:
        c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                  (db,))


@needs_pg
def test_a_dropped_connection_is_reconnected_once_then_fails_clearly(pg_index, caplog):
    caplog.set_level(logging.WARNING)
    linter = Linter(Config(select=("GW8",), index=pg_index.r))
    try:
        first = linter.check_text(DRAFT)
        assert first.error is None and any(d.code.startswith("GW80") for d in first.diagnostics)
        _kick(pg_index.db)  # the server restarted: one reconnect, and the check goes on
        second = linter.check_text(DRAFT)
        assert second.error is None and any(d.code.startswith("GW80") for d in second.diagnostics)
        with _admin() as c:
            c.execute(f"ALTER DATABASE {pg_index.db} ALLOW_CONNECTIONS false")
        try:
            _kick(pg_index.db)  # …and now it stays away
            third = linter.check_text(DRAFT)
            fourth = linter.check_text(DRAFT)
        finally:
            with _admin() as c:
                c.execute(f"ALTER DATABASE {pg_index.db} ALLOW_CONNECTIONS true")
    finally:
        linter.close()
    for report in (third, fourth):
        assert report.error and "参考索引不可用" in report.error and "重复发文检查" in report.error
        assert SECRET not in report.error
    assert not [r for r in caplog.records if r.exc_info], "no traceback may be logged"


@needs_pg
def test_a_batch_with_the_server_gone_exits_2_with_one_message_per_file(pg_index, tmp_path):
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(DRAFT, encoding="utf-8")
    with _admin() as c:
        c.execute(f"ALTER DATABASE {pg_index.db} ALLOW_CONNECTIONS false")
    try:
        proc = gwlint("check", "--select", "GW8", "--index", pg_index.r, *sorted(tmp_path.glob("*.txt")), cwd=tmp_path)
    finally:
        with _admin() as c:
            c.execute(f"ALTER DATABASE {pg_index.db} ALLOW_CONNECTIONS true")
    no_traceback(proc)
    assert proc.returncode == 2 and SECRET not in proc.stdout + proc.stderr


# -- C6: the read-only account docs/index.md recommends ------------------------------------------------


@needs_pg
def test_the_read_only_account_checks_and_cannot_write(pg_index, tmp_path):
    report = gw8(DRAFT, pg_index.r)
    assert report.error is None and any(d.code.startswith("GW80") for d in report.diagnostics)
    docs = random_docs(tmp_path / "docs", 2, seed=1)
    for command in (["add", "--index", pg_index.r, docs], ["remove", "--index", pg_index.r, "/archive/ref.txt"]):
        proc = gwlint("index", *command, cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2 and "权限" in proc.stderr and SECRET not in proc.stderr, proc.stderr
    for command in (["list"], ["stats"]):
        proc = gwlint("index", *command, "--index", pg_index.r, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr


# -- C6: a NUL byte in a manifest field ------------------------------------------------------------


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_a_nul_byte_in_the_manifest(engine, tmp_path, request):
    if engine == "postgres":
        if not PG:
            pytest.skip("GONGWEN_TEST_PG is not set")
        pg = request.getfixturevalue("pg_index")
        index = pg.w
    else:
        index = str(tmp_path / "i.gwidx")
    docs = random_docs(tmp_path / "docs", 2, seed=2)
    (docs / "manifest.tsv").write_text("path\ttitle\tlevel\nd000.txt\t标题\x00注入\thigher\n", encoding="utf-8")
    proc = gwlint("index", "add", "--index", index, "--manifest", docs / "manifest.tsv", docs, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "NUL" in proc.stderr and "第 2 行" in proc.stderr


# -- D6: concurrent adds -----------------------------------------------------------------------------


def _units_stored(store) -> tuple[int, int]:
    stated = store.stats()["units"]
    real = store._q("SELECT count(*) FROM gw_units")[0][0]
    return stated, int(real)


def test_two_writers_keep_the_unit_count_right(tmp_path):
    """Two connections opened before either adds (as two `index add` running at once)."""
    path = str(tmp_path / "i.gwidx")
    a, b = open_index(path, create=True), open_index(path, create=True)
    try:
        add_ref(a, "a.txt")
        add_ref(b, "b.txt", [REF[0] + "（二）", *[p.replace("五", "六") for p in REF[1:]]])
    finally:
        a.close()
        b.close()
    with open_index(path, readonly=True) as store:
        stated, real = _units_stored(store)
    assert stated == real > 0


def _concurrent_adds(index: str, tmp_path: Path, n: int = 4, docs_each: int = 12):
    folders = [random_docs(tmp_path / f"batch{i}", docs_each, seed=10 + i) for i in range(n)]
    procs = [subprocess.Popen([sys.executable, "-m", "gongwen_lint.cli", "index", "add", "--index", index, str(f)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in folders]
    outs = [p.communicate(timeout=300) for p in procs]
    return [(p.returncode, out, err) for p, (out, err) in zip(procs, outs)]


def test_four_concurrent_adds_into_one_sqlite_index(tmp_path):
    index = str(tmp_path / "shared.gwidx")
    results = _concurrent_adds(index, tmp_path)
    for rc, _out, err in results:
        assert rc == 0 and "Traceback" not in err, err
    with open_index(index, readonly=True) as store:
        assert store.stats()["documents"] == 4 * 12
        stated, real = _units_stored(store)
    assert stated == real


@needs_pg
def test_four_concurrent_first_creations_on_postgresql(pg, tmp_path):
    with _admin(pg.db) as c:
        c.execute("DROP TABLE IF EXISTS gw_fp, gw_units, gw_doctext, gw_docs, gw_meta")
    results = _concurrent_adds(pg.w, tmp_path)
    for rc, _out, err in results:
        assert rc == 0 and "Traceback" not in err, err
    with open_index(pg.w, readonly=True) as store:
        assert store.stats()["documents"] == 4 * 12
        stated, real = _units_stored(store)
    assert stated == real


@needs_pg
def test_concurrent_first_creation_in_threads(pg):
    """The race itself, many times: tables created by one, found by the others."""
    for _ in range(5):
        with _admin(pg.db) as c:
            c.execute("DROP TABLE IF EXISTS gw_fp, gw_units, gw_doctext, gw_docs, gw_meta")
        barrier = threading.Barrier(4)
        errors: list[BaseException] = []

        def create(barrier=barrier, errors=errors):
            try:
                barrier.wait()
                open_index(pg.w, create=True).close()
            except BaseException as e:  # noqa: BLE001 - collected for the assertion
                errors.append(e)

        threads = [threading.Thread(target=create) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors


# -- C5: damaged, read-only and locked SQLite indexes ------------------------------------------------


@pytest.fixture
def sqlite_index(tmp_path) -> Path:
    path = tmp_path / "ref.gwidx"
    store = open_index(str(path), create=True)
    add_ref(store)
    for i in range(30):  # enough pages that damage in the middle hits the tables
        add_ref(store, f"more{i}.txt", [f"第{i}号文件", *["".join(random.Random(i * 7 + j).choice(CJK) for _ in range(80))
                                                         for j in range(20)]], level="same")
    store.close()
    return path


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(5)
    for page in range(2, len(data) // 4096):
        if rng.random() < 0.5:
            data[page * 4096 + 100: page * 4096 + 1200] = rng.randbytes(1100)
    path.write_bytes(bytes(data))


def test_a_damaged_sqlite_index(sqlite_index, tmp_path):
    _damage(sqlite_index)
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    proc = gwlint("check", "--select", "GW8", "--index", sqlite_index, draft, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2 and "索引" in proc.stdout + proc.stderr
    docs = random_docs(tmp_path / "docs", 2, seed=3)
    for command in (["list"], ["stats"], ["add", docs], ["remove", "/archive/ref.txt"]):
        proc = gwlint("index", *command[:1], "--index", sqlite_index, *command[1:], cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode in (0, 2) and "Error" not in proc.stderr, proc.stderr
        if proc.returncode == 2:
            assert "损坏" in proc.stderr or "索引" in proc.stderr


def test_a_file_that_is_not_an_index(tmp_path):
    bad = tmp_path / "x.gwidx"
    bad.write_bytes(random.Random(1).randbytes(10_000))
    for command in (["check", "--index", bad, "x.txt"], ["index", "stats", "--index", bad], ["index", "add", "--index", bad, bad]):
        proc = gwlint(*command, cwd=tmp_path)
        no_traceback(proc)
        assert proc.returncode == 2 and "索引" in proc.stderr, proc.stderr


def test_an_index_in_a_read_only_folder_works_for_checks(sqlite_index, tmp_path):
    folder = sqlite_index.parent
    draft = tmp_path.parent / f"{tmp_path.name}-draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    folder.chmod(0o555)
    try:
        proc = gwlint("check", "--select", "GW8", "--index", sqlite_index, "--format", "json", draft,
                      cwd=tmp_path.parent, unprivileged=True)
        add = gwlint("index", "add", "--index", sqlite_index, draft, cwd=tmp_path.parent, unprivileged=True)
        stats = gwlint("index", "stats", "--index", sqlite_index, cwd=tmp_path.parent, unprivileged=True)
    finally:
        folder.chmod(0o755)
        draft.unlink()
    no_traceback(proc)
    assert proc.returncode == 1 and '"GW80' in proc.stdout and "readonly" not in proc.stderr, proc.stderr
    assert stats.returncode == 0, stats.stderr
    no_traceback(add)
    assert add.returncode == 2 and "只读" in add.stderr and "损坏" not in add.stderr, add.stderr


def test_a_read_only_index_file_works_for_checks(sqlite_index, tmp_path):
    sqlite_index.chmod(0o444)
    try:
        report = gwlint("check", "--select", "GW8", "--index", sqlite_index, "--format", "json",
                        _draft(tmp_path), cwd=tmp_path, unprivileged=True)
        add = gwlint("index", "add", "--index", sqlite_index, _draft(tmp_path), cwd=tmp_path, unprivileged=True)
    finally:
        sqlite_index.chmod(0o644)
    assert report.returncode == 1 and '"GW80' in report.stdout, report.stderr
    no_traceback(add)
    assert add.returncode == 2 and "只读" in add.stderr, add.stderr


def _draft(tmp_path: Path) -> Path:
    p = tmp_path / "草稿.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def test_a_writer_lock_held_too_long(sqlite_index, monkeypatch):
    from gongwen_lint.index import sqlite_store

    monkeypatch.setattr(sqlite_store, "WRITE_LOCK_TIMEOUT_S", 0.5)
    holder = sqlite3.connect(str(sqlite_index), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store = open_index(str(sqlite_index), create=True)
        with pytest.raises(IndexError_) as info:
            add_ref(store, "new.txt", [REF[0] + "（新）", *REF[1:]])
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "锁定" in str(info.value)


def test_a_check_blocked_by_an_exclusive_lock(sqlite_index, monkeypatch):
    from gongwen_lint.index import sqlite_store

    monkeypatch.setattr(sqlite_store, "LOCK_TIMEOUT_S", 0.5)
    holder = sqlite3.connect(str(sqlite_index), isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE gw_meta SET value = value WHERE key = 'k'")
    try:
        report = gw8(DRAFT, str(sqlite_index))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert report.error and "参考索引不可用" in report.error and "锁定" in report.error
