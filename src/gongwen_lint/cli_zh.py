"""click's own user-facing strings in Chinese: usage, help, errors, ``Did you mean``.

click marks its strings for gettext (``from gettext import gettext as _`` in each module) but a
gettext catalogue only applies under a Chinese locale, and our users run under any locale (CI
runs under ``C``).  So :func:`install` points the ``_``/``ngettext`` of click's modules at this
table, once, when the command line starts; and :class:`Context` formats help with Chinese type
names (``TEXT`` → ``文字``).  ``tests/test_cli_zh.py`` reads the installed click's source and
fails when a string is missing here, so a click upgrade cannot bring English back silently.

Only the command line calls :func:`install`; importing the library changes nothing in click.
"""

from __future__ import annotations

import gettext
import re
import sys
import unicodedata

import click

from . import recache

#: click's msgid → Chinese.  Placeholders are click's own (``{name!r}`` and so on).
MESSAGES: dict[str, str] = {
    # help
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "子命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Choice({choices})": "可选值（{choices}）",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    # errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "Aborted!": "已中断",
    "Missing command.": "缺少子命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项 {name}。",
    "No such command {name!r}.": "没有子命令 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的首字符无效（{option}）",
    "Value must be an iterable.": "值必须是一组值。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是/否值，可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Repeat for confirmation": "请再输入一次以确认",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不提示，直接确认。",
    "Press any key to continue...": "按任意键继续……",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "提示：子命令 {name!r} 已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "提示：{param_type} {name!r} 已弃用。{extra_message}",
    "Unknown color {colour!r}": "未知颜色 {colour!r}",
    "Unknown standard stream '{name}'": "未知的标准流“{name}”",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 版本，不支持命令补全。",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以下的版本不支持命令补全。",
}

#: click's singular msgid → Chinese, for ``ngettext`` (Chinese has one form; click passes the
#: placeholders of both forms to ``format``).
PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{value!r} is not {choice}.": "{value!r} 不是可选值：{choices}。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {formats}。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，给了 {len_value} 个。",
}

# Type names in help (the metavar column and the usage line), for options and arguments that
# have no Chinese metavar of their own.
_METAVARS = [
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "子命令 [参数]..."),
    ("INTEGER RANGE", "整数"),
    ("FLOAT RANGE", "数值"),
    ("INTEGER", "整数"),
    ("FLOAT", "数值"),
    ("BOOLEAN", "是/否"),
    ("DIRECTORY", "文件夹"),
    ("FILENAME", "文件"),
    ("FILE", "文件"),
    ("PATHS", "路径"),
    ("PATH", "路径"),
    ("TEXT", "文字"),
    ("INDEX", "索引"),
    ("URL", "地址"),
    ("CODE", "规则代码"),
]
_METAVAR_RE = recache.compile("|".join(rf"(?<![\w-]){re.escape(e)}(?![\w])" if e[0].isalpha() else re.escape(e)
                                  for e, _ in _METAVARS))
_METAVAR_ZH = dict(_METAVARS)


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    # click formats the result with every placeholder of both forms, so one Chinese form can
    # use any of them.
    zh = PLURALS.get(singular)
    if zh is None:
        return singular if n == 1 else plural
    return zh


def metavars(text: str) -> str:
    """``--select TEXT`` → ``--select 文字``; ``[OPTIONS] PATHS...`` → ``[选项] 路径...``."""
    return _METAVAR_RE.sub(lambda m: _METAVAR_ZH[m.group(0)], text)


def tidy(message: str) -> str:
    """click assembles some messages from pieces with English punctuation (``'x'``, a final
    ``.``, a space after ``。``): make them read as Chinese."""
    message = re.sub(r"'([^'\n]*)'", r"“\1”", message)
    message = message.replace("”, “", "”、“").replace("” / “", "”/“").replace("。 ", "。")
    message = re.sub(r" ?“", "“", message)
    message = re.sub(r"” ?(?=[^\x00-\x7f])", "”", message)
    if message.endswith("."):
        message = message[:-1] + "。"
    return message


def show(error: click.ClickException) -> None:
    """Print a click error as click does (usage, where to get help, the message), in Chinese."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click.UsageError) and ctx is not None:
        hint = f"用“{ctx.command_path} --help”查看帮助。\n" if ctx.command.get_help_option(ctx) is not None else ""
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True, color=ctx.color)
    click.echo(f"错误：{tidy(error.format_message())}", err=True)


_installed = False


def install() -> None:
    """Point click's gettext calls at the Chinese table (idempotent)."""
    global _installed
    if _installed:
        return
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    _installed = True


def width(text: str) -> int:
    """Display width in a terminal: CJK characters and full-width marks take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_TOKEN_RE = recache.compile(r"[ \t]+|[\x21-\x7e]+|.", re.DOTALL)
_NO_LINE_START = set("，。、；：？！）》」』”’…")


def wrap(text: str, columns: int) -> list[str]:
    """Wrap by display width; a line may break between any two Chinese characters but not inside
    a Latin word or an option name, and never before a closing mark (，。）…)."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN_RE.findall(" ".join(text.split())):
        w = width(token)
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if used + w > columns and line.strip() and not (token in _NO_LINE_START and used + w <= columns + 2):
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines


class HelpFormatter(click.HelpFormatter):
    """click's formatter, in Chinese: type names, a full-width colon after headings, and
    columns aligned and wrapped by display width (click counts characters, and a Chinese
    character takes two columns)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, metavars(args), "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(metavars(a), b) for a, b in rows]
        first_col = min(max((width(a) for a, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        text_width = max(self.width - first_col - self.current_indent - 2, 20)
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, text_width) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class Context(click.Context):
    formatter_class = HelpFormatter


def localise(command: click.Command) -> click.Command:
    """Give a command (and its sub-commands) the Chinese context; returns it."""
    command.context_class = Context
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localise(sub)
    return command
