"""Rules declared in TOML, the way Vale declares its styles: for rules that are data.

A rule that is a word list or a substitution table is clearer as a table than as code, and a
user can write one without Python.  Each file declares one rule (docs/developing.md shows one)::

    code = "X001"            name = "no-internet-slang"      title = "网络用语"
    severity = "warning"     extends = "existence"           scope = ["text"]
    message = "公文不用网络用语“{match}”"
    tokens = ["点赞", "打卡"]

``extends`` is one of Vale's extension points, with their keys where they make sense for
Chinese:

- ``existence``: ``tokens`` (literal words) and ``patterns`` (regular expressions); a match is
  reported.  Chinese has no spaces between words, so there are no word boundaries (Vale's
  ``nonword`` is always on); ``exceptions`` lists longer words that contain a token and are
  right (token 今天, exception 今天下).
- ``substitution``: ``swap`` maps a pattern to its replacement (``$1`` is the first group), or
  ``patterns`` with ``translate = { from = "０１", to = "01" }`` replaces character by
  character; ``fixable = true`` offers the replacement as an automatic fix.
- ``occurrence``: a ``token`` or ``pattern`` allowed at most ``max`` / at least ``min`` times
  ``per`` sentence or paragraph.

``scope`` names the paragraphs checked: role values (:class:`~gongwen_lint.model.Role`:
``body``, ``title``, ``heading1`` …) or the groups of :data:`SCOPES`.  ``mask`` (default true)
skips quotations, 书名号 titles, cited document numbers and URLs, as the punctuation rules do.
``ignorecase`` matters only for Latin letters.  ``message`` takes ``{match}``, ``{swap}``
(substitution), ``{count}``, ``{max}``, ``{min}`` (occurrence).

``[[example]]`` tables (``bad`` or ``good``; a bad one may state the ``match`` and the ``fix``)
are checked when the file is loaded, and become the rule's 错/对 examples, so they run as the
tests of every rule do.  Packaged rules live in ``dictionaries/rules/`` and are built in
(``GW`` codes); a user's files (``rules-path``) take ``X`` codes and are a separate layer of
the registry: :func:`load_user_rules` is the registry's loader for ``rules-path``
(:func:`registry.use_rules_path`), so the configuration, which sits below the rule modules in
the import graph, can load them without importing this module.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from .. import recache, relead

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..diagnostics import Diagnostic, Severity
from ..errors import ReadError, RuleFileError
from ..fileio import read_capped
from ..model import HEADING_ROLES, TEXT_ROLES, Paragraph, Role
from ..text import sentences
from . import registry
from .context import Context
from .punctuation import PUNCT_ROLES, masked

#: Named groups of roles a ``scope`` may use besides the role values themselves.
SCOPES: dict[str, frozenset[Role]] = {
    "all": frozenset(Role) - {Role.EMPTY},  # every paragraph, every element
    "text": TEXT_ROLES,  # 正文 and 附件正文 with their headings
    "prose": PUNCT_ROLES,  # text plus 标题, 附注, 附件标题: lines the drafter words
    "headings": HEADING_ROLES,
}
KINDS = ("existence", "substitution", "occurrence")
PACKAGE = "gongwen_lint.dictionaries"
MAX_RULE_FILE_BYTES = 1024 * 1024
USER_SOURCE = "实务 自定义规则"

_COMMON_KEYS = {"code", "name", "title", "severity", "source", "extends", "scope", "mask", "ignorecase",
                "message", "default", "doc", "example"}
_KIND_KEYS = {
    "existence": {"tokens", "patterns", "exceptions"},
    "substitution": {"swap", "patterns", "translate", "fixable", "exceptions"},
    "occurrence": {"token", "pattern", "max", "min", "per"},
}
_FIELDS = {
    "existence": {"match"},
    "substitution": {"match", "swap"},
    "occurrence": {"match", "count", "max", "min"},
}
_GROUP_REF = recache.compile(r"\$(\d)")

#: Per pattern, the class of the characters its matches start with (relead.first_class) as a
#: pattern of its own, or None when it cannot be told: a paragraph without one is not scanned
#: with the pattern itself (a pattern opening with a repeat, as GW502's ``[０-９]+``, is tried at
#: every character; the class is scanned for in C).  Made once a pattern, on first use.
_FIRST: dict[re.Pattern[str], re.Pattern[str] | None] = {}


def _first_of(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if pattern not in _FIRST:
        first = None if pattern.flags & re.IGNORECASE else relead.first_class(pattern.pattern)
        _FIRST[pattern] = re.compile(first, pattern.flags) if first is not None else None
    return _FIRST[pattern]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    message: str
    replacement: str | None = None


@dataclass(frozen=True)
class DeclaredExample:
    text: str  # paragraphs joined by "\n"
    fires: bool
    matches: tuple[str, ...] = ()  # the excerpts a bad example must give, in order ((): not stated)
    fixes: tuple[str, ...] = ()  # the replacements it must offer


@dataclass(frozen=True)
class Matcher:
    """What one declared rule looks for, and how it words a finding: engine-free, so a file's
    examples can be checked when it is read."""

    kind: str
    message: str
    mask: bool
    patterns: tuple[tuple[re.Pattern[str], str | None], ...]  # (pattern, swap template)
    translate: dict[int, int] | None = None
    exceptions: re.Pattern[str] | None = None
    fixable: bool = False
    max: int | None = None
    min: int | None = None
    per: str = "paragraph"

    def find(self, text: str) -> list[Hit]:
        subject = masked(text) if self.mask else text
        if self.kind == "occurrence":
            return self._occurrences(text, subject)
        hits: list[tuple[int, int, str | None]] = []
        for pattern, template in self.patterns:
            first = _first_of(pattern)
            if first is not None and first.search(subject) is None:
                continue  # no character a match can start with: no match (nor an empty one)
            for m in pattern.finditer(subject):
                if m.end() == m.start():
                    continue
                hits.append((m.start(), m.end(), self._replacement(m, template, text)))
        if not hits:
            return []
        hits = self._without_overlaps(hits)
        if self.exceptions is not None:
            allowed = [m.span() for m in self.exceptions.finditer(subject)]
            hits = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in allowed)]
        out = []
        for s, e, swap in hits:
            message = self.message.format(match=text[s:e], swap=swap or "")
            out.append(Hit(s, e, message, swap if self.fixable else None))
        return out

    def _replacement(self, m: re.Match[str], template: str | None, text: str) -> str | None:
        if self.kind != "substitution":
            return None
        if self.translate is not None:
            return text[m.start():m.end()].translate(self.translate)
        assert template is not None
        return _GROUP_REF.sub(lambda g: m.group(int(g.group(1))) or "", template)

    @staticmethod
    def _without_overlaps(hits: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
        """Leftmost first, the longer of two that start together; later overlapping ones dropped."""
        kept: list[tuple[int, int, str | None]] = []
        for h in sorted(hits, key=lambda h: (h[0], -h[1])):
            if not kept or h[0] >= kept[-1][1]:
                kept.append(h)
        return kept

    def _occurrences(self, text: str, subject: str) -> list[Hit]:
        pattern = self.patterns[0][0]
        units = sentences(subject) if self.per == "sentence" else ([(0, len(subject))] if subject.strip() else [])
        out = []
        for s0, e0 in units:
            found = [m for m in pattern.finditer(subject, s0, e0) if m.end() > m.start()]
            fields = {"count": len(found), "max": self.max, "min": self.min}
            if self.max is not None and len(found) > self.max:
                extra = found[self.max]
                out.append(Hit(extra.start(), extra.end(), self.message.format(match=text[extra.start():extra.end()], **fields)))
            elif self.min is not None and len(found) < self.min:
                out.append(Hit(s0, e0, self.message.format(match=text[s0:e0], **fields)))
        return out


class DeclaredCheck:
    """The rule function of a declared rule: its docstring is generated from the file, so
    ``gongwen-lint rule``, docs/rules.md and the example tests treat it like a rule in code."""

    def __init__(self, matcher: Matcher, examples: tuple[DeclaredExample, ...], doc: str):
        self.matcher = matcher
        self.examples = examples
        self.__doc__ = doc

    def __call__(self, p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
        for h in self.matcher.find(p.text):
            yield ctx.report(p, h.start, h.end, h.message, replacement=h.replacement)


# -- reading a rule file ------------------------------------------------------------------------
def parse_rule(data: dict[str, Any], origin: str, user: bool) -> registry.Rule:
    """The rule a file's table declares; every problem a :class:`RuleFileError` naming the file."""
    where = f"规则文件 {origin}"

    def fail(problem: str) -> RuleFileError:
        return RuleFileError(f"{where}：{problem}")

    kind = data.get("extends")
    if kind not in KINDS:
        raise fail(f"extends 应为 {'、'.join(KINDS)} 之一，现在是 {kind!r}")
    unknown = sorted(set(data) - _COMMON_KEYS - _KIND_KEYS[kind])
    if unknown:
        raise fail(f"未知的键 {unknown[0]}；{kind} 规则可用的键：{', '.join(sorted(_COMMON_KEYS | _KIND_KEYS[kind]))}")
    code = _string(data, "code", fail)
    if user and not registry.USER_CODE_RE.match(code):
        raise fail(f"自定义规则的代码“{code}”无效：应为 X 加三位数字（如 X001），GW 开头的代码留给内置规则")
    if not user and not registry.CODE_RE.match(code):
        raise fail(f"内置规则的代码“{code}”无效：应为 GW 加三位数字")
    name = _string(data, "name", fail)
    if not registry.NAME_RE.match(name):
        raise fail(f"规则名称“{name}”无效：应为小写英文单词，用连字符连接（如 no-internet-slang）")
    if user and name in registry.builtin_names():
        raise fail(f"规则名称“{name}”已是内置规则 {registry.builtin_names()[name]} 的名称，请另起一个")
    title = _string(data, "title", fail)
    try:
        severity = Severity(data.get("severity", "warning"))
    except ValueError:
        raise fail(f"severity 的值“{data.get('severity')}”无效：应为 error、warning 或 info") from None
    source = data.get("source", USER_SOURCE if user else None)
    if not isinstance(source, str) or not source.strip() or source.split()[0] not in registry.SOURCES:
        raise fail(f"source 应以依据层级 {'、'.join(registry.SOURCES)} 之一开头（如 \"实务 本单位规定\"）")
    roles = _scope(data.get("scope", ["text"]), fail)
    default = data.get("default", True)
    if not isinstance(default, bool):
        raise fail("default 应为 true 或 false")
    matcher = _matcher(kind, data, fail)
    examples = _examples(data.get("example", []), matcher, fail)
    doc = _doc(data.get("doc", {}), title, examples, fail, required=not user)
    return registry.Rule(
        code=code, name=name, title=title, severity=severity, source=source.strip(),
        func=DeclaredCheck(matcher, examples, doc), roles=roles, default=default,
        fixable=matcher.fixable, origin=origin,
    )


