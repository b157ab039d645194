"""GW110 header-fields (份号、密级、紧急程度): the text form of the 版头 fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import recache
from ...diagnostics import Diagnostic
from ...model import Document, Paragraph, Role
from ...text import compact
from ..context import Context
from ..registry import rule
from ._common import BODY_ROLES, ERROR, WARNING, _confident

_SECRECY_RE = recache.compile(r"^(绝密|机密|秘密)(?:\s*★\s*(?P<term>.+))?$")
_URGENCY_OK = ("特急", "加急", "特提", "平急")
_URGENCY_FIX = {"特急件": "特急", "加急件": "加急", "急件": "加急", "紧急": "加急", "特别紧急": "特急"}


@rule(
    "GW110",
    "header-fields",
    title="份号、密级、紧急程度",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.2.1–7.2.3",
)
def header_fields(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    份号一般用6位阿拉伯数字（000001）；密级只用“绝密”“机密”“秘密”，保密期限中的数字用阿拉伯
    数字（机密★1年）；紧急程度只用“特急”“加急”（电报另有“特提”“平急”）。

    ## 依据
    GB/T 9704-2012 7.2.1：“份号一般用6位3号阿拉伯数字”；7.2.2：“保密期限中的数字用阿拉伯数字
    标注”；7.2.3：“紧急公文应当分别标注“特急”“加急”，电报应当分别标注“特提”“特急”“加急”
    “平急””。条例第九条第二、三项。

    ## 示例
    错：机密★一年
    对：机密★1年
    错：
        紧急
        宜昌市人民政府文件
        宜府发〔2012〕5号
        关于做好防汛工作的通知
    对：
        特急
        宜昌市人民政府文件
        宜府发〔2012〕5号
        关于做好防汛工作的通知
    """
    for p in _header_zone(doc):
        yield from _confident(_check_header_line(p, ctx), p)


_LOOSE_URGENCY_RE = recache.compile(r"^(特急|加急|特提|平急|紧急|急件|特急件|加急件|特别紧急|急)$")
_LOOSE_SECRECY_RE = recache.compile(r"^(绝密|机密|秘密)")
_LOOSE_COPY_RE = recache.compile(r"^(份号[：:]?)?\d{1,10}$")


def _header_zone(doc: Document) -> list[Paragraph]:
    """Lines above the 发文机关标志 (or the first lines of a draft that has 版头 lines)."""
    out = []
    for p in doc.body:
        if p.role in (Role.ORGAN_MARK, Role.DOC_NUMBER, Role.SIGNER, Role.ADDRESSEE) or p.role in BODY_ROLES:
            break
        if p.role in (Role.COPY_NUMBER, Role.SECRECY, Role.URGENCY):
            out.append(p)
            continue
        t = compact(p.text)
        if t and (_LOOSE_URGENCY_RE.match(t) or _LOOSE_COPY_RE.match(t) or _LOOSE_SECRECY_RE.match(t)):
            out.append(p)
        elif t and len(out) == 0 and p.role is not Role.EMPTY and not p.is_empty and p.role is Role.TITLE:
            break
    return out


def _check_header_line(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    t = compact(p.text)
    end = len(p.text.rstrip())
    if _LOOSE_COPY_RE.match(t):
        digits = re.sub(r"^份号[：:]?", "", t)
        if not re.fullmatch(r"\d{6}", digits):
            yield ctx.report(p, 0, end, "份号一般用6位阿拉伯数字（如000001）", severity=WARNING)
    elif _LOOSE_SECRECY_RE.match(t):
        m = _SECRECY_RE.match(t)
        if not m:
            yield ctx.report(p, 0, end, "密级应为“绝密”“机密”或“秘密”，保密期限写作“机密★1年”")
        elif m.group("term") and re.search(r"[一二三四五六七八九十〇]", m.group("term")):
            term = m.group("term")
            k = p.text.find(term[0])
            yield ctx.report(p, k, k + len(term), f"保密期限中的数字应使用阿拉伯数字：{term}")
    elif _LOOSE_URGENCY_RE.match(t) and t not in _URGENCY_OK:
        fix = _URGENCY_FIX.get(t)
        hint = f"，如“{fix}”" if fix else ""
        yield ctx.report(p, 0, end, f"紧急程度应标注“特急”或“加急”{hint}")
