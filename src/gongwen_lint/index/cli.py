"""``gongwen-lint index add|list|stats|remove`` (docs/index.md): the archive keeper's tool.

The main CLI registers :data:`index_group`.  ``--index`` may be omitted when the configuration
file names the index (``index = …``).  Exit codes follow the checker: 0 done, 2 usage error,
unusable index or manifest, or a file that could not be read (the others are still added).
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

from ..console import emit
from .backends import open_index
from .ingest import ManifestError, iter_prepared, key_path, normalize_level
from .store import LEVELS, IndexError_

_LEVEL_LABEL = {"higher": "上级", "same": "本级", "lower": "下级"}


def _index_url(index: str | None) -> str:
    if index:
        return index
    try:
        from ..config import ConfigError, discover

        configured = discover().index
    except ConfigError as e:
        raise click.UsageError(str(e)) from None
    if not configured:
        raise click.UsageError("请用 --index 指定索引（SQLite 文件路径或 postgresql:// 地址），或在配置文件中设置 index")
    return configured


def _open(url: str, create: bool = False, readonly: bool = False):
    try:
        return open_index(url, create=create, readonly=readonly)
    except IndexError_ as e:
        _error(e)


def _error(e: Exception) -> None:
    click.echo(f"错误：{e}", err=True)
    sys.exit(2)


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


_INDEX_OPTION = click.option("--index", "index", metavar="INDEX", help="索引：SQLite 文件路径或 postgresql://… 地址")


@click.group("index")
def index_group() -> None:
    """管理参照索引（上级文件、已发文件），供 check --index 查重。"""


@contextmanager
def _progress(label: str):
    """A running count on the terminal while a long index build goes on (nothing when piped)."""
    if not sys.stderr.isatty():
        yield lambda items: items
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn(f"{label}：{{task.completed}} 份"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)

        def counted(items):
            for item in items:
                yield item
                progress.advance(task)

        yield counted


@index_group.command("add")
@_INDEX_OPTION
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False), help="清单 TSV：path title number issuer year level")
@click.option("--level", default="same", show_default=True, help="没有清单条目的文件的层级：higher（上级）、same（本级）、lower（下级）")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="spark：用 Apache Spark 并行读取和计算指纹（大规模档案），再写入索引")
@click.option("--spark-master", metavar="URL", help="Spark 主节点，如 local[4]、spark://主机:7077、yarn")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def add_command(index: str | None, manifest: str | None, level: str, engine: str, spark_master: str | None,
                paths: tuple[str, ...]) -> None:
    """收录文件（.docx/.txt/.md，文件夹递归查找）；再次收录同一文件会替换原条目。"""
    url = _index_url(index)
    lvl = normalize_level(level)
    if lvl is None:
        raise click.BadParameter(f"“{level}”无效，应为 {'、'.join(LEVELS)}", param_hint="--level")
    if not paths and not manifest:
        raise click.UsageError("请给出要收录的文件或文件夹，或用 --manifest 指定清单")
    store = _open(url, create=True)
    errors: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    try:
        if engine == "spark":  # the parallel part lives with the audit (issue 10)
            from ..audit.spark import iter_prepared_spark

            docs = iter_prepared_spark(paths, store.params.k, store.params.w, manifest, lvl, errors, spark_master)
        else:
            docs = iter_prepared([Path(p) for p in paths], store.params.k, store.params.w, manifest, lvl, errors)
        with _progress("收录中") as counted:
            result = store.add(counted(docs))
    except (ManifestError, IndexError_) as e:
        _error(e)
    finally:
        store.close()
    elapsed = time.perf_counter() - t0
    for path, message in errors:
        click.echo(f"{path}: 无法收录：{message}", err=True)
    emit(
        f"新收录 {result.added} 份，替换 {result.replaced} 份，未变 {result.unchanged} 份"
        + (f"，无法读取 {len(errors)} 份" if errors else "")
        + f"（{elapsed:.1f} 秒）"
    )
    if errors:
        sys.exit(2)


@index_group.command("list")
@_INDEX_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_command(index: str | None, fmt: str) -> None:
    """列出索引中的文件。"""
    store = _open(_index_url(index), readonly=True)
    try:
        docs = store.documents()
    except IndexError_ as e:
        _error(e)
    finally:
        store.close()
    if fmt == "json":
        rows = [
            {"path": d.path, "title": d.title, "number": d.number, "issuer": d.issuer, "year": d.year,
             "level": d.level, "chars": d.chars, "paragraphs": d.units}
            for d in docs
        ]
        emit(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    lines = []
    for d in docs:
        fields = [_LEVEL_LABEL.get(d.level, d.level), d.title or "（无标题）"]
        if d.number:
            fields.append(d.number)
        if d.issuer:
            fields.append(d.issuer)
        if d.year:
            fields.append(str(d.year))
        lines.append(f"{d.path}\t" + "\t".join(fields))
    lines.append(f"共 {len(docs)} 份")
    emit("\n".join(lines))


@index_group.command("stats")
@_INDEX_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats_command(index: str | None, fmt: str) -> None:
    """索引的规模：文件数、段落数、占用空间、参数。"""
    store = _open(_index_url(index), readonly=True)
    try:
        s = store.stats()
    except IndexError_ as e:
        _error(e)
    finally:
        store.close()
    if fmt == "json":
        emit(json.dumps(s, ensure_ascii=False, indent=1))
        return
    levels = "，".join(f"{_LEVEL_LABEL.get(k, k)} {v}" for k, v in s["levels"].items()) or "无"
    p = s["params"]
    emit(f"文件：{s['documents']} 份（{levels}）\n"
         f"段落：{s['units']} 个（{s['chars']} 字）\n"
         f"指纹：{s['postings']} 条\n"
         f"占用：{_human(s['size_bytes'])}（每份 {_human(s['bytes_per_document'])}）\n"
         f"参数：{p['k']} 字切片，窗口 {p['w']}，哈希 {p['hash']}，常见指纹上限 {s['df_cap']} 段")


@index_group.command("remove")
@_INDEX_OPTION
@click.argument("paths", nargs=-1, required=True)
def remove_command(index: str | None, paths: tuple[str, ...]) -> None:
    """从索引中删除文件（给出文件夹时删除其下全部文件）。"""
    store = _open(_index_url(index))
    try:
        keys = [key_path(p) for p in paths] + [p for p in paths if p.startswith("/")]
        n = store.remove(dict.fromkeys(keys))
    except IndexError_ as e:
        _error(e)
    finally:
        store.close()
    emit(f"已删除 {n} 份")
    if n == 0:
        click.echo("索引中没有这些文件；可用 gongwen-lint index list 查看已收录的路径", err=True)
