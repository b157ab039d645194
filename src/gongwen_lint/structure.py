"""Structure recognition (placeholder until the recogniser lands)."""
from __future__ import annotations
from dataclasses import replace
from .model import Document, Role


def analyse(doc: Document) -> Document:
    parts = {name: tuple(p.with_role(Role.EMPTY if p.is_empty else Role.BODY) for p in ps) for name, ps in doc.parts.items()}
    return replace(doc, parts=parts)
