"""Build hook: an opt-in mypyc-compiled build of the pipeline modules.

Metadata lives in pyproject.toml. With ``REASONLINT_MYPYC=1`` the hot modules are
compiled to C extensions with mypyc (the way black ships its wheels); otherwise, the
default for source installs, the pre-commit hook and platforms without a wheel, this
adds nothing and the package is pure Python. See README, "Performance".
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup

# The modules every check runs through. Left out: model.py, whose result classes write
# their fields straight into the instance dict (the fast path in pure Python), which a
# compiled class does not have; and the CLI, readers, reports, config and lexicon
# loading, which run once per process or per file, not per reason.
COMPILED_MODULES = [
    "normalize.py",
    "tokenize.py",
    "clauses.py",
    "extract/*.py",
    "events.py",
    "sequence.py",
    "scopes.py",
    "nouns.py",
    "context.py",
    "reports.py",
    "state.py",
    "rules/*.py",
    "score.py",
    "suggest.py",
    "phrases.py",
    "numerals.py",
    "linter.py",
]


def _ext_modules() -> list:
    if os.environ.get("REASONLINT_MYPYC", "0") != "1":
        return []
    # Imported only here: the pure build must not need mypy.
    from mypyc.build import mypycify

    src = Path("src/reasonlint")
    targets = sorted(str(p) for pattern in COMPILED_MODULES for p in src.glob(pattern))
    opt_level = os.environ.get("MYPYC_OPT_LEVEL", "3")
    print(f"reasonlint: compiling {len(targets)} modules with mypyc (opt level {opt_level})",
          file=sys.stderr)
    return mypycify(targets, opt_level=opt_level, verbose=bool(os.environ.get("MYPYC_VERBOSE")))


setup(ext_modules=_ext_modules())
