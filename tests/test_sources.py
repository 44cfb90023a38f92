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


@pytest.mark.parametrize("data", [
    b"abc\x00def", b"\x89PNG\r\n\x1a\n\x00\x00",
    # Signatures alone, without NUL bytes: a spreadsheet or archive renamed to .csv.
    b"PK\x03\x04\x14\x06\x08\x08reason", b"\x1f\x8b\x08\x08reason", b"GIF89a\x01\x02", b"%PDF-1.7\n\xe2\xe3",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x01",
], ids=repr)   # bytes ids are not escaped for us (see pytest options in pyproject.toml)
def test_binary_detected(data: bytes) -> None:
    with pytest.raises(SourceError, match="二进制"):
        detect_encoding(data)


@pytest.mark.parametrize("data", ["正常\x07文字".encode(), b"\x01\x02\x03\x1b[31m",
                                  "理由\x1b[0m\x7f\x1c".encode("gbk")], ids=repr)
def test_control_characters_are_text(data: bytes) -> None:
    assert detect_encoding(data + "\n已退款".encode()) in ("utf-8", "gb18030")


def test_detection_tolerates_a_few_lines_in_another_encoding() -> None:
    utf8 = ["商家已于11月3日补发货，订单号20261103001。", "已退款50元，转账凭证已附。"] * 20
    gbk_line = "商家已补发货，物流记录已附。".encode("gbk")
    # A stray GBK line (first, in the middle, last) does not make a UTF-8 file GB18030.
    for at in (0, 17, len(utf8)):
        lines = [l.encode() for l in utf8]
        lines.insert(at, gbk_line)
        assert detect_encoding(b"\n".join(lines) + b"\n") == "utf-8", at
    # Half and half: UTF-8, whose bad lines get reported, not read as garbled GB18030.
    assert detect_encoding("已退款".encode() + b"\n" + gbk_line + b"\n") == "utf-8"
    # A GBK file stays GBK, even with a line that happens to be valid UTF-8 ("凭证" is).
    gbk = "\n".join(["凭证"] + utf8).encode("gbk")
    assert "凭证".encode("gbk").decode("utf-8")
    assert detect_encoding(gbk) == "gb18030"
    # Neither reads most lines: not guessed.
    with pytest.raises(SourceError, match="无法识别文件编码"):
        detect_encoding(b"\x80\xffabc\n\xff\x80\n")


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


# --- undecodable lines ---------------------------------------------------------------

GOOD = "商家已于11月3日补发货，订单号20261103001，物流记录已附。"
GBK_LINE = "商家已补发货，订单号20261103001。".encode("gbk")


def items(path: Path, **opts: object) -> list[object]:
    return list(read(str(path), Options(**opts)))  # type: ignore[arg-type]


def bad_line_message(n: int, encoding: str = "UTF-8") -> str:
    return f"第 {n} 行不是有效的 {encoding} 编码，已跳过"


