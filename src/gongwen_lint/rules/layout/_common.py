"""What the layout rules share: the dominant font and size of a span, the finding's anchor, size names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ... import fonts
from ...diagnostics import Diagnostic, Severity
from ...model import (
    Paragraph,
)
from ...text import count_cjk
from ..context import Context

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# GB/T 9704 sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt.
_SIZE_NAMES = {42.0: "初号", 36.0: "小初", 26.0: "一号", 24.0: "小一", 22.0: "二号", 18.0: "小二", 16.0: "三号",
               15.0: "小三", 14.0: "四号", 12.0: "小四", 10.5: "五号", 9.0: "小五"}


def _size(pt: float) -> str:
    name = _SIZE_NAMES.get(round(pt * 2) / 2)
    shown = f"{pt:g}"
    return f"{name}（{shown} 磅）" if name else f"{shown} 磅"


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _table(ctx: Context) -> fonts.FontTable:
    extra = ctx.config.dictionaries.get("font-aliases") if ctx.config.dictionaries else None
    return ctx.resources.get("fonts.table", lambda: fonts.build(extra if isinstance(extra, dict) else None))


def _expected_class(ctx: Context, option: str) -> str:
    return _table(ctx).class_of_option(str(ctx.option(option)))


@dataclass
class _Profile:
    """The dominant east-Asian font and size of a span, weighted by characters."""

    font: str | None  # dominant east-Asian font name over CJK characters (None: no CJK)
    size: float | None  # dominant size over visible characters
    color: str | None
    cjk: int  # CJK characters seen


#: A wrong font or size as reported: (font class, unknown font name, size), None where right.
_FontKey = tuple[str | None, str | None, float | None]


def _dominant(weights: dict[Any, int]) -> Any:
    """The key of the largest weight, the first counted on a tie (None when empty): what
    ``Counter.most_common(1)`` gives, without its heap (two or three calls per paragraph of the body)."""
    return max(weights, key=weights.__getitem__) if weights else None


def _profile(p: Paragraph, start: int = 0, end: int | None = None) -> _Profile:
    """The weights are plain dicts, not Counters (a Counter's construction is a Python call,
    three per paragraph of the body for GW202 alone), and a run's visible characters are counted
    only when it has a size to weigh (issue 18)."""
    text = p.text
    end = len(text) if end is None else end
    font_w: dict[str | None, int] = {}
    size_w: dict[float, int] = {}
    color_w: dict[str | None, int] = {}
    cjk = 0
    for run in p.runs:
        lo, hi = max(run.start, start), min(run.end, end)
        if lo >= hi:
            continue
        piece = text[lo:hi]
        n_cjk = count_cjk(piece)
        fmt = run.format
        if n_cjk:
            font_w[fmt.font_east_asia] = font_w.get(fmt.font_east_asia, 0) + n_cjk
            color_w[fmt.color] = color_w.get(fmt.color, 0) + n_cjk
            cjk += n_cjk
        size = fmt.size_pt
        if size is not None:
            n_vis = len("".join(piece.split()))
            if n_vis:
                size_w[size] = size_w.get(size, 0) + n_vis
    return _Profile(
        font=_dominant(font_w),
        size=_dominant(size_w),
        color=_dominant(color_w),
        cjk=cjk,
    )


def _dominant_size(p: Paragraph) -> float | None:
    """``_profile(p).size`` alone: the size of most visible characters (first such on a tie)."""
    text = p.text
    size_w: dict[float, int] = {}
    for run in p.runs:
        size = run.format.size_pt
        if size is None:
            continue
        lo, hi = max(run.start, 0), min(run.end, len(text))
        if lo < hi:
            n_vis = len("".join(text[lo:hi].split()))
            if n_vis:
                size_w[size] = size_w.get(size, 0) + n_vis
    return _dominant(size_w)


def _excerpt(p: Paragraph, limit: int = 20) -> tuple[int, int]:
    """A short span at the start of ``p`` (leading blanks skipped) for the finding's excerpt."""
    text = p.text
    start = len(text) - len(text.lstrip())
    end = min(len(text.rstrip()), start + limit)
    return (start, end) if end > start else (0, 0)


def _anchor_report(ctx: Context, p: Paragraph, message: str, *, severity: Severity | None = None,
                   whole: bool = False, span: tuple[int, int] | None = None) -> Diagnostic:
    if span is None:
        span = (0, len(p.text)) if whole else _excerpt(p)
    return ctx.report(p, span[0], span[1], message, severity=severity)


def _size_ok(found: float | None, expected: float, tol: float) -> bool:
    return found is None or abs(found - expected) <= tol + 1e-9


def _running(p: Paragraph) -> bool:
    """Running text, not a cell of a table or a text box (版头/版记 blocks, forms)."""
    return not p.in_table and not p.in_textbox and not p.is_empty


def _group(items: Iterable[tuple[object, Paragraph]]) -> dict[object, list[Paragraph]]:
    groups: dict[object, list[Paragraph]] = {}
    for key, p in items:
        groups.setdefault(key, []).append(p)
    return groups


def _count_phrase(n: int, total: int, what: str) -> str:
    if n == total and n > 1:
        return f"全部 {n} 段{what}"
    if n == 1:
        return f"1 段{what}"
    return f"{n} 段{what}（共 {total} 段）"


def _font_phrase(table: fonts.FontTable, name: str | None) -> str:
    return table.describe(name)
