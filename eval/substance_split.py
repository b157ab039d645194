"""Which State Council documents the specificity model may learn from — one source of truth.

The model (``scripts/train_substance_model.py``) learns what correct State Council prose looks
like from the odd-numbered ``gov_prc`` documents of the shared archive; the even-numbered ones
are never read by it, and ``eval/eval_substance_real.py`` reports them apart as the untouched
half (the issue's target, ≤ 0.3 GW7 warnings per document, is judged there).
"""

from __future__ import annotations

import re


def trains_model(path: str) -> bool:
    """``gov_prc/govprc_007.txt`` (or its file name) is a training document; ``govprc_008`` is not."""
    m = re.search(r"govprc_(\d+)", path)
    return bool(m) and int(m.group(1)) % 2 == 1
