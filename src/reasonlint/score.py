"""Specificity score (0–100) and verdict.

Points for each slot a reviewer checks (weights in :mod:`reasonlint.config`), then
ceilings: a template phrase with nothing else, a negated or merely promised
resolution, or an unfilled placeholder keep the score low however much else is there.
"""
from __future__ import annotations

from .analysis import Analysis
from .model import Finding, Verdict


def parts(a: Analysis) -> dict[str, int]:
    w = a.config.weights
    p = {
        "resolution": w["resolution"] if a.done else 0,
        "identifier": w["identifier"] if a.has_identifier else 0,
        "date": w["date"] if a.has_date else (w["relative_date"] if a.found.relative_dates else 0),
        "evidence": w["evidence"] if a.has_evidence else 0,
        "detail": w["detail"] if a.has_detail else 0,
    }
    total = min(100, sum(p.values()))
    caps = []
    if a.found.templates and not (a.done or a.has_identifier or a.has_date or a.has_evidence):
        caps.append(w["cap_template"])
    if not a.done and (a.negated or a.promised):
        caps.append(w["cap_negated"])
    if a.mode == "reason" and a.placeholders:
        caps.append(w["cap_placeholder"])
    capped = min([total, *caps])
    p["cap"] = capped - total
    p["total"] = capped
    return p


def verdict(score: int, findings: list[Finding], weights: dict[str, int]) -> Verdict:
    if any(f.severity == "error" for f in findings) or score < weights["reject"]:
        return "reject"
    return "accept" if score >= weights["accept"] else "revise"
