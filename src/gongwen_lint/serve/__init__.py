"""``gongwen-lint serve``: the checking service (HTTP API for OA systems, a web page for drafters).

Modules, in the order a request meets them:

- :mod:`.cli` — the ``serve`` sub-command: options → :class:`.settings.Settings`, then uvicorn;
- :mod:`.limits` — an ASGI middleware: upload size (413) and upload time (408) limits;
- :mod:`.app` — the FastAPI application: lifespan (the worker pool), error handlers in Chinese,
  the page, its assets and the offline API docs;
- :mod:`.routes` — the ``/api/v1`` endpoints: options checked, the upload saved, a job run;
- :mod:`.uploads` — the private temporary folder of one upload and the names shown to the client;
- :mod:`.pool` — a bounded pool of worker processes with a per-job time limit;
- :mod:`.worker` — what runs in a worker: one :class:`~gongwen_lint.api.Linter` per configured
  index, built once, and the jobs (check, review, annotate, fix) done with the library's own
  functions — the JSON is the CLI's (:func:`gongwen_lint.output.json_format.render`).

Nothing here is imported by a plain ``gongwen-lint check``; FastAPI and uvicorn come with the
``serve`` extra (``pip install 'gongwen-lint[serve]'``).
"""
