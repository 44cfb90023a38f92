"""The Starlette application: routes, limits, errors, token check and access log.

State lives in one :class:`Service` per application (per worker process): the linter,
the settings, the limits and the OpenAPI document. Short checks run in the event loop;
long texts and batches in worker threads, so that the loop keeps accepting and timing
requests; a process runs at most ``threads`` of those at once (scoring is CPU-bound,
more would only share the GIL).
"""
from __future__ import annotations

import hmac
import logging
import time
from importlib import resources
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..configfile import Settings, resolve
from ..linter import Linter
from . import languagetool as lt
from .errors import (BAD_REQUEST, INTERNAL, METHOD_NOT_ALLOWED, NOT_FOUND, TIMEOUT, UNAUTHORIZED, ApiError,
                     JsonResponse, parse_json, read_body)
from .fields import CheckRequest, Limits, parse_batch, parse_check
from .openapi import document
from .options import ServeOptions, read_tokens
from .v1 import CATALOGUE, Deadline, check_many, check_reason, find_rule, rule_detail, rule_summary

ACCESS = logging.getLogger("reasonlint.server.access")
PROTECTED = ("/v1/", "/v2/")
ASSETS = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "style.css": "text/css; charset=utf-8"}
# The page loads nothing but its own files: no CDN, which intranets often cannot reach.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
INLINE_CHARS = 1000   # about 1.5 ms of checking on the machine the README's figures come from
WARM_UP = "商家已于11月3日补发货，订单号20261103001，物流记录已附。"


def settings_for(options: ServeOptions) -> Settings:
    if options.config:
        return resolve(config_file=Path(options.config))
    return resolve(no_config=True)


def _assets() -> dict[str, bytes]:
    folder = resources.files("reasonlint.server") / "static"
    return {name: (folder / name).read_bytes() for name in ASSETS}


class Service:
    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        settings = settings_for(options)
        self.linter = Linter(settings.config)
        self.linter.check(WARM_UP)    # load the segmenter's first groups before any request
        self.default_mode = settings.mode or "reason"
        self.limits = Limits(options.max_text_length, options.max_batch, tuple(sorted(self.linter.profiles)))
        self.openapi = document(self.limits, secured=bool(options.tokens))
        self.assets = _assets()
        self._limiter: Optional[anyio.CapacityLimiter] = None

    async def run(self, fn: Callable[[], Any], chars: Optional[int] = None) -> Any:
        """``fn()`` for a text of ``chars`` characters, or for a batch (``None``).

        A short text is checked right here in the event loop: it takes well under a
        couple of milliseconds, and handing it to a thread and back costs a fifth of the
        CPU a request needs. Longer work goes to a thread, where the request's time
        limit can abandon it.
        """
        if chars is not None and chars <= INLINE_CHARS:
            return fn()
        if self._limiter is None:   # made inside the event loop, as anyio needs
            self._limiter = anyio.CapacityLimiter(self.options.threads)
        return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True, limiter=self._limiter)

    async def body(self, request: Request) -> bytes:
        return await read_body(request.stream(), request.headers.get("content-length"),
                               self.options.max_body_bytes)

    # --- endpoints -------------------------------------------------------------------

    async def check(self, request: Request) -> Response:
        req = parse_check(parse_json(await self.body(request)), self.limits)
        chars = len(req.text) + len(req.complaint or "")
        data = await self.run(lambda: check_reason(self.linter, req, self.default_mode), chars)
        return JsonResponse(data)

    async def batch(self, request: Request) -> Response:
        reqs = parse_batch(parse_json(await self.body(request)), self.limits)
        deadline = request.scope["reasonlint.deadline"]
        data = await self.run(lambda: check_many(self.linter, reqs, self.default_mode, deadline))
        return JsonResponse(data)

    async def lt_check(self, request: Request) -> Response:
        form = lt.parse_form(await self.body(request), request.headers.get("content-type", ""),
                             request.url.query)
        req = lt.parse_request(form, self.limits.max_text_length)

        def work() -> dict[str, Any]:
            reason = check_reason(self.linter, CheckRequest(req.text.plain), self.default_mode)
            return lt.response(reason, req)

        return JsonResponse(await self.run(work, len(req.text.plain)))

    async def lt_languages(self, request: Request) -> Response:
        return JsonResponse(lt.LANGUAGES)

    async def rules(self, request: Request) -> Response:
        return JsonResponse([rule_summary(r) for r in CATALOGUE])

    async def rule(self, request: Request) -> Response:
        rule = find_rule(request.path_params["code"])
        if rule is None:
            raise ApiError(404, NOT_FOUND, "没有这条规则（规则目录见 /v1/rules）")
        return JsonResponse(rule_detail(rule))

    async def health(self, request: Request) -> Response:
        return JsonResponse({"status": "ok", "version": __version__})

    async def openapi_json(self, request: Request) -> Response:
        return JsonResponse(self.openapi)

    async def page(self, request: Request) -> Response:
        return self._asset("index.html")

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS or name == "index.html":
            raise ApiError(404, NOT_FOUND, "没有这个文件")
        return self._asset(name)

    def _asset(self, name: str) -> Response:
        return Response(self.assets[name], media_type=ASSETS[name], headers=PAGE_HEADERS)


