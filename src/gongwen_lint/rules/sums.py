"""Numbers that add up (GW621–GW624): table totals, totals stated in the text, counted lists.

A total is compared with what it sums only where the draft itself says what that is — the rows
above a 合计 row, the breakdown in brackets right after ``合计16口井（…）``, the items after
``以下5项措施：`` — and it is accepted when *any* reasonable reading of the table adds up
(all rows, the 小计 rows, the top-level rows of a hierarchy, the rows below a 合计 printed first):
a figure is reported only when none does.  Rate, share, average and price columns are not added
up.  The 条例 asks the reviewing office to check 数字 (第二十条第四项); a wrong 合计 is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from .. import recache
from ..diagnostics import Diagnostic, Severity
from ..model import HEADING_ROLES, Document, Paragraph, Role
from ..relead import lookahead_first
from ..text import compact, mask
from ._amounts import MONEY, Quantity, find_quantities, in_unit, show, written_like
from ._ordinals import parse_ordinal
from ._tables import (
    PART_OF_RE,
    Column,
    Table,
    columns,
    figure,
    header_rows,
    row_label,
    tables,
    total_kind,
)
from .context import Context
from .registry import rule

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
TEXT = frozenset({Role.BODY, Role.ATTACHMENT_BODY}) | HEADING_ROLES
_ROUNDING_NOTE = recache.compile(r"四舍五入|尾差|舍入")


def _rounding(doc: Document) -> bool:
    return any(_ROUNDING_NOTE.search(p.text) for p in doc.body)


def _tolerance(total: Quantity, items: Sequence[Quantity], rounding: bool) -> Decimal:
    """How far a sum of written figures may honestly be from the written total.

    Whole figures (120, 120万元, 36个) must add up exactly: an allocation in 万元 is allocated in
    whole 万元.  Figures written with decimals, or under a 四舍五入 note, are rounded: each may
    be off by half a unit of its last place."""
    rounded = rounding or any(q.decimals for q in (total, *items))
    if not rounded:
        return Decimal(0)
    return (total.step + sum((q.step for q in items), Decimal(0))) / 2


def _adds_up(total: Quantity, items: Sequence[Quantity], rounding: bool) -> bool:
    return abs(sum((q.value for q in items), Decimal(0)) - total.value) <= _tolerance(total, items, rounding)


# --------------------------------------------------------------------------------------------
# GW621: 合计/总计/小计 rows


def _level(label: str) -> int | None:
    o = parse_ordinal(label)
    return o.level if o else None


def _candidates(i: int, kinds: list[str | None], labels: list[str], figs: list) -> list[list[int]]:
    """Readings of the rows a total at row ``i`` may sum (row indexes into the table body)."""
    n = len(kinds)
    kind = kinds[i]
    stop_kinds = ("total",) if kind == "total" else ("total", "subtotal")

    def run(rows: range) -> list[int]:
        out = []
        for j in rows:
            if kinds[j] in stop_kinds:
                break
            out.append(j)
        return out

    above = list(reversed(run(range(i - 1, -1, -1))))
    below = run(range(i + 1, n))
    # A total closes the rows above it; only a total printed first (nothing above it but group
    # header lines) sums the rows below.
    has_figures = [j for j in above if figs[j][0] is not None]
    readings: list[list[int]] = []
    for rows in ([above] if has_figures else [below]):
        if kind == "subtotal":
            # A 小计 closes the rows since its group's header line (a label without figures).
            group = []
            for j in (reversed(rows) if rows is above else rows):
                if figs[j][0] is None and not figs[j][1] and labels[j] and kinds[j] is None:
                    break
                group.append(j)
            rows = sorted(group)
        items = [j for j in rows if kinds[j] is None and not PART_OF_RE.match(labels[j])]
        readings.append(items)
        readings.append([j for j in rows if kinds[j] is None])  # 其中 rows are items after all
        readings.append([j for j in rows if kinds[j] == "subtotal"])
        levels = [_level(labels[j]) for j in items]
        known = [lv for lv in levels if lv is not None]
        if known and len(set(known)) > 1:
            top = min(known)
            readings.append([j for j, lv in zip(items, levels) if lv == top])
        readings.append(_without_children(items, figs))
    return [r for r in readings if r]


def _without_children(rows: list[int], figs: list) -> list[int]:
    """Drop rows that break down the row above them (a parent followed by parts adding up to it)."""
    out, k = [], 0
    while k < len(rows):
        j = rows[k]
        out.append(j)
        q = figs[j][0]
        if q is not None:
            acc, m = Decimal(0), k + 1
            while m < len(rows) and figs[rows[m]][0] is not None and acc < q.value:
                acc += figs[rows[m]][0].value
                m += 1
            if acc == q.value and m - k > 1:
                k = m
                continue
        k += 1
    return out


def _table_findings(table: Table, ctx: Context, rounding: bool) -> Iterator[Diagnostic]:
    n_head = header_rows(table)
    body = table.rows[n_head:]
    labels = [row_label(r) for r in body]
    kinds = [total_kind(label) for label in labels]
    if not any(kinds):
        return
    for column in columns(table).values():
        if not column.additive:
            continue
        figs = [figure(r, column) for r in body]
        for i, kind in enumerate(kinds):
            total, _, cell = figs[i]
            if kind is None or total is None or cell is None:
                continue
            readings = []
            for rows in _candidates(i, kinds, labels, figs):
                if any(figs[j][0] is None and not figs[j][1] for j in rows):
                    continue  # a text cell among the items: not a column of figures there
                items = [q for q in (figs[j][0] for j in rows) if q is not None]
                if not items or any(q.unit != total.unit for q in items):
                    continue
                readings.append((rows, items))
            if any(_adds_up(total, items, rounding) for _, items in readings):
                continue
            # One figure is a sum to report only under a 小计 (a group of one); a 合计 over one row
            # is more likely a table read wrong.
            readings = [r for r in readings if len(r[1]) >= (1 if kind == "subtotal" else 2)]
            if not readings:
                continue
            rows, items = readings[0]
            yield _report_total(ctx, cell, column, labels[i], total, rows, items, figs)


def _report_total(ctx: Context, cell, column: Column, label: str, total: Quantity, rows, items, figs) -> Diagnostic:
    p = cell.paragraphs[0]
    written = total.text
    k = p.text.find(written) if written else -1
    start, end = (k, k + len(written)) if k >= 0 else (0, len(p.text.rstrip()))
    unit = (column.scale or "") + (column.unit or "") if column.unit else ""
    total_sum = sum((q.value for q in items), Decimal(0))
    shown = [figs[j][2].text if figs[j][2] is not None else "0" for j in rows]
    terms = "＋".join(shown[:8]) + ("＋…" if len(shown) > 8 else "")
    head = f"“{column.header}”列" if column.header else f"第{column.col + 1}列"
    return ctx.report(
        p, start, end,
        f"{compact(label)}行{head}为{show(in_unit(total.value, column.scale))}{unit}，"
        f"而所列{len(items)}项之和为{show(in_unit(total_sum, column.scale))}{unit}（{terms}）",
    )


@rule(
    "GW621",
    "table-total",
    title="表格合计与各项之和不符",
    severity=ERROR,
    source="条例 第二十条第四项（审核数字是否准确）",
    example_input="table",
)
def table_total(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    表格中标为“合计”“总计”“小计”的行，其每一列数字应等于所合计各行之和：合计对应其上（合计
    排在最前时为其下）的各行，小计对应本组各行。万元、亿元等单位按表头或单元格换算；比率、
    百分比、平均数、单价、序号、年份等列不相加。只要有一种合理的读法能加得上（全部行、各小计行、
    分级表格的一级行、去掉“其中”行）就不报告；带小数的数字（或表下注明四舍五入的）允许每项半个
    末位的尾差，整数必须相等。

    ## 依据
    《党政机关公文处理工作条例》第二十条第四项：公文文稿签发前审核“人名、地名、时间、数字、
    段落顺序、引文等是否准确”。

    ## 示例
    错：
        关于下达2024年农村公路建设资金的通知
        各县（市、区）交通运输局：
        现将资金分配情况通知如下。
        | 县（市、区） | 金额（万元） |
        | 袁州区 | 80 |
        | 樟树市 | 20 |
        | 合计 | 120 |
    对：
        关于下达2024年农村公路建设资金的通知
        各县（市、区）交通运输局：
        现将资金分配情况通知如下。
        | 县（市、区） | 金额（万元） | 占比 |
        | 袁州区 | 80 | 80% |
        | 樟树市 | 20 | 20% |
        | 合计 | 100 | 100% |

    ## 修复
    重新核对各行数字和合计数；表中数字经过四舍五入的，在表下注明“因四舍五入，合计数与分项之和可能略有差异”。
    """
    rounding = _rounding(doc)
    for table in tables(doc):
        yield from _table_findings(table, ctx, rounding)


