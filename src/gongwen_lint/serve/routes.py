"""The ``/api/v1`` endpoints: check the options, save the upload privately, run a job, answer.

Options mean what they mean on the command line (``--select``, ``--ignore``, ``--extend-select``;
comma-separated or repeated), validated by the same function (:func:`~gongwen_lint.config.check_selectors`).
``index`` names one of the indexes the server was started with (``serve --index 名称=地址``):
a client never names a path on the server.
"""

from __future__ import annotations

import hmac
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..config import ConfigError, check_selectors
from .pool import Busy, JobTimeout, PoolError, WorkerLost, WorkerPool
from .settings import Settings
from .uploads import Upload, content_disposition, copy_name, display_name
from .worker import DOCX_SUFFIXES, Job, Outcome

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_bearer = HTTPBearer(auto_error=False, description="serve 启动时设置了访问令牌时才需要")


def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    token = _settings(request).token
    if token is None:
        return
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, detail="需要正确的访问令牌：请在请求头中加上 Authorization: Bearer 令牌",
                            headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_token)], tags=["检查"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "缺少或错误的访问令牌（仅在设置了令牌时）"},
    408: {"description": "上传超时"},
    413: {"description": "上传的文件超过大小上限"},
    422: {"description": "文件无法读取（与命令行相同的中文说明），或选项无效"},
    503: {"description": "服务繁忙（检查进程都在工作且排队已满），请稍后重试"},
    504: {"description": "检查超时"},
    507: {"description": "服务器无法保存上传的文件（如磁盘已满）"},
}

FileField = Annotated[UploadFile, File(description="草稿：.docx（也可 .txt、.md）")]
SelectField = Annotated[list[str] | None, Form(description="只启用这些规则（代码、前缀或名称，逗号分隔；ALL 为全部），同 --select")]
IgnoreField = Annotated[list[str] | None, Form(description="停用这些规则，同 --ignore")]
ExtendField = Annotated[list[str] | None, Form(description="在默认规则之外再启用这些规则，同 --extend-select")]
IndexField = Annotated[str | None, Form(description="参考索引的名称（serve --index 名称=地址 配置的）；不填则用第一个配置的索引")]


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(s.strip() for v in values or () for s in v.split(",") if s.strip())


def _job(kind: str, upload: Upload, settings: Settings, select, ignore, extend_select, index,
         output: str | None = None, unsafe: bool = False) -> Job:
    chosen = {"select": _split(select), "ignore": _split(ignore), "extend_select": _split(extend_select)}
    try:
        for key, value in chosen.items():
            check_selectors(value, key)
    except ConfigError as e:
        raise HTTPException(422, detail=str(e)) from None
    if index:
        if index not in settings.indexes:
            known = "、".join(settings.indexes) or "无"
            raise HTTPException(422, detail=f"没有名为“{index}”的参考索引：本服务配置的索引为 {known}")
    else:
        index = settings.default_index
    return Job(kind, str(upload.path), upload.name, index=index, output=output, unsafe=unsafe, **chosen)


async def _run(request: Request, kind: str, file: UploadFile, select, ignore, extend_select, index,
               copy_label: str | None = None, unsafe: bool = False) -> Outcome:
    settings = _settings(request)
    pool: WorkerPool = request.app.state.pool
    try:
        upload = Upload(file.filename)
    except OSError as e:
        raise HTTPException(507, detail=f"服务器无法保存上传的文件（{e.strerror or e}）") from None
    try:
        output = str(upload.output(copy_label)) if copy_label else None
        job = _job(kind, upload, settings, select, ignore, extend_select, index, output, unsafe)
        await run_in_threadpool(upload.write, file.file)
    except OSError as e:
        upload.close()
        raise HTTPException(507, detail=f"服务器无法保存上传的文件（{e.strerror or e}）") from None
    except BaseException:
        upload.close()
        raise
    try:
        return await pool.run(job, upload.close)
    except Busy:
        raise HTTPException(503, detail="服务繁忙：正在检查的草稿太多，请稍后重试", headers={"Retry-After": "5"}) from None
    except JobTimeout:
        raise HTTPException(504, detail=f"检查超时：{settings.job_timeout:g} 秒内未能检查完这份草稿；"
                                        "请把文件报告给维护者，或拆分后再检查") from None
    except WorkerLost:
        raise HTTPException(422, detail="检查这份草稿时检查进程意外退出：文件可能过于庞大或已损坏；"
                                        "请在 Word/WPS 中打开后另存为 .docx 再检查") from None
    except PoolError as e:
        raise HTTPException(503, detail=f"检查进程不可用：{e}", headers={"Retry-After": "10"}) from None


