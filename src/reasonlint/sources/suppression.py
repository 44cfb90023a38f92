"""Suppression comments in plain-text sources: how they are written and parsed.

``# reasonlint: disable=RL203,missing-evidence`` on its own line applies to the next
reason, and at the end of a reason's line to that reason; ``# reasonlint:
disable-file=RL205`` to every reason in the file. Directives are immutable values:
which codes each one suppressed is counted by the run (:mod:`reasonlint.suppress`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..errors import UnknownRuleError
from ..rules import get_rule

# Each pattern is matched at one place and has no nested repetition: linear in the line.
_PREFIX = re.compile(r"\s*#\s*reasonlint\s*:", re.IGNORECASE)
_KIND = re.compile(r"\s*(disable-file|disable)\s*=", re.IGNORECASE)
_TRAILING = re.compile(r"\s#\s*reasonlint\s*:", re.IGNORECASE)
# Longer comment lines are not parsed (a directive names a few rules): reported instead.
MAX_DIRECTIVE = 1000


@dataclass(frozen=True)
class Directive:
    """One suppression comment."""

    kind: str                           # "disable" or "disable-file"
    line: int
    column: int
    end_column: int                     # just after the comment, for the RL001 span
    codes: tuple[tuple[str, str], ...]  # (code, how it was written)
    unknown: tuple[str, ...] = ()
    covers: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "covers", frozenset(code for code, _ in self.codes))


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def parse_directive(line: str, lineno: int, offset: int = 0) -> Optional[Directive]:
    """A directive on this comment (``line`` starts at column ``offset + 1``), or None
    when it is an ordinary comment.

    A comment that starts like a directive but is malformed becomes a directive with
    only unknown codes, so the user hears about the typo instead of silence.
    """
    m = _PREFIX.match(line)
    if m is None:
        return None
    column = offset + len(line) - len(line.lstrip()) + 1
    end_column = offset + len(line.rstrip()) + 1
    if len(line) > MAX_DIRECTIVE:
        return Directive("disable", lineno, column, end_column, (),
                         (f"{_clip(line.strip())}（注释超过 {MAX_DIRECTIVE} 个字符，未解析）",))
    k = _KIND.match(line, m.end())
    if k is None:
        return Directive("disable", lineno, column, end_column, (), (line.strip(),))
    codes: dict[str, str] = {}
    unknown: list[str] = []
    for raw in line[k.end():].split(","):
        key = raw.strip()
        if not key:
            continue
        try:
            codes.setdefault(get_rule(key).code, key)
        except UnknownRuleError:
            unknown.append(key)
    if not codes and not unknown:
        unknown.append(line.strip())
    return Directive(k.group(1).lower(), lineno, column, end_column, tuple(codes.items()), tuple(unknown))


def split_trailing(line: str) -> tuple[str, str]:
    """A reason line cut before a trailing ``# reasonlint:`` comment: (reason, comment)."""
    if "#" not in line:
        return line, ""
    m = _TRAILING.search(line)
    if m is None:
        return line, ""
    return line[:m.start()], line[m.start() + 1:]
