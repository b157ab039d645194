"""GW101 missing-element (缺少必备要素): the elements a draft's genre and format require, judged
against what the draft claims to be (a 版头 means a complete document).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import DocFormat, Document, Genre, Role
from .._fields import (
    first_index,
    format_of,
    genre_data,
    genre_of,
    has_header,
    title_paragraphs,
)
from ..context import Context
from ..registry import rule
from ._common import BODY_ROLES, ERROR, WARNING, _after, _confident, _missing


def _has_page_number(doc: Document) -> bool:
    for hf in doc.headers_footers:
        for p in hf.paragraphs:
            if "PAGE" in " ".join(p.fields).upper() or any((r.field_code or "").upper().startswith("PAGE") for r in p.runs):
                return True
            if re.search(r"\d", p.text):
                return True
    for name, paragraphs in doc.parts.items():
        if name.startswith(("header", "footer")) and any(p.role is Role.PAGE_NUMBER or "PAGE" in p.fields for p in paragraphs):
            return True
    return False


@rule(
    "GW101",
    "missing-element",
    title="缺少必备要素",
    severity=ERROR,
    source="条例 第九条；国标 GB/T 9704-2012 第7章、第10章",
)
def missing_element(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    按文种和版式检查必备要素是否齐全：标题、发文字号（文件式、信函式；命令式为令号）、主送机关
    （请示、报告、批复、函、议案必有，通知、通报通常有）、正文、发文机关署名、成文日期、上行文
    （请示、报告）的签发人，.docx 的页码。

    判断“缺少”以草稿自身为准：有版头（发文机关标志或发文字号）的草稿是一份完整公文，必须具备其
    文种和版式的全部要素；没有版头的草稿常常只是正文稿，只有已经开始的部分不完整（有署名无日期
    等）才报告。纪要式不要求主送机关和发文字号；命令式不要求标题和主送机关，以令号代替发文字号；
    纪要、决议、公报不要求署名。页码只在 .docx 中检查（纯文本没有页脚）。

    缺少的要素报告在它应在的段落，摘录为空。

    ## 依据
    《党政机关公文处理工作条例》第九条：公文一般由份号、密级和保密期限、紧急程度、发文机关标志、
    发文字号、签发人、标题、主送机关、正文、附件说明、发文机关署名、成文日期、印章、附注、附件、
    抄送机关、印发机关和印发日期、页码等组成；“上行文应当标注签发人姓名”。GB/T 9704-2012 7.2.5
    发文字号、7.2.6 签发人、7.3 主体、7.5 页码；第10章 信函格式、命令（令）格式、纪要格式。

    ## 示例
    错：
        宜昌市人民政府文件
        关于加强安全生产工作的通知
        各县市区人民政府：
        现就有关事项通知如下。
        宜昌市人民政府
        2012年7月1日
    对：
        宜昌市人民政府文件
        宜府发〔2012〕5号
        关于加强安全生产工作的通知
        各县市区人民政府：
        现就有关事项通知如下。
        宜昌市人民政府
        2012年7月1日
    错：
        宜昌市交通运输局文件
        宜交发〔2012〕5号
        关于申请道路维修经费的请示
        市人民政府：
        妥否，请批示。
        宜昌市交通运输局
        2012年7月1日
    对：
        关于加强安全生产工作的通知
        各县市区人民政府：
        现就有关事项通知如下。
    """
    # What the draft claims to be rests on its 版头, title and 落款: when one of them is unsure,
    # a missing element is at most a warning.
    deciding = ctx.doc.paragraphs(Role.ORGAN_MARK, Role.DOC_NUMBER, Role.TITLE, Role.SIGNATURE, Role.DATE, Role.ADDRESSEE)
    yield from _confident(_missing_elements(ctx), *deciding)


