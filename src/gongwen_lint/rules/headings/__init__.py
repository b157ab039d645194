"""Headings and paragraphs: ordinal forms, sequences, level skips, duplicates, stray lines,
placeholders (GW301–GW306).

Heading lines are found from their ordinal (see :mod:`.._ordinals`), not only from the roles
HEADING1–4: a ``1、`` line that structure recognition calls BODY is exactly the kind of line
these rules exist for.  Paragraphs in tables are skipped (a table's numbering is its own).
"""

from . import (  # noqa: F401  (importing the modules registers the rules)
    gw301_ordinal_form,
    gw302_sequence,
    gw303_level_skip,
    gw304_duplicate_paragraph,
    gw305_stray,
    gw306_placeholder,
)
from .gw304_duplicate_paragraph import _candidate_pairs, _Entry, _item_label, _normalise, _only_numbers_differ  # noqa: F401
