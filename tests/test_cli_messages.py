"""What the command line prints and returns: one line per problem, exit 2 for errors,
valid machine output, help in Chinese."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE, run

pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def no_traceback(err: str) -> list[str]:
    assert "Traceback" not in err, err
    return err.splitlines()


# --- file names reach no line start raw -----------------------------------------------------

def test_a_file_name_cannot_inject_a_ci_command() -> None:
    name = "::error title=X::p.txt"
    missing = run("check", "--no-config", name)
    assert missing.code == 2
    assert no_traceback(missing.err) == [f"./{name}: 文件或目录不存在"]
    Path(name).write_text(TEMPLATE + "\n", encoding="utf-8")
    for fmt in ("full", "concise"):
        out = run("check", "--no-config", "--format", fmt, name).out
        assert not [line for line in out.splitlines() if line.startswith("::")], out
        assert f"./{name}:1:1: RL101" in out


def test_escape_and_bidi_characters_in_names_are_shown_not_sent() -> None:
    Path("r.txt").write_text(TEMPLATE + "\n", encoding="utf-8")
    name = "out\x1b[31m\u202e.txt"
    Path(name).symlink_to("r.txt")
    r = run("check", "--no-config", "-o", name, "r.txt")
    assert r.code == 2
    [line] = no_traceback(r.err)
    assert "\x1b" not in line and "\u202e" not in line
    assert "\u241b[31m" in line and "\\u202e" in line


# --- errors: one line, exit 2 ----------------------------------------------------------------

def test_a_nul_in_a_lexicon_folder_name_is_a_config_error() -> None:
    Path("pyproject.toml").write_text('[tool.reasonlint]\nlexicons = ["a\\u0000b"]\n', encoding="utf-8")
    Path("r.txt").write_text(GOOD + "\n", encoding="utf-8")
    r = run("check", "r.txt")
    assert r.code == 2
    [line] = no_traceback(r.err)
    assert line.startswith(f"{Path.cwd() / 'pyproject.toml'}:2: lexicons: ")


def test_a_deeply_nested_toml_array_in_a_parent_folder(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_tmp / "pyproject.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (in_tmp / "sub").mkdir()
    monkeypatch.chdir(in_tmp / "sub")
    Path("r.txt").write_text(GOOD + "\n", encoding="utf-8")
    r = run("check", "r.txt")    # another project's file: not read at all
    assert (r.code, no_traceback(r.err)) == (0, [])
    (in_tmp / "pyproject.toml").write_text("[tool.reasonlint]\nx = " + "[" * 5000 + "]" * 5000 + "\n",
                                           encoding="utf-8")
    r = run("check", "r.txt")
    assert r.code == 2
    [line] = no_traceback(r.err)
    assert "嵌套过深" in line


def test_channel_unknown_is_accepted_where_it_is_offered() -> None:
    r = run("suggest", "问题已解决", "--channel", "unknown", "--no-config")
    assert r.code == 0 and r.out.strip() and no_traceback(r.err) == []
    Path("r.csv").write_text(f"reason,channel\n{GOOD},unknown\n", encoding="utf-8")
    r = run("check", "--no-config", "--format", "json-lines", "--channel", "unknown", "r.csv")
    assert (r.code, no_traceback(r.err)) == (0, [])
    assert json.loads(r.out)["channel"] == "unknown"


def test_a_csv_channel_cell_holding_unknown_is_accepted() -> None:
    # The value reasonlint itself prints for a record without a channel reads back in.
    Path("r.csv").write_text(f"reason,channel\n{GOOD},unknown\n", encoding="utf-8")
    r = run("check", "--no-config", "--format", "json-lines", "r.csv")
    assert (r.code, no_traceback(r.err)) == (0, [])
    assert json.loads(r.out)["channel"] == "unknown"


def test_an_internal_error_exits_2_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from reasonlint.cli import runloop

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(runloop.Run, "feed", broken)
    Path("r.txt").write_text(GOOD + "\n", encoding="utf-8")
    r = run("check", "--no-config", "r.txt")
    assert r.code == 2
    assert no_traceback(r.err) == ["内部错误：RuntimeError: boom"]


# --- machine output stays valid --------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_statistics_never_go_into_a_machine_report(fmt: str) -> None:
    Path("r.txt").write_text(f"{TEMPLATE}\n{NO_DATE}\n", encoding="utf-8")
    r = run("check", "--no-config", "--format", fmt, "--statistics", "-o", "out.json", "r.txt")
    assert r.code == 1
    json.loads(Path("out.json").read_text(encoding="utf-8"))
    assert "RL203" in r.err   # the table went to standard error


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "gitlab"])
def test_machine_formats_are_utf8_on_any_console(fmt: str) -> None:
    Path("r.txt").write_text(f"{TEMPLATE}😀\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reasonlint", "check", "--no-config", "--format", fmt, "r.txt"],
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "gbk"}, timeout=120)
    assert done.returncode == 1, done.stderr
    text = done.stdout.decode("utf-8")
    docs = [json.loads(line) for line in text.splitlines()] if fmt == "json-lines" else [json.loads(text)]
    if fmt.startswith("json"):   # the formats that carry the reason's text
        assert "😀" in json.dumps(docs, ensure_ascii=False)


# --- the smaller ones ------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["suggest", "explain"])
def test_dash_reads_the_text_from_stdin(command: str) -> None:
    # NO_DATE keeps its order number in the rewrite: a template's rewrite is the same for
    # any text, "-" included, and could not tell stdin from the literal string.
    piped = run(command, "--no-config", "-", input=NO_DATE.encode())
    given = run(command, "--no-config", NO_DATE)
    assert piped.code == 0 and piped.out == given.out
    assert "20261103001" in piped.out and "理由：-" not in piped.out


def test_quiet_prints_no_line_without_a_code() -> None:
    Path("r.txt").write_text(f"# reasonlint: disable=RL101,RL201,RL202,RL203,RL205\n{TEMPLATE}\n",
                             encoding="utf-8")
    r = run("check", "--no-config", "--quiet", "r.txt")
    assert r.out == ""


def test_findings_come_in_the_order_of_their_places() -> None:
    text = "订单号XXX，商家还没补发，问题已解决"   # catalogue order (RL101 first) is not place order
    Path("r.txt").write_text(text + "\n", encoding="utf-8")
    lines = run("check", "--no-config", "--format", "concise", "--quiet", "r.txt").out.splitlines()
    places = [tuple(int(x) for x in line.split(":")[1:3]) for line in lines]
    assert places == sorted(places) and len(places) > 1


def test_an_empty_output_name_is_a_usage_error() -> None:
    Path("r.txt").write_text(GOOD + "\n", encoding="utf-8")
    r = run("check", "--no-config", "--output", "", "r.txt")
    assert (r.code, r.out) == (2, "")
    [line] = no_traceback(r.err)
    assert line.startswith("--output: ")


def test_a_blank_rule_code_is_a_config_error() -> None:
    Path("reasonlint.toml").write_text('select = [""]\n', encoding="utf-8")
    Path("r.txt").write_text(TEMPLATE + "\n", encoding="utf-8")
    r = run("check", "r.txt")
    assert r.code == 2
    [line] = no_traceback(r.err)
    assert line.startswith(f"{Path.cwd() / 'reasonlint.toml'}:1: select: 空的规则代码")
    assert run("check", "--no-config", "--select", "", "r.txt").code == 2


def test_a_rejected_reason_fails_the_run_even_with_warnings_only() -> None:
    import reasonlint

    text = "商家已补发货"
    result = reasonlint.check(text)
    assert result.verdict == "reject" and {f.severity for f in result.findings} == {"warning"}
    Path("r.txt").write_text(text + "\n", encoding="utf-8")
    assert run("check", "--no-config", "r.txt").code == 1
    assert run("check", "--no-config", "--exit-zero", "r.txt").code == 0
    # Every finding suppressed: nothing is reported, and the run passes.
    codes = ",".join(sorted({f.code for f in result.findings}))
    Path("r.txt").write_text(f"# reasonlint: disable={codes}\n{text}\n", encoding="utf-8")
    assert run("check", "--no-config", "r.txt").code == 0


def test_help_is_chinese_with_examples_and_exit_codes() -> None:
    for args in (["--help"], ["check", "--help"], ["explain", "-h"]):
        r = run(*args)
        assert r.code == 0
        for english in ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "[default"):
            assert english not in r.out, (args, english)
        assert "用法：" in r.out
    check_help = run("check", "--help").out
    assert "示例" in check_help and "退出码" in check_help and "2  用法" in check_help


def test_click_errors_are_one_chinese_line() -> None:
    r = run("check", "--frobnicate", "x")
    assert r.code == 2
    [line] = no_traceback(r.err)
    assert line.startswith("没有这个选项：--frobnicate")
    r = run("check", "--format", "nope", "x")
    [line] = no_traceback(r.err)
    assert "'nope' 不是可选值" in line and "Invalid" not in line
