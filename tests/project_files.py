"""Copy the parts of this checkout a build needs (for the wheel and pre-commit tests)."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a source distribution or a git clone must provide to build the wheel.
PROJECT_FILES = ("pyproject.toml", "setup.py", "README.md", "src", "lexicons")


def copy_project(dest: Path, extra: tuple[str, ...] = ()) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")
    for name in (*PROJECT_FILES, *extra):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    return dest
