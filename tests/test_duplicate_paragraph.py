"""GW304 through candidate pairs finds exactly what comparing every pair found.

The reference is the quadratic scan as it was (tests/gw304_reference.py).  Drafts are generated
from a pool of sentences with near copies (a character inserted, deleted or changed, numbers
changed), list ordinals, 第X条 anchors and short lines, under thresholds on both sides of the
bigram bound (t > 2/3) and the character bound (t ≤ 2/3).  eval/eval_duplicate_paragraph.py
does the same on the archive and the real documents.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen_lint import structure
from gongwen_lint.config import Config
from gongwen_lint.engine import run_rules
from gongwen_lint.rules import registry
from gongwen_lint.rules.context import Resources
from gongwen_lint.textreader import document_from_text
from gw304_reference import reference_findings

BASE = [
    "各级政府要把安全生产工作摆上重要议事日程，切实加强组织领导。",
    "各部门要按照职责分工抓好落实，形成工作合力，共同推进各项工作。",
    "2023年全市完成固定资产投资1200亿元，同比增长8.5%，高于全省平均水平。",
    "加强组织领导，各级政府要把安全生产工作摆上重要议事日程，层层落实责任。",
    "严格执行《中华人民共和国安全生产法》，依法查处各类违法违规行为。",
    "的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的。",
    "要坚持问题导向，聚焦群众急难愁盼问题，推动各项政策措施落地见效。",
    "做好防汛抗旱工作，确保人民群众生命财产安全。",
]
ORDINALS = ["", "", "", "一、", "二、", "（一）", "（三）", "1.", "2."]
CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def _mutate(text: str, draw) -> str:
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, max(0, len(text) - 1)))
        op = draw(st.sampled_from(["insert", "delete", "change", "number"]))
        ch = draw(st.sampled_from(CHARS))
        if op == "insert":
            text = text[:i] + ch + text[i:]
        elif op == "delete" and len(text) > 1:
            text = text[:i] + text[i + 1:]
        elif op == "change":
            text = text[:i] + ch + text[i + 1:]
        else:
            text = text.replace("2023", "2024").replace("1200", "1350")
    return text


@st.composite
def drafts(draw) -> str:
    lines = ["关于做好有关工作的通知", "各区人民政府，市政府各部门："]
    for _ in range(draw(st.integers(1, 30))):
        kind = draw(st.sampled_from(["copy", "copy", "copy", "new", "anchor", "short"]))
        if kind == "anchor":
            lines.append(f"第{draw(st.sampled_from('一二三四五'))}条　{draw(st.sampled_from(BASE))[:12]}")
        elif kind == "short":
            lines.append("特此通知。")
        elif kind == "new":
            lines.append("".join(draw(st.lists(st.sampled_from(CHARS), min_size=5, max_size=90))) + "。")
        else:
            lines.append(draw(st.sampled_from(ORDINALS)) + _mutate(draw(st.sampled_from(BASE)), draw))
    return "\n".join(lines)


def _new_findings(text: str, min_chars: int, threshold: float) -> list[tuple[int, str]]:
    doc = structure.analyse(document_from_text(text))
    config = Config(select=("GW304",), options={"duplicate-paragraph-min-chars": min_chars,
                                                "duplicate-paragraph-similarity": threshold})
    found = run_rules(doc, config, Resources(config), [registry.get_rule("GW304")]).diagnostics
    return sorted((d.location.paragraph, d.message) for d in found), doc


@settings(max_examples=250, deadline=None)
@given(drafts(), st.sampled_from([0.3, 0.5, 0.6, 2 / 3, 0.7, 0.8, 0.85, 0.9, 0.9, 0.95, 1.0]),
       st.sampled_from([1, 5, 15, 15, 30]))
def test_candidate_pairs_find_what_every_pair_finds(text, threshold, min_chars):
    new, doc = _new_findings(text, min_chars, threshold)
    assert new == sorted(reference_findings(doc, min_chars, threshold))


def test_a_near_copy_far_down_a_long_draft_is_still_found():
    filler = [f"第{n}项工作要按照{n * 7 % 13}号方案的要求抓好落实，确保在{n % 12 + 1}月底前全部完成并报送有关情况。"
              for n in range(300)]
    original = "各级政府要把安全生产工作摆上重要议事日程，切实加强组织领导，层层落实工作责任，确保不发生重大事故。"
    near = original.replace("层层", "逐级")
    text = "\n".join(["关于做好有关工作的通知", "各区人民政府：", original, *filler, near])
    new, doc = _new_findings(text, 15, 0.9)
    assert new == sorted(reference_findings(doc, 15, 0.9))
    assert any("几乎相同" in message for _, message in new)


@st.composite
def related_texts(draw) -> list[str]:
    """Texts over a small or a large alphabet, many of them edits of one another, so pairs sit
    on both sides of any threshold and repeated characters and bigrams are common."""
    alphabet = draw(st.sampled_from(["ab", "abc的", "一二三四五六七八九十", CHARS]))
    texts = [draw(st.text(st.sampled_from(alphabet), min_size=0, max_size=60))]
    for _ in range(draw(st.integers(1, 12))):
        base = draw(st.sampled_from(texts))
        texts.append(_mutate(base, draw) if draw(st.booleans()) else draw(st.text(st.sampled_from(alphabet), max_size=60)))
    return texts


@settings(max_examples=1000, deadline=None)
@given(related_texts(), st.floats(0.05, 1.0), st.booleans())
def test_every_pair_that_passes_is_a_candidate(texts, threshold, arrays):
    from rapidfuzz.distance import Indel

    from gongwen_lint.model import Paragraph
    from gongwen_lint.rules.headings import _candidate_pairs, _Entry

    entries = [_Entry(Paragraph(part="body", index=i + 1, text=t), t, len(t), False) for i, t in enumerate(texts)]
    earlier = _candidate_pairs(entries, threshold, arrays=arrays)
    for i, a in enumerate(texts):
        named = set(earlier(i))
        assert named <= set(range(i))
        for j, b in enumerate(texts[:i]):
            if min(len(a), len(b)) < threshold * max(len(a), len(b)):
                continue
            if Indel.normalized_similarity(a, b, score_cutoff=threshold) >= threshold:
                assert j in named, (a, b, threshold)


def test_pairs_on_the_bound_itself_are_candidates():
    """Pairs built so that the filter's bound is met with equality: the shorter text is exactly
    t times the longer and exactly t similar, every edit a lone character that breaks the most
    bigrams it can.  A bound one token too optimistic misses them."""
    from rapidfuzz.distance import Indel

    from gongwen_lint.model import Paragraph
    from gongwen_lint.rules.headings import _candidate_pairs, _Entry

    distinct = list(dict.fromkeys(CHARS))
    tried = 0
    for long_len in range(3, 61):
        for short_len in range(1, long_len + 1):
            twice = short_len * (short_len + long_len)
            if twice % (2 * long_len):
                continue
            lcs = twice // (2 * long_len)  # 2·lcs / (la + lb) = short/long = t
            inserted_long, inserted_short = long_len - lcs, short_len - lcs
            if lcs > short_len or inserted_long + inserted_short > lcs - 1:
                continue
            backbone, extra = distinct[:lcs], iter(distinct[lcs:])
            long_text = "".join(c + (next(extra) if 1 <= k <= inserted_long else "") for k, c in enumerate(backbone, 1))
            short_text = "".join(c + (next(extra) if inserted_long < k <= inserted_long + inserted_short else "")
                                 for k, c in enumerate(backbone, 1))
            assert (len(long_text), len(short_text)) == (long_len, short_len)
            t = Indel.normalized_similarity(long_text, short_text)
            if min(long_len, short_len) < t * long_len or t <= 0:
                continue  # the float length filter rejects it already
            for a, b in ((long_text, short_text), (short_text, long_text)):
                entries = [_Entry(Paragraph(part="body", index=i + 1, text=x), x, len(x), False) for i, x in enumerate((a, b))]
                assert 0 in _candidate_pairs(entries, t, arrays=False)(1), (a, b, t)
                assert 0 in _candidate_pairs(entries, t, arrays=True)(1), (a, b, t)
                tried += 1
    assert tried > 50


@settings(max_examples=500, deadline=None)
@given(st.lists(related_texts(), min_size=1, max_size=4), st.sampled_from([0.3, 0.6, 2 / 3, 0.7, 0.8, 0.9, 0.95, 1.0]))
def test_the_arrays_name_the_same_candidates_as_the_loops(groups, threshold):
    """The two ways of computing the candidate pairs give the same lists, not only supersets of
    the pairs that pass: a long segment (the arrays) finds no more and no fewer pairs to compare
    than a short one would, whatever the token order each uses."""
    from gongwen_lint.model import Paragraph
    from gongwen_lint.rules.headings import _candidate_pairs, _Entry

    texts = [t for group in groups for t in group]
    entries = [_Entry(Paragraph(part="body", index=i + 1, text=t), t, len(t), False) for i, t in enumerate(texts)]
    loops = _candidate_pairs(entries, threshold, arrays=False)
    arrays = _candidate_pairs(entries, threshold, arrays=True)
    assert [arrays(i) for i in range(len(texts))] == [loops(i) for i in range(len(texts))]


def test_a_long_segment_takes_the_arrays_and_finds_what_every_pair_finds():
    """A segment of ARRAY_MIN_ENTRIES paragraphs or more gets its pairs from the arrays: the
    findings are the reference scan's, a near copy far down included."""
    from gongwen_lint.rules.headings import gw304_duplicate_paragraph

    filler = [f"第{n}项工作要按照{n * 7 % 13}号方案的要求抓好落实，确保在{n % 12 + 1}月底前全部完成并报送{n % 5}类情况。"
              for n in range(gw304_duplicate_paragraph.ARRAY_MIN_ENTRIES)]
    original = "各级政府要把安全生产工作摆上重要议事日程，切实加强组织领导，层层落实工作责任，确保不发生重大事故。"
    text = "\n".join(["关于做好有关工作的通知", "各区人民政府：", original, *filler, original.replace("层层", "逐级"),
                     filler[7].replace("抓好", "做好")])
    new, doc = _new_findings(text, 15, 0.9)
    assert new == sorted(reference_findings(doc, 15, 0.9))
    assert sum("几乎相同" in message for _, message in new) >= 2
