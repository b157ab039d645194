"""The FastAPI application: the API router, the page and its assets, the offline API docs,
Chinese answers for every error, the worker pool's life cycle.

Assets (the page's, and Swagger UI's from the ``fastapi-offline`` package) are read into memory
at start-up and served from a fixed table: a request path never becomes a file path, and nothing
is fetched from a CDN — the page and ``/docs`` work on a machine with no network.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from .limits import LimitsMiddleware
from .pool import WorkerPool
from .routes import router
from .settings import Settings

log = logging.getLogger(__name__)

PAGE_ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
DOCS_ASSETS = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-ui.css": "text/css; charset=utf-8"}

#: The page loads only its own assets and talks only to this server.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

#: Chinese for the errors the framework raises itself (its details are English phrases).
FRAMEWORK_ERRORS = {
    400: "请求无法解析：请以 multipart/form-data 上传草稿，字段名为 file",
    404: "没有这个地址：接口见 /docs",
    405: "该地址不支持这种请求方法：接口见 /docs",
}


def _load_assets() -> tuple[dict[str, bytes], dict[str, bytes]]:
    static = files("gongwen_lint.serve").joinpath("static")
    page = {name: static.joinpath(name).read_bytes() for name in (*PAGE_ASSETS, "index.html")}
    docs: dict[str, bytes] = {}
    try:
        import fastapi_offline  # noqa: F401 - only its packaged Swagger UI files are used

        swagger = files("fastapi_offline").joinpath("static")
        docs = {name: swagger.joinpath(name).read_bytes() for name in DOCS_ASSETS}
    except (ImportError, OSError):
        log.warning("fastapi-offline is not installed: /docs is unavailable (openapi.json still is)")
    return page, docs


def create_app(settings: Settings, pool: WorkerPool | None = None) -> FastAPI:
    """The application; ``pool`` is started by the caller, or here at start-up when not given."""
    page, docs = _load_assets()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = app.state.pool is None
        if own:
            app.state.pool = WorkerPool(settings.config, settings.indexes, settings.workers,
                                        settings.queue, settings.job_timeout)
            await asyncio.to_thread(app.state.pool.start)
        try:
            yield
        finally:
            await asyncio.to_thread(app.state.pool.stop)

    app = FastAPI(
        title="gongwen-lint 公文草稿检查服务",
        version=__version__,
        description="检查党政机关公文草稿（.docx）：要素、格式、空话套话、重复发文。JSON 约定见 docs/json.md，部署见 docs/serve.md。",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.add_middleware(LimitsMiddleware, max_body_bytes=settings.max_upload_bytes, upload_timeout=settings.upload_timeout)
    app.include_router(router)
    _add_error_handlers(app)

    @app.get("/", include_in_schema=False)
    async def index_page() -> Response:
        return Response(page["index.html"], media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    @app.get("/static/{name}", include_in_schema=False)
    async def asset(name: str) -> Response:
        if name not in PAGE_ASSETS:
            raise StarletteHTTPException(404)
        return Response(page[name], media_type=PAGE_ASSETS[name], headers=PAGE_HEADERS)

    @app.get("/healthz", summary="健康检查：服务与检查进程是否可用", tags=["运维"])
    async def healthz(request: Request) -> JSONResponse:
        p: WorkerPool = request.app.state.pool
        ready = p.ready if p is not None else 0
        body = {"status": "ok" if ready else "unavailable", "version": __version__, "workers": ready,
                "busy": p.pending if p is not None else 0}
        return JSONResponse(body, status_code=200 if ready else 503)

    if docs:
        @app.get("/docs", include_in_schema=False)
        async def swagger(request: Request) -> HTMLResponse:
            root = request.scope.get("root_path", "")
            return get_swagger_ui_html(
                openapi_url=f"{root}{app.openapi_url}",
                title=f"{app.title} — 接口文档",
                swagger_js_url=f"{root}/docs-static/swagger-ui-bundle.js",
                swagger_css_url=f"{root}/docs-static/swagger-ui.css",
                swagger_favicon_url="data:,",
            )

        @app.get("/docs-static/{name}", include_in_schema=False)
        async def docs_asset(name: str) -> Response:
            if name not in DOCS_ASSETS:
                raise StarletteHTTPException(404)
            return Response(docs[name], media_type=DOCS_ASSETS[name], headers={"Cache-Control": "max-age=86400"})

    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        if not isinstance(detail, str) or detail == HTTPStatus(exc.status_code).phrase or detail.isascii():
            detail = FRAMEWORK_ERRORS.get(exc.status_code, f"请求无法处理（HTTP {exc.status_code}）")
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"detail": f"服务内部错误（{type(exc).__name__}）：请把此信息报告给维护者"}, status_code=500)


def _validation_message(exc: RequestValidationError) -> str:
    for error in exc.errors():
        loc = [str(x) for x in error.get("loc", ()) if x not in ("body", "query", "path")]
        field = loc[0] if loc else ""
        if field == "file":
            return "请求中没有上传的草稿：请以 multipart/form-data 上传，字段名为 file"
        if field:
            return f"请求参数 {field} 无效：请查看 /docs 中该接口的说明"
    return "请求无效：请查看 /docs 中该接口的说明"
