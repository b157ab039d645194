"""Heading ordinals for the rule families: see :mod:`gongwen_lint.ordinals` (one parser for
structure recognition and the rules)."""

from ..ordinals import (  # noqa: F401 - re-exported for the rule modules
    CJK_PUNCT,
    CN_NUMERALS,
    Ordinal,
    cn_ordinal,
    is_anchor,
    is_attachment_label,
    is_cjkish,
    paragraph_ordinal,
    parse_ordinal,
    standard_form,
)
