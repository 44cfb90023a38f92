"""What ``reasonlint serve`` was started with: passed to each worker process.

uvicorn starts extra workers with ``spawn``, so they import the application fresh;
the options reach them as JSON in an environment variable, the one channel a spawned
process inherits without pickling.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from typing import Optional

from ..errors import ReasonlintError

ENV_VAR = "REASONLINT_SERVE_OPTIONS"


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    config: Optional[str] = None          # the configuration file found or given; None: none
    allow_origins: tuple[str, ...] = ()   # CORS; empty: no CORS headers at all
    max_text_length: int = 5000           # characters (code points) per reason
    max_batch: int = 100                  # items per /v1/check/batch request
    max_body_bytes: int = 1 << 20
    timeout: float = 10.0                 # seconds per request, reading the body included
    token_file: Optional[str] = None
    threads: int = 4                      # checks running at once per worker
    tokens: tuple[str, ...] = field(default=(), repr=False)   # read from token_file

    def to_env(self) -> str:
        data = asdict(self)
        data.pop("tokens")    # each worker reads the file itself: no secret in the environment
        return json.dumps(data)

    @classmethod
    def from_env(cls, environ: Optional[dict[str, str]] = None) -> "ServeOptions":
        raw = (os.environ if environ is None else environ).get(ENV_VAR)
        if not raw:
            return cls()
        data = json.loads(raw)
        data["allow_origins"] = tuple(data.get("allow_origins", ()))
        return cls(**data)


class TokenFileError(ReasonlintError):
    """The token file cannot be read or holds no token; the message is for the user."""


def read_tokens(path: str) -> tuple[str, ...]:
    """One token per line; blank lines and ``#`` comments are skipped."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise TokenFileError(f"{path}: 无法读取令牌文件：{reason}") from None
    tokens = tuple(t for t in (line.strip() for line in lines) if t and not t.startswith("#"))
    if not tokens:
        raise TokenFileError(f"{path}: 令牌文件里没有令牌（每行一个）")
    if any(len(t) < 16 for t in tokens):
        raise TokenFileError(f"{path}: 令牌太短，至少需要 16 个字符")
    if any(not t.isascii() or not t.isprintable() or " " in t for t in tokens):
        raise TokenFileError(f"{path}: 令牌只能由可打印的 ASCII 字符组成，不能有空格")
    return tokens
