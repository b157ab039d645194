"""文种与行文规则 (GW601–GW607): the genre a title declares, and the 条例's rules on how each
genre is written and sent — no request inside a report, one matter per request, a closing that
fits the genre, one upper-level addressee and no person as addressee, no repealed rule cited.

The genre comes from the title's last 文种 word (structure recognition, ``_fields.genre_of``).
Phrases and closings are data in ``dictionaries/genres.toml`` with their sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import recache
from ..diagnostics import Diagnostic, Severity
from ..model import HEADING_ROLES, Document, Genre, Paragraph, Role
from ..text import compact, mask
from ._fields import (
    GENRE_TAIL_RE,
    addressee_items,
    genre_data,
    genre_of,
    has_header,
    has_placeholder,
    last_index,
    main_text,
    paragraph_at,
    person_in_addressee,
    severity_for,
    title_paragraphs,
)
from .context import Context
from .registry import rule

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

BODY_ROLES = frozenset({Role.BODY}) | HEADING_ROLES
TEXT_ROLES = BODY_ROLES | {Role.ATTACHMENT_BODY, Role.NOTE, Role.ATTACHMENT_NOTE}

_REGULATION_TAILS = ("条例", "规定", "办法", "细则", "章程", "规则")


def _main_text(doc: Document) -> list[Paragraph]:
    """The 正文 of the document itself (not its attachments)."""
    return main_text(doc)


def _title_for_check(doc: Document) -> tuple[list[Paragraph], str]:
    ps = title_paragraphs(doc)
    if not ps and len([p for p in doc.body if not p.is_empty]) == 1:
        ps = [p for p in doc.body if not p.is_empty]  # a one-line draft is a title
    return ps, "".join(compact(p.text) for p in ps)


# ---------------------------------------------------------------------------------------------
# GW601


@rule("GW601", "unknown-genre", title="非法定文种", severity=WARNING, source="条例 第八条")
def unknown_genre(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    标题应以条例规定的15种文种之一结尾：决议、决定、命令（令）、公报、公告、通告、意见、通知、
    通报、报告、请示、批复、议案、函、纪要。方案、办法、要点、总结、讲话等不是文种，应以通知印发
    （“关于印发××方案的通知”）。没有版头的规章文本（××条例、××办法）只作提示。

    ## 依据
    《党政机关公文处理工作条例》第八条列出公文种类；第九条第七项：标题由发文机关名称、事由和文种
    组成。

    ## 示例
    错：宜昌市2024年安全生产工作要点
    错：关于开展安全生产大检查的方案
    对：关于印发宜昌市2024年安全生产工作要点的通知
    对：宜昌市人民政府关于开展安全生产大检查的通知
    """
    doc = ctx.doc
    ps, title = _title_for_check(doc)
    if not ps or not title or has_placeholder(title):
        return
    title = title.rstrip("。．.，,；;：:！!？?")
    if genre_of(doc) is not None or GENRE_TAIL_RE.search(title):
        return
    last = ps[-1]
    end = len(last.text.rstrip())
    tail = next((w for w in genre_data()["non_genres"] if title.endswith(w)), None)
    if tail:
        severity = INFO if tail in _REGULATION_TAILS and not has_header(doc) else None
        k = last.text.rfind(tail)
        yield ctx.report(
            last, k if k >= 0 else 0, k + len(tail) if k >= 0 else end,
            f"“{tail}”不是法定文种：应以通知印发或转发（如“关于印发……{tail}的通知”）",
            severity=severity,
        )
    elif len(title) >= 6 and has_header(doc):
        yield ctx.report(last, 0, end, "标题没有以法定文种结尾（决定、通知、报告、请示、函等15种）")


# ---------------------------------------------------------------------------------------------
# GW602


def _request_phrases() -> list[str]:
    return sorted(genre_data()["request_phrases"], key=len, reverse=True)


