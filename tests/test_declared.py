"""Rules declared in TOML (rules/declared.py): each kind, examples that pin behaviour, files that
are refused with a Chinese message, GW502 as a declared rule, and a user's rules-path end to end."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from clirun import gwlint
from gongwen_lint.api import lint_text
from gongwen_lint.config import Config, ConfigError, load_file
from gongwen_lint.errors import RuleFileError
from gongwen_lint.model import Role
from gongwen_lint.rules import declared, registry

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = sorted((ROOT / "dictionaries" / "rules").glob("*.toml"))
DRAFT = "关于加强作风建设的通知\n\n各单位：\n\n{body}\n\n特此通知。\n"


@pytest.fixture(autouse=True)
def _no_user_rules():
    """Each test starts and ends without a user layer (the registry is process-wide)."""
    registry.use_rules_path(())
    yield
    registry.use_rules_path(())


def rule_of(**table) -> registry.Rule:
    data = {"code": "X001", "name": "test-rule", "title": "测试", "extends": "existence", "message": "“{match}”"}
    data.update(table)
    return declared.parse_rule(data, "<test>", user=True)


def hits(r: registry.Rule, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[h.start:h.end], h.message, h.replacement) for h in r.func.matcher.find(text)]


# -- the packaged rules --------------------------------------------------------------------------
def test_packaged_rules_are_registered_like_rules_in_code():
    assert PACKAGED, "dictionaries/rules/ has no rule file"
    for path in PACKAGED:
        code = tomllib.loads(path.read_text(encoding="utf-8"))["code"]
        r = registry.get_rule(code)
        assert r is not None and r.origin == f"dictionaries/rules/{path.name}"
        assert isinstance(r.func, declared.DeclaredCheck)


CASES = [(p.stem, e) for p in PACKAGED for e in declared.load_file(p, user=False).func.examples]


@pytest.mark.parametrize("code,example", CASES, ids=lambda x: x if isinstance(x, str) else x.text[:16])
def test_packaged_examples_pin_span_and_fix_through_the_engine(code, example):
    """Through the whole engine (a body paragraph in a draft), not only the matcher."""
    r = registry.get_rule(code)
    report = lint_text(DRAFT.format(body=example.text), Config(select=(code,)))
    found = [d for d in report.diagnostics if d.code == code]
    if not example.fires:
        assert found == []
        return
    assert found, f"{code} should fire on {example.text!r}"
    if example.matches:
        assert tuple(d.excerpt for d in found) == example.matches
    if example.fixes:
        assert tuple(d.fix.replacement for d in found) == example.fixes
        assert all(d.fix.applicability == "safe" for d in found)
    assert all(d.severity is r.severity for d in found)


# -- GW502, converted from code: the same findings as the code it replaced --------------------
_OLD = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _old_gw502(text: str) -> list[tuple[int, int, str, str]]:
    """rules/numbers.py before the conversion, verbatim in its matching and wording."""
    out = []
    for mt in _OLD.finditer(text):
        fixed = mt.group(0).translate(_HALF)
        out.append((mt.start(), mt.end(), f"应使用半角数字：{mt.group(0)} → {fixed}", fixed))
    return out


@pytest.mark.parametrize("text", [
    "２０２５年工作要点",
    "国办发〔２０２４〕３号",
    "增长３．５个百分点，达到１２.８亿元",
    "《关于２０２４年工作的“１０条”意见》",  # inside 书名号 and quotations too
    "第１．条，１．，．５",
    "2025年工作要点",
    "",
])
def test_gw502_matches_the_code_it_replaced(text):
    r = registry.get_rule("GW502")
    got = [(h.start, h.end, h.message, h.replacement) for h in r.func.matcher.find(text)]
    assert got == _old_gw502(text)


def test_gw502_scope_and_flags_are_those_of_the_code_rule():
    r = registry.get_rule("GW502")
    assert (r.name, r.title, r.severity.value, r.source) == ("fullwidth-digits", "全角数字", "warning", "标准 GB/T 15835-2011")
    assert r.roles == frozenset(Role) - {Role.EMPTY} and r.fixable and r.default


# -- each kind ------------------------------------------------------------------------------------
def test_existence_tokens_are_literal_longest_first_and_exceptions_are_compounds():
    r = rule_of(tokens=["今天", "a.b"], exceptions=["今天下"])
    assert hits(r, "今天下午开会，今天到会，axb 与 a.b") == [("今天", "“今天”", None), ("a.b", "“a.b”", None)]
    assert [h[0] for h in hits(rule_of(tokens=["今天", "今天下午"]), "今天下午")] == ["今天下午"]


def test_existence_patterns_ignorecase_and_mask():
    r = rule_of(patterns=["wi-?fi"], ignorecase=True)
    assert [h[0] for h in hits(r, "开通WiFi和wifi，“WIFI”")] == ["WiFi", "wifi"]  # the quotation is masked
    r = rule_of(patterns=["wi-?fi"], ignorecase=True, mask=False)
    assert [h[0] for h in hits(r, "开通WiFi和wifi，“WIFI”")] == ["WiFi", "wifi", "WIFI"]


def test_substitution_swap_with_groups_and_fix():
    r = rule_of(extends="substitution", swap={"(各|每)个单位": "$1单位", "做为": "作为"}, fixable=True,
                message="“{match}”应为“{swap}”")
    assert hits(r, "各个单位做为主体") == [("各个单位", "“各个单位”应为“各单位”", "各单位"), ("做为", "“做为”应为“作为”", "作为")]
    assert r.fixable
    unfixable = rule_of(extends="substitution", swap={"做为": "作为"}, message="{swap}")
    assert hits(unfixable, "做为") == [("做为", "作为", None)] and not unfixable.fixable


def test_occurrence_max_per_sentence_and_min_per_paragraph():
    r = rule_of(extends="occurrence", token="进一步", max=1, per="sentence", message="一句中“{match}”{count}次，最多{max}次")
    text = "要进一步加强、进一步完善、进一步落实。进一步推进。"
    assert hits(r, text) == [("进一步", "一句中“进一步”3次，最多1次", None)]
    assert r.func.matcher.find(text)[0].start == text.index("进一步", 3)  # the first one over the limit
    r = rule_of(extends="occurrence", pattern="联系人[:：]", min=1, message="本段应写明联系人（{count}处）")
    assert hits(r, "请按时报送。") == [("请按时报送。", "本段应写明联系人（0处）", None)]
    assert hits(r, "联系人：张三") == []


def test_scope_names_roles_and_groups():
    assert rule_of(tokens=["x"], scope=["title", "headings"]).roles == {Role.TITLE, Role.HEADING1, Role.HEADING2,
                                                                          Role.HEADING3, Role.HEADING4}
    assert rule_of(tokens=["x"]).roles == declared.SCOPES["text"]


def test_examples_become_the_rule_doc():
    r = rule_of(tokens=["点赞"], example=[{"bad": "为他点赞", "match": "点赞"}, {"good": "表扬他"}],
                doc={"description": "网络用语。", "basis": "实务。"})
    assert [(e.text, e.fires) for e in r.examples] == [("为他点赞", True), ("表扬他", False)]
    assert r.doc.startswith("## 检查内容\n网络用语。\n\n## 依据\n实务。\n\n## 示例\n错：为他点赞\n对：表扬他")


# -- files that are refused -----------------------------------------------------------------------
BAD = [
    ({"code": "GW502"}, "自定义规则的代码“GW502”无效：应为 X 加三位数字"),
    ({"code": "X12"}, "应为 X 加三位数字"),
    ({"name": "fullwidth-digits"}, "已是内置规则 GW502 的名称"),
    ({"name": "Bad Name"}, "规则名称“Bad Name”无效"),
    ({"extends": "capitalization"}, "extends 应为 existence、substitution、occurrence 之一"),
    ({"tokenz": ["a"]}, "未知的键 tokenz"),
    ({"tokens": []}, "existence 规则需要 tokens"),
    ({"patterns": ["点赞("]}, "正则表达式“点赞(”有误"),
    ({"severity": "fatal"}, "severity 的值“fatal”无效"),
    ({"source": "网上"}, "source 应以依据层级"),
    ({"scope": ["正文"]}, "scope 中的“正文”无效"),
    ({"message": "{swap}"}, "占位符 {swap} 无效"),
    ({"message": "{match"}, "花括号不成对"),
    ({"example": [{"bad": "表扬他"}]}, "第 1 个示例（bad）应当命中，却没有命中"),
    ({"example": [{"good": "为他点赞"}]}, "第 1 个示例（good）不应命中，却命中了“点赞”"),
    ({"example": [{"bad": "为他点赞", "match": "他"}]}, "命中的是 点赞，不是 match 写的 他"),
    ({"example": [{"bad": "为他点赞", "fix": "赞"}]}, "写了 fix，但规则没有自动修复"),
    ({"extends": "substitution", "swap": {"(a)": "$2"}}, "引用了不存在的分组 $2"),
    ({"extends": "substitution", "patterns": ["a"], "translate": {"from": "ab", "to": "a"}}, "两个等长的字符串"),
    ({"extends": "occurrence", "token": "a"}, "需要 max（最多几次）或 min（至少几次）"),
    ({"extends": "occurrence", "token": "a", "max": -1}, "max 应为非负整数"),
]


@pytest.mark.parametrize("change,message", BAD, ids=[m for _, m in BAD])
def test_bad_rule_is_refused_in_chinese(change, message):
    table = {**({"tokens": ["点赞"]} if "extends" not in change else {}), **change}
    with pytest.raises(RuleFileError) as e:
        rule_of(**table)
    assert message in str(e.value) and "规则文件 <test>" in str(e.value)


def test_two_user_files_with_one_code_clash(tmp_path):
    for n in ("a", "b"):
        (tmp_path / f"{n}.toml").write_text(USER_RULE.replace("no-internet-slang", f"slang-{n}"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="都用了“X001”"):
        declared.load_user_rules([str(tmp_path)])


# -- a user's rules-path ---------------------------------------------------------------------------
USER_RULE = '''
code = "X001"
name = "no-internet-slang"
title = "网络用语"
extends = "existence"
message = "公文不用网络用语“{match}”"
tokens = ["点赞", "打卡"]

[[example]]
bad = "要为基层干部点赞。"
match = "点赞"

[[example]]
good = "要表扬基层干部。"
'''


@pytest.fixture
def project(tmp_path):
    (tmp_path / "my_rules").mkdir()
    (tmp_path / "my_rules" / "X001.toml").write_text(USER_RULE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.gongwen-lint]\nrules-path = ["my_rules"]\n', encoding="utf-8")
    (tmp_path / "稿.txt").write_text(DRAFT.format(body="要为基层干部点赞，开展“打卡”式调研。"), encoding="utf-8")
    return tmp_path


def test_rules_path_from_pyproject_end_to_end(project):
    out = gwlint("check", "--format", "json", "稿.txt", cwd=project)
    assert out.returncode == 0, out.stderr
    diags = [d for d in json.loads(out.stdout)["files"][0]["diagnostics"] if d["code"] == "X001"]
    assert [(d["excerpt"], d["message"], d["severity"]) for d in diags] == [("点赞", "公文不用网络用语“点赞”", "warning")]
    listing = gwlint("rules", cwd=project)
    assert "X001  警告  开    实务  no-internet-slang — 网络用语" in listing.stdout
    sarif = json.loads(gwlint("check", "--format", "sarif", "稿.txt", cwd=project).stdout)
    assert "X001" in [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    only = gwlint("check", "--select", "X", "--fail-on", "warning", "稿.txt", cwd=project)
    assert only.returncode == 1 and "X001" in only.stdout and "GW" not in only.stdout.split("共检查")[0]


def test_user_rule_is_suppressed_like_a_built_in_one(project):
    (project / "稿.txt").write_text(DRAFT.format(body="要为基层干部点赞。<!-- gwlint: ignore[X001] 引用原话 -->"),
                                    encoding="utf-8")
    out = gwlint("check", "--format", "json", "--select", "X001,GW902", "稿.txt", cwd=project)
    assert json.loads(out.stdout)["files"][0]["diagnostics"] == [], out.stdout


def test_rules_path_on_the_command_line(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("plain")
    (elsewhere / "稿.txt").write_text(DRAFT.format(body="要为基层干部点赞。"), encoding="utf-8")
    out = gwlint("check", "--rules-path", project / "my_rules" / "X001.toml", "--select", "X001", "稿.txt", cwd=elsewhere)
    assert "X001 公文不用网络用语“点赞”" in out.stdout, out.stdout + out.stderr
    assert "X001" not in gwlint("check", "稿.txt", cwd=elsewhere).stdout


@pytest.mark.parametrize("content,message", [
    (USER_RULE.replace('"X001"', '"GW502"'), "自定义规则的代码“GW502”无效"),
    (USER_RULE.replace('tokens = ["点赞", "打卡"]', 'patterns = ["点赞["]'), "正则表达式“点赞[”有误"),
    ('code = "X001', "不是有效的 TOML"),
])
def test_bad_user_file_exits_2_with_a_chinese_message(project, content, message):
    (project / "my_rules" / "X001.toml").write_text(content, encoding="utf-8")
    for args in (("check", "稿.txt"), ("rules",)):
        out = gwlint(*args, cwd=project)
        assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr, out.stderr


def test_rules_path_setting_is_checked(project):
    (project / "pyproject.toml").write_text('[tool.gongwen-lint]\nrules-path = ["nowhere"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules-path 中的 .*nowhere 不存在"):
        load_file(project / "pyproject.toml")
    (project / "pyproject.toml").write_text('[tool.gongwen-lint]\nrules-path = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="rules-path 应为规则文件或文件夹的路径列表"):
        load_file(project / "pyproject.toml")


def test_a_configuration_without_rules_path_drops_the_user_layer(project):
    config = load_file(project / "pyproject.toml")
    assert "X001" in [r.code for r in config.enabled_rules()]
    assert registry.get_rule("X001") is not None
    assert "X001" not in [r.code for r in Config().enabled_rules()]
    assert registry.get_rule("X001") is None
    assert "X001" in [r.code for r in config.enabled_rules()] and registry.get_rule("no-internet-slang")


def test_the_toml_rule_in_developing_md_loads_and_both_recipes_are_short(tmp_path):
    doc = (ROOT / "docs" / "developing.md").read_text(encoding="utf-8")
    toml_block = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)
    python_block = re.search(r"```python\n(.*?)```", doc, re.S).group(1)
    assert len(toml_block.splitlines()) < 20 and len(python_block.splitlines()) < 20
    (tmp_path / "X001.toml").write_text(toml_block, encoding="utf-8")
    r = declared.load_file(tmp_path / "X001.toml")
    assert [(e.fires, e.matches) for e in r.func.examples] == [(True, ("点赞",)), (False, ())]
