"""GW105 attachment-note-format (附件说明格式): the text form of the 附件说明.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import recache
from ...diagnostics import Diagnostic
from ...model import Document, Paragraph, Role
from ...text import compact
from ..context import Context
from ..registry import rule
from ._common import (
    _ATT_HEAD_RE,
    _ITEM_NUMBER_RE,
    ERROR,
    _confident,
)

_TAIL_PUNCT_RE = recache.compile(r"[。，；、.,;：:！!？?]+$")
_VAGUE_ATT_RE = recache.compile(r"^(如文|见文|略|见附件|\d+\s*件|[一二三四五六七八九十]+件)$")


@rule(
    "GW105",
    "attachment-note-format",
    title="附件说明格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.4",
    fixable=True,
)
def attachment_note_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    附件说明写作“附件：名称”，多个附件写作“附件：1. 名称”（阿拉伯数字加下脚点，不用“1、”
    “（1）”），附件名称后不加标点符号，冒号用全角；附件说明要写出附件名称，不能空着或写“附件如文”
    “附件3件”。

    ## 依据
    GB/T 9704-2012 7.3.4：“在正文下空一行左空二字编排“附件”二字，后标全角冒号和附件名称。如有
    多个附件，使用阿拉伯数字标注附件顺序号（如“附件：1.××××”）；附件名称后不加标点符号。”

    ## 示例
    错：附件：1、宜昌市安全生产责任清单
    错：附件：宜昌市安全生产责任清单。
    错：附件:宜昌市安全生产责任清单
    错：附件如文
    对：附件：1. 宜昌市安全生产责任清单
    对：附件：宜昌市安全生产责任清单

    ## 修复
    序号改为“1.”、去掉名称后的标点、半角冒号改全角，均为安全修复。
    """
    for p in ctx.doc.paragraphs(Role.ATTACHMENT_NOTE):
        yield from _confident(_check_attachment_note(p, ctx), p)


def _check_attachment_note(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    text = p.text
    stripped = text.rstrip()
    if not stripped:
        return
    pos = 0
    head = _ATT_HEAD_RE.match(text)
    if re.fullmatch(r"附件(如文|见文|略|\d{1,2}件|[一二三四五六七八九十]件)", compact(text)):
        yield ctx.report(p, 0, len(stripped), f"附件说明应写明附件名称，不能写“{compact(text)}”")
        return
    if head:
        if head.group("colon") == ":":
            yield ctx.report(p, head.start("colon"), head.end("colon"), "附件说明应使用全角冒号“：”", replacement="：")
        elif not head.group("colon"):
            return  # not a 附件说明 line after all (the structure recogniser requires the colon)
        pos = head.end()
        rest = compact(text[pos:])
        if not rest:
            if not _continues(p, ctx.doc):
                yield ctx.report(p, 0, len(stripped), "附件说明缺少附件名称")
            return
        if _VAGUE_ATT_RE.match(rest):
            yield ctx.report(p, pos, len(stripped), f"附件说明应写明附件名称，不能写“{rest}”")
            return
    item = _ITEM_NUMBER_RE.match(text[pos:])
    if item:
        if item.group("paren"):
            num = re.sub(r"\D", "", item.group("paren"))
            a, b = pos + item.start("paren"), pos + item.end("paren")
            yield ctx.report(p, a, b, f"附件顺序号应写作“{num}.”：{item.group('paren')} → {num}.", replacement=f"{num}.")
        elif item.group("sep") in ("、", "，", ",", "．"):
            a, b = pos + item.start("num"), pos + item.end("sep")
            num = item.group("num")
            yield ctx.report(p, a, b, f"附件顺序号应写作“{num}.”：{text[a:b]} → {num}.", replacement=f"{num}.")
    tail = _TAIL_PUNCT_RE.search(stripped)
    if tail and tail.start() > pos:
        yield ctx.report(p, tail.start(), tail.end(), f"附件名称后不加标点符号：删去“{tail.group(0)}”", replacement="")


def _continues(p: Paragraph, doc: Document) -> bool:
    """The next non-empty paragraph is a continuation of this 附件说明 (``1. 名称``)."""
    after = [q for q in doc.body if q.index > p.index and not q.is_empty]
    return bool(after) and after[0].role is Role.ATTACHMENT_NOTE
