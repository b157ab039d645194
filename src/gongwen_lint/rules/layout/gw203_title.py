"""GW203: font and size of the title (标题)."""

from __future__ import annotations

from collections.abc import Iterator

from ... import fonts, recache
from ...diagnostics import Diagnostic
from ...model import (
    Document,
    Paragraph,
    Role,
)
from ...relead import lookahead_first
from ..context import Context
from ..registry import rule
from ._common import (
    WARNING,
    _anchor_report,
    _expected_class,
    _font_phrase,
    _FontKey,
    _Profile,
    _profile,
    _running,
    _size,
    _size_ok,
    _table,
)

_NUMBER_LIKE = recache.compile(r"(〔.{2,4}〕|\[.{2,4}\]|^第.{0,6}[号期]$|号\s*$)")
# Template placeholders: a line that is (partly) a placeholder cannot be told apart reliably
# (a template's issuer line, its body placeholder), so its role is too doubtful to judge its
# typography; GW306 reports the placeholder itself.
_PLACEHOLDER = recache.compile(lookahead_first(r"[XＸ×]{2,}|\[[^\]]*\]|【[^】]*】|＿{2,}|_{2,}"))


def _title_candidates(doc: Document) -> list[Paragraph]:
    out = []
    for p in doc.paragraphs(Role.TITLE):
        if not _running(p):
            continue
        if _NUMBER_LIKE.search(p.text.strip()) or _PLACEHOLDER.search(p.text):
            continue  # a document number taken for the title, or a placeholder line: not judged
        out.append(p)
    return out


@rule(
    "GW203",
    "title-font",
    title="标题字体字号",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.1（一般）",
    example_input="layout",
    needs={"docx"},
    options={"title-font": "小标宋", "title-size-pt": 22.0},
)
def title_font(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    标题一般用 2 号小标宋体字，居中排布。

    ## 检查内容
    标题（可能分几行）的中文字体类别（方正小标宋简体、方正小标宋_GBK 等属小标宋体）、字号（2 号 = 22 磅）
    和对齐方式（居中）。多行标题的同一问题只报一次。可在配置 ``[tool.gongwen-lint.GW203]`` 中修改
    ``title-font``、``title-size-pt``。华文中宋、方正大标宋等不是小标宋体；单位规定可用的，在
    ``[tool.gongwen-lint.dictionaries] font-aliases`` 中把它映射为“小标宋”。

    ## 依据
    GB/T 9704-2012 7.3.1：标题一般用 2 号小标宋体字，编排于红色分隔线下空二行位置，分一行或多行居中排布。

    ## 示例
    错：
        {标题 黑体}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
    错：
        {标题 居左}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。
    对：
        {标题 方正小标宋_GBK 22磅 居中}关于做好有关工作的通知
        {正文}为做好有关工作，现就有关事项通知如下。

    ## 修复
    选中标题，字体设为方正小标宋简体（或本单位的小标宋字体），字号 2 号，居中。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "title-font")
    want_size = float(ctx.option("title-size-pt"))
    tol = float(ctx.setting("layout", "size-tolerance-pt"))
    lines = _title_candidates(doc)
    if not lines:
        return
    fonts_bad: dict[_FontKey, list[tuple[Paragraph, _Profile]]] = {}
    align_bad: list[Paragraph] = []
    for p in lines:
        prof = _profile(p)
        cls = table.font_class(prof.font) if prof.font else None
        bad_font = prof.font is not None and cls != want_cls
        bad_size = not _size_ok(prof.size, want_size, tol)
        if bad_font or bad_size:
            key = (cls if bad_font else None, prof.font if bad_font else None, prof.size if bad_size else None)
            fonts_bad.setdefault(key, []).append((p, prof))
        if p.format.alignment not in (None, "center"):
            align_bad.append(p)
    want_desc = f"{_size(want_size)}{fonts.label(want_cls)}"
    for (_cls, name, size), items in fonts_bad.items():
        first, prof = items[0]
        seen = []
        if name is not None:
            seen.append(_font_phrase(table, name))
        if size is not None:
            seen.append(_size(size))
        n = f"（共 {len(items)} 行）" if len(items) > 1 else ""
        yield _anchor_report(ctx, first, f"标题应使用{want_desc}，现为{'、'.join(seen)}{n}")
    if align_bad:
        names = {"left": "居左", "right": "居右", "both": "两端对齐（看起来居左）", "distribute": "分散对齐"}
        a = align_bad[0].format.alignment or ""
        yield _anchor_report(ctx, align_bad[0], f"标题应居中排布，现为{names.get(a, a)}")


