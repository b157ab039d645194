"""The Spark executor: the same audit as :mod:`.local`, as a PySpark job over any file system.

Stages (every per-document step is a :mod:`.pipeline` function, i.e. the index's own code):

1. Local paths are listed on the driver (as the local engine lists them) and read by the
   executors; other URIs Spark reads (hdfs://, s3a://, …) through ``binaryFiles``; ``mapPartitions`` reads and fingerprints each document with
   :func:`~.pipeline.prepare_file` (normalisation, units, winnowed postings) and computes the
   fingerprints its paragraphs will look up (:func:`~.pipeline.query_hashes`, stock-phrase
   k-grams of the 套话 dictionary removed).
2. Documents are sorted by path and numbered (per-partition counts, no collect of the
   archive): ids and unit ids are those of the local SQLite index.
3. Postings are grouped by fingerprint keeping the count and the ``cap + 1`` smallest units:
   the document-frequency cut-off of the index (:func:`~.pipeline.cut_postings`).  The table
   is hash-partitioned by fingerprint and cached; the query fingerprints are partitioned the
   same way, so joining them moves only the queries, never the table.
4. A small archive (normalised text up to ``broadcast_chars``, default 32 million characters,
   some 11,000 documents of the shared archive's kind, ~35 MB pickled) is broadcast whole — the postings table and
   the documents — and every partition queries its documents against one in-memory index,
   as the local engine does against SQLite.  A big one is joined instead: per document the
   candidate stage of the search (:func:`~gongwen_lint.index.search.plan_search` on a
   :class:`~.pipeline.MemoryIndex` of its postings) runs once and is cached with the documents
   it asks for, whose texts are joined in before the search completes (alignment, passages,
   coverage).
5. The two directions of each pair are reduced to one (:func:`~.pipeline.better`).
"""

from __future__ import annotations

import heapq
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from ..errors import ReadError
from ..index.search import SearchOptions
from ..index.segment import PreparedDoc
from ..index.store import Params
from .local import AuditResult, input_files, read_input
from .pipeline import (
    COMMON_SAMPLE,
    MemoryIndex,
    better,
    cut_postings,
    df_cap,
    keep_pair,
    local_path,
    oriented,
    pair_key,
    pairs_of,
    plan_one,
    prepare_file,
    query_hashes,
    ref_doc,
    search_options,
    sort_pairs,
    wanted_file,
)

_SCHEME = ("file:", "hdfs:", "s3a:", "s3:", "s3n:", "gs:", "abfs:", "abfss:", "wasb:", "wasbs:", "viewfs:", "webhdfs:", "oss:", "cosn:", "obs:")


