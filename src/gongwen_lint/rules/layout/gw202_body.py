"""GW202: font, size, first-line indent and line spacing of the running text (正文)."""

from __future__ import annotations

from collections.abc import Iterator

from ... import fonts, recache
from ...diagnostics import Diagnostic
from ...model import (
    Document,
    Paragraph,
    Role,
)
from ...text import cjk_at_least
from ..context import Context
from ..registry import rule
from ._common import (
    WARNING,
    _anchor_report,
    _count_phrase,
    _expected_class,
    _font_phrase,
    _FontKey,
    _group,
    _Profile,
    _profile,
    _running,
    _size,
    _size_ok,
    _table,
)

_ADDRESSEE_LIKE = recache.compile(r"^[^。；！？]{1,40}[：:]$")
_LABEL_LIKE = recache.compile(r"^(附\s*件\s*[\d一二三四五六七八九十]*|附表|附图)")
# 版记-like lines (纪要 put 主送/分送 in the 版记, 4号): not body text even when recognised as such.
_IMPRINT_LIKE = recache.compile(r"^(主\s*送|分\s*送|抄\s*送|抄\s*报|报\s*送|发\s*送)[：:]")
# Names spread with spaces (joint signatures, 出席 lists): positioned lines, not prose.
# ``[ \u3000]{3,}|\t`` written to open with one class of both (a tab, or a blank two more
# follow): the engine then skips to the next blank or tab instead of trying both alternatives
# at every character of every paragraph (text._CJK_RUN_RE; ~4× faster on a long draft).
_GAP = recache.compile(r"[ \u3000\t](?:(?<=\t)|[ \u3000]{2,})")


def _body_candidates(doc: Document) -> list[Paragraph]:
    """Body paragraphs that are certainly running prose (see the module docstring)."""
    out = []
    for p in doc.paragraphs(Role.BODY):
        if not _running(p):
            continue
        if p.format.alignment in ("center", "right"):
            continue  # a centred or right-aligned line is not prose: a misrecognised title or signature
        text = p.text.strip()
        if not cjk_at_least(text, 4) or p.text.startswith("\t"):
            continue
        if _ADDRESSEE_LIKE.match(text) or (_LABEL_LIKE.match(text) and len(text) <= 20):
            continue
        if _IMPRINT_LIKE.match(text) or _GAP.search(text) or _leading_width(p.text) > 4:
            continue
        if (p.format.first_line_indent_chars or 0) > 6 or (p.format.left_indent_pt or 0) > 6 * 16:
            continue  # a line placed far to the right (a signature or date taken for body text)
        out.append(p)
    return out


def _leading_width(text: str) -> float:
    """Width in characters of the blanks a line starts with (a full-width space is one)."""
    lead = len(text) - len(text.lstrip(" \u3000"))
    return sum(1.0 if ch == "\u3000" else 0.5 for ch in text[:lead])


def _indent_chars(p: Paragraph, size: float | None) -> float | None:
    """The first-line indent in characters, counting leading spaces typed instead of an indent."""
    f = p.format
    if f.first_line_indent_chars:
        indent = f.first_line_indent_chars
    elif f.first_line_indent_pt is not None and size:
        indent = f.first_line_indent_pt / size
    elif f.first_line_indent_pt is None:
        return None
    else:
        indent = 0.0
    return indent + _leading_width(p.text)


