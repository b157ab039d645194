"""``gongwen-lint serve``: start the checking service (registered lazily by :mod:`gongwen_lint.cli`).

Everything that can go wrong before the first request — the extra not installed, a bad
configuration file, an index that cannot be opened, a worker that cannot start — ends in a
Chinese message and exit code 2, before the port is opened.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import click

from .. import recache
from . import settings as defaults


def _fail(message: str) -> None:
    click.echo(f"gongwen-lint：{message}", err=True)
    sys.exit(2)


#: RFC 6750 ``b64token``: what a client can send in ``Authorization: Bearer …``.
_TOKEN_RE = recache.compile(r"^[A-Za-z0-9\-._~+/]+=*$")


def _read_token(token_file: str | None) -> str | None:
    """The token from ``--token-file`` or the environment (never from the command line, where
    every user of the machine could read it in the process list)."""
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            _fail(f"无法读取访问令牌文件 {token_file}：{getattr(e, 'strerror', None) or e}")
            return None
        where = f"访问令牌文件 {token_file}"
    else:
        token = os.environ.get(defaults.TOKEN_ENV, "").strip()
        where = f"环境变量 {defaults.TOKEN_ENV}"
        if not token:
            return None
    if not token:
        _fail(f"{where} 是空的")
    if not _TOKEN_RE.match(token):
        _fail(f"{where} 中的访问令牌只能由字母、数字和 - . _ ~ + / 组成")
    return token


@click.command("serve")
@click.option("--host", default=defaults.DEFAULT_HOST, show_default=True,
              help="监听地址；默认只接受本机连接，对外服务请放在 nginx 之后（见 docs/serve.md）")
@click.option("--port", default=defaults.DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535),
              help="端口（0 为任选一个空闲端口）")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help=f"检查进程数（默认为 CPU 核数，至多 {defaults.MAX_DEFAULT_WORKERS}）")
@click.option("--queue", type=click.IntRange(0, 100000), default=defaults.DEFAULT_QUEUE, show_default=True,
              help="检查进程都忙时最多排队的请求数，再多则答 503")
@click.option("--max-upload-mb", type=click.FloatRange(0.001, 1024), default=defaults.DEFAULT_MAX_UPLOAD_MB,
              show_default=True, help="上传大小上限（MB），超过答 413")
@click.option("--timeout", type=click.FloatRange(0.01, 3600), default=defaults.DEFAULT_TIMEOUT_S, show_default=True,
              help="检查一份草稿的时限（秒），超过答 504")
@click.option("--upload-timeout", type=click.FloatRange(0.1, 3600), default=defaults.DEFAULT_UPLOAD_TIMEOUT_S,
              show_default=True, help="接收一次上传的时限（秒），超过答 408")
@click.option("--index", "indexes", multiple=True,
              help="参考索引（SQLite 文件或 postgresql:// 地址），启用重复发文检查；多个索引写成 名称=地址，接口用 index=名称 选择")
@click.option("--config", "config_path", type=click.Path(), help="配置文件（默认与 check 一样自动查找）")
@click.option("--token-file", type=click.Path(), help=f"访问令牌文件；设置后 /api/ 下的接口需带 Authorization: Bearer 令牌（也可用环境变量 {defaults.TOKEN_ENV}）")
@click.option("--root-path", default="", help="在 nginx 的子路径下提供服务时的路径前缀，例如 /gongwen")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True, help="日志级别")
def serve_command(host, port, workers, queue, max_upload_mb, timeout, upload_timeout, indexes, config_path,
                  token_file, root_path, log_level):
    """启动检查服务：供 OA 系统调用的 HTTP 接口（/api/v1，文档见 /docs）和供拟稿人使用的网页（/）。

    \b
    gongwen-lint serve                          在 http://127.0.0.1:8000/ 启动
    gongwen-lint serve --index 参考.sqlite       同时检查重复发文
    GONGWEN_LINT_TOKEN=… gongwen-lint serve --host 0.0.0.0    对外服务时设访问令牌
    """
    from importlib.util import find_spec

    # python-multipart (uploads) is importable as python_multipart, or as multipart before 0.0.13.
    if not (find_spec("fastapi") and find_spec("uvicorn") and (find_spec("python_multipart") or find_spec("multipart"))):
        _fail("启动检查服务需要安装 serve 扩展：pip install 'gongwen-lint[serve]'")
        return
    import uvicorn

    from ..cli import _load_config
    from ..config import ConfigError
    from .app import create_app
    from .pool import PoolError, WorkerPool

    try:
        config = _load_config(config_path)
    except ConfigError as e:
        _fail(str(e))
        return
    try:
        named = defaults.parse_indexes(indexes, config.index)
    except ValueError as e:
        _fail(str(e))
        return
    if named:
        from ..index.backends import check_index_url

        for name, url in named.items():
            problem = check_index_url(url)
            if problem:
                _fail(f"参考索引{'' if name == defaults.DEFAULT_INDEX_NAME else f'“{name}”'}无法使用：{problem}")
    settings = defaults.Settings(
        host=host, port=port, workers=workers or defaults.default_workers(), queue=queue,
        max_upload_bytes=int(max_upload_mb * 1024 * 1024), upload_timeout=upload_timeout, job_timeout=timeout,
        token=_read_token(token_file), indexes=named, config=config, root_path=root_path.rstrip("/"),
    )
    if not settings.is_loopback and settings.token is None:
        click.echo(f"gongwen-lint：注意：正在监听 {host}，其他机器也能访问，且未设置访问令牌"
                   f"（--token-file 或环境变量 {defaults.TOKEN_ENV}）", err=True)

    sock = _bind(host, port)  # before the workers start: a port in use is said at once
    port = sock.getsockname()[1]
    click.echo(f"gongwen-lint：正在启动 {settings.workers} 个检查进程……", err=True)
    pool = WorkerPool(config, named, settings.workers, settings.queue, settings.job_timeout)
    try:
        pool.start()
    except PoolError as e:
        sock.close()
        _fail(str(e))
        return
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    click.echo(f"gongwen-lint：检查服务已就绪：网页 {where}，接口文档 {where}docs"
               + (f"，参考索引 {'、'.join(named)}" if named else "")
               + (f"（经 nginx 访问时路径前缀为 {settings.root_path}）" if settings.root_path else ""), err=True)
    server = uvicorn.Server(uvicorn.Config(
        create_app(settings, pool),
        log_level=log_level,
        root_path=settings.root_path,  # the prefix nginx strips (docs and openapi.json links carry it)
        timeout_keep_alive=5,
        limit_concurrency=settings.workers + settings.queue + 64,  # beyond it: 503 before parsing
        server_header=False,
        proxy_headers=True,  # X-Forwarded-* from nginx on this machine (forwarded_allow_ips 127.0.0.1)
    ))
    server.run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        _fail(f"无法解析监听地址 {host}")
        raise
    family, kind, proto, _, address = infos[0]
    # proto must say TCP: asyncio sets TCP_NODELAY only on sockets that do, and without it every
    # keep-alive answer waits 40 ms for the client's delayed ACK (headers and body are two writes).
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as e:
        sock.close()
        _fail(f"无法监听 {host}:{port}（{e.strerror or e}）：端口可能已被占用，请用 --port 换一个")
        raise
    return sock
