"""Tables as grids of cells, read back from the paragraphs the reader marked ``in_table``.

The reader gives every cell paragraph its table, row and cell position (``table_pos``) and the
cell's grid column and span (``table_grid``, ``w:gridSpan`` and ``w:gridBefore`` counted), so a
``合计`` label merged across 序号 and 名称 does not shift its row's figures against the header.
Plain-text drafts have tables only when written as Markdown (``| a | b |``, see textreader).

A leading underscore keeps the rule registry from treating this module as a rule family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import recache
from ..model import Document, Paragraph
from ..text import compact
from ._amounts import BLANK_CELL_RE, Quantity, cell_quantity, header_unit


@dataclass
class Cell:
    col: int  # first grid column
    span: int
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(compact(p.text) for p in self.paragraphs)

    def covers(self, col: int) -> bool:
        return self.col <= col < self.col + self.span


@dataclass
class Table:
    part: str
    number: int
    rows: list[list[Cell]]
    caption: str = ""  # the paragraph right above the table (单位：万元 …)

    def cell(self, row: int, col: int) -> Cell | None:
        for c in self.rows[row]:
            if c.covers(col):
                return c
        return None

    @property
    def width(self) -> int:
        return max((c.col + c.span for r in self.rows for c in r), default=0)


def tables(doc: Document) -> list[Table]:
    """The tables of the body, in reading order (nested tables are tables of their own)."""
    found: dict[int, dict[int, dict[int, Cell]]] = {}
    order: list[int] = []
    before: dict[int, str] = {}
    last_outside: Paragraph | None = None  # compacted only when a table follows it
    for p in doc.body:
        if not p.in_table or p.table_pos is None:
            if p.text and not p.text.isspace():  # p.text.strip(), without the copy
                last_outside = p
            continue
        t, r, c = p.table_pos
        if t not in found:
            found[t] = {}
            order.append(t)
            before[t] = compact(last_outside.text) if last_outside is not None else ""
        col, span = p.table_grid if p.table_grid is not None else (c, 1)
        found[t].setdefault(r, {}).setdefault(c, Cell(col, span)).paragraphs.append(p)
    out = []
    for t in order:
        rows = [sorted(cells.values(), key=lambda x: x.col) for _, cells in sorted(found[t].items())]
        out.append(Table("body", t, rows, before[t]))
    return out


# --------------------------------------------------------------------------------------------
# Columns: which hold figures that add up, and in which unit

#: Column headers whose figures are not added up: rates, shares, averages, prices, codes, dates.
NOT_ADDITIVE_RE = recache.compile(
    r"率|比例|比重|占比|%|％|百分|增长|增幅|增速|增减|同比|环比|平均|均价|单价|价格|标准|序号|编号|代码|年份|年度|日期|"
    r"时间|电话|号码|手机|排名|名次|位次|备注|说明|邮编|身份证|账号|批次|期限|人均|倍|指数|系数|密度|浓度|含量|年龄|工龄|"
    r"等级|级别|分值|权重|得分率|完成情况|进度"
)
TOTAL_LABEL_RE = recache.compile(r"^(?:全[省市县区州盟旗乡镇]|总|本[页表])?(?P<kind>合计|总计|小计|共计|总和)[：:]?$")
PART_OF_RE = recache.compile(r"^(其中|含|包括|内含)[：:]?")


def total_kind(label: str) -> str | None:
    """``合计``/``总计``/``共计`` → "total", ``小计`` → "subtotal", else None."""
    m = TOTAL_LABEL_RE.match(re.sub(r"[\s\u3000]+", "", label))
    if not m:
        return None
    return "subtotal" if m.group("kind") == "小计" else "total"


@dataclass
class Column:
    col: int
    header: str
    scale: str | None
    unit: str | None
    additive: bool


def header_rows(table: Table) -> int:
    """Rows before the first one holding a figure (the header)."""
    for i, row in enumerate(table.rows):
        if any(cell_quantity(c.text) is not None for c in row[1:]) and i > 0:
            return i
    return 1 if table.rows else 0


def columns(table: Table) -> dict[int, Column]:
    """Per grid column: its header text, declared unit and whether its figures add up."""
    n_head = header_rows(table)
    caption_unit = header_unit(table.caption) if re.search(r"单位[：:]", table.caption) else None
    out = {}
    for col in range(table.width):
        header = "".join(c.text for r in table.rows[:n_head] if (c := _cell(r, col)) is not None)
        declared = header_unit(header) or caption_unit
        scale, unit = declared if declared else (None, None)
        out[col] = Column(col, header, scale, unit, not NOT_ADDITIVE_RE.search(header))
    return out


def _cell(row: list[Cell], col: int) -> Cell | None:
    for c in row:
        if c.covers(col):
            return c
    return None


def row_label(row: list[Cell]) -> str:
    """The text of a row's leading non-figure cells (序号 and 名称)."""
    parts = []
    for c in row:
        if cell_quantity(c.text) is not None:
            break
        parts.append(c.text)
    # 序号 cells hold only a number: the label is the first cell with letters.
    words = [x for x in parts if re.search(r"[\u4e00-\u9fffA-Za-z]", x)]
    return words[0] if words else ""


def figure(row: list[Cell], column: Column) -> tuple[Quantity | None, bool, Cell | None]:
    """``(quantity, blank, cell)`` of a row in a column: blank cells (—, /, 空) count as zero."""
    c = _cell(row, column.col)
    if c is None or c.col != column.col or c.span != 1:
        return None, False, c  # a merged cell (the 合计 label over two columns) holds no figure
    text = c.text
    if BLANK_CELL_RE.match(text):
        return None, True, c
    return cell_quantity(text, column.scale, column.unit), False, c
