"""The reference index: normalisation, fingerprints, both storage engines, search, CLI."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
from click.testing import CliRunner

from gongwen_lint.index.backends import open_index
from gongwen_lint.index.cli import index_group
from gongwen_lint.index.fingerprint import kgram_hashes, winnow
from gongwen_lint.index.normalize import normalize, normalize_with_map, original_span
from gongwen_lint.index.search import find_copies
from gongwen_lint.index.segment import RefMeta, prepare
from gongwen_lint.index.store import IndexError_

PG = os.environ.get("GONGWEN_TEST_PG")

REF_A = [
    "关于加强城市排水防涝工作的通知",
    "各区要在五月底前完成主城区二百一十处易涝点的排查，逐点明确责任单位、整改措施和完成时限，整改情况每周报市排水办。",
    "汛期实行易涝点二十四小时巡查，雨量达到五十毫米时，责任单位负责人必须到现场指挥排水，并及时疏导过往车辆和行人。",
]
REF_B = [
    "关于做好学校食堂食品安全工作的通知",
    "学校食堂实行食材采购索证索票和进货查验制度，每日留样不少于一百二十五克，留样时间不少于四十八小时，并由专人登记。",
]


def _add(store, name: str, paragraphs: list[str], level: str = "same"):
    meta = RefMeta(path=f"/archive/{name}", title=paragraphs[0], number=f"示发〔2024〕{len(name)}号", level=level)
    doc = prepare(meta, list(enumerate(paragraphs, start=1)), "\n".join(paragraphs).encode(), store.params.k, store.params.w)
    return store.add([doc])


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_index(str(tmp_path / "t.gwidx"), create=True)
        yield s
        s.close()
        return
    if not PG:
        pytest.skip("GONGWEN_TEST_PG is not set: no PostgreSQL server for this run (.ci/postgres.sh starts one)")
    s = open_index(PG, create=True)
    s.drop()
    s.close()
    s = open_index(PG, create=True)
    yield s
    s.drop()
    s.close()


def test_normalize_maps_back_to_original_offsets():
    text = "宜发〔２０２４〕3号，ＡＢ 项：说明。"
    norm, offsets = normalize_with_map(text)
    assert norm == normalize(text) == "宜发20243号ab项说明"
    s, e = original_span(offsets, norm.index("2024"), norm.index("2024") + 4, len(text))
    assert text[s:e] == "２０２４"


def test_hashes_do_not_depend_on_the_process():
    code = "from gongwen_lint.index.fingerprint import kgram_hashes; print(kgram_hashes('各区要在五月底前完成排查').tolist())"
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1
    assert outs.pop().strip() == str(kgram_hashes("各区要在五月底前完成排查").tolist())


def test_winnowing_guarantees_a_shared_fingerprint_for_long_shared_runs():
    rng = random.Random(3)
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    k, w = 5, 10
    for _ in range(200):
        shared = "".join(rng.choice(alphabet) for _ in range(w + k - 1))
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) + shared + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) + shared
        fa = set(winnow(kgram_hashes(a, k), w)[1].tolist())
        fb = set(winnow(kgram_hashes(b, k), w)[1].tolist())
        assert fa & fb


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexError_, match="索引文件不存在"):
        open_index(str(tmp_path / "none.gwidx"))


def test_add_replace_remove(store):
    assert _add(store, "a.txt", REF_A, "higher").added == 1
    _add(store, "b.txt", REF_B)
    before = store.stats()
    assert before["documents"] == 2 and before["postings"] > 0 and before["params"]["k"] == "5"
    assert _add(store, "b.txt", REF_B).unchanged == 1
    changed = REF_B + ["食堂从业人员每年进行一次健康检查，持有效健康证明上岗，患有有碍食品安全疾病的人员一律调离岗位。"]
    assert _add(store, "b.txt", changed).replaced == 1
    assert store.stats()["documents"] == 2
    assert [d.path for d in store.documents()] == ["/archive/a.txt", "/archive/b.txt"]
    assert store.remove(["/archive/b.txt"]) == 1
    after = store.stats()
    assert after["documents"] == 1 and 0 < after["postings"] < before["postings"]
    assert store.remove(["/archive"]) == 1
    assert store.stats()["postings"] == 0 and store.stats()["units"] == 0


def test_remove_leaves_the_same_postings_as_never_adding(tmp_path):
    s1 = open_index(str(tmp_path / "1.gwidx"), create=True)
    s2 = open_index(str(tmp_path / "2.gwidx"), create=True)
    _add(s1, "a.txt", REF_A)
    _add(s1, "b.txt", REF_B)
    s1.remove(["/archive/b.txt"])
    _add(s2, "a.txt", REF_A)
    assert s1.stats()["postings"] == s2.stats()["postings"]
    s1.close()
    s2.close()


def test_find_copies_locates_the_copied_span(store):
    _add(store, "a.txt", REF_A, "higher")
    _add(store, "b.txt", REF_B)
    own = "我区今年新建雨水泵站两座，改造老旧管网十八公里，所需资金由区财政统筹安排。"
    copied = REF_A[2].replace("五十毫米", "三十毫米")  # lightly edited
    draft = [own, "为认真贯彻落实市里的部署，" + copied, own]
    matches = find_copies(store, draft)
    assert [m.doc.path for m in matches] == ["/archive/a.txt"]
    m = matches[0]
    assert {p.paragraph for p in m.passages} == {1}
    p = m.passages[0]
    excerpt = draft[1][p.start : p.end]
    assert excerpt.startswith("汛期实行") and excerpt.endswith("行人")
    assert 0.85 < p.similarity < 1.0
    assert p.ref_paragraph == 3
    assert m.doc.level == "higher" and 0 < m.draft_coverage < 1


def test_stock_phrases_are_not_copies(store):
    _add(store, "c.txt", ["关于开展安全检查的通知", "为深入贯彻落实党中央、国务院决策部署，现将有关事项通知如下：请结合实际认真贯彻执行。"])
    draft = ["为深入贯彻落实党中央、国务院决策部署，现将有关事项通知如下：", "请结合实际认真贯彻执行。"]
    assert find_copies(store, draft) == []


def _postings_by_content(store) -> list[tuple]:
    """Every posting as (hash, document path, paragraph, start, stop): comparable across builds."""
    return store._q(
        "SELECT f.h, d.path, n.para, n.start, n.stop FROM gw_fp AS f JOIN gw_units AS n ON n.id = f.u"
        " JOIN gw_docs AS d ON d.id = n.doc_id ORDER BY f.h, d.path, n.start"
    )


def test_one_add_over_several_transactions_replacing_pending_documents(store, tmp_path):
    # batch=2 and max_postings=50: postings are held back across batches and committed in
    # several transactions; "b.txt" comes twice, the second time after its first version's
    # postings were still pending, and must leave exactly the postings of its last version.
    k, w = store.params.k, store.params.w
    changed_b = REF_B + ["食堂从业人员每年进行一次健康检查，持有效健康证明上岗，患有有碍食品安全疾病的人员一律调离岗位。"]
    versions = [("a.txt", REF_A), ("b.txt", REF_B), ("c.txt", REF_A[:1] + REF_B[1:]), ("b.txt", changed_b), ("a.txt", REF_A)]
    docs = [
        prepare(RefMeta(path=f"/archive/{n}", title=p[0], level="same"), list(enumerate(p, start=1)), "\n".join(p).encode(), k, w)
        for n, p in versions
    ]
    result = store.add(docs, batch=2, max_postings=50)
    assert (result.added, result.replaced, result.unchanged) == (3, 1, 1)
    fresh = open_index(str(tmp_path / "fresh.gwidx"), create=True)
    try:
        for d in (docs[0], docs[2], docs[3]):
            fresh.add([d])
        assert _postings_by_content(store) == _postings_by_content(fresh)
        assert store.stats()["postings"] == fresh.stats()["postings"]  # and none of a replaced version
        assert store.stats()["units"] == fresh.stats()["units"] == store._q("SELECT count(*) FROM gw_units")[0][0]
    finally:
        fresh.close()
    # the unit count is persisted, not only kept in memory
    reopened = open_index(store.url)
    assert reopened.unit_count == store.unit_count
    reopened.close()


@pytest.mark.skipif(not PG, reason="GONGWEN_TEST_PG is not set: no PostgreSQL server for this run")
def test_postgres_add_leaves_planner_statistics(tmp_path):
    # without statistics a freshly loaded gw_fp was looked up 10 times slower (docs/index.md)
    pg = open_index(PG, create=True)
    pg.drop()
    pg.close()
    pg = open_index(PG, create=True)
    try:
        _add(pg, "a.txt", REF_A)
        assert pg._q("SELECT reltuples FROM pg_class WHERE relname = 'gw_fp'")[0][0] == pg.stats()["postings"] > 0
    finally:
        pg.drop()
        pg.close()


@pytest.mark.skipif(not PG, reason="GONGWEN_TEST_PG is not set: no PostgreSQL server for this run")
def test_sqlite_and_postgres_give_the_same_matches(tmp_path):
    lite = open_index(str(tmp_path / "s.gwidx"), create=True)
    pg = open_index(PG, create=True)
    pg.drop()
    pg.close()
    pg = open_index(PG, create=True)
    try:
        for s in (lite, pg):
            _add(s, "a.txt", REF_A, "higher")
            _add(s, "b.txt", REF_B)
        draft = [REF_A[1], "另起一段：" + REF_B[1][:40] + "，其余为本单位自己的要求和安排。"]
        a = find_copies(lite, draft)
        b = find_copies(pg, draft)
        assert a and [(m.doc.path, m.passages, m.draft_chars, m.ref_chars) for m in a] == [
            (m.doc.path, m.passages, m.draft_chars, m.ref_chars) for m in b
        ]
    finally:
        lite.close()
        pg.drop()
        pg.close()


def test_cli_add_list_stats_remove(tmp_path):
    folder = tmp_path / "archive"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("\n".join(REF_A), encoding="utf-8")
    (folder / "sub" / "b.md").write_text("# " + "\n".join(REF_B), encoding="utf-8")
    (folder / "manifest.tsv").write_text(
        "path\ttitle\tnumber\tissuer\tyear\tlevel\na.txt\t排水防涝通知\t市发〔2024〕5号\t市政府\t2024\thigher\n", encoding="utf-8"
    )
    idx = str(tmp_path / "x.gwidx")
    runner = CliRunner()
    r = runner.invoke(index_group, ["add", "--index", idx, "--manifest", str(folder / "manifest.tsv"), str(folder)])
    assert r.exit_code == 0, r.output
    assert "新收录 2 份" in r.output
    r = runner.invoke(index_group, ["list", "--index", idx])
    assert "上级\t排水防涝通知\t市发〔2024〕5号\t市政府\t2024" in r.output
    assert "本级\t关于做好学校食堂食品安全工作的通知" in r.output
    r = runner.invoke(index_group, ["stats", "--index", idx])
    assert r.exit_code == 0 and "文件：2 份" in r.output
    r = runner.invoke(index_group, ["add", "--index", idx, str(folder)])
    assert "未变 1 份" in r.output and "替换 1 份" in r.output  # a.txt lost its manifest metadata
    r = runner.invoke(index_group, ["remove", "--index", idx, str(folder / "sub")])
    assert "已删除 1 份" in r.output
    r = runner.invoke(index_group, ["add", "--index", idx, "--level", "bogus", str(folder)])
    assert r.exit_code == 2
    r = runner.invoke(index_group, ["stats", "--index", str(tmp_path / "missing.gwidx")])
    assert r.exit_code == 2 and "索引文件不存在" in r.output
