"""Hostile input files through the command line: every one gets a one-line message or
its reasons, never a traceback; inputs are never written; ``--output`` is atomic."""
from __future__ import annotations

import codecs
import json
import os
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE, run
from reasonlint import sources
from reasonlint.cli import output, runloop
from reasonlint.sources import files
from reasonlint.sources import FileEnd, InputError, Options, Unit

REASONS = [GOOD, NO_DATE, TEMPLATE]
TEXT = "".join(r + "\n" for r in REASONS)


GBK = NO_DATE.encode("gbk")     # a line from a GBK file pasted into a UTF-8 one


def make_folder(root: Path) -> dict[str, tuple[int, int]]:
    """A folder of awkward files: name -> (reasons, stderr lines) expected from it."""
    rng = random.Random(7)
    files: dict[str, tuple[bytes, int, int]] = {
        "good.txt": (TEXT.encode(), 3, 0),
        "empty.txt": (b"", 0, 0),
        "blank.txt": (b"\n \n\t\r\n", 0, 0),
        "bom.txt": (codecs.BOM_UTF8 + TEXT.encode(), 3, 0),
        "utf16.txt": (TEXT.encode("utf-16"), 3, 0),
        "utf16be.txt": (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), 3, 0),
        "utf32.txt": (TEXT.encode("utf-32"), 3, 0),
        "gbk.txt": (TEXT.encode("gbk"), 3, 0),
        "crlf.txt": (TEXT.replace("\n", "\r\n").encode(), 3, 0),
        "binary.txt": (bytes(rng.randrange(256) for _ in range(4000)), 0, 1),
        "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), 0, 1),
        "xlsx.csv": (b"PK\x03\x04\x14\x06\x08\x08" + rng.randbytes(200).replace(b"\x00", b"\x01"), 0, 1),
        # A stray control character is part of its reason, not a sign of binary data.
        "controls.txt": (b"\x01\x02\x03\x1b[31m" + GOOD.encode() + b"\n", 1, 0),
        "controls.csv": (b"reason\n\x01" + GOOD.encode() + b"\n" + NO_DATE.encode() + b"\x1b\n", 2, 0),
        "utf16-nobom.txt": (TEXT.encode("utf-16-le"), 0, 1),
        # A GBK line in a UTF-8 file: one message for it, the other lines still read.
        "mixed.txt": (GOOD.encode() + b"\n" + GBK + b"\n" + TEMPLATE.encode() + b"\n", 2, 1),
        "mixed.csv": (b"reason\n" + GBK + b"\n" + GOOD.encode() + b"\n", 1, 1),
        "mixed.jsonl": (b'"' + GBK + b'"\n"' + GOOD.encode() + b'"\n', 1, 1),
        "surrogates.jsonl": (b'{"reason": "\\ud800' + GOOD.encode() + b'"}\n["\\udfff"]\n', 2, 0),
        # null is an empty reason: reported and rejected, not dropped.
        "nulls.jsonl": (b'{"reason": null}\n{"reason": ""}\n', 2, 0),
        "table.csv": (("reason\n" + "".join(f'"{r}"\n' for r in REASONS)).encode("gbk"), 3, 0),
        "broken.json": (b'["' + GOOD.encode() + b'", ', 0, 1),
        "broken.yaml": (b"a: [\n", 0, 1),
    }
    root.mkdir(parents=True, exist_ok=True)
    for name, (data, _, _) in files.items():
        (root / name).write_bytes(data)
    return {name: (n, e) for name, (_, n, e) in files.items()}


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p): (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()}


def reasons_by_file(out: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in out.splitlines():
        obj = json.loads(line)
        if obj["kind"] == "reason":
            name = os.path.basename(obj["path"])
            counts[name] = counts.get(name, 0) + 1
    return counts


def error_lines(err: str) -> list[str]:
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.strip()]


