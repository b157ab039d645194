"""``gongwen-lint audit PATH...``: every pair of archive documents that share copied passages.

Registered lazily by the main CLI.  Exit codes: 0 done (pairs or not), 2 usage error, Spark
unavailable, or files that could not be read (the others are still audited).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from pathlib import Path

import click

from ..console import check_report_path, emit, write_report
from .local import AuditResult
from .pipeline import search_options

DEFAULT_MIN_COVERAGE = 0.05


def _render(result: AuditResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["a", "b", "coverage_a", "coverage_b", "passages", "example"])
        for p in result.pairs:
            j = p.as_json()
            w.writerow([j["a"], j["b"], j["coverage_a"], j["coverage_b"], j["passages"], j["example"]])
        return buf.getvalue()
    lines = []
    for p in result.pairs:
        lines.append(f"{p.a}\n{p.b}\n  重复内容占前者 {p.coverage_a:.0%}、后者 {p.coverage_b:.0%}，共 {p.passages} 处；例：{p.example}\n")
    lines.append(f"共检查 {result.documents} 份文件，发现 {len(result.pairs)} 对文件有照抄内容\n")
    return "\n".join(lines)


@click.command("audit")
@click.argument("paths", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local：本机（SQLite 索引）；spark：Apache Spark 作业（大规模档案）")
@click.option("--spark-master", metavar="URL", help="Spark 主节点，如 local[4]、spark://主机:7077、yarn（默认本机全部核）")
@click.option("--partitions", type=click.IntRange(1), help="Spark 分区数（默认为核数的 2 倍）")
@click.option("--min-coverage", type=click.FloatRange(0, 1), default=DEFAULT_MIN_COVERAGE, show_default=True,
              help="只报告照抄部分至少占其中一份文件这一比例的文件对（0 表示有照抄段落即报告）")
@click.option("--format", "fmt", type=click.Choice(["json", "text", "csv"]), default="text", show_default=True)
@click.option("-o", "--output", help="结果写入此文件（默认输出到屏幕）")
def audit_command(paths: tuple[str, ...], engine: str, spark_master: str | None, partitions: int | None,
                  min_coverage: float, fmt: str, output: str | None) -> None:
    """查找档案中相互照抄的文件对（照搬照抄上位文件、重复发文）。

    路径可以是文件（.docx/.txt/.md）或文件夹（递归查找）；用 Spark 时也可以是 Spark 能读的地址
    （hdfs://、s3a:// 等）。每对文件给出照抄内容分别占两份文件的比例、照抄段数和一段示例。
    """
    if engine == "local":
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            raise click.BadParameter(f"路径不存在：{'、'.join(missing)}", param_hint="PATH")
    if output:
        check_report_path(output)
    options = search_options()
    t0 = time.perf_counter()
    if engine == "spark":
        from .spark import SparkUnavailable, audit_spark

        try:
            result = audit_spark(paths, options, min_coverage, master=spark_master, partitions=partitions)
        except SparkUnavailable as e:
            click.echo(f"错误：{e}", err=True)
            sys.exit(2)
    else:
        from .local import audit_local

        result = audit_local(paths, options, min_coverage)
    elapsed = time.perf_counter() - t0
    text = _render(result, fmt)
    if output:
        write_report(output, text)
    else:
        emit(text)
    for path, message in result.errors:
        click.echo(f"{path}: 无法读取：{message}", err=True)
    click.echo(f"{result.documents} 份文件，{len(result.pairs)} 对（{elapsed:.1f} 秒）", err=True)
    if result.errors:
        sys.exit(2)
