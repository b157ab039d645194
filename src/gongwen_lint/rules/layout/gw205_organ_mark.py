"""GW205: the red 小标宋 发文机关标志."""

from __future__ import annotations

from collections.abc import Iterator

from ... import fonts
from ...diagnostics import Diagnostic
from ...model import (
    Paragraph,
    Role,
    is_red,
)
from .._zones import Zone
from ..context import Context
from ..registry import rule
from ._common import INFO, _anchor_report, _expected_class, _font_phrase, _Profile, _profile, _table


@rule(
    "GW205",
    "organ-mark-style",
    title="发文机关标志样式",
    severity=INFO,
    source="国标 GB/T 9704-2012 7.2.4（推荐）",
    example_input="layout",
    needs={"docx"},
    scope="版头",
    options={"organ-mark-font": "小标宋"},
)
def organ_mark_style(zone: Zone, ctx: Context) -> Iterator[Diagnostic]:
    """
    发文机关标志推荐使用红色小标宋体字。

    ## 检查内容
    发文机关标志（含文本框中的）的文字颜色（红色）和中文字体类别（小标宋体）。标志中的符号（★、分隔线）
    不计。联合行文的多行标志同一问题只报一次。做成图片的标志无法检查。

    ## 依据
    GB/T 9704-2012 7.2.4：发文机关标志……居中排布，上边缘至版心上边缘为 35 mm，推荐使用红色小标宋体字。

    ## 示例
    错：
        {发文机关标志 黑色}某某市人民政府文件
        {标题}关于做好有关工作的通知
    错：
        {发文机关标志 黑体}某某市人民政府文件
        {标题}关于做好有关工作的通知
    对：
        {发文机关标志}某某市人民政府文件
        {标题}关于做好有关工作的通知

    ## 修复
    发文机关标志设为红色（如 FF0000）方正小标宋简体，字号以醒目美观、庄重为原则。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "organ-mark-font")
    not_red: list[tuple[Paragraph, _Profile]] = []
    bad_font: dict[str | None, list[tuple[Paragraph, _Profile]]] = {}
    for p in (q for q in zone.paragraphs if q.role is Role.ORGAN_MARK):
        prof = _profile(p)
        if prof.cjk < 2:
            continue
        if not is_red(prof.color):
            not_red.append((p, prof))
        if prof.font is not None and table.font_class(prof.font) != want_cls:
            bad_font.setdefault(prof.font, []).append((p, prof))
    if not_red:
        p, prof = not_red[0]
        color = f"颜色为 {prof.color}" if prof.color else "为黑色（自动）"
        yield _anchor_report(ctx, p, f"发文机关标志推荐使用红色：现{color}", whole=len(p.text) <= 30)
    for name, items in bad_font.items():
        p, _ = items[0]
        yield _anchor_report(ctx, p, f"发文机关标志推荐使用{fonts.label(want_cls)}：现为{_font_phrase(table, name)}",
                             whole=len(p.text) <= 30)


