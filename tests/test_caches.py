"""Work kept across documents (issue 18) changes no finding, and can be emptied: the trie
alternation matches as the longest-first list did, the segmenter's memo gives the routes it
computes, and ``caches.clear()`` returns a process to a fresh one's state."""

from __future__ import annotations

import random
import re

from gongwen_lint import caches, lexicon, text
from gongwen_lint.api import Linter
from gongwen_lint.substance import clause
from gongwen_lint.substance import table as substance_table

DRAFT = (
    "关于做好防汛工作的通知\n各乡镇人民政府：\n"
    "一、加强组织领导。要进一步提高思想认识，切实增强工作的责任感和紧迫感。\n"
    "二、县水利局负责在2025年5月31日前完成全县42座水库的汛前检查，建立隐患整改台账。\n"
    "XX县人民政府\n2025年3月1日\n"
)


def _longest_first(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def test_trie_alternation_matches_as_the_longest_first_list() -> None:
    rng = random.Random(18)
    alphabet = "安全生产监管理局部委会"
    for _ in range(300):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 12))]
        sample = "".join(rng.choice(alphabet + "，的") for _ in range(60))
        trie = re.compile(lexicon.alternation(words))
        assert [m.span() for m in trie.finditer(sample)] == [m.span() for m in _longest_first(words).finditer(sample)]
    # inside a larger pattern, where the engine backtracks into it
    words = ["安全", "安全生产", "生产", "监管", "监管局"]
    pattern = re.compile(f"(?:(?:{lexicon.alternation(words)})[和、]?){{1,3}}局")
    reference = re.compile(f"(?:(?:{'|'.join(sorted(words, key=len, reverse=True))})[和、]?){{1,3}}局")
    for s in ("安全生产监管局", "安全和生产局", "监管局局", "生产安全局"):
        assert [m.span() for m in pattern.finditer(s)] == [m.span() for m in reference.finditer(s)]
    assert re.compile(lexicon.alternation([])).search("任何文字") is None


def test_organ_prefilter_keeps_every_organ() -> None:
    lex = lexicon.load()
    ends = lex.organ_end_re
    for organ in ("国务院", "县应急管理局", "市委组织部", "生态环境部", "区生态环境分局", "省政府", "市财政", "县消防救援大队"):
        assert ends.search(organ[-1]), organ
        assert lex.organs(f"由{organ}牵头") != [], organ
    assert lex.organs("要进一步提高思想认识，增强责任感和紧迫感") == []


def test_segment_memo_gives_the_computed_route() -> None:
    lex, table = lexicon.load(), substance_table.load()
    runs = ["要进一步提高思想认识", "危险化学品企业安全风险排查", "县水利局负责完成汛前检查", "放管服改革"]
    first = [clause.segment(lex, table, r) for r in runs]
    again = [clause.segment(lex, table, r) for r in runs]  # from the memo
    caches.clear()
    fresh = [clause.segment(lex, table, r) for r in runs]
    assert first == again == fresh
    assert "".join(first[1]) == runs[1] and len(first[1]) > 1
    again[0].append("x")  # a caller's list is its own
    assert clause.segment(lex, table, runs[0]) == first[0]


def test_clear_empties_the_caches_and_changes_no_finding() -> None:
    linter = Linter()
    before = linter.check_text(DRAFT)
    table = substance_table.load()
    assert text._MASKED and table._cache and clause._MEMOS
    caches.clear()
    assert not text._MASKED and not table._cache and not clause._MEMOS
    after = linter.check_text(DRAFT)
    assert [d.to_dict() for d in after.diagnostics] == [d.to_dict() for d in before.diagnostics]
    assert any(d.code in ("GW702", "GW703") for d in before.diagnostics)
