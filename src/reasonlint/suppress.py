"""Applying suppression comments, and the unused-suppression check (RL001).

How comments are written and parsed is :mod:`reasonlint.sources.suppression`; a
directive that suppresses nothing is itself reported as ``RL001
unused-suppression`` (like ruff's RUF100). The rule and its messages are in
:mod:`reasonlint.rules.suppression`, with the other rules.
"""
from __future__ import annotations

from typing import Iterable, Optional

from .model import Finding
from .rules.suppression import UNUSED_SUPPRESSION
from .sources.suppression import Directive, parse_directive

__all__ = ["UNUSED_SUPPRESSION", "Directive", "Used", "apply", "parse_directive", "unused"]

# The codes each directive suppressed, as counted by whoever applies them.
Used = dict[Directive, set[str]]


def apply(findings: Iterable[Finding], directives: Iterable[Directive],
          used: Optional[Used] = None) -> tuple[list[Finding], int]:
    """Drop the findings the directives cover; record in ``used`` what each one hid.

    Returns the kept findings and how many were suppressed.
    """
    directives = tuple(directives)
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        hit = [d for d in directives if f.code in d.covers]
        if hit:
            suppressed += 1
            if used is not None:
                for d in hit:
                    used.setdefault(d, set()).add(f.code)
        else:
            kept.append(f)
    return kept, suppressed


def unused(directive: Directive, used: Iterable[str], enabled: frozenset[str]) -> Optional[Finding]:
    """The RL001 finding for a directive, or None when everything in it was used.

    Codes of rules that are not enabled cannot fire, so they are not reported: the
    same file may be checked with a wider selection elsewhere.
    """
    done = set(used)
    # RL001 in a comment is about the comments themselves, never a reason's finding.
    spare = [written for code, written in directive.codes
             if code not in done and code in enabled and code != UNUSED_SUPPRESSION.code]
    rule = UNUSED_SUPPRESSION
    parts = []
    if spare:
        parts.append(rule.message("spare", {"codes": ", ".join(spare)}))
    if directive.unknown:
        parts.append(rule.message("unknown", {"codes": ", ".join(directive.unknown)}))
    if not parts:
        return None
    return Finding(rule.code, rule.name, rule.severity, "；".join(parts) + rule.message("advice", {}), 0, 0)
