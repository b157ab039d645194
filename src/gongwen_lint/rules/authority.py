"""Organs that may issue (GW611–GW614): who may issue a 命令（令）, who may move a 议案 and to whom,
to whom a 请示/报告 may be copied, between whom a 函 is used.

The organs are read from the draft — the 发文机关标志, else the title before 关于, else the 署名 —
and classified by their names (``_organs``, data in ``dictionaries/issuers.toml``).  A rule
speaks only when both sides of the relation it judges are known from the names; an organ whose
name says too little (a bare 部门, a name without place or kind) silences it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import lexicon, recache
from ..diagnostics import Diagnostic, Severity
from ..model import Document, Genre, Paragraph, Role
from ..text import compact
from ._data import load_toml
from ._fields import genre_of, title_paragraphs, title_text
from ._organs import Organ, core_body, parse_organ, same_place, split_organs
from .context import Context
from .registry import rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Named:
    """An organ named in the draft, and where."""

    organ: Organ
    paragraph: Paragraph
    start: int
    end: int


def _suffixes(ctx: Context) -> tuple[str, ...]:
    return lexicon.get(ctx).organ_suffixes


def _span(p: Paragraph, name: str) -> tuple[int, int]:
    """Where ``name`` (written without spaces) stands in ``p.text``."""
    pattern = r"[\s\u3000]*".join(map(re.escape, name))
    m = re.search(pattern, p.text)
    return (m.start(), m.end()) if m else (0, len(p.text.rstrip()))


def issuers(doc: Document, ctx: Context, signature: bool = True) -> list[Named]:
    """The issuing organs: the 发文机关标志 (without 文件/命令/令), else the title's part before
    关于, else (``signature``) the 署名 lines."""
    suffixes = _suffixes(ctx)
    out: list[Named] = []
    for p in doc.paragraphs(Role.ORGAN_MARK):
        for token in re.split(r"[\s\u3000]+", p.text.strip()):
            name = re.sub(r"(文件|命令|令|纪要|函)$", "", compact(token))
            if name:
                s, e = _span(p, name)
                out.append(Named(parse_organ(name, suffixes), p, s, e))
    if out:
        return out
    t = title_text(doc)
    if "关于" not in t and re.search(r"[^命]令$|命令$", t):
        t = re.sub(r"命?令$", "关于", t)  # 宜春市教育局令 typed as a title line: the organ and 令
    if "关于" in t and not t.startswith("关于"):
        name = t.split("关于", 1)[0]
        ps = title_paragraphs(doc)
        if ps and len(name) >= 3 and "、" not in name and "和" not in name[-3:]:
            s, e = _span(ps[0], name)
            return [Named(parse_organ(name, suffixes), ps[0], s, e)]
    if signature:
        for p in doc.paragraphs(Role.SIGNATURE):
            name = compact(p.text)
            if name and not re.search(r"[\d年月日]", name):
                s, e = _span(p, name)
                out.append(Named(parse_organ(name, suffixes), p, s, e))
    return out


def _addressees(doc: Document, ctx: Context) -> list[tuple[Organ, Paragraph]]:
    suffixes = _suffixes(ctx)
    return [(parse_organ(item, suffixes), p) for p in doc.paragraphs(Role.ADDRESSEE)[:1] for item in split_organs(p.text)]


# --------------------------------------------------------------------------------------------
# GW611

def _promulgates_rules(doc: Document) -> bool:
    """The 令 publishes a 规章: ``现予公布`` and a 规定/办法 title or a 令号."""
    data = load_toml("issuers.toml")["order"]
    text = "".join(compact(p.text) for p in doc.body if p.role in (Role.BODY, Role.DOC_NUMBER, Role.ATTACHMENT_TITLE))
    if not any(w in text for w in data["promulgation"]):
        return False
    titles = re.findall(r"《([^》]{2,60})》", text)
    if any(t.endswith(tuple(data["rule_titles"])) for t in titles):
        return True
    return any(re.fullmatch(r"第\S{1,6}号", compact(p.text)) for p in doc.paragraphs(Role.DOC_NUMBER))


@rule(
    "GW611",
    "order-issuer",
    title="无权发布命令（令）的机关",
    severity=ERROR,
    source="条例 第八条第三项；宪法 第八十九、九十、一百零七条；立法法 第八十二条",
)
def order_issuer(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    命令（令）只能由依法享有发布命令职权的机关发布：国务院及其部门（各部委、直属机构、国家局）和
    地方各级人民政府。地方政府的工作部门（局、厅、委、办）及其内设机构、政府办公厅（室）、党的组织、
    企事业单位不能发布命令，应改用通知、通告或决定。以令公布规章的，只能是省、自治区、直辖市和设区的
    市、自治州的人民政府：县、区、乡、镇人民政府以令公布“办法”“规定”的，同样报告。公安、军队、武警、
    消防救援和防汛、防火等指挥部按其法规发布命令，不检查；从名称看不出机关类别的不检查。

    ## 依据
    《党政机关公文处理工作条例》第八条第三项：命令（令）“适用于公布行政法规和规章、宣布施行重大强制性
    措施、批准授予和晋升衔级、嘉奖有关单位和人员”。《宪法》第八十九条第一项、第九十条第二款、第一百零七条
    第一款：国务院、国务院各部委、县级以上地方各级人民政府“发布决定和命令”。《立法法》第八十二条、第八十五条
    （2015年修正）：地方政府规章由省、自治区、直辖市和设区的市、自治州的人民政府制定，由省长、自治区主席、
    市长或者自治州州长签署命令予以公布。机关类别见 `dictionaries/issuers.toml`。

    ## 示例
    错：
        宜春市教育局令
        第1号
        《宜春市中小学校校外培训管理办法》已经局务会议审议通过，现予公布，自2024年5月1日起施行。
        局长　张三
        2024年3月1日
    对：
        宜春市人民政府令
        第1号
        《宜春市城市绿化管理办法》已经市人民政府常务会议审议通过，现予公布，自2024年5月1日起施行。
        市长　张三
        2024年3月1日
    错：
        宜丰县人民政府令
        第1号
        《宜丰县城市绿化管理办法》已经县人民政府常务会议审议通过，现予公布，自2024年5月1日起施行。
        县长　张三
        2024年3月1日

    ## 修复
    地方政府部门的规范性文件以“关于印发《……》的通知”印发；需要以令公布规章的，报请本级（设区的市以上）
    人民政府审议。
    """
    if genre_of(doc) is not Genre.ORDER:
        return
    for named in issuers(doc, ctx, signature=False):
        o = named.organ
        if o.central or o.kind in ("own_system", "npc", "court", "unknown"):
            continue
        if o.kind == "government":
            if o.level in (3, 4) and _promulgates_rules(doc):
                yield ctx.report(
                    named.paragraph, named.start, named.end,
                    f"{o.name}不能以令公布规章：地方政府规章只能由省、自治区、直辖市和设区的市、自治州的人民政府"
                    "制定（立法法第八十二条），县级以下人民政府的规范性文件以通知、决定等印发",
                )
            continue
        if o.kind == "department" and not o.places:
            continue  # 财政部, 发展改革委: probably a central department, which may issue 令
        label = {"office": "办公厅（室）", "party": "党的组织", "institution": "企事业单位", "department": "政府工作部门"}[o.kind]
        yield ctx.report(
            named.paragraph, named.start, named.end,
            f"{o.name}是{label}，不能发布命令（令）：命令由国务院及其部门和地方各级人民政府发布"
            "（宪法第八十九、九十、一百零七条）；可改用通知、通告或决定",
        )


