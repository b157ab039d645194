"""The instrument nouns of a sentence (台账, 清单, 平台, 系统 …): when such a noun names a tool a reader
could check, and when it does not — the start of a longer word (系统观念), a vague or kind phrase
(相关平台, 各类讲座、论坛、网站等), a goal only built (打造……平台), the adjective (不够系统), the stock
set of lists (问题清单、任务清单、责任清单).  :func:`gongwen_lint.substance.slots.find` reads them with
the other slots.
"""

from __future__ import annotations

from .. import recache
from ..lexicon import StyleLexicon
from .table import NONE, Table

#: Determiners that make an instrument noun vague (各类媒体平台, 相关信息系统), within its phrase.
_VAGUE_RE = recache.compile(r"相关|有关|各类|各项|各种|多种|各级")
_PHRASE_START = recache.compile(r"[，。；：、,;:（）()“”\s]|利用|依托|通过|运用")
#: Instruments that count only when the sentence uses them, not when it only builds them: a
#: platform things are reported, pushed or published through (通过……平台报送, 接入……监管平台, 在……平台上
#: 公示) is a channel a reader can check; 打造“一站式”服务平台, 搭建……新平台, 推进智慧监管平台建设 name a
#: goal as vague as 完善……体系 (eleven such platforms among the tuning halves' missed empty items,
#: none among the concrete ones' uses).
_USED_ONLY = frozenset({"平台"})
#: What makes an instrument used rather than built, from the generic predicate to it (用好管好两微平台:
#: the predicate itself may be one of use).  A single character counts only as a coverb (在省平台上
#:公示, 向……平台报送), not as the first character of a word (在线, 对外, 对接: 搭建在线学习平台).
_USE_MARK = recache.compile(r"通过|依托|利用|运用|借助|接入|录入|上传|推送|报送|联网|挂网|登录|用好|管好|用活|用足|[在经由向与对至于]")
#: Marks that, right before the instrument, name what it is for rather than a use of it
#: (完善信息报送平台, 建设数据上传平台 — against 推动企业接入平台, 依托平台).
_PURPOSE_MARKS = frozenset({"录入", "上传", "推送", "报送", "联网", "挂网"})
_CLAUSE_CUT = recache.compile(r"[，。；：,;:！？]")
#: Determiners before 系统 that make it a line of organs (本系统, 全系统: the bodies of one sector).
_SECTOR_DETERMINERS = "本全"
#: Degree words before 系统 that make it the adjective "systematic" (学习不够系统, 更加系统).
_DEGREE_BEFORE = ("不够", "不", "更加", "更", "较为", "比较", "十分", "很", "不太", "非常", "欠")
#: The stock set of lists named together (问题清单、任务清单、责任清单, the "三张清单" of every
#: 整改 plan): a formula that says lists will exist, not which — one list alone (建立问题清单) or
#: a named one (《……责任清单》) still is an instrument.
_LIST_SET = recache.compile(r"(?:问题|任务|责任|整改|措施)清单(?:[、和及与](?:问题|任务|责任|整改|措施)清单)+")
#: The vow of every 整改 plan (问题不解决不放过、整改不到位不销号): 销号 negated is a promise that
#: lists will be closed, not a closing anyone could check (逐项销号, 实行销号管理 still are).
_NEGATED_VERBS = frozenset({"销号"})
#: Kind determiners that, at the head of an enumeration of short nouns, make every noun of it a
#: kind, not a named thing (对各类讲座、论坛、网站、新媒体等阵地: no site anyone could name).  The
#: first item is the determiner and a noun (各类讲座), not a verb phrase (督促各类企业落实……责任).
_KIND_HEAD = recache.compile(r"(?:各类|各种|各式)[\u4e00-\u9fff]{1,8}$")
#: How long (characters) an item of such an enumeration is, the instrument noun included.
_KIND_ITEM = 6


#: A clause that only names a means (依托“智慧禁毒”平台 / 充分利用报刊、网站和新媒体平台), its
#: modifiers (程度修饰, 能愿祈使: 充分, 要) allowed before the verb of use.
_MEANS_VERB = recache.compile(r"依托|利用|借助|运用")
_CLAUSE_END = recache.compile(r"[，；,;]")


