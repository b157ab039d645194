"""The engine's collection threshold while rules run (engine._fewer_collections).

Why: a check raises the youngest generation's threshold (CHECK_GC_THRESHOLD) for its duration;
the host process's own thresholds must come back after it, also when checks overlap in threads,
and a caller that disabled automatic collection keeps it disabled.
"""

from __future__ import annotations

import gc
import threading

from gongwen_lint import Linter, engine


def test_the_threshold_is_raised_during_a_check_and_restored_after(monkeypatch):
    seen = []
    real = engine._run_rule

    def spy(r, doc, ctx, config):
        seen.append(gc.get_threshold()[0])
        return real(r, doc, ctx, config)

    monkeypatch.setattr(engine, "_run_rule", spy)
    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        Linter().check_text("关于做好有关工作的通知\n各区人民政府：\n现将有关事项通知如下。")
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)
    assert seen and set(seen) == {engine.CHECK_GC_THRESHOLD}


def test_overlapping_checks_restore_the_caller_thresholds():
    before = gc.get_threshold()
    inside, leave = threading.Barrier(2), threading.Event()

    def check():
        with engine._fewer_collections():
            inside.wait()
            leave.wait()

    other = threading.Thread(target=check)
    gc.set_threshold(800, 10, 10)
    try:
        with engine._fewer_collections():
            other.start()
            inside.wait()
        assert gc.get_threshold()[0] == engine.CHECK_GC_THRESHOLD  # the other check still runs
        leave.set()
        other.join()
        assert gc.get_threshold() == (800, 10, 10)
    finally:
        leave.set()
        gc.set_threshold(*before)


def test_disabled_collection_stays_disabled():
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with engine._fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


def test_reading_and_the_structure_run_with_the_raised_threshold(monkeypatch, tmp_path):
    """Reading a .docx and analysing its structure make as many objects as the rules do (issue
    18): they run inside the raised threshold too, and the caller's comes back after."""
    from docxbuild import DocxBuilder  # tests/ is on sys.path (conftest)
    from gongwen_lint import api, structure

    seen = {}
    real_load, real_analyse = api.load_document, structure.analyse

    def load(path):
        seen["read"] = gc.get_threshold()[0]
        return real_load(path)

    def analyse(doc, vocab=None):
        seen["structure"] = gc.get_threshold()[0]
        return real_analyse(doc, vocab)

    monkeypatch.setattr(api, "load_document", load)
    monkeypatch.setattr(structure, "analyse", analyse)
    path = tmp_path / "d.docx"
    DocxBuilder().p("关于做好有关工作的通知").p("各区人民政府：").p("现将有关事项通知如下。").save(path)
    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        report = Linter().check_file(path)
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)
    assert report.error is None
    assert seen == {"read": engine.CHECK_GC_THRESHOLD, "structure": engine.CHECK_GC_THRESHOLD}
