"""``reasonlint serve`` as a process: where it binds, signals, workers, time limits, its log."""
from __future__ import annotations

import http.client
import json
import random
import re
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest

from cli_helpers import GOOD, TEMPLATE
from server_helpers import Reply, Server, assert_error

PIECES = ["商家已于11月3日补发货", "订单号20261103001", "物流记录已附", "但是卡密还是无效",
          "已经退款了但是钱还没到账", "问题已解决", "支付宝转账截图已附", "黑猫投诉上已和解"]


def long_reasons(count: int, length: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts: list[str] = []
        while sum(map(len, parts)) < length:
            parts.append(rng.choice(PIECES))
        out.append("，".join(parts)[:length])
    return out


def listening_address(port: int) -> list[str]:
    """Local addresses of the sockets listening on ``port``, from the kernel's table."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:     # 0A: LISTEN
                if len(address) == 8:
                    found.append(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, 32, 8))
                    found.append(socket.inet_ntop(socket.AF_INET6, raw))
    return found


def test_binds_to_loopback_unless_told(tmp_path: Path) -> None:
    with Server(tmp_path / "default") as s:
        assert listening_address(s.port) == ["127.0.0.1"]
        assert "http://127.0.0.1:" in s.log()
    with Server(tmp_path / "any", "--host", "0.0.0.0") as s:
        assert listening_address(s.port) == ["0.0.0.0"]


def test_access_log_has_a_line_per_request_and_no_reason_text(tmp_path: Path) -> None:
    secret = "张三13800138000"
    with Server(tmp_path) as s:
        assert s.post_json("/v1/check", {"text": f"{secret}商家已补发货"}).status == 200
        assert s.post_form("/v2/check", {"text": secret, "language": "zh-CN"}).status == 200
        # A query string may carry the text too: it is not logged either.
        assert s.request("POST", f"/v2/check?language=zh&text={quote(secret)}", b"",
                         {"Content-Type": "application/x-www-form-urlencoded"}).status == 200
        assert s.post_json("/v1/check", {"text": 1}).status == 422
    log = s.log()
    lines = [line for line in log.splitlines() if '"POST ' in line]
    assert len(lines) == 4, log
    assert re.search(r'127\.0\.0\.1:\d+ "POST /v1/check" 200 \d+B [\d.]+ms', lines[0]), lines[0]
    assert '"POST /v2/check" 200' in lines[2] and "?" not in lines[2]
    assert '"POST /v1/check" 422' in lines[3]
    for form in (secret, quote(secret), json.dumps(secret), "13800138000"):
        assert form not in log


@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_drains_requests_in_flight(tmp_path: Path, workers: int) -> None:
    reasons = long_reasons(400, 5000)     # a few seconds of work for one worker
    with Server(tmp_path, "--workers", str(workers), "--max-batch", "1000", "--timeout", "120",
                "--max-body-size", str(20 << 20)) as s:
        got: list[Reply] = []
        answered: list[float] = []

        def send() -> None:
            got.append(s.post_json("/v1/check/batch", {"items": [{"text": t} for t in reasons]}))
            answered.append(time.monotonic())

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(0.8)     # the body is sent and the batch is being checked
        signalled = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        # Soon no new connection is taken (uvicorn's supervisor looks at its signals
        # every half second), while the batch is still being answered.
        refused = None
        while refused is None and time.monotonic() < signalled + 5:
            try:
                socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
                time.sleep(0.1)
            except OSError:
                refused = time.monotonic()
        sender.join(120)
        code = s.proc.wait(60)
    assert got and got[0].status == 200, got and got[0].body[:300]
    assert answered[0] > signalled, "the batch was answered before SIGTERM: make it longer"
    assert refused is not None and refused < answered[0], "new connections were still taken while draining"
    assert [r["text"] for r in got[0].json()] == reasons
    assert code == 0, s.log()
    assert "已停止" in s.log()


def test_each_request_is_bounded_in_time(tmp_path: Path) -> None:
    with Server(tmp_path, "--timeout", "0.5", "--max-batch", "1000", "--max-body-size", str(20 << 20)) as s:
        started = time.monotonic()
        err = assert_error(s.post_json("/v1/check/batch", {"items": [{"text": t} for t in long_reasons(400, 5000)]}),
                           503)
        assert time.monotonic() - started < 10
        assert err["code"] == "timeout"
        # A client that sends its body slowly is cut off the same way.
        with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
            sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100\r\n\r\n{\"text\": ")
            started = time.monotonic()
            head = sock.recv(65536)
            assert time.monotonic() - started < 5
        assert head.startswith(b"HTTP/1.1 503 ")
        # The server is still there for the next one.
        assert s.post_json("/v1/check", {"text": GOOD}).status == 200


def test_two_workers_share_the_load(tmp_path: Path) -> None:
    with Server(tmp_path, "--workers", "2") as s:
        with ThreadPoolExecutor(8) as pool:
            replies = list(pool.map(lambda t: s.post_json("/v1/check", {"text": t}),
                                    long_reasons(200, 300, seed=3)))
        assert {r.status for r in replies} == {200}
        pids = set(re.findall(r"\[(\d+)\] 127\.0\.0\.1:\d+ \"POST /v1/check\"", s.log()))
        assert len(pids) == 2, s.log()[-2000:]
        assert str(s.proc.pid) not in pids      # the parent only supervises
        assert s.post_json("/v1/check", {"text": TEMPLATE}).json()["verdict"] == "reject"


def test_two_workers_share_keep_alive_connections(tmp_path: Path) -> None:
    # A backend's pool of persistent connections: each worker has its own socket on the
    # port, so the kernel spreads them; on one shared socket one worker could take all.
    # With 16 connections over two sockets, all on one has odds of 1 in 32,768.
    with Server(tmp_path, "--workers", "2") as s:
        deadline = time.monotonic() + 30
        while len(set(re.findall(r"\[(\d+)\] 127", s.log()))) < 2:    # both workers listening
            assert time.monotonic() < deadline, s.log()
            s.post_json("/v1/check", {"text": GOOD})

        # Opened at once, as a pool or wrk opens them: they wait in the kernel together.
        conns = [http.client.HTTPConnection("127.0.0.1", s.port, timeout=60) for _ in range(16)]
        for conn in conns:
            conn.connect()

        def client(conn: http.client.HTTPConnection, texts: list[str]) -> int:
            try:
                for text in texts:
                    conn.request("POST", "/v1/check", json.dumps({"text": text}),
                                 {"Content-Type": "application/json"})
                    resp = conn.getresponse()
                    assert resp.status == 200
                    resp.read()
                return int(conn.sock.getsockname()[1])
            finally:
                conn.close()

        texts = long_reasons(160, 100, seed=5)
        with ThreadPoolExecutor(16) as pool:
            ports = list(pool.map(client, conns, [texts[i::16] for i in range(16)]))
        lines = re.findall(r"\[(\d+)\] 127\.0\.0\.1:(\d+) \"POST /v1/check\"", s.log())
    served_by = {int(port): pid for pid, port in lines}
    assert all(p in served_by for p in ports)
    assert len({served_by[p] for p in ports}) == 2, sorted(served_by.items())


@pytest.mark.parametrize("workers", ["1", "2"])
def test_workers_use_the_configuration_found(tmp_path: Path, workers: str) -> None:
    (tmp_path / "reasonlint.toml").write_text('ignore = ["missing-evidence"]\nmode = "template"\n',
                                              encoding="utf-8")
    with Server(tmp_path, "--workers", workers) as s:
        replies = [s.post_json("/v1/check", {"text": "商家已于X月X日补发货，订单号XXX。"}).json() for _ in range(6)]
    for r in replies:
        assert r["mode"] == "template"
        assert "RL205" not in {f["code"] for f in r["findings"]}
        assert "RL304" not in {f["code"] for f in r["findings"]}    # placeholders are fine in templates


def test_long_texts_get_the_same_answers(tmp_path: Path) -> None:
    # Texts over 1,000 characters are checked in a worker thread, shorter ones in the
    # event loop: the answer is the command line's either way.
    from cli_helpers import run

    with Server(tmp_path) as s:
        for text in long_reasons(3, 4000, seed=11) + long_reasons(3, 200, seed=12):
            ran = run("check", "-", "--format", "json", "--no-config", input=text + "\n")
            (expected,) = json.loads(ran.out)
            assert s.post_json("/v1/check", {"text": text}).json() == expected
