"""Output formats: one module each, named in :data:`FORMATS`; :func:`make` picks by name."""
from __future__ import annotations

from importlib import import_module
from typing import TextIO

from .base import Checked, Located, Orphan, Reporter, Stats

# name -> (module, class); imported only when chosen, so a run loads one format.
FORMATS: dict[str, tuple[str, str]] = {
    "full": ("full", "FullReporter"),
    "concise": ("concise", "ConciseReporter"),
    "json": ("json", "JsonReporter"),
    "json-lines": ("jsonl", "JsonLinesReporter"),
    "github": ("github", "GithubReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
    "junit": ("junit", "JunitReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "html": ("html", "HtmlReporter"),
}
ALIASES = {"jsonl": "json-lines", "text": "full"}

__all__ = ["FORMATS", "ALIASES", "Checked", "Located", "Orphan", "Reporter", "Stats", "make", "reporter_class"]


def reporter_class(name: str) -> type[Reporter]:
    name = ALIASES.get(name, name)
    if name not in FORMATS:
        raise ValueError(f"未知的输出格式：{name}")
    module, cls = FORMATS[name]
    found: type[Reporter] = getattr(import_module(f"{__name__}.{module}"), cls)
    return found


def make(name: str, out: TextIO, *, color: bool = False, quiet: bool = False) -> Reporter:
    return reporter_class(name)(out, color=color, quiet=quiet)