def _string(data: dict[str, Any], key: str, fail: Any) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(f"缺少 {key}（应为非空字符串）")
    return value.strip()


def _strings(value: Any, key: str, fail: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(f"{key} 应为字符串列表，例如 [\"点赞\", \"打卡\"]")
    return list(value)


def _scope(value: Any, fail: Any) -> frozenset[Role]:
    roles: set[Role] = set()
    known = {r.value: r for r in Role}
    for name in _strings(value, "scope", fail):
        if name in SCOPES:
            roles |= SCOPES[name]
        elif name in known and known[name] is not Role.EMPTY:
            roles.add(known[name])
        else:
            raise fail(f"scope 中的“{name}”无效：应为 {'、'.join(SCOPES)} 或段落角色（body、title、heading1 等，"
                       "见 docs/json.md）")
    return frozenset(roles)


def _regex(pattern: str, flags: int, key: str, fail: Any) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        at = f"第 {e.pos + 1} 个字符处" if e.pos is not None else ""
        raise fail(f"{key} 中的正则表达式“{pattern}”有误：{at}{e.msg}（请检查括号、方括号是否成对，"
                   "要匹配字面的 ( [ . * ? + 等符号时前加 \\）") from None


def _matcher(kind: str, data: dict[str, Any], fail: Any) -> Matcher:
    ignorecase = data.get("ignorecase", False)
    mask = data.get("mask", True)
    if not isinstance(ignorecase, bool) or not isinstance(mask, bool):
        raise fail("ignorecase 和 mask 应为 true 或 false")
    flags = re.IGNORECASE if ignorecase else 0
    message = _string(data, "message", fail)
    fields = {f for _, f, _, _ in _format_fields(message, fail) if f is not None}
    bad = sorted(fields - _FIELDS[kind])
    if bad:
        raise fail(f"message 中的占位符 {{{bad[0]}}} 无效：{kind} 规则可用 "
                   + "、".join(f"{{{f}}}" for f in sorted(_FIELDS[kind])) + "（字面的花括号写作 {{ }}）")
    exceptions = None
    if "exceptions" in data:
        words = _strings(data["exceptions"], "exceptions", fail)
        exceptions = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), flags)
    if kind == "occurrence":
        return _occurrence(data, message, mask, flags, fail)
    patterns: list[tuple[re.Pattern[str], str | None]] = []
    translate = None
    fixable = data.get("fixable", False)
    if not isinstance(fixable, bool):
        raise fail("fixable 应为 true 或 false")
    if kind == "existence":
        tokens = _strings(data.get("tokens", []), "tokens", fail)
        if tokens:
            alternation = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
            patterns.append((re.compile(alternation, flags), None))
        patterns += [(_regex(p, flags, "patterns", fail), None) for p in _strings(data.get("patterns", []), "patterns", fail)]
        if not patterns:
            raise fail("existence 规则需要 tokens（词语）或 patterns（正则表达式）")
    else:
        swap = data.get("swap")
        if swap is not None:
            if not isinstance(swap, dict) or not swap or not all(isinstance(v, str) for v in swap.values()):
                raise fail("swap 应为表：{ \"原写法\" = \"改为\" }，键可以是正则表达式，值中 $1 表示第一个分组")
            for key, template in swap.items():
                compiled = _regex(key, flags, "swap", fail)
                for g in _GROUP_REF.findall(template):
                    if int(g) > compiled.groups:
                        raise fail(f"swap 中“{key}”的替换“{template}”引用了不存在的分组 ${g}")
                patterns.append((compiled, template))
        if "translate" in data:
            if swap is not None:
                raise fail("swap 和 translate 只能用一个")
            translate = _translation(data["translate"], fail)
            patterns = [(_regex(p, flags, "patterns", fail), None) for p in _strings(data.get("patterns", []), "patterns", fail)]
            if not patterns:
                raise fail("translate 需要 patterns：要逐字替换的文字的正则表达式")
        elif "patterns" in data:
            raise fail("substitution 规则的 patterns 只与 translate 一起用；要替换为固定文字请用 swap")
        if not patterns:
            raise fail("substitution 规则需要 swap（替换表）或 patterns 加 translate（逐字替换）")
    return Matcher(kind, message, mask, tuple(patterns), translate, exceptions, fixable and kind == "substitution")