def test_folder_of_awkward_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = make_folder(tmp_path / "in")
    before = snapshot(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", "in")
    assert r.code == 2          # some files could not be read
    counts = reasons_by_file(r.out)
    assert counts == {name: n for name, (n, _) in expected.items() if n}
    errors = error_lines(r.err)
    # One line per unreadable file or line, naming it, and nothing else on stderr.
    named = sorted(os.path.basename(line.split(": ", 1)[0]) for line in errors)
    assert named == sorted(name for name, (_, e) in expected.items() for _ in range(e)), errors
    for line in errors:
        assert re.match(r"^in/\S+: \S", line), line
    assert snapshot(tmp_path / "in") == before


def test_readable_files_give_the_same_reasons_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A bad file beside a good one changes nothing for the good one.
    make_folder(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    alone = run("check", "--no-config", "--format", "json-lines", "in/utf16.txt", "in/gbk.txt")
    together = run("check", "--no-config", "--format", "json-lines", "in/binary.txt", "in/utf16.txt",
                   "in/png.txt", "in/gbk.txt")
    assert alone.code == 1 and together.code == 2
    assert alone.out == together.out
    texts = [json.loads(line)["text"] for line in alone.out.splitlines()]
    assert texts == REASONS * 2      # BOM gone, GBK and UTF-16 decoded


def test_bad_bytes_late_in_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Past the 64 KiB sample the encoding is already chosen: only the bad line is lost,
    # not the lines read in the same block, and the lines after it keep their numbers.
    line = (GOOD + "\n").encode()
    n = 2000
    (tmp_path / "late.txt").write_bytes(line * n + GBK + b"\n" + line * 10)
    (tmp_path / "late.jsonl").write_bytes(
        (json.dumps({"reason": GOOD}, ensure_ascii=False) + "\n").encode() * n
        + b'{"reason": "' + GBK + b'"}\n' + b'"' + TEMPLATE.encode() + b'"\n')
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", "late.txt", "late.jsonl")
    assert r.code == 2
    assert reasons_by_file(r.out) == {"late.txt": n + 10, "late.jsonl": n + 1}
    lines = {(o["path"], o["line"]) for o in map(json.loads, r.out.splitlines())}
    assert ("late.txt", n + 2) in lines and ("late.txt", n + 1) not in lines
    assert ("late.jsonl", n + 2) in lines
    assert error_lines(r.err) == [f"late.txt: 第 {n + 1} 行不是有效的 UTF-8 编码，已跳过",
                                  f"late.jsonl: 第 {n + 1} 行不是有效的 UTF-8 编码，已跳过"]


def test_nul_after_the_sample_is_just_a_character(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = (GOOD + "\n").encode()
    (tmp_path / "r.txt").write_bytes(line * 2000 + b"\x00" + line)
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", "r.txt")
    assert r.code == 0
    assert len(r.out.splitlines()) == 2001
    assert error_lines(r.err) == []


def test_stdin_binary_and_empty() -> None:
    r = run("check", "--no-config", "-", input=b"\x00\x01binary")
    assert r.code == 2
    [message] = error_lines(r.err)
    assert message.startswith("-: ")
    empty = run("check", "--no-config", "--format", "json-lines", "-", input=b"")
    assert (empty.code, empty.out, error_lines(empty.err)) == (0, "", [])


def test_undecodable_file_name(tmp_path: Path) -> None:
    # A name that is not UTF-8 arrives as a str with surrogate escapes; printing it
    # must not crash the run. A real process: its stdout is a real UTF-8 stream.
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"\xff\xfe.txt"), "wb") as f:
        f.write(TEXT.encode())
    with open(os.path.join(folder, b"\xff\xfd.txt"), "wb") as f:
        f.write(b"\x00binary")
    for fmt in ("full", "json-lines", "sarif", "github"):
        done = subprocess.run([sys.executable, "-m", "reasonlint", "check", "--no-config", "--format", fmt,
                               str(tmp_path / "in")], capture_output=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert b"Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        done.stdout.decode("utf-8")     # escaped, so still valid UTF-8
        if fmt == "json-lines":
            assert len(done.stdout.splitlines()) == 3


def test_surrogates_in_json_input(tmp_path: Path) -> None:
    # JSON may spell a lone surrogate ("\ud800"); the text keeps it, and the output
    # (a real UTF-8 stdout, or --output) escapes it instead of crashing.
    src = tmp_path / "s.jsonl"
    src.write_text('{"reason": "\\ud800已退款50元，订单号20261103001\\udfff"}\n"\\udc80"\n', encoding="utf-8")
    for fmt in ("full", "concise", "json", "json-lines", "sarif", "github"):
        done = subprocess.run([sys.executable, "-m", "reasonlint", "check", "--no-config", "--format", fmt,
                               str(src)], capture_output=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert b"Traceback" not in done.stderr
        out = done.stdout.decode("utf-8")
        if fmt == "json-lines":
            texts = [json.loads(line)["text"] for line in out.splitlines()]
            assert texts == ["\ud800已退款50元，订单号20261103001\udfff", "\udc80"]
    target = tmp_path / "out.json"
    r = run("check", "--no-config", "--format", "json", "-o", str(target), str(src))
    assert r.code == 1 and "Traceback" not in r.err
    assert [o["text"][0] for o in json.loads(target.read_text(encoding="utf-8"))] == ["\ud800", "\udc80"]


# --- unreadable files --------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode; "
                           "test_unreadable_file_through_the_reader covers the same path")
def test_unreadable_file_chmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(TEXT, encoding="utf-8")
    locked.chmod(0)
    try:
        monkeypatch.chdir(tmp_path)
        r = run("check", "--no-config", "--format", "json-lines", ".")
    finally:
        locked.chmod(0o644)
    assert r.code == 2
    assert reasons_by_file(r.out) == {"good.txt": 3}
    [message] = error_lines(r.err)
    assert message.startswith("./locked.txt: ")


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    real_open = open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == os.fspath(denied) or os.path.abspath(os.fspath(file)) == str(denied):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    # The reader opens input files with the built-in open(), looked up in its module.
    monkeypatch.setattr(files, "open", guarded_open, raising=False)


def test_unreadable_file_through_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(TEXT, encoding="utf-8")
    _deny(monkeypatch, locked)
    items = list(sources.read(str(locked), Options()))
    assert [type(i) for i in items] == [InputError, FileEnd]
    assert items[0].path == str(locked)
    assert "Permission denied" in items[0].message
    assert "\n" not in str(items[0])


def test_unreadable_file_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_folder(tmp_path / "in")
    locked = (tmp_path / "in" / "good.txt").resolve()
    _deny(monkeypatch, locked)
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", "in/gbk.txt", "in/good.txt", "in/utf16.txt")
    assert r.code == 2
    assert reasons_by_file(r.out) == {"gbk.txt": 3, "utf16.txt": 3}
    [message] = error_lines(r.err)
    assert message.startswith("in/good.txt: ") and "Permission denied" in message


def test_missing_path_and_special_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--no-config", "--format", "json-lines", "nowhere.txt", "good.txt"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.txt")   # reading it would block forever
        args.append("fifo.txt")
    r = run(*args)
    assert r.code == 2
    assert reasons_by_file(r.out) == {"good.txt": 3}
    errors = error_lines(r.err)
    assert len(errors) == len(args) - 5
    assert errors[0].startswith("nowhere.txt: ")


# --- huge input ------------------------------------------------------------------------

def test_huge_file_is_streamed(tmp_path: Path) -> None:
    # 100 MiB: comment lines of 20 KB with a reason every tenth line. Read whole, it
    # would take more than 100 MiB; streamed, the process stays near its start-up size.
    reason = (GOOD + "\n").encode()
    block = ("# " + "备注" * 3400 + "\n").encode() * 9 + reason
    blocks = (100 << 20) // len(block) + 1
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        for _ in range(blocks):
            f.write(block)
    probe = textwrap.dedent(f"""
        import resource, subprocess, sys
        done = subprocess.run([sys.executable, "-m", "reasonlint", "check", "--no-config",
                               "--format", "json-lines", {str(path)!r}], capture_output=True)
        lines = done.stdout.count(b"\\n")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
        print(done.returncode, lines, peak, len(done.stderr))
    """)
    before = path.stat().st_mtime_ns
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=600, check=True)
    code, lines, peak_kib, err_len = map(int, out.stdout.split())
    assert (code, lines, err_len) == (0, blocks, 0)
    assert peak_kib * 1024 < 80 << 20, f"peak RSS {peak_kib} KiB for a {path.stat().st_size} byte file"
    assert path.stat().st_mtime_ns == before


