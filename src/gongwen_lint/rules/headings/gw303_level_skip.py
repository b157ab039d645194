"""GW303: a heading level skipped."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import Document
from ..context import Context
from ..registry import rule
from ._common import _LEVEL_NAMES, WARNING, _show, _span, heading_segments


@rule(
    "GW303",
    "heading-level-skip",
    title="层次越级",
    severity=WARNING,
    source="国标 GB/T 9704-2012 7.3.3",
)
def heading_level_skip(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    结构层次应逐级使用：文中用了“（一）”，就不应在某个“一、”之下直接用“1.”；
    用了“1.”，就不应在“（一）”之下直接用“（1）”。只有两个层次时“一、”下接“1.”是通行做法，不报。

    ## 依据
    GB/T 9704-2012 7.3.3：结构层次序数“依次”用“一、”“（一）”“1.”“（1）”标注（“可以”，故为警告）。

    ## 示例
    错：
        一、总体要求
        （一）指导思想
        （二）工作目标
        二、主要任务
        1.加强监测
        2.做好预警
    对：
        一、总体要求
        1.指导思想
        二、主要任务
        1.加强监测
    """
    for segment in heading_segments(doc, ctx):
        used = {h.o.level for h in segment}
        open_levels: list[tuple[int, int]] = []  # (level, position) of ancestors, outermost first
        reported_parents: set[tuple[int, int]] = set()
        seen_levels: set[int] = set()
        for pos, h in enumerate(segment):
            lv = h.o.level
            while open_levels and open_levels[-1][0] >= lv:
                open_levels.pop()
            parent, parent_pos = open_levels[-1] if open_levels else (0, -1)
            # A level skipped between this line and its parent, used elsewhere in the segment.
            # Before any heading of a higher level has appeared, only levels already seen count:
            # a list that opens a document is not a skip.
            skipped = [m for m in range(parent + 1, lv) if m in used and (parent or m in seen_levels)]
            key = (parent_pos, lv)
            if skipped and key not in reported_parents:
                reported_parents.add(key)
                start, end = _span(h)
                need = "“" + _show(skipped[0], 1) + "”"
                where = f"在{_LEVEL_NAMES[parent]}标题下" if parent else "在文首"
                yield ctx.report(
                    h.p, start, end,
                    f"层次越级：{where}直接使用{_LEVEL_NAMES[lv]}序数“{h.o.written}”，文中其他地方使用了{need}这一层次",
                )
            open_levels.append((lv, pos))
            seen_levels.add(lv)


