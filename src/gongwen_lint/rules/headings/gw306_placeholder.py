"""GW306: template placeholders left in the draft."""

from __future__ import annotations

from collections.abc import Iterator

from ... import recache
from ...diagnostics import Diagnostic
from ...model import Paragraph, Role
from ...relead import lookahead_first
from ..context import Context
from ..registry import rule
from ._common import _STRAY_ROLES, WARNING

_PLACEHOLDER_PATTERNS = [
    # XX / ×× / XXXX人民政府, not inside a Latin word (XXL, xxx.com is caught by the 网 case anyway)
    # (The first three open with a look-behind: behind a look-ahead for their first characters,
    # relead, the engine rejects most positions with one set test.)
    recache.compile(lookahead_first(r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])")),
    # X年X月X日, ×月×日, 第×号 — a single cross standing for a number
    recache.compile(lookahead_first(r"(?<![A-Za-z])(?:[XxＸｘ×]+|\d{4})年[XxＸｘ×\d]{0,2}月[XxＸｘ×\d]{0,2}日(?<=[XxＸｘ×]日)"
                                    r"|(?<![A-Za-z])(?:[XxＸｘ×]+|\d{4})年[XxＸｘ×]+月"
                                    r"|(?<![A-Za-z])[XxＸｘ×]+月[XxＸｘ×\d]+日"
                                    r"|第[XxＸｘ×]+[号条款项期届次]")),
    # 〇〇市 / ○○局 (not inside a year such as 二〇〇八)
    recache.compile(lookahead_first(r"(?<![一二三四五六七八九十〇零○O\d])[〇○]{2,}(?![一二三四五六七八九十〇零○O\d年])")),
    # [主送单位] 【发文机关】 【待补】 ［日期］ <单位名称>
    recache.compile(
        r"[\[［【<〈]\s*[\u4e00-\u9fff]{0,10}"
        r"(?:单位|名称|机关|部门|日期|时间|姓名|地址|电话|手机|号码|联系人|负责人|人员|金额|数量|数字|标题|文号|内容|事由|全称|简称|待补|待定|待填|填写|补充|此处|请输入)"
        r"[\u4e00-\u9fff]{0,6}\s*[\]］】>〉]"
    ),
    # [联系人] ［手机号］: Chinese words in square brackets are template slots — not one such
    # bracket occurs in the 1,757 real documents of the shared archive.
    recache.compile(r"[\[［]\s*[\u4e00-\u9fff]{1,12}\s*[\]］]"),
    recache.compile(r"\b(?:TODO|TBD|FIXME)\b"),
    # the prompt of an empty Word/WPS content control
    recache.compile(r"^[ \u3000]*(?:单击|点击|单击或点击|请单击|请点击)此处(?:以)?(?:输入|添加)(?:文字|文本|日期|内容)?[。.]?"),
]
_BLANK = recache.compile(lookahead_first(r"_{3,}|＿{2,}"))
#: A character every placeholder above holds one of (crosses, circles, brackets, T/F of TODO,
#: TBD, FIXME, 击 of 单击/点击, underscores): most paragraphs have none, and one search settles them.
ANY_PLACEHOLDER_CHAR = recache.compile(r"[XxＸｘ×〇○\[［【<〈TF击_＿]")
#: Per pattern above (same order), the characters one of which every match of it holds: a
#: paragraph that passes ANY_PLACEHOLDER_CHAR for a bracket is not searched for crosses, and
#: so on — the seven searches of every such paragraph were most of the rule's cost (issue 18).
_NEEDS = (frozenset("XxＸｘ×"), frozenset("XxＸｘ×"), frozenset("〇○"), frozenset("[［【<〈"), frozenset("[［"),
          frozenset("TF"), frozenset("击"))
_BLANK_NEEDS = frozenset("_＿")


@rule(
    "GW306",
    "placeholder",
    title="未填写的占位符",
    severity=WARNING,
    source="实务 公文定稿前应填全各项内容",
    roles=_STRAY_ROLES,
)
def placeholder(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    模板或草稿中未替换的占位符：XXX、××、“XXXX人民政府”“X年X月X日”“第×号”、○○市、
    ［主送单位］【发文机关】【待补】、下划线空白“＿＿”“____”、TODO，以及 Word/WPS 空内容控件的
    提示文字“单击或点击此处输入文字。”。
    附件正文中的样表常有供填写的空白和“××”，只检查其中的方括号占位符；表格中的下划线空白不报。

    ## 依据
    公文写作实务：定稿前应填全各项内容，模板占位符不得留在成文中。

    ## 示例
    错：XXXX人民政府办公室
    错：[主送单位]：
    错：请于X年X月X日前报送。
    错：联系人：＿＿＿＿
    错：（联系人：[联系人]，电话：[手机号]）
    错：单击或点击此处输入文字。
    对：根据《国务院办公厅关于印发〈国务院工作规则〉的通知》［国办发〔2023〕12号］执行
    对：请于2024年3月5日前报送。
    对：X射线探伤装置应当定期检测。
    对：二〇〇八年九月二十六日
    """
    text = p.text
    if not ANY_PLACEHOLDER_CHAR.search(text):
        return
    attachment = p.role is Role.ATTACHMENT_BODY
    present = set(text)
    found: list[tuple[int, int]] = []
    for i, pattern in enumerate(_PLACEHOLDER_PATTERNS):
        if (attachment and i != 3) or present.isdisjoint(_NEEDS[i]):
            continue
        found += [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not attachment and not p.in_table and not present.isdisjoint(_BLANK_NEEDS):
        found += [(m.start(), m.end()) for m in _BLANK.finditer(text)]
    last_end = -1
    for start, end in sorted(found):
        if start < last_end:
            continue
        last_end = end
        yield ctx.report(p, start, end, f"未填写的占位符“{text[start:end]}”")
