"""The command line under pressure: where --output may point, failing output streams,
--jobs out of range, Ctrl-C, SIGTERM and a reader that goes away."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import GOOD, TEMPLATE, run
from reasonlint import batch
from reasonlint.cli import check, entry, output, runloop
from reasonlint.report import Checked, make
from reasonlint.report.base import Located
from reasonlint.sources import Unit

TEXT = GOOD + "\n" + TEMPLATE + "\n"


def one_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- --output --------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["-o", "r.txt", "r.txt"], ["-o", "in/a.txt", "in"],
                                  ["-o", "link.txt", "r.txt"]])
def test_output_never_replaces_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("r.txt")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", *args)
    assert r.code == 2 and r.out == ""
    assert "Traceback" not in r.err
    [error] = r.err.splitlines()   # a usage error, in one line
    assert error.startswith("--output: ") and "报告不能写在输入上" in error
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == TEXT
    assert (tmp_path / "in" / "a.txt").read_text(encoding="utf-8") == TEXT
    assert (tmp_path / "link.txt").is_symlink()


def test_output_file_mode_is_that_of_a_plain_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The temporary file is private (0600); the report must not stay that way.
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    umask = os.umask(0o022)
    try:
        run("check", "--no-config", "-o", "new.txt", "r.txt")
        assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
        (tmp_path / "old.txt").write_text("old", encoding="utf-8")
        (tmp_path / "old.txt").chmod(0o640)
        run("check", "--no-config", "-o", "old.txt", "r.txt")
        assert stat.S_IMODE((tmp_path / "old.txt").stat().st_mode) == 0o640
        assert "RL101" in (tmp_path / "old.txt").read_text(encoding="utf-8")
    finally:
        os.umask(umask)


def test_output_through_a_symlink_keeps_the_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "latest.json").symlink_to("reports/today.json")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json", "-o", "latest.json", "r.txt")
    assert r.code == 1
    assert (tmp_path / "latest.json").is_symlink()
    assert len(json.loads((tmp_path / "reports" / "today.json").read_text(encoding="utf-8"))) == 2
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["today.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_to_a_fifo_is_written_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Renaming a file over a FIFO (or /dev/stdout, /dev/null) would replace it.
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    monkeypatch.chdir(tmp_path)
    try:
        r = run("check", "--no-config", "--format", "json-lines", "-o", "pipe", "r.txt")
    finally:
        if reader.is_alive():    # the report went elsewhere: let the reader go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(10)
    assert r.code == 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert len(got[0].splitlines()) == 2


def test_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", "-o", "-", "r.txt")
    assert len(r.out.splitlines()) == 2
    assert not (tmp_path / "-").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "--no-config", "r.txt"], ["explain", TEMPLATE]])
def test_full_disk_under_standard_output(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "reasonlint", *args], cwd=tmp_path, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2
    [message] = done.stderr.splitlines()
    assert "No space left on device" in message


def test_failed_write_to_the_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_text(TEXT * 20, encoding="utf-8")
    (tmp_path / "out.txt").write_text("previous", encoding="utf-8")
    real = output.AtomicOutput.__init__

    def init(self: Any, path: str) -> None:
        real(self, path)
        inner = self.file

        class Full:
            def __getattr__(self, name: str) -> Any:
                return getattr(inner, name)

            def write(self, text: str) -> int:
                raise OSError(28, "No space left on device")

        self.file = Full()

    monkeypatch.setattr(output.AtomicOutput, "__init__", init)
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "-o", "out.txt", "r.txt")
    assert r.code == 2
    assert one_error(r.err) == "out.txt: 无法写入：No space left on device"
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "r.txt"]


# --- --jobs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("asked, used", [("0", 3), ("2", 2), ("99999999999999999999", 3)])
def test_jobs_never_exceed_the_cpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, asked: str, used: int) -> None:
    # A huge --jobs would fork until the system gives out (each worker loads the segmenter).
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    seen: list[int] = []

    def parallel(items: Any, settings: Any, jobs: int, report: Any) -> Any:
        seen.append(jobs)
        return batch.lint_serial(items, settings)

    monkeypatch.setattr(check, "cpus", lambda: 3)
    monkeypatch.setattr(runloop, "lint_parallel", parallel)
    monkeypatch.chdir(tmp_path)
    assert run("check", "--no-config", "-j", asked, "r.txt").code == 1
    assert seen == [used]


def test_workers_leave_signals_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl-C goes to the whole process group; each worker would print its own traceback.
    # The parent's SIGTERM handler, inherited through fork, would make pool.terminate()
    # hang a worker on a lock.
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)}
    try:
        signal.signal(signal.SIGTERM, lambda *a: None)
        batch._quiet_signals()
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
            assert signal.getsignal(s) is batch._exit_at_once
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def test_sigterm_runs_the_clean_up() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with entry.signals_as_exit():
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        with pytest.raises(SystemExit) as info:
            handler(signal.SIGTERM, None)
        assert info.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


# --- a real process: Ctrl-C and a closed pipe ------------------------------------------------------

def reasons_file(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps({"reason": f"{TEMPLATE}{i}"}, ensure_ascii=False) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT")
def test_ctrl_c_with_workers_exits_130_quietly(tmp_path: Path) -> None:
    path = reasons_file(tmp_path, 20_000)
    proc = subprocess.Popen([sys.executable, "-m", "reasonlint", "check", "--no-config", "-j", "2",
                             "--format", "json-lines", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout is not None
        proc.stdout.readline()             # checking has begun, in the workers too
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text = err.decode("utf-8", "replace")
    assert proc.returncode == 130, text
    assert "Traceback" not in text and "ForkPoolWorker" not in text
    assert text.strip() == "已中止。"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_reader_going_away_is_not_an_error(tmp_path: Path, jobs: str) -> None:
    # `reasonlint check big.jsonl | head -1`
    path = reasons_file(tmp_path, 600)
    proc = subprocess.Popen([sys.executable, "-m", "reasonlint", "check", "--no-config", "-j", jobs,
                             "--format", "json-lines", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    start = time.monotonic()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=60 - (time.monotonic() - start))
    assert err == ""
    assert proc.returncode in (0, 1)


# --- SARIF ----------------------------------------------------------------------------------------

def test_sarif_keeps_no_reason_text_per_finding(tmp_path: Path) -> None:
    # The occurrence counter behind the fingerprints held every reason whole: on a big
    # input it grew with the input. The fingerprints themselves are unchanged.
    import io

    from reasonlint import Linter

    out = io.StringIO()
    reporter = make("sarif", out)
    reporter.start()
    text = TEMPLATE + "备注" * 5000
    unit = Unit(text, "r.txt", 1, 1)
    result = Linter().check(text)
    findings = [Located.of(f, unit) for f in result.findings]
    reporter.reason(Checked(unit, result, findings))
    reporter.reason(Checked(unit, result, findings))
    reporter.finish(None)  # type: ignore[arg-type]
    assert all(isinstance(k, bytes) and len(k) == 8 for k in reporter._fingerprint._seen)   # type: ignore[attr-defined]
    got = [r["partialFingerprints"]["reasonlint/v1"] for r in json.loads(out.getvalue())["runs"][0]["results"]]
    expected = []
    for n in (1, 2):
        for lf in findings:
            f = lf.finding
            key = "\0".join(("r.txt", f.code, f"{text}\0{text[f.start:f.end]}"))
            expected.append(hashlib.sha256(f"{key}\0{n}".encode("utf-8", "surrogatepass")).hexdigest()[:32])
    assert got == expected
