"""Read input files into units: one reason each, with where it came from.

Readers stream (txt, csv, tsv and jsonl line by line) and yield three kinds of
items in file order: :class:`Unit`, :class:`InputError` and, last for each file,
:class:`FileEnd`, so the caller can finish per-file work (unused file-wide
suppressions) without holding the file's units.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, Iterable, Iterator, Optional, Union

from .suppress import Directive, FileSuppressions, parse_directive

EXTENSIONS = ("txt", "csv", "tsv", "json", "jsonl", "yaml", "yml")
REASON_KEYS = ("reason", "text", "理由", "原因", "内容")
COMPLAINT_KEYS = ("complaint", "投诉", "投诉事由")
CHANNEL_KEYS = ("channel", "渠道")
# Channel cells as people write them in spreadsheets; anything else is passed on as-is
# (and rejected by the linter with a message naming the allowed values).
CHANNEL_ALIASES = {
    "平台": "platform", "卡盟": "platform", "卡盟平台": "platform",
    "支付": "payment", "支付宝": "payment", "微信": "payment", "微信支付": "payment",
    "第三方": "third_party", "黑猫": "third_party", "黑猫投诉": "third_party", "12315": "third_party",
}
# Folders that never hold reasons but can hold thousands of .json/.txt files.
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
SAMPLE = 65536


@dataclass(frozen=True)
class Options:
    """How to read sources; built by the command line."""

    unit: str = "line"                       # line | paragraph (plain text only)
    encoding: Optional[str] = None           # None: detect
    column: Optional[str] = None             # reason column/field
    complaint_column: Optional[str] = None
    channel_column: Optional[str] = None
    complaint: Optional[str] = None          # default context for every unit
    channel: Optional[str] = None
    stdin_filename: Optional[str] = None


@dataclass
class Unit:
    text: str
    path: str
    line: int
    column: int
    key: Optional[str] = None
    complaint: Optional[str] = None
    channel: Optional[str] = None
    # Next-line directives for this unit, and the file's shared file-wide ones.
    directives: list[Directive] = field(default_factory=list)
    file_suppressions: Optional[FileSuppressions] = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a str index into :attr:`text`."""
        offset = max(0, min(offset, len(self.text)))
        newlines = self.text.count("\n", 0, offset)
        if not newlines:
            return self.line, self.column + offset
        return self.line + newlines, offset - self.text.rfind("\n", 0, offset)


@dataclass(frozen=True)
class InputError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class FileEnd:
    path: str
    suppressions: FileSuppressions


Item = Union[Unit, InputError, FileEnd]


class SourceError(Exception):
    """A file that cannot be read at all; the message is for the user."""


# --- finding files -----------------------------------------------------------------

def expand(paths: Iterable[str]) -> Iterator[Union[str, InputError]]:
    """Files to read, in a stable order: given files as-is, folders recursed by extension."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for name in sorted(files):
                    if name.rsplit(".", 1)[-1].lower() in EXTENSIONS and not name.startswith("."):
                        yield os.path.join(root, name)
        elif path.is_file():
            yield p
        elif path.exists():
            yield InputError(p, "不是普通文件，已跳过")
        else:
            yield InputError(p, "文件或目录不存在")


def kind_of(path: str) -> str:
    ext = path.rsplit(".", 1)[-1].lower() if "." in os.path.basename(path) else ""
    if ext == "yml":
        return "yaml"
    return ext if ext in EXTENSIONS else "txt"


# --- decoding ------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def detect_encoding(sample: bytes) -> str:
    """Pick an encoding from the first bytes of a file, or raise SourceError for binary.

    GB18030 decodes nearly any byte string, so binary data is recognised by NUL
    bytes and control characters, not by a decoding failure.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" in sample:
        raise SourceError("看起来是二进制文件（含有 NUL 字节），已跳过")
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        except UnicodeDecodeError:
            raise SourceError("无法识别文件编码（试过 UTF-8 和 GB18030），可用 --encoding 指定") from None
        encoding = "gb18030"
    if _BINARY.search(text):
        raise SourceError("看起来是二进制文件（含有控制字符），已跳过")
    return encoding


