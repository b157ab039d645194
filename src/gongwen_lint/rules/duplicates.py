"""GW8: duplicates of higher-level and already-issued documents (needs ``--index``).

The rules read one analysis of the draft against the reference index
(:mod:`gongwen_lint.index.session`): GW803 gives the evidence paragraph by paragraph, GW801 and
GW802 flag a draft that substantially repeats one higher-level or issued document, GW804 a
draft that is a whole re-issue.  Without an index (``check --index`` or ``index = …`` in the
configuration) they report nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Reference, Severity
from ..model import Document
from ..text import paragraph_list
from .context import Context
from .registry import rule

if TYPE_CHECKING:  # the index machinery (numpy) is imported only when an index is configured
    from ..index.search import DocumentMatch
    from ..index.session import Verdict

LEVEL_LABEL = {"higher": "上级", "same": "已发", "lower": "下级"}


def draft_verdict(doc: Document, ctx: Context) -> Verdict | None:
    """The draft's analysis against the configured index (``None`` without one), computed once
    per document for every rule that reads it (GW8, and GW641/GW642 on restated passages)."""
    url = ctx.config.index
    if not url:
        return None
    from ..index.search import SearchOptions
    from ..index.session import IndexSession, Thresholds

    session: IndexSession = ctx.resources.get("index", lambda: IndexSession(url))
    th = Thresholds(
        search=SearchOptions(
            min_chars=int(ctx.setting("duplicates", "min-chars")),
            min_similarity=float(ctx.setting("duplicates", "min-similarity")),
            # The user's own 套话 (dictionaries.boilerplate-add) never count as copying either.
            extra_stock=tuple(
                phrase
                for phrases in ctx.config.dictionaries.get("boilerplate-add", {}).values()
                for phrase in phrases
            ),
        ),
        min_coverage=float(ctx.setting("duplicates", "min-coverage")),
        min_ref_coverage=float(ctx.setting("duplicates", "min-reference-coverage")),
        reissue_coverage=float(ctx.setting("duplicates", "reissue-coverage")),
        max_new_share=float(ctx.setting("duplicates", "max-new-share")),
    )
    return session.verdict(doc, th)


def _cite(m: DocumentMatch) -> str:
    title = (m.doc.title or m.doc.path.rsplit("/", 1)[-1]).replace("《", "〈").replace("》", "〉")
    return f"《{title}》" + (f"（{m.doc.number}）" if m.doc.number else "")


def _reference(m: DocumentMatch, paragraph: int | None, similarity: float,
               same: list[DocumentMatch] | None = None) -> Reference:
    d = m.doc
    return Reference(
        path=d.path, title=d.title, number=d.number, issuer=d.issuer, level=d.level,
        paragraph=paragraph, similarity=similarity, coverage=m.draft_coverage,
        same_text=tuple(x.doc.path for x in same or ()),
    )


def _same(n: int) -> str:
    return f"；另有 {n} 份内容相同的文件" if n else ""


def _article(p) -> str:
    return f"（{p.ref_article}）" if p.ref_article else ""


def _first_passage(v: Verdict, m: DocumentMatch):
    p = min(m.passages, key=lambda x: (x.paragraph, x.start))
    return v.paragraphs[p.paragraph], p


def _others(n: int) -> str:
    return f"（另有 {n} 份已收录文件内容相同）" if n else ""


def _added(v: Verdict) -> str:
    """What the draft adds, for the reviewer deciding whether it should be issued at all."""
    new = v.novelty.new
    if not new:
        return "，未见新的措施"
    return f"（新增措施 {len(new)} 项：{paragraph_list([v.paragraphs[i].index for i in new])}）"


def _repeats(doc: Document, ctx: Context, higher: bool, advice: str) -> Iterator[Diagnostic]:
    """GW801 (higher-level references) and GW802 (the others): one finding per repeated document,
    anchored on the first copied passage."""
    v = draft_verdict(doc, ctx)
    if v is None or v.no_new:  # GW805 says it all
        return
    for m, twins in v.repeats:
        if (m.doc.level == "higher") != higher:
            continue
        p, first = _first_passage(v, m)
        label = LEVEL_LABEL.get(m.doc.level, "已发")
        yield ctx.report(
            p, first.start, first.end,
            f"草稿约 {m.draft_coverage:.0%} 的内容与{label}文件{_cite(m)}重复{_others(twins)}{_added(v)}：{advice}",
            reference=_reference(m, first.ref_paragraph, m.similarity),
        )


@rule(
    "GW801",
    "duplicates-higher-level",
    title="重复上级文件",
    severity=Severity.ERROR,
    source="政策 精简文件：上级已发到各县市区或已公开发表的不再转发",
    example_input="index",
    needs={"index"},
)
def duplicates_higher_level(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    草稿大段重复索引中的上级文件。

    ## 检查内容
    草稿正文中照抄（或略改几个字）索引中某份上级文件（清单 level 为 higher）的内容，照抄部分占草稿正文的
    比例达到 `[duplicates] min-coverage`（默认 30%），或照抄了该上级文件 `[duplicates] min-reference-coverage`
    （默认 60%）以上的内容。几乎整篇相同时改报 GW804。每份上级文件只报一次，位置为第一处照抄的段落；
    各段的具体证据见 GW803。公文套话和在索引中十分常见的表述不算照抄。需要用 `--index` 指定参照索引。

    ## 依据
    精简文件的要求：上级已发到各县市区或已公开发表的不再转发；法律法规已有明确规定的不再发文；
    政策已经明确、执行中未提出新措施的，不再重复行文。

    ## 参照文件
    层级：higher
        关于进一步加强农村饮用水安全工作的通知
        各地要建立农村饮用水水源地名录，逐一划定保护范围，设立明显的地理界标和警示标志，严禁在保护范围内新建排污口。
        各地要在二〇二五年底前完成千人以上供水工程的水质检测全覆盖，检测结果每季度向社会公开一次。

    ## 示例
    错：
        关于做好我县农村饮用水安全工作的通知
        各地要建立农村饮用水水源地名录，逐一划定保护范围，设立明显的地理界标和警示标志，严禁在保护范围内新建排污口。
        县水利局负责牵头组织，十月底前完成全县十二处水源地的界标设立工作。
    对：
        关于做好我县农村饮用水安全工作的通知
        县水利局负责牵头组织，十月底前完成全县十二处水源地的界标设立工作。

    ## 修复
    删去照抄的内容，改为“请认真贯彻落实《……》（文号）”并只写本地新的具体措施；没有新措施的，不再发文。
    """
    yield from _repeats(doc, ctx, higher=True,
                        advice="上级已发的文件不再转发，政策已经明确的不再重复行文；请改为贯彻落实意见或直接引用原文件")


