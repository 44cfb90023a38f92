"""The ``reasonlint serve`` command. The command line registers it; everything else,
the server stack above all, is imported only when it runs, so ``reasonlint check``
pays for nothing but these option declarations."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..cli.app import Command, IntRange
from ..errors import UsageError

SERVER_STACK = ("starlette", "uvicorn", "anyio", "h11")   # what the `server` extra installs
INSTALL_HINT = "reasonlint serve 需要安装服务端依赖：pip install 'reasonlint[server]'"


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只接受本机连接，对外提供服务请写 0.0.0.0 并配合 --token-file。")
@click.option("--port", type=IntRange(0, 65535), default=8080, show_default=True,
              help="端口（0：由系统分配，启动时打印）。")
@click.option("--workers", type=IntRange(1, 64), default=1, show_default=True,
              help="工作进程数。检查是纯 CPU 计算，要更高吞吐请增加进程，一般等于 CPU 核数。")
@click.option("--config", type=click.Path(dir_okay=False), help="使用这个配置文件（默认向上查找）。")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="允许跨域调用的来源（如 https://kf.example.com，* 为任意），可重复；不给则不发送 CORS 头。")
@click.option("--max-text-length", type=IntRange(1), default=5000, show_default=True,
              help="一条理由最多的字符数，超过返回 413。")
@click.option("--max-batch", type=IntRange(1), default=100, show_default=True,
              help="/v1/check/batch 一次最多的条数。")
@click.option("--max-body-size", "max_body_bytes", type=IntRange(1), default=1 << 20, show_default=True,
              help="请求体最多的字节数，超过返回 413。")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=10.0, show_default=True,
              help="每个请求最长的处理秒数（含读取请求体），超过返回 503。")
@click.option("--token-file", type=click.Path(dir_okay=False),
              help="令牌文件（每行一个）；给出后 /v1 和 /v2 的请求必须带 Authorization: Bearer 令牌。")
def serve(host: str, port: int, workers: int, config: Optional[str], allow_origins: tuple[str, ...],
          max_text_length: int, max_batch: int, max_body_bytes: int, timeout: float,
          token_file: Optional[str]) -> int:
    """启动 HTTP 服务：检查接口、LanguageTool 兼容接口和在线试用页面。"""
    from ..configfile import resolve
    from .options import ServeOptions, read_tokens

    # A bad configuration or token file is one line and exit 2 (main reports it).
    settings = resolve(config_file=Path(config) if config else None)
    tokens = read_tokens(token_file) if token_file else ()
    options = ServeOptions(
        host=host, port=port, workers=workers,
        config=str(settings.path.resolve()) if settings.path else None,
        allow_origins=allow_origins, max_text_length=max_text_length, max_batch=max_batch,
        max_body_bytes=max_body_bytes, timeout=timeout,
        token_file=str(Path(token_file).resolve()) if token_file else None, tokens=tokens)
    try:
        from .run import serve as run_server
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in SERVER_STACK:
            raise UsageError(INSTALL_HINT) from None
        raise
    return run_server(options)