class _Prefixed(io.RawIOBase):
    """A binary stream whose first bytes were already read for detection."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def open_text(raw: BinaryIO, encoding: Optional[str], *, newline: Optional[str] = None) -> IO[str]:
    head = raw.read(SAMPLE)
    if encoding is None:
        encoding = detect_encoding(head)
    elif encoding.lower().replace("_", "-") in ("utf-8", "utf8") and head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    buffered = io.BufferedReader(_Prefixed(head, raw))
    return io.TextIOWrapper(buffered, encoding=encoding, errors="strict", newline=newline)


# --- reading -------------------------------------------------------------------------

def read(path: str, opts: Options, stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """All units of one file (``-`` is stdin), then its FileEnd.

    Errors become InputError items, so one bad file does not stop the others.
    """
    display = (opts.stdin_filename or "-") if path == "-" else path
    kind = kind_of(opts.stdin_filename or "-.txt") if path == "-" else kind_of(path)
    suppressions = FileSuppressions()
    try:
        if path == "-":
            assert stdin is not None
            # Read whole so a text file can be scanned twice (file-wide directives).
            yield from _read_kind(kind, display, io.BytesIO(stdin.read()), opts, suppressions)
        else:
            with open(path, "rb") as raw:
                yield from _read_kind(kind, display, raw, opts, suppressions)
    except SourceError as exc:
        yield InputError(display, str(exc))
    except UnicodeDecodeError as exc:
        yield InputError(display, f"无法按 {exc.encoding} 解码（第 {exc.start} 字节附近），可用 --encoding 指定编码")
    except LookupError as exc:
        yield InputError(display, f"未知编码：{exc}")
    except OSError as exc:
        yield InputError(display, f"无法读取：{exc.strerror or exc}")
    yield FileEnd(display, suppressions)


def _read_kind(kind: str, path: str, raw: BinaryIO, opts: Options,
               suppressions: FileSuppressions) -> Iterator[Item]:
    if kind in ("csv", "tsv"):
        with open_text(raw, opts.encoding, newline="") as f:
            yield from read_table(f, path, opts, "\t" if kind == "tsv" else ",")
    elif kind == "jsonl":
        with open_text(raw, opts.encoding) as f:
            yield from read_jsonl(f, path, opts)
    elif kind == "json":
        with open_text(raw, opts.encoding) as f:
            yield from read_json(f.read(), path, opts)
    elif kind == "yaml":
        with open_text(raw, opts.encoding) as f:
            yield from read_yaml(f.read(), path, opts)
    else:
        # A first pass finds `disable-file` directives, which cover the lines above them too.
        start = raw.tell()
        with open_text(raw, opts.encoding) as f:
            try:
                for lineno, line in enumerate(f, 1):
                    if line.lstrip().startswith("#"):
                        d = parse_directive(line.rstrip("\r\n"), lineno)
                        if d is not None and d.kind == "disable-file":
                            suppressions.directives.append(d)
            except UnicodeDecodeError:
                pass  # the second pass reports it, after the reasons before it
        raw.seek(start)   # closing the wrapper above leaves `raw` open
        with open_text(raw, opts.encoding) as f:
            yield from read_text(f, path, opts, suppressions)


def channel_value(cell: Optional[str]) -> Optional[str]:
    value = (cell or "").strip()
    if not value:
        return None
    return CHANNEL_ALIASES.get(value, value.lower())


def _context(obj: dict[str, Any], opts: Options) -> tuple[Optional[str], Optional[str]]:
    complaint = _pick(obj, opts.complaint_column, COMPLAINT_KEYS)
    channel = _pick(obj, opts.channel_column, CHANNEL_KEYS)
    return (complaint or opts.complaint, channel_value(channel) or opts.channel)


def _pick(obj: dict[str, Any], wanted: Optional[str], candidates: tuple[str, ...]) -> Optional[str]:
    key = wanted if wanted is not None else _find_key(obj.keys(), candidates)
    if key is None:
        return None
    value = obj.get(key)
    if value is None or value == "":
        return None
    return str(value)


def _find_key(keys: Iterable[str], candidates: tuple[str, ...]) -> Optional[str]:
    folded = {str(k).strip().casefold(): k for k in keys}
    for c in candidates:
        if c in folded:
            return folded[c]
    return None


# plain text

def read_text(f: IO[str], path: str, opts: Options, suppressions: FileSuppressions) -> Iterator[Item]:
    pending: list[Directive] = []
    para: list[tuple[int, str]] = []      # (line number, line) of the open paragraph
    para_directives: list[Directive] = []

    def flush() -> Iterator[Unit]:
        if para:
            first_line, first = para[0]
            column = len(first) - len(first.lstrip()) + 1
            text = "\n".join(l for _, l in para).strip()
            yield Unit(text, path, first_line, column, None, opts.complaint, opts.channel,
                       list(para_directives), suppressions)
            para.clear()
            para_directives.clear()

    for lineno, raw_line in enumerate(f, 1):
        line = raw_line.rstrip("\r\n")
        stripped = line.strip()
        if stripped.startswith("#"):
            d = parse_directive(line, lineno)
            if d is not None and d.kind == "disable":
                pending.append(d)
            continue
        if not stripped:
            if opts.unit == "paragraph":
                yield from flush()
            continue
        if opts.unit == "paragraph":
            if not para:
                para_directives.extend(pending)
                pending.clear()
            para.append((lineno, line))
            continue
        column = len(line) - len(line.lstrip()) + 1
        yield Unit(stripped, path, lineno, column, None, opts.complaint, opts.channel,
                   pending, suppressions)
        pending = []
    yield from flush()
    # A next-line directive with no reason after it suppresses nothing: keep it
    # for the unused check by parking it with the file-wide ones.
    for d in pending:
        suppressions.directives.append(d)


# csv / tsv

class _Tap:
    """Feeds lines to csv.reader and remembers them, to locate fields in the raw record."""

    def __init__(self, f: IO[str]) -> None:
        self._f = f
        self.lines: list[str] = []

    def __iter__(self) -> "_Tap":
        return self

    def __next__(self) -> str:
        line = next(self._f)
        self.lines.append(line)
        return line


def _field_starts(record: str, delimiter: str) -> list[int]:
    """Offsets in ``record`` where each field's value starts (after an opening quote)."""
    starts = [0]
    quoted = False
    i = 0
    n = len(record)
    while i < n:
        ch = record[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and record[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
        elif ch == '"' and (i == starts[-1]):
            quoted = True
        elif ch == delimiter:
            starts.append(i + 1)
        i += 1
    return [s + 1 if s < n and record[s] == '"' else s for s in starts]


def read_table(f: IO[str], path: str, opts: Options, delimiter: str) -> Iterator[Item]:
    tap = _Tap(f)
    reader = csv.reader(tap, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise SourceError(f"表格格式错误：{exc}") from None
    tap.lines.clear()
    names = [h.strip() for h in header]

    def index(wanted: Optional[str], candidates: tuple[str, ...], what: str) -> Optional[int]:
        if wanted is not None:
            if wanted not in names:
                raise SourceError(f"没有名为 {wanted!r} 的{what}列；表头为：{', '.join(names)}")
            return names.index(wanted)
        key = _find_key(names, candidates)
        return None if key is None else names.index(key)

    reason_i = index(opts.column, REASON_KEYS, "理由")
    if reason_i is None:
        raise SourceError(f"找不到理由列（可用 --column 指定，默认找 {'/'.join(REASON_KEYS)}）；"
                          f"表头为：{', '.join(names)}")
    complaint_i = index(opts.complaint_column, COMPLAINT_KEYS, "投诉")
    channel_i = index(opts.channel_column, CHANNEL_KEYS, "渠道")

    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{path}:{reader.line_num}", f"表格格式错误：{exc}")
            tap.lines.clear()
            continue
        raw = "".join(tap.lines)
        first_line = reader.line_num - len(tap.lines) + 1
        tap.lines.clear()
        if reason_i >= len(row):
            continue
        value = row[reason_i]
        text = value.strip()  # an empty cell is still a record: it is reported, not lost
        start = _field_starts(raw, delimiter)[reason_i] if reason_i < len(_field_starts(raw, delimiter)) else 0
        start += len(value) - len(value.lstrip())
        line = first_line + raw.count("\n", 0, start)
        column = start - raw.rfind("\n", 0, start)
        complaint = row[complaint_i].strip() if complaint_i is not None and complaint_i < len(row) else ""
        channel = row[channel_i].strip() if channel_i is not None and channel_i < len(row) else ""
        yield Unit(text, path, line, column, None, complaint or opts.complaint,
                   channel_value(channel) or opts.channel)


# json / jsonl

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


@dataclass
class _Str:
    """A JSON string value with the str index where its characters start."""

    value: str
    pos: int


class _JSONLocator:
    """A small JSON parser that keeps where each string starts.

    The standard library's decoder gives no positions; this one returns plain
    dicts and lists whose string leaves are :class:`_Str`.
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.s = text
        self.first_line = first_line

    def parse(self) -> Any:
        value, end = self._value(_WS.match(self.s, 0).end())  # type: ignore[union-attr]
        end = _WS.match(self.s, end).end()  # type: ignore[union-attr]
        if end != len(self.s):
            self._fail("多余的内容", end)
        return value

    def _fail(self, msg: str, pos: int) -> None:
        line = self.s.count("\n", 0, pos) + self.first_line
        col = pos - self.s.rfind("\n", 0, pos)
        raise SourceError(f"JSON 格式错误：第 {line} 行第 {col} 列：{msg}")

    def _value(self, i: int) -> tuple[Any, int]:
        s = self.s
        ch = s[i:i + 1]
        if ch == '"':
            try:
                value, end = json.decoder.scanstring(s, i + 1)  # type: ignore[attr-defined]
            except json.JSONDecodeError as exc:
                self._fail(exc.msg, exc.pos)
            return _Str(value, i + 1), end
        if ch == "{":
            obj: dict[str, Any] = {}
            i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
            if s[i:i + 1] == "}":
                return obj, i + 1
            while True:
                if s[i:i + 1] != '"':
                    self._fail("应为字符串键", i)
                key, i = self._value(i)
                i = _WS.match(s, i).end()  # type: ignore[union-attr]
                if s[i:i + 1] != ":":
                    self._fail("应为冒号", i)
                value, i = self._value(_WS.match(s, i + 1).end())  # type: ignore[union-attr]
                obj[key.value] = value
                i = _WS.match(s, i).end()  # type: ignore[union-attr]
                if s[i:i + 1] == "}":
                    return obj, i + 1
                if s[i:i + 1] != ",":
                    self._fail("应为逗号或 }", i)
                i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
        if ch == "[":
            arr: list[Any] = []
            i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
            if s[i:i + 1] == "]":
                return arr, i + 1
            while True:
                value, i = self._value(i)
                arr.append(value)
                i = _WS.match(s, i).end()  # type: ignore[union-attr]
                if s[i:i + 1] == "]":
                    return arr, i + 1
                if s[i:i + 1] != ",":
                    self._fail("应为逗号或 ]", i)
                i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
        for word, value in (("true", True), ("false", False), ("null", None)):
            if s.startswith(word, i):
                return value, i + len(word)
        m = _NUMBER.match(s, i)
        if m and m.end() > i:
            return json.loads(m.group()), m.end()
        self._fail("无法解析的值" if ch else "内容意外结束", i)
        raise AssertionError  # unreachable: _fail raises


def key_path(base: str, part: Union[int, str]) -> str:
    if isinstance(part, int):
        return f"{base}[{part}]"
    if part.isidentifier():
        return f"{base}.{part}"
    return f"{base}[{json.dumps(part, ensure_ascii=False)}]"


class _Positions:
    """str index -> 1-based (line, column) for a whole document."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first_line = first_line

    def __call__(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        return self.first_line + i, pos - self.starts[i] + 1


def _units_from_tree(tree: Any, path: str, opts: Options, where: Any,
                     base: str = "$", top: bool = True, escaped: bool = False) -> Iterator[Item]:
    """Units from a parsed JSON/YAML document whose string leaves know their place.

    ``where(leaf) -> (line, column)``; accepted shapes: a string, a list of strings
    or objects, or an object of name -> string/object. ``escaped``: the source writes
    newlines as ``\\n`` (JSON), so leading ones move no line.
    """
    def from_object(obj: dict[str, Any], at: str) -> Iterator[Item]:
        key = opts.column if opts.column is not None else _find_key(obj.keys(), REASON_KEYS)
        if key is None or key not in obj:
            wanted = opts.column or "/".join(REASON_KEYS)
            yield InputError(path, f"{at}: 找不到理由字段 {wanted}（可用 --field 指定）；"
                                   f"已有字段：{', '.join(map(str, obj.keys()))}")
            return
        leaf = obj[key]
        plain = {k: (v.value if isinstance(v, _Str) else v) for k, v in obj.items()}
        complaint, channel = _context(plain, opts)
        yield from from_leaf(leaf, key_path(at, key), complaint, channel)

    def from_leaf(leaf: Any, at: str, complaint: Optional[str], channel: Optional[str]) -> Iterator[Item]:
        if leaf is None:  # null: the record gives no reason at all
            return
        if not isinstance(leaf, _Str):
            yield InputError(path, f"{at}: 理由应为字符串，得到 {type(leaf).__name__}")
            return
        value = leaf.value
        text = value.strip()  # an empty string is still a record: reported, not lost
        line, column = where(leaf)
        lead = value[: len(value) - len(value.lstrip())]
        if escaped:
            pass  # a JSON string's escapes make its characters no guide to columns
        elif "\n" in lead:
            line += lead.count("\n")
            column = len(lead) - lead.rfind("\n")
        else:
            column += len(lead)
        yield Unit(text, path, line, column, at, complaint, channel)

    if isinstance(tree, _Str):
        yield from from_leaf(tree, base, opts.complaint, opts.channel)
    elif isinstance(tree, list):
        for i, item in enumerate(tree):
            at = key_path(base, i)
            if isinstance(item, dict):
                yield from from_object(item, at)
            else:
                yield from from_leaf(item, at, opts.complaint, opts.channel)
    elif isinstance(tree, dict):
        if not top or (opts.column is not None and opts.column in tree) or \
                (opts.column is None and _find_key(tree.keys(), REASON_KEYS) is not None
                 and isinstance(tree[_find_key(tree.keys(), REASON_KEYS)], _Str)):
            # One object with a reason field: a single reason with its context.
            yield from from_object(tree, base)
            return
        for name, item in tree.items():
            at = key_path(base, str(name))
            if isinstance(item, dict):
                yield from from_object(item, at)
            else:
                yield from from_leaf(item, at, opts.complaint, opts.channel)
    elif tree is not None:
        yield InputError(path, "应为字符串列表、对象列表，或“名称 → 字符串”的对象")


def read_json(text: str, path: str, opts: Options) -> Iterator[Item]:
    tree = _JSONLocator(text).parse()
    pos = _Positions(text)
    yield from _units_from_tree(tree, path, opts, lambda leaf: pos(leaf.pos), escaped=True)


def read_jsonl(f: IO[str], path: str, opts: Options) -> Iterator[Item]:
    for lineno, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            tree = _JSONLocator(line.rstrip("\r\n"), lineno).parse()
        except SourceError as exc:
            yield InputError(path, str(exc))
            continue
        yield from _units_from_tree(tree, path, opts, lambda leaf, n=lineno: (n, leaf.pos + 1),
                                    top=False, escaped=True)


# yaml

def read_yaml(text: str, path: str, opts: Options) -> Iterator[Item]:
    import yaml  # imported here: only YAML inputs need it

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"YAML 格式错误：{where}{problem}") from None
    lines = text.splitlines()

    def convert(n: Any) -> Any:
        if isinstance(n, yaml.ScalarNode):
            if n.tag == "tag:yaml.org,2002:str":
                return _Str(n.value, 0), n
            return yaml.SafeLoader(io.StringIO("")).construct_object(n, deep=True)
        if isinstance(n, yaml.SequenceNode):
            return [_leaf(convert(c)) for c in n.value]
        if isinstance(n, yaml.MappingNode):
            return {str(_plain(convert(k))): _leaf(convert(v)) for k, v in n.value}
        return None

    places: dict[int, tuple[int, int]] = {}

    def _leaf(x: Any) -> Any:
        if isinstance(x, tuple):
            s, n = x
            places[id(s)] = _yaml_place(n, lines)
            return s
        return x

    def _plain(x: Any) -> Any:
        return x[0].value if isinstance(x, tuple) else x

    if node is None:
        return
    tree = _leaf(convert(node))
    yield from _units_from_tree(tree, path, opts, lambda leaf: places[id(leaf)])


def _yaml_place(node: Any, lines: list[str]) -> tuple[int, int]:
    line, column = node.start_mark.line, node.start_mark.column
    if node.style in ('"', "'"):
        return line + 1, column + 2
    if node.style in ("|", ">"):
        # A block scalar's text starts on the next non-blank line, at its indentation.
        for i in range(line + 1, len(lines)):
            if lines[i].strip():
                return i + 1, len(lines[i]) - len(lines[i].lstrip()) + 1
        return line + 2, 1
    return line + 1, column + 1
