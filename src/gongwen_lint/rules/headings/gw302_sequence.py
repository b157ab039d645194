"""GW302: heading ordinals in sequence."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import Document
from ..context import Context
from ..registry import rule
from ._common import WARNING, _Heading, _show, _span, heading_segments


@rule(
    "GW302",
    "heading-sequence",
    title="层次序数连续",
    severity=WARNING,
    source="实务 公文写作规范：同级序数依次排列",
)
def heading_sequence(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    同一上级标题下同级序数应依次排列，不重号、不跳号、不倒序（如“一、二、二、”“（一）（三）”）。
    每个“一、”之下的“（一）”重新编号；附件、第X条之下重新编号；重新从 1 开始的新列表不算错误。
    报告在出错的那一个序数上：“（一）（一）（三）”是第二个“（一）”写错了（应为“（二）”），
    不是“（三）”跳号。

    ## 依据
    公文写作实务：结构层次序数应连续；各地公文审核要点均把重号、漏号列为常见差错。

    ## 示例
    错：
        关于做好防汛工作的通知
        一、总体要求
        二、主要任务
        二、保障措施
    错：
        一、总体要求
        （一）指导思想
        （三）工作目标
    错：
        一、总体要求
        （一）指导思想
        （一）工作目标
        （三）主要任务
    对：
        一、总体要求
        （一）指导思想
        （二）工作目标
        二、主要任务
        （一）加强监测
    """
    for segment in heading_segments(doc, ctx):
        # Per level, a stack of open lists: a list restarted at 1 may sit inside an outer list
        # written in the same form (old reports number parts and sections both 一、二、), and the
        # outer list resumes after it.
        lists: dict[int, list[int]] = {}
        following = _next_siblings(segment)
        for pos, h in enumerate(segment):
            lv, v = h.o.level, h.o.value
            for deeper in [k for k in lists if k > lv]:
                del lists[deeper]
            stack = lists.setdefault(lv, [])
            start, end = _span(h)
            if not stack:
                stack.append(v)  # a list may open anywhere: the line before could hold its first item
                continue
            prev = stack[-1]
            nxt = following[pos]
            if v == prev + 1:
                stack[-1] = v
            elif v <= prev and nxt == prev + 2:
                # （一）（一）（三）: the second （一） stands where （二） belongs — a repeat, not a gap
                stack[-1] = prev + 1
                what = "重复" if v == prev else "顺序错误"
                yield ctx.report(h.p, start, end, f"序数“{_show(lv, v)}”{what}：此处应为“{_show(lv, prev + 1)}”")
            elif v == 1:
                stack.append(1)  # a new list (or one nested in a list of the same form)
            elif any(v == outer + 1 for outer in stack[:-1]):
                k = max(i for i, outer in enumerate(stack[:-1]) if v == outer + 1)
                del stack[k + 1:]
                stack[k] = v
            elif v == prev:
                yield ctx.report(h.p, start, end, f"序数“{_show(lv, v)}”重复")
            elif v > prev + 1:
                stack[-1] = v
                missing = "、".join(f"“{_show(lv, k)}”" for k in range(prev + 1, min(v, prev + 4)))
                yield ctx.report(h.p, start, end, f"序数跳号：“{_show(lv, prev)}”之后是“{_show(lv, v)}”，缺少{missing}")
            else:
                stack[-1] = v
                yield ctx.report(h.p, start, end, f"序数顺序错误：“{_show(lv, prev)}”之后是“{_show(lv, v)}”")


def _next_siblings(segment: list[_Heading]) -> list[int | None]:
    """For each ordinal, the value of the next one at its level under the same parent.

    That is the first later ordinal of the same or a higher level (a smaller number), when it
    is of the same level.  Found from the end with a stack of the later ordinals no nearer one
    hides (a deeper one is hidden by any nearer one of its level or above): linear, where a scan
    of the rest per ordinal was quadratic on a long draft's thousand headings.
    """
    out: list[int | None] = [None] * len(segment)
    later: list[_Heading] = []  # their levels never rise from the top (the nearest) down
    for i in range(len(segment) - 1, -1, -1):
        h = segment[i]
        while later and later[-1].o.level > h.o.level:
            later.pop()
        if later and later[-1].o.level == h.o.level:
            out[i] = later[-1].o.value
        later.append(h)
    return out