def _missing_elements(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.doc
    body = [p for p in doc.body if not p.is_empty]
    if not body:
        return
    genre = genre_of(doc)
    fmt = format_of(doc)
    header = has_header(doc)
    data = genre_data()["genres"].get(genre.value if genre else "", {})
    title_ps = title_paragraphs(doc)
    order = fmt is DocFormat.ORDER or genre is Genre.ORDER
    minutes = fmt is DocFormat.MINUTES or genre is Genre.MINUTES
    present = {s.role for p in doc.body for s in p.spans()}  # lines of soft-break paragraphs too
    has = {role: role in present for role in Role}
    has_body = any(has[r] for r in BODY_ROLES)
    header_end = _after(doc, Role.COPY_NUMBER, Role.SECRECY, Role.URGENCY, Role.ORGAN_MARK, Role.DOC_NUMBER, Role.SIGNER)

    # 发文字号 / 令号: only a draft with a 发文机关标志 has a place for it.
    if has[Role.ORGAN_MARK] and not has[Role.DOC_NUMBER] and not minutes:
        at = _after(doc, Role.ORGAN_MARK) or 1
        what = "令号（第×号）" if order else "发文字号"
        yield _missing(ctx, doc, at, f"缺少{what}：有发文机关标志的公文应在其下标注{what}")

    # 签发人: 上行文 with a 版头.
    if (header and genre in (Genre.REQUEST, Genre.REPORT) and not has[Role.SIGNER]
            and not any("签发人" in p.text for p in doc.body[: (header_end or 1) + 1])):
        at = first_index(doc, Role.DOC_NUMBER) or header_end or 1
        yield _missing(ctx, doc, at, f"缺少签发人：{genre.value}是上行文，应当标注签发人姓名")

    # 标题
    if not title_ps and not order and not minutes and (header or (has_body and has[Role.DATE] and has[Role.ADDRESSEE])):
        at = header_end or first_index(doc, Role.ADDRESSEE, *BODY_ROLES) or 1
        yield _missing(ctx, doc, at, "缺少标题：标题由发文机关名称、事由和文种组成")

    # 主送机关
    need = data.get("addressee", "none")
    # Without a 版头 a 报告 may be a speech (政府工作报告): only 请示 and 批复 always have one.
    if (genre is not None and title_ps and not has[Role.ADDRESSEE] and not order and not minutes and need != "none"
            and (header or genre in (Genre.REQUEST, Genre.REPLY))):
        at = title_ps[-1].index + 1
        severity = ERROR if need == "required" else WARNING
        yield _missing(ctx, doc, at, f"缺少主送机关：{genre.value}应在标题下标注主送机关", severity)

    # 正文
    if not has_body and (title_ps or header):
        at = _after(doc, Role.ADDRESSEE, Role.TITLE, Role.DOC_NUMBER, Role.ORGAN_MARK) or 1
        yield _missing(ctx, doc, at, "缺少正文")

    # 署名 and 成文日期: required in a complete document; in a body-only draft only when the
    # other half of the 落款 is there.
    wants_signature = data.get("signature", True) and not minutes
    if has_body:
        if not has[Role.SIGNATURE] and wants_signature and (header or has[Role.DATE]):
            at = first_index(doc, Role.DATE) or _after(doc, Role.ATTACHMENT_NOTE, *BODY_ROLES) or 1
            yield _missing(ctx, doc, at, "缺少发文机关署名：应署发文机关全称或者规范化简称")
        if not has[Role.DATE] and (header or has[Role.SIGNATURE]) and genre is not Genre.RESOLUTION and not minutes:
            at = _after(doc, Role.SIGNATURE) or _after(doc, Role.ATTACHMENT_NOTE, *BODY_ROLES) or 1
            yield _missing(ctx, doc, at, "缺少成文日期：应以阿拉伯数字标注年、月、日，如2012年7月1日")

    # 页码: only a .docx has footers; 信函式 has none on page 1 but still numbers the rest.
    if doc.source == "docx" and header and not _has_page_number(doc):
        yield _missing(ctx, doc, 1, "缺少页码：页码应置于版心下边缘之下，如“— 1 —”", WARNING)
