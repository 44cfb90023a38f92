"""The human and machine output formats, on fake results and end to end."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reasonlint.model import Finding, Result
from reasonlint.report import Checked, Located, Stats, make
from reasonlint.report.base import display_width
from reasonlint.report.github import command
from reasonlint.sources import Unit

from cli_helpers import TEMPLATE, run


def fake(text: str, findings: list[Finding], *, verdict: str = "revise", line: int = 3,
         column: int = 1, key: str | None = None) -> Checked:
    result = Result(text=text, mode="reason", score=40, verdict=verdict, resolution="none",
                    channel="unknown", entities=[], findings=findings, suggestion="改成这样",
                    missing=["date"])
    unit = Unit(text, "r.txt", line, column, key)
    return Checked(unit, result, [Located.of(f, unit) for f in findings])


def render(fmt: str, *items: Checked, quiet: bool = False) -> str:
    out = io.StringIO()
    reporter = make(fmt, out, quiet=quiet)
    reporter.start()
    stats = Stats()
    for item in items:
        reporter.reason(item)
        stats.reasons += 1
        stats.verdicts[item.result.verdict] += 1
        for lf in item.findings:
            stats.add_finding(lf.finding)
    reporter.finish(stats)
    return out.getvalue()


F = Finding("RL101", "template-phrase", "warning", "模板话术", 2, 5)


def test_display_width() -> None:
    assert display_width("ab") == 2
    assert display_width("问题") == 4
    assert display_width("ＡＢ") == 4        # fullwidth Latin


def test_full_marks_span_under_wide_characters() -> None:
    out = render("full", fake("a问题已解决", [F], column=3))
    lines = out.splitlines()
    assert lines[0] == "r.txt:3:5: RL101 [warning] template-phrase 模板话术"
    text_line = next(l for l in lines if l.startswith("3 | "))
    mark_line = lines[lines.index(text_line) + 1]
    assert text_line == "3 | a问题已解决"
    # "a问" is 3 columns wide, "题已解" 6: carets sit under exactly those characters.
    assert mark_line == "  | " + " " * 3 + "^" * 6
    assert "得分 40/100" in out and "建议改写：改成这样" in out
    assert out.rstrip().endswith("。")


def test_full_skips_accepted_clean_reasons_and_quiet_drops_extras() -> None:
    assert render("full", fake("很好", [], verdict="accept")).startswith("共检查 1 条理由")
    quiet = render("full", fake("问题已解决", [F]), quiet=True)
    assert quiet.splitlines() == ["r.txt:3:3: RL101 [warning] template-phrase 模板话术"]


def test_concise_one_line_per_finding() -> None:
    g = Finding("RL203", "missing-date", "warning", "缺日期", 0, 5)
    out = render("concise", fake("问题已解决", [F, g]))
    assert out.splitlines()[:2] == ["r.txt:3:3: RL101 [warning] template-phrase 模板话术",
                                    "r.txt:3:1: RL203 [warning] missing-date 缺日期"]


def test_multiline_unit_positions() -> None:
    f = Finding("RL101", "template-phrase", "warning", "m", 4, 6)
    item = fake("第一行\n第二行", [f], line=10)
    assert (item.findings[0].line, item.findings[0].column) == (11, 1)
    assert (item.findings[0].end_line, item.findings[0].end_column) == (11, 3)


def test_json_and_jsonl_schema() -> None:
    item = fake("问题已解决", [F], key="$[0].reason")
    array = json.loads(render("json", item, item))
    lines = [json.loads(l) for l in render("json-lines", item).splitlines()]
    assert array[0] == lines[0]
    obj = lines[0]
    assert obj["schema_version"] == 1 and obj["kind"] == "reason"
    assert (obj["path"], obj["line"], obj["column"], obj["key"]) == ("r.txt", 3, 1, "$[0].reason")
    f = obj["findings"][0]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 3, 3, 6)
    assert (f["start"], f["end"]) == (2, 5)
    for key in ("score", "verdict", "resolution", "channel", "entities", "suggestion", "missing"):
        assert key in obj
    assert json.loads(render("json")) == []


def test_github_escaping_and_levels() -> None:
    unit = Unit("x", "a,b:c.txt", 1, 1)
    f = Finding("RL403", "multi-channel", "info", "50%\n换行", 0, 1)
    line = command(unit.path, Located.of(f, unit))
    assert line == ("::notice file=a%2Cb%3Ac.txt,line=1,col=1,endColumn=2,"
                    "title=RL403 multi-channel::50%25%0A换行\n")
    err = Finding("RL201", "missing-resolution", "error", "m", 0, 1)
    assert command("a.txt", Located.of(err, unit)).startswith("::error file=a.txt,")


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "json-lines", "jsonl", "text", "github", "sarif", "html"])
def test_every_format_end_to_end(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.txt").write_text(TEMPLATE + "\n", encoding="utf-8")
    r = run("check", "r.txt", "--output-format", fmt)
    assert r.code == 1
    assert "RL201" in r.out
    if fmt in ("json", "sarif"):
        json.loads(r.out)
    if fmt in ("json-lines", "jsonl"):
        assert all(json.loads(l)["schema_version"] == 1 for l in r.out.splitlines())
    if fmt == "github":
        assert all(l.startswith("::") for l in r.out.splitlines())


def test_no_color_respected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reasonlint.cli.output import use_color as _use_color

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color(Tty())
    assert not _use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_color(Tty())


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_control_characters_in_a_reason_are_shown_not_sent(fmt):
    text = "商家\x1b[31m已\x07补发XXX"
    start = text.index("XXX")
    finding = Finding("RL304", "unfilled-placeholder", "error", f"占位符“{text}”还没有填写", start, start + 3)
    out = render(fmt, fake(text, [finding]))
    assert not any(ord(c) < 0x20 and c not in "\n" for c in out), repr(out)
    assert "\u241b[31m" in out  # ESC as its picture, the rest as written
    if fmt == "full":
        lines = out.splitlines()
        shown = next(line for line in lines if "XXX" in line and line.startswith("3 |"))
        marks = lines[lines.index(shown) + 1]
        assert display_width(shown[:shown.index("XXX")]) == display_width(marks[:marks.index("^")])
