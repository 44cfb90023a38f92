"""Inputs built to break the reader: special files, growing files, closed streams,
nesting and alias bombs, huge numbers, repeated keys, quotes that never close."""
from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE, run
from reasonlint import sources
from reasonlint.sources import FileEnd, InputError, Options, Unit, expand, read


def units(path: Path, **opts: Any) -> list[Unit]:
    return [i for i in read(str(path), Options(**opts)) if isinstance(i, Unit)]


def errors(path: Path, **opts: Any) -> list[str]:
    return [str(i) for i in read(str(path), Options(**opts)) if isinstance(i, InputError)]


def finishes(fn: Callable[[], Any], seconds: float = 10) -> Any:
    """``fn()`` in a thread; fails (instead of hanging the suite) if it blocks."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return box[0]


# --- special files -------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and Unix sockets")
def test_special_files_in_a_folder_are_reported_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD + "\n", encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")          # reading it would wait forever for a writer
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "sock.csv"))
        found = list(expand([str(folder)]))
    finally:
        sock.close()
    assert found[1] == str(folder / "good.txt")
    bad = {os.path.basename(e.path): e.message for e in found if isinstance(e, InputError)}
    assert bad == {"fifo.txt": "不是普通文件，已跳过", "sock.csv": "不是普通文件，已跳过"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_reader_does_not_block_on_a_fifo(tmp_path: Path) -> None:
    # Even when a path turns into a FIFO after it was listed.
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    try:
        items = finishes(lambda: list(read(str(fifo), Options())))
    finally:
        try:   # let a reader blocked in open() go (only without the fix)
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    assert [type(i) for i in items] == [InputError, FileEnd]
    assert items[0].message == "不是普通文件，已跳过"


def test_symlink_loop_is_not_called_missing(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    [error] = list(expand([str(tmp_path / "loop.txt")]))
    assert isinstance(error, InputError)
    assert error.message.startswith("无法读取：") and "\n" not in error.message


def test_unlistable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root a chmod 000 folder stays readable, so the refusal is simulated.
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "r.txt").write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(GOOD + "\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(expand([str(tmp_path)]))
    assert str(tmp_path / "r.txt") in found
    [error] = [f for f in found if isinstance(f, InputError)]
    assert error.path == str(tmp_path / "locked") and "Permission denied" in error.message


def test_file_growing_while_read_ends_at_its_size_when_opened(tmp_path: Path) -> None:
    # Another program appending without end must not keep the run going forever.
    path = tmp_path / "r.txt"
    n = 5000                                   # well past the first block
    path.write_text((GOOD + "\n") * n, encoding="utf-8")
    got = 0
    with open(path, "a", encoding="utf-8") as writer:
        for item in read(str(path), Options()):
            if isinstance(item, Unit):
                got += 1
                if got == 1:
                    writer.write((TEMPLATE + "\n") * n)
                    writer.flush()
    assert got == n


# --- standard input --------------------------------------------------------------------------

class Recording(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[Any] = []

    def read(self, size: Any = -1) -> bytes:   # type: ignore[override]
        self.sizes.append(size)
        return super().read(size)

    def read1(self, size: Any = -1) -> bytes:   # type: ignore[override]
        self.sizes.append(size)
        return super().read1(size)


@pytest.mark.parametrize("name", ["r.txt", "r.jsonl", "r.csv"])
def test_stdin_is_never_read_whole(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Piped input can be larger than memory, and never ends: read as it comes, in blocks.
    n = 3000
    body = {"r.txt": (GOOD + "\n") * n, "r.jsonl": (json.dumps(GOOD, ensure_ascii=False) + "\n") * n,
            "r.csv": "reason\n" + (GOOD + "\n") * n}[name]
    stdin = Recording(body.encode())
    items = list(read("-", Options(stdin_filename=name), stdin))
    assert sum(isinstance(i, Unit) for i in items) == n
    assert not [i for i in items if isinstance(i, InputError)]
    assert all(isinstance(s, int) and 0 < s <= 1 << 20 for s in stdin.sizes), stdin.sizes


def test_closed_stdin_is_an_input_error() -> None:
    items = list(read("-", Options(), None))
    assert [type(i) for i in items] == [InputError, FileEnd]
    assert "标准输入" in items[0].message


def test_closed_standard_streams_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(TEMPLATE + "\n", encoding="utf-8")

    def close(fd: int) -> Callable[[], None]:
        return lambda: os.close(fd)

    base = [sys.executable, "-m", "reasonlint", "check", "--no-config"]
    no_stdin = subprocess.run(base + ["-", "r.txt"], cwd=tmp_path, capture_output=True, text=True,
                              timeout=60, preexec_fn=close(0))
    assert no_stdin.returncode == 2 and "Traceback" not in no_stdin.stderr
    assert no_stdin.stderr.splitlines()[0].startswith("-: ")
    assert "RL101" in no_stdin.stdout                          # r.txt was still checked
    no_stdout = subprocess.run(base + ["r.txt"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=close(1))
    assert (no_stdout.returncode, no_stdout.stderr) == (1, "")  # the exit code still tells


# --- JSON and YAML ---------------------------------------------------------------------------

def test_deeply_nested_json_is_one_error(tmp_path: Path) -> None:
    deep = "[" * 100_000 + '"x"' + "]" * 100_000
    (tmp_path / "r.json").write_text(deep, encoding="utf-8")
    [message] = errors(tmp_path / "r.json")
    assert "嵌套超过" in message
    # In JSON Lines the other lines are still read.
    (tmp_path / "r.jsonl").write_text(deep + "\n" + json.dumps(GOOD, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    assert [u.text for u in units(tmp_path / "r.jsonl")] == [GOOD]
    assert len(errors(tmp_path / "r.jsonl")) == 1


def test_number_of_thousands_of_digits_is_checked_as_written(tmp_path: Path) -> None:
    digits = "9" * 100_000
    (tmp_path / "r.json").write_text(f'[{digits}, "{TEMPLATE}"]', encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(f'{{"reason": {digits}}}\n', encoding="utf-8")
    assert [u.text for u in units(tmp_path / "r.json")] == [digits, TEMPLATE]
    assert [u.text for u in units(tmp_path / "r.jsonl")] == [digits]


@pytest.mark.parametrize("name, text", [
    ("r.json", f'{{"a": "{GOOD}", "a": "{TEMPLATE}", "b": "{NO_DATE}"}}'),
    ("r.yaml", f"a: {GOOD}\na: {TEMPLATE}\nb: {NO_DATE}\n"),
])
def test_repeated_names_keep_every_reason(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    got = units(tmp_path / name)
    assert [(u.key, u.text) for u in got] == [("$.a", GOOD), ("$.a", TEMPLATE), ("$.b", NO_DATE)]


def test_a_repeated_reason_field_is_still_one_record(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text(f'{{"reason": "{GOOD}", "reason": "{TEMPLATE}"}}\n', encoding="utf-8")
    assert [u.text for u in units(tmp_path / "r.jsonl")] == [TEMPLATE]      # the last, as json.loads


@pytest.mark.parametrize("text", ["", "\n  \n", "\ufeff"])
def test_empty_json_file_has_no_records(tmp_path: Path, text: str) -> None:
    (tmp_path / "r.json").write_text(text, encoding="utf-8")
    items = list(read(str(tmp_path / "r.json"), Options()))
    assert [type(i) for i in items] == [FileEnd]


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    # Six levels of nine aliases: 531,441 strings from a few hundred bytes.
    lines = ["a: &a [" + ", ".join(["问题已解决"] * 9) + "]"]
    for prev, name in zip("abcde", "bcdef"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "r.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read(str(tmp_path / "r.yaml"), Options()))
    assert [type(i) for i in items] == [InputError, FileEnd]
    assert "别名" in items[0].message


@pytest.mark.parametrize("text", ["&a [*a]\n", "[" * 50_000 + "x" + "]" * 50_000 + "\n",
                                  "".join("  " * i + "-\n" for i in range(2000)) + "  " * 2000 + "- x\n"])
def test_yaml_self_reference_and_deep_nesting(tmp_path: Path, text: str) -> None:
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    [message] = errors(tmp_path / "r.yaml")
    assert "嵌套超过" in message


def test_small_yaml_aliases_still_give_each_reason(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(f"- &x {TEMPLATE}\n- *x\n- reason: *x\n", encoding="utf-8")
    got = units(tmp_path / "r.yaml")
    assert [(u.key, u.text) for u in got] == [("$[0]", TEMPLATE), ("$[1]", TEMPLATE), ("$[2].reason", TEMPLATE)]


# --- CSV -------------------------------------------------------------------------------------

def test_csv_cell_over_128k_characters_is_read(tmp_path: Path) -> None:
    long = "备注" * 100_000
    (tmp_path / "r.csv").write_text(f'reason\n"{long}"\n{TEMPLATE}\n', encoding="utf-8")
    (tmp_path / "r.tsv").write_text(f"reason\n{long}\n{TEMPLATE}\n", encoding="utf-8")
    for name in ("r.csv", "r.tsv"):
        assert [u.text for u in units(tmp_path / name)] == [long, TEMPLATE]
        assert errors(tmp_path / name) == []


def test_unclosed_quote_costs_only_its_line(tmp_path: Path) -> None:
    # csv reads everything after an unclosed quote as one cell: the reasons on the
    # following lines would vanish into it without a word.
    (tmp_path / "r.csv").write_text(f'id,reason\n1,"多行\n理由"\n2,"{NO_DATE}\n3,{GOOD}\n4,{TEMPLATE}\n',
                                    encoding="utf-8")
    got = units(tmp_path / "r.csv")
    assert [(u.line, u.text) for u in got] == [(2, "多行\n理由"), (5, GOOD), (6, TEMPLATE)]
    assert errors(tmp_path / "r.csv") == [f"{tmp_path / 'r.csv'}:4: 表格格式错误：引号没有闭合，已跳过这一行"]


def test_unclosed_quote_in_the_header(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text(f'id,"reason\n1,{GOOD}\n', encoding="utf-8")
    [message] = errors(tmp_path / "r.csv")
    assert "表头" in message and "引号" in message


def test_header_in_a_message_is_one_short_line(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text('"a\nb",' + "x" * 5000 + "\n1,2\n", encoding="utf-8")
    [message] = errors(tmp_path / "r.csv")
    assert "\n" not in message and len(message) < 500


# --- through the command line ----------------------------------------------------------------

def test_file_names_with_line_breaks_stay_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a\nb.txt").write_text(TEMPLATE + "\n", encoding="utf-8")
    (tmp_path / "c\x1b[31m.txt").write_bytes(b"\x00binary")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "concise", "a\nb.txt", "c\x1b[31m.txt")
    assert r.code == 2
    findings = [line for line in r.out.splitlines() if " RL" in line]
    assert findings and all(line.startswith("a\u240ab.txt:1:") for line in findings)
    assert len(r.out.splitlines()) == len(findings) + 1          # and the summary
    assert r.err.splitlines() == ["c\u241b[31m.txt: 看起来是二进制文件（含有 NUL 字节），已跳过"]


def test_sarif_with_a_relative_undecodable_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt"), "wb") as f:
        f.write(TEMPLATE.encode() + b"\n")
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"\xff\xfe.txt")
    r = run("check", "--no-config", "--format", "sarif", name)
    assert r.code == 1 and "Traceback" not in r.err
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for res in json.loads(r.out)["runs"][0]["results"]}
    assert uris == {"%FF%FE.txt"}


def test_full_format_shows_a_window_of_a_huge_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_text("备注" * 50_000 + TEMPLATE + "\n" + TEMPLATE + "备注" * 50_000 + "\n",
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "r.txt")
    assert r.code == 1
    assert max(len(line) for line in r.out.splitlines()) < 1000
    assert "2 | 问题已解决，不想投诉了。备注" in r.out     # the finding is in the window shown


def test_non_text_encoding_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_text(GOOD + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--encoding", "rot13", "r.txt")
    assert r.code == 2 and r.out == ""
    assert "rot13 不是文本编码" in r.err
