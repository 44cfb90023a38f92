"""The rule catalogue (reasonlint.rules): complete, consistent, and its examples do what they say."""
from __future__ import annotations

import re

import pytest

import reasonlint
from reasonlint.model import CHANNELS, MODES, SEVERITY_RANK
from reasonlint.rules import RULES, Rule, get_rule, resolve_codes

EXPECTED_CODES = (
    "RL001",
    "RL101", "RL102", "RL103", "RL104", "RL105", "RL106",
    "RL201", "RL202", "RL203", "RL204", "RL205", "RL206", "RL207",
    "RL301", "RL302", "RL303", "RL304", "RL305",
    "RL401", "RL402", "RL403",
)
IDS = [r.code for r in RULES]
REASON_RULES = [r for r in RULES if r.scope == "reason"]
REASON_IDS = [r.code for r in REASON_RULES]


def codes_of(rule: Rule, which: str) -> list[str]:
    ex = getattr(rule, which)
    result = reasonlint.check(ex.text, mode=ex.mode, complaint=ex.complaint, channel=ex.channel,
                              platform=ex.platform)
    return [f.code for f in result.findings]


def test_catalogue_has_every_documented_code_in_order() -> None:
    assert tuple(r.code for r in RULES) == EXPECTED_CODES


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_fields(rule: Rule) -> None:
    assert re.fullmatch(r"RL\d\d\d", rule.code)
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


@pytest.mark.parametrize("rule", REASON_RULES, ids=REASON_IDS)
def test_bad_example_fires_the_rule(rule: Rule) -> None:
    assert rule.code in codes_of(rule, "bad")


@pytest.mark.parametrize("rule", REASON_RULES, ids=REASON_IDS)
def test_good_example_does_not_fire_the_rule(rule: Rule) -> None:
    assert rule.code not in codes_of(rule, "good")


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_has_its_messages(rule: Rule) -> None:
    # Every message is Chinese text; a reason rule has a check of its own.
    assert rule.messages
    for key, text in rule.messages.items():
        assert re.search(r"[\u4e00-\u9fff]", text), (rule.code, key)
    if rule.scope == "reason":
        assert rule.check.__module__.startswith("reasonlint.rules."), rule.code
        assert rule.check.__name__ != "_no_check", rule.code


def test_message_templates_fill_from_their_hits() -> None:
    # Whatever a check returns must format: run each rule's bad example and read its messages.
    for rule in REASON_RULES:
        ex = rule.bad
        r = reasonlint.check(ex.text, mode=ex.mode, complaint=ex.complaint, channel=ex.channel,
                             platform=ex.platform)
        for f in r.findings:
            assert "{" not in f.message or rule.code in ("RL201", "RL202", "RL203", "RL205", "RL206", "RL305"), f.message


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
        (["rl30"], {"RL301", "RL302", "RL303", "RL304", "RL305"}),
        (["ALL"], set(EXPECTED_CODES)),
        (["missing-date", "RL101", ""], {"RL203", "RL101"}),
        ([], set()),
    ],
)
def test_resolve_codes(keys: list[str], expected: set[str]) -> None:
    assert resolve_codes(keys) == expected


def test_resolve_codes_rejects_unknown() -> None:
    with pytest.raises(KeyError):
        resolve_codes(["no-such-rule"])
