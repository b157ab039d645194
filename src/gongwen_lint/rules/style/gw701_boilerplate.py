"""GW701 boilerplate-phrase (套话): each stock phrase of the packaged dictionary, where it stands.
"""

from __future__ import annotations

from ... import lexicon
from ...diagnostics import Severity
from ...model import TEXT_ROLES, Paragraph
from ..registry import rule


@rule(
    "GW701",
    "boilerplate-phrase",
    title="套话",
    severity=Severity.INFO,
    source="政策 中央八项规定；条例第19条",
    roles=TEXT_ROLES,
    options={"quiet-categories": ["空泛程度", "报送负担"], "max-hits-per-phrase": 3},
)
def boilerplate_phrase(p: Paragraph, ctx):
    """
    ## 检查内容
    正文（含各级标题、附件正文）中的套话，逐条给出类别：空喊重视、空喊落实、空泛程度、口号、背景意义套语。
    引号和书名号内的文字是引用，不检查。默认不逐条列出“空泛程度”（进一步、切实加强…，真实公文里随处可见，
    只计入套话占比）和“报送负担”（由 GW707 检查）；同一短语全文最多提示 3 次。

    ## 依据
    中央八项规定“精简文件简报，切实改进文风”；《党政机关公文处理工作条例》第十九条（内容简洁、文字精炼）；
    词表来源见 dictionaries/boilerplate.tsv 的 source 列。

    ## 示例
    错：各单位要高度重视，狠抓落实。
    对：市教育局于2025年6月底前完成30所学校的校舍改造。
    对：转发《关于高度重视安全生产工作的通知》。

    ## 修复
    删去套话，或换成具体的责任单位、任务、时限和数量。可在配置 [dictionaries] 中用 boilerplate-add /
    boilerplate-remove 增删词条，用 [tool.gongwen-lint.GW701] 的 quiet-categories 调整不逐条提示的类别。
    """
    lex = lexicon.get(ctx)
    quiet = frozenset(ctx.option("quiet-categories"))
    limit = int(ctx.option("max-hits-per-phrase"))
    counts: dict[str, int] = ctx.state(dict)  # each phrase's hits so far in this document
    for m in lex.boilerplate.find(p.text):
        if m.category in quiet:
            continue
        n = counts.get(m.phrase, 0) + 1
        counts[m.phrase] = n
        if limit and n > limit:
            continue
        yield ctx.report(p, m.start, m.end, f"套话（{m.category}）：“{m.phrase}”——删去或换成具体措施")
