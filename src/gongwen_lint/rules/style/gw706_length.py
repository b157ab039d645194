"""GW706 length-limit (篇幅超过字数要求): the body's length against the limit for its kind of document.
"""

from __future__ import annotations

from ... import recache
from ...diagnostics import Severity
from ...model import HEADING_ROLES, Document, Genre, Role
from ..registry import rule

_SPECIAL_TITLE = recache.compile(r"专项|开展[\u4e00-\u9fff]{1,30}(?:活动|行动|检查|整治|工作)的通知|做好[\u4e00-\u9fff]{1,30}工作的通知")
#: Characters GW706 counts: Han, digits and Latin letters (runs: cheaper than one match per character).
_COUNTED_RUN = recache.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
_LENGTH_GENRES = {Genre.NOTICE, Genre.OPINION, Genre.DECISION, Genre.BULLETIN, None}


@rule(
    "GW706",
    "length-limit",
    title="篇幅超过字数要求",
    severity=Severity.INFO,
    source="政策 《整治形式主义为基层减负若干规定》§一.2",
    roles=None,
    options={"max-chars": 5000, "max-chars-special": 4000},
)
def length_limit(doc: Document, ctx):
    """
    ## 检查内容
    通知、意见、决定、通报的正文（含各级标题，不含附件）字数：超过 5000 字提示；标题显示是部署专项工作
    （“专项”“关于开展……行动的通知”“关于做好……工作的通知”）的超过 4000 字提示。规定用语为“一般不超过”，
    所以只作 info。字数按汉字、数字和字母计，不计标点和空白。

    ## 依据
    《整治形式主义为基层减负若干规定》§一.2：“除部署综合性工作外，地方和部门文件一般不超过5000字，
    部署专项工作或者具体任务的文件一般不超过4000字。”

    ## 示例
    错：
        关于开展校园安全专项整治的通知
        各学校：
        （重复 170 次）请各学校于2025年6月底前完成校舍安全排查，排查结果报区教育局备案。
    对：
        关于开展校园安全专项整治的通知
        各学校：
        请于2025年6月底前完成校舍安全排查。

    ## 修复
    压缩篇幅：删去背景意义和套话，细节放入附件。限值用 [tool.gongwen-lint.GW706] 的 max-chars / max-chars-special 调整。
    """
    if doc.genre not in _LENGTH_GENRES:
        return
    paras = [p for p in doc.body if p.role is Role.BODY or p.role in HEADING_ROLES]
    if not paras:
        return
    n = sum(sum(map(len, _COUNTED_RUN.findall(p.text))) for p in paras)
    title = doc.first(Role.TITLE)
    title_text = title.text if title else ""
    special = bool(_SPECIAL_TITLE.search(title_text))
    limit = int(ctx.option("max-chars-special" if special else "max-chars"))
    if n > limit:
        kind = "部署专项工作的文件" if special else "文件"
        where = title if title is not None else paras[0]
        yield ctx.report(where, 0, len(where.text), f"正文约 {n} 字，{kind}一般不超过 {limit} 字：请压缩篇幅，细节可放入附件")
