"""公文要素 rules (GW101–GW110): required elements per genre and format, and the exact text form
of each field as GB/T 9704-2012 words it.

Field rules are paragraph rules scoped to the role the structure recogniser gave; the presence
and order rules are document rules.  "Missing" is judged against what the draft claims to be: a
draft with a 版头 (发文机关标志 or 发文字号) is a complete document and must carry every element of
its genre and format; a draft without one is often the body alone, and then only what it has
started (a 署名 without a 成文日期 …) is incomplete.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..diagnostics import Diagnostic, Severity
from ..model import HEADING_ROLES, DocFormat, Document, Genre, Paragraph, Role
from ..text import compact, mask
from ._fields import (
    GENRE_TAIL_RE,
    doc_number_year,
    find_dates,
    find_doc_numbers,
    first_index,
    format_of,
    genre_data,
    genre_of,
    has_header,
    has_placeholder,
    last_index,
    paragraph_at,
    severity_for,
    title_paragraphs,
    title_text,
)
from .context import Context
from .registry import rule

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

BODY_ROLES = frozenset({Role.BODY}) | HEADING_ROLES
#: Where a document number may be cited in the drafter's text.
CITING_ROLES = BODY_ROLES | {Role.ATTACHMENT_BODY, Role.NOTE, Role.ATTACHMENT_NOTE, Role.TITLE, Role.ATTACHMENT_TITLE}


# ---------------------------------------------------------------------------------------------
# GW101


def _missing(ctx: Context, doc: Document, index: int, message: str, severity: Severity | None = None) -> Diagnostic:
    p = paragraph_at(doc, index)
    return ctx.report(p, 0, 0, message, severity=severity)


def _confident(diags: Iterator[Diagnostic], *ps: Paragraph) -> Iterator[Diagnostic]:
    """The findings, errors lowered to warnings unless the roles they depend on are confident."""
    lowered = severity_for(*ps) if ps else None
    for d in diags:
        yield d if lowered is None or d.severity is not ERROR else replace(d, severity=lowered)


def _after(doc: Document, *roles: Role) -> int | None:
    i = last_index(doc, *roles)
    return None if i is None else i + 1


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


# ---------------------------------------------------------------------------------------------
# GW102


_NUMBER_MESSAGES = {
    "brackets": "年份应使用六角括号〔〕",
    "short_year": "年份应标全称（四位数字）",
    "ordinal": "顺序号前不加“第”字",
    "padding": "顺序号不编虚位（1不编为01）",
    "spaces": "不应含有空格",
}


@rule(
    "GW102",
    "doc-number-format",
    title="发文字号格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.2.5",
    roles=CITING_ROLES | {Role.DOC_NUMBER},
    fixable=True,
)
def doc_number_format(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    发文字号，以及正文中引用的发文字号，应为“机关代字〔年份〕序号号”：年份用六角括号“〔〕”
    （U+3014/U+3015）括入，不用 [] 【】 () （） ［］ ﹝﹞；年份标全称（四位）；顺序号不加“第”字、
    不编虚位；其中不加空格。命令式的令号（第×号）不是发文字号，不检查。

    ## 依据
    GB/T 9704-2012 7.2.5：“发文字号由发文机关代字、年份、发文顺序号组成……年份、发文顺序号用
    阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1
    不编为01），在阿拉伯数字后加“号”字。”

    ## 示例
    错：宜发[2008]13号
    错：根据市政府宜发【2008】13号文件精神，制定本办法。
    错：国办发〔2003〕第98号
    错：财税〔08〕12号
    对：宜发〔2008〕13号
    对：根据《国务院关于加强安全生产工作的通知》（国发〔2010〕23号），制定本办法。

    ## 修复
    括号、“第”字、虚位和空格可安全修复：宜发[2008]13号 → 宜发〔2008〕13号。两位年份无法确定
    世纪，不自动修复。
    """
    if p.role is Role.DOC_NUMBER and ctx.doc.format is DocFormat.ORDER:
        return
    for n in find_doc_numbers(p.text, whole_line=p.role is Role.DOC_NUMBER):
        if not n.problems:
            continue
        what = "；".join(_NUMBER_MESSAGES[x] for x in n.problems)
        label = "发文字号" if p.role is Role.DOC_NUMBER else "引用的发文字号"
        if n.fixed and "short_year" not in n.problems:
            yield ctx.report(p, n.start, n.end, f"{label}{what}：{n.text} → {n.fixed}", replacement=n.fixed)
        else:
            yield ctx.report(p, n.start, n.end, f"{label}{what}：{n.text}")