# --------------------------------------------------------------------------------------------
# GW622: totals stated in the text

_TOTAL_WORD = r"(?:合计|总计|共计|总共|共需|共安排|共下达|共拨付|共有|共|累计|总额为?|总投资|总金额|总经费|总预算)"
# 共 of 共同、共享、共建共治 is not a total; 共建成 is (an approximation like 约 is left to the quantity).
# Behind a look-ahead for the characters a total word opens with (relead): the pattern opens with
# a look-behind, so the engine could not skip ahead and tried every alternative at every
# position of every body paragraph, three times a paragraph (issue 18).
_STATED_RE = recache.compile(lookahead_first(
    r"(?<![公总])" + _TOTAL_WORD + r"(?!同|享|建(?![成设])|治|识|性|赢|产|谋|商|担|青)[为达]?"))
_BREAK_WORDS = recache.compile(r"其中|等|约|主要|部分|以上|以下|左右|余|多|近|超过|含|包括|如|例如|分别|另|此外|平均|人均|每")
_FUNDS = recache.compile(r"经费|资金|投资|预算|费用|补助|补贴|金额|奖励|奖金|拨款|款项|专项")
_SEGMENT_SPLIT = recache.compile(r"[、，,；;]")


def _total_here(m: str, pos: int) -> Quantity | None:
    """The (non-approximate) quantity a total word at ``pos`` introduces: ``合计120万元``,
    ``共开工项目12个`` (a few words of what is counted may come between)."""
    window = m[pos: pos + 20]
    for q in find_quantities(window):
        if re.fullmatch(r"[\u4e00-\u9fff]{0,8}", window[: q.start]):
            return None if q.approx else replace(q, start=pos + q.start, end=pos + q.end)
        return None
    return None