def _means_to_vague_end(lex: StyleLexicon, outside: str, k: int) -> bool:
    """The instrument at ``k`` sits in a clause that only names a means (its first content word is a
    verb of use: 依托……平台，/ 充分利用……网站和新媒体平台，) and the next clause opens with a generic
    predicate (推动网格治理数字化、智能化; 加大宣传报道力度), as does every clause after it to the full
    stop (or it names a purpose: 营造良好舆论氛围): the platform serves an aim as vague as the rest, no
    use anyone could check.  Four such among the tuning halves' missed empty items; the
    concrete ones say what is done through it in the same clause (通过……平台报送) or a concrete next
    one (依托“一网统管”平台，对……易积水点安装水位监测设备)."""
    start = _clause_start(outside, k)
    end = _CLAUSE_END.search(outside, k)
    if end is None:
        return False
    head = _strip_modifiers(lex, outside, start)
    if not _MEANS_VERB.match(outside, head):
        return False
    # every later clause to the full stop opens with a generic predicate or names a purpose:
    # a concrete third clause is the use (依托……平台，推行企业开办全程网办，营业执照……一次办结)
    stop = outside.find("。", end.end())
    rest = outside[end.end():stop if stop >= 0 else len(outside)]
    clauses = [c for c in _CLAUSE_END.split(rest) if c]
    return bool(clauses) and all(_vague_clause(lex, c) for c in clauses)


#: Words that open a clause naming a purpose (让群众办事更舒心, 营造良好氛围, 为……提供支撑).
_PURPOSE_OPEN = recache.compile(r"让|使|以|为|营造|确保")


def _vague_clause(lex: StyleLexicon, clause: str) -> bool:
    """A clause that opens (past its modifiers) with a generic predicate or a purpose word — not
    发现, which opens a trigger (发现超标数据当日推送执法人员)."""
    i = _strip_modifiers(lex, clause, 0)
    if clause.startswith("发现", i):
        return False
    return lex.generic_predicate_re.match(clause, i) is not None or _PURPOSE_OPEN.match(clause, i) is not None


#: Adverbs of manner the lexicon does not strip (及时 is content for the word test: 及时处置 is
#: not 处置), skipped here only to find a clause's verb.
_MANNER = frozenset({"及时"})


def _strip_modifiers(lex: StyleLexicon, outside: str, i: int) -> int:
    """Past the modifiers and modals at ``i`` (要充分, 进一步, 积极): where the clause's verb starts."""
    words = lex.clause_modifiers
    moved = True
    while moved:
        moved = False
        for n in (3, 2, 1):
            if outside[i:i + n] in words or outside[i:i + n] in _MANNER:
                i += n
                moved = True
                break
    return i


def _clause_start(outside: str, k: int, lo: int = 0) -> int:
    """Where the clause holding ``k`` starts (after its last ，。；： before ``k``), looking no
    further back than ``lo``."""
    return max((m.end() for m in _CLAUSE_CUT.finditer(outside, lo, k)), default=lo)


def _only_built(lex: StyleLexicon, table: Table, outside: str, k: int, end: int) -> bool:
    """The instrument at ``k``–``end`` is the object of a generic predicate of its clause
    (打造, 搭建, 推进, 完善 …) with no word of use after that predicate (see :data:`_USED_ONLY`).
    A generic predicate right before the instrument is part of its name, not its verb (政务服务平台,
    对外交流平台: 通过政务服务平台办理 uses one)."""
    cut = _clause_start(outside, k)
    verbs = [m for m in lex.generic_predicate_re.finditer(outside, cut, k) if m.end() < k]
    if not verbs:
        # no predicate before it, but one right after the name (以平台建设为支撑, 平台升级改造):
        # the platform is what is to be built, unless something before it is a use of it
        after = lex.generic_predicate_re.match(outside, end)
        return after is not None and not _uses_in(table, outside, cut, k)
    return not _uses_in(table, outside, verbs[-1].start(), k)


