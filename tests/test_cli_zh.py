"""Chinese everywhere a user reads (issue 14, issue 19 U1): click's own strings, usage errors,
``Did you mean``, a misspelt sub-command."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from gongwen_lint import cli_zh
from gongwen_lint.cli import main

#: click strings that only a programmer defining commands can see (raised at definition time).
DEVELOPER_ONLY = {
    "Could not determine name for option with declarations {decls!r}",
    ("No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
     "Did you mean to pass '--{name}'?"),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "d",  # a strftime-like unit of the progress bar, which we do not use
}
#: click's default metavars and headings: none may reach a user.
ENGLISH_TOKENS = re.compile(r"\b(TEXT|PATHS?|FILE(NAME)?|DIRECTORY|INTEGER|FLOAT|BOOLEAN|RANGE|OPTIONS|COMMAND|ARGS|"
                            r"Usage|Options|Commands|Error|Aborted|Try)\b")


def click_msgids() -> set[str]:
    """Every string click passes to gettext, read from the installed click's source."""
    ids: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        if path.name in ("testing.py", "_winconsole.py", "_compat.py", "_utils.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if args:
                    ids.add(args[0])
    return ids - DEVELOPER_ONLY


def english_probes() -> list[str]:
    """The literal English of each click message (up to its first placeholder), long enough to
    be unmistakable in an output."""
    probes = []
    for msgid in click_msgids():
        head = re.split(r"[{%]", msgid)[0].strip(" :.'(")
        if len(head) >= 6:
            probes.append(head)
    return probes


def assert_chinese(text: str) -> None:
    assert not ENGLISH_TOKENS.search(text), ENGLISH_TOKENS.search(text)
    for probe in english_probes():
        assert probe not in text, probe


def test_every_click_string_the_installed_click_can_show_is_translated():
    ids = click_msgids()
    assert len(ids) > 40  # the scan works (click marks ~70 strings)
    missing = sorted(i for i in ids if i not in cli_zh.MESSAGES and i not in cli_zh.PLURALS)
    assert missing == [], "click 升级后新增的字符串需要译文（gongwen_lint/cli_zh.py）"


def all_command_paths() -> list[list[str]]:
    paths = [[]]
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        paths.append([name])
        if isinstance(cmd, click.Group):
            paths += [[name, sub] for sub in cmd.list_commands(click.Context(cmd))]
    return paths


@pytest.mark.parametrize("path", all_command_paths(), ids=lambda p: " ".join(p) or "gongwen-lint")
def test_help_has_no_english_click_strings(path):
    r = CliRunner().invoke(main, [*path, "--help"])
    assert r.exit_code == 0
    assert r.output.startswith("用法：gongwen-lint")
    assert "选项：" in r.output and "显示本帮助并退出。" in r.output
    assert_chinese(r.output)


def test_help_columns_align_by_display_width():
    out = CliRunner().invoke(main, ["check", "--help"]).output.splitlines()
    starts = {cli_zh.width(line[: line.index(desc)]) for line in out
              for desc in ("只启用这些规则", "停用这些规则", "配置文件", "基线文件")
              if desc in line}
    assert len(starts) == 1  # “--select 规则” is 13 columns wide, not 11


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gongwen_lint.cli", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, check=False)


@pytest.mark.parametrize("args, says", [
    (["-j", "999"], "“-j”/“--jobs”的值无效：999 不在允许的范围 0<=x<=64 内。"),
    (["--format", "xml"], "“--format”的值无效：“xml”不是可选值"),
    (["--fail-on", "bad"], "“--fail-on”的值无效：“bad”不是可选值"),
    (["--fxi"], "没有选项“--fxi”。是否想用“--config”、“--fix”、“--fix-to”？"),
    (["--select"], "选项“--select”需要 1 个值。"),
])
def test_usage_errors_are_chinese_and_exit_2(tmp_path, args, says):
    draft = tmp_path / "草稿.txt"
    draft.write_text("关于召开会议的通知\n", encoding="utf-8")
    proc = cli("check", str(draft), *args)
    assert proc.returncode == 2
    assert says in proc.stderr
    if args != ["--select"]:  # click raises that one without its command
        assert "用法：gongwen-lint check [选项] 路径..." in proc.stderr and "用“gongwen-lint check --help”查看帮助。" in proc.stderr
    assert_chinese(proc.stderr + proc.stdout)


def test_missing_argument_and_an_unknown_option_before_the_path():
    proc = cli("check")
    assert proc.returncode == 2 and "错误：缺少参数“路径...”。" in proc.stderr
    proc = cli("--bogus")
    assert proc.returncode == 2 and "没有选项“--bogus”" in proc.stderr
    assert_chinese(proc.stderr)


def test_a_misspelt_sub_command_suggests_the_right_one(tmp_path):
    proc = cli("chekc", "草稿.docx", cwd=tmp_path)
    assert proc.returncode == 2
    assert "没有子命令“chekc”：是否想用“check”？" in proc.stderr and "无法检查" not in proc.stdout
    assert "是否想用“inspect”" in cli("inspcet", "草稿.docx", cwd=tmp_path).stderr
    assert "是否想用“index”" in cli("idnex", "add", cwd=tmp_path).stderr
    # a real file of that name is checked; a path never looks like a sub-command
    (tmp_path / "chekc").write_text("关于召开会议的通知\n", encoding="utf-8")
    assert "没有子命令" not in cli("chekc", cwd=tmp_path).stderr
    proc = cli("草稿.docx", cwd=tmp_path)
    assert proc.returncode == 2 and "文件不存在" in proc.stdout and "没有子命令" not in proc.stderr


def test_version_and_tidy():
    r = CliRunner().invoke(main, ["--version"])
    assert r.exit_code == 0 and r.output.startswith("gongwen-lint ")
    assert cli_zh.tidy("缺少参数 '路径...'.") == "缺少参数“路径...”。"
    # 10 columns hold five Chinese characters; a closing mark never starts a line
    assert cli_zh.wrap("在默认规则之外再启用这些规则，逗号分隔", 10) == ["在默认规则", "之外再启用", "这些规则，", "逗号分隔"]
    assert cli_zh.wrap("在默认规则之外再启用这规则，逗号分隔", 10)[2] == "这规则，逗"
    assert cli_zh.wrap("启用这些规则，", 12) == ["启用这些规则，"]  # 14 columns: the mark stays
    # an option name is never cut
    assert cli_zh.wrap("把修复后的副本写到 --fix-to 指定的文件", 20) == ["把修复后的副本写到", "--fix-to 指定的文件"]