def _format_fields(message: str, fail: Any) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(string.Formatter().parse(message))
    except ValueError:
        raise fail(f"message“{message}”中的花括号不成对：占位符写作 {{match}}，字面的花括号写作 {{{{ }}}}") from None


def _translation(value: Any, fail: Any) -> dict[int, int]:
    if (not isinstance(value, dict) or set(value) != {"from", "to"} or not all(isinstance(v, str) for v in value.values())
            or len(value["from"]) != len(value["to"]) or not value["from"]):
        raise fail("translate 应为 { from = \"０１２\", to = \"012\" }：两个等长的字符串，逐字对应")
    return str.maketrans(value["from"], value["to"])


def _occurrence(data: dict[str, Any], message: str, mask: bool, flags: int, fail: Any) -> Matcher:
    if ("token" in data) == ("pattern" in data):
        raise fail("occurrence 规则需要 token（词语）或 pattern（正则表达式）之一")
    if "token" in data:
        token = _string(data, "token", fail)
        pattern = re.compile(re.escape(token), flags)
    else:
        pattern = _regex(_string(data, "pattern", fail), flags, "pattern", fail)
    limits: dict[str, int] = {}
    for key in ("max", "min"):
        value = data.get(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise fail(f"{key} 应为非负整数")
            limits[key] = value
    if not limits:
        raise fail("occurrence 规则需要 max（最多几次）或 min（至少几次）")
    per = data.get("per", "paragraph")
    if per not in ("sentence", "paragraph"):
        raise fail("per 应为 sentence（每句）或 paragraph（每段）")
    return Matcher("occurrence", message, mask, ((pattern, None),), max=limits.get("max"), min=limits.get("min"), per=per)


def _examples(value: Any, matcher: Matcher, fail: Any) -> tuple[DeclaredExample, ...]:
    """The ``[[example]]`` tables, each checked against the rule now: a rule whose own examples
    fail is refused when it is read, not discovered wrong on a real draft."""
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise fail("示例应写作 [[example]] 表：bad = \"错误写法\" 或 good = \"正确写法\"")
    out = []
    for n, table in enumerate(value, 1):
        label = f"第 {n} 个示例"
        unknown = sorted(set(table) - {"bad", "good", "match", "fix"})
        if unknown or ("bad" in table) == ("good" in table):
            raise fail(f"{label} 应有 bad 或 good 之一（bad 还可写 match 和 fix），不认识的键：{', '.join(unknown) or '无'}")
        fires = "bad" in table
        text = table["bad" if fires else "good"]
        if not isinstance(text, str) or not text.strip():
            raise fail(f"{label} 的文字应为非空字符串")
        matches = tuple(_strings(table.get("match", []), f"{label} 的 match", fail))
        fixes = tuple(_strings(table.get("fix", []), f"{label} 的 fix", fail))
        if not fires and (matches or fixes):
            raise fail(f"{label} 是 good 示例，不应写 match 或 fix")
        if fixes and not matcher.fixable:
            raise fail(f"{label} 写了 fix，但规则没有自动修复（substitution 规则加 fixable = true）")
        example = DeclaredExample(text, fires, matches, fixes)
        problem = example_problem(matcher, example)
        if problem:
            raise fail(f"{label}{problem}")
        out.append(example)
    return tuple(out)


def example_problem(matcher: Matcher, example: DeclaredExample) -> str | None:
    """Why ``example`` does not hold for ``matcher`` (None: it holds); paragraph by paragraph."""
    hits = [(line, h) for line in example.text.split("\n") for h in matcher.find(line)]
    if not example.fires:
        return f"（good）不应命中，却命中了“{hits[0][0][hits[0][1].start:hits[0][1].end]}”" if hits else None
    if not hits:
        return "（bad）应当命中，却没有命中"
    found = tuple(line[h.start:h.end] for line, h in hits)
    if example.matches and found != example.matches:
        return f"（bad）命中的是 {'、'.join(found)}，不是 match 写的 {'、'.join(example.matches)}"
    offered = tuple(h.replacement or "" for _, h in hits)
    if example.fixes and offered != example.fixes:
        return f"（bad）给出的修复是 {'、'.join(offered)}，不是 fix 写的 {'、'.join(example.fixes)}"
    return None


def _doc(value: Any, title: str, examples: tuple[DeclaredExample, ...], fail: Any, required: bool) -> str:
    """The rule's documentation in the form of a rule docstring (## 检查内容, 依据, 示例, 修复)."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise fail("[doc] 应为表：description（检查内容）、basis（依据）、fix（修复）")
    unknown = sorted(set(value) - {"description", "basis", "fix"})
    if unknown:
        raise fail(f"[doc] 中未知的键 {unknown[0]}：可用 description（检查内容）、basis（依据）、fix（修复）")
    if required and not {"description", "basis"} <= set(value):
        raise fail("内置规则的 [doc] 需要 description（检查内容）和 basis（依据）")
    sections = [("检查内容", value.get("description", title)), ("依据", value.get("basis", ""))]
    lines: list[str] = []
    for e in examples:
        mark = "错" if e.fires else "对"
        if "\n" in e.text:
            lines.append(f"{mark}：")
            lines += ["    " + (line.replace(" ", "␣") if line.startswith(" ") else line) for line in e.text.split("\n")]
        else:
            lines.append(f"{mark}：{e.text}")
    sections.append(("示例", "\n".join(lines)))
    sections.append(("修复", value.get("fix", "")))
    return "\n\n".join(f"## {head}\n{body.strip()}" for head, body in sections if body.strip())


def load_file(path: str | Path, user: bool = True) -> registry.Rule:
    path = Path(path)
    try:
        raw = read_capped(path, MAX_RULE_FILE_BYTES, lambda size: f"文件过大（{size:,} 字节），不像是规则文件")
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except ReadError as e:
        raise RuleFileError(f"无法读取规则文件 {path}：{e}") from None
    except UnicodeDecodeError:
        raise RuleFileError(f"规则文件 {path} 不是 UTF-8 编码：请另存为 UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+), column (\d+)", str(e))
        at = f"第 {m.group(1)} 行第 {m.group(2)} 列附近" if m else ""
        raise RuleFileError(f"规则文件 {path} 不是有效的 TOML：{at}有语法错误（{e}）") from None
    return parse_rule(data, str(path), user)


# -- the packaged rules and a user's rules-path -----------------------------------------------
def register_packaged() -> None:
    """Register the rules of ``dictionaries/rules/*.toml`` (built in, like the rules in code)."""
    folder = files(PACKAGE).joinpath("rules")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            registry.register(parse_rule(data, f"dictionaries/rules/{entry.name}", user=False))


def rule_files(paths: Sequence[str]) -> list[Path]:
    """The ``*.toml`` files named by ``rules-path``: files, or folders (their own *.toml)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.glob("*.toml") if f.is_file())
        elif p.is_file():
            out.append(p)
        else:
            raise RuleFileError(f"rules-path 中的 {p} 不存在：应为规则文件（.toml）或存放规则文件的文件夹")
    return out


def load_user_rules(paths: Sequence[str]) -> list[registry.Rule]:
    """A user's rules from ``rules-path``; codes and names unique among them and the built-ins."""
    rules: list[registry.Rule] = []
    seen: dict[str, str] = {}
    for f in rule_files(paths):
        r = load_file(f, user=True)
        for key in (r.code, r.name):
            if key in seen:
                raise RuleFileError(f"规则文件 {f} 与 {seen[key]} 都用了“{key}”：每条自定义规则的代码和名称应各不相同")
            seen[key] = str(f)
        rules.append(r)
    return rules


registry.set_user_loader(load_user_rules)
register_packaged()
