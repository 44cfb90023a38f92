"""End-to-end tests of ``reasonlint check`` on small files written in tmp_path."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE, run


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write(path: str, text: str, encoding: str = "utf-8") -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding))
    return p


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_clean_file_exits_zero() -> None:
    write("ok.txt", GOOD + "\n")
    r = run("check", "ok.txt")
    assert r.code == 0
    assert "共检查 1 条理由：通过 1" in r.out


def test_template_reason_fails_with_location_and_marks() -> None:
    write("bad.txt", "# 注释行\n\n" + TEMPLATE + "\n")
    r = run("check", "bad.txt")
    assert r.code == 1
    assert "bad.txt:3:1: RL101 [warning] template-phrase" in r.out
    assert "RL201 [error] missing-resolution" in r.out
    # "问题已解决" is five wide characters: ten carets.
    assert "\n  | ^^^^^^^^^^\n" in r.out
    assert "建议改写：" in r.out
    assert "驳回（reject）" in r.out


def test_fail_on_and_exit_zero() -> None:
    write("r.txt", NO_DATE + "\n")           # only warnings
    assert run("check", "r.txt").code == 0
    assert run("check", "r.txt", "--fail-on", "warning").code == 1
    assert run("check", "r.txt", "--fail-on", "warning", "--exit-zero").code == 0


def test_min_score() -> None:
    write("r.txt", NO_DATE + "\n")
    score = jsonl(run("check", "r.txt", "--format", "jsonl").out)[0]["score"]
    assert run("check", "r.txt", "--min-score", str(score)).code == 0
    assert run("check", "r.txt", "--min-score", str(score + 1)).code == 1


def test_select_ignore_by_code_and_name() -> None:
    write("r.txt", NO_DATE + "\n")
    codes = lambda *a: {f["code"] for o in jsonl(run("check", "r.txt", "--format", "jsonl", *a).out)
                        for f in o["findings"]}
    assert "RL203" in codes()
    assert "RL203" not in codes("--ignore", "missing-date")
    assert "RL203" not in codes("--ignore", "RL203")
    assert codes("--select", "RL203") == {"RL203"}
    assert codes("--select", "RL1", "--extend-select", "missing-date") <= {"RL101", "RL102", "RL103", "RL203"}


def test_unknown_rule_is_usage_error() -> None:
    write("r.txt", GOOD + "\n")
    r = run("check", "r.txt", "--select", "RL999")
    assert r.code == 2
    assert "RL999" in r.err


def test_bad_option_value_exits_2() -> None:
    write("r.txt", GOOD + "\n")
    assert run("check", "r.txt", "--output-format", "xml").code == 2
    assert run("check").code == 2


def test_stdin_and_stdin_filename() -> None:
    r = run("check", "-", "--format", "jsonl", input=(TEMPLATE + "\n" + GOOD + "\n").encode())
    objs = jsonl(r.out)
    assert [o["line"] for o in objs] == [1, 2]
    assert objs[0]["path"] == "-"
    r = run("check", "-", "--stdin-filename", "x.csv", "--format", "jsonl",
            input=f"id,理由\n1,{GOOD}\n".encode())
    assert jsonl(r.out)[0]["path"] == "x.csv"
    assert jsonl(r.out)[0]["column"] == 3


def test_folder_recursion_by_extension() -> None:
    write("d/a.txt", GOOD + "\n")
    write("d/sub/b.json", json.dumps([TEMPLATE], ensure_ascii=False))
    write("d/sub/c.md", TEMPLATE + "\n")          # not a reason file
    write("d/.hidden/e.txt", TEMPLATE + "\n")     # hidden folders are skipped
    objs = jsonl(run("check", "d", "--format", "jsonl").out)
    assert [Path(o["path"]).as_posix() for o in objs] == ["d/a.txt", "d/sub/b.json"]
    assert objs[1]["key"] == "$[0]"


def test_missing_file_reported_others_still_checked() -> None:
    write("ok.txt", TEMPLATE + "\n")
    r = run("check", "nope.txt", "ok.txt", "--format", "jsonl")
    assert r.code == 2
    assert r.err.startswith("nope.txt: ")
    assert len(jsonl(r.out)) == 1


def test_binary_and_undecodable_files_skipped_exit_2() -> None:
    Path("bin.txt").write_bytes(b"\x00\x01\x02binary\xff\x00")
    write("ok.txt", GOOD + "\n")
    r = run("check", "bin.txt", "ok.txt", "--exit-zero")
    assert r.code == 2
    assert len([l for l in r.err.splitlines() if l.startswith("bin.txt: ")]) == 1
    assert "Traceback" not in r.err
    assert "共检查 1 条理由" in r.out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_encodings_detected(encoding: str) -> None:
    write("r.txt", TEMPLATE + "\n" + GOOD + "\n", encoding)
    objs = jsonl(run("check", "r.txt", "--format", "jsonl").out)
    assert [o["text"] for o in objs] == [TEMPLATE, GOOD]


def test_forced_encoding() -> None:
    write("r.txt", GOOD + "\n", "gbk")
    assert jsonl(run("check", "r.txt", "--encoding", "gbk", "--format", "jsonl").out)[0]["text"] == GOOD
    r = run("check", "r.txt", "--encoding", "utf-8")
    assert r.code == 2 and r.err.startswith("r.txt: ")
    assert run("check", "r.txt", "--encoding", "no-such-codec").code == 2


def test_paragraph_units() -> None:
    write("p.txt", "商家已于11月3日补发货，\n订单号20261103001，物流记录已附。\n\n" + TEMPLATE + "\n")
    objs = jsonl(run("check", "p.txt", "--unit", "paragraph", "--format", "jsonl").out)
    assert [o["line"] for o in objs] == [1, 4]
    assert objs[0]["text"].startswith("商家") and "\n" in objs[0]["text"]


def test_complaint_option_and_column() -> None:
    reason = "商家已于11月3日补发货，订单号20261103001，物流记录已附。"
    r = run("check", "-", "--complaint", "退款未到账", "--format", "jsonl", input=reason.encode())
    assert "RL303" in {f["code"] for f in jsonl(r.out)[0]["findings"]}
    write("c.csv", f"reason,complaint\n{reason},退款未到账\n{reason},没有发货\n")
    objs = jsonl(run("check", "c.csv", "--format", "jsonl").out)
    assert ["RL303" in {f["code"] for f in o["findings"]} for o in objs] == [True, False]
    assert objs[0]["complaint"] == "退款未到账"


def test_mode_template_allows_placeholders() -> None:
    write("t.txt", "商家已于X月X日补发货，订单号XXX，物流记录已附。\n")
    reason = {f["code"] for f in jsonl(run("check", "t.txt", "--format", "jsonl").out)[0]["findings"]}
    template = jsonl(run("check", "t.txt", "--mode", "template", "--format", "jsonl").out)[0]
    assert "RL304" in reason
    assert template["mode"] == "template"
    assert "RL304" not in {f["code"] for f in template["findings"]}


def test_output_file_written_atomically() -> None:
    write("r.txt", TEMPLATE + "\n")
    Path("out").mkdir()
    r = run("check", "r.txt", "--format", "json", "--output", "out/report.json")
    assert r.code == 1
    assert r.out == ""
    data = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
    assert data[0]["path"] == "r.txt"
    assert os.listdir("out") == ["report.json"]


def test_statistics_and_quiet() -> None:
    write("r.txt", TEMPLATE + "\n" + NO_DATE + "\n")
    r = run("check", "r.txt", "--statistics")
    stat_lines = [l for l in r.out.splitlines() if "RL203" in l and "missing-date" in l and "[warning]" in l]
    assert stat_lines and stat_lines[-1].split()[0] == "2"
    q = run("check", "r.txt", "--quiet")
    assert "共检查" not in q.out and "建议改写" not in q.out
    assert "RL203" in q.out
    # Machine formats keep stdout parseable: statistics go to stderr.
    j = run("check", "r.txt", "--format", "json", "--statistics")
    json.loads(j.out)
    assert "RL203" in j.err


def test_jobs_gives_same_output_as_serial() -> None:
    lines = [TEMPLATE, GOOD, NO_DATE, "已退款"] * 150
    write("many.txt", "\n".join(lines) + "\n")
    serial = run("check", "many.txt", "--format", "jsonl")
    parallel = run("check", "many.txt", "--format", "jsonl", "--jobs", "3")
    assert parallel.code == serial.code == 1
    assert parallel.out == serial.out
    assert len(jsonl(serial.out)) == len(lines)


def test_jobs_1_starts_no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    def no_pool(*a, **k):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", no_pool)
    write("r.txt", GOOD + "\n")
    assert run("check", "r.txt", "--jobs", "1").code == 0


def test_color_only_when_asked_by_terminal() -> None:
    write("r.txt", TEMPLATE + "\n")
    assert "\x1b[" not in run("check", "r.txt").out


def test_python_dash_m_subprocess(tmp_path: Path) -> None:
    write("r.txt", TEMPLATE + "\n")
    env = {**os.environ, "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "reasonlint", "check", "r.txt", "--format", "concise"],
                       capture_output=True, text=True, encoding="utf-8", env=env)
    assert p.returncode == 1
    assert p.stdout.startswith("r.txt:1:")


def test_progress_counter_only_after_threshold() -> None:
    import io

    from reasonlint.cli.runloop import PROGRESS_AFTER, Progress

    stream = io.StringIO()
    p = Progress(True, stream)
    for _ in range(PROGRESS_AFTER - 1):
        p.tick()
    assert stream.getvalue() == ""
    for _ in range(1000):
        p.tick()
    p.close()
    assert f"已检查 {PROGRESS_AFTER + 500} 条理由" in stream.getvalue()
    assert stream.getvalue().endswith("\r")
    bar = io.StringIO()
    p = Progress(True, bar, total=PROGRESS_AFTER * 2)
    for _ in range(PROGRESS_AFTER):
        p.tick()
    assert "[" + "#" * 15 + "." * 15 + "]  50%" in bar.getvalue()
    quiet = io.StringIO()
    off = Progress(False, quiet)
    for _ in range(PROGRESS_AFTER * 2):
        off.tick()
    assert quiet.getvalue() == ""


def test_output_into_missing_folder_is_an_error() -> None:
    write("r.txt", GOOD + "\n")
    r = run("check", "r.txt", "--output", "no/such/dir/out.txt")
    assert r.code == 2
    assert r.err.startswith("no/such/dir/out.txt: ")