def _find_phrases(text: str, phrases: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences, longest phrase first, in the masked text."""
    masked = mask(text)
    taken: list[tuple[int, int, str]] = []
    for ph in phrases:
        for m in re.finditer(re.escape(ph), masked):
            if not any(a < m.end() and m.start() < b for a, b, _ in taken):
                taken.append((m.start(), m.end(), ph))
    return sorted(taken)


@rule("GW602", "request-in-report", title="报告夹带请示事项", severity=ERROR, source="条例 第十五条第四项")
def request_in_report(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    报告等非请示性公文不得夹带请示事项：报告中出现“妥否，请批示”“请予批准”“请审批”等请示用语，
    或以“请示报告”作文种。需要上级批准的事项应另行请示。函（向不相隶属机关请求批准）和批复（引用
    来文）不检查。

    ## 依据
    《党政机关公文处理工作条例》第十五条第四项：“请示应当一文一事……不得在报告等非请示性公文中
    夹带请示事项。”《中国共产党重大事项请示报告条例》第二十条。

    ## 示例
    错：
        关于2023年安全生产工作情况的报告
        市人民政府：
        现将我局2023年安全生产工作情况报告如下。
        拟请市政府增拨专项经费50万元，妥否，请批示。
    错：关于申请道路维修经费的请示报告
    对：
        关于2023年安全生产工作情况的报告
        市人民政府：
        现将我局2023年安全生产工作情况报告如下。
        特此报告。
    """
    doc = ctx.doc
    genre = genre_of(doc)
    ps, title = _title_for_check(doc)
    if title.rstrip("。").endswith("请示报告"):
        last = ps[-1]
        k = last.text.rfind("请示报告")
        yield ctx.report(last, k, k + 4, "“请示报告”不是文种：请示与报告应分开行文")
        return
    if genre is None or genre in (Genre.REQUEST, Genre.LETTER, Genre.REPLY, Genre.MOTION):
        return
    # The genre comes from the title: an unsure title makes this at most a warning.
    severity = None if genre is Genre.REPORT and severity_for(*ps) is None else WARNING
    phrases = _request_phrases()
    for p in _main_text(doc):
        for a, b, ph in _find_phrases(p.text, phrases):
            yield ctx.report(
                p, a, b, f"{genre.value}中不得夹带请示事项（“{ph}”）：需要批准的事项应另行请示", severity=severity
            )


# ---------------------------------------------------------------------------------------------
# GW603

_MATTERS = {
    "经费": r"经费|资金|拨款|补助|款项|预算|专项资金",
    "编制": r"编制|增编|职数|招聘|人员",
    "用地": r"用地|土地|征地",
    "车辆": r"车辆|购车|公务用车|用车",
    "用房": r"用房|办公楼|房屋|场地",
    "机构": r"设立|成立|更名|机构|撤销",
    "项目": r"立项|项目",
    "表彰": r"表彰|奖励|评优",
    "出访": r"出国|出访|出境",
}
_MATTER_RES = {k: recache.compile(v) for k, v in _MATTERS.items()}
_REQUEST_VERB_RE = recache.compile(r"(申请|请求|恳请|拟请|请予|请批准|请求批准)")
_JOIN_RE = recache.compile(r"(?:以及|和|及|与|并|、)")


def _matters(text: str) -> set[str]:
    return {k for k, rx in _MATTER_RES.items() if rx.search(text)}


@rule("GW603", "multi-matter-request", title="请示一文多事", severity=WARNING, source="条例 第十五条第四项")
def multi_matter_request(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    请示应当一文一事。标题用“和”“及”“并”连接两件需要批准的不同事项（如经费和编制），或正文在
    不同句子里分别请求批准不同类别的事项（经费、编制、用地、车辆、用房、机构、项目、表彰、出访），
    视为一文多事。同一事项的几个方面（项目及其资金）不报告。

    ## 依据
    《党政机关公文处理工作条例》第十五条第四项：“请示应当一文一事。”

    ## 示例
    错：关于申请道路维修经费和增加人员编制的请示
    错：
        关于有关事项的请示
        市人民政府：
        一是申请道路维修专项经费50万元。
        二是请求增加事业编制3名。
        妥否，请批示。
    对：关于申请道路维修经费的请示
    对：
        关于申请道路维修经费的请示
        市人民政府：
        申请道路维修专项经费50万元，用于购置养护车辆。
        妥否，请批示。
    """
    doc = ctx.doc
    if genre_of(doc) is not Genre.REQUEST:
        return
    ps, title = _title_for_check(doc)
    if title:
        core = re.sub(r"^.*?关于", "", title)
        core = re.sub(r"的?请示$", "", core)
        parts = [x for x in _JOIN_RE.split(core) if x]
        kinds = [_matters(x) for x in parts]
        distinct = [k for k in kinds if len(k) == 1]
        if len(parts) >= 2 and len({next(iter(k)) for k in distinct}) >= 2 and len(distinct) >= 2:
            names = "、".join(sorted({next(iter(k)) for k in distinct}))
            first = ps[0]
            yield ctx.report(first, 0, len(ps[-1].text.rstrip()) if len(ps) == 1 else len(first.text.rstrip()),
                             f"请示应当一文一事：标题包含多个请示事项（{names}）")
            return
    # Body: separate request sentences, each about one different kind of matter.
    found: dict[str, tuple[Paragraph, int, int]] = {}
    for p in _main_text(doc):
        masked = mask(p.text)
        for sent in re.finditer(r"[^。；！？]+[。；！？]?", masked):
            s = sent.group(0)
            v = _REQUEST_VERB_RE.search(s)
            if not v:
                continue
            matters = _matters(s[v.start():])
            if len(matters) == 1:
                kind = next(iter(matters))
                found.setdefault(kind, (p, sent.start(), sent.end()))
    if len(found) >= 2:
        (kind1, _), (kind2, (p, a, b)) = list(found.items())[:2]
        yield ctx.report(p, a, b, f"请示应当一文一事：本文请求了多个事项（{kind1}、{kind2}），应分别行文")


# ---------------------------------------------------------------------------------------------
# GW604


_CLOSING_RE = recache.compile(r"(特此(?:报告|通知|通报|批复|公告|通告|函告|函复|函达|请示)|此复)")


@rule("GW604", "closing-mismatch", title="结束语与文种不符", severity=WARNING, source="实务 各文种结束语的通行写法")
def closing_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    结束语要与文种相符：请示不用“特此报告”“特此通知”（用“妥否，请批示”“以上请示，请予批复”），
    报告用“特此报告”，通知用“特此通知”，批复用“此复”“特此批复”，函用“特此函告”“特此函复”等。
    只检查正文最后两段。

    ## 依据
    公文写作通行做法（实务）：各文种有其惯用结束语；请示结尾须提出明确的请求。

    ## 示例
    错：
        关于申请道路维修经费的请示
        市人民政府：
        我局拟对城区道路进行维修，需经费50万元。
        特此报告。
    对：
        关于申请道路维修经费的请示
        市人民政府：
        我局拟对城区道路进行维修，需经费50万元。
        妥否，请批示。
    """
    doc = ctx.doc
    genre = genre_of(doc)
    if genre is None:
        return
    allowed = genre_data()["closings"]
    for p in _main_text(doc)[-2:]:
        masked = mask(p.text)
        for m in _CLOSING_RE.finditer(masked):
            word = m.group(1)
            if genre.value not in allowed.get(word, [genre.value]):
                own = genre_data()["genres"].get(genre.value, {}).get("closings", [])
                hint = f"，宜用“{own[0]}”" if own else ""
                yield ctx.report(p, m.start(), m.end(), f"{genre.value}的结束语不宜用“{word}”{hint}")


# ---------------------------------------------------------------------------------------------
# GW605


@rule("GW605", "upward-addressees", title="上行文主送", severity=ERROR, source="条例 第十五条第一、五项")
def upward_addressees(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    请示、报告原则上主送一个上级机关（多个主送机关为警告）；不得以本机关名义主送上级机关负责人
    （主送“××书记”“××市长”“××同志”为错误）。

    ## 依据
    《党政机关公文处理工作条例》第十五条第一项：“原则上主送一个上级机关，根据需要同时抄送相关
    上级机关和同级机关，不抄送下级机关。”第五项：“除上级机关负责人直接交办事项外，不得以本机关
    名义向上级机关负责人报送公文。”

    ## 示例
    错：
        关于申请道路维修经费的请示
        市人民政府、市财政局：
        我局拟对城区道路进行维修，需经费50万元。
        妥否，请批示。
    错：
        关于申请道路维修经费的请示
        张市长：
        我局拟对城区道路进行维修，需经费50万元。
        妥否，请批示。
    对：
        关于申请道路维修经费的请示
        市人民政府：
        我局拟对城区道路进行维修，需经费50万元。
        妥否，请批示。
    """
    doc = ctx.doc
    genre = genre_of(doc)
    if genre is None or genre not in (Genre.REQUEST, Genre.REPORT):
        return
    for p in doc.paragraphs(Role.ADDRESSEE)[:1]:
        person = person_in_addressee(p.text)
        if person:
            k = p.text.find(person)
            yield ctx.report(p, max(k, 0), max(k, 0) + len(person) if k >= 0 else len(p.text),
                             f"{genre.value}不得以本机关名义主送上级机关负责人（“{person}”）",
                             severity=severity_for(p, *title_paragraphs(doc)))
            continue
        items = addressee_items(p.text)
        if len(items) >= 2:
            yield ctx.report(p, 0, len(p.text.rstrip()),
                             f"{genre.value}原则上主送一个上级机关（现有{len(items)}个），其他机关可抄送",
                             severity=WARNING)


# ---------------------------------------------------------------------------------------------
# GW606


@rule("GW606", "contact-note", title="请示联系人", severity=INFO, source="实务 请示件附注联系人和电话")
def contact_note(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    请示应在附注处注明联系人和联系电话，便于上级机关联系（提示）。只检查有成文日期的请示。

    ## 依据
    条例和 GB/T 9704 没有规定；实务中请示件在成文日期下一行附注“（联系人：×××，电话：×××）”
    （栾照钧等关于请示附注的答问）。

    ## 示例
    错：
        关于申请道路维修经费的请示
        市人民政府：
        我局拟对城区道路进行维修，需经费50万元。妥否，请批示。
        宜昌市交通运输局
        2012年7月1日
    对：
        关于申请道路维修经费的请示
        市人民政府：
        我局拟对城区道路进行维修，需经费50万元。妥否，请批示。
        宜昌市交通运输局
        2012年7月1日
        （联系人：张三，电话：0717-6221234）
    """
    doc = ctx.doc
    if genre_of(doc) is not Genre.REQUEST:
        return
    date = last_index(doc, Role.DATE)
    if date is None:
        return
    if any(("联系人" in p.text or "电话" in p.text) for p in doc.all_paragraphs()):
        return
    yield ctx.report(paragraph_at(doc, date + 1), 0, 0, "请示宜在附注处注明联系人和联系电话")


# ---------------------------------------------------------------------------------------------
# GW607


_HISTORICAL_RE = recache.compile(r"(废止|停止执行|失效|不再执行|代替|取代|替代|修订前|原《|已被)")


@lru_cache(maxsize=1)
def _repealed_patterns() -> list[tuple[re.Pattern, dict]]:
    """The packaged list (``genres.toml``), compiled once: GW607 asks for it for every paragraph."""
    out = []
    for entry in genre_data()["repealed"]:
        if "pattern" in entry:
            out.append((recache.compile(entry["pattern"]), entry))
        else:
            out.append((recache.compile(re.escape(entry["text"])), entry))
    return out


@lru_cache(maxsize=1)
def _any_repealed() -> re.Pattern | None:
    """One alternation of all the repealed patterns: a paragraph none of them matches (nearly
    every one) is passed over in one scan instead of one scan per pattern (issue 18).  None when
    the alternation does not compile (two entries naming the same group)."""
    try:
        return recache.compile("|".join(f"(?:{rx.pattern})" for rx, _entry in _repealed_patterns()))
    except re.error:
        return None


@rule(
    "GW607",
    "repealed-citation",
    title="引用已废止的规范",
    severity=ERROR,
    source="条例 第四十二条；国标 GB/T 9704-2012 前言",
    roles=TEXT_ROLES,
)
def repealed_citation(p: Paragraph, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    正文把已停止执行或被替代的规范当作现行依据引用：2000年《国家行政机关公文处理办法》
    （国发〔2000〕23号）、1996年《中国共产党机关公文处理条例》、GB/T 9704-1999《国家行政机关
    公文格式》、GB/T 15834-1995、GB/T 15835-1995 等。句中说明其已废止、被代替的不报告。

    ## 依据
    《党政机关公文处理工作条例》第四十二条：1996年《中国共产党机关公文处理条例》和2000年《国家
    行政机关公文处理办法》停止执行。GB/T 9704-2012 代替 GB/T 9704-1999。

    ## 示例
    错：根据《国家行政机关公文处理办法》，现将公文格式要求通知如下。
    错：公文格式按照GB/T 9704-1999执行。
    对：根据《党政机关公文处理工作条例》，现将公文格式要求通知如下。
    对：《国家行政机关公文处理办法》已于2012年停止执行。
    """
    text = p.text
    anywhere = _any_repealed()
    if anywhere is not None and not anywhere.search(text):
        return
    for rx, entry in _repealed_patterns():
        for m in rx.finditer(text):
            sent_start = max(text.rfind(c, 0, m.start()) for c in "。；！？") + 1
            ends = [text.find(c, m.end()) for c in "。；！？"]
            sent_end = min([e for e in ends if e >= 0], default=len(text))
            if _HISTORICAL_RE.search(text[sent_start:sent_end + 1]):
                continue
            a, b = m.start(), m.end()
            if text[a - 1: a] == "《" and text[b: b + 1] == "》":
                a, b = a - 1, b + 1
            yield ctx.report(p, a, b, f"引用了已停止执行或被代替的规范（{entry['source']}）：现行为{entry['replaced_by']}")
