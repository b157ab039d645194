"""GW305: stray lines (pasted web lines, editor notes)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...model import Paragraph, Role
from ..context import Context
from ..registry import rule
from ._common import _STRAY_ROLES, WARNING


@rule(
    "GW305",
    "stray-paragraph",
    title="多余段落",
    severity=WARNING,
    source="实务 公文要素齐全、无无关内容；国标 GB/T 9704-2012 7.3.5.1",
    roles=_STRAY_ROLES,
)
def stray_paragraph(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    不属于任何公文要素的段落：结构识别认定为“多余段落”的行，以及任何位置上带明显网页标记的短段落。
    典型的是从网页复制正文时一并粘贴进来的网页文字（“来源：××网 2024-03-01 浏览次数：123”
    “打印本页 关闭窗口”“【字体：大 中 小】”、单独一行的网站名称“第一足球网”），起草时留下的编辑
    说明（“（此处多个空行或空格）”“（此处插入图片）”），以及“（此页无正文）”。

    “（此页无正文）”单独报告为错误：GB/T 9704-2012 规定印章页不得采取标注“此页无正文”的方法，
    应调整行距、字距，使印章与正文同处一面。模板的占位行（[此处输入标题]）不是多余段落，由 GW306
    报告。结构识别没有把握的行不报。

    ## 依据
    公文写作实务；GB/T 9704-2012 第 7 章规定了版头、主体、版记各要素，此外不应有其他内容；7.3.5.1：
    “当公文排版后所剩空白处不能容下印章位置时，应采取调整行距、字距的措施加以解决，务使印章与正文
    同处一面，不得采取标识‘此页无正文’的方法解决。”

    ## 示例
    错：来源：市政府网 2024-03-01 浏览次数：123
    错：【打印本页】【关闭窗口】
    错：
        宜府办发〔2008〕71号
        第一足球网
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
    错：
        关于表彰先进单位的决定
        各单位：
        希望受表彰的单位珍惜荣誉，再接再厉。
        （此页无正文）
        宜城市人民政府
        2024年2月8日
    对：各地要加强信息来源的核实，确保数据准确。
    对：（联系人：张三，电话：12345678）
    """
    text = p.text.strip()
    if not text:
        return
    if p.role is not Role.STRAY:
        # Only a short line can be reported here: a paragraph of running text is not read for
        # its kind at all, nor is the import statement run for it (issue 18; the length test
        # first, the kind is the costly part).
        if len(text) <= 100:
            from ...structure import stray_kind

            if stray_kind(p.text) == "web" and _web_marked(text):
                yield ctx.report(p, 0, len(p.text), "疑似从网页粘贴的无关文字（来源、浏览次数、打印/关闭按钮等），应删除")
        return
    from ...structure import stray_kind

    kind = stray_kind(p.text)
    if not p.confident:
        return
    end = len(p.text.rstrip())
    if kind == "no_text_page":
        yield ctx.report(
            p, 0, end,
            f"不得标注“{text}”（GB/T 9704-2012 7.3.5.1）：应调整行距、字距，使印章与正文同处一面",
            severity=Severity.ERROR,
        )
    elif kind == "editor":
        yield ctx.report(p, 0, end, f"起草时留下的说明文字“{text}”不是公文内容，应删除")
    elif kind == "web":
        yield ctx.report(p, 0, end, f"“{text}”疑似从网页粘贴的无关文字（网站名、来源、浏览次数、打印/关闭按钮等），应删除")
    else:
        yield ctx.report(p, 0, end, f"“{text}”不属于任何公文要素，应删除或归入相应要素")


def _web_marked(text: str) -> bool:
    """Web-page marks strong enough on their own (any role): a counter, a print button …"""
    from ...decoder import patterns

    return bool(patterns.WEB_STRONG_RE.search(text)) or len(patterns.WEB_WEAK_RE.findall(text)) >= 2


