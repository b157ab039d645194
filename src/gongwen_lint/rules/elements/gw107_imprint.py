"""GW107 imprint-format (版记格式): the text form of the 版记 lines (抄送, 印发机关和印发日期).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import Document, Paragraph, Role
from ...text import compact
from .._fields import (
    find_dates,
    has_placeholder,
)
from ..context import Context
from ..registry import rule
from ._common import ERROR, _confident


@rule(
    "GW107",
    "imprint-format",
    title="版记格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.4.2、7.4.3",
    scope="版记",
    roles={Role.CC, Role.PRINTER},
    fixable=True,
)
def imprint_format(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    抄送机关写作“抄送：机关，机关。”——“抄送”后标全角冒号，最后一个抄送机关后标句号；印发机关和
    印发日期写作“××办公厅  2012年7月1日印发”，两者都要有，日期后加“印发”二字。

    ## 依据
    GB/T 9704-2012 7.4.2：“在抄送机关名称前标“抄送”二字，后标全角冒号……最后一个抄送机关名称后
    标句号。”7.4.3：“印发机关左空一字，印发日期右空一字……后加“印发”二字。”

    ## 示例
    错：抄送：市委办公室，市人大常委会办公室
    错：抄送:市委办公室，市人大常委会办公室。
    对：抄送：市委办公室，市人大常委会办公室。

    ## 修复
    补句号、改全角冒号为安全修复。
    """
    yield from _confident(_check_imprint(p, ctx), p)


def _check_imprint(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    text = p.text.rstrip()
    if not text or has_placeholder(text):
        return
    if p.role is Role.CC:
        m = re.match(r"^(\s*抄\s*送\s*)(:?)", text)
        if m and m.group(2) == ":":
            yield ctx.report(p, m.start(2), m.end(2), "“抄送”后应标全角冒号“：”", replacement="：")
        if _last_cc_line(p, ctx.doc) and not text.endswith("。"):
            tail = re.search(r"[，,；;.、：:]+$", text)
            if tail:
                yield ctx.report(p, tail.start(), tail.end(), f"最后一个抄送机关后应标句号：“{tail.group(0)}” → “。”", replacement="。")
            else:
                yield ctx.report(p, len(text) - 1, len(text), "最后一个抄送机关后应标句号“。”", replacement=text[-1] + "。")
    else:
        # A 版记 typeset as a table puts the 印发机关 and the date in cells of one row.
        row = _row_cells(p, ctx.doc)
        if row[-1] is not p:
            return
        before = "".join(compact(q.text) for q in row[:-1])
        c = before + compact(text)
        if has_placeholder(c):
            return
        if not c.endswith("印发"):
            yield ctx.report(p, 0, len(text), "印发日期后应加“印发”二字")
        dates = find_dates(text)
        if dates and not before and not compact(text[: dates[-1].start]):
            yield ctx.report(p, 0, dates[-1].end, "版记缺少印发机关：应写作“××办公厅  2012年7月1日印发”")


def _row_cells(p: Paragraph, doc: Document) -> list[Paragraph]:
    """The 印发 paragraphs in ``p``'s table row (``[p]`` outside a table), in order."""
    if not p.in_table or p.table_pos is None:
        return [p]
    table, row = p.table_pos[0], p.table_pos[1]
    return [q for q in doc.body if q.role is Role.PRINTER and q.in_table and q.table_pos is not None
            and q.table_pos[:2] == (table, row)] or [p]


def _last_cc_line(p: Paragraph, doc: Document) -> bool:
    after = [q for q in doc.body if q.index > p.index and not q.is_empty]
    return not after or after[0].role is not Role.CC
