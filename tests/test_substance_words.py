"""The segmentation over the word automaton (:mod:`gongwen_lint.substance.words`) gives the routes
of the word-by-word walk over the table it replaced, and the packaged word list matches the table."""

from __future__ import annotations

import os
import re
import sys
from importlib.resources import files
from pathlib import Path

import ahocorasick
import pytest

from gongwen_lint import lexicon
from gongwen_lint.substance import clause, words
from gongwen_lint.substance import table as substance_table

CASES = Path(__file__).resolve().parents[1] / "eval" / "substance_cases"
HAN = re.compile(r"[\u4e00-\u9fff]+")


def reference_segment(lex, table, run: str) -> list[str]:
    """The segmentation before the automaton: jieba's DAG walked start by start, each candidate
    substring looked up in the table (a prefix of a word has an empty entry; no entry and no
    prefix of a lexicon word ends the candidates of that start)."""
    known = lex.stripped
    prefixes = {w[:n] for w in known for n in range(2, len(w) + 1)}

    def cost(w: str) -> int | None:  # None: not a word; "stop": nothing longer either
        if len(w) == 1:
            freq = table.get(w).freq
            return (max(freq, clause._LEXICON_FREQ) if w in known else freq) - words.LOG_TOTAL
        e = table.lookup(w)
        if e is None and w not in prefixes:
            return -1000
        if e is not None and e.cls != substance_table.NONE:
            freq = e.freq
        elif w in known:
            freq = clause._LEXICON_FREQ
        else:
            return None
        return (max(freq, clause._LEXICON_FREQ) if w in known else freq) - words.LOG_TOTAL

    n = len(run)
    best = [0.0] + [float("-inf")] * n
    back = [0] * (n + 1)
    for j in range(n):
        for k in range(j + 1, min(n, j + clause.MAX_WORD) + 1):
            c = cost(run[j:k])
            if c is None:
                continue
            if c == -1000:
                break
            if best[j] + c > best[k]:
                best[k], back[k] = best[j] + c, j
    out, i = [], n
    while i > 0:
        out.append(run[back[i]:i])
        i = back[i]
    return out[::-1]


def case_runs() -> list[str]:
    runs: dict[str, None] = {}
    for f in sorted(CASES.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "[")):
                runs.update(dict.fromkeys(HAN.findall(line)))
    return list(runs)


def _collision(lex, w: str) -> bool:
    """A string the table walk took for a word only because its CRC-32 is a word's key."""
    return len(w) > 1 and w not in lex.stripped and not words.load().exists(w)


def test_automaton_routes_are_the_table_walks_on_every_eval_case() -> None:
    # (a route of the walk through a key collision may differ — 16 of the corpus texts' 224,793
    # distinct runs, see below — and the automaton's is then the right one; none in these cases)
    lex, table = lexicon.load(), substance_table.load()
    runs = case_runs()
    assert len(runs) > 3000
    differ = []
    for r in runs:
        walked = reference_segment(lex, table, r)
        if clause.segment(lex, table, r) != walked and not any(_collision(lex, w) for w in walked):
            differ.append(r)
    assert differ == []


def test_a_key_collision_is_no_word() -> None:
    # 应当依法与 shares a word's CRC-32 key: the walk took it for a word, the automaton does not
    lex, table = lexicon.load(), substance_table.load()
    run = "应当依法与劳动者订立劳动合同"
    assert "应当依法与" in reference_segment(lex, table, run)
    assert _collision(lex, "应当依法与")
    assert clause.segment(lex, table, run) == ["应当", "依法", "与", "劳动者", "订立", "劳动合同"]


def test_lexicon_additions_are_words_of_the_segmentation() -> None:
    table = substance_table.load()
    plain = lexicon.load()
    added = lexicon.load({"substance-add": {"泛指宾语": ["管廊碳汇"]}})
    run = "推进管廊碳汇建设"
    assert "管廊碳汇" not in clause.segment(plain, table, run)
    assert "管廊碳汇" in clause.segment(added, table, run)
    assert clause.segment(added, table, run) == reference_segment(added, table, run)


def test_ties_go_to_the_earliest_start() -> None:
    # two routes of equal score: the walk kept the first start that reached the best score
    lex, table = lexicon.load(), substance_table.load()
    for run in ("研究生命起源", "结婚的和尚未结婚的", "乒乓球拍卖完了", "长春市长春药店"):
        assert clause.segment(lex, table, run) == reference_segment(lex, table, run), run


def test_word_list_holds_every_word_of_the_table() -> None:
    # the jieba words the table gives a class are in the list with the table's frequency
    jieba = pytest.importorskip("jieba")
    table = substance_table.load()
    listed = {}
    for line in files("gongwen_lint.dictionaries").joinpath(words.FILE).read_text(encoding="utf-8").splitlines():
        w, _, f = line.partition("\t")
        listed[w] = int(f)
    dict_txt = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8")
    missing = []
    for line in dict_txt.splitlines()[::7]:  # a seventh of the dictionary: enough to catch a stale list
        w = line.split(" ", 1)[0]
        if 2 <= len(w) <= clause.MAX_WORD and HAN.fullmatch(w):
            e = table.lookup(w)
            if e is not None and e.cls != substance_table.NONE and listed.get(w) != e.freq:
                missing.append(w)
    # a few jieba words that were not kept share a kept word's key: a lookup takes them for it
    assert len(missing) <= 3, missing[:20]
    for w, f in list(listed.items())[::50]:
        if len(w) == 1:  # every Han character, with the frequency a lookup gives it
            assert table.get(w).freq == f, w
        else:
            e = table.lookup(w)
            assert e is not None and e.cls != substance_table.NONE and e.freq == f, w
    assert sum(len(w) == 1 for w in listed) == 0x9FFF - 0x4E00 + 1


def test_stored_automaton_is_read_back_and_a_damaged_one_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("GWLINT_NO_RECACHE", raising=False)
    words.load.cache_clear()
    suffix = f"{words._library()}-{sys.implementation.cache_tag}-{sys.byteorder}.pickle"
    stale = tmp_path / "gongwen-lint" / f"words-v0-00000000-{suffix}"
    other = tmp_path / "gongwen-lint" / f"words-v0-11111111-{suffix}"
    stale.parent.mkdir()
    stale.write_bytes(b"an older word list's automaton")
    other.write_bytes(b"another install's automaton")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    try:
        first = words.load()
        # the older store of another list is removed; the newest other one (a second install
        # sharing this build of pyahocorasick) is kept, so the two do not rebuild in turn
        assert not stale.exists() and other.exists()
        other.unlink()
        stored = list(tmp_path.glob("gongwen-lint/words-*.pickle"))
        assert len(stored) == 1
        words.load.cache_clear()
        again = words.load()
        assert again is not first and len(again) == len(first)
        assert list(again.iter("危险化学品企业")) == list(first.iter("危险化学品企业"))
        stored[0].write_bytes(b"\x80\x04cos\nsystem\n.")  # not an automaton: refused, rebuilt
        words.load.cache_clear()
        rebuilt = words.load()
        assert len(rebuilt) == len(first)
        assert isinstance(rebuilt, ahocorasick.Automaton)
    finally:
        words.load.cache_clear()
