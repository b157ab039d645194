"""公文要素 rules (GW101–GW110): required elements per genre and format, and the exact text form
of each field as GB/T 9704-2012 words it.

Field rules are paragraph rules scoped to the role the structure recogniser gave; the presence
and order rules are document rules.  "Missing" is judged against what the draft claims to be: a
draft with a 版头 (发文机关标志 or 发文字号) is a complete document and must carry every element of
its genre and format; a draft without one is often the body alone, and then only what it has
started (a 署名 without a 成文日期 …) is incomplete.

One module per rule; shared helpers in :mod:`._common`.  Importing the package registers the rules.
"""

from . import (  # noqa: F401  (importing registers the rules)
    gw101_missing,
    gw102_doc_number,
    gw103_date,
    gw104_addressee,
    gw105_attachment_note,
    gw106_attachment_mismatch,
    gw107_imprint,
    gw108_order,
    gw109_title,
    gw110_header_fields,
)