# ---------------------------------------------------------------------------------------------
# GW103


@rule(
    "GW103",
    "date-format",
    title="成文日期格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.5.4、7.4.3",
    fixable=True,
)
def date_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    成文日期和印发日期用阿拉伯数字将年、月、日标全：年份标全称，月、日不编虚位（2012年7月1日，
    不写 2012年07月01日、12年7月1日、2012.7.1、二〇一二年七月一日）；日期真实存在（无2月30日）；
    成文日期不早于发文字号的年份，印发日期不早于成文日期。

    ## 依据
    GB/T 9704-2012 7.3.5.4：“成文日期中的数字用阿拉伯数字将年、月、日标全，年份应标全称，月、日
    不编虚位（即1不编为01）。”7.4.3：印发日期同样用阿拉伯数字标全。1999 年旧标准用汉字标注
    成文日期，2012 年起已改。

    ## 示例
    错：二〇〇八年九月二十六日
    错：二OO八年九月二十六日
    错：2012年07月01日
    错：2012年2月30日
    对：2008年9月26日

    ## 修复
    汉字日期、虚位、“号”和点分日期可安全修复为标准写法：二〇〇八年九月二十六日 → 2008年9月26日。
    """
    for p in ctx.doc.paragraphs(Role.DATE, Role.PRINTER):
        yield from _confident(_check_date(p, ctx), p)


def _check_date(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    dates = find_dates(p.text)
    if p.role is Role.PRINTER:
        dates = dates[-1:]  # the 印发日期 is the one before 印发
    label = "印发日期" if p.role is Role.PRINTER else "成文日期"
    for f in dates:
        fixed = f.standard
        if not f.valid and not f.short_year:
            yield ctx.report(p, f.start, f.end, f"{label}不是有效的日期：{f.text}")
            continue
        problems = []
        if f.chinese:
            problems.append("应使用阿拉伯数字")
        if f.short_year:
            problems.append("年份应标全称（四位数字）")
        if f.padded:
            problems.append("月、日不编虚位")
        if f.dotted:
            problems.append("应写作“×年×月×日”")
        if f.hao:
            problems.append("应写“日”不写“号”")
        if problems:
            message = f"{label}{'，'.join(problems)}：{f.text}"
            if fixed:
                yield ctx.report(p, f.start, f.end, f"{message} → {fixed}", replacement=fixed)
            else:
                yield ctx.report(p, f.start, f.end, message)
            continue
        year = doc_number_year(ctx.doc)
        if p.role is Role.DATE and year and f.year is not None and f.year < year:
            yield ctx.report(p, f.start, f.end, f"成文日期（{f.year}年）早于发文字号的年份（{year}年）")
        if p.role is Role.PRINTER:
            signed = _signing_date(ctx.doc)
            if signed and (f.year, f.month, f.day) < signed:
                yield ctx.report(p, f.start, f.end, f"印发日期早于成文日期（{signed[0]}年{signed[1]}月{signed[2]}日）")


def _signing_date(doc: Document) -> tuple[int, int, int] | None:
    for p in doc.paragraphs(Role.DATE):
        for f in find_dates(p.text):
            if f.valid and f.year is not None:
                return (f.year, f.month, f.day)  # type: ignore[return-value]
    return None


# ---------------------------------------------------------------------------------------------
# GW104


_ADDR_END_RE = re.compile(r"[。，；、.,;：:！!？?]+$")


@rule(
    "GW104",
    "addressee-format",
    title="主送机关格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.2",
    fixable=True,
)
def addressee_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    主送机关最后一个机关名称后标全角冒号“：”，不用半角冒号，不以句号、逗号等结尾，也不能漏标。

    ## 依据
    GB/T 9704-2012 7.3.2：“编排于标题下空一行位置，居左顶格，回行时仍顶格，最后一个机关名称后标
    全角冒号。”

    ## 示例
    错：
        关于做好防汛工作的通知
        各县市区人民政府，市政府各部门
        现将有关事项通知如下。
    错：
        关于做好防汛工作的通知
        各县市区人民政府:
        现将有关事项通知如下。
    错：
        关于做好防汛工作的通知
        各县市区人民政府。
        现将有关事项通知如下。
    对：
        关于做好防汛工作的通知
        各县市区人民政府，市政府各部门：
        现将有关事项通知如下。

    ## 修复
    补上或改正为全角冒号（安全修复）。
    """
    doc = ctx.doc
    # Without a colon, a line is only surely a 主送 under a title that names a 文种.
    titled = bool(GENRE_TAIL_RE.search(title_text(doc).rstrip("。．.，,；;：:")))
    for p in doc.paragraphs(Role.ADDRESSEE):
        if titled or re.search(r"[：:。，；.,;]$", p.text.rstrip()):
            yield from _confident(_check_addressee(p, ctx), p)