# --- --output ----------------------------------------------------------------------------

def test_output_goes_through_a_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def recording_replace(src: Any, dst: Any) -> None:
        # The temporary file is complete before it takes the report's name.
        assert json.loads(Path(src).read_text(encoding="utf-8"))
        assert target.read_text(encoding="utf-8") == "old"
        replaced.append((os.fspath(src), os.fspath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", recording_replace)
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json", "-o", "report.json", "r.txt")
    assert r.code == 1 and r.out == ""
    [(src, dst)] = replaced
    assert dst == str(target) and Path(src).parent == tmp_path and src != dst
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt", "report.json"]


class Boom(Exception):
    pass


@pytest.mark.parametrize("fmt", ["json", "full", "sarif"])
def test_failed_run_leaves_the_old_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    (tmp_path / "r.txt").write_text(TEXT * 50, encoding="utf-8")
    target = tmp_path / "report.json"
    target.write_text("the previous report", encoding="utf-8")
    calls: list[int] = []
    real_feed = runloop.Run.feed

    def failing_feed(self: Any, item: Any, outcome: Any) -> None:
        calls.append(1)
        if len(calls) == 40:     # halfway: some output is already written
            raise Boom("disk full")
        real_feed(self, item, outcome)

    monkeypatch.setattr(runloop.Run, "feed", failing_feed)
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", fmt, "-o", "report.json", "r.txt")
    # An internal error: one line and exit 2 (1 would mean findings).
    assert r.code == 2 and r.err.splitlines() == ["内部错误：Boom: disk full"]
    assert target.read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt", "report.json"]


def test_output_into_a_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "-o", "no/such/dir/out.txt", "r.txt")
    assert r.code == 2
    [message] = error_lines(r.err)
    assert "no/such/dir/out.txt" in message


def test_inputs_are_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_folder(tmp_path / "in")
    (tmp_path / "in" / "sup.txt").write_text(
        "# reasonlint: disable-file=RL203\n" + TEXT + "# reasonlint: disable-next-line=RL999\n",
        encoding="utf-8")
    before = snapshot(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    for fmt in ("full", "json", "sarif"):
        run("check", "--no-config", "--format", fmt, "in")
        run("check", "--no-config", "--format", fmt, "-o", "out.txt", "in")
        run("check", "--no-config", "-j", "2", "in")
    assert snapshot(tmp_path / "in") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reasonlint-")]


def test_units_only_come_from_readers(tmp_path: Path) -> None:
    # The reader hands back only units, errors and one FileEnd, whatever the bytes.
    folder = tmp_path / "in"
    expected = make_folder(folder)
    for name, (n, e) in expected.items():
        items = list(sources.read(str(folder / name), Options()))
        assert isinstance(items[-1], FileEnd)
        assert all(isinstance(i, (Unit, InputError)) for i in items[:-1])
        assert sum(isinstance(i, Unit) for i in items) == n, name
        assert sum(isinstance(i, InputError) for i in items) == e, name


# --- mixed encodings ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["r.txt", "r.csv", "r.tsv", "r.jsonl"])
def test_mixed_encoding_early_in_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    # GBK lines among UTF-8 ones within the first 64 KiB (the first line among them):
    # each gets one message with its line, every other reason is reported at its line.
    kind = name.rsplit(".", 1)[1]

    def record(text: bytes) -> bytes:
        return b'"' + text + b'"' if kind == "jsonl" else text

    header = {"csv": b"id,reason\n", "tsv": b"id\treason\n"}.get(kind, b"")
    sep = {"csv": b",", "tsv": b"\t"}.get(kind, b"")
    body = []
    for i in range(60):
        text = GBK if i in (0, 7, 31) else [GOOD, NO_DATE, TEMPLATE][i % 3].encode()
        body.append((str(i).encode() + sep if sep else b"") + record(text) + b"\n")
    (tmp_path / name).write_bytes(header + b"".join(body))
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", name)
    assert r.code == 2
    first = 2 if header else 1
    out = [json.loads(line) for line in r.out.splitlines()]
    assert [o["line"] for o in out] == [first + i for i in range(60) if i not in (0, 7, 31)]
    assert [o["text"] for o in out] == [[GOOD, NO_DATE, TEMPLATE][i % 3] for i in range(60) if i not in (0, 7, 31)]
    assert error_lines(r.err) == [f"{name}: 第 {first + i} 行不是有效的 UTF-8 编码，已跳过" for i in (0, 7, 31)]


def test_mixed_encoding_with_every_output_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.txt").write_bytes(GBK + b"\n" + GOOD.encode() + b"\n")
    monkeypatch.chdir(tmp_path)
    for fmt in ("full", "concise", "json", "json-lines", "github", "sarif"):
        r = run("check", "--no-config", "--format", fmt, "r.txt")
        assert r.code == 2, fmt
        assert error_lines(r.err) == ["r.txt: 第 1 行不是有效的 UTF-8 编码，已跳过"], fmt
    assert run("check", "--no-config", "--exit-zero", "r.txt").code == 2   # still an input error


def test_gbk_file_with_a_stray_utf8_line_stays_gbk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The other way round: the GB18030 reading wins, and no line is lost.
    (tmp_path / "r.txt").write_bytes(TEXT.encode("gbk") * 5 + "凭证\n".encode("gbk"))
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", "r.txt")
    assert [json.loads(line)["text"] for line in r.out.splitlines()] == REASONS * 5 + ["凭证"]
    assert error_lines(r.err) == []


def test_many_bad_lines_do_not_flood_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A GBK file read with --encoding utf-8 fails on every line: ten named, then a count.
    (tmp_path / "r.txt").write_bytes(TEXT.encode("gbk") * 40)
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--encoding", "utf-8", "--format", "json-lines", "r.txt")
    assert r.code == 2 and r.out == ""
    errors = error_lines(r.err)
    assert len(errors) == 11
    assert errors[0] == "r.txt: 第 1 行不是有效的 UTF-8 编码，已跳过"
    assert errors[-1] == "r.txt: 另有 110 行不是有效的 UTF-8 编码，也已跳过（只列出了前 10 行）"


# --- control characters and null reasons -------------------------------------------------

@pytest.mark.parametrize("name", ["r.txt", "r.csv"])
def test_control_characters_early_in_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    header = b"reason\n" if name.endswith(".csv") else b""
    (tmp_path / name).write_bytes(header + b"\x01" + GOOD.encode() + b"\n\x1b[31m" + TEMPLATE.encode() + b"\n")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", name)
    assert r.code == 1, r.err           # findings, not an input error
    assert error_lines(r.err) == []
    assert [json.loads(line)["text"] for line in r.out.splitlines()] == ["\x01" + GOOD, "\x1b[31m" + TEMPLATE]


@pytest.mark.parametrize("name, data", [
    ("r.jsonl", '{"reason": null}\n{"reason": ""}\nnull\n{"reason": "GOOD"}\n'),
    ("r.json", '[{"reason": null}, {"reason": ""}, null, {"reason": "GOOD"}]'),
    ("r.yaml", "- reason: ~\n- reason: ''\n- reason:\n- reason: GOOD\n"),
])
def test_null_reason_gives_one_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: str) -> None:
    (tmp_path / name).write_text(data.replace("GOOD", GOOD), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", name)
    assert r.code == 1 and error_lines(r.err) == []
    out = [json.loads(line) for line in r.out.splitlines()]
    assert [(o["text"], o["verdict"]) for o in out] == [("", "reject")] * 3 + [(GOOD, "accept")]
    assert [o["line"] for o in out] == ([1, 2, 3, 4] if name != "r.json" else [1, 1, 1, 1])


def test_numbers_and_booleans_give_one_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.jsonl").write_text('{"reason": 42}\n{"reason": true}\n{"reason": "' + GOOD + '"}\n',
                                      encoding="utf-8")
    (tmp_path / "r.yaml").write_text("- reason: 2026-13-45\n- reason: no\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-config", "--format", "json-lines", "r.jsonl", "r.yaml")
    assert r.code == 1 and error_lines(r.err) == []
    assert [json.loads(line)["text"] for line in r.out.splitlines()] == ["42", "true", GOOD, "2026-13-45", "no"]