class SparkUnavailable(click.ClickException):
    """pyspark is not installed; ``str(e)`` is the Chinese message (exit code 2 on the CLI)."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.message}", err=True)


def _pyspark():
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable("使用 Spark 需要安装 pyspark：pip install 'gongwen-lint[spark]'（并需要 Java 17）") from None
    return SparkSession


def session(master: str | None = None, app: str = "gongwen-lint audit", shuffle_partitions: int | None = None):
    """A SparkSession (the active one when already running, e.g. under spark-submit).

    In local mode the Python workers run this interpreter, so they import this package.
    """
    SparkSession = _pyspark()
    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    elif not (os.environ.get("PYSPARK_GATEWAY_PORT") or os.environ.get("SPARK_HOME")
              or "--master" in os.environ.get("PYSPARK_SUBMIT_ARGS", "")):  # not under spark-submit
        builder = builder.master("local[*]")
    if shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def input_uris(paths: Iterable[str | Path]) -> list[str]:
    """Local paths as absolute ``file:`` URIs (resolved as the index resolves them); URIs as given."""
    out = []
    for p in paths:
        s = str(p)
        if s.startswith(_SCHEME) or "://" in s:
            out.append(s)
        else:
            out.append(Path(s).resolve().as_uri())
    return list(dict.fromkeys(out))


def read_files(sc, paths: Iterable[str | Path], partitions: int, problems: list | None = None):
    """``(path, bytes or None)`` of the input files: folders recursively, Word lock files skipped.

    Local paths are listed here, as the local engine lists them, and read by the executors
    (``None``: read the path): no byte shuffle, and the partitions hold consecutive paths, in
    order.  URIs (hdfs://, s3a://, …) are read with ``binaryFiles``.
    """
    names = [str(p) for p in paths]
    if not any(p.startswith(_SCHEME) or "://" in p for p in names):
        files = input_files(names, problems)
        return sc.parallelize([(f, None) for f in files], max(1, min(partitions, len(files)))), True
    uris = input_uris(names)
    conf = sc._jsc.hadoopConfiguration()
    conf.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    explicit = {local_path(u) for u in uris}
    rdds = [sc.binaryFiles(u, minPartitions=partitions) for u in uris]
    rdd = rdds[0] if len(rdds) == 1 else sc.union(rdds)
    rdd = rdd.map(lambda kv: (local_path(kv[0]), kv[1])).filter(lambda kv: wanted_file(kv[0]) or kv[0] in explicit)
    if len(uris) > 1:  # overlapping inputs name a file twice
        return rdd.reduceByKey(lambda a, b: a, partitions), False
    # binaryFiles packs many small files into one split: spread them before the CPU work
    return rdd.repartition(partitions), False


def _content(path: str, raw) -> bytes:
    """The bytes of one input (read here when listed locally; raises ReadError)."""
    return read_input(path) if raw is None else bytes(raw)


def _prepare_partition(params: Params, options: SearchOptions, level: str, metas: dict | None):
    def run(records):
        for path, raw in records:
            meta = metas.get(path) if metas else None
            try:
                doc, paragraphs = prepare_file(path, _content(path, raw), params, level, meta)
            except ReadError as e:
                yield (path, None, str(e))
                continue
            texts = [t for _, t in paragraphs]
            yield (path, (doc, texts, sorted(query_hashes(texts, params, options))), None)

    return run


def prepared_sorted(sc, paths, params: Params, options: SearchOptions, partitions: int, level: str = "same",
                    metas: dict | None = None):
    """Read, fingerprint and sort by path; returns ``(rdd of (path, (doc, texts, qhashes)), errors)``."""
    problems: list[tuple[str, str]] = []
    files, in_order = read_files(sc, paths, partitions, problems)
    prepped = files.mapPartitions(_prepare_partition(params, options, level, metas)).persist()
    errors = sorted(problems + prepped.filter(lambda r: r[1] is None).map(lambda r: (r[0], r[2])).collect())
    ok = prepped.filter(lambda r: r[1] is not None).map(lambda r: (r[0], r[1]))
    return (ok if in_order else ok.sortByKey(numPartitions=partitions)), errors


def _number(ok):
    """Doc ids 1, 2, … and unit ids in path order, as ``Store.add`` assigns them in a new index;
    also the number of units, of documents and of normalised characters."""
    ok = ok.persist()

    def count(i, it):
        n = units = chars = 0
        for _, (doc, _, _) in it:
            n += 1
            units += len(doc.units)
            chars += len(doc.text)
        yield (i, n, units, chars)

    rows = ok.mapPartitionsWithIndex(count).collect()
    counts = {i: (n, units) for i, n, units, _ in rows}
    total_chars = sum(c for *_, c in rows)
    doc_off, unit_off, d, u = {}, {}, 1, 1
    for i in sorted(counts):
        doc_off[i], unit_off[i] = d, u
        d += counts[i][0]
        u += counts[i][1]
    total_units = u - 1

    def assign(i, it):
        d, u = doc_off[i], unit_off[i]
        for path, (doc, texts, qh) in it:
            yield (d, u, path, doc, texts, qh)
            d += 1
            u += len(doc.units)

    return ok.mapPartitionsWithIndex(assign), total_units, d - 1, total_chars


def _postings_table(numbered, cap: int, parts: int):
    """``(hash, (((unit, doc), ...), common))``: what ``Store.postings`` returns per fingerprint,
    hash-partitioned by fingerprint into ``parts`` partitions.

    Per fingerprint only the count and the ``cap + 1`` smallest units are kept (a bounded
    max-heap), so a fingerprint in millions of documents costs no more than a rare one.
    """
    keep = max(cap + 1, COMMON_SAMPLE)

    def emit(rec):
        d, u, _, doc, _, _ = rec
        for h, unit in zip(doc.hashes.tolist(), doc.unit_of.tolist()):
            yield h, (u + unit, d)

    def create(v):
        return (1, [(-v[0], v[1])])

    def add(c, v):
        n, heap = c
        item = (-v[0], v[1])
        if len(heap) < keep:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)
        return (n + 1, heap)

    def merge(a, b):
        heap = heapq.nlargest(keep, a[1] + b[1])
        heapq.heapify(heap)
        return (a[0] + b[0], heap)

    def finish(c):
        n, heap = c
        return cut_postings(n, sorted((-nu, d) for nu, d in heap), cap)

    return numbered.flatMap(emit).combineByKey(create, add, merge, parts).mapValues(finish)


def _plan_partition(params: Params, options: SearchOptions):
    """Candidate stage per document: ``(qid, (path, texts, plan, asked doc ids))``."""
    def run(records):
        for qid, ((path, texts), postings) in records:
            index = MemoryIndex(params, dict(postings or ()))
            plan = plan_one(index, path, texts, options)
            yield qid, (path, texts, plan, index.asked_docs(plan))

    return run


def _complete_partition(params: Params, options: SearchOptions):
    """Complete each planned query against its candidate documents, joined in."""
    def run(records):
        for _, ((path, texts, plan, _), refs) in records:
            yield from pairs_of(MemoryIndex(params, {}, refs or ()), path, texts, plan, options)

    return run


def _broadcast_partition(params: Params, options: SearchOptions, table_b, refs_b):
    """Query each document against the whole in-memory index (broadcast, built once here)."""
    def run(records):
        index = MemoryIndex(params, table_b.value, refs_b.value.values())
        for path, texts in records:
            yield from pairs_of(index, path, texts, plan_one(index, path, texts, options), options)

    return run


BROADCAST_CHARS = 32_000_000  # normalised characters of the archive up to which texts are broadcast


def audit_spark(
    paths: Iterable[str | Path],
    options: SearchOptions | None = None,
    min_coverage: float = 0.0,
    master: str | None = None,
    spark=None,
    partitions: int | None = None,
    params: Params | None = None,
    broadcast_chars: int = BROADCAST_CHARS,
) -> AuditResult:
    """Audit the files under ``paths`` (local paths or URIs) with Spark; same result as
    :func:`.local.audit_local`.  ``broadcast_chars``: ship candidate texts by broadcast when the
    archive's normalised text is at most this long (0: always by join)."""
    opt = options or search_options()
    spark = spark or session(master)
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism * 2)
    params = params or Params()

    ok, errors = prepared_sorted(sc, paths, params, opt, parts)
    numbered, total_units, n_docs, total_chars = _number(ok)
    numbered = numbered.persist()
    if n_docs == 0:
        return AuditResult([], 0, errors)
    cap = df_cap(params, total_units)
    table = _postings_table(numbered, cap, parts).persist()  # partitioned by fingerprint

    refs = numbered.map(lambda r: (r[0], ref_doc(r[0], r[1], r[3])))
    table_b = refs_b = None
    if total_chars <= broadcast_chars:
        # a small archive: every worker holds the whole in-memory index, built once per partition
        table_b = sc.broadcast(table.collectAsMap())
        refs_b = sc.broadcast(dict(refs.collect()))
        directed = numbered.map(lambda r: (r[2], r[4])).mapPartitions(_broadcast_partition(params, opt, table_b, refs_b))
    else:
        # the query fingerprints, partitioned as the table: the join moves the queries only
        queries = numbered.flatMap(lambda r: ((h, r[0]) for h in r[5])).partitionBy(parts)
        per_query = queries.join(table, parts).map(lambda kv: (kv[1][0], (kv[0], kv[1][1]))).groupByKey(parts)
        qdocs = numbered.map(lambda r: (r[0], (r[2], r[4])))
        plans = qdocs.leftOuterJoin(per_query, parts).mapPartitions(_plan_partition(params, opt)).persist()
        asked = plans.flatMap(lambda kv: ((d, kv[0]) for d in kv[1][3]))
        shipped = asked.join(refs, parts).map(lambda kv: (kv[1][0], kv[1][1])).groupByKey(parts)
        full = plans.leftOuterJoin(shipped, parts).mapValues(lambda v: (v[0], list(v[1] or ())))
        directed = full.mapPartitions(_complete_partition(params, opt))
    merged = (
        directed.map(lambda p: (pair_key(p), p))
        .reduceByKey(better, parts)
        .map(lambda kv: oriented(kv[1]))
        .filter(lambda p: keep_pair(p, min_coverage))
        .collect()
    )
    for rdd in (table, numbered, ok):
        rdd.unpersist()
    for b in (table_b, refs_b):
        if b is not None:
            b.unpersist()
    return AuditResult(sort_pairs(merged), n_docs, errors)


