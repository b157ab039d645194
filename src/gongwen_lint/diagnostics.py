"""What a rule reports: severity, location, fix, duplicate evidence.

These are the records of the JSON contract (SPEC §3.2); ``to_dict`` is that contract and
nothing else, so every output format starts from the same fields.
"""

from __future__ import annotations

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
    """The indexed document a duplicate finding points to (SPEC §3.2 ``reference``)."""

    path: str
    title: str | None
    number: str | None
    issuer: str | None
    level: str
    paragraph: int | None
    similarity: float
    coverage: float

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