def _breakdown(m: str, after: int) -> tuple[int, int, str] | None:
    """The exhaustive breakdown right after a total: ``（生产井9口，注水井6口）`` or ``：A 5项、B 4项``."""
    rest = m[after:]
    if rest.startswith(("（", "(")):
        close = re.search(r"[）)]", rest)
        if not close:
            return None
        return after + 1, after + close.start(), "paren"
    if rest.startswith(("：", ":")):
        end = re.search(r"[。；;]|$", rest)
        assert end is not None  # "|$" always matches
        return after + 1, after + end.start(), "colon"
    return None


def _stated_totals(m: str) -> list[Quantity | None]:
    """The quantity each total word of the masked paragraph ``m`` introduces (None: none), in
    order: read once for both checks below (issue 18)."""
    return [_total_here(m, mt.end()) for mt in _STATED_RE.finditer(m)]


def _stated_in_text(p: Paragraph, m: str, totals: list[Quantity | None], ctx: Context) -> Iterator[Diagnostic]:
    for total in totals:
        if total is None or total.unit is None:
            continue
        chain_end = total.end
        # 共3类12项：… — the second figure of the chain is the one the items add up to.
        nxt = find_quantities(m[chain_end: chain_end + 8])
        first = total
        if nxt and nxt[0].start == 0 and not nxt[0].approx:
            total = replace(nxt[0], start=chain_end, end=chain_end + nxt[0].end)
            chain_end = total.end
        span = _breakdown(m, chain_end)
        if span is None:
            continue
        s, e, _ = span
        inner = m[s:e]
        if _BREAK_WORDS.search(inner) or "（" in inner or "(" in inner:
            continue
        segments = [x for x in _SEGMENT_SPLIT.split(inner) if x.strip()]
        items = [find_quantities(seg) for seg in segments]
        if len(segments) < 2 or any(len(q) != 1 or q[0].approx for q in items):
            continue
        qs = [q[0] for q in items]
        if first is not total and first.unit not in (None, total.unit) and len(segments) != int(first.value):
            yield ctx.report(p, first.start, first.end,
                             f"总数写的是“{p.text[first.start:first.end]}”，后面列举了{len(segments)}{first.unit}")
        if any(q.unit != total.unit for q in qs):
            continue
        if not _adds_up(total, qs, False):
            terms = "＋".join(p.text[s + x.start(): s + x.end()].strip() for x in _segments_spans(inner))
            yield ctx.report(
                p, total.start, total.end,
                f"总数写的是{p.text[total.start:total.end]}，而括注的各项之和为"
                f"{written_like(sum((q.value for q in qs), Decimal(0)), total)}（{terms}）",
            )


def _segments_spans(inner: str):
    return [x for x in re.finditer(r"[^、，,；;]+", inner) if x.group().strip()]


_QIZHONG = recache.compile(r"其中[：:，,]?")


