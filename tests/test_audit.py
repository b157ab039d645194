"""Archive-wide reuse audits (issue 10): ground truth from the law archive, stock phrases
never pair documents, and the Spark executor reports exactly the local pairs.

The ground truth runs on the slice kept in ``tests/fixtures/archive/laws`` (two national laws and
five provincial 实施办法 of them, two unrelated 行政法规) and, when ``../shared`` is beside the
checkout, on the whole law archive.  The Spark tests run Spark in local mode (``local[2]``, 4
shuffle partitions) on a slice of the shared archive (they need its size: a cut-off of 25
documents must bite); they are skipped without it, or when pyspark or Java is missing.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_paths import FIXTURE_ARCHIVE, SHARED_ARCHIVE, SKIP_REASON
from docxbuild import DocxBuilder  # tests/ is on sys.path (conftest)
from gongwen_lint.audit.local import audit_local
from gongwen_lint.audit.pipeline import Pair, merge_pairs
from gongwen_lint.cli import main
from gongwen_lint.index.backends import open_index
from gongwen_lint.index.stock import BUILTIN
from gongwen_lint.index.store import Params

LAWS = FIXTURE_ARCHIVE / "laws"


def _titles(archive: Path) -> dict[str, str]:
    """Manifest titles of laws/ by absolute path, without the (date) suffix."""
    out = {}
    with open(archive / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["path"].startswith("laws/"):
                out[(archive / row["path"]).resolve().as_posix()] = re.sub(r"\(\d{4}-\d\d-\d\d\)$", "", row["title"])
    return out


def law_ground_truth(titles: dict[str, str]) -> set[tuple[str, str]]:
    """Provincial 实施办法 of a national law X (实施《X》办法, 《X》实施办法) paired with law X."""
    truth = set()
    for path, title in titles.items():
        m = re.search(r"实施《(.+?)》办法|《(.+?)》实施办法", title)
        if not m:
            continue
        law = m.group(1) or m.group(2)
        for other, t in titles.items():
            if t == law:
                truth.add(tuple(sorted((path, other))))
    return truth


@pytest.fixture(scope="module")
def law_slice(tmp_path_factory) -> Path:
    """The repository's law slice: 集会游行示威法 and 城市居民委员会组织法 with their provincial
    实施办法, and two unrelated 行政法规."""
    d = tmp_path_factory.mktemp("laws")
    for f in sorted(LAWS.glob("*.txt")):
        shutil.copy(f, d / f.name)
    return d


@pytest.fixture(scope="module")
def shared_law_slice(tmp_path_factory) -> Path:
    """The lr_* laws of the shared archive (provincial 实施办法 and the national laws) plus a few
    行政法规 that share legal formulae with them."""
    laws = SHARED_ARCHIVE / "laws"
    if not laws.is_dir():
        pytest.skip(SKIP_REASON)
    d = tmp_path_factory.mktemp("shared_laws")
    for f in sorted(laws.glob("lr_*.txt")) + sorted(laws.glob("xzfg_00*.txt")):
        shutil.copy(f, d / f.name)
    return d


@pytest.mark.parametrize("archive", [
    pytest.param(FIXTURE_ARCHIVE, id="repository-slice"),
    pytest.param(SHARED_ARCHIVE, id="shared-archive", marks=pytest.mark.corpus),
])
def test_local_audit_finds_the_provincial_implementations_of_national_laws(archive):
    titles = _titles(archive)
    truth = law_ground_truth(titles)
    # the manifest names them: the test would be empty otherwise
    assert len(truth) >= (5 if archive == FIXTURE_ARCHIVE else 10)
    laws = archive / "laws"
    result = audit_local([laws])
    found = {(p.a, p.b) for p in result.pairs}
    recall = len(truth & found) / len(truth)
    assert recall >= 0.9, sorted(truth - found)
    assert result.documents == len(list(laws.glob("*.txt")))
    for p in result.pairs:
        if (p.a, p.b) in truth:
            assert p.passages >= 5 and min(p.coverage_a, p.coverage_b) > 0.05


def _write(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def test_stock_phrases_alone_never_pair_documents(tmp_path):
    # Two real, unrelated documents, each given the same opening and closing 套话 ...
    a = [t for t in (LAWS / "xzfg_001.txt").read_text("utf-8").splitlines() if t.strip()][:40]
    b = [t for t in (LAWS / "xzfg_003.txt").read_text("utf-8").splitlines() if t.strip()][:40]
    stock = [
        "为深入贯彻落实党中央、国务院决策部署，进一步加强组织领导，现将有关事项通知如下。",
        "各地区、各部门要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
        "请结合实际认真贯彻执行。执行中遇到的问题，请及时报告。特此通知。",
    ]
    _write(tmp_path / "a.txt", stock[:1] + a + stock[1:])
    _write(tmp_path / "b.txt", stock[:1] + b + stock[1:])
    assert audit_local([tmp_path], min_coverage=0.0).pairs == []
    # ... while one shared real paragraph does pair them (the test can fail)
    shared = max(a, key=len)
    _write(tmp_path / "b.txt", stock[:1] + b + [shared] + stock[1:])
    pairs = audit_local([tmp_path], min_coverage=0.0).pairs
    assert len(pairs) == 1 and pairs[0].passages == 1
    assert pairs[0].example[:20] in shared
    assert not any(s in pairs[0].example for s in BUILTIN if len(s) > 8)


def test_pairs_are_oriented_and_coverage_is_per_side(tmp_path):
    law = [t for t in (LAWS / "lr_04.txt").read_text("utf-8").splitlines() if t.strip()]
    part = law[len(law) // 3 : 2 * len(law) // 3]
    _write(tmp_path / "z_whole.txt", law)
    _write(tmp_path / "a_part.txt", ["某省关于集会游行示威的补充规定"] + part)
    (pair,) = audit_local([tmp_path]).pairs
    assert pair.a.endswith("a_part.txt") and pair.b.endswith("z_whole.txt")
    assert pair.coverage_a > 0.8  # nearly all of the part (short 章 headings are too short to count)
    assert 0.2 < pair.coverage_b < 0.5  # a third of the law


def test_merge_keeps_the_direction_that_explains_more():
    ab = Pair("/a", "/b", 0.4, 0.2, 3, "甲", matched=300)
    ba = Pair("/b", "/a", 0.25, 0.5, 4, "乙", matched=400)
    (m,) = merge_pairs([ab, ba])
    assert (m.a, m.b, m.coverage_a, m.coverage_b, m.example) == ("/a", "/b", 0.5, 0.25, "乙")
    assert merge_pairs([ba, ab]) == [m]  # order of arrival does not matter
    assert merge_pairs([ab, ba], min_coverage=0.6) == []


def test_cli_formats(law_slice, tmp_path):
    runner = CliRunner()
    out = tmp_path / "pairs.json"
    r = runner.invoke(main, ["audit", str(law_slice), "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text("utf-8"))
    assert data["documents"] == len(list(law_slice.iterdir()))
    assert data["pairs"] and set(data["pairs"][0]) == {"a", "b", "coverage_a", "coverage_b", "passages", "example"}
    r = runner.invoke(main, ["audit", str(law_slice), "--format", "csv"])
    rows = list(csv.reader(r.stdout.splitlines()))  # the summary goes to stderr
    assert rows[0] == ["a", "b", "coverage_a", "coverage_b", "passages", "example"] and len(rows) == len(data["pairs"]) + 1
    r = runner.invoke(main, ["audit", str(law_slice)])
    assert r.exit_code == 0 and "重复内容占前者" in r.output
    r = runner.invoke(main, ["audit", str(tmp_path / "missing")])
    assert r.exit_code == 2


# -- Spark ----------------------------------------------------------------------------------

HAVE_SPARK = importlib.util.find_spec("pyspark") is not None


@pytest.fixture(scope="module")
def spark():
    if not HAVE_SPARK:
        pytest.skip("pyspark not installed (pip install -e '.[spark]'): Spark tests skipped")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("no Java runtime (Spark needs Java 17): Spark tests skipped")
    from gongwen_lint.audit.spark import session

    s = session("local[2]", app="gongwen-lint tests", shuffle_partitions=4)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def mixed_slice(shared_law_slice, tmp_path_factory) -> Path:
    """The shared law slice with one of its laws as .docx instead of .txt, in a sub-folder."""
    d = tmp_path_factory.mktemp("mixed")
    shutil.copytree(shared_law_slice, d / "laws")
    src = d / "laws" / "lr_09.txt"
    (d / "sub").mkdir()
    b = DocxBuilder()
    for line in src.read_text("utf-8").splitlines():
        if line.strip():
            b.p(line)
    b.save(d / "sub" / "lr_09.docx")
    src.unlink()
    return d


@pytest.mark.corpus
@pytest.mark.parametrize("broadcast_chars", [None, 0], ids=["texts-broadcast", "texts-joined"])
def test_spark_reports_exactly_the_local_pairs(spark, mixed_slice, broadcast_chars):
    """Both ways of shipping candidate texts (broadcast for a small archive, join for a big one)."""
    from gongwen_lint.audit.spark import BROADCAST_CHARS, audit_spark

    local = audit_local([mixed_slice], min_coverage=0.0)
    remote = audit_spark([mixed_slice], min_coverage=0.0, spark=spark, partitions=3,
                         broadcast_chars=BROADCAST_CHARS if broadcast_chars is None else broadcast_chars)
    assert local.documents == remote.documents == len(list(mixed_slice.rglob("*.*")))
    assert len(local.pairs) > 20
    assert any(p.a.endswith(".docx") or p.b.endswith(".docx") for p in local.pairs)
    assert remote.as_json() == local.as_json()


@pytest.mark.corpus
def test_spark_matches_local_with_common_fingerprints(spark, mixed_slice):
    """A low cut-off makes many fingerprints common: the sampled postings must agree too.

    (Not below the sample of 20 postings per common fingerprint: there the SQLite and
    PostgreSQL index backends themselves differ.)"""
    from gongwen_lint.audit.spark import audit_spark

    params = Params(max_df=25)
    local = audit_local([mixed_slice], min_coverage=0.0, params=params)
    remote = audit_spark([mixed_slice], min_coverage=0.0, spark=spark, partitions=2, params=params)
    assert remote.as_json() == local.as_json()
    assert local.as_json() != audit_local([mixed_slice], min_coverage=0.0).as_json()  # the cut-off did bite


@pytest.mark.corpus
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_index_add_with_spark_writes_the_same_index(spark, mixed_slice, tmp_path, backend):
    pg = os.environ.get("GONGWEN_TEST_PG")
    if backend == "postgres" and not pg:
        pytest.skip("GONGWEN_TEST_PG is not set: no PostgreSQL server for this run (.ci/postgres.sh starts one)")
    urls = {"local": str(tmp_path / "local.gwidx"), "spark": pg if backend == "postgres" else str(tmp_path / "spark.gwidx")}
    if backend == "postgres":
        with open_index(pg, create=True) as s:
            s.drop()
    runner = CliRunner()
    try:
        for engine, url in urls.items():
            args = ["index", "add", "--index", url, "--level", "higher", str(mixed_slice)]
            if engine == "spark":
                args += ["--engine", "spark", "--spark-master", "local[2]"]
            r = runner.invoke(main, args)
            assert r.exit_code == 0, r.output
        stats, docs = {}, {}
        for engine, url in urls.items():
            with open_index(url) as store:
                st = store.stats()
                stats[engine] = (st["documents"], st["units"], st["postings"], st["chars"], st["levels"])
                docs[engine] = store.documents()
        assert stats["spark"] == stats["local"] and stats["local"][0] == len(list(mixed_slice.rglob("*.*")))
        assert docs["spark"] == docs["local"]
    finally:
        if backend == "postgres":
            with open_index(pg, create=True) as s:
                s.drop()
