"""The package type-checks: mypy with the settings in pyproject.toml finds nothing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_mypy_finds_no_errors(tmp_path: Path) -> None:
    # mypy is a test dependency (pyproject.toml): missing, this fails rather than skips.
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout


@pytest.mark.slow
def test_a_project_using_reasonlint_type_checks_against_it(tmp_path: Path) -> None:
    # From outside the checkout, as a user's project sees the installed package (editable
    # or not): mypy must find it and its types (py.typed), and catch a wrong use of them.
    (tmp_path / "use.py").write_text(
        "import reasonlint\n"
        "r: reasonlint.Result = reasonlint.check('问题已解决')\n"
        "score: int = r.score\n", encoding="utf-8")
    (tmp_path / "wrong.py").write_text(
        "import reasonlint\n"
        "verdict: int = reasonlint.check('问题已解决').verdict\n", encoding="utf-8")

    def mypy(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path / "c"),
                               "--strict", name], cwd=tmp_path, capture_output=True, text=True, timeout=600)

    ok = mypy("use.py")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = mypy("wrong.py")
    assert wrong.returncode == 1 and "Incompatible types in assignment" in wrong.stdout, wrong.stdout
    assert "Cannot find implementation" not in wrong.stdout