def _bounded(service: Service, handler: Callable[[Request], Awaitable[Response]]
             ) -> Callable[[Request], Awaitable[Response]]:
    """Each request, reading its body included, gets ``timeout`` seconds, then 503."""
    timeout = service.options.timeout

    async def endpoint(request: Request) -> Response:
        request.scope["reasonlint.deadline"] = time.monotonic() + timeout
        try:
            with anyio.fail_after(timeout):
                return await handler(request)
        except (TimeoutError, Deadline):
            raise ApiError(503, TIMEOUT, f"处理超过 {timeout:g} 秒，已放弃") from None
    return endpoint


class Cors(CORSMiddleware):
    """Starlette's CORS, with a refused preflight answered in JSON like every other error."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        headers = {k: v for k, v in response.headers.items() if k.lower().startswith("access-control-")}
        return ApiError(400, BAD_REQUEST, "跨域预检未通过：来源、方法或请求头不在允许之列（--allow-origin）",
                        headers=headers).response()


class TokenAuth:
    """``/v1`` and ``/v2`` need ``Authorization: Bearer <token>`` when tokens are set."""

    def __init__(self, app: ASGIApp, tokens: tuple[str, ...]) -> None:
        self.app = app
        self.tokens = [t.encode() for t in tokens]

    def _allowed(self, scope: Scope) -> bool:
        header = dict(scope["headers"]).get(b"authorization", b"")
        scheme, _, token = header.partition(b" ")
        if scheme.lower() != b"bearer":
            return False
        # Every token compared, in constant time each: no hint of which one nearly matched.
        return sum(hmac.compare_digest(token.strip(), t) for t in self.tokens) > 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] != "OPTIONS"
                and scope["path"].startswith(PROTECTED) and not self._allowed(scope)):
            err = ApiError(401, UNAUTHORIZED, "需要令牌：请求头 Authorization: Bearer <令牌>",
                           headers={"WWW-Authenticate": 'Bearer realm="reasonlint"'})
            await err.response()(scope, receive, send)
            return
        await self.app(scope, receive, send)


class AccessLog:
    """One line per request: client, method, path, status, size, time.

    Never the query string or the body: a reason holds names, order numbers and
    phone numbers, and the log outlives the request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        size = 0

        async def logged_send(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, logged_send)
        finally:
            client = scope.get("client")
            peer = f"{client[0]}:{client[1]}" if client else "-"
            # raw_path is percent-encoded ASCII: nothing in it can break the line.
            path = scope.get("raw_path", b"").decode("latin-1") or "-"
            ACCESS.info('%s "%s %s" %d %dB %.1fms', peer, scope["method"], path, status, size,
                        (time.perf_counter() - start) * 1000)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        err = ApiError(404, NOT_FOUND, "没有这个接口（接口列表见 /openapi.json）")
    elif exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        err = ApiError(405, METHOD_NOT_ALLOWED, f"不支持 {request.method} 方法；可用：{allowed}",
                       headers=exc.headers)
    else:
        err = ApiError(exc.status_code, BAD_REQUEST, "请求无效", headers=exc.headers)
    return err.response()


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _internal_error(request: Request, exc: Exception) -> Response:
    # The traceback goes to the server's log (uvicorn logs it); the client gets one line.
    return ApiError(500, INTERNAL, "服务内部错误，已记录在服务日志中").response()


def build_app(options: ServeOptions) -> Starlette:
    service = Service(options)

    def route(path: str, handler: Callable[[Request], Awaitable[Response]], method: str) -> Route:
        return Route(path, _bounded(service, handler), methods=[method])

    routes = [
        route("/v1/check", service.check, "POST"),
        route("/v1/check/batch", service.batch, "POST"),
        route("/v1/rules", service.rules, "GET"),
        route("/v1/rules/{code}", service.rule, "GET"),
        route("/v2/check", service.lt_check, "POST"),
        route("/v2/languages", service.lt_languages, "GET"),
        route("/healthz", service.health, "GET"),
        route("/openapi.json", service.openapi_json, "GET"),
        route("/", service.page, "GET"),
        route("/static/{name}", service.static, "GET"),
    ]
    middleware = [Middleware(AccessLog)]
    if options.allow_origins:
        middleware.append(Middleware(
            Cors, allow_origins=list(options.allow_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"], max_age=600))
    if options.tokens:
        middleware.append(Middleware(TokenAuth, tokens=options.tokens))
    return Starlette(routes=routes, middleware=middleware, exception_handlers={
        HTTPException: _http_error, ApiError: _api_error, Exception: _internal_error})


def app_from_env() -> Starlette:
    """The factory uvicorn's worker processes call (``--workers`` > 1)."""
    options = ServeOptions.from_env()
    if options.token_file:
        options = ServeOptions(**{**options.__dict__, "tokens": read_tokens(options.token_file)})
    return build_app(options)