def _check_addressee(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    text = p.text.rstrip()
    if not text or text.endswith("：") or (has_placeholder(text) and text.endswith(("]", "】", "］"))):
        return
    m = _ADDR_END_RE.search(text)
    if m:
        wrong = m.group(0)
        yield ctx.report(p, m.start(), m.end(), f"主送机关后应标全角冒号：“{wrong}” → “：”", replacement="：")
    else:
        last = len(text) - 1
        yield ctx.report(p, last, len(text), "主送机关后缺少全角冒号“：”", replacement=text[last] + "：")


# ---------------------------------------------------------------------------------------------
# GW105


_ATT_HEAD_RE = re.compile(r"^(?P<lead>\s*附\s*件\s*)(?P<colon>[：:]?)\s*")
_ITEM_NUMBER_RE = re.compile(r"^(?P<num>\d{1,2})\s*(?P<sep>[.．、，,]|\s)\s*|^(?P<paren>[（(]\d{1,2}[）)])\s*")
_TAIL_PUNCT_RE = re.compile(r"[。，；、.,;：:！!？?]+$")
_VAGUE_ATT_RE = re.compile(r"^(如文|见文|略|见附件|\d+\s*件|[一二三四五六七八九十]+件)$")


@rule(
    "GW105",
    "attachment-note-format",
    title="附件说明格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.4",
    fixable=True,
)
def attachment_note_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    附件说明写作“附件：名称”，多个附件写作“附件：1. 名称”（阿拉伯数字加下脚点，不用“1、”
    “（1）”），附件名称后不加标点符号，冒号用全角；附件说明要写出附件名称，不能空着或写“附件如文”
    “附件3件”。

    ## 依据
    GB/T 9704-2012 7.3.4：“在正文下空一行左空二字编排“附件”二字，后标全角冒号和附件名称。如有
    多个附件，使用阿拉伯数字标注附件顺序号（如“附件：1.××××”）；附件名称后不加标点符号。”

    ## 示例
    错：附件：1、宜昌市安全生产责任清单
    错：附件：宜昌市安全生产责任清单。
    错：附件:宜昌市安全生产责任清单
    错：附件如文
    对：附件：1. 宜昌市安全生产责任清单
    对：附件：宜昌市安全生产责任清单

    ## 修复
    序号改为“1.”、去掉名称后的标点、半角冒号改全角，均为安全修复。
    """
    for p in ctx.doc.paragraphs(Role.ATTACHMENT_NOTE):
        yield from _confident(_check_attachment_note(p, ctx), p)


def _check_attachment_note(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    text = p.text
    stripped = text.rstrip()
    if not stripped:
        return
    pos = 0
    head = _ATT_HEAD_RE.match(text)
    if re.fullmatch(r"附件(如文|见文|略|\d{1,2}件|[一二三四五六七八九十]件)", compact(text)):
        yield ctx.report(p, 0, len(stripped), f"附件说明应写明附件名称，不能写“{compact(text)}”")
        return
    if head:
        if head.group("colon") == ":":
            yield ctx.report(p, head.start("colon"), head.end("colon"), "附件说明应使用全角冒号“：”", replacement="：")
        elif not head.group("colon"):
            return  # not a 附件说明 line after all (the structure recogniser requires the colon)
        pos = head.end()
        rest = compact(text[pos:])
        if not rest:
            if not _continues(p, ctx.doc):
                yield ctx.report(p, 0, len(stripped), "附件说明缺少附件名称")
            return
        if _VAGUE_ATT_RE.match(rest):
            yield ctx.report(p, pos, len(stripped), f"附件说明应写明附件名称，不能写“{rest}”")
            return
    item = _ITEM_NUMBER_RE.match(text[pos:])
    if item:
        if item.group("paren"):
            num = re.sub(r"\D", "", item.group("paren"))
            a, b = pos + item.start("paren"), pos + item.end("paren")
            yield ctx.report(p, a, b, f"附件顺序号应写作“{num}.”：{item.group('paren')} → {num}.", replacement=f"{num}.")
        elif item.group("sep") in ("、", "，", ",", "．"):
            a, b = pos + item.start("num"), pos + item.end("sep")
            num = item.group("num")
            yield ctx.report(p, a, b, f"附件顺序号应写作“{num}.”：{text[a:b]} → {num}.", replacement=f"{num}.")
    tail = _TAIL_PUNCT_RE.search(stripped)
    if tail and tail.start() > pos:
        yield ctx.report(p, tail.start(), tail.end(), f"附件名称后不加标点符号：删去“{tail.group(0)}”", replacement="")


def _continues(p: Paragraph, doc: Document) -> bool:
    """The next non-empty paragraph is a continuation of this 附件说明 (``1. 名称``)."""
    after = [q for q in doc.body if q.index > p.index and not q.is_empty]
    return bool(after) and after[0].role is Role.ATTACHMENT_NOTE


# ---------------------------------------------------------------------------------------------
# GW106


_NORMALISE_RE = re.compile(r"[\s\u3000《》“”\"'‘’〈〉<>。，；、.,;：:]")


def _norm(s: str) -> str:
    return _NORMALISE_RE.sub("", s)


def _note_items(doc: Document) -> list[tuple[int | None, str, Paragraph]]:
    items: list[tuple[int | None, str, Paragraph]] = []
    for p in doc.paragraphs(Role.ATTACHMENT_NOTE):
        t = p.text.strip()
        head = _ATT_HEAD_RE.match(t)
        if head and head.group("colon"):
            t = t[head.end():]
        if not compact(t):
            continue
        m = _ITEM_NUMBER_RE.match(t)
        if m and m.group("num"):
            items.append((int(m.group("num")), t[m.end():], p))
        elif m and m.group("paren"):
            items.append((int(re.sub(r"\D", "", m.group("paren"))), t[m.end():], p))
        elif items and items[-1][0] is not None and not head:
            # A wrapped long name continues the previous item.
            n, name, q = items[-1]
            items[-1] = (n, name + t, q)
        else:
            items.append((None, t, p))
    return items


def _attachments(doc: Document) -> list[tuple[int | None, str, Paragraph]]:
    """(number, title, label paragraph) for each 附件标识 in the document."""
    out = []
    body = doc.body
    for k, p in enumerate(body):
        if p.role is not Role.ATTACHMENT_LABEL:
            continue
        digits = re.sub(r"\D", "", compact(p.text))
        number = int(digits) if digits else None
        title = ""
        for q in body[k + 1:]:
            if q.is_empty and not title:
                continue
            if q.role is Role.ATTACHMENT_TITLE:
                title += compact(q.text)
                continue
            break
        out.append((number, title, p))
    return out


@rule(
    "GW106",
    "attachment-mismatch",
    title="附件说明与附件不一致",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.3.4、7.3.7",
)
def attachment_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    附件说明列出的附件序号和名称，与文后附件的标识（附件1）和标题一一对应：附件说明中有的附件文后
    要有，文后附件在附件说明中要列出，名称一致。附件另行装订、文后没有附件时不检查。

    ## 依据
    GB/T 9704-2012 7.3.7：“附件序号和名称前后标注应当一致。”7.3.4：附件说明的写法。

    ## 示例
    错：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        附件：1. 防汛责任人名单
        2. 防汛物资清单
        宜昌市人民政府
        2012年7月1日
        附件1
        防汛责任人名单
        名单略。
        附件3
        防汛物资储备清单
        清单略。
    对：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        附件：1. 防汛责任人名单
        2. 防汛物资清单
        宜昌市人民政府
        2012年7月1日
        附件1
        防汛责任人名单
        名单略。
        附件2
        防汛物资清单
        清单略。
    """
    labels = [p for _, _, p in _attachments(ctx.doc)]
    yield from _confident(_attachment_mismatch(ctx), *labels, *ctx.doc.paragraphs(Role.ATTACHMENT_NOTE))


def _attachment_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.doc
    attachments = _attachments(doc)
    if not attachments:
        return
    notes = _note_items(doc)
    if not notes:
        p = attachments[0][2]
        yield ctx.report(p, 0, len(p.text.rstrip()), "文后有附件，但正文后没有附件说明")
        return
    by_number = {n: (name, q) for n, name, q in notes if n is not None}
    single = len(notes) == 1 and notes[0][0] is None
    seen: set[int | None] = set()
    for number, title, label in attachments:
        key = number if not single else None
        seen.add(key)
        if single:
            name, _ = notes[0][1], notes[0][2]
        elif number is None or number not in by_number:
            what = f"附件{number}" if number is not None else "附件"
            yield ctx.report(label, 0, len(label.text.rstrip()), f"{what}在附件说明中没有列出")
            continue
        else:
            name = by_number[number][0]
        if title and _norm(name) and _norm(title) != _norm(name):
            target = next((q for q in doc.body if q.index > label.index and q.role is Role.ATTACHMENT_TITLE), label)
            yield ctx.report(
                target, 0, len(target.text.rstrip()), f"附件标题与附件说明不一致：附件说明为“{_norm(name)}”"
            )
    if not single:
        for n, _name, q in notes:
            if n is not None and n not in seen and len(seen) > 0:
                yield ctx.report(q, 0, len(q.text.rstrip()), f"附件说明列出的附件{n}在文后没有找到")


# ---------------------------------------------------------------------------------------------
# GW107


@rule(
    "GW107",
    "imprint-format",
    title="版记格式",
    severity=ERROR,
    source="国标 GB/T 9704-2012 7.4.2、7.4.3",
    roles={Role.CC, Role.PRINTER},
    fixable=True,
)
def imprint_format(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    抄送机关写作“抄送：机关，机关。”——“抄送”后标全角冒号，最后一个抄送机关后标句号；印发机关和
    印发日期写作“××办公厅  2012年7月1日印发”，两者都要有，日期后加“印发”二字。

    ## 依据
    GB/T 9704-2012 7.4.2：“在抄送机关名称前标“抄送”二字，后标全角冒号……最后一个抄送机关名称后
    标句号。”7.4.3：“印发机关左空一字，印发日期右空一字……后加“印发”二字。”

    ## 示例
    错：抄送：市委办公室，市人大常委会办公室
    错：抄送:市委办公室，市人大常委会办公室。
    对：抄送：市委办公室，市人大常委会办公室。

    ## 修复
    补句号、改全角冒号为安全修复。
    """
    yield from _confident(_check_imprint(p, ctx), p)


def _check_imprint(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    text = p.text.rstrip()
    if not text or has_placeholder(text):
        return
    if p.role is Role.CC:
        m = re.match(r"^(\s*抄\s*送\s*)(:?)", text)
        if m and m.group(2) == ":":
            yield ctx.report(p, m.start(2), m.end(2), "“抄送”后应标全角冒号“：”", replacement="：")
        if _last_cc_line(p, ctx.doc) and not text.endswith("。"):
            tail = re.search(r"[，,；;.、：:]+$", text)
            if tail:
                yield ctx.report(p, tail.start(), tail.end(), f"最后一个抄送机关后应标句号：“{tail.group(0)}” → “。”", replacement="。")
            else:
                yield ctx.report(p, len(text) - 1, len(text), "最后一个抄送机关后应标句号“。”", replacement=text[-1] + "。")
    else:
        # A 版记 typeset as a table puts the 印发机关 and the date in cells of one row.
        row = _row_cells(p, ctx.doc)
        if row[-1] is not p:
            return
        before = "".join(compact(q.text) for q in row[:-1])
        c = before + compact(text)
        if has_placeholder(c):
            return
        if not c.endswith("印发"):
            yield ctx.report(p, 0, len(text), "印发日期后应加“印发”二字")
        dates = find_dates(text)
        if dates and not before and not compact(text[: dates[-1].start]):
            yield ctx.report(p, 0, dates[-1].end, "版记缺少印发机关：应写作“××办公厅  2012年7月1日印发”")


def _row_cells(p: Paragraph, doc: Document) -> list[Paragraph]:
    """The 印发 paragraphs in ``p``'s table row (``[p]`` outside a table), in order."""
    if not p.in_table or p.table_pos is None:
        return [p]
    table, row = p.table_pos[0], p.table_pos[1]
    return [q for q in doc.body if q.role is Role.PRINTER and q.in_table and q.table_pos is not None
            and q.table_pos[:2] == (table, row)] or [p]


def _last_cc_line(p: Paragraph, doc: Document) -> bool:
    after = [q for q in doc.body if q.index > p.index and not q.is_empty]
    return not after or after[0].role is not Role.CC


# ---------------------------------------------------------------------------------------------
# GW108


@rule(
    "GW108",
    "element-order",
    title="要素顺序",
    severity=ERROR,
    source="国标 GB/T 9704-2012 第7章",
)
def element_order(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    要素按 GB/T 9704 的顺序排列：份号、密级、紧急程度、发文机关标志、发文字号（签发人）、标题、
    主送机关、正文、附件说明、发文机关署名、成文日期、附注、附件、版记（抄送、印发）。常见错误：
    附件说明放在署名或日期之后、附注放在成文日期之前、抄送放在正文中间、附件夹在正文和署名之间。

    只报告本身就能认定的要素（“附件：”“抄送：”、发文字号、“（此件公开发布）”这样的行）：身份取决于
    位置的行（一个日期、一行机关名称）按顺序理解，不报。印发、转发、批转类通知在成文日期后排印所发
    文件（有无“附件”标识均可），这是通行版式，不是顺序错误。一处错位只报一次（一个表格算一处）。

    ## 依据
    GB/T 9704-2012 7.2（版头各要素的位置）、7.3.4（附件说明在正文下）、7.3.5（署名和成文日期在
    正文或附件说明之下）、7.3.6（附注在成文日期下一行）、7.3.7（附件另面编排在版记之前）、7.4
    （版记在最后一页）。

    ## 示例
    错：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        宜昌市人民政府
        2012年7月1日
        附件：防汛责任人名单
    对：
        关于做好防汛工作的通知
        各单位：
        现将有关事项通知如下。
        附件：防汛责任人名单
        宜昌市人民政府
        2012年7月1日
    对：
        宜昌市人民政府办公室关于印发防汛工作方案的通知
        各县市区人民政府：
        现将《防汛工作方案》印发给你们，请认真贯彻执行。
        宜昌市人民政府办公室
        2012年7月1日
        防汛工作方案
        一、总体要求
        各地要落实防汛责任。
    """
    from ..decoder.grammar import RANK

    body = [p for p in doc.body if not p.is_empty]
    reported_table: int | None = None
    for k, p in enumerate(body):
        if not p.misplaced or not p.confident:
            continue
        if k > 0 and body[k - 1].misplaced and body[k - 1].role is p.role:
            continue  # one finding per misplaced block
        if p.in_table and p.table_pos is not None:
            if reported_table == p.table_pos[0]:
                continue
            reported_table = p.table_pos[0]
        rank = RANK.get(p.role)
        if rank is None:
            continue
        label = "附件" if p.role is Role.ATTACHMENT_LABEL else p.role.label
        before = [q for q in body[:k] if RANK.get(q.role, -1) > rank and not q.misplaced]
        after = [q for q in body[k + 1:] if RANK.get(q.role, 99) < rank and not q.misplaced]
        if p.role is Role.ATTACHMENT_LABEL and after:
            later = max(after, key=lambda q: RANK[q.role])
            message = f"附件应在{later.role.label}之后（GB/T 9704 7.3.7：附件另面编排在版记之前）"
        elif before:
            earlier = max(before, key=lambda q: RANK[q.role])
            message = f"{label}应在{earlier.role.label}之前（GB/T 9704 要素顺序）"
        elif after:
            later = max(after, key=lambda q: RANK[q.role])
            message = f"{label}应在{later.role.label}之后（GB/T 9704 要素顺序）"
        else:
            continue
        yield ctx.report(p, 0, len(p.text.rstrip()), message)


# ---------------------------------------------------------------------------------------------
# GW109


_TITLE_END_PUNCT_RE = re.compile(r"[。．.，,；;：:！!？?]+$")


@rule(
    "GW109",
    "title-format",
    title="标题格式",
    severity=WARNING,
    source="实务 条例第九条第七项；转发标题写法",
    fixable=True,
)
def title_format(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    标题末尾不加标点符号；转发、印发类标题不出现“通知的通知”、重复的“关于”（应写作“××关于转发
    ××关于××的通知的通知”→“××转发××关于××的通知”）。标题是否以文种结尾见 GW601。

    ## 依据
    条例第九条第七项：标题由发文机关名称、事由和文种组成。标题不加句末标点、转发标题去掉重复的
    “关于”和“的通知”，是公文写作的通行做法（实务）。

    ## 示例
    错：关于做好防汛工作的通知。
    错：关于转发省政府关于做好防汛工作的通知的通知
    对：关于做好防汛工作的通知
    对：宜昌市人民政府转发省人民政府关于做好防汛工作的通知

    ## 修复
    删去标题末尾的标点（安全修复）。
    """
    doc = ctx.doc
    ps = title_paragraphs(doc)
    if not ps:
        if len(doc.body) == 1 and doc.body[0].role is Role.BODY:
            ps = [doc.body[0]]  # a one-line draft is its own title (examples, quick checks)
        else:
            return
    last = ps[-1]
    text = last.text.rstrip()
    m = _TITLE_END_PUNCT_RE.search(text)
    core = compact(text[: m.start()]) if m else ""
    if m and (GENRE_TAIL_RE.search(core) or "关于" in core):  # not a salutation (各位代表！)
        yield ctx.report(last, m.start(), m.end(), f"标题末尾不加标点符号：删去“{m.group(0)}”", replacement="")
    joined = "".join(compact(p.text) for p in ps)
    m2 = re.search(r"通知的通知$", joined)
    if m2 and re.search(r"(转发|印发|批转)", joined):
        idx = text.rfind("的通知")
        if idx >= 0:
            yield ctx.report(last, idx, len(text), f"转发标题不应出现“{m2.group(0)}”：保留一个“通知”")
    elif mask(joined).count("关于") >= 2 and re.search(r"关于(转发|批转)", joined):
        first = ps[0]
        k = first.text.find("关于")
        if k >= 0:
            yield ctx.report(first, k, k + 2, "转发标题中“关于”重复：去掉“转发”前的“关于”")


# ---------------------------------------------------------------------------------------------
# GW110


_SECRECY_RE = re.compile(r"^(绝密|机密|秘密)(?:\s*★\s*(?P<term>.+))?$")
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


_LOOSE_URGENCY_RE = re.compile(r"^(特急|加急|特提|平急|紧急|急件|特急件|加急件|特别紧急|急)$")
_LOOSE_SECRECY_RE = re.compile(r"^(绝密|机密|秘密)")
_LOOSE_COPY_RE = re.compile(r"^(份号[：:]?)?\d{1,10}$")


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