def test_undecodable_line_in_text_costs_only_itself(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(f"{GOOD}\n\n".encode() + GBK_LINE + f"\n  第四行\n{GOOD}\n".encode())
    got = items(p)
    assert [(type(i).__name__, getattr(i, "text", None), getattr(i, "line", None)) for i in got[:-1]] == [
        ("Unit", GOOD, 1), ("InputError", None, None), ("Unit", "第四行", 4), ("Unit", GOOD, 5)]
    err = got[1]
    assert isinstance(err, InputError)
    assert str(err) == f"{p}: {bad_line_message(3)}"
    assert got[2].column == 3  # type: ignore[attr-defined]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_undecodable_line_keeps_line_numbers_with_any_line_ending(tmp_path: Path, ending: str) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(GOOD.encode() + ending.encode() + GBK_LINE + ending.encode() + "第三行".encode() + ending.encode())
    assert [(u.text, u.line) for u in units(p)] == [(GOOD, 1), ("第三行", 3)]
    assert [e.message for e in errors(p)] == [bad_line_message(2)]


def test_undecodable_comment_line_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(b"# " + GBK_LINE + f"\n{GOOD}\n".encode())
    assert [u.line for u in units(p)] == [2]
    assert [e.message for e in errors(p)] == [bad_line_message(1)]


def test_directive_for_an_undecodable_line_is_not_passed_on(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(b"# reasonlint: disable-next-line=RL203\n" + GBK_LINE + f"\n{GOOD}\n".encode())
    (u,) = units(p)
    assert (u.line, u.directives) == (3, ())


def test_undecodable_line_in_a_paragraph_skips_the_paragraph(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(f"{GOOD}\n\n第一行\n".encode() + GBK_LINE + f"\n\n{GOOD}\n续行\n".encode())
    got = units(p, unit="paragraph")
    assert [(u.line, u.text) for u in got] == [(1, GOOD), (6, GOOD + "\n续行")]
    (err,) = errors(p, unit="paragraph")
    assert err.message == "第 4 行不是有效的 UTF-8 编码，已跳过它所在的第 3–4 行"


@pytest.mark.parametrize("kind", ["csv", "tsv"])
def test_undecodable_row_in_a_table(tmp_path: Path, kind: str) -> None:
    sep = "," if kind == "csv" else "\t"
    p = tmp_path / f"r.{kind}"
    p.write_bytes(f"编号{sep}理由{sep}投诉\n1{sep}{GOOD}{sep}没有发货\n2{sep}".encode() + GBK_LINE
                  + f"{sep}x\n3{sep}{GOOD}{sep}退款未到账\n".encode())
    got = units(p)
    assert [(u.text, u.line, u.column, u.complaint) for u in got] == [
        (GOOD, 2, 3, "没有发货"), (GOOD, 4, 3, "退款未到账")]
    assert [e.message for e in errors(p)] == [bad_line_message(3)]


def test_undecodable_line_inside_a_quoted_csv_field(tmp_path: Path) -> None:
    # The record spans lines 3-5; the quotes still pair up, so the next record is intact.
    p = tmp_path / "r.csv"
    p.write_bytes(f'reason\n{GOOD}\n"第一行\n'.encode() + GBK_LINE + f'\n末行"\n{GOOD}\n'.encode())
    assert [(u.text, u.line) for u in units(p)] == [(GOOD, 2), (GOOD, 6)]
    assert [e.message for e in errors(p)] == ["第 4 行不是有效的 UTF-8 编码，已跳过它所在的第 3–5 行"]


def test_undecodable_csv_header(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_bytes(b"reason," + GBK_LINE + f"\n{GOOD},x\n".encode())
    assert [(u.text, u.line) for u in units(p)] == [(GOOD, 2)]
    (err,) = errors(p)
    assert err.message.startswith("第 1 行不是有效的 UTF-8 编码，") and "表头" in err.message


def test_undecodable_jsonl_line(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_bytes(f'{{"reason": "{GOOD}"}}\n{{"reason": "'.encode() + GBK_LINE
                  + f'"}}\n"{GOOD}"\n'.encode())
    assert [(u.text, u.line, u.key) for u in units(p)] == [(GOOD, 1, "$.reason"), (GOOD, 3, "$")]
    assert [e.message for e in errors(p)] == [bad_line_message(2)]


def test_undecodable_line_in_json_and_yaml(tmp_path: Path) -> None:
    # Whole documents: the reasons on the bad line are lost, the others keep their places.
    j = tmp_path / "r.json"
    j.write_bytes(f'[\n  "{GOOD}",\n  "'.encode() + GBK_LINE + f'",\n  {{"reason": "{GOOD}"}}\n]\n'.encode())
    assert [(u.key, u.line, u.column) for u in units(j)] == [("$[0]", 2, 4), ("$[2].reason", 4, 15)]
    assert [e.message for e in errors(j)] == [bad_line_message(3)]
    y = tmp_path / "r.yaml"
    y.write_bytes(f"a: {GOOD}\nb: ".encode() + GBK_LINE + f"\nc: |\n  {GOOD}\nd: '{GOOD}'\n".encode())
    assert [(u.key, u.line) for u in units(y)] == [("$.a", 1), ("$.c", 4), ("$.d", 5)]
    assert [e.message for e in errors(y)] == [bad_line_message(2)]


def test_undecodable_line_inside_a_yaml_block_scalar(tmp_path: Path) -> None:
    y = tmp_path / "r.yaml"
    y.write_bytes(f"a: |\n  {GOOD}\n  ".encode() + GBK_LINE + f"\nb: {GOOD}\n".encode())
    assert [(u.key, u.line) for u in units(y)] == [("$.b", 4)]
    assert [e.message for e in errors(y)] == [bad_line_message(3)]


def test_undecodable_line_with_a_forced_encoding(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes("商家已补发\n".encode("gbk") + b"\xff\xff\n" + "已退款\n".encode("gbk"))
    assert [(u.text, u.line) for u in units(p, encoding="gbk")] == [("商家已补发", 1), ("已退款", 3)]
    assert [e.message for e in errors(p, encoding="gbk")] == [bad_line_message(2, "GBK")]


def test_undecodable_lines_are_listed_up_to_a_limit(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes((GBK_LINE + b"\n" + GOOD.encode() + b"\n") * 25)
    assert len(units(p)) == 25
    errs = errors(p)
    assert [e.message for e in errs[:10]] == [bad_line_message(2 * i + 1) for i in range(10)]
    assert len(errs) == 11
    assert errs[-1].message.startswith("另有 15 行不是有效的 UTF-8 编码")
    assert all("\n" not in str(e) for e in errs)


def test_bad_bytes_at_the_end_of_the_file(tmp_path: Path) -> None:
    # A file cut in the middle of a character: only the last line is lost.
    p = tmp_path / "r.txt"
    p.write_bytes(f"{GOOD}\n{GOOD}".encode()[:-1])
    assert [u.line for u in units(p)] == [1]
    assert [e.message for e in errors(p)] == [bad_line_message(2)]


def test_crlf_across_a_block_boundary(tmp_path: Path) -> None:
    # "\r" ends the first 64 KiB read and "\n" starts the next: one line end, not two.
    from reasonlint.sources import SAMPLE
    filler = "# " + "x" * (SAMPLE - 3) + "\r\n"
    assert filler.encode()[SAMPLE - 1:SAMPLE + 1] == b"\r\n"
    p = tmp_path / "r.txt"
    p.write_bytes(filler.encode() + f"{GOOD}\r\n".encode() + GBK_LINE + f"\r{GOOD}\n".encode())
    assert [u.line for u in units(p)] == [2, 4]
    assert [e.message for e in errors(p)] == [bad_line_message(3)]


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-32-le", b"\xff\xfe\x00\x00")],
                         ids=["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_lines(tmp_path: Path, encoding: str, bom: bytes) -> None:
    # U+0A0A next to U+4E00 puts the bytes of a line feed across two characters: not a line end.
    tricky = "\u0a0a一\u0a0a" + GOOD
    nl = "\n".encode(encoding)
    assert tricky.encode(encoding).find(nl) % len(nl)
    text = f"{tricky}\r\n第二行\r第三行\n"
    p = tmp_path / "r.txt"
    p.write_bytes(bom + text.encode(encoding) * 40000)     # past the first read, too
    got = units(p)
    assert len(got) == 120000 and errors(p) == []
    assert [(u.text, u.line) for u in got[-3:]] == [(tricky, 119998), ("第二行", 119999), ("第三行", 120000)]


def test_utf16_bad_line(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    lone_surrogate = b"\x00\xd8a\x00"      # U+D800 without its pair, then "a"
    p.write_bytes(b"\xff\xfe" + "甲\n".encode("utf-16-le") + lone_surrogate + "\n乙\n".encode("utf-16-le"))
    assert [(u.text, u.line) for u in units(p)] == [("甲", 1), ("乙", 3)]
    assert [e.message for e in errors(p)] == [bad_line_message(2, "UTF-16")]


def test_lines_are_read_as_needed() -> None:
    # Streaming: the first lines come before the rest of a large stream is read.
    from reasonlint.sources import SAMPLE, Lines
    stream = io.BytesIO(GBK_LINE + b"\n" + (GOOD + "\n").encode() * 200000)
    lines = iter(Lines(stream, None))
    assert next(lines) == (GBK_LINE.decode("utf-8", "replace") + "\n", False)
    assert next(lines) == (GOOD + "\n", True)
    assert stream.tell() <= 2 * SAMPLE < len(stream.getvalue()) // 10


def test_stdin_with_an_undecodable_line() -> None:
    stream = io.BytesIO(f"{GOOD}\n".encode() + GBK_LINE + f"\n{GOOD}\n".encode())
    got = list(read("-", Options(stdin_filename="in.txt"), stream))
    assert [(type(i).__name__, getattr(i, "line", None)) for i in got] == [
        ("Unit", 1), ("InputError", None), ("Unit", 3), ("FileEnd", None)]
    assert str(got[1]) == f"in.txt: {bad_line_message(2)}"


# --- control characters --------------------------------------------------------------

@pytest.mark.parametrize("name", ["r.txt", "r.csv", "r.tsv"])
def test_control_characters_stay_in_the_reason(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    head = "" if name.endswith("txt") else "reason\n"
    p.write_bytes(f"{head}\x01\x1b[31m{GOOD}\n{GOOD}\x07\n".encode())
    assert [(u.text, u.line) for u in units(p)] == [
        (f"\x01\x1b[31m{GOOD}", 1 + bool(head)), (f"{GOOD}\x07", 2 + bool(head))]
    assert errors(p) == []


def test_control_character_in_yaml_is_one_line_error(tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_bytes(f"a: {GOOD}\nb: 已退\x01款\n".encode())
    (err,) = errors(p)
    assert err.message == "YAML 格式错误：第 2 行第 6 列：YAML 不允许字符 U+0001"


# --- null and other non-string reasons -------------------------------------------------

def test_null_reason_is_an_empty_reason(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text('{"reason": ""}\n{"reason": null, "complaint": "没有发货"}\nnull\n{"reason": "甲"}\n',
                 encoding="utf-8")
    got = units(p)
    assert [(u.text, u.line, u.column, u.key) for u in got] == [
        ("", 1, 13, "$.reason"), ("", 2, 12, "$.reason"), ("", 3, 1, "$"), ("甲", 4, 13, "$.reason")]
    assert got[1].complaint == "没有发货"
    assert errors(p) == []


def test_null_reasons_in_json(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    p.write_text('[{"reason": null}, {"reason": "甲"}, null, ""]', encoding="utf-8")
    assert [(u.key, u.text, u.column) for u in units(p)] == [
        ("$[0].reason", "", 13), ("$[1].reason", "甲", 32), ("$[2]", "", 37), ("$[3]", "", 44)]
    # A single object with a null reason is one record, not a map of names to reasons.
    p.write_text('{"reason": null, "complaint": "没有发货"}', encoding="utf-8")
    (u,) = units(p)
    assert (u.key, u.text, u.complaint) == ("$.reason", "", "没有发货")
    p.write_text('{"greeting": "你好", "spare": null}', encoding="utf-8")
    assert [(u.key, u.text) for u in units(p)] == [("$.greeting", "你好"), ("$.spare", "")]
    assert errors(p) == []


def test_null_reasons_in_yaml(tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_text("- reason: ~\n- reason:\n  complaint: 没有发货\n- reason: null\n- reason: 甲\n",
                 encoding="utf-8")
    got = units(p)
    assert [(u.key, u.text, u.line, u.column) for u in got] == [
        ("$[0].reason", "", 1, 11), ("$[1].reason", "", 2, 10), ("$[2].reason", "", 4, 11),
        ("$[3].reason", "甲", 5, 11)]
    assert got[1].complaint == "没有发货"
    assert errors(p) == []


@pytest.mark.parametrize("doc", ["null", "  null\n"])
def test_a_json_document_that_is_null_has_no_records(tmp_path: Path, doc: str) -> None:
    p = tmp_path / "r.json"
    p.write_text(doc, encoding="utf-8")
    assert [type(i) for i in items(p)] == [FileEnd]


@pytest.mark.parametrize("doc", ["", "---\n", "~\n", "# 只有注释\n"])
def test_a_yaml_document_that_is_null_has_no_records(tmp_path: Path, doc: str) -> None:
    p = tmp_path / "r.yaml"
    p.write_text(doc, encoding="utf-8")
    assert [type(i) for i in items(p)] == [FileEnd]


def test_numbers_and_booleans_are_checked_as_written(tmp_path: Path) -> None:
    # Like the same cell in a CSV file: one result each, the text as the author wrote it.
    p = tmp_path / "r.jsonl"
    p.write_text('{"reason": 42}\n{"reason": 1.50e3}\n{"reason": true}\n{"reason": false}\n-7\n',
                 encoding="utf-8")
    assert [(u.text, u.line, u.column) for u in units(p)] == [
        ("42", 1, 12), ("1.50e3", 2, 12), ("true", 3, 12), ("false", 4, 12), ("-7", 5, 1)]
    y = tmp_path / "r.yaml"
    y.write_text("- reason: 1103\n- reason: yes\n- reason: 2026-11-03\n- reason: 2026-13-45\n"
                 "- reason: 0x1F\n- reason: .inf\n", encoding="utf-8")
    assert [u.text for u in units(y)] == ["1103", "yes", "2026-11-03", "2026-13-45", "0x1F", ".inf"]
    assert errors(p) == [] and errors(y) == []


def test_yaml_keys_and_context_that_are_not_strings(tmp_path: Path) -> None:
    y = tmp_path / "r.yaml"
    # An impossible date as a key used to stop the run with a traceback.
    y.write_text("1103: 已退款\n2026-13-45: 已换货\n", encoding="utf-8")
    assert [u.key for u in units(y)] == ["$[\"1103\"]", "$[\"2026-13-45\"]"]
    y.write_text("- reason: 甲\n  complaint: 404\n  channel: 12315\n", encoding="utf-8")
    (u,) = units(y)
    assert (u.complaint, u.channel) == ("404", "third_party")


def test_container_reason_is_still_an_error(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text('{"reason": ["甲"]}\n{"reason": {"text": "乙"}}\n', encoding="utf-8")
    assert units(p) == []
    assert [str(e) for e in errors(p)] == [f"{p}:1: $.reason: 理由应为字符串，得到列表",
                                           f"{p}:2: $.reason: 理由应为字符串，得到对象"]


def test_short_csv_row_is_an_empty_reason(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("编号,投诉,理由\n1,没有发货,甲\n2,退款未到账\n\n3\n", encoding="utf-8")
    got = units(p)
    assert [(u.text, u.line, u.column, u.complaint) for u in got] == [
        ("甲", 2, 8, "没有发货"), ("", 3, 8, "退款未到账"), ("", 5, 2, None)]
