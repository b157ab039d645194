"""The service's settings: one frozen record built by the ``serve`` command, read everywhere else.

Safe by default: loopback only, a 20 MB upload limit, a minute to upload and a minute to check.
The record is sent to the worker processes, so it holds only plain values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .. import recache
from ..config import Config

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_MB = 20.0
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_UPLOAD_TIMEOUT_S = 60.0
DEFAULT_QUEUE = 64
MAX_DEFAULT_WORKERS = 4
TOKEN_ENV = "GONGWEN_LINT_TOKEN"

#: ``--index 名称=地址``: a name is letters, digits, ``_`` and ``-`` (Chinese letters included);
#: anything else before the first ``=`` (``postgresql://…?sslmode=require``) is part of a path.
_NAMED_INDEX_RE = recache.compile(r"^([\w-]+)=(.+)$")
DEFAULT_INDEX_NAME = "default"


def default_workers() -> int:
    """One worker per core, at most :data:`MAX_DEFAULT_WORKERS` (each holds its own NLP pipeline)."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


def parse_indexes(values: tuple[str, ...] | list[str], configured: str | None = None) -> dict[str, str]:
    """``--index`` values → ``{name: path or URL}``; the first is the default for requests.

    A value without a name is called ``default``.  With no ``--index``, the configuration
    file's ``index`` (if any) is the default index, as it is for ``gongwen-lint check``.
    Raises ``ValueError`` with a Chinese message for a duplicate name.
    """
    out: dict[str, str] = {}
    for v in values:
        m = _NAMED_INDEX_RE.match(v)
        name, url = (m.group(1), m.group(2)) if m else (DEFAULT_INDEX_NAME, v)
        if name in out:
            raise ValueError(f"--index 中的索引名“{name}”重复：多个索引请写成 名称=地址，名称各不相同")
        out[name] = url
    if not out and configured:
        out[DEFAULT_INDEX_NAME] = configured
    return out


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = field(default_factory=default_workers)
    queue: int = DEFAULT_QUEUE  # requests that may wait for a worker beyond those running
    max_upload_bytes: int = int(DEFAULT_MAX_UPLOAD_MB * 1024 * 1024)
    upload_timeout: float = DEFAULT_UPLOAD_TIMEOUT_S  # to receive one request body
    job_timeout: float = DEFAULT_TIMEOUT_S  # to check one draft (the worker is replaced after)
    token: str | None = None  # bearer token for /api/; None: no authentication
    indexes: dict[str, str] = field(default_factory=dict)  # name -> path or URL; first = default
    config: Config = field(default_factory=Config)  # the configuration every request starts from
    root_path: str = ""  # the prefix nginx serves us under, e.g. "/gongwen"

    @property
    def default_index(self) -> str | None:
        return next(iter(self.indexes), None)

    @property
    def max_upload_mb(self) -> float:
        return self.max_upload_bytes / (1024 * 1024)

    @property
    def is_loopback(self) -> bool:
        return self.host in ("127.0.0.1", "::1", "localhost") or self.host.startswith("127.")
