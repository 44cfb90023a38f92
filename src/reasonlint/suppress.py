"""Suppression comments in plain-text sources and the unused-suppression check.

``# reasonlint: disable=RL203,missing-evidence`` applies to the next reason;
``# reasonlint: disable-file=RL205`` to every reason in the file. A directive that
suppresses nothing is itself reported as ``RL001 unused-suppression`` (like ruff's
RUF100); the rule and its messages are in :mod:`reasonlint.rules.suppression`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .model import Finding
from .rules import get_rule
from .rules.suppression import UNUSED_SUPPRESSION

_DIRECTIVE = re.compile(
    r"^\s*#\s*reasonlint\s*:\s*(?P<kind>disable-file|disable)\s*=\s*(?P<codes>.*?)\s*$",
    re.IGNORECASE,
)
_LOOKS_LIKE = re.compile(r"^\s*#\s*reasonlint\s*:", re.IGNORECASE)


@dataclass
class Directive:
    """One suppression comment; ``used`` collects the codes it actually suppressed."""

    kind: str                 # "disable" or "disable-file"
    line: int
    column: int
    codes: dict[str, str]     # code -> how it was written
    unknown: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    end_column: int = 0       # just after the comment, for the RL001 span


def parse_directive(line: str, lineno: int) -> Optional[Directive]:
    """A directive on this comment line, or None when it is an ordinary comment.

    A line that starts like a directive but is malformed becomes a directive with
    only unknown codes, so the user hears about the typo instead of silence.
    """
    m = _DIRECTIVE.match(line)
    column = len(line) - len(line.lstrip()) + 1
    end_column = len(line.rstrip()) + 1
    if m is None:
        if _LOOKS_LIKE.match(line):
            return Directive("disable", lineno, column, {}, [line.strip()], end_column=end_column)
        return None
    codes: dict[str, str] = {}
    unknown: list[str] = []
    for raw in m.group("codes").split(","):
        key = raw.strip()
        if not key:
            continue
        if key.upper() == UNUSED_SUPPRESSION.code or key.lower() == UNUSED_SUPPRESSION.name:
            codes[UNUSED_SUPPRESSION.code] = key
            continue
        try:
            codes[get_rule(key).code] = key
        except KeyError:
            unknown.append(key)
    if not codes and not unknown:
        unknown.append(line.strip())
    return Directive(m.group("kind").lower(), lineno, column, codes, unknown, end_column=end_column)


@dataclass
class FileSuppressions:
    """The file-wide directives of one file, shared by all its units.

    ``stray`` holds next-line directives with no reason after them: they suppress
    nothing and are only checked for RL001. They are found at the end of the file,
    after its reasons have gone out, so they must not join ``directives``: a reason
    still in flight in a worker would see them and lose its findings.
    """

    directives: list[Directive] = field(default_factory=list)
    stray: list[Directive] = field(default_factory=list)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c for d in self.directives for c in d.codes)


def apply(findings: Iterable[Finding], directives: Iterable[Directive]) -> tuple[list[Finding], int]:
    """Drop the findings the directives cover, marking what each one used.

    Returns the kept findings and how many were suppressed.
    """
    directives = list(directives)
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        hit = [d for d in directives if f.code in d.codes]
        if hit:
            suppressed += 1
            for d in hit:
                d.used.add(f.code)
        else:
            kept.append(f)
    return kept, suppressed


def unused(directive: Directive, enabled: frozenset[str]) -> Optional[Finding]:
    """The RL001 finding for a directive, or None when everything in it was used.

    Codes of rules that are not enabled cannot fire, so they are not reported: the
    same file may be checked with a wider selection elsewhere.
    """
    rule = UNUSED_SUPPRESSION
    # RL001 in a comment is about the comment itself, not about the next reason
    spare = [written for code, written in directive.codes.items()
             if code not in directive.used and code in enabled and code != rule.code]
    parts = []
    if spare:
        parts.append(rule.message("spare", {"codes": ", ".join(spare)}))
    if directive.unknown:
        parts.append(rule.message("unknown", {"codes": ", ".join(directive.unknown)}))
    if not parts:
        return None
    return Finding(rule.code, rule.name, rule.severity, "；".join(parts) + rule.message("advice", {}), 0, 0)
