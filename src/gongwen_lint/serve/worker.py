"""What runs in a worker process: the library, loaded once, doing one job at a time.

A worker builds one :class:`~gongwen_lint.api.Linter` per configured reference index (plus one
without an index when none is configured) and warms it up on a short draft, so the dictionary
automata, the NLP pipeline and the index connection exist before the first request.  A request
that selects or ignores rules gets a linter of its own configuration that shares those resources.

Every job is done with the functions the CLI uses — ``Linter.check_file`` (which turns a bad file
into ``Report.error``, the message the CLI prints), :func:`gongwen_lint.output.json_format.render`,
:func:`gongwen_lint.output.annotate.annotate_file`, :func:`gongwen_lint.fixes.fix_file` — so the
service and the CLI cannot drift apart.  The worker never sees a client's file name as a path: it
gets the path of the upload in its private folder and the name to show in the JSON.
"""

from __future__ import annotations

import json
import logging
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..reading import TEXT_SUFFIXES

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from ..api import Linter
    from ..report import Report

log = logging.getLogger(__name__)

#: Warms up every rule family, the NLP pipeline (GW703 needs it) and the index connection.
WARMUP_TEXT = (
    "关于做好城镇燃气安全排查整治工作的通知\n各区县人民政府：\n"
    "各区县要进一步加强监管，不断完善工作机制，全面提升安全水平。\n特此通知。\n宜城市人民政府\n2024年3月12日\n"
)
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")


@dataclass(frozen=True)
class Job:
    """One request's work.  ``path`` is the upload in its private folder; ``name`` is what the
    client called the file (shown in the JSON, never used as a path)."""

    kind: str  # "check" | "review" | "annotate" | "fix"
    path: str
    name: str
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    index: str | None = None  # a configured index name; None: no index
    unsafe: bool = False  # fix: apply unsafe fixes too
    output: str | None = None  # annotate/fix: where to write the copy (same private folder)


@dataclass
class Outcome:
    """A job's answer: an HTTP status, a JSON body or a file, or a Chinese ``detail``."""

    status: int
    body: bytes | None = None  # JSON
    data: bytes | None = None  # the annotated / fixed copy
    detail: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Checker:
    def __init__(self, config: Config, indexes: dict[str, str]):
        from ..api import Linter

        self.linters: dict[str | None, Linter] = {}
        if indexes:
            for name, url in indexes.items():
                self.linters[name] = Linter(config.with_overrides(index=url))
        else:
            self.linters[None] = Linter(config.with_overrides(index=None))

    def warm_up(self) -> None:
        for linter in self.linters.values():
            linter.check_text(WARMUP_TEXT, "<warm-up>")

    def close(self) -> None:
        for linter in self.linters.values():
            linter.close()

    def linter_for(self, job: Job) -> Linter:
        from ..api import Linter

        base = self.linters[job.index if job.index in self.linters else next(iter(self.linters))]
        if not (job.select or job.ignore or job.extend_select):
            return base
        c = base.config
        config = c.with_overrides(
            select=job.select or c.select,
            ignore=c.ignore + job.ignore,  # as the CLI: --ignore adds to the configuration's
            extend_select=c.extend_select + job.extend_select,
        )
        return Linter(config, resources=base.resources)

    def handle(self, job: Job) -> Outcome:
        try:
            return getattr(self, f"_{job.kind}")(job, self.linter_for(job))
        except Exception as e:
            log.exception("job %s failed", job.kind)
            return Outcome(500, detail=f"服务内部错误（{type(e).__name__}）：请把文件和此信息报告给维护者")

    # -- the jobs ---------------------------------------------------------------------------

    def _report(self, job: Job, linter: Linter) -> Report:
        report = linter.check_file(job.path)
        report.path = job.name
        return report

    def _check(self, job: Job, linter: Linter) -> Outcome:
        from ..output.json_format import render

        report = self._report(job, linter)
        if report.error:
            return Outcome(422, detail=report.error)
        return Outcome(200, body=render([report]).encode("utf-8"))

    def _review(self, job: Job, linter: Linter) -> Outcome:
        """For the page: the CLI's JSON, the structure ``inspect --format json`` shows, and the
        labels the page needs (one source of truth: the library's enums).

        A new panel (e.g. the substance inventory) adds one key here and one panel in app.js.
        """
        from ..api import read_docx
        from ..diagnostics import Severity
        from ..model import Role
        from ..output.inspect_format import document_dict
        from ..output.json_format import render

        report = self._report(job, linter)
        if report.error:
            return Outcome(422, detail=report.error)
        structure = document_dict(read_docx(job.path))
        structure["path"] = job.name
        body = {
            "check": json.loads(render([report])),
            "inspect": structure,
            "labels": {
                "severity": {s.value: s.label for s in Severity},
                "role": {r.value: r.label for r in Role},
            },
        }
        return Outcome(200, body=json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def _annotate(self, job: Job, linter: Linter) -> Outcome:
        from ..errors import ReadError
        from ..output.annotate import AnnotateError, annotate_file

        report = self._report(job, linter)
        if report.error:  # an unreadable file hears why first, whatever its name
            return Outcome(422, detail=report.error)
        if Path(job.path).suffix.lower() in TEXT_SUFFIXES:
            return Outcome(422, detail="只能为 .docx 草稿生成带批注的副本")
        assert job.output is not None
        try:
            n = annotate_file(job.path, report.diagnostics, job.output)
        except (AnnotateError, ReadError) as e:
            return Outcome(422, detail=str(e))
        return Outcome(200, data=Path(job.output).read_bytes(), headers={"X-Gongwen-Lint-Comments": str(n)})

    def _fix(self, job: Job, linter: Linter) -> Outcome:
        from ..fixes import fix_file

        report = self._report(job, linter)
        if report.error:
            return Outcome(422, detail=report.error)
        assert job.output is not None
        result = fix_file(linter, job.path, output=job.output, unsafe=job.unsafe, report=report)
        if result.error:
            return Outcome(422, detail=result.error)
        headers = {
            "X-Gongwen-Lint-Fixes": str(result.total),
            "X-Gongwen-Lint-Unsafe-Skipped": str(sum(result.skipped_unsafe.values())),
            "X-Gongwen-Lint-Remaining": str(len(result.report.diagnostics)),
        }
        return Outcome(200, data=Path(job.output).read_bytes(), headers=headers)


def main(conn: Connection, config: Config, indexes: dict[str, str]) -> None:
    """The worker process: build and warm up, say ``ready``, then answer jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops us
    try:
        checker = Checker(config, indexes)
        checker.warm_up()
    except Exception as e:  # noqa: BLE001 - the parent reports it in Chinese
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", None))
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                break
            if job is None:
                break
            conn.send(checker.handle(job))
    finally:
        checker.close()
