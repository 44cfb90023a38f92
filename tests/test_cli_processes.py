"""A run of real processes meets a dead worker and signals: it ends, cleanly."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the workers")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            found.extend(int(c) for c in f.read().split())
    return found


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Long enough that two workers are still busy seconds after they start.
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.txt"
    path.write_text("\n".join([GOOD, NO_DATE, TEMPLATE] * 40_000) + "\n", encoding="utf-8")
    return path


def _start(big: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "reasonlint", "check", "--no-config", str(big), "-j2",
                             "--format", "json-lines", "-o", str(big.parent / "o.jsonl"), *extra],
                            cwd=big.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _workers(proc: subprocess.Popen[str], n: int = 2) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= n:
            time.sleep(1.0)   # past start-up: the workers are checking reasons
            return _children(proc.pid)
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the workers never started")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".reasonlint-"))


def test_a_killed_worker_ends_the_run_with_one_line_and_exit_2(big: Path) -> None:
    proc = _start(big)
    victim = _workers(proc)[0]
    os.kill(victim, signal.SIGKILL)
    try:
        out, err = proc.communicate(timeout=60)   # it used to wait forever, at 0% CPU
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("the run hung after its worker died") from None
    assert proc.returncode == 2, err
    [line] = err.splitlines()
    assert "工作进程" in line and "SIGKILL" in line, line
    assert "Traceback" not in err and out == ""
    assert _leftovers(big.parent) == []
    assert not (big.parent / "o.jsonl").exists()


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_signal_leaves_no_temporary_file_and_no_tracebacks(big: Path, name: str) -> None:
    sig = getattr(signal, name)
    proc = _start(big)
    workers = _workers(proc)
    os.kill(proc.pid, sig)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"the run did not end on {name}") from None
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err and err.strip() == "", err
    assert _leftovers(big.parent) == []
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()
                and "zombie" not in Path(f"/proc/{w}/status").read_text()]


def test_a_signal_to_the_whole_group_prints_no_worker_tracebacks(big: Path) -> None:
    # A closed terminal sends SIGHUP to every process of the group, workers included.
    proc = subprocess.Popen([sys.executable, "-m", "reasonlint", "check", "--no-config", str(big), "-j2",
                             "--format", "json-lines", "-o", str(big.parent / "o.jsonl")],
                            cwd=big.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    _workers(proc)
    os.killpg(proc.pid, signal.SIGHUP)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the run did not end on SIGHUP") from None
    assert "Traceback" not in err, err
    assert proc.returncode in (2, 128 + signal.SIGHUP), err
    assert len(err.splitlines()) <= 1
    assert _leftovers(big.parent) == []
