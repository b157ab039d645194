"""Shared by the 公文要素 rules: severities, the roles a field may be cited in, and the helpers that
place a "missing" finding and lower it when the roles it depends on are not confident.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ... import recache
from ...diagnostics import Diagnostic, Severity
from ...model import HEADING_ROLES, Document, Paragraph, Role
from .._fields import (
    last_index,
    paragraph_at,
    severity_for,
)
from ..context import Context

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

BODY_ROLES = frozenset({Role.BODY}) | HEADING_ROLES
#: Where a document number may be cited in the drafter's text.
CITING_ROLES = BODY_ROLES | {Role.ATTACHMENT_BODY, Role.NOTE, Role.ATTACHMENT_NOTE, Role.TITLE, Role.ATTACHMENT_TITLE}


def _missing(ctx: Context, doc: Document, index: int, message: str, severity: Severity | None = None) -> Diagnostic:
    p = paragraph_at(doc, index)
    return ctx.report(p, 0, 0, message, severity=severity)


def _confident(diags: Iterator[Diagnostic], *ps: Paragraph) -> Iterator[Diagnostic]:
    """The findings, errors lowered to warnings unless the roles they depend on are confident."""
    lowered = severity_for(*ps) if ps else None
    for d in diags:
        yield d if lowered is None or d.severity is not ERROR else replace(d, severity=lowered)


def _after(doc: Document, *roles: Role) -> int | None:
    i = last_index(doc, *roles)
    return None if i is None else i + 1


#: The 附件说明's lead (附件：) and an item's number (1. / （1）), read by GW105 and GW106.
_ATT_HEAD_RE = recache.compile(r"^(?P<lead>\s*附\s*件\s*)(?P<colon>[：:]?)\s*")
_ITEM_NUMBER_RE = recache.compile(r"^(?P<num>\d{1,2})\s*(?P<sep>[.．、，,]|\s)\s*|^(?P<paren>[（(]\d{1,2}[）)])\s*")
