"""GW104 addressee-format (主送机关格式): the text form of the 主送机关 line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import recache
from ...diagnostics import Diagnostic
from ...model import Document, Paragraph, Role
from .._fields import (
    GENRE_TAIL_RE,
    has_placeholder,
    title_text,
)
from ..context import Context
from ..registry import rule
from ._common import ERROR, _confident

_ADDR_END_RE = recache.compile(r"[。，；、.,;：:！!？?]+$")


@rule(
    "GW104",
    "addressee-format",
    title="主送机关格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.2",
    fixable=True,
)
def addressee_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    主送机关最后一个机关名称后标全角冒号“：”，不用半角冒号，不以句号、逗号等结尾，也不能漏标。

    ## 依据
    GB/T 9704-2012 7.3.2：“编排于标题下空一行位置，居左顶格，回行时仍顶格，最后一个机关名称后标
    全角冒号。”

    ## 示例
    错：
        关于做好防汛工作的通知
        各县市区人民政府，市政府各部门
        现将有关事项通知如下。
    错：
        关于做好防汛工作的通知
        各县市区人民政府:
        现将有关事项通知如下。
    错：
        关于做好防汛工作的通知
        各县市区人民政府。
        现将有关事项通知如下。
    对：
        关于做好防汛工作的通知
        各县市区人民政府，市政府各部门：
        现将有关事项通知如下。

    ## 修复
    补上或改正为全角冒号（安全修复）。
    """
    doc = ctx.doc
    # Without a colon, a line is only surely a 主送 under a title that names a 文种.
    titled = bool(GENRE_TAIL_RE.search(title_text(doc).rstrip("。．.，,；;：:")))
    for p in doc.paragraphs(Role.ADDRESSEE):
        if titled or re.search(r"[：:。，；.,;]$", p.text.rstrip()):
            yield from _confident(_check_addressee(p, ctx), p)


def _check_addressee(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    text = p.text.rstrip()
    if not text or text.endswith("：") or (has_placeholder(text) and text.endswith(("]", "】", "］"))):
        return
    m = _ADDR_END_RE.search(text)
    if m:
        wrong = m.group(0)
        yield ctx.report(p, m.start(), m.end(), f"主送机关后应标全角冒号：“{wrong}” → “：”", replacement="：")
    else:
        last = len(text) - 1
        yield ctx.report(p, last, len(text), "主送机关后缺少全角冒号“：”", replacement=text[last] + "：")
