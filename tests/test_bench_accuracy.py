"""bench/run.py's accuracy section swaps jieba's own segmenter into a linter; its
stand-in must answer every question the pipeline asks of ``Tokens``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import reasonlint

ROOT = Path(__file__).resolve().parent.parent


def test_the_accuracy_bench_runs_and_finds_no_change() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--only", "accuracy", "--accuracy", "60"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "identical sentences 60/60" in proc.stdout, proc.stdout
    if reasonlint.COMPILED:  # the swap needs the pure Linter; the bench says so
        assert "not measured in the compiled build" in proc.stdout, proc.stdout
    else:
        assert "linter results changed: 0/60" in proc.stdout, proc.stdout
