"""Lines that list organs (主送机关: ``各县市区人民政府，市政府各部门``), for the scorer.

Split from :mod:`.evidence`: recognising an organ list is a question about the text and the
organ vocabulary only, not about the unit's neighbours or formatting.
"""

from __future__ import annotations

from .. import recache
from . import patterns as pt
from .vocab import Vocab

_DIGIT_RE = recache.compile(r"\d")
_ITEM_SPLIT_RE = recache.compile(r"[、，,；;]|并(?=各|省|市|县|区)")
_DIVISION_RE = recache.compile(r"^各?(省|市|县|区|自治区|自治州|州|旗|盟|直辖市|计划单列市|兵团|县市区|县（市、区）)$")
_EACH_THING_RE = recache.compile(r"^各(项|类|种|个|方面|方|环节|位|界|族|自|样|式|阶段|领域|行业|地区间)")


_TAIL_WORDS_RE = recache.compile(r"(如下|通知|报告|批复|决定|意见)$")
_TRAILING_NOTE_RE = recache.compile(r"[（(][^（）()]{1,20}[）)]$")


def re_tail_words(core: str) -> bool:
    """A line ending with 通知/报告… names a document, not organs."""
    return bool(_TAIL_WORDS_RE.search(core))


def organ_list(vocab: Vocab, t: str, loose: bool = False) -> str | None:
    """The core of a line that lists organs (``各县市区人民政府，市政府各部门``), else None.

    ``loose`` (the line ends with a colon): one organ among the items is enough.
    """
    core = t.rstrip("：:。.，,；;")
    core = _TRAILING_NOTE_RE.sub("", core)
    if not core or len(core) > 150 or pt.PREDICATE_RE.search(core) or pt.LEAD_IN_RE.search(core + "："):
        return None
    if re_tail_words(core):
        return None
    items = [x for x in _ITEM_SPLIT_RE.split(core) if x]
    if not items or core.startswith(("请于", "请在", "根据", "按照", "经研究", "为了", "为进一步")):
        return None
    if any(len(x) > 30 or (_DIGIT_RE.search(x) and not x.startswith("第")) for x in items):
        return None  # organ names are short and carry no figures (…3楼会议室参会 is a sentence)
    named = sum(1 for x in items if names_organ(vocab, x))
    if loose and named:
        return core
    if names_organ(vocab, items[-1]):
        return core  # the list ends with an organ: 上海、江苏、浙江、安徽省（市）人民政府
    if len(items) == 1 and core.startswith("各") and named:
        return core
    return None


def names_organ(vocab: Vocab, item: str) -> bool:
    each = item.startswith("各") and not _EACH_THING_RE.match(item)
    return bool(vocab.names_organ(item) or each or "机关" in item or _DIVISION_RE.search(item))
