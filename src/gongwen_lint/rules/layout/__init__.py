"""Layout and typography from the .docx formatting (GW201–GW207).

Every rule here reads the effective formatting the reader resolved (styles, defaults, theme
fonts, the east-Asian font slot) and compares font *classes* (:mod:`gongwen_lint.fonts`), never
font names.  Three principles keep them quiet on correct documents:

* **one finding per cause** — a body typeset in 宋体 throughout is one finding that says how many
  paragraphs are affected, anchored at the first of them, not one per paragraph;
* **only what can be seen** — text in tables and text boxes (版头 and 版记 blocks, forms) is not
  judged as running text, a paragraph whose role is doubtful (centred "body", a "title" that is
  a document number) is left alone, and even/odd page-number positions only matter when the
  draft clearly has more than one page;
* **the unit's house style wins** — every threshold is a ``layout-…`` option
  (``[tool.gongwen-lint.GW2nn]``, the body size shared in ``[tool.gongwen-lint.layout]``), every font alias can be extended in configuration.

Severities follow the wording of GB/T 9704-2012: paper and 版心 (5.1, 5.2.1) are unconditional
(error); fonts, sizes and positions are worded 一般 (warning); the red 小标宋 发文机关标志 is 推荐
(info).

One module per rule (``gw201_page`` … ``gw207_imprint``), what they share in :mod:`._common`;
importing the package registers all seven.  Their docstring examples are formatted paragraphs
(``{正文 宋体 12磅}…``, ``example_input="layout"``), built by the test harness
(``tests/example_documents.py``).
"""

from __future__ import annotations

from . import (  # noqa: F401  (importing a rule module registers its rule)
    gw201_page,
    gw202_body,
    gw203_title,
    gw204_headings,
    gw205_organ_mark,
    gw206_page_number,
    gw207_imprint,
)
from .gw206_page_number import estimated_pages

__all__ = ["estimated_pages"]
