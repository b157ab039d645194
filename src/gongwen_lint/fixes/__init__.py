"""Applying fixes (``check --fix``) to .docx, .txt and .md drafts.

The package holds the steps as modules: :mod:`.plan` (which edits, one round), :mod:`.docx_edits`
(edits inside ``w:t`` text), :mod:`.text_edits` (plain-text drafts) and :mod:`.loop` (plan,
apply, lint again; the atomic replacement).

Principles (references/linters.md §4.6):

- An edit replaces text inside ``w:t`` elements and nothing else, so the run keeps its
  formatting.  A fix whose span lies inside one run is *safe*; one spanning several runs puts the
  replacement in the first run's text (taking its formatting) and is applied only with
  ``--unsafe-fixes``.
- Only the parts that hold an edit are re-serialised; every other zip entry is copied with the
  same content, name, order, timestamp and compression.  A file where no edit applies is not
  rewritten at all (re-running ``--fix`` is a no-op).
- Edits that overlap are not applied together: the non-overlapping ones are applied, the draft
  is linted again and the loop repeats (at most :data:`MAX_ROUNDS` rounds).
- Every edited paragraph is read back with the reader's own walk and must have exactly the
  expected text; a paragraph that does not is left as it was.  The fixed file must read back as
  a draft before it replaces anything.
- The file is replaced atomically: a temporary file in the same folder, then ``os.replace``.

The package-writing helpers (part lookup, a parser that keeps everything, serialisation, zip
copy) are :mod:`gongwen_lint.docx.writer`, shared with :mod:`gongwen_lint.output.annotate`.
"""

from __future__ import annotations

from .loop import MAX_ROUNDS, FixResult, Linter, fix_file, summary_line
from .plan import Edit, apply_to_text, plan

__all__ = ["MAX_ROUNDS", "Edit", "FixResult", "Linter", "apply_to_text", "fix_file", "plan", "summary_line"]
