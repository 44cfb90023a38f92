"""The labelled reasons of tests/data/families, family by family.

Every reason must get its verdict (accept or not) right: that is the judgement a
reviewer relies on. The finer labels (the resolution, the rules that must or must not
fire) must hold for each family as a whole at the rate below; where they miss, the
message lists the reasons, so a change that breaks one shows at once.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reasonlint import Linter

FAMILIES = Path(__file__).parent / "data" / "families"
LINTER = Linter()
# LABELING's rule: a precise finding covers the generic one.
COVERED_BY = {"missing-resolution": {"negated-resolution", "unfulfilled-promise"}, "missing-date": {"relative-date"}}
FINE_RATE = 0.95


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


ALL = [(path.stem, row) for path in sorted(FAMILIES.glob("*.jsonl")) for row in load(path)]


def check(row: dict):
    return LINTER.check(row["text"], mode=row.get("mode") or "reason", complaint=row.get("complaint"),
                        channel=row.get("channel"))


def test_every_family_is_there() -> None:
    names = {family for family, _ in ALL}
    assert len(ALL) >= 600
    assert {"later_undone", "fix_failed", "settled_later", "hearsay", "pending", "question_hypothesis", "promise",
            "negation", "obfuscated_negation", "evidence_polarity", "ime_slips", "english_pinyin",
            "written_settlement", "complaint_answering", "numbers_roles", "placeholders", "templates_vague",
            "good_plain", "traditional", "multi_channel", "payment", "partial_other_orders"} <= names


@pytest.mark.parametrize("row", [r for _, r in ALL], ids=[r["id"] for _, r in ALL])
def test_verdict(row: dict) -> None:
    r = check(row)
    assert (r.verdict == "accept") == row["expect"]["acceptable"], (r.verdict, r.score, [f.code for f in r.findings])


def misses(row: dict) -> list[str]:
    r = check(row)
    g = row["expect"]
    names = {f.name for f in r.findings}
    out = []
    if r.resolution not in g["resolution"]:
        out.append(f"resolution {r.resolution} not in {g['resolution']}")
    out += [f"missed {n}" for n in g.get("must_flag", []) if n not in names and not COVERED_BY.get(n, set()) & names]
    out += [f"flagged {n}" for n in g.get("must_not_flag", []) if n in names]
    return out


@pytest.mark.parametrize("family", sorted({f for f, _ in ALL}))
def test_resolution_and_rules(family: str) -> None:
    rows = [r for f, r in ALL if f == family]
    wrong = {r["id"]: m for r in rows if (m := misses(r))}
    assert (len(rows) - len(wrong)) / len(rows) >= FINE_RATE, wrong