@rule(
    "GW202",
    "body-font",
    title="正文字体字号",
    severity=WARNING,
    source="国标 GB/T 9704-2012 5.2.2、7.3.3（一般）",
    example_input="layout",
    needs={"docx"},
    options={
        "body-font": "仿宋",
        "body-indent-chars": 2.0,
        "indent-tolerance-chars": 0.3,
        "line-spacing-pt": 0.0,
        "line-spacing-tolerance-pt": 0.5,
    },
)
def body_font(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    正文一般用 3 号仿宋体字，每个自然段左空二字。

    ## 检查内容
    正文段落（不含表格、文本框中的文字）的中文字体类别（仿宋_GB2312、仿宋、方正仿宋_GBK、华文仿宋……都属
    仿宋体）、字号（3 号 = 16 磅）和首行缩进（2 字符；用全角空格缩进的也算）。同一原因只报一次，并说明
    涉及多少段：整篇正文都用了宋体，是一条而不是每段一条。单位的公文样式不同的，可在配置中修改
    ``[tool.gongwen-lint.GW202]`` 的 ``body-font``、``body-indent-chars`` 和共用设置 ``[tool.gongwen-lint.layout]`` 的
    ``body-size-pt``（标题、页码、版记的字号误差也按它的 ``size-tolerance-pt``）；行距默认不检查
    （GB/T 9704 只说“一般每面排 22 行”，Word 有多种设法），单位规定固定行距的（如 28 磅），设
    ``line-spacing-pt = 28.0`` 即检查正文的固定行距。

    ## 依据
    GB/T 9704-2012 5.2.2：如无特殊说明，公文格式各要素一般用 3 号仿宋体字。7.3.3：正文一般用 3 号仿宋体字，
    编排于主送机关名称下一行，每个自然段左空二字，回行顶格。

    ## 示例
    错：
        {标题}关于做好有关工作的通知
        {正文 宋体 12磅}为做好有关工作，现就有关事项通知如下。
    错：
        {标题}关于做好有关工作的通知
        {正文 缩进0}为做好有关工作，现就有关事项通知如下。
    对：
        {标题}关于做好有关工作的通知
        {正文 方正仿宋_GBK 16磅}为做好有关工作，现就有关事项通知如下。

    ## 修复
    选中正文，中文字体设为仿宋_GB2312（或本单位的仿宋字体），字号 3 号，段落首行缩进 2 字符；最好修改
    “正文”样式，而不是逐段设置。
    """
    table = _table(ctx)
    want_cls = _expected_class(ctx, "body-font")
    want_size = float(ctx.setting("layout", "body-size-pt"))
    tol = float(ctx.setting("layout", "size-tolerance-pt"))
    want_indent = float(ctx.option("body-indent-chars"))
    indent_tol = float(ctx.option("indent-tolerance-chars"))
    want_ls = float(ctx.option("line-spacing-pt"))
    ls_tol = float(ctx.option("line-spacing-tolerance-pt"))
    paragraphs = _body_candidates(doc)
    total = len(paragraphs)
    if not total:
        return
    font_items, indent_items, ls_items = [], [], []
    for p in paragraphs:
        prof = _profile(p)
        cls = table.font_class(prof.font) if prof.font else None
        bad_font = prof.font is not None and cls != want_cls
        bad_size = not _size_ok(prof.size, want_size, tol)
        if bad_font or bad_size:
            key = (cls if bad_font else None, prof.font if bad_font and cls is None else None,
                   prof.size if bad_size else None)
            font_items.append((key, p, prof))
        indent = _indent_chars(p, prof.size or want_size)
        if indent is not None and abs(indent - want_indent) > indent_tol:
            indent_items.append((round(indent, 1), p))
        if (want_ls > 0 and p.format.line_rule in ("exact", "atLeast") and p.format.line_spacing is not None
                and abs(p.format.line_spacing - want_ls) > ls_tol):
            ls_items.append((p.format.line_spacing, p))
    by_key: dict[_FontKey, list[tuple[Paragraph, _Profile]]] = {}
    for key, p, prof in font_items:
        by_key.setdefault(key, []).append((p, prof))
    want_desc = f"{_size(want_size)}{fonts.label(want_cls)}"
    for (cls, _name, size), items in by_key.items():
        first_p, prof = items[0]
        seen = []
        if cls is not None or _name is not None:
            seen.append(_font_phrase(table, prof.font))
        if size is not None:
            seen.append(_size(size))
        msg = f"正文应使用{want_desc}：{_count_phrase(len(items), total, '正文')}为{'、'.join(seen)}"
        yield _anchor_report(ctx, first_p, msg)
    for got, ps in _group(indent_items).items():
        msg = (f"正文每个自然段应首行缩进 {want_indent:g} 字：{_count_phrase(len(ps), total, '正文')}"
               f"首行缩进为 {got:g} 字")
        yield _anchor_report(ctx, ps[0], msg)
    for ls, ps in _group(ls_items).items():
        msg = (f"正文行距应为固定值 {want_ls:g} 磅（本单位设置）：{_count_phrase(len(ps), total, '正文')}"
               f"行距为 {ls:g} 磅")
        yield _anchor_report(ctx, ps[0], msg)


