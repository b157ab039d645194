"""GW109 title-format (标题格式): the text form of the 标题.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import recache
from ...diagnostics import Diagnostic
from ...model import Document, Role
from ...text import compact, mask
from .._fields import (
    GENRE_TAIL_RE,
    title_paragraphs,
)
from ..context import Context
from ..registry import rule
from ._common import WARNING

_TITLE_END_PUNCT_RE = recache.compile(r"[。．.，,；;：:！!？?]+$")


@rule(
    "GW109",
    "title-format",
    title="标题格式",
    severity=WARNING,
    source="实务 条例第九条第七项；转发标题写法",
    fixable=True,
)
def title_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    标题末尾不加标点符号；转发、印发类标题不出现“通知的通知”、重复的“关于”（应写作“××关于转发
    ××关于××的通知的通知”→“××转发××关于××的通知”）。标题是否以文种结尾见 GW601。

    ## 依据
    条例第九条第七项：标题由发文机关名称、事由和文种组成。标题不加句末标点、转发标题去掉重复的
    “关于”和“的通知”，是公文写作的通行做法（实务）。

    ## 示例
    错：关于做好防汛工作的通知。
    错：关于转发省政府关于做好防汛工作的通知的通知
    对：关于做好防汛工作的通知
    对：宜昌市人民政府转发省人民政府关于做好防汛工作的通知

    ## 修复
    删去标题末尾的标点（安全修复）。
    """
    doc = ctx.doc
    ps = title_paragraphs(doc)
    if not ps:
        if len(doc.body) == 1 and doc.body[0].role is Role.BODY:
            ps = [doc.body[0]]  # a one-line draft is its own title (examples, quick checks)
        else:
            return
    last = ps[-1]
    text = last.text.rstrip()
    m = _TITLE_END_PUNCT_RE.search(text)
    core = compact(text[: m.start()]) if m else ""
    if m and (GENRE_TAIL_RE.search(core) or "关于" in core):  # not a salutation (各位代表！)
        yield ctx.report(last, m.start(), m.end(), f"标题末尾不加标点符号：删去“{m.group(0)}”", replacement="")
    joined = "".join(compact(p.text) for p in ps)
    m2 = re.search(r"通知的通知$", joined)
    if m2 and re.search(r"(转发|印发|批转)", joined):
        idx = text.rfind("的通知")
        if idx >= 0:
            yield ctx.report(last, idx, len(text), f"转发标题不应出现“{m2.group(0)}”：保留一个“通知”")
    elif mask(joined).count("关于") >= 2 and re.search(r"关于(转发|批转)", joined):
        first = ps[0]
        k = first.text.find("关于")
        if k >= 0:
            yield ctx.report(first, k, k + 2, "转发标题中“关于”重复：去掉“转发”前的“关于”")
