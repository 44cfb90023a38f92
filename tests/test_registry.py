"""The rule catalogue: complete, consistent, and its examples do what they say."""
from __future__ import annotations

import re

import pytest

import reasonlint
from reasonlint.model import CHANNELS, MODES, SEVERITY_RANK
from reasonlint.registry import RULES, Rule, get_rule, resolve_codes

EXPECTED_CODES = (
    "RL101", "RL102", "RL103",
    "RL201", "RL202", "RL203", "RL204", "RL205", "RL206",
    "RL301", "RL302", "RL303", "RL304",
    "RL401", "RL402", "RL403",
)
IDS = [r.code for r in RULES]


def codes_of(rule: Rule, which: str) -> list[str]:
    ex = getattr(rule, which)
    result = reasonlint.check(ex.text, mode=ex.mode, complaint=ex.complaint, channel=ex.channel)
    return [f.code for f in result.findings]


def test_catalogue_has_every_documented_code_in_order() -> None:
    assert tuple(r.code for r in RULES) == EXPECTED_CODES


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_fields(rule: Rule) -> None:
    assert re.fullmatch(r"RL[1-9]\d\d", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.severity in SEVERITY_RANK
    # Summary and why are user-facing: Chinese, one line, and saying something.
    for text in (rule.summary, rule.why):
        assert len(text.strip()) >= 10
        assert "\n" not in text
        assert re.search(r"[\u4e00-\u9fff]", text)
    for ex in (rule.bad, rule.good):
        assert ex.text.strip()
        assert ex.mode in MODES
        assert ex.channel is None or ex.channel in CHANNELS
    assert rule.bad.text != rule.good.text


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_bad_example_fires_the_rule(rule: Rule) -> None:
    assert rule.code in codes_of(rule, "bad")


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_good_example_does_not_fire_the_rule(rule: Rule) -> None:
    assert rule.code not in codes_of(rule, "good")


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_get_rule_by_code_and_name(rule: Rule) -> None:
    assert get_rule(rule.code) is rule
    assert get_rule(rule.code.lower()) is rule
    assert get_rule(rule.name) is rule
    assert get_rule(f" {rule.name.upper()} ") is rule


def test_get_rule_unknown_names_the_way_out() -> None:
    with pytest.raises(KeyError, match="reasonlint rules"):
        get_rule("RL999")


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["RL2"], {c for c in EXPECTED_CODES if c.startswith("RL2")}),
        (["rl30"], {"RL301", "RL302", "RL303", "RL304"}),
        (["ALL"], {"RL001", *EXPECTED_CODES}),   # RL001 unused-suppression is a rule too
        (["missing-date", "RL101", ""], {"RL203", "RL101"}),
        ([], set()),
    ],
)
def test_resolve_codes(keys: list[str], expected: set[str]) -> None:
    assert resolve_codes(keys) == expected


def test_resolve_codes_rejects_unknown() -> None:
    with pytest.raises(KeyError):
        resolve_codes(["no-such-rule"])
