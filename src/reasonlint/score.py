"""Specificity score (0–100) and verdict.

Points for each slot a reviewer checks (weights in :mod:`reasonlint.config`), then
ceilings: a template phrase with nothing else, a resolution that is not completed at
the end of the reason (negated, undone, promised, pending, only claimed or asked), or an
unfilled placeholder keep the score low however much else is there.
"""
from __future__ import annotations

from typing import Mapping, NamedTuple

from .extract import Entities
from .model import Finding, Verdict
from .state import ReasonState

# Statuses that say something about a resolution without completing it: capped.
_CAPPED = frozenset({"negated", "failed", "partial", "pending", "promised", "conditional", "wished",
                     "requested", "asked", "hypothetical", "reported", "uncertain"})


class Score(NamedTuple):
    total: int
    parts: dict[str, int]   # per slot, "cap" (<= 0) and "total": for `reasonlint explain`


def score(state: ReasonState, entities: Entities, mode: str, weights: Mapping[str, int]) -> Score:
    w = weights
    done = state.status == "done"
    p = {
        "resolution": w["resolution"] if done else 0,
        "identifier": w["identifier"] if state.has_identifier else 0,
        "date": w["date"] if state.has_date else (w["relative_date"] if entities.relative_dates else 0),
        "evidence": w["evidence"] if state.has_evidence else 0,
        "detail": w["detail"] if state.has_detail else 0,
    }
    total = min(100, sum(p.values()))
    caps = []
    if entities.templates and not (done or state.has_identifier or state.has_date or state.has_evidence):
        caps.append(w["cap_template"])
    if not done and state.status in _CAPPED:
        caps.append(w["cap_negated"])
    if mode == "reason" and entities.placeholders:
        caps.append(w["cap_placeholder"])
    capped = min([total, *caps])
    p["cap"] = capped - total
    p["total"] = capped
    return Score(capped, p)


def verdict(total: int, findings: list[Finding], weights: Mapping[str, int]) -> Verdict:
    if any(f.severity == "error" for f in findings) or total < weights["reject"]:
        return "reject"
    return "accept" if total >= weights["accept"] else "revise"