def _uses_in(table: Table, outside: str, start: int, k: int) -> bool:
    """A word of use (:data:`_USE_MARK`) between ``start`` and the instrument at ``k``."""
    for m in _USE_MARK.finditer(outside, start, k):
        word = m.group()
        if len(word) == 1:
            if table.word_class(outside[m.start():m.start() + 2]) == NONE:
                return True
        elif not (m.end() == k and word in _PURPOSE_MARKS):
            return True
    return False


def _in_kind_list(outside: str, k: int, end: int) -> bool:
    """The noun at ``k``–``end`` is a later item of an enumeration (、) of short nouns whose first
    item is a kind determiner and its noun (:data:`_KIND_HEAD`), within the same clause: not
    清理各类证明事项、推行电子证照系统 (the item is a verb phrase of its own)."""
    first, sep, rest = outside[_clause_start(outside, k, max(0, k - 60)):k].partition("、")
    if not sep or _KIND_HEAD.search(first) is None:
        return False
    *between, own = rest.split("、")  # the items before the instrument's, and its own up to it
    return all(len(item) <= _KIND_ITEM for item in between) and len(own) + end - k <= _KIND_ITEM


def _names_no_system(table: Table, phrase: str) -> bool:
    """The phrase before 系统 names no system anyone runs: nothing (行业、系统), an ecosystem
    (增强生态系统的稳定性), or a line of organs (负责本系统, 全系统) — a determiner that is no
    part of a word (消防安全系统 and 成本系统 keep their names: 安全, 成本 are words)."""
    if not phrase or phrase.endswith("生态") or phrase.endswith(_DEGREE_BEFORE):
        return True
    return phrase[-1] in _SECTOR_DETERMINERS and (len(phrase) == 1 or table.word_class(phrase[-2:]) == NONE)
_INSTRUMENT_END = recache.compile(r"$|[^\u4e00-\u9fff]|[的和与及等中上内里并或，、管理制度建设]")
#: A verb of use right after the instrument noun (依托市政务服务系统办理, 通过省平台申报, 由系统自动比对):
#: the noun ends there, it does not start a longer word (系统观念, 平台作用, 系统谋划).
_USE_AFTER = recache.compile(
    r"办理|申报|申请|报送|上传|推送|录入|查询|填报|备案|公示|登记|受理|审批|流转|交易|采购|发布|核查|核验|"
    r"比对|预警|监测|共享|获取|汇总|调度|派单|提交|自动|实时|在线|统一")


def instrument_nouns(lex: StyleLexicon, table: Table, outside: str) -> list[str]:
    """The instrument nouns of a sentence that name an instrument (``outside``: the masked
    sentence with its masked characters blanked), in order."""
    out: list[str] = []
    list_sets = [x.span() for x in _LIST_SET.finditer(outside)] if "清单" in outside else []
    for m in lex.instrument_re.finditer(outside):
        k, word = m.start(), m.group()
        if list_sets and word == "清单" and any(x <= m.start() and m.end() <= y for x, y in list_sets):
            continue
        if word in _NEGATED_VERBS and outside[k - 1:k] == "不":
            continue
        before = outside[max(0, k - 2):k]
        phrase = _PHRASE_START.split(outside[max(0, k - 8):k])[-1]
        after = outside[m.end():m.end() + 1]
        # the head of a noun phrase (隐患整改台账，…), not the start of a longer word
        # (系统观念, 平台作用) nor a vague one (相关平台, 的平台, 各类媒体平台)
        if ((_INSTRUMENT_END.match(after) or _USE_AFTER.match(outside, m.end())) and not before.endswith("的") and not _VAGUE_RE.search(phrase)
                and not (word == "系统" and _names_no_system(table, phrase))
                and not ("、" in outside[max(0, k - 60):k] and _in_kind_list(outside, k, m.end()))
                and not (word in _USED_ONLY and _only_built(lex, table, outside, k, m.end()))
                and not _means_to_vague_end(lex, outside, k)):
            out.append(word)
    return out
