"""GW106 attachment-mismatch (附件说明与附件不一致): the 附件说明 and the attachments that follow
agree in number and names.
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

_NORMALISE_RE = recache.compile(r"[\s\u3000《》“”\"'‘’〈〉<>。，；、.,;：:]")


def _norm(s: str) -> str:
    return _NORMALISE_RE.sub("", s)


def _note_items(doc: Document) -> list[tuple[int | None, str, Paragraph]]:
    items: list[tuple[int | None, str, Paragraph]] = []
    for p in doc.paragraphs(Role.ATTACHMENT_NOTE):
        t = p.text.strip()
        head = _ATT_HEAD_RE.match(t)
        if head and head.group("colon"):
            t = t[head.end():]
        if not compact(t):
            continue
        m = _ITEM_NUMBER_RE.match(t)
        if m and m.group("num"):
            items.append((int(m.group("num")), t[m.end():], p))
        elif m and m.group("paren"):
            items.append((int(re.sub(r"\D", "", m.group("paren"))), t[m.end():], p))
        elif items and items[-1][0] is not None and not head:
            # A wrapped long name continues the previous item.
            n, name, q = items[-1]
            items[-1] = (n, name + t, q)
        else:
            items.append((None, t, p))
    return items


def _attachments(doc: Document) -> list[tuple[int | None, str, Paragraph]]:
    """(number, title, label paragraph) for each 附件标识 in the document."""
    out = []
    body = doc.body
    for k, p in enumerate(body):
        if p.role is not Role.ATTACHMENT_LABEL:
            continue
        digits = re.sub(r"\D", "", compact(p.text))
        number = int(digits) if digits else None
        title = ""
        for q in body[k + 1:]:
            if q.is_empty and not title:
                continue
            if q.role is Role.ATTACHMENT_TITLE:
                title += compact(q.text)
                continue
            break
        out.append((number, title, p))
    return out


@rule(
    "GW106",
    "attachment-mismatch",
    title="附件说明与附件不一致",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.4、7.3.7",
)
def attachment_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    附件说明列出的附件序号和名称，与文后附件的标识（附件1）和标题一一对应：附件说明中有的附件文后
    要有，文后附件在附件说明中要列出，名称一致。附件另行装订、文后没有附件时不检查。

    ## 依据
    GB/T 9704-2012 7.3.7：“附件序号和名称前后标注应当一致。”7.3.4：附件说明的写法。

    ## 示例
    错：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        附件：1. 防汛责任人名单
        2. 防汛物资清单
        宜昌市人民政府
        2012年7月1日
        附件1
        防汛责任人名单
        名单略。
        附件3
        防汛物资储备清单
        清单略。
    对：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        附件：1. 防汛责任人名单
        2. 防汛物资清单
        宜昌市人民政府
        2012年7月1日
        附件1
        防汛责任人名单
        名单略。
        附件2
        防汛物资清单
        清单略。
    """
    labels = [p for _, _, p in _attachments(ctx.doc)]
    yield from _confident(_attachment_mismatch(ctx), *labels, *ctx.doc.paragraphs(Role.ATTACHMENT_NOTE))


def _attachment_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.doc
    attachments = _attachments(doc)
    if not attachments:
        return
    notes = _note_items(doc)
    if not notes:
        p = attachments[0][2]
        yield ctx.report(p, 0, len(p.text.rstrip()), "文后有附件，但正文后没有附件说明")
        return
    by_number = {n: (name, q) for n, name, q in notes if n is not None}
    single = len(notes) == 1 and notes[0][0] is None
    seen: set[int | None] = set()
    for number, title, label in attachments:
        key = number if not single else None
        seen.add(key)
        if single:
            name, _ = notes[0][1], notes[0][2]
        elif number is None or number not in by_number:
            what = f"附件{number}" if number is not None else "附件"
            yield ctx.report(label, 0, len(label.text.rstrip()), f"{what}在附件说明中没有列出")
            continue
        else:
            name = by_number[number][0]
        if title and _norm(name) and _norm(title) != _norm(name):
            target = next((q for q in doc.body if q.index > label.index and q.role is Role.ATTACHMENT_TITLE), label)
            yield ctx.report(
                target, 0, len(target.text.rstrip()), f"附件标题与附件说明不一致：附件说明为“{_norm(name)}”"
            )
    if not single:
        for n, _name, q in notes:
            if n is not None and n not in seen and len(seen) > 0:
                yield ctx.report(q, 0, len(q.text.rstrip()), f"附件说明列出的附件{n}在文后没有找到")
