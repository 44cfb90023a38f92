"""SARIF output validated against the vendored SARIF 2.1.0 JSON schema."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import reasonlint
from reasonlint.rules import RULES

from cli_helpers import GOOD, NO_DATE, TEMPLATE, run

SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def sarif(*paths: str) -> dict:
    r = run("check", *paths, "--format", "sarif")
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def validate(doc: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)


def test_valid_against_schema_with_results() -> None:
    Path("sub").mkdir()
    Path("sub/理由 1.txt").write_text(f"# reasonlint: disable=RL402\n{TEMPLATE}\n{NO_DATE}\n", encoding="utf-8")
    Path("b.json").write_text(json.dumps({"x": GOOD}, ensure_ascii=False), encoding="utf-8")
    doc = sarif("sub", "b.json")
    validate(doc)
    results = doc["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"RL101", "RL201", "RL203", "RL001"}


def test_valid_with_no_results() -> None:
    Path("a.txt").write_text(GOOD + "\n", encoding="utf-8")
    doc = sarif("a.txt")
    validate(doc)
    assert doc["runs"][0]["results"] == []


def test_driver_and_rules() -> None:
    Path("a.txt").write_text(GOOD + "\n", encoding="utf-8")
    driver = sarif("a.txt")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "reasonlint" and driver["version"] == reasonlint.__version__
    assert driver["informationUri"].startswith("https://")
    by_id = {r["id"]: r for r in driver["rules"]}
    for rule in RULES:
        d = by_id[rule.code]
        assert d["shortDescription"]["text"] == rule.summary
        assert d["fullDescription"]["text"] == rule.why
        assert rule.bad.text in d["help"]["text"]


def test_result_fields() -> None:
    Path("a.txt").write_text(f"\n{TEMPLATE}\n", encoding="utf-8")
    results = sarif("a.txt")["runs"][0]["results"]
    # In the order of their places in the file (ties by code).
    expected = sorted(reasonlint.check(TEMPLATE).findings, key=lambda f: (f.start, max(f.start, f.end), f.code))
    assert len(results) == len(expected)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for res, f in zip(results, expected):
        assert res["ruleId"] == f.code and res["level"] == levels[f.severity]
        assert f.message in res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "a.txt"
        assert loc["region"] == {"startLine": 2, "startColumn": f.start + 1,
                                 "endLine": 2, "endColumn": f.end + 1}
        assert res["partialFingerprints"]["reasonlint/v1"]


def test_uri_is_relative_and_encoded() -> None:
    Path("子 目录").mkdir()
    Path("子 目录/a.txt").write_text(TEMPLATE + "\n", encoding="utf-8")
    uri = sarif(str(Path.cwd() / "子 目录"))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E5%AD%90%20%E7%9B%AE%E5%BD%95/a.txt"


def test_fingerprints_survive_moving_lines_and_differ_for_duplicates() -> None:
    Path("a.txt").write_text(f"{TEMPLATE}\n{TEMPLATE}\n", encoding="utf-8")
    before = [r["partialFingerprints"]["reasonlint/v1"] for r in sarif("a.txt")["runs"][0]["results"]]
    Path("a.txt").write_text(f"\n\n{TEMPLATE}\n{TEMPLATE}\n", encoding="utf-8")
    after = [r["partialFingerprints"]["reasonlint/v1"] for r in sarif("a.txt")["runs"][0]["results"]]
    assert before == after
    assert len(set(before)) == len(before)
