"""Reading inputs into units with their locations."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reasonlint.sources import (FileEnd, InputError, Options, SourceError, Unit, detect_encoding,
                                expand, read)


def units(path: Path, **opts: object) -> list[Unit]:
    return [i for i in read(str(path), Options(**opts)) if isinstance(i, Unit)]  # type: ignore[arg-type]


def errors(path: Path, **opts: object) -> list[InputError]:
    return [i for i in read(str(path), Options(**opts)) if isinstance(i, InputError)]  # type: ignore[arg-type]


def test_text_lines_comments_and_columns(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("# comment\n\n  第一条理由\n第二条\n", encoding="utf-8")
    got = units(p)
    assert [(u.text, u.line, u.column) for u in got] == [("第一条理由", 3, 3), ("第二条", 4, 1)]


def test_every_file_ends_with_file_end(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("一条\n", encoding="utf-8")
    assert isinstance(list(read(str(p), Options()))[-1], FileEnd)


def test_paragraph_positions(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("第一行\n  第二行\n\n\n另一段\n", encoding="utf-8")
    first, second = units(p, unit="paragraph")
    assert (first.line, second.line) == (1, 5)
    # A str index on the second line maps back to that line and its column.
    assert first.position(first.text.index("第二行")) == (2, 3)


def test_csv_reason_column_context_and_column_numbers(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text('编号,理由,投诉,channel\n1,"商家已补发,订单号1",没有发货,payment\n2,,x,\n', encoding="utf-8")
    u, empty = units(p)
    assert u.text == "商家已补发,订单号1"
    assert (u.line, u.column) == (2, 4)         # after `1,"`
    assert (u.complaint, u.channel) == ("没有发货", "payment")
    # An empty cell is a record too: reported (and rejected), never silently dropped.
    assert (empty.text, empty.line, empty.complaint) == ("", 3, "x")


def test_csv_multiline_field_line_numbers(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text('reason\n"第一行\n第二行"\n第三条\n', encoding="utf-8")
    a, b = units(p)
    assert (a.line, a.column) == (2, 2)
    assert a.position(a.text.index("第二行")) == (3, 1)
    assert (b.line, b.column) == (4, 1)


def test_tsv_and_explicit_column(tmp_path: Path) -> None:
    p = tmp_path / "r.tsv"
    p.write_text("a\tb\n甲\t乙\n", encoding="utf-8")
    (u,) = units(p, column="b")
    assert (u.text, u.column) == ("乙", 3)


def test_csv_without_reason_column_names_the_columns(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("foo,bar\n1,2\n", encoding="utf-8")
    (err,) = errors(p)
    assert "foo" in err.message and "bar" in err.message and "--column" in err.message


def test_json_shapes_and_key_paths(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps(["甲", "乙"], ensure_ascii=False), encoding="utf-8")
    assert [(u.key, u.column) for u in units(p)] == [("$[0]", 3), ("$[1]", 8)]

    p.write_text('[\n  {"id": 1, "reason": "甲", "complaint": "退款未到账"},\n  {"reason": "乙"}\n]',
                 encoding="utf-8")
    got = units(p)
    assert [(u.key, u.line, u.complaint) for u in got] == [("$[0].reason", 2, "退款未到账"), ("$[1].reason", 3, None)]
    assert got[0].column == len('  {"id": 1, "reason": "') + 1

    p.write_text('{"greeting": "你好", "订单": "已退"}', encoding="utf-8")
    assert [u.key for u in units(p)] == ["$.greeting", "$.订单"]


def test_json_field_option_and_missing_field(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text('[{"msg": "甲"}, {"other": 1}]', encoding="utf-8")
    assert [u.text for u in units(p, column="msg")] == ["甲"]
    (err,) = errors(p, column="msg")
    assert "$[1]" in err.message


def test_json_syntax_error_is_input_error(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text('["甲", ', encoding="utf-8")
    (err,) = errors(p)
    assert "JSON" in err.message


def test_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text('{"text": "甲", "channel": "payment"}\n\n"乙"\nnot json\n', encoding="utf-8")
    got = units(p)
    assert [(u.text, u.line, u.channel) for u in got] == [("甲", 1, "payment"), ("乙", 3, None)]
    assert got[0].column == len('{"text": "') + 1
    (err,) = errors(p)
    assert "第 4 行" in err.message


def test_yaml(tmp_path: Path) -> None:
    p = tmp_path / "t.yaml"
    p.write_text("greeting: 商家已补发\nquoted: '已退款'\nblock: |\n  多行\n  文本\n", encoding="utf-8")
    got = units(p)
    assert [(u.key, u.line, u.column) for u in got] == [
        ("$.greeting", 1, 11), ("$.quoted", 2, 10), ("$.block", 4, 3)]
    p.write_text("- reason: 甲\n  complaint: 没有发货\n", encoding="utf-8")
    (u,) = units(p)
    assert (u.key, u.complaint) == ("$[0].reason", "没有发货")


def test_yaml_error(tmp_path: Path) -> None:
    p = tmp_path / "t.yml"
    p.write_text("a: [1, 2\n", encoding="utf-8")
    (err,) = errors(p)
    assert "YAML" in err.message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030", "gbk"])
def test_detect_encoding(encoding: str) -> None:
    data = "商家已于11月3日补发货。".encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode(encoding) + data
    text = data.decode(detect_encoding(data))
    assert text.lstrip("\ufeff") == "商家已于11月3日补发货。"


@pytest.mark.parametrize("data", [b"abc\x00def", b"\x89PNG\r\n\x1a\n\x00\x00", "正常\x07文字".encode()])
def test_binary_detected(data: bytes) -> None:
    with pytest.raises(SourceError):
        detect_encoding(data)


def test_detection_does_not_split_multibyte_at_sample_edge(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(("商家已补发货\n" * 20000), encoding="utf-8")
    assert len(units(p)) == 20000


def test_stdin_stream() -> None:
    stream = io.BytesIO("甲\n乙\n".encode("gb18030"))
    got = [i for i in read("-", Options(stdin_filename="in.txt"), stream) if isinstance(i, Unit)]
    assert [(u.text, u.path) for u in got] == [("甲", "in.txt"), ("乙", "in.txt")]


def test_expand_folders_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ("b.txt", "a.csv", "x.py", "sub/c.yaml", "node_modules/d.json", ".git/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    got = [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])]  # type: ignore[arg-type]
    assert got == ["a.csv", "b.txt", "sub/c.yaml"]
    (missing,) = expand([str(tmp_path / "nope")])
    assert isinstance(missing, InputError)


def test_channel_cells_in_chinese(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("reason,渠道\n甲,支付宝\n乙,黑猫投诉\n丙, Platform \n丁,\n", encoding="utf-8")
    assert [u.channel for u in units(p)] == ["payment", "third_party", "platform", None]
