"""Start ``reasonlint serve`` as a real process on a free port, and talk HTTP to it.

The server binds ``--port 0`` and prints the port it got, so tests never race for one.
It runs in an empty folder (no project configuration) with its log in a file.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union
from urllib.parse import urlencode

LISTENING = re.compile(r"正在监听 (http://(?:\[[^\]]+\]|[^:]+):(\d+))")
START_TIMEOUT = 60.0


@dataclass
class Reply:
    status: int
    headers: dict[str, str]     # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class Server:
    def __init__(self, folder: Path, *args: str, env: Optional[Mapping[str, str]] = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.log_path = folder / "server.log"
        self._log = open(self.log_path, "wb")
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reasonlint", "serve", "--port", "0", *args],
            cwd=folder, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT, env=full_env)
        self.url, self.port = self._wait_listening()
        self.host = "127.0.0.1" if "127.0.0.1" in self.url else self.url.split("//")[1].rsplit(":", 1)[0]
        self._wait_healthy()

    def _wait_listening(self) -> tuple[str, int]:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            m = LISTENING.search(self.log())
            if m:
                return m.group(1), int(m.group(2))
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            time.sleep(0.05)
        raise RuntimeError(f"server did not start:\n{self.log()}")

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            time.sleep(0.05)
        raise RuntimeError(f"server not healthy:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_bytes().decode("utf-8", "replace")

    def request(self, method: str, path: str, body: Union[bytes, str, Iterable[bytes], None] = None,
                headers: Optional[Mapping[str, str]] = None, timeout: float = 60.0) -> Reply:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            data = body.encode("utf-8") if isinstance(body, str) else body
            # An iterable body goes out chunked, without a Content-Length.
            conn.request(method, path, body=data, headers=dict(headers or {}),
                         encode_chunked=not isinstance(data, (bytes, type(None))))
            resp = conn.getresponse()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def get(self, path: str, headers: Optional[Mapping[str, str]] = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post_json(self, path: str, obj: Any, headers: Optional[Mapping[str, str]] = None) -> Reply:
        return self.request("POST", path, json.dumps(obj, ensure_ascii=False),
                            {"Content-Type": "application/json", **(headers or {})})

    def post_form(self, path: str, fields: Mapping[str, str], headers: Optional[Mapping[str, str]] = None) -> Reply:
        return self.request("POST", path, urlencode(fields),
                            {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def assert_error(reply: Reply, status: int, field: Optional[str] = None) -> dict[str, Any]:
    """A JSON error of this status, naming ``field``, with no traceback in it."""
    assert reply.status == status, (reply.status, reply.body[:500])
    assert reply.headers["content-type"].startswith("application/json"), reply.headers
    assert b"Traceback" not in reply.body and b'File "' not in reply.body
    err = reply.json()["error"]
    assert err["status"] == status and err["code"] and err["message"]
    if field is not None:
        assert err.get("field") == field, err
    return err
