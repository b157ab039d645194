"""The command line: parse options, call the library, pick the output, set the exit code.

Exit codes (docs/usage.md): 0 no finding at or above ``--fail-on``; 1 such findings; 2 a usage or
configuration error, or a file that could not be read; 130 interrupted (Ctrl-C), after printing
the reports already made.  Every failure the user can cause ends in a Chinese message, never a
traceback; click's own strings are Chinese too (:mod:`gongwen_lint.cli_zh`).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import cli_zh, console
from ._version import __version__
from .config import (
    Config,
    ConfigError,
    activate_rules,
    check_selectors,
    discover,
    load_file,
    rules_path,
)
from .diagnostics import Severity
from .files import collect_drafts
from .report import Report

FORMATS = ("text", "json", "sarif", "github")
#: Exit code after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
INTERRUPTED = "已中断（Ctrl-C）"


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a CI timeout), raised like Ctrl-C so that the same clean-up runs:
    temporary files of ``--fix`` are removed, the reports made so far are printed."""

    exit_code = 143  # 128 + SIGTERM
    note = "已终止（SIGTERM）"


def _on_sigterm(signum, frame):
    raise Terminated()


def _stop_note(e: KeyboardInterrupt) -> tuple[str, int]:
    return (e.note, e.exit_code) if isinstance(e, Terminated) else (INTERRUPTED, EXIT_INTERRUPTED)


# Sub-command groups that live with their feature, imported only when used: the index
# machinery pulls in numpy, which a plain check must not pay for at start-up.
_LAZY_COMMANDS = {"index": ("gongwen_lint.index.cli", "index_group"), "audit": ("gongwen_lint.audit.cli", "audit_command")}
_LAZY_COMMANDS["serve"] = ("gongwen_lint.serve.cli", "serve_command")  # FastAPI/uvicorn: the serve extra
# What a draft's path looks like, so that ``gongwen-lint 草稿`` is not mistaken for a sub-command.
_PATH_HINTS = ("/", "\\", ".docx", ".docm", ".dotx", ".txt", ".md")