@rule(
    "GW802",
    "duplicates-issued",
    title="重复已发文件",
    severity=Severity.WARNING,
    source="政策 精简文件：政策已经明确、执行中未提出新措施的，不再重复行文",
    example_input="index",
    needs={"index"},
)
def duplicates_issued(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    草稿大段重复索引中的已发文件（本级或下级）。

    ## 检查内容
    与 GW801 相同的判断，参照文件是本级已发（清单 level 为 same）或下级（lower）的文件。几乎整篇相同时改报
    GW804。需要用 `--index` 指定参照索引。

    ## 依据
    精简文件的要求：政策已经明确、执行中未提出新措施的，不再重复行文；可发可不发的不发。

    ## 参照文件
    层级：same
        关于规范机关公务用车管理的通知
        公务用车实行统一编号、统一标识、集中停放，车辆使用须经分管负责同志审批并逐车登记行驶里程和加油记录。
        各单位每半年对公务用车使用情况自查一次，自查报告于七月十日和次年一月十日前报送机关事务管理局。

    ## 示例
    错：
        关于加强公务用车管理的通知
        公务用车实行统一编号、统一标识、集中停放，车辆使用须经分管负责同志审批并逐车登记行驶里程和加油记录。
        今年起增设车辆定位装置，由信息中心负责维护。
    对：
        关于加强公务用车管理的通知
        今年起增设车辆定位装置，由信息中心负责维护。

    ## 修复
    已发文件仍然有效的，不再重复发文；确有新措施的，只写新措施，并注明原文件文号。
    """
    yield from _repeats(doc, ctx, higher=False, advice="政策已经明确、未提出新措施的，不再重复行文")


@rule(
    "GW803",
    "copied-passage",
    title="照抄已收录文件的段落",
    severity=Severity.INFO,
    source="政策 精简文件：不再转发、不再重复行文（证据）",
    example_input="index",
    needs={"index"},
)
def copied_passage(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    本段照抄（或略改几个字）索引中某份文件的内容。

    ## 检查内容
    逐段给出照抄的证据：摘录为草稿中照抄的那一段文字，`reference` 给出被照抄的文件、段落、相似度和该文件
    覆盖草稿的比例。照抄部分去掉公文套话后至少 `[duplicates] min-chars`（默认 30）个字、相似度至少
    `[duplicates] min-similarity`（默认 0.8）才报。每段只报最能说明这段照抄的一份文件：包含这段文字最多的，
    再看最接近原样的、上级文件、较新的；与它内容相同的其他文件（同一通知发给多个单位）只计数（“另有 N 份内容相同的
    文件”），`reference.paragraph` 是原文件的第几段（只数非空段落，标题行和注释不算）。原样照录法规的一整条短条文
    （不足 60 字）报为引用法条。草稿没有新措施时（GW805）各段证据合在那一条里，不再逐段报。
    需要用 `--index` 指定参照索引。

    ## 依据
    精简文件的要求：上级已发到各县市区或已公开发表的不再转发；政策已经明确的不再重复行文。本规则是
    GW801、GW802、GW804 的逐段证据。

    ## 参照文件
    层级：same
        关于开展春季植树活动的通知
        各单位要组织干部职工于三月十二日前后就近参加义务植树，每人植树不少于三株，并做好苗木的浇水和养护工作。

    ## 示例
    错：各单位要组织干部职工于三月十二日前后就近参加义务植树，每人植树不少于五株，并做好苗木的浇水和养护工作。
    对：各单位要组织干部职工参加义务植树。

    ## 修复
    引用原文件（写明标题和文号）代替照抄；照抄内容如确属必要，说明出处。
    """
    v = draft_verdict(doc, ctx)
    if v is None or v.no_new:  # the evidence is grouped in GW805's one finding
        return
    for i in sorted(v.by_paragraph):
        ev = v.by_paragraph[i]
        m, passages = ev.match, ev.passages
        p = v.paragraphs[i]
        start = min(x.start for x in passages)
        end = max(x.end for x in passages)
        best = ev.best
        sim = ev.similarity
        label = LEVEL_LABEL.get(m.doc.level, "已发")
        if len(passages) == 1 and best.whole_article and best.verbatim:  # a quoted article
            message = (f"本段照录{label}文件{_cite(m)}{best.ref_article}原文（第 {best.ref_paragraph} 段{_same(len(ev.same))}）："
                       "引用法条请注明出处，或改为“按照《……》第……条的规定”")
        else:
            message = f"本段与{label}文件{_cite(m)}第 {best.ref_paragraph} 段{_article(best)}内容重复（相似度 {sim:.0%}{_same(len(ev.same))}）"
        yield ctx.report(p, start, end, message, reference=_reference(m, best.ref_paragraph, sim, ev.same))


@rule(
    "GW804",
    "reissue",
    title="整篇重发已收录文件",
    severity=Severity.ERROR,
    source="政策 精简文件：上级已发的不再转发，政策已经明确的不再重复行文",
    example_input="index",
    needs={"index"},
)
def reissue(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    整篇草稿基本就是索引中的某份文件。

    ## 检查内容
    草稿正文与索引中某份文件几乎整篇相同：照抄部分既占草稿正文的 `[duplicates] reissue-coverage`（默认 80%）
    以上，也占原文件的这一比例以上（只改了标题、文号、日期或几个字）。这时不再另报 GW801/GW802。
    需要用 `--index` 指定参照索引。

    ## 依据
    精简文件的要求：上级已发到各县市区或已公开发表的不再转发；政策已经明确、执行中未提出新措施的，不再重复行文。

    ## 参照文件
    层级：higher
        关于做好防汛值班工作的通知
        汛期实行二十四小时值班和领导带班制度，值班人员必须坚守岗位，保持通讯畅通，不得擅离职守。
        遇有重大险情，值班人员要在三十分钟内向防汛指挥部报告，并同时通知相关乡镇和部门。

    ## 示例
    错：
        汛期实行二十四小时值班和领导带班制度，值班人员必须坚守岗位，保持通讯畅通，不得擅离职守。
        遇有重大险情，值班人员要在三十分钟内向防汛指挥部报告，并同时通知相关乡镇和部门。
    对：
        汛期实行二十四小时值班和领导带班制度，值班人员必须坚守岗位，保持通讯畅通，不得擅离职守。
        本镇在河堤沿线设立五个巡查点，每个巡查点安排两名干部，每两小时巡查一次并在群里报告。

    ## 修复
    不再印发；确需让下级知晓的，直接转发原文件，或发简短通知提出本地新的具体要求。
    """
    v = draft_verdict(doc, ctx)
    if v is None:
        return
    for m, twins in v.reissues:
        p, first = _first_passage(v, m)
        yield ctx.report(
            p, first.start, first.end,
            f"草稿与{LEVEL_LABEL.get(m.doc.level, '已发')}文件{_cite(m)}基本相同（重复部分占草稿 "
            f"{max(m.draft_coverage, m.whole_draft_coverage or 0):.0%}、占原文件 {max(m.ref_coverage, m.whole_ref_coverage or 0):.0%}）{_others(twins)}：不应重新印发；需要重申的，引用原文件文号并只写新的要求",
            reference=_reference(m, first.ref_paragraph, m.similarity),
        )


@rule(
    "GW805",
    "no-new-measures",
    title="未提出新措施的重复行文",
    severity=Severity.ERROR,
    source="政策 精简文件：政策已经明确、执行过程中未提出新的措施的，不再重复行文",
    example_input="index",
    needs={"index"},
)
def no_new_measures(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """
    草稿的内容基本都已见于索引中的文件，没有提出新的措施。

    ## 检查内容
    逐项看草稿正文的实质内容（去掉公文套话后至少 20 个字的段落）：一项内容有一半以上照抄（或略改几个字）
    索引中的文件即为“已有”，否则为“新增”。新增内容不超过正文的 `[duplicates] max-new-share`（默认 15%）时报告
    一次：已见于各级文件的比例、照抄的文件及段落、新增了哪几项。这时不再逐段报 GW803，也不另报 GW801/GW802
    （证据都在这一条里）；整篇就是某一份文件时报 GW804。照抄的主要是上级文件时为错误，否则为警告。
    需要用 `--index` 指定参照索引。

    ## 依据
    精简文件的要求：政策已经明确、执行过程中未提出新的措施的，不再重复行文；上级已发到各县市区或已公开发表的
    不再转发。

    ## 参照文件
    层级：higher
        关于加强秋冬季森林防火工作的通知
        各地要严格落实森林防火行政首长负责制，层层签订防火责任书，把防火责任落实到山头地块和具体责任人，对责任不落实、措施不到位的单位予以通报。
        进入防火期后，林区一律禁止野外用火，在主要路口设卡对进山人员逐一登记，没收火种，发现违规用火的依法从严处理。
        各地要加强扑火队伍建设，每个乡镇至少组建一支不少于二十人的半专业扑火队，储备必要的扑火机具和物资。
        各级林业部门要建立二十四小时值班制度，发生火情必须在一小时内上报，不得迟报、漏报、瞒报。

    ## 示例
    错：
        关于做好秋冬季森林防火工作的通知
        各地要严格落实森林防火行政首长负责制，层层签订防火责任书，把防火责任落实到山头地块和具体责任人，对责任不落实、措施不到位的单位予以通报。
        进入防火期后，林区一律禁止野外用火，在主要路口设卡对进山人员逐一登记，没收火种，发现违规用火的依法从严处理。
    对：
        关于做好秋冬季森林防火工作的通知
        各地要严格落实森林防火行政首长负责制，层层签订防火责任书，把防火责任落实到山头地块和具体责任人，对责任不落实、措施不到位的单位予以通报。
        县林业局在六个重点林区入口新设检查站，由县森林消防中队每日两班轮值，十一月底前完成全部视频监控的安装调试。

    ## 修复
    不再发文；确需部署的，直接转发上级文件或引用其标题和文号，只写本地新的具体措施。
    """
    v = draft_verdict(doc, ctx)
    if v is None or not v.no_new:
        return
    n = v.novelty
    by_doc: dict[int, list[int]] = {}  # document -> draft items it best explains
    for i in n.copied:
        ev = v.by_paragraph.get(i)
        if ev is not None:
            by_doc.setdefault(ev.match.doc.id, []).append(i)
    if not by_doc:
        return
    order = sorted(by_doc, key=lambda d: (-sum(n.size[i] for i in by_doc[d]), d))
    main = v.by_paragraph[by_doc[order[0]][0]]
    cites = []
    for d in order[:3]:
        m = v.by_paragraph[by_doc[d][0]].match
        cites.append(f"{LEVEL_LABEL.get(m.doc.level, '已发')}文件{_cite(m)}"
                     f"（草稿{paragraph_list([v.paragraphs[i].index for i in by_doc[d]])}）")
    more = f"等 {len(order)} 份" if len(order) > 3 else ""
    levels = "、".join(f"{LEVEL_LABEL[lv]}文件 {n.level_share(lv):.0%}" for lv in ("higher", "same", "lower")
                      if n.by_level.get(lv))
    new = n.new
    added = f"新增内容仅 {len(new)} 项（{paragraph_list([v.paragraphs[i].index for i in new])}）" if new else "没有新增的措施"
    first = min(i for items in by_doc.values() for i in items)
    ev = v.by_paragraph[first]
    higher = main.match.doc.level == "higher"
    yield ctx.report(
        v.paragraphs[first], min(x.start for x in ev.passages), max(x.end for x in ev.passages),
        f"草稿 {n.found_share:.0%} 的内容已见于已收录文件（{levels}）：{'、'.join(cites)}{more}；{added}。"
        "政策已经明确、执行过程中未提出新的措施的，不再重复行文：请不再发文，或直接转发、引用原文件并只写新的措施",
        severity=None if higher else Severity.WARNING,
        reference=_reference(main.match, main.best.ref_paragraph, main.similarity, main.same),
    )
