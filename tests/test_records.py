"""Every record gives one result; per-line work is linear; memory does not follow the input."""
from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

from reasonlint.sources import MAX_LINE, FileEnd, InputError, Options, Unit, read

GOOD = "商家已于11月3日补发货，订单号20261103001，物流记录已附。"


def items(path: Path, **opts: object) -> list[object]:
    return list(read(str(path), Options(**opts)))  # type: ignore[arg-type]


def units(path: Path, **opts: object) -> list[Unit]:
    return [i for i in items(path, **opts) if isinstance(i, Unit)]


def errors(path: Path, **opts: object) -> list[str]:
    return [str(i) for i in items(path, **opts) if isinstance(i, InputError)]


def test_a_long_suppression_comment_is_read_in_linear_time(tmp_path: Path) -> None:
    # The pattern used to be quadratic: 60,000 spaces took a minute, these would take an hour.
    code = ("from reasonlint.sources.suppression import parse_directive\n"
            "d = parse_directive('# reasonlint: disable=RL201' + ' ' * 400000 + 'x', 1)\n"
            "assert d is not None and d.unknown and len(d.unknown[0]) < 200\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_trailing_directive_does_not_join_the_reason(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("商家已补发货，订单号20261103001，物流记录已附。  # reasonlint: disable=RL203\n", encoding="utf-8")
    (u,) = units(p)
    assert u.text == "商家已补发货，订单号20261103001，物流记录已附。"
    assert [d.covers for d in u.directives] == [frozenset({"RL203"})]


def test_yaml_merge_keys_bring_in_the_complaint(tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_text("- &base\n  complaint: 退款未到账\n  channel: 支付宝\n  reason: 甲\n"
                 "- <<: *base\n  reason: 已退款50元\n- <<: [*base]\n  complaint: 没有发货\n  reason: 乙\n",
                 encoding="utf-8")
    found = [(u.key, u.text, u.complaint, u.channel) for u in units(p)]
    assert found == [("$[0].reason", "甲", "退款未到账", "payment"),
                     ("$[1].reason", "已退款50元", "退款未到账", "payment"),
                     ("$[2].reason", "乙", "没有发货", "payment")]


def test_an_invalid_channel_cell_still_gives_a_result(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text(f"reason,channel\n{GOOD},carrier-pigeon\n{GOOD},unknown\n", encoding="utf-8")
    got = units(p)
    assert [(u.line, u.channel) for u in got] == [(2, None), (3, None)]
    [message] = errors(p)
    assert message.startswith(f"{p}:2: ") and "carrier-pigeon" in message


def test_an_empty_jsonl_list_is_an_empty_record(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text(f'[]\n"{GOOD}"\n', encoding="utf-8")
    assert [(u.line, u.text) for u in units(p)] == [(1, ""), (2, GOOD)]


def test_an_object_valued_complaint_is_reported_not_stringified(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps({"reason": GOOD, "complaint": {"a": 1}}) + "\n", encoding="utf-8")
    (u,) = units(p)
    assert u.complaint is None
    [message] = errors(p)
    assert message.startswith(f"{p}:1: $.complaint: ") and "对象" in message


def test_a_missing_field_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text(f'"{GOOD}"\n{{"text2": "x"}}\n', encoding="utf-8")
    [message] = errors(p)
    assert message.startswith(f"{p}:2: $: 找不到理由字段")


def test_a_stray_nul_early_or_late_is_one_character(tmp_path: Path) -> None:
    early = tmp_path / "early.txt"
    early.write_bytes(f"{GOOD}\n甲\x00乙\n{GOOD}\n".encode())
    assert [u.text for u in units(early)] == [GOOD, "甲\x00乙", GOOD]
    assert errors(early) == []


def test_a_huge_line_is_read_in_bounded_memory(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    with open(p, "w", encoding="utf-8") as f:
        f.write(GOOD + "\n")
        f.write("补" * (12 << 20) + "\n")     # 36 MiB on one line
        f.write(GOOD + "\n")
    tracemalloc.start()
    try:
        got = [(u.line, len(u.text)) for u in units(p)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [line for line, _ in got] == [1, 2, 3]
    assert got[1][1] <= MAX_LINE
    assert peak < 12 * MAX_LINE, peak   # it was about 6.5 times the line: 230 MiB here


def test_a_whole_document_past_its_limit_is_refused(tmp_path: Path, monkeypatch: object) -> None:
    from reasonlint.sources import base

    monkeypatch.setattr(base, "MAX_DOCUMENT", 1000)  # type: ignore[attr-defined]
    p = tmp_path / "r.json"
    p.write_text(json.dumps([GOOD] * 100, ensure_ascii=False), encoding="utf-8")
    found = items(p)
    assert [type(i) for i in found] == [InputError, FileEnd]
    assert "JSON Lines" in str(found[0])