def _parts_exceed(p: Paragraph, m: str, totals: list[Quantity | None], ctx: Context) -> Iterator[Diagnostic]:
    """``经费合计120万元，其中A 80万元、B 50万元``: money parts cannot add up to more than the whole."""
    for total in totals:
        if total is None or total.unit != MONEY:
            continue
        q = _QIZHONG.match(m, total.end + 1) if m[total.end:total.end + 1] in "，,；;" else None
        if q is None:
            continue
        end = re.search(r"[。；;]|$", m[q.end():])
        assert end is not None  # "|$" always matches
        inner = m[q.end(): q.end() + end.start()]
        if re.search(r"其中|含|包括|以及|分别|平均|人均|每|累计|同比|增长|减少|（|\(", inner):
            continue
        parts = [x for x in find_quantities(inner) if x.unit == MONEY]
        if len(parts) < 2 or any(x.approx for x in parts):
            continue
        if sum((x.value for x in parts), Decimal(0)) > total.value + _tolerance(total, parts, True):
            yield ctx.report(
                p, total.start, total.end,
                f"其中各项之和{written_like(sum((x.value for x in parts), Decimal(0)), total)}"
                f"超过了总数{p.text[total.start:total.end]}",
            )


def _money_totals(doc: Document) -> tuple[list[Decimal], set[Decimal]]:
    """Grand totals of the money columns of the draft's tables, and every money figure in them."""
    totals, figures = [], set()
    for table in tables(doc):
        body = table.rows[header_rows(table):]
        labels = [row_label(r) for r in body]
        for column in columns(table).values():
            if column.unit != MONEY or not column.additive:
                continue
            values = []
            for r, label in zip(body, labels):
                q = figure(r, column)[0]
                if q is None:
                    continue
                figures.add(q.value)
                values.append(q.value)
                if total_kind(label) == "total":
                    totals.append(q.value)
            figures.add(sum(values, Decimal(0)))
    return totals, figures


def _against_tables(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    totals, figures = _money_totals(doc)
    if len(set(totals)) != 1:
        return  # no table total, or several: which one the text means cannot be told
    (table_total,) = set(totals)
    for p in doc.body:
        if p.role not in TEXT or p.in_table:
            continue
        m = mask(p.text)
        for s0, e0 in _sentences(m):
            sentence = m[s0:e0]
            if not _FUNDS.search(sentence):
                continue
            for mt in _STATED_RE.finditer(sentence):
                total = _total_here(sentence, mt.end())
                if total is None or total.unit != MONEY:
                    continue
                if total.value in figures or abs(total.value - table_total) <= total.step / 2:
                    continue
                a, b = s0 + total.start, s0 + total.end
                yield ctx.report(p, a, b, f"正文写的是{p.text[a:b]}，而表格合计为{written_like(table_total, total)}")


def _sentences(m: str) -> list[tuple[int, int]]:
    from ..text import sentences

    return sentences(m)


@rule(
    "GW622",
    "stated-total",
    title="正文所述总数与分项或表格不符",
    severity=ERROR,
    source="条例 第二十条第四项（审核数字是否准确）",
    example_input="table",
)
def stated_total(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    正文中写出的总数与它所总括的内容不符：

    - 总数后紧跟括注或冒号逐项列出的分项（“合计16口井（生产井9口，注水井6口，排液井1口）”
      “共12项：安全类5项、环保类4项、消防类3项”），分项之和应等于总数，“共3类”应列出3类；
    - “经费合计120万元，其中：设备购置80万元、培训50万元”，其中各项之和不能超过总数；
    - 正文写的经费总数（“所需经费合计120万元”）与文中表格的合计不一致（表格只有一个合计金额时）。

    列举中有“其中”“等”“约”“主要”“包括”的不要求加满。

    ## 依据
    《党政机关公文处理工作条例》第二十条第四项：审核“数字……是否准确”。

    ## 示例
    错：全年共开工项目12个（交通项目5个，水利项目4个，教育项目4个）。
    错：项目所需经费合计120万元，其中设备购置80万元，人员培训50万元。
    对：全年共开工项目13个（交通项目5个，水利项目4个，教育项目4个）。
    对：项目所需经费合计130万元，其中设备购置80万元，人员培训50万元。
    对：全年共开工项目12个，其中交通项目5个。
    错：
        关于下达2024年农村公路建设资金的通知
        各县（市、区）交通运输局：
        2024年全市农村公路建设资金合计120万元，分配如下。
        | 县（市、区） | 金额（万元） |
        | 袁州区 | 80 |
        | 樟树市 | 20 |
        | 合计 | 100 |
    对：
        关于下达2024年农村公路建设资金的通知
        各县（市、区）交通运输局：
        2024年全市农村公路建设资金合计100万元，分配如下。
        | 县（市、区） | 金额（万元） |
        | 袁州区 | 80 |
        | 樟树市 | 20 |
        | 合计 | 100 |

    ## 修复
    核对总数和各分项，改正其中错误的一处。
    """
    for p in doc.body:
        if p.role in TEXT and not p.in_table:
            m = mask(p.text)
            totals = _stated_totals(m)
            if totals:
                yield from _stated_in_text(p, m, totals, ctx)
                yield from _parts_exceed(p, m, totals, ctx)
    yield from _against_tables(doc, ctx)