class _Command(click.Command):
    context_class = cli_zh.Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class _DefaultToCheck(click.Group):
    """``gongwen-lint PATH...`` is ``gongwen-lint check PATH...``; a misspelt sub-command is
    answered with the right one; interrupts and usage errors end in Chinese."""

    context_class = cli_zh.Context
    command_class = _Command

    def parse_args(self, ctx, args):
        known = set(self.commands) | set(_LAZY_COMMANDS) | {"--help", "-h", "--version"}
        if args and args[0] not in known:
            suggestion = self._misspelt(args[0])
            if suggestion:
                raise click.UsageError(
                    f"没有子命令“{args[0]}”：是否想用“{suggestion}”？"
                    f"（要检查名为“{args[0]}”的文件，请写 gongwen-lint check {args[0]}）", ctx)
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def _misspelt(self, word: str) -> str | None:
        """The sub-command ``word`` is probably a misspelling of (it is no file, looks like no path)."""
        if word.startswith("-") or any(h in word.lower() for h in _PATH_HINTS) or Path(word).exists():
            return None
        names = sorted({*self.commands, *_LAZY_COMMANDS})
        close = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.6)
        return close[0] if close else None

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name in _LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attr = _LAZY_COMMANDS[name]
            return cli_zh.localise(getattr(importlib.import_module(module), attr))
        return super().get_command(ctx, name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's ``main`` with our endings: usage errors in Chinese (exit 2), Ctrl-C anywhere
        ``已中断`` and exit 130 (click would print ``Aborted!`` and exit 1, the code for findings)."""
        cli_zh.install()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            rv = super().main(args, prog_name or "gongwen-lint", complete_var, standalone_mode=False, **extra)
        except (click.exceptions.Abort, KeyboardInterrupt, EOFError) as e:
            note, code = _stop_note(e) if isinstance(e, KeyboardInterrupt) else (INTERRUPTED, EXIT_INTERRUPTED)
            click.echo(f"gongwen-lint：{note}", err=True)
            sys.exit(code)
        except click.ClickException as e:
            cli_zh.show(e)
            sys.exit(2)  # a usage error (click's other errors would exit 1, the code for findings)
        except OSError as e:
            console.output_failed(e)  # click's own output (--help, --version) to a full disk
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(name="gongwen-lint", cls=_DefaultToCheck, options_metavar="[选项]", subcommand_metavar="子命令 [参数]...",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongwen-lint", message="%(prog)s %(version)s", help="显示版本号并退出。")
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


def _load_config(config_path: str | None, rules_paths: tuple[str, ...] = ()) -> Config:
    """The configuration file (given or found); ``--rules-path`` adds rule files to its own."""
    config = load_file(config_path) if config_path else discover()
    if rules_paths:
        config = config.with_overrides(rules_path=config.rules_path + rules_path(list(rules_paths), "--rules-path", None))
        activate_rules(config.rules_path)
    return config


def _fail(message: str) -> NoReturn:
    click.echo(f"gongwen-lint：{message}", err=True)
    sys.exit(2)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="路径...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="输出格式")
@click.option("--select", multiple=True, metavar="规则", help="只启用这些规则（代码、代码前缀或名称，逗号分隔；ALL 为全部）")
@click.option("--ignore", multiple=True, metavar="规则", help="停用这些规则")
@click.option("--extend-select", multiple=True, metavar="规则", help="在默认规则之外再启用这些规则")
@click.option("--config", "config_path", type=click.Path(), metavar="文件", help="配置文件（默认自动查找）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="达到该级别的问题时退出码为 1")
@click.option("--index", "index", metavar="索引", help="参考文件索引（SQLite 文件或 postgresql:// 地址），启用重复发文检查")
@click.option("--rules-path", "rules_paths", multiple=True, type=click.Path(), metavar="路径",
              help="自定义规则文件（.toml）或其所在文件夹，加在配置的 rules-path 之后（见 docs/developing.md）")
@click.option("-o", "--output", "output", type=click.Path(), metavar="文件", help="把报告写入文件而不是标准输出（与 --fix 一起且以 .docx 结尾时，为修复后的副本）")
@click.option("--statistics", is_flag=True, help="报告末尾按规则汇总：每条规则的出现次数、合并后的问题数、可自动修复数")
@click.option("--baseline", "baseline_path", type=click.Path(), metavar="文件", help="基线文件：只报告基线中没有的新问题")
@click.option("--write-baseline", is_flag=True, help="把当前全部问题写入 --baseline 指定的文件")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0, metavar="进程数",
              help="并行进程数（0 为自动：文件多、耗时长且有空闲的核时才并行；1 为不并行）")
@click.option("--fix", is_flag=True, help="就地应用安全的自动修复（只改文字，保留格式；没有可修复的问题时不改写文件）")
@click.option("--fix-to", "fix_to", type=click.Path(), metavar="文件", help="把修复后的副本写到该文件，原文件不变（隐含 --fix；--fix -o 副本.docx 同义）")
@click.option("--unsafe-fixes", is_flag=True, help="同时应用跨越多个格式片段、可能改变格式的修复（需与 --fix 一起使用）")
@click.option("--annotate", "annotate", type=click.Path(), metavar="文件", help="另存一份带批注的副本（.docx）：每段每条规则一条 Word 批注，原文件不变")
@click.option("--force", is_flag=True, help="允许覆盖已存在、但不是 gongwen-lint 写出的副本文件（--annotate、--fix-to）")
def check(paths, fmt, select, ignore, extend_select, config_path, fail_on, index, rules_paths, output, statistics,
          baseline_path, write_baseline, jobs, fix, fix_to, unsafe_fixes, annotate, force):
    """检查公文草稿（.docx、.txt、.md 文件或文件夹）。

    \b
    -o 报告.txt            把报告写入文件
    --fix                  就地修复；--fix -o 副本.docx 或 --fix-to 副本 写修复后的副本
    --annotate 副本.docx   写带批注的副本，供在 Word/WPS 中查看
    Ctrl-C                 中断：输出已检查文件的结果，退出码 130
    """
    config = _config_from_options(config_path, select, ignore, extend_select, fail_on, index, rules_paths)
    baseline_path = baseline_path or config.baseline
    if write_baseline and not baseline_path:
        _fail("--write-baseline 需要用 --baseline 指定基线文件")
    files, missing = collect_drafts(paths)
    if not files and not missing:
        _fail("没有找到可检查的草稿（.docx、.txt、.md）：请检查路径")
    fix_to, output = _fix_target(fix, fix_to, output)
    fix = fix or fix_to is not None
    _check_write_options(files, fix, fix_to, unsafe_fixes, annotate)
    _check_outputs(output, [t for t in (fix_to, annotate) if t], force, files)

    reports: list[Report] = [Report(path=p, error=msg) for p, msg in missing]
    stopped: tuple[str, int] | None = None  # (note, exit code) after Ctrl-C or SIGTERM
    fix_failed = False  # a fix that could not be written: exit code 2
    try:
        if fix:
            fix_failed = _fix_all(config, files, fix_to, unsafe_fixes, reports)
        else:
            _check_all(config, files, fmt, jobs, reports)
    except KeyboardInterrupt as e:
        stopped = _stop_note(e)
    reports.sort(key=lambda r: r.path)
    interrupted = stopped is not None
    if stopped is not None:
        done = len(reports) - len(missing)
        click.echo(f"gongwen-lint：{stopped[0]}，已检查 {done}/{len(files)} 个文件，其余未检查", err=True)

    if baseline_path:
        if write_baseline and stopped is not None:
            click.echo("gongwen-lint：基线没有写入（只检查了部分文件，写入会丢掉其余文件的条目）", err=True)
            sys.exit(stopped[1])
        reports = _apply_baseline(reports, baseline_path, write_baseline)

    if annotate and not interrupted:
        _annotate(reports, fix_to or files[0], annotate)

    note = f"{stopped[0]}：共 {len(files) + len(missing)} 个文件，其余未检查" if stopped else None
    _emit(render(reports, fmt, statistics=statistics, interrupted=note), output)
    sys.exit(stopped[1] if stopped else 2 if fix_failed else exit_code(reports, config.fail_on))


def _config_from_options(config_path, select, ignore, extend_select, fail_on, index, rules_paths=()) -> Config:
    """The configuration file (given or found) with the command line's overrides; exits 2 on error."""
    try:
        config = _load_config(config_path, rules_paths)
        overrides: dict = {}
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
    if config.index:
        from .index.backends import check_index_url

        problem = check_index_url(config.index)
        if problem:
            _fail(f"参考索引无法使用：{problem}")
    return config


def _apply_baseline(reports: list[Report], baseline_path: str, write: bool) -> list[Report]:
    """``--write-baseline``: record every finding and exit; otherwise drop the recorded ones.

    Baselines are per span (diagnostic fingerprints), not per grouped finding: fixing one of
    eight commas in a paragraph does not make the seven others "new"."""
    from . import baseline
    from .errors import ReadError

    if write:
        try:
            n = baseline.write(reports, baseline_path)
        except OSError as e:
            from .fileio import os_reason

            _fail(f"无法写入基线文件 {baseline_path}：{os_reason(e)}")
        click.echo(f"已把 {n} 个问题写入基线 {baseline_path}", err=True)
        sys.exit(2 if any(r.error for r in reports) else 0)
    try:
        return baseline.apply(reports, baseline_path)
    except ReadError as e:
        _fail(str(e))


def _emit(text: str, output: str | None) -> None:
    """Write the report to ``output`` or standard output (a full disk, a missing or read-only
    folder: a Chinese message and exit code 2, see :mod:`gongwen_lint.console`)."""
    if output:
        console.write_report(output, text)
    else:
        console.emit(text)


def _check_outputs(report: str | None, copies: list[str], force: bool, drafts: list[str]) -> None:
    """Before any work: outputs that cannot be written, a report over a draft, and copies that
    would replace a file gongwen-lint did not write (``--force`` allows it)."""
    from .fileio import OutputError, check_output_path, check_overwrite, same_file

    try:
        if report:
            check_output_path(report)
            if any(same_file(report, d) for d in drafts):
                raise OutputError(f"报告文件 {report} 就是要检查的草稿：写入报告会覆盖草稿，请另选文件名")
        for target in copies:
            check_output_path(target)
            if not any(same_file(target, d) for d in drafts):  # onto the draft itself: a fix in place
                check_overwrite(target, force)
    except OutputError as e:
        _fail(str(e))


def _check_all(config: Config, files: list[str], fmt: str, jobs: int, out: list[Report]) -> None:
    """Check files (in worker processes where they pay, see :mod:`gongwen_lint.parallel`),
    appending each report to ``out`` as it is done, so that Ctrl-C keeps them."""
    from .parallel import iter_check

    def notify(message: str) -> None:
        click.echo(f"gongwen-lint：{message}", err=True)

    show_progress = len(files) > 5 and sys.stderr.isatty()  # on stderr: any format can show it
    if not show_progress:
        for _, report in iter_check(config, files, jobs, notify):
            out.append(report)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    # No refresh thread (auto_refresh=False): workers are forked while the bar is shown.
    columns = (TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True, auto_refresh=False, console=Console(stderr=True)) as progress:
        task = progress.add_task("检查中", total=len(files))
        for _, report in iter_check(config, files, jobs, notify):
            out.append(report)
            progress.advance(task)
            progress.refresh()


_DRAFT_COPY_SUFFIXES = (".docx", ".docm", ".dotx")


def _fix_target(fix: bool, fix_to: str | None, output: str | None) -> tuple[str | None, str | None]:
    """Resolve ``-o``: the report file, except ``--fix -o OUT.docx``, which is the fixed copy
    (docs/usage.md ``--fix [-o OUT]``; a report is never a .docx, so the suffix decides)."""
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


def _fix_all(config: Config, files: list[str], fix_to: str | None, unsafe: bool, out: list[Report]) -> bool:
    """Fix each file (one process: edits are written file by file), appending its report to
    ``out``; what was fixed goes to stderr in Chinese.  Returns whether some fix could not be
    written (a read-only draft, a full disk: the draft is unchanged, the reason is printed)."""
    from .api import Linter
    from .fixes import fix_file, summary_line

    linter = Linter(config)
    total = 0
    failed = False
    try:
        for f in files:
            report = linter.check_file(f)
            if report.error:
                out.append(report)
                continue
            result = fix_file(linter, f, output=fix_to, unsafe=unsafe, report=report)
            failed = failed or result.error is not None
            line = summary_line(result)
            if line:
                click.echo(line, err=True)
            total += result.total
            out.append(result.report)
    finally:
        linter.close()
    if not total and not failed:
        click.echo("没有可自动应用的修复", err=True)
    return failed


def _annotate(reports: list[Report], source: str, target: str) -> None:
    from .errors import ReadError
    from .output.annotate import AnnotateError, annotate_file

    report = next((r for r in reports if not r.error), None)
    if report is None:
        return  # the read error is in the report
    notes: list[str] = []
    try:
        n = annotate_file(source, report.diagnostics, target, notes=notes)
    except (AnnotateError, ReadError) as e:
        _fail(f"{source}：{e}")
        return
    except OSError as e:
        from .fileio import os_reason

        _fail(f"无法写入带批注的副本 {target}：{os_reason(e)}")
        return
    except Exception as e:  # noqa: BLE001 - never a traceback (docs/usage.md, exit codes)
        _fail(f"生成带批注的副本时发生内部错误（{type(e).__name__}）：请把文件报告给维护者")
        return
    click.echo(f"已写入带批注的副本 {target}：{n} 条批注", err=True)
    for line in notes:
        click.echo(line, err=True)


def render(reports: list[Report], fmt: str, statistics: bool = False, interrupted: str | None = None) -> str:
    """The report in ``fmt``; ``interrupted`` is the Chinese note for a run stopped by Ctrl-C."""
    if fmt == "json":
        from .output.json_format import render as render_json

        return render_json(reports, interrupted=interrupted is not None) + "\n"
    if fmt == "sarif":
        from .output.sarif_format import render as render_sarif

        return render_sarif(reports)
    if fmt == "github":
        from .output.github_format import render as render_github

        return render_github(reports)
    from .output.text_format import render as render_text

    return render_text(reports, colour=sys.stdout.isatty(), statistics=statistics, interrupted=interrupted)


def exit_code(reports: list[Report], fail_on: Severity) -> int:
    if any(r.error for r in reports):
        return 2
    if any(d.severity.rank >= fail_on.rank for r in reports for d in r.diagnostics):
        return 1
    return 0


@main.command()
@click.argument("path", type=click.Path(), metavar="路径")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
@click.option("--substance", is_flag=True, help="干货清单：每项工作是措施、原则还是空话，写明的谁来做、何时、多少，以及全文干货率")
@click.option("--index", "index", metavar="索引", help="与 --substance 同用：标出参考文件索引中已有的工作项（SQLite 文件或 postgresql:// 地址）")
def inspect(path, fmt, substance, index):
    """显示识别出的公文结构：每段的要素角色、文种和版式（--substance：干货清单）。"""
    from .api import read_docx
    from .errors import ReadError, ResourceError
    from .output.inspect_format import render_json, render_text

    try:
        config = _load_config(None)
        doc = read_docx(path, config=config)  # the user's dictionaries shape the roles too
    except (ReadError, ConfigError) as e:
        _fail(f"{path}：{e}")
        return
    if substance:
        from .substance.report import inventory_of
        from .substance.report import render_json as inventory_json
        from .substance.report import render_text as inventory_text

        try:
            inv = inventory_of(doc, config)
            copied = _copied_paragraphs(doc, config, index or config.index)
        except (ConfigError, ResourceError) as e:
            _fail(str(e))
            return
        console.emit(inventory_json(doc, inv, copied) if fmt == "json" else inventory_text(doc, inv, copied))
        return
    console.emit(render_json(doc) if fmt == "json" else render_text(doc))


def _copied_paragraphs(doc, config, index: str | None) -> set[int] | None:
    """The paragraphs of ``doc`` that the reference index already holds (GW805's reading), or
    None without an index."""
    if not index:
        return None
    from dataclasses import replace

    from .rules.context import Context, Resources
    from .rules.duplicates import draft_verdict

    config = replace(config, index=index)
    resources = Resources(config)
    try:
        v = draft_verdict(doc, Context(doc, config, resources))
    finally:
        resources.close()
    return {v.paragraphs[i].index for i in v.novelty.copied} if v else set()


_RULES_PATH_OPTION = click.option("--rules-path", "rules_paths", multiple=True, type=click.Path(), metavar="路径",
                                  help="连同这些自定义规则文件（.toml）或文件夹中的规则")


@main.command()
@_RULES_PATH_OPTION
def rules(rules_paths):
    """列出全部规则（含配置的 rules-path 中的自定义规则）。"""
    from .output.rules_format import render_catalogue

    try:
        _load_config(None, rules_paths)
    except ConfigError as e:
        _fail(str(e))
    console.emit(render_catalogue())


@main.command()
@click.argument("code", metavar="规则")
@_RULES_PATH_OPTION
def rule(code, rules_paths):
    """说明一条规则：检查什么、依据、示例、修复。"""
    from .output.rules_format import render_rule
    from .rules.registry import get_rule

    try:
        _load_config(None, rules_paths)
    except ConfigError as e:
        _fail(str(e))
    r = get_rule(code)
    if r is None:
        _fail(f"没有规则“{code}”：请用 gongwen-lint rules 查看规则目录")
        return
    console.emit(render_rule(r))


if __name__ == "__main__":  # pragma: no cover
    main()
