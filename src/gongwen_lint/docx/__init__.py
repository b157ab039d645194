"""Reading .docx drafts into the model (docs/developing.md).

- :mod:`.package` — opening the zip safely, telling bad input apart (Chinese :class:`ReadError`).
- :mod:`.walk` — the one walk over a part: paragraph numbers and text offsets, shared with writers.
- :mod:`.styles`, :mod:`.props`, :mod:`.numbering` — effective formatting and automatic-numbering labels.
- :mod:`.reader` — :func:`read_docx_file`, which puts it together.
"""
