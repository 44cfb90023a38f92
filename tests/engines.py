"""Skip an engine's tests where it is not installed, except in CI, where that is a failure.

``.ci/run`` installs the extras and Java and sets REASONLINT_REQUIRE_ENGINES=1, so a
missing engine fails there instead of passing as skipped.
"""
from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

REQUIRED = os.environ.get("REASONLINT_REQUIRE_ENGINES") == "1"


def need(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if REQUIRED:
            pytest.fail(f"{module} is required here (REASONLINT_REQUIRE_ENGINES=1): {exc}", pytrace=False)
        pytest.skip(f"{module} is not installed: pip install -e '.[spark,dask]'", allow_module_level=True)
        raise


def need_java() -> None:
    home = os.environ.get("JAVA_HOME")
    if shutil.which("java") or (home and (Path(home) / "bin" / "java").exists()):
        return
    if REQUIRED:
        pytest.fail("PySpark needs Java 17 (REASONLINT_REQUIRE_ENGINES=1): none found", pytrace=False)
    pytest.skip("PySpark needs Java 17: none found on PATH or in JAVA_HOME", allow_module_level=True)