# --------------------------------------------------------------------------------------------
# GW612


def _motion_level_mismatch(issuer: Organ, target: Organ) -> bool:
    if issuer.central or target.central:
        return issuer.central != target.central
    if not issuer.places or not target.places:
        return False
    if issuer.short or target.short:
        return not same_place(issuer, target)
    return issuer.places[-1] != target.places[-1]


@rule(
    "GW612",
    "motion-issuer",
    title="议案的提出机关和主送机关",
    severity=ERROR,
    source="条例 第八条第十三项",
)
def motion_issuer(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    议案只能由人民政府提出，主送同级人民代表大会或其常务委员会：政府工作部门、办公厅（室）、党的组织
    提出的议案，主送人大以外机关的议案，主送上一级或下一级人大（常委会）的议案，都报告。人大的专门
    委员会、法院、检察院、监察委员会依照法律提出的议案不检查；机关名称看不出类别或层级的不检查。

    ## 依据
    《党政机关公文处理工作条例》第八条第十三项：议案“适用于各级人民政府按照法律程序向同级人民代表大会
    或者人民代表大会常务委员会提请审议事项”。

    ## 示例
    错：
        宜春市财政局关于提请审议《宜春市2024年市级预算调整方案》的议案
        市人大常委会：
        现将《宜春市2024年市级预算调整方案》提请审议。
        宜春市财政局
        2024年3月1日
    错：
        宜丰县人民政府关于提请审议《宜丰县农村公路条例（草案）》的议案
        宜春市人民代表大会常务委员会：
        现将《宜丰县农村公路条例（草案）》提请审议。
        县长　张三
        2024年3月1日
    对：
        宜春市人民政府关于提请审议《宜春市2024年市级预算调整方案》的议案
        市人大常委会：
        现将《宜春市2024年市级预算调整方案》提请审议。
        市长　张三
        2024年3月1日

    ## 修复
    由本级人民政府向同级人大常委会提出；部门起草的，报请本级人民政府审定后以政府名义提出。
    """
    if genre_of(doc) is not Genre.MOTION:
        return
    found = issuers(doc, ctx, signature=False)
    for named in found:
        o = named.organ
        # A department without a place may be an NPC special committee (财政经济委员会): left alone.
        if o.kind in ("office", "party", "institution") or (o.kind == "department" and o.places):
            yield ctx.report(named.paragraph, named.start, named.end,
                             f"议案只能由人民政府提出，{o.name}不能提出议案：请报请本级人民政府审定后以政府名义提出")
    governments = [n.organ for n in found if n.organ.kind == "government"]
    for target, p in _addressees(doc, ctx):
        s, e = _span(p, target.name)
        if target.kind not in ("npc", "unknown"):
            yield ctx.report(p, s, e, f"议案应主送同级人民代表大会或其常务委员会，不能主送{target.name}")
        elif target.kind == "npc" and any(_motion_level_mismatch(g, target) for g in governments):
            yield ctx.report(p, s, e, f"议案应主送同级人民代表大会或其常务委员会，{target.name}与提出议案的{governments[0].name}不是同级")


# --------------------------------------------------------------------------------------------
# GW613

_OWN_UNITS = recache.compile(r"(下属|所属|直属|[局厅委部办院]属|系统内|本[局厅委部办院单位]各|机关各)")
_CC_LOWER_LEVEL = {"省": 1, "市": 2, "州": 2, "县": 3, "区": 3, "旗": 3, "乡镇": 4, "乡": 4, "镇": 4, "街道": 4, "村": 5, "社区": 5}


def _lower(issuer: Organ, item: Organ, raw: str) -> bool:
    """``item`` (from a 抄送 line) is an organ below the issuer."""
    if _OWN_UNITS.search(raw):
        return True
    if not item.plural or not item.places or issuer.central:
        return False
    level = _CC_LOWER_LEVEL.get(item.places[-1])
    mine = issuer.level
    if level is None or mine is None:
        return False
    if mine == 0:  # a 市 of unknown level: above 乡镇 for sure, above 县 when it names its 县 (各县)
        mine = 2 if level == 3 else 3
    if level <= mine:
        return False
    if issuer.kind in ("government", "party"):
        return True
    if issuer.kind == "department":  # a department's lower organs are its counterparts below
        a, b = core_body(issuer.body), core_body(item.body)
        return len(a) >= 2 and len(b) >= 2 and (a in b or b in a)
    return False


@rule(
    "GW613",
    "upward-cc-lower",
    title="上行文抄送下级机关",
    severity=WARNING,
    source="条例 第十五条第一项",
)
def upward_cc_lower(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    请示、报告不抄送下级机关：抄送“各乡镇人民政府”“局属各单位”“各县（市、区）教育局”（本系统下级）的
    请示、报告报告。下级的判断以名称为准：本机关的下属、所属、直属单位，层级低于发文机关的各县、各乡镇
    机关（发文机关是政府工作部门时，只算下级的同类部门）。请示多个主送机关由 GW605 检查。

    ## 依据
    《党政机关公文处理工作条例》第十五条第一项：向上级机关行文，“原则上主送一个上级机关，根据需要同时
    抄送相关上级机关和同级机关，不抄送下级机关”。

    ## 示例
    错：
        宜春市教育局关于申请校舍维修资金的请示
        市人民政府：
        我局拟对城区12所中小学校舍进行维修，需资金300万元。妥否，请批示。
        宜春市教育局
        2024年3月1日
        抄送：市财政局，各县（市、区）教育局。
    对：
        宜春市教育局关于申请校舍维修资金的请示
        市人民政府：
        我局拟对城区12所中小学校舍进行维修，需资金300万元。妥否，请批示。
        宜春市教育局
        2024年3月1日
        抄送：市财政局。

    ## 修复
    删去下级机关；需要下级知晓的，另行发文。
    """
    genre = genre_of(doc)
    if genre not in (Genre.REQUEST, Genre.REPORT):
        return
    found = issuers(doc, ctx)
    if len({n.organ.name for n in found}) != 1:
        return  # no issuer, or a joint document: whose lower organs cannot be told
    issuer = found[0].organ
    suffixes = _suffixes(ctx)
    for p in doc.paragraphs(Role.CC):
        for raw in split_organs(p.text):
            item = parse_organ(raw, suffixes)
            if _lower(issuer, item, raw):
                s, e = _span(p, item.name)
                yield ctx.report(p, s, e, f"{genre.value}不抄送下级机关：{item.name}是{issuer.name}的下级")


# --------------------------------------------------------------------------------------------
# GW614


def _relation(issuer: Organ, to: Organ) -> str | None:
    """How ``to`` stands to ``issuer`` when the names show a line of leadership, else None."""
    if issuer.central or to.central or issuer.kind == "office":
        return None
    if issuer.kind == "department" and to.kind == "government" and not to.plural and same_place(issuer, to):
        return "上级"  # 市教育局 → 市人民政府: its own government
    if issuer.kind == "government" and to.kind == "department" and not to.plural and same_place(issuer, to):
        return "下级"  # 市人民政府 → 市教育局: its own department
    if issuer.kind == "government" and to.kind == "government":
        li, lt = issuer.level, to.level
        if to.plural and lt is not None and li is not None and lt > max(li, 2 if lt == 3 else li):
            return "下级"  # 市人民政府 → 各县（市、区）人民政府
        if to.short and li is not None and lt is not None and li != 0 and lt != 0 and lt < li:
            return "上级"  # 宜丰县人民政府 → 市人民政府: the government above it
        if to.short and li is not None and to.places[-1] == "市" and li in (3, 4):
            return "上级"
    return None


@rule(
    "GW614",
    "letter-relation",
    title="有隶属关系的机关之间用函",
    severity=WARNING,
    source="条例 第八条第十四项",
)
def letter_relation(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    ## 检查内容
    函用于不相隶属机关之间。发文机关与主送机关从名称看有领导关系时报告：政府工作部门致本级人民政府
    （应用请示或报告），人民政府致本级工作部门或下级人民政府（应用通知或批复），下级人民政府致上级人民政府。
    办公厅（室）代本级政府办文、中央机关致地方的函，以及名称看不出层级的，不检查。

    ## 依据
    《党政机关公文处理工作条例》第八条第十四项：函“适用于不相隶属机关之间商洽工作、询问和答复问题、
    请求批准和答复审批事项”。

    ## 示例
    错：
        宜春市教育局关于申请校舍维修资金的函
        市人民政府：
        我局拟对城区12所中小学校舍进行维修，需资金300万元，请予支持。
        宜春市教育局
        2024年3月1日
    对：
        宜春市教育局关于商请协助做好校舍安全检查的函
        宜春市应急管理局：
        我局拟于4月开展中小学校舍安全检查，请派员协助。
        宜春市教育局
        2024年3月1日

    ## 修复
    向本级政府或上级机关请求批准用请示，报告工作用报告；对下级机关用通知、批复。
    """
    if genre_of(doc) is not Genre.LETTER:
        return
    found = issuers(doc, ctx)
    if len({n.organ.name for n in found}) != 1:
        return
    issuer = found[0].organ
    for to, p in _addressees(doc, ctx):
        relation = _relation(issuer, to)
        if relation:
            s, e = _span(p, to.name)
            advice = "请求批准用请示、报告工作用报告" if relation == "上级" else "用通知或批复"
            yield ctx.report(p, s, e, f"{to.name}是{issuer.name}的{relation}机关，不是不相隶属机关，不宜用函：{advice}")

