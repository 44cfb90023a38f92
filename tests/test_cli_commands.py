"""``explain``, ``suggest``, ``rules``, ``rule``, ``--version`` and start-up cost."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import reasonlint
from reasonlint.rules import RULES

from cli_helpers import GOOD, TEMPLATE, run


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_version() -> None:
    r = run("--version")
    assert r.code == 0
    build = "compiled" if reasonlint.COMPILED else "pure Python"
    assert r.out.strip() == f"reasonlint {reasonlint.__version__} ({build})"


def test_help_lists_commands() -> None:
    r = run("--help")
    assert r.code == 0
    for name in ("check", "explain", "suggest", "rules", "rule"):
        assert name in r.out


def test_unknown_command_exits_2() -> None:
    assert run("frobnicate").code == 2


def test_rules_table_lists_every_rule() -> None:
    r = run("rules")
    assert r.code == 0
    for rule in RULES:
        line = next(l for l in r.out.splitlines() if l.startswith(rule.code + " "))
        assert rule.name in line and rule.severity in line and rule.summary in line


def test_rules_json() -> None:
    data = json.loads(run("rules", "--json").out)
    assert [d["code"] for d in data] == [r.code for r in RULES]


@pytest.mark.parametrize("key", ["RL203", "missing-date", "rl203"])
def test_rule_by_code_or_name(key: str) -> None:
    r = run("rule", key)
    assert r.code == 0
    rule = next(x for x in RULES if x.code == "RL203")
    for part in (rule.code, rule.name, rule.summary, rule.why, rule.bad.text, rule.good.text, rule.severity):
        assert part in r.out


def test_rule_shows_example_context() -> None:
    r = run("rule", "complaint-mismatch")
    assert "原投诉：退款未到账" in r.out


def test_rule_unknown() -> None:
    r = run("rule", "RL999")
    assert r.code == 2
    assert "RL999" in r.err


def test_rule_unused_suppression() -> None:
    r = run("rule", "unused-suppression")
    assert r.code == 0 and "RL001" in r.out


def test_explain_shows_every_part() -> None:
    r = run("explain", TEMPLATE)
    assert r.code == 0
    result = reasonlint.check(TEMPLATE)
    assert f"得分：{result.score}/100" in r.out
    assert "分词：" in r.out and " / " in r.out
    for name, points in result.parts.items():
        if name != "total":         # the total is the score line
            assert f"{points:+d}" in r.out and name in r.out
    for f in result.findings:
        assert f.code in r.out
    assert f"建议改写：{result.suggestion}" in r.out


def test_explain_json() -> None:
    data = json.loads(run("explain", GOOD, "--json").out)
    result = reasonlint.check(GOOD)
    assert data["score"] == result.score and data["verdict"] == result.verdict
    assert [t["text"] for t in data["tokens"]] == [t.text for t in reasonlint.Linter().tokens(GOOD)]
    assert data["parts"] == dict(result.parts)


def test_explain_entities_listed() -> None:
    r = run("explain", GOOD)
    for e in reasonlint.check(GOOD).entities:
        assert e.text in r.out


def test_suggest_prints_rewrite_only() -> None:
    r = run("suggest", TEMPLATE)
    assert r.code == 0
    assert r.out.strip() == reasonlint.check(TEMPLATE).suggestion


def test_suggest_with_context_and_mode() -> None:
    text = "商家已补发货，订单号20261103001"
    r = run("suggest", text, "--complaint", "退款未到账", "--channel", "payment")
    expected = reasonlint.check(text, complaint="退款未到账", channel="payment").suggestion
    assert r.out.strip() == expected
    assert run("suggest", text, "--channel", "nowhere").code == 2


@pytest.mark.parametrize("args", [["rules"], ["rule", "RL201"], ["--version"]])
def test_catalogue_commands_do_not_load_jieba(args: list[str]) -> None:
    code = ("import sys\nfrom reasonlint.cli import main\nrc = main(%r)\n"
            "assert rc == 0, rc\n"
            "assert 'jieba' not in sys.modules, 'jieba loaded'\n"
            "assert 'reasonlint.linter' not in sys.modules, 'linter loaded'\n" % (args,))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 0, p.stderr


def test_cli_module_import_is_cheap() -> None:
    code = ("import sys\nimport reasonlint.cli\n"
            "assert 'jieba' not in sys.modules\nassert 'reasonlint.linter' not in sys.modules\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
