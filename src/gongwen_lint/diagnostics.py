"""What a rule reports: severity, location, fix, duplicate evidence; and findings, the
diagnostics a person reads together.

Diagnostics are the records of the JSON contract (docs/json.md): one per span, ``to_dict`` is
that contract and nothing else, so every output format starts from the same fields.  Fixes,
suppressions, baselines and fingerprints work on diagnostics.  :func:`group` turns them into
:class:`Finding` s for people: one per paragraph, rule and kind ("×8：, → ，"), so that a
draft typed with half-width commas is one line per paragraph, not 200.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Location:
    part: str
    paragraph: int
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"part": self.part, "paragraph": self.paragraph, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Fix:
    """Replace the diagnostic's ``[start, end)`` with ``replacement``.

    ``safe`` fixes change only text inside one run and cannot change the meaning; ``unsafe``
    ones need ``--unsafe-fixes``.
    """

    replacement: str
    applicability: str = "safe"

    def to_dict(self) -> dict:
        return {"applicability": self.applicability, "replacement": self.replacement}


@dataclass(frozen=True)
class Reference:
    """The indexed document a duplicate finding points to (docs/json.md ``reference``)."""

    path: str
    title: str | None
    number: str | None
    issuer: str | None
    level: str
    paragraph: int | None
    similarity: float
    coverage: float
    # other indexed documents holding the same text (templated siblings), counted in the message
    same_text: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "number": self.number,
            "issuer": self.issuer,
            "level": self.level,
            "paragraph": self.paragraph,
            "similarity": round(self.similarity, 3),
            "coverage": round(self.coverage, 3),
            "same_text": list(self.same_text),
        }


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    excerpt: str
    fix: Fix | None = None
    reference: Reference | None = None
    # Content-based identity (code, paragraph text, excerpt, occurrence) for baselines and SARIF:
    # inserting a paragraph above does not change it.  Set by the engine; not part of the JSON.
    fingerprint: str = field(default="", compare=False)
    # The finding is about its whole paragraph (the excerpt is all of the paragraph's text):
    # the same one on the next paragraph is grouped with it (see :func:`group`).  Set by the engine.
    whole_paragraph: bool = field(default=False, compare=False)
    # What the finding is, for grouping (:func:`group`); "" means the message up to its first "：".
    kind: str = field(default="", compare=False)

    @property
    def group_kind(self) -> str:
        return self.kind or kind_of(self.message)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_dict(),
            "excerpt": self.excerpt,
            "fix": self.fix.to_dict() if self.fix else None,
            "reference": self.reference.to_dict() if self.reference else None,
        }

    def sort_key(self) -> tuple:
        part = self.location.part
        part_rank = 0 if part == "body" else 1
        return (part_rank, part, self.location.paragraph, self.location.start, self.code, self.message)


# -- findings: diagnostics grouped for people ----------------------------------------------------

#: Messages read "what：specifics → correction" (docs/developing.md); the part before the first
#: full-width colon is the kind of the finding.
KIND_SEPARATOR = "："
#: What separates a specific from the advice in messages like “落实到位”——删去或换成具体措施.
_ADVICE = "——"


def kind_of(message: str) -> str:
    """The kind of a message: ``中文中应使用全角逗号：, → ，`` → ``中文中应使用全角逗号``."""
    return message.split(KIND_SEPARATOR, 1)[0]


def _detail(message: str) -> str:
    parts = message.split(KIND_SEPARATOR, 1)
    return parts[1] if len(parts) == 2 else ""


@dataclass(frozen=True)
class Finding:
    """Diagnostics of one rule and kind in one paragraph, reported once with every span.

    Findings about whole paragraphs (an element out of order, a title line in the wrong font)
    that repeat on consecutive paragraphs form one finding over those paragraphs.  The
    diagnostics stay as they are: fixes, suppressions and baselines are per span.
    """

    diagnostics: tuple[Diagnostic, ...]

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]

    @property
    def code(self) -> str:
        return self.first.code

    @property
    def name(self) -> str:
        return self.first.name

    @property
    def severity(self) -> Severity:
        return self.first.severity

    @property
    def kind(self) -> str:
        return self.first.group_kind

    @property
    def location(self) -> Location:
        return self.first.location

    @property
    def last_paragraph(self) -> int:
        return self.diagnostics[-1].location.paragraph

    @property
    def count(self) -> int:
        return len(self.diagnostics)

    @property
    def paragraphs(self) -> tuple[int, int]:
        return self.location.paragraph, self.last_paragraph

    @property
    def safe_fixes(self) -> int:
        return sum(1 for d in self.diagnostics if d.fix is not None and d.fix.applicability == "safe")

    @property
    def unsafe_fixes(self) -> int:
        return sum(1 for d in self.diagnostics if d.fix is not None and d.fix.applicability != "safe")

    def details(self) -> list[tuple[str, int]]:
        """The distinct specifics after the kind, in order, with how often each occurs."""
        counts: dict[str, int] = {}
        for d in self.diagnostics:
            key = _detail(d.message)
            counts[key] = counts.get(key, 0) + 1
        return list(counts.items())

    @property
    def message(self) -> str:
        """The message of one diagnostic, or the kind with the count and every distinct specific:
        ``中文中应使用全角括号 ×4：( → （ ×2；) → ） ×2``."""
        if self.count == 1 or self.last_paragraph != self.location.paragraph:
            return self.first.message  # one span, or one message over a run of paragraphs
        details = self.details()  # one kind: either all have specifics or all are the same message
        if details == [("", self.count)]:
            return f"{self.first.message} ×{self.count}"
        tails = {d.partition(_ADVICE)[2] for d, _ in details}
        if len(details) > 1 and len(tails) == 1 and all(_ADVICE in d for d, _ in details):
            # the same advice after each specific: say it once (“狠抓落实”、“确保取得实效”——删去…)
            heads = "、".join(d.partition(_ADVICE)[0] + (f" ×{n}" if n > 1 else "") for d, n in details)
            return f"{self.kind} ×{self.count}{KIND_SEPARATOR}{heads}{_ADVICE}{tails.pop()}"
        body = "；".join(f"{d} ×{n}" if n > 1 and len(details) > 1 else d for d, n in details)
        return f"{self.kind} ×{self.count}{KIND_SEPARATOR}{body}"

    def sort_key(self) -> tuple:
        return self.first.sort_key()

    def to_dict(self, index: dict[int, int]) -> dict:
        """The JSON record; ``index`` maps ``id(diagnostic)`` to its position in the file's list."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "kind": self.kind,
            "message": self.message,
            "count": self.count,
            "location": self.location.to_dict(),
            "last_paragraph": self.last_paragraph,
            "diagnostics": [index[id(d)] for d in self.diagnostics],
            "fixes": {"safe": self.safe_fixes, "unsafe": self.unsafe_fixes},
        }


def group(diagnostics: Iterable[Diagnostic]) -> list[Finding]:
    """Findings in document order: one per (part, paragraph, rule, kind, severity); findings about
    whole paragraphs that repeat with the same message on consecutive paragraphs are one finding."""
    groups: dict[tuple, list[Diagnostic]] = {}
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        loc = d.location
        groups.setdefault((loc.part, loc.paragraph, d.code, d.group_kind, d.severity), []).append(d)
    findings: list[list[Diagnostic]] = []
    run_end: dict[tuple, list[Diagnostic]] = {}  # (part, code, message, severity) -> open run
    for members in groups.values():
        d = members[0]
        if len(members) == 1 and d.whole_paragraph:
            key = (d.location.part, d.code, d.message, d.severity)
            run = run_end.get(key)
            if run is not None and run[-1].location.paragraph + 1 == d.location.paragraph:
                run.append(d)
                continue
            run_end[key] = members
        findings.append(members)
    return sorted((Finding(tuple(m)) for m in findings), key=Finding.sort_key)
