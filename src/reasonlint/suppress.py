"""Applying suppression comments, and the unused-suppression check (RL001).

How comments are written and parsed is :mod:`reasonlint.sources.suppression`; a
directive that suppresses nothing is itself reported as ``RL001
unused-suppression`` (like ruff's RUF100). RL001 is defined here rather than in
:data:`reasonlint.registry.RULES` because it is about the input file, not about a
reason's text; the registry's look-ups know it all the same.
"""
from __future__ import annotations

from typing import Iterable, Optional

from .model import Finding
from .registry import Example, Rule
from .sources.suppression import Directive, parse_directive

__all__ = ["UNUSED_SUPPRESSION", "Directive", "Used", "apply", "parse_directive", "unused"]

UNUSED_SUPPRESSION = Rule(
    "RL001", "unused-suppression", "warning",
    "抑制注释没有抑制任何问题（规则未触发，或规则代码写错了）。",
    "多余的抑制注释会误导后来的人，以为这条理由原本有问题；"
    "规则改进后它也可能悄悄藏住新的问题。删掉不再需要的抑制注释。",
    Example("# reasonlint: disable=RL203\n商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    Example("# reasonlint: disable=RL203\n商家已补发货，订单号20261103001，物流记录已附。"),
)

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
    parts = []
    if spare:
        parts.append(f"未使用的抑制：{', '.join(spare)}")
    if directive.unknown:
        parts.append(f"无法识别的抑制：{', '.join(directive.unknown)}")
    if not parts:
        return None
    return Finding(UNUSED_SUPPRESSION.code, UNUSED_SUPPRESSION.name, UNUSED_SUPPRESSION.severity,
                   "；".join(parts) + "（删除这条注释，或改正规则代码）", 0, 0)
