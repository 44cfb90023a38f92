"""Test-wide settings."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The suite's start cache lives in a folder of its own, not the user's ~/.cache: a
# run neither depends on nor leaves behind what earlier runs cached. Child processes
# (the command line, pre-commit, pytest-xdist workers) inherit it.
_OURS = None
if "REASONLINT_CACHE_DIR" not in os.environ:
    _OURS = os.environ["REASONLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="reasonlint-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _OURS is not None:
        shutil.rmtree(_OURS, ignore_errors=True)


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty start-cache folder of the test's own, with caching on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("REASONLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("REASONLINT_NO_CACHE", raising=False)
    return folder
