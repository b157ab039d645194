"""Request limits, enforced before the application reads a byte: body size and upload time.

A pure ASGI middleware, so the limits hold whatever parses the body later (FastAPI turns any
exception raised while it reads a form into its own 400; we therefore do not raise but remember
the breach and answer in its place):

- a ``Content-Length`` above the limit is answered 413 before the application sees the body;
- a body without one (chunked) is counted as it arrives and cut off at the limit;
- a refused body is read and dropped (up to a bound) before the 413 goes out — see :meth:`_drain`;
- the whole body must arrive within ``upload_timeout`` seconds (a slow client holds no worker
  and no file for longer), else 408.

The answers are JSON ``{"detail": "中文说明"}`` like every other error of the service.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypedDict

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DRAIN_MIN_BYTES = 64 * 1024 * 1024


def too_large_message(limit_bytes: int) -> str:
    mb = limit_bytes / (1024 * 1024)
    shown = f"{mb:.0f}" if mb >= 1 and mb == int(mb) else f"{mb:.2g}"
    return f"上传的文件太大：上限为 {shown} MB。请删去草稿中的大图片，或把附件另行处理后再检查"


def too_slow_message(seconds: float) -> str:
    return f"上传超时：{seconds:g} 秒内未收到完整的文件，请检查网络后重试"


async def send_error(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *(headers or []),
        ],
    })
    await send({"type": "http.response.body", "body": body})


class _Upload(TypedDict):
    """One request's upload, as the receive and send wrappers see it."""

    received: int  # body bytes so far
    done: bool  # the whole body is in
    breach: tuple[int, str] | None  # (status, message) once a limit is broken
    started: bool  # the app has begun its answer


class _Breach(Exception):
    pass


class LimitsMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, upload_timeout: float):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.upload_timeout = upload_timeout
        self.drain_limit = max(4 * max_body_bytes, DRAIN_MIN_BYTES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = time.monotonic() + self.upload_timeout
        length = _content_length(scope)
        if length is not None and length > self.max_body_bytes:
            if length <= self.drain_limit and not _expects_continue(scope):
                await self._drain(receive, deadline)
            await send_error(send, 413, too_large_message(self.max_body_bytes))
            return

        state: _Upload = {"received": 0, "done": False, "breach": None, "started": False}

        async def limited_receive() -> Message:
            if state["done"]:  # the body is in: later receives wait for a disconnect, unbounded
                return await receive()
            if state["breach"] is not None:
                raise _Breach()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                state["breach"] = (408, too_slow_message(self.upload_timeout))
                raise _Breach() from None
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_body_bytes:
                    state["breach"] = (413, too_large_message(self.max_body_bytes))
                    raise _Breach()
                if not message.get("more_body", False):
                    state["done"] = True
            return message

        async def guarded_send(message: Message) -> None:
            if state["breach"] is not None:
                return  # the app's answer to a body we cut off is replaced by ours
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _Breach:
            pass
        if state["breach"] is not None and not state["started"]:
            status, detail = state["breach"]
            if status == 413:
                await self._drain(receive, deadline)
            await send_error(send, status, detail)

    async def _drain(self, receive: Receive, deadline: float) -> None:
        """Read and drop the rest of a refused body (at most :attr:`drain_limit` bytes, within
        the upload deadline), so the client reads our 413 instead of a reset connection: a
        server that closes with unread data in its socket makes TCP discard what it sent.  A
        client that asked ``Expect: 100-continue`` has sent nothing and needs no draining."""
        drained = 0
        while drained <= self.drain_limit:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                return
            if message["type"] != "http.request" or not message.get("more_body", False):
                return
            drained += len(message.get("body", b""))


def _expects_continue(scope: Scope) -> bool:
    return any(k == b"expect" and v.lower() == b"100-continue" for k, v in scope.get("headers", ()))


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", ()):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
