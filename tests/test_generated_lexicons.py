"""The generated lexicons are what their generators write today (run them after editing
their inputs: tools/homophone_targets.txt, the other lexicons)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("tool", ["build_homophones.py", "build_traditional.py"])
def test_generated_file_is_up_to_date(tool: str) -> None:
    pytest.importorskip("pypinyin")
    pytest.importorskip("opencc")
    r = subprocess.run([sys.executable, str(ROOT / "tools" / tool), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
