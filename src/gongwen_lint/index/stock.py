"""Stock phrases (套话) that never count as copying.

Every 公文 opens and closes with the same formulae; two drafts that both say 为深入贯彻落实…
现将有关事项通知如下 have not copied each other.  Their fingerprints are dropped from queries
and the characters they cover do not count towards a copied passage.  The document-frequency
cut-off of the index catches formulae that are frequent in the archive; this list catches the
ones a small archive has not seen often enough.

This is a small built-in list; when the shared 套话 dictionary (``gongwen_lint.dictionaries``)
provides phrases, they are added (see :func:`stock_phrases`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .fingerprint import kgram_hashes
from .normalize import normalize

BUILTIN = (
    # openings and transitions
    "为深入贯彻落实", "为认真贯彻落实", "为全面贯彻落实", "为贯彻落实", "为进一步加强", "为进一步做好", "为进一步规范",
    "为切实做好", "根据工作需要", "经研究决定", "经研究，现就有关事项通知如下", "现将有关事项通知如下",
    "现就有关事项通知如下", "现就有关问题通知如下", "现将有关情况报告如下", "现将有关情况通报如下", "现提出如下意见",
    "现就进一步做好", "提出以下意见", "结合本地实际", "结合实际", "经国务院同意", "经党中央、国务院同意", "经省政府同意",
    "经市政府同意", "党中央、国务院决策部署", "党中央国务院决策部署", "习近平新时代中国特色社会主义思想",
    "以习近平新时代中国特色社会主义思想为指导", "全面贯彻党的二十大精神", "全面贯彻党的十九大和十九届历次全会精神",
    "党的二十大和二十届二中全会精神", "深入贯彻习近平生态文明思想", "坚持以人民为中心的发展思想",
    "完整、准确、全面贯彻新发展理念", "加快构建新发展格局", "着力推动高质量发展", "坚持稳中求进工作总基调",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”", "深刻领悟“两个确立”的决定性意义",
    # addressees
    "各省、自治区、直辖市人民政府", "国务院各部委、各直属机构", "新疆生产建设兵团", "各省、自治区、直辖市",
    "各市、县（区）人民政府", "市政府各部门", "省政府各部门", "各有关单位", "各区县人民政府",
    # measures and closings
    "高度重视", "加强组织领导", "切实加强组织领导", "强化组织领导", "明确责任分工", "压实工作责任", "加强统筹协调",
    "强化督促检查", "加强督促检查", "加大宣传力度", "营造良好氛围", "营造良好社会氛围", "确保各项工作落到实处",
    "确保取得实效", "抓好贯彻落实", "切实抓好落实", "认真贯彻执行", "请结合实际认真贯彻执行", "请认真贯彻执行",
    "请认真组织实施", "请结合实际认真组织实施", "遇到的问题请及时报告", "执行中遇到的问题，请及时报告",
    "工作中遇到的重大问题，请及时报告", "本通知自印发之日起施行", "本办法自发布之日起施行", "本意见自印发之日起施行",
    "特此通知", "特此报告", "特此函告", "特此批复", "妥否，请批示", "以上请示当否，请批示", "请予审批",
    "各地区各部门要", "各地区、各部门要", "各级人民政府", "有关部门", "相关部门", "主要负责同志", "第一责任人",
)


def _dictionary_phrases() -> tuple[str, ...]:
    """The 套话 of the packaged boilerplate dictionary (dictionaries/boilerplate.tsv), the same
    list the GW7 rules use: a stock phrase shared with an indexed document is never copying."""
    from ..lexicon import packaged_entries

    return tuple(e.phrase for e in packaged_entries())


@lru_cache(maxsize=8)
def stock_phrases(extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Normalised stock phrases, longest first (built-in + dictionary + ``extra``)."""
    phrases = {normalize(p) for p in BUILTIN + _dictionary_phrases() + tuple(extra)}
    return tuple(sorted((p for p in phrases if len(p) >= 2), key=lambda p: (-len(p), p)))


@lru_cache(maxsize=8)
def stock_hashes(k: int, extra: tuple[str, ...] = ()) -> np.ndarray:
    """Every k-gram hash inside a stock phrase (sorted): such fingerprints never make a candidate."""
    parts = [kgram_hashes(p, k) for p in stock_phrases(extra)]
    parts = [p for p in parts if len(p)]
    return np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)


def stock_mask(norm: str, extra: tuple[str, ...] = ()) -> bytearray:
    """1 for every character of normalised ``norm`` inside a stock phrase."""
    mask = bytearray(len(norm))
    for phrase in stock_phrases(extra):
        start = norm.find(phrase)
        while start >= 0:
            mask[start : start + len(phrase)] = b"\x01" * len(phrase)
            start = norm.find(phrase, start + 1)
    return mask
