"""One error type for every bad request, and the JSON every response is written as.

Every error is ``{"error": {"status", "code", "message", ...}}`` with a Chinese
message and, where it helps, the ``field`` at fault or the ``limit`` passed; never a
stack trace.
"""
from __future__ import annotations

import json
from typing import Any, AsyncIterator, Mapping, Optional

from starlette.responses import Response

# The codes a client can branch on; the message is for people.
BAD_REQUEST = "bad_request"
UNAUTHORIZED = "unauthorized"
NOT_FOUND = "not_found"
METHOD_NOT_ALLOWED = "method_not_allowed"
TOO_LARGE = "too_large"
INVALID_FIELD = "invalid_field"
TIMEOUT = "timeout"
INTERNAL = "internal"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, field: Optional[str] = None,
                 limit: Optional[int] = None, headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.limit = limit
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        err: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.field is not None:
            err["field"] = self.field
        if self.limit is not None:
            err["limit"] = self.limit
        return {"error": err}

    def response(self) -> "JsonResponse":
        return JsonResponse(self.body(), status_code=self.status, headers=self.headers)


def invalid(field: str, message: str) -> ApiError:
    return ApiError(422, INVALID_FIELD, f"{field}：{message}", field=field)


_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
_encode_ascii = json.JSONEncoder(ensure_ascii=True, allow_nan=False).encode


class JsonResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        text = _encode(content)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate from a JSON "\ud800" escape: sent back escaped the same way.
            return _encode_ascii(content).encode("ascii")


async def read_body(stream: AsyncIterator[bytes], content_length: Optional[str], limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes."""
    too_large = ApiError(413, TOO_LARGE, f"请求体超过上限 {limit} 字节", limit=limit)
    if content_length is not None:
        try:
            declared = int(content_length)
        except ValueError:
            raise ApiError(400, BAD_REQUEST, "Content-Length 不是整数") from None
        if declared > limit:
            raise too_large
    chunks = []
    size = 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def decode_utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, BAD_REQUEST, f"请求体不是有效的 UTF-8（第 {exc.start} 字节）") from None


def parse_json(body: bytes) -> Any:
    text = decode_utf8(body)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(400, BAD_REQUEST, f"请求体不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列") from None
    except RecursionError:
        raise ApiError(400, BAD_REQUEST, "请求体的 JSON 嵌套过深") from None
