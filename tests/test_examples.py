"""The bundled examples/ show every rule, and the template store is clean."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reasonlint.cli import main
from reasonlint.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FORMATS = {".txt", ".csv", ".json", ".jsonl", ".yaml"}


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    rc = main(["check", "--no-config", "--output-format", "json", *args])
    out = capsys.readouterr().out
    return rc, [r for r in json.loads(out) if r.get("kind") == "reason"]


def codes(records: list[dict[str, Any]]) -> set[str]:
    return {f["code"] for r in records for f in r["findings"]}


@pytest.mark.parametrize("folder", ["reasons", "templates"])
def test_every_format_is_represented(folder: str) -> None:
    assert {p.suffix for p in (EXAMPLES / folder).iterdir()} == FORMATS


def test_examples_show_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    rc, reasons = lint(capsys, str(EXAMPLES / "reasons"))
    assert rc == 1
    rc, rejected = lint(capsys, "--mode", "template", str(EXAMPLES / "bad-templates"))
    assert rc == 1
    seen = codes(reasons) | codes(rejected)
    reason_rules = {r.code for r in RULES if r.scope == "reason"}
    assert seen == reason_rules, f"no example for: {sorted(reason_rules - seen)}"


def test_good_reasons_are_accepted_without_findings(capsys: pytest.CaptureFixture[str]) -> None:
    rc, records = lint(capsys, str(EXAMPLES / "reasons" / "good.txt"))
    assert rc == 0
    assert len(records) >= 5
    for r in records:
        assert r["verdict"] == "accept", r["text"]
        assert r["findings"] == [], r["text"]


def test_each_bad_reason_shows_a_problem(capsys: pytest.CaptureFixture[str]) -> None:
    rc, records = lint(capsys, str(EXAMPLES / "reasons" / "bad.txt"))
    assert rc == 1
    assert records
    for r in records:
        assert r["findings"], r["text"]
    assert "reject" in {r["verdict"] for r in records}


def test_template_store_passes_in_template_mode(capsys: pytest.CaptureFixture[str]) -> None:
    rc, records = lint(capsys, "--mode", "template", str(EXAMPLES / "templates"))
    assert rc == 0
    assert {Path(r["path"]).suffix for r in records} == FORMATS
    errors = [f for r in records for f in r["findings"] if f["severity"] == "error"]
    assert errors == []


def test_template_store_fails_in_reason_mode(capsys: pytest.CaptureFixture[str]) -> None:
    # The same texts submitted as they are would still hold their placeholders.
    rc, records = lint(capsys, str(EXAMPLES / "templates" / "store.txt"))
    assert rc == 1
    assert all("RL304" in {f["code"] for f in r["findings"]} for r in records)
