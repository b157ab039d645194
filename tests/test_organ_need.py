"""The quick test before the organ pattern (StyleLexicon.organ_need_re): a text it rejects holds
no organ, so skipping the full pattern there finds the same organs."""

from __future__ import annotations

import random

from gongwen_lint import lexicon


def test_organs_found_behind_the_quick_test() -> None:
    lex = lexicon.load()
    assert lex.organs("由市应急管理局牵头，县人民政府配合") == [(1, 7), (10, 15)]
    assert lex.organs("国务院办公厅印发") != []
    assert lex.organs("各部门要高度重视") == []


def test_every_organ_holds_a_match_of_the_quick_test() -> None:
    lex = lexicon.load()
    sectors = sorted(lex.category(lexicon.ORGAN_SECTOR))
    rng = random.Random(5)
    pieces = (
        rng.sample(sectors, min(200, len(sectors))) + lexicon._LEVEL_NAMES.split("|") + lexicon._LEVEL_ONLY.split("|")
        + list(lex.organ_suffixes) + list(lexicon._UNIT_ENDS) + list(lexicon._MINISTRY_ENDS)
        + ["和", "、", "宜春", "袁州", "会同", "在", "各", "全", "的", "要", "，", "门", "国务院", "中共中央"]
    )
    organs = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        if list(lex.organ_re.finditer(text)):
            organs += 1
            assert lex.organ_need_re.search(text), text
    assert organs > 1000  # the generated texts name organs often enough to test the claim
