"""GW7xx — empty phrasing and boilerplate (空话套话, 原则无措施, 文风, 减负).

The substance rules (GW702, GW703, GW708, GW709) read one inventory per document, built by
:mod:`gongwen_lint.substance` from packaged data: every work item judged a measure (who / when /
how much / a named instrument), a principle, or empty words.  The spaCy/jieba pipeline
(:mod:`gongwen_lint.nlp`) is loaded only when a sentence is in doubt — a run of characters the
packaged word table does not know — so most drafts never pay for it.  Dictionary-only rules
(GW701, GW704, GW706, GW707) never load it.  Everything is tunable through ``[tool.gongwen-lint.GW7nn]`` (and ``[tool.gongwen-lint.style]``) and
``[dictionaries]``.

Scope: the drafter's running text (``model.TEXT_ROLES``: 正文, headings, 附件正文) — never the
title, 版头 or 版记.  Quotations and 书名号 titles are masked: citing 《…高度重视…的通知》 is
not writing 套话.

One module per rule; the shared inventory and item tests in :mod:`._common`.  Importing the
package registers the rules.
"""

from . import (  # noqa: F401  (importing registers the rules)
    gw701_boilerplate,
    gw702_empty_sentence,
    gw703_vague_measure,
    gw704_density,
    gw705_preamble,
    gw706_length,
    gw707_burden,
    gw708_principle_section,
    gw709_no_measures,
)
