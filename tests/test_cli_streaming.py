"""``reasonlint check --format json-lines -`` as a streaming filter (Hive TRANSFORM):
one record in, its result out at once, for as long as the input lasts."""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from typing import IO

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes")


def _answer(stream: IO[bytes], timeout: float = 60) -> bytes:
    """One line from ``stream``, or fail (instead of hanging) if none comes in time."""
    fd = stream.fileno()
    data = b""
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], timeout)
        assert ready, f"no answer within {timeout} s: the output is held back (got {data!r})"
        chunk = os.read(fd, 1 << 16)
        assert chunk, f"the process ended early (got {data!r})"
        data += chunk
    return data


def _conversation(args: list[str], records: list[str]) -> list[dict]:
    proc = subprocess.Popen([sys.executable, "-m", "reasonlint", "check", "--no-config", *args, "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    answers = []
    try:
        for record in records:
            proc.stdin.write(record.encode("utf-8") + b"\n")
            proc.stdin.flush()
            line = _answer(proc.stdout)
            assert line.count(b"\n") == 1, line   # exactly one result per record
            answers.append(json.loads(line))
        proc.stdin.close()
        rest = proc.stdout.read()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rest == b""
    return answers


def test_tsv_rows_as_hive_transform_sends_them() -> None:
    rows = [f"{GOOD}\t退款未到账\tpayment", f"{TEMPLATE}\t没有发货", f"{NO_DATE}"]
    answers = _conversation(["--format", "json-lines"], rows)
    assert [a["text"] for a in answers] == [GOOD, TEMPLATE, NO_DATE]
    assert [a["line"] for a in answers] == [1, 2, 3]
    assert [a["complaint"] for a in answers] == ["退款未到账", "没有发货", None]
    assert answers[0]["findings"][0]["code"] == "RL303"   # the complaint was read with it


def test_jsonl_records_one_by_one() -> None:
    records = [json.dumps({"reason": GOOD}, ensure_ascii=False), json.dumps(TEMPLATE, ensure_ascii=False),
               json.dumps({"reason": NO_DATE, "channel": "支付宝"}, ensure_ascii=False)]
    answers = _conversation(["--format", "json-lines"], records)
    assert [a["verdict"] for a in answers] == [
        "accept", "reject", __import__("reasonlint").check(NO_DATE, channel="payment").verdict]
    assert answers[2]["channel"] == "payment"


def test_plain_text_and_a_named_format() -> None:
    answers = _conversation(["--format", "json-lines", "--input-format", "txt"], [GOOD, "a\tb"])
    assert [a["text"] for a in answers] == [GOOD, "a\tb"]


def test_sniffing_the_first_line() -> None:
    from reasonlint.sources import sniff

    assert sniff('{"reason": "x"}') == "jsonl"
    assert sniff('"x"') == "jsonl"
    assert sniff("[") == "json" and sniff('[{"reason":') == "json"
    assert sniff("a\tb") == "tsv"
    assert sniff("[紧急]商家已补发") == "txt" and sniff("商家已补发") == "txt"