def _answer(outcome: Outcome, download_name: str | None = None) -> Response:
    if outcome.status != 200:
        return JSONResponse({"detail": outcome.detail}, status_code=outcome.status)
    if outcome.data is not None:
        assert download_name is not None
        docx = download_name.lower().endswith(DOCX_SUFFIXES)
        headers = {"Content-Disposition": content_disposition(download_name), **outcome.headers}
        return Response(outcome.data, media_type=DOCX_MEDIA_TYPE if docx else "application/octet-stream", headers=headers)
    return Response(outcome.body, media_type="application/json")


@router.post("/check", summary="检查草稿，返回与命令行 --format json 相同的 JSON", responses=_ERRORS)
async def check(request: Request, file: FileField, select: SelectField = None, ignore: IgnoreField = None,
                extend_select: ExtendField = None, index: IndexField = None) -> Response:
    """返回 `gongwen-lint check 草稿 --format json` 的 JSON（约定见 docs/json.md），`files[0].path` 为上传的文件名。"""
    return _answer(await _run(request, "check", file, select, ignore, extend_select, index))


@router.post("/review", summary="网页用：检查结果、识别出的结构和中文标签，一次返回", responses=_ERRORS)
async def review(request: Request, file: FileField, select: SelectField = None, ignore: IgnoreField = None,
                 extend_select: ExtendField = None, index: IndexField = None) -> Response:
    """`{"check": 与 /check 相同的 JSON, "inspect": 与 gongwen-lint inspect --format json 相同, "labels": {...}}`。"""
    return _answer(await _run(request, "review", file, select, ignore, extend_select, index))


@router.post("/annotate", summary="返回带批注的副本（.docx）：每个问题一条 Word 批注", responses=_ERRORS)
async def annotate(request: Request, file: FileField, select: SelectField = None, ignore: IgnoreField = None,
                   extend_select: ExtendField = None, index: IndexField = None) -> Response:
    """同 `gongwen-lint check 草稿.docx --annotate 副本.docx`。响应头 `X-Gongwen-Lint-Comments` 为批注条数。"""
    outcome = await _run(request, "annotate", file, select, ignore, extend_select, index, copy_label="批注稿")
    return _answer(outcome, copy_name(display_name(file.filename), "批注稿"))


@router.post("/fix", summary="返回自动修复后的副本（只改文字，保留格式）", responses=_ERRORS)
async def fix(request: Request, file: FileField, select: SelectField = None, ignore: IgnoreField = None,
              extend_select: ExtendField = None, index: IndexField = None,
              unsafe: Annotated[bool, Form(description="同时应用可能改变格式的修复，同 --unsafe-fixes")] = False) -> Response:
    """同 `gongwen-lint check 草稿 --fix-to 副本`。响应头 `X-Gongwen-Lint-Fixes` 为已修复处数，
    `X-Gongwen-Lint-Unsafe-Skipped` 为未应用的可能改变格式的修复数，`X-Gongwen-Lint-Remaining` 为修复后仍有的问题数。"""
    outcome = await _run(request, "fix", file, select, ignore, extend_select, index, copy_label="修改稿", unsafe=unsafe)
    return _answer(outcome, copy_name(display_name(file.filename), "修改稿"))


@lru_cache(maxsize=1)
def rule_list() -> list[dict[str, Any]]:
    from ..output.rules_format import render_rule
    from ..rules.registry import all_rules

    return [
        {
            "code": r.code,
            "name": r.name,
            "title": r.title,
            "severity": r.severity.value,
            "source": r.source,
            "default": r.default,
            "fixable": r.fixable,
            "options": r.options,
            "explanation": render_rule(r),  # what `gongwen-lint rule CODE` prints
        }
        for r in all_rules()
    ]


@router.get("/rules", tags=["规则"], summary="规则目录，每条附 gongwen-lint rule CODE 的说明")
async def rules() -> list[dict[str, Any]]:
    return rule_list()


@router.get("/rules/{code}", tags=["规则"], summary="一条规则（代码或名称）", responses={404: {"description": "没有这条规则"}})
async def one_rule(code: str) -> dict[str, Any]:
    from ..rules.registry import get_rule

    r = get_rule(code)
    if r is None:
        raise HTTPException(404, detail=f"没有规则“{code}”：请用 /api/v1/rules 查看规则目录")
    return next(x for x in rule_list() if x["code"] == r.code)
