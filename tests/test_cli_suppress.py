"""Suppression comments end to end, and the unused-suppression finding (RL001)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reasonlint.suppress import parse_directive

from cli_helpers import GOOD, NO_DATE, run


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def objects(*args: str) -> list[dict]:
    return [json.loads(l) for l in run("check", *args, "--format", "jsonl").out.splitlines()]


def test_next_line_disable_by_code_and_name() -> None:
    bare = "商家已补发货，订单号20261103001。"      # no date, no evidence
    Path("r.txt").write_text(f"# reasonlint: disable=RL203,missing-evidence\n{bare}\n{bare}\n",
                             encoding="utf-8")
    first, second = objects("r.txt")
    assert not {"RL203", "RL205"} & {f["code"] for f in first["findings"]}
    assert first["suppressed"] == 2
    assert "RL203" in {f["code"] for f in second["findings"]}


def test_disable_file_applies_to_whole_file_even_above_it() -> None:
    Path("r.txt").write_text(f"{NO_DATE}\n# reasonlint: disable-file=RL203\n{NO_DATE}\n", encoding="utf-8")
    objs = objects("r.txt")
    assert all("RL203" not in {f["code"] for f in o["findings"]} for o in objs)
    assert [o["suppressed"] for o in objs] == [1, 1]


def test_unused_suppression_reported_at_comment() -> None:
    Path("r.txt").write_text(f"# reasonlint: disable=RL203\n{GOOD}\n# reasonlint: disable-file=RL402\n",
                             encoding="utf-8")
    r = run("check", "r.txt", "--format", "concise")
    lines = [l for l in r.out.splitlines() if "RL001" in l]
    assert len(lines) == 2
    assert lines[0].startswith("r.txt:1:1: RL001 [warning] unused-suppression")
    assert "RL203" in lines[0]
    assert lines[1].startswith("r.txt:3:1: RL001") and "RL402" in lines[1]
    assert r.code == 0                      # a warning: below the default --fail-on error
    assert run("check", "r.txt", "--fail-on", "warning").code == 1
    assert "RL001" not in run("check", "r.txt", "--ignore", "RL001", "--format", "concise").out


def test_a_comment_with_no_reason_after_it_suppresses_nothing() -> None:
    # At the end of the file it has no reason to apply to: the reasons above keep
    # their findings, and the comment is reported as unused. Its RL001 is no
    # file-wide suppression of RL001 either (only disable-file is).
    Path("r.txt").write_text(f"{NO_DATE}\n\n# reasonlint: disable=RL203,RL001\n", encoding="utf-8")
    r = run("check", "r.txt", "--format", "concise")
    lines = r.out.splitlines()
    assert lines[0].startswith("r.txt:1:1: RL203 ")
    assert lines[1].startswith("r.txt:3:1: RL001 ") and "未使用的抑制：RL203（" in lines[1]
    assert "已抑制" not in r.out


def test_unknown_code_in_directive_is_reported() -> None:
    Path("r.txt").write_text(f"# reasonlint: disable=RL999\n{GOOD}\n", encoding="utf-8")
    out = run("check", "r.txt", "--format", "concise").out
    assert "RL001" in out and "RL999" in out


def test_suppressed_counted_in_statistics() -> None:
    Path("r.txt").write_text(f"# reasonlint: disable=RL203\n{NO_DATE}\n", encoding="utf-8")
    r = run("check", "r.txt", "--statistics")
    assert "已抑制 1 个" in r.out
    assert any(l.split()[-1] == "已抑制" and l.split()[0] == "1" for l in r.out.splitlines() if l.strip())


def test_unused_suppression_in_json_output() -> None:
    Path("r.txt").write_text(f"# reasonlint: disable=RL203\n{GOOD}\n", encoding="utf-8")
    objs = objects("r.txt")
    sup = [o for o in objs if o["kind"] == "suppression"]
    assert len(sup) == 1 and sup[0]["findings"][0]["code"] == "RL001"
    assert sup[0]["schema_version"] == 1 and sup[0]["line"] == 1


def test_parse_directive() -> None:
    d = parse_directive("  # reasonlint: disable = RL203, missing-date ,RL205", 7)
    assert d is not None and d.kind == "disable" and d.line == 7 and d.column == 3
    assert d.covers == {"RL203", "RL205"} and not d.unknown
    assert parse_directive("# just a comment", 1) is None
    typo = parse_directive("# reasonlint: disabel=RL203", 1)
    assert typo is not None and typo.unknown
