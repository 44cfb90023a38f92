"""The reasonlint API: ``/v1/check``, ``/v1/check/batch`` and the rule catalogue.

A checked reason is written by :func:`reasonlint.report.json.reason_dict`, the
function behind ``--format json``: the service and the command line send the same
object, schema version and all, for the same reason.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Optional, Sequence

from ..batch import settle
from ..errors import UnknownRuleError
from ..report.json import reason_dict
from ..rules import RULES, Example, Rule, get_rule
from ..sources import Unit
from .fields import CheckRequest

if TYPE_CHECKING:
    from ..linter import Linter

# What `reasonlint check -` calls standard input; a request is one reason at 1:1.
REQUEST_PATH = "-"
CATALOGUE: tuple[Rule, ...] = RULES     # what `reasonlint rules` lists


class Deadline(Exception):
    """The request's time ran out between two items of a batch."""


def check_reason(lint: "Linter", req: CheckRequest, default_mode: str) -> dict[str, Any]:
    unit = Unit(req.text, REQUEST_PATH, 1, 1, complaint=req.complaint, channel=req.channel)
    result = lint.check(req.text, mode=req.mode or default_mode, complaint=req.complaint,
                        channel=req.channel, platform=req.platform)
    return reason_dict(settle(unit, result, frozenset()))


def check_many(lint: "Linter", reqs: Sequence[CheckRequest], default_mode: str,
               deadline: Optional[float] = None) -> list[dict[str, Any]]:
    out = []
    for req in reqs:
        # A thread cannot be stopped from outside: a batch stops itself when its time is up.
        if deadline is not None and time.monotonic() > deadline:
            raise Deadline
        out.append(check_reason(lint, req, default_mode))
    return out


def rule_summary(rule: Rule) -> dict[str, Any]:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity, "summary": rule.summary}


def _example(ex: Example) -> dict[str, Any]:
    return {"text": ex.text, "mode": ex.mode, "complaint": ex.complaint, "channel": ex.channel}


def rule_detail(rule: Rule) -> dict[str, Any]:
    return {**rule_summary(rule), "why": rule.why, "bad": _example(rule.bad), "good": _example(rule.good)}


def find_rule(key: str) -> Optional[Rule]:
    try:
        return get_rule(key)
    except UnknownRuleError:
        return None