def iter_prepared_spark(
    paths: Iterable[str | Path],
    k: int,
    w: int,
    manifest: str | Path | None = None,
    level: str = "same",
    errors: list[tuple[str, str]] | None = None,
    master: str | None = None,
    partitions: int | None = None,
) -> Iterable[PreparedDoc]:
    """``index add --engine spark``: fingerprint in parallel, stream the documents in path order.

    The same :class:`PreparedDoc` objects as :func:`gongwen_lint.index.ingest.iter_prepared`
    (manifest metadata included), computed on the executors; the caller's ``Store.add``
    writes them (one writer, as the index requires) while later partitions are fetched.
    """
    from ..index.ingest import read_manifest

    metas = read_manifest(manifest, level) if manifest else {}
    paths = list(paths) or sorted(metas)
    spark = session(master, app="gongwen-lint index add")
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism * 2)
    params = Params(k=k, w=w)
    metas_b = sc.broadcast(metas) if metas else None
    manifest_key = Path(manifest).resolve().as_posix() if manifest else None

    def prep(records):
        m = metas_b.value if metas_b is not None else None
        for path, raw in records:
            if path == manifest_key:
                continue
            try:
                doc, _ = prepare_file(path, _content(path, raw), params, level, m.get(path) if m else None)
            except ReadError as e:
                yield (path, None, str(e))
                continue
            yield (path, doc, None)

    files, _ = read_files(sc, paths, parts, errors)
    rdd = files.mapPartitions(prep).persist()
    if errors is not None:
        errors.extend(sorted(rdd.filter(lambda r: r[1] is None).map(lambda r: (r[0], r[2])).collect()))
    for _, doc, _ in rdd.filter(lambda r: r[1] is not None).sortBy(lambda r: r[0], numPartitions=parts).toLocalIterator():
        yield doc
    rdd.unpersist()


__all__ = ["audit_spark", "iter_prepared_spark", "session", "SparkUnavailable"]
