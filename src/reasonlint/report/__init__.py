"""Output formats. Each module holds one; :func:`make` picks by name."""
from __future__ import annotations

from typing import TextIO

from .base import Checked, Located, Orphan, Reporter, Stats

FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif", "html")
ALIASES = {"jsonl": "json-lines", "text": "full"}

__all__ = ["FORMATS", "ALIASES", "Checked", "Located", "Orphan", "Reporter", "Stats", "make"]


def make(name: str, out: TextIO, *, color: bool = False, quiet: bool = False) -> Reporter:
    name = ALIASES.get(name, name)
    if name == "full":
        from .full import FullReporter as cls
    elif name == "concise":
        from .concise import ConciseReporter as cls  # type: ignore[assignment]
    elif name == "json":
        from .json import JsonReporter as cls  # type: ignore[assignment]
    elif name == "json-lines":
        from .jsonl import JsonLinesReporter as cls  # type: ignore[assignment]
    elif name == "github":
        from .github import GithubReporter as cls  # type: ignore[assignment]
    elif name == "sarif":
        from .sarif import SarifReporter as cls  # type: ignore[assignment]
    elif name == "html":
        from .html import HtmlReporter as cls  # type: ignore[assignment]
    else:
        raise ValueError(f"未知的输出格式：{name}")
    return cls(out, color=color, quiet=quiet)
