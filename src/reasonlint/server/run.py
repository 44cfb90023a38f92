"""Bind the socket and run uvicorn, in this process or over worker processes.

The socket is bound here, not by uvicorn, so that a port in use is one clear line and
exit code 2, and so that ``--port 0`` can print the port the system chose. Scoring is
CPU-bound: more throughput comes from more processes (``--workers``), each with its
own linter, all accepting on the one socket.
"""
from __future__ import annotations

import contextlib
import math
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any, Iterator

import uvicorn
from uvicorn.supervisors import Multiprocess

from ..lexicon import LexiconError, load
from .app import build_app, settings_for
from .options import ENV_VAR, ServeOptions

EXIT_OK, EXIT_ERROR = 0, 2
FACTORY = "reasonlint.server.app:app_from_env"
ACCESS_LOGGER = "reasonlint.server.access"

# uvicorn's own messages are English and its access log shows query strings (which
# may hold a reason): it speaks only at WARNING; the access log is the app's.
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s [%(process)d] %(message)s",
                             "datefmt": "%Y-%m-%dT%H:%M:%S"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                            "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "reasonlint.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


class _Supervisor(Multiprocess):
    """uvicorn's worker supervisor, closing its copy of the socket as it stops: else the
    kernel keeps queueing new connections there while the workers drain."""

    def terminate_all(self) -> None:
        for sock in self.sockets:
            sock.close()
        super().terminate_all()


class _Stop(Exception):
    """SIGTERM or SIGINT outside uvicorn's own handling (starting up, or re-raised after
    uvicorn drained): the server stops cleanly."""


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    def on_signal(signum: int, frame: Any) -> None:
        raise _Stop(signum)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    except _Stop:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def bind(host: str, port: int) -> socket.socket:
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = info[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if sock.family == socket.AF_INET6 else f"http://{host}:{port}"


def _say(message: str) -> None:
    print(f"reasonlint serve：{message}", file=sys.stderr, flush=True)


def serve(options: ServeOptions) -> int:
    """Run until SIGTERM or Ctrl+C; in-flight requests are finished first."""
    # Workers read the options from the environment (they are spawned, not forked).
    os.environ[ENV_VAR] = options.to_env()
    try:
        if options.workers == 1:
            app: Any = build_app(options)
        else:
            # Each worker builds its own linter; the parent, which only supervises,
            # reads the lexicons once so that a bad one is reported now, and once.
            app = FACTORY
            load(tuple(Path(p) for p in settings_for(options).config.extra_lexicons))
    except LexiconError as exc:
        _say(str(exc))
        return EXIT_ERROR
    try:
        sock = bind(options.host, options.port)
    except OSError as exc:
        _say(f"无法监听 {options.host}:{options.port}：{exc.strerror or exc}")
        return EXIT_ERROR
    config = uvicorn.Config(
        app, factory=options.workers > 1,
        workers=options.workers, lifespan="off", access_log=False, log_config=LOG_CONFIG,
        timeout_graceful_shutdown=math.ceil(options.timeout) + 5)
    _say(f"正在监听 {_url(sock)}（工作进程 {options.workers} 个）；按 Ctrl+C 停止")
    with sock, _stop_on_signals():
        if options.workers > 1:
            _Supervisor(config, sockets=[sock]).run()
        else:
            uvicorn.Server(config).run(sockets=[sock])
    _say("已停止")
    return EXIT_OK
