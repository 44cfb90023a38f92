"""The ``reasonlint`` command line.

One module per command (:mod:`.check`, :mod:`.explain`, :mod:`.suggest`,
:mod:`.rules`, :mod:`.rule`); the check loop is :mod:`.runloop`, where the report
goes is :mod:`.output`, and :func:`main` handles every error in one place.

Start-up stays cheap: the linter (and so jieba) is imported only inside the
commands that lint, so ``reasonlint rules``, ``rule`` and ``--version`` never load it.
"""
from __future__ import annotations

from .entry import main

__all__ = ["main"]
