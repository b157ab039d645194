"""GW201: paper size and margins of every section (GB/T 9704 5.1, 5.2.1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...diagnostics import Diagnostic
from ...model import (
    Document,
    Paragraph,
)
from ..context import Context
from ..registry import rule
from ._common import ERROR


@rule(
    "GW201",
    "page-setup",
    title="页面设置",
    severity=ERROR,
    source="国标 GB/T 9704-2012 5.1、5.2.1",
    example_input="layout",
    needs={"docx"},
    options={
        "margin-top-mm": 37.0,
        "margin-bottom-mm": 35.0,
        "margin-left-mm": 28.0,
        "margin-right-mm": 26.0,
        "margin-tolerance-mm": 1.0,
    },
)
def page_setup(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    公文用纸应为 A4，页边距应使版心为 156 mm × 225 mm。

    ## 检查内容
    每一节的纸张大小（A4，210 mm × 297 mm）和页边距：天头（上白边）37 mm、订口（左白边，含装订线）28 mm，
    版心 156 mm × 225 mm，即右边距约 26 mm、下边距约 35 mm，各允许 ±1 mm。纸张不是 A4 时只报纸张
    （页边距随纸张而定）；横向的节（横排表格页）不检查页边距。设置相同的多节合并为一条。
    单位模板另有规定的，可在配置 ``[tool.gongwen-lint.GW201]`` 中修改 ``margin-top-mm``、``margin-bottom-mm``、
    ``margin-left-mm``、``margin-right-mm`` 和允许误差 ``margin-tolerance-mm``。

    ## 依据
    GB/T 9704-2012 5.1：公文用纸采用 GB/T 148 中规定的 A4 型纸，其成品幅面尺寸为 210 mm × 297 mm。
    5.2.1：天头（上白边）为 37 mm ± 1 mm，公文用纸订口（左白边）为 28 mm ± 1 mm，版心尺寸为
    156 mm × 225 mm。

    ## 示例
    错：
        {页面 210x297 上25.4 下25.4 左31.8 右31.8}
        {正文}为做好有关工作，现通知如下。
    错：
        {页面 148x210 上17 下15 左13 右11}
        {正文}为做好有关工作，现通知如下。
    对：
        {页面 210x297 上37 下35 左28 右26}
        {正文}为做好有关工作，现通知如下。

    ## 修复
    在“布局—页面设置”中选择 A4 纸，页边距设为上 3.7 cm、下 3.5 cm、左 2.8 cm、右 2.6 cm。
    """
    tol = float(ctx.option("margin-tolerance-mm"))
    want = {
        "top": float(ctx.option("margin-top-mm")),
        "bottom": float(ctx.option("margin-bottom-mm")),
        "left": float(ctx.option("margin-left-mm")),
        "right": float(ctx.option("margin-right-mm")),
    }
    labels = {"top": "上边距（天头）", "bottom": "下边距", "left": "左边距（订口）", "right": "右边距"}
    causes: dict[tuple[Any, ...], list[int]] = {}
    for i, sec in enumerate(doc.sections):
        if sec.page_width_mm is None or sec.page_height_mm is None:
            continue
        w, h = sec.page_width_mm, sec.page_height_mm
        short, long_ = sorted((w, h))
        if abs(short - 210.0) > 1.0 or abs(long_ - 297.0) > 1.0:
            causes.setdefault(("paper", round(w, 1), round(h, 1)), []).append(i)
            continue
        if w > h:  # a landscape A4 section: a wide table, margins are turned with the page
            continue
        found = {
            "top": sec.margin_top_mm,
            "bottom": sec.margin_bottom_mm,
            "left": None if sec.margin_left_mm is None else sec.margin_left_mm + (sec.gutter_mm or 0.0),
            "right": sec.margin_right_mm,
        }
        wrong = tuple(
            (k, round(v, 1)) for k, v in found.items() if v is not None and abs(v - want[k]) > tol + 1e-9
        )
        if wrong:
            causes.setdefault(("margins", wrong), []).append(i)
    for key, sections in causes.items():
        anchor = _section_anchor(doc, sections[0])
        if anchor is None:
            continue
        where = f"（共 {len(sections)} 节）" if len(sections) > 1 else ""
        if key[0] == "paper":
            _, w, h = key
            msg = f"纸张应为 A4（210 mm × 297 mm），本文档为 {w:g} mm × {h:g} mm{where}"
        else:
            parts = [
                f"{labels[k]}{v:g} mm，应为 {want[k]:g}±{tol:g} mm" for k, v in key[1]
            ]
            msg = "页边距不符合 GB/T 9704（版心应为 156 mm × 225 mm）：" + "；".join(parts) + where
        yield ctx.report(anchor, 0, 0, msg)


def _section_anchor(doc: Document, section: int) -> Paragraph | None:
    for p in doc.body:
        if p.section == section:
            return p
    return doc.body[0] if doc.body else None


