"""Bind the socket and run uvicorn, in this process or over worker processes.

The sockets are bound here, not by uvicorn, so that a port in use is one clear line and
exit code 2, and so that ``--port 0`` can print the port the system chose. Scoring is
CPU-bound: more throughput comes from more processes (``--workers``), each with its
own linter and its own socket on the one port.
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
from uvicorn.supervisors.multiprocess import Process

from ..errors import UsageError
from ..lexicon import load
from .app import build_app, settings_for
from .options import ENV_VAR, ServeOptions

EXIT_OK = 0
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
    """uvicorn's worker supervisor with one listening socket per worker.

    On one shared socket, the worker that wakes first accepts every connection that is
    waiting (asyncio accepts up to the backlog at a time), so a client's pool of
    keep-alive connections can all land on one worker while the others idle. With
    ``SO_REUSEPORT`` the kernel spreads new connections over the workers' sockets. A
    worker restarted after a crash listens on all of them.

    It also closes its own copies of the sockets as it stops: else the kernel keeps
    queueing new connections there while the workers drain.
    """

    def init_processes(self) -> None:
        if len(self.sockets) != self.processes_num:
            super().init_processes()
            return
        for sock in self.sockets:
            process = Process(self.config, [sock])
            process.start()
            self.processes.append(process)

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


def bind(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = info[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def bind_all(host: str, port: int, workers: int) -> list[socket.socket]:
    """One socket, or one per worker on the same port where the system can share it."""
    if workers == 1 or not hasattr(socket, "SO_REUSEPORT"):
        return [bind(host, port)]
    first = bind(host, port, reuse_port=True)
    sockets = [first]
    try:
        for _ in range(workers - 1):    # the port the first one got, for --port 0
            sockets.append(bind(host, first.getsockname()[1], reuse_port=True))
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if sock.family == socket.AF_INET6 else f"http://{host}:{port}"


def _say(message: str) -> None:
    print(f"reasonlint serve：{message}", file=sys.stderr, flush=True)


def serve(options: ServeOptions) -> int:
    """Run until SIGTERM or Ctrl+C; in-flight requests are finished first."""
    # Workers read the options from the environment (they are spawned, not forked).
    os.environ[ENV_VAR] = options.to_env()
    # A bad lexicon (LexiconError) stops it here, once, with one line and exit 2.
    if options.workers == 1:
        app: Any = build_app(options)
    else:
        # Each worker builds its own linter; the parent, which only supervises, reads
        # the lexicons once so that a bad one is reported now, and once.
        app = FACTORY
        load(tuple(Path(p) for p in settings_for(options).config.extra_lexicons))
    try:
        sockets = bind_all(options.host, options.port, options.workers)
    except OSError as exc:
        raise UsageError(f"无法监听 {options.host}:{options.port}：{exc.strerror or exc}") from None
    config = uvicorn.Config(
        app, factory=options.workers > 1,
        workers=options.workers, lifespan="off", access_log=False, log_config=LOG_CONFIG,
        timeout_graceful_shutdown=math.ceil(options.timeout) + 5)
    _say(f"正在监听 {_url(sockets[0])}（工作进程 {options.workers} 个）；按 Ctrl+C 停止")
    with contextlib.ExitStack() as stack, _stop_on_signals():
        for sock in sockets:
            stack.enter_context(sock)
        if options.workers > 1:
            _Supervisor(config, sockets=sockets).run()
        else:
            uvicorn.Server(config).run(sockets=sockets)
    _say("已停止")
    return EXIT_OK
