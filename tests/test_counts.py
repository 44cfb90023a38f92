"""N records in, one result per record with a reason out, in order, with one worker
process or several: nothing lost, nothing duplicated, nothing reordered."""
from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE, run

N = 600   # over two chunks of 256 per file; three files fill the window of pending chunks

ODD = [
    GOOD, NO_DATE, TEMPLATE,
    "多行理由\n商家已于11月3日补发货\r\n订单号20261103001",     # embedded newlines
    '带"引号"和,逗号,的理由，已退款50元', "tab\tinside\t已补发",
    "👍🏽🇨🇳👨‍👩‍👧 已退款", "مرحبا 已退款 \u202e订单\u202c", "e\u0301\u0300已补发\u0303",
    "\u200b零宽\u200d字符\ufeff", "全角　空格　ＸＸ月ＸＸ日", "\u00a0不换行空格\u00a0",
    "订单号1234{X不，" * 300,                                     # over max-length
    "#不是注释", "reasonlint: noqa", "\\ 反斜杠 \\n 不是换行",
]
EMPTY = ["", "   ", "\t", "\n"]


def records(seed: int, surrogates: bool) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(N):
        pool = EMPTY if i % 17 == 0 else ODD
        text = rng.choice(pool)
        if pool is ODD:
            text = f"{text}#{i}"                  # unique, to see the order
            if surrogates and i % 23 == 0:
                text += "\ud800"
        out.append(text)
    return out


def json_lines_out(*args: str) -> list[dict]:
    r = run("check", "--no-config", "--format", "json-lines", "--exit-zero", *args)
    assert r.code == 0, r.err
    assert "Traceback" not in r.err and r.err == ""
    return [json.loads(line) for line in r.out.splitlines()]


def expected_texts(texts: list[str]) -> list[str]:
    # Every record gives a result, an empty or blank reason too (it is rejected, not lost).
    return [t.strip() for t in texts]


@pytest.fixture(scope="module")
def jsonl_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    texts = records(1, surrogates=True)
    path = tmp_path_factory.mktemp("counts") / "reasons.jsonl"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for i, t in enumerate(texts):
            obj = {"id": i, "reason": t} if i % 3 else t       # objects and bare strings
            f.write(json.dumps(obj) + "\n")                    # ASCII escapes, \ud800 too
    return path, texts


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    texts = records(2, surrogates=False)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["编号", "理由", "投诉"])
    for i, t in enumerate(texts):
        writer.writerow([i, t, "没有收到货" if i % 2 else ""])
    path = tmp_path_factory.mktemp("counts") / "reasons.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))   # Excel's UTF-8 BOM
    return path, texts


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_one_result_per_record_in_order(kind: str, jsonl_file: tuple[Path, list[str]],
                                        csv_file: tuple[Path, list[str]]) -> None:
    path, texts = jsonl_file if kind == "jsonl" else csv_file
    serial = json_lines_out("--jobs", "1", str(path))
    parallel = json_lines_out("--jobs", "2", str(path))
    assert serial == parallel
    assert [o["text"] for o in serial] == expected_texts(texts)
    assert all(o["kind"] == "reason" for o in serial)
    # Every result points at its own record, in increasing order.
    places = [(o["line"], o["column"]) for o in serial]
    assert places == sorted(places) and len(set(places)) == len(places)


def test_jsonl_lines_are_the_record_numbers(jsonl_file: tuple[Path, list[str]]) -> None:
    path, texts = jsonl_file
    out = json_lines_out("--jobs", "2", str(path))
    assert [o["line"] for o in out] == [i + 1 for i in range(len(texts))]


def test_csv_lines_follow_embedded_newlines(csv_file: tuple[Path, list[str]]) -> None:
    path, texts = csv_file
    out = json_lines_out(str(path))
    raw_lines = path.read_text(encoding="utf-8-sig").split("\n")
    for o in out:
        # The reported line holds the first line of the reason (quoted fields may span lines).
        first = o["text"].split("\n")[0].split("\r")[0]
        assert first.replace('"', '""') in raw_lines[o["line"] - 1], o["line"]


def test_several_files_and_jobs_keep_file_order(jsonl_file: tuple[Path, list[str]],
                                                csv_file: tuple[Path, list[str]]) -> None:
    args = [str(csv_file[0]), str(jsonl_file[0]), str(csv_file[0])]
    serial = json_lines_out("--jobs", "1", *args)
    for jobs in ("2", "3"):
        assert json_lines_out("--jobs", jobs, *args) == serial
    paths = [o["path"] for o in serial]
    n_csv = len(expected_texts(csv_file[1]))
    n_jsonl = len(expected_texts(jsonl_file[1]))
    assert paths == [args[0]] * n_csv + [args[1]] * n_jsonl + [args[2]] * n_csv


def test_text_file_counts(tmp_path: Path) -> None:
    texts = [t for t in records(3, surrogates=False) if "\n" not in t and "\r" not in t]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    serial = json_lines_out("--jobs", "1", str(path))
    assert serial == json_lines_out("--jobs", "2", str(path))
    # Lines starting with # are comments in text files.
    kept = [(i + 1, t.strip()) for i, t in enumerate(texts) if t.strip() and not t.strip().startswith("#")]
    assert [(o["line"], o["text"]) for o in serial] == kept


def test_jsonl_escaped_newline_keeps_the_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"reason": "\n" + GOOD}) + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    assert [o["line"] for o in json_lines_out(str(path))] == [1, 2]
