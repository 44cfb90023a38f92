"""``reasonlint serve`` as a command: its errors, and what it costs the rest of the CLI."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import GOOD, run

# Modules of the server stack; none may be loaded by `reasonlint check` or `rules`.
SERVER_STACK = ("starlette", "uvicorn", "anyio", "h11", "httptools", "uvloop", "sniffio",
                "reasonlint.server.app", "reasonlint.server.run", "reasonlint.server.v1",
                "reasonlint.server.languagetool", "reasonlint.server.openapi", "reasonlint.server.errors",
                "reasonlint.server.options")


def loaded_after(code: str, cwd: Path) -> list[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def stack(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == s or m.startswith(s + ".") for s in SERVER_STACK)]


@pytest.mark.parametrize("code", [
    "import reasonlint.cli",
    "from reasonlint.cli import main\nmain(['check', 'r.txt', '--no-config'])",
    "from reasonlint.cli import main\nmain(['check', 'r.txt', '--format', 'json', '--jobs', '2', '--no-config'])",
    "from reasonlint.cli import main\nmain(['rules'])",
    "from reasonlint.cli import main\nmain(['serve', '--help'])",
], ids=["import", "check", "check-jobs", "rules", "serve-help"])
def test_cli_never_imports_the_server_stack(tmp_path: Path, code: str) -> None:
    (tmp_path / "r.txt").write_text(GOOD + "\n", encoding="utf-8")
    modules = loaded_after(code, tmp_path)
    assert "reasonlint.cli" in modules
    assert stack(modules) == []


def test_the_server_stack_is_what_serve_loads(tmp_path: Path) -> None:
    # The check above would pass vacuously if the names were wrong.
    modules = loaded_after("import reasonlint.server.run", tmp_path)
    assert {"starlette", "uvicorn", "anyio", "reasonlint.server.app"} <= set(stack(modules))


def test_without_the_extra_serve_says_how_to_install_it(tmp_path: Path) -> None:
    code = ("import sys\nsys.modules['uvicorn'] = None\nsys.modules['starlette'] = None\n"
            "from reasonlint.cli import main\nsys.exit(main(['serve', '--port', '0']))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 2
    assert "pip install 'reasonlint[server]'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_port_in_use_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = run("serve", "--port", str(port))
    assert ran.code == 2
    assert f"无法监听 127.0.0.1:{port}" in ran.err
    assert "Traceback" not in ran.err


def test_bad_configuration_stops_before_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reasonlint.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    ran = run("serve", "--port", "0")
    assert ran.code == 2
    assert "reasonlint.toml:1: fail-on" in ran.err
    ran = run("serve", "--config", "missing.toml", "--port", "0")
    assert ran.code == 2 and "missing.toml" in ran.err


def test_bad_lexicon_stops_before_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "nonsense.txt").write_text("[x]\ny\n", encoding="utf-8")
    (tmp_path / "reasonlint.toml").write_text('lexicons = ["lex"]\n', encoding="utf-8")
    for workers in ("1", "2"):
        ran = run("serve", "--port", "0", "--workers", workers)
        assert ran.code == 2, ran.err
        assert "nonsense.txt" in ran.err and "Traceback" not in ran.err
