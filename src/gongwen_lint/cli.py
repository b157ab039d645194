"""The command line: parse options, call the library, pick the output, set the exit code.

Exit codes (SPEC §3.1): 0 no finding at or above ``--fail-on``; 1 such findings; 2 a usage or
configuration error, or a file that could not be read.  Every failure the user can cause ends in
a Chinese message, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .config import Config, ConfigError, check_selectors, discover, load_file
from .diagnostics import Severity
from .engine import Report
from .files import collect_drafts

FORMATS = ("text", "json", "sarif", "github")


# Sub-command groups that live with their feature, imported only when used: the index
# machinery pulls in numpy, which a plain check must not pay for at start-up.
_LAZY_COMMANDS = {"index": ("gongwen_lint.index.cli", "index_group"), "audit": ("gongwen_lint.audit.cli", "audit_command")}
_LAZY_COMMANDS["serve"] = ("gongwen_lint.serve.cli", "serve_command")  # FastAPI/uvicorn: the serve extra


class _DefaultToCheck(click.Group):
    """``gongwen-lint PATH...`` is ``gongwen-lint check PATH...``."""

    def parse_args(self, ctx, args):
        known = set(self.commands) | set(_LAZY_COMMANDS) | {"--help", "-h", "--version"}
        if args and args[0] not in known:
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name in _LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attr = _LAZY_COMMANDS[name]
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongwen-lint", message="%(prog)s %(version)s")
def main() -> None:
    """gongwen-lint：党政机关公文草稿检查工具。

    \b
    gongwen-lint 草稿.docx              检查草稿（等同于 check）
    gongwen-lint inspect 草稿.docx      查看识别出的公文结构
    gongwen-lint rules                  规则目录
    gongwen-lint rule GW102             某条规则的说明
    """


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def _load_config(config_path: str | None) -> Config:
    return load_file(config_path) if config_path else discover()


def _fail(message: str) -> None:
    click.echo(f"gongwen-lint：{message}", err=True)
    sys.exit(2)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="输出格式")
@click.option("--select", multiple=True, help="只启用这些规则（代码、代码前缀或名称，逗号分隔；ALL 为全部）")
@click.option("--ignore", multiple=True, help="停用这些规则")
@click.option("--extend-select", multiple=True, help="在默认规则之外再启用这些规则")
@click.option("--config", "config_path", type=click.Path(), help="配置文件（默认自动查找）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="达到该级别的问题时退出码为 1")
@click.option("--index", "index", help="参考文件索引（SQLite 文件或 postgresql:// 地址），启用重复发文检查")
@click.option("-o", "--output", "output", type=click.Path(), help="把报告写入文件而不是标准输出（与 --fix 一起且以 .docx 结尾时，为修复后的副本）")
@click.option("--baseline", "baseline_path", type=click.Path(), help="基线文件：只报告基线中没有的新问题")
@click.option("--write-baseline", is_flag=True, help="把当前全部问题写入 --baseline 指定的文件")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0, help="并行进程数（0 为自动）")
@click.option("--fix", is_flag=True, help="就地应用安全的自动修复（只改文字，保留格式；没有可修复的问题时不改写文件）")
@click.option("--fix-to", "fix_to", type=click.Path(), help="把修复后的副本写到该文件，原文件不变（隐含 --fix；--fix -o 副本.docx 同义）")
@click.option("--unsafe-fixes", is_flag=True, help="同时应用跨越多个格式片段、可能改变格式的修复（需与 --fix 一起使用）")
@click.option("--annotate", "annotate", type=click.Path(), help="另存一份带批注的副本（.docx）：每个问题是一条 Word 批注，原文件不变")
def check(paths, fmt, select, ignore, extend_select, config_path, fail_on, index, output, baseline_path,
          write_baseline, jobs, fix, fix_to, unsafe_fixes, annotate):
    """检查公文草稿（.docx、.txt、.md 文件或文件夹）。

    \b
    -o 报告.txt            把报告写入文件
    --fix                  就地修复；--fix -o 副本.docx 或 --fix-to 副本 写修复后的副本
    --annotate 副本.docx   写带批注的副本，供在 Word/WPS 中查看
    """
    try:
        config = _load_config(config_path)
        overrides = {}
        if select:
            overrides["select"] = _split(select)
            check_selectors(overrides["select"], "--select")
        if ignore:
            overrides["ignore"] = config.ignore + _split(ignore)
            check_selectors(overrides["ignore"], "--ignore")
        if extend_select:
            overrides["extend_select"] = config.extend_select + _split(extend_select)
            check_selectors(overrides["extend_select"], "--extend-select")
        if fail_on:
            overrides["fail_on"] = Severity(fail_on)
        if index:
            overrides["index"] = index
        config = config.with_overrides(**overrides)
    except ConfigError as e:
        _fail(str(e))
        return

    if config.index:
        from .index.store import check_index_url

        problem = check_index_url(config.index)
        if problem:
            _fail(f"参考索引无法使用：{problem}")
    baseline_path = baseline_path or config.baseline
    if write_baseline and not baseline_path:
        _fail("--write-baseline 需要用 --baseline 指定基线文件")
    files, missing = collect_drafts(paths)
    if not files and not missing:
        _fail("没有找到可检查的草稿（.docx、.txt、.md）：请检查路径")
    fix_to, output = _fix_target(fix, fix_to, output)
    fix = fix or fix_to is not None
    _check_write_options(files, fix, fix_to, unsafe_fixes, annotate)

    reports: list[Report] = [Report(path=p, error=msg) for p, msg in missing]
    if fix:
        reports += _fix_all(config, files, fix_to, unsafe_fixes)
    else:
        reports += _check_all(config, files, fmt, jobs)
    reports.sort(key=lambda r: r.path)

    if baseline_path:
        from . import baseline
        from .errors import ReadError

        if write_baseline:
            n = baseline.write(reports, baseline_path)
            click.echo(f"已把 {n} 个问题写入基线 {baseline_path}", err=True)
            sys.exit(2 if any(r.error for r in reports) else 0)
        try:
            reports = baseline.apply(reports, baseline_path)
        except ReadError as e:
            _fail(str(e))

    if annotate:
        _annotate(reports, fix_to or files[0], annotate)

    text = _render(reports, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=not text.endswith("\n"))
    sys.exit(exit_code(reports, config.fail_on))


def _check_all(config: Config, files: list[str], fmt: str, jobs: int) -> list[Report]:
    """Check files in this process, or in worker processes for a large batch on several cores."""
    from .parallel import check_files

    show_progress = fmt == "text" and len(files) > 5 and sys.stderr.isatty()
    if not show_progress:
        return check_files(config, files, jobs)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("检查中", total=len(files))
        return check_files(config, files, jobs, on_done=lambda: progress.advance(task))


_DRAFT_COPY_SUFFIXES = (".docx", ".docm", ".dotx")


def _fix_target(fix: bool, fix_to: str | None, output: str | None) -> tuple[str | None, str | None]:
    """Resolve ``-o``: the report file, except ``--fix -o OUT.docx``, which is the fixed copy
    (SPEC §3.1 ``--fix [-o OUT]``; a report is never a .docx, so the suffix decides)."""
    if output and Path(output).suffix.lower() in _DRAFT_COPY_SUFFIXES:
        if not fix and not fix_to:
            _fail("-o 用于写报告，不能写成 .docx：要写修复后的副本请加 --fix，要写带批注的副本请用 --annotate")
        if fix_to:
            _fail("--fix-to 与 -o 副本.docx 只能用一个")
        return output, None
    return fix_to, output


def _check_write_options(files: list[str], fix: bool, fix_to, unsafe_fixes: bool, annotate) -> None:
    if unsafe_fixes and not fix:
        _fail("--unsafe-fixes 需与 --fix 一起使用")
    if fix_to is not None:
        if len(files) != 1:
            _fail("写修复后的副本时只能检查一个文件（多个文件请用 --fix 就地修复）")
        if Path(fix_to).suffix.lower() != Path(files[0]).suffix.lower():
            _fail(f"修复后的副本应与原文件同一格式（{Path(files[0]).suffix}）：{fix_to}")
    if annotate is not None:
        if len(files) != 1:
            _fail("--annotate 只能用于一个文件")
        if Path(files[0]).suffix.lower() not in _DRAFT_COPY_SUFFIXES:
            _fail("--annotate 只能为 .docx 草稿生成带批注的副本")
        if Path(annotate).suffix.lower() != ".docx":
            _fail("--annotate 的输出文件应以 .docx 结尾")
        target = Path(annotate)
        if target.exists() and target.resolve() == Path(fix_to or files[0]).resolve():
            _fail("带批注的副本不能覆盖原文件：请另选输出文件名")


def _fix_all(config: Config, files: list[str], fix_to: str | None, unsafe: bool) -> list[Report]:
    """Fix each file (one process: edits are written file by file); report on stderr in Chinese."""
    from .api import Linter
    from .fixes import fix_file, summary_line

    linter = Linter(config)
    out: list[Report] = []
    total = 0
    try:
        for f in files:
            report = linter.check_file(f)
            if report.error:
                out.append(report)
                continue
            try:
                result = fix_file(linter, f, output=fix_to, unsafe=unsafe, report=report)
            except OSError as e:
                click.echo(f"gongwen-lint：{f}：无法写入修复结果（{e.strerror or e}），原文件未改动", err=True)
                out.append(report)
                continue
            line = summary_line(result)
            if line:
                click.echo(line, err=True)
            total += result.total
            out.append(result.report)
    finally:
        linter.close()
    if not total:
        click.echo("没有可自动应用的修复", err=True)
    return out


def _annotate(reports: list[Report], source: str, target: str) -> None:
    from .errors import ReadError
    from .output.annotate import AnnotateError, annotate_file

    report = next((r for r in reports if not r.error), None)
    if report is None:
        return  # the read error is in the report
    try:
        n = annotate_file(source, report.diagnostics, target)
    except (AnnotateError, ReadError) as e:
        _fail(f"{source}：{e}")
        return
    except OSError as e:
        _fail(f"无法写入带批注的副本 {target}：{e.strerror or e}")
        return
    except Exception as e:  # noqa: BLE001 - never a traceback (SPEC §3.1)
        _fail(f"生成带批注的副本时发生内部错误（{type(e).__name__}）：请把文件报告给维护者")
        return
    click.echo(f"已写入带批注的副本 {target}：{n} 条批注", err=True)


def _render(reports: list[Report], fmt: str) -> str:
    if fmt == "json":
        from .output.json_format import render

        return render(reports) + "\n"
    if fmt == "sarif":
        from .output.sarif_format import render

        return render(reports)
    if fmt == "github":
        from .output.github_format import render

        return render(reports)
    from .output.text_format import render

    return render(reports, colour=sys.stdout.isatty())


def exit_code(reports: list[Report], fail_on: Severity) -> int:
    if any(r.error for r in reports):
        return 2
    if any(d.severity.rank >= fail_on.rank for r in reports for d in r.diagnostics):
        return 1
    return 0


@main.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--substance", is_flag=True, help="干货清单：每项工作是措施、原则还是空话，写明的谁来做、何时、多少，以及全文干货率")
def inspect(path, fmt, substance):
    """显示识别出的公文结构：每段的要素角色、文种和版式（--substance：干货清单）。"""
    from .api import read_docx
    from .errors import ReadError
    from .output.inspect_format import render_json, render_text

    try:
        doc = read_docx(path)
    except ReadError as e:
        _fail(f"{path}：{e}")
        return
    if substance:
        from .substance.report import inventory_of, render_json as inventory_json, render_text as inventory_text

        try:
            inv = inventory_of(doc, discover())
        except ConfigError as e:
            _fail(str(e))
            return
        click.echo(inventory_json(doc, inv) if fmt == "json" else inventory_text(doc, inv))
        return
    click.echo(render_json(doc) if fmt == "json" else render_text(doc))


@main.command()
def rules():
    """列出全部规则。"""
    from .output.rules_format import render_catalogue

    click.echo(render_catalogue())


@main.command()
@click.argument("code")
def rule(code):
    """说明一条规则：检查什么、依据、示例、修复。"""
    from .output.rules_format import render_rule
    from .rules.registry import get_rule

    r = get_rule(code)
    if r is None:
        _fail(f"没有规则“{code}”：请用 gongwen-lint rules 查看规则目录")
        return
    click.echo(render_rule(r))


if __name__ == "__main__":  # pragma: no cover
    main()
