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
import shutil
import stat
import sys
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, BinaryIO, Iterable, Iterator, Optional, Union

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

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to --jobs workers by the hundred thousand: the constructor's arguments
        # pickle in about half the time of the instance dict.
        return Unit, (self.text, self.path, self.line, self.column, self.key, self.complaint,
                      self.channel, self.directives, self.file_suppressions)

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
    """Files to read, in a stable order: given files as-is, folders recursed by extension.

    Only regular files are read: a FIFO, socket or device (named, or met in a folder)
    would block the run or never end, so it is reported and skipped.
    """
    for p in paths:
        if p == "-":
            yield p
            continue
        kind = _file_kind(p)
        if kind == "dir":
            yield from _walk(p)
        elif isinstance(kind, InputError):
            yield kind
        else:
            yield p


def _file_kind(path: str) -> Union[str, InputError]:
    """"dir", "file", or why the path cannot be read."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return InputError(path, "文件或目录不存在")
    except (OSError, ValueError) as exc:   # ELOOP (a symlink loop), EACCES, a NUL in the name
        return InputError(path, f"无法读取：{getattr(exc, 'strerror', None) or exc}")
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    if stat.S_ISREG(st.st_mode):
        return "file"
    return InputError(path, "不是普通文件，已跳过")


def _walk(top: str) -> Iterator[Union[str, InputError]]:
    errors: list[OSError] = []
    # onerror: a folder that cannot be listed would otherwise be skipped without a word.
    for root, dirs, files in os.walk(top, onerror=errors.append):
        for exc in errors:
            yield InputError(exc.filename or root, f"无法读取目录：{exc.strerror or exc}")
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if name.rsplit(".", 1)[-1].lower() in EXTENSIONS and not name.startswith("."):
                path = os.path.join(root, name)
                kind = _file_kind(path)
                yield kind if isinstance(kind, InputError) else path
    for exc in errors:
        yield InputError(exc.filename or top, f"无法读取目录：{exc.strerror or exc}")


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
# Formats that get renamed to .csv or .txt by mistake, recognised by their first bytes.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"), (b"GIF87a", "GIF 图片"), (b"GIF89a", "GIF 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"), (b"%PDF-", "PDF 文档"),
    (b"PK\x03\x04", "ZIP 压缩包或 xlsx/docx 文档"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls/doc 文档"),
    (b"\x1f\x8b", "gzip 压缩包"), (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"), (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"\xfd7zXZ\x00", "xz 压缩包"), (b"\x7fELF", "可执行程序"),
)
_EOL_BYTES = re.compile(rb"[\r\n]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_LINE_BYTES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
BLOCK = 1 << 16
# Per file; past this, one closing line counts the rest (a wrong --encoding fails every line).
MAX_LINE_REPORTS = 10


def detect_encoding(sample: bytes) -> str:
    """Pick an encoding from the first bytes of a file, or raise SourceError for binary.

    Binary data is recognised by a known signature or NUL bytes: GB18030 decodes
    nearly any byte string, and a control character in a line is still text. UTF-8
    and GB18030 are weighed line by line, so a few lines in the other encoding (a file
    pieced together from two sources) do not decide for the whole file: UTF-8 unless
    GB18030 reads more of the lines, and an error when neither reads at least half of
    the lines that are not plain ASCII.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    for signature, what in _SIGNATURES:
        if sample.startswith(signature):
            raise SourceError(f"看起来是二进制文件（{what}），已跳过")
    if b"\x00" in sample:
        raise SourceError("看起来是二进制文件（含有 NUL 字节），已跳过")
    pieces = _EOL_BYTES.split(sample)
    wide = [i for i, piece in enumerate(pieces) if not piece.isascii()]
    if not wide:
        return "utf-8"

    def failures(encoding: str) -> int:
        n = 0
        for i in wide:
            try:
                if i == len(pieces) - 1:   # the sample may end inside a character
                    codecs.getincrementaldecoder(encoding)().decode(pieces[i], final=False)
                else:
                    pieces[i].decode(encoding)
            except UnicodeDecodeError:
                n += 1
        return n

    utf8 = failures("utf-8")
    if not utf8:
        return "utf-8"
    gb = failures("gb18030")
    # Ties go to UTF-8: its bad lines are reported, while UTF-8 read as GB18030
    # would pass silently as garbled text.
    encoding, bad = ("gb18030", gb) if gb < utf8 else ("utf-8", utf8)
    if bad * 2 > len(wide):
        raise SourceError("无法识别文件编码（试过 UTF-8 和 GB18030），可用 --encoding 指定")
    return encoding


@dataclass(frozen=True)
class _Codec:
    name: str        # decodes the text after any BOM
    label: str       # for messages
    bom: int         # bytes to skip at the start
    cr: bytes
    lf: bytes
    unit: int        # bytes per code unit: a line end only counts at a multiple of it


def _codec(encoding: Optional[str], head: bytes) -> _Codec:
    given = encoding or detect_encoding(head)
    name = codecs.lookup(given).name     # LookupError: reported as an unknown encoding
    label = given.upper()
    bom = 0
    if name in ("utf-8", "utf-8-sig"):
        name, label = "utf-8", "UTF-8"
        bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    elif name in ("utf-16", "utf-32"):
        le, be = ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if name == "utf-16"
                  else (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))
        label = name.upper()
        if head.startswith(le):
            name, bom = f"{name}-le", len(le)
        elif head.startswith(be):
            name, bom = f"{name}-be", len(be)
        else:   # what Python's own decoder assumes without a BOM
            name = f"{name}-{'le' if sys.byteorder == 'little' else 'be'}"
    try:
        cr, lf = "\r".encode(name), "\n".encode(name)
    except UnicodeError:
        cr = lf = b""
    unit = len(lf) if name.startswith(("utf-16", "utf-32")) else 1
    if len(cr) != unit or len(lf) != unit:
        raise SourceError(f"编码 {given} 不能用来逐行读取文本，请换一种编码")
    return _Codec(name, label, bom, cr, lf, unit)


def _rfind_aligned(data: bytes, needle: bytes, end: int, offset: int, unit: int) -> int:
    i = data.rfind(needle, 0, end)
    while i >= 0 and (offset + i) % unit:
        i = data.rfind(needle, 0, i + unit - 1)
    return i


class Lines:
    """The lines of a byte stream, each with its line ending and whether it decoded.

    Lines end at CR, LF or CRLF, as in Python's universal newlines. Runs of whole lines
    are decoded at once; a run that fails is decoded line by line, so an undecodable
    line (a GBK line in a UTF-8 file) costs only itself: it comes with its bad bytes
    replaced by U+FFFD and ``ok`` false, for the reader to report and skip. Memory
    holds one block and the line being read, not the file.
    """

    def __init__(self, raw: BinaryIO, encoding: Optional[str]) -> None:
        head = raw.read(SAMPLE)
        self.codec = _codec(encoding, head)
        self._raw = raw
        self._head = head[self.codec.bom:]
        self.undecodable = 0

    def __iter__(self) -> Iterator[tuple[str, bool]]:
        name = self.codec.name
        for run in self._runs():
            try:
                text = run.decode(name)
            except UnicodeError:   # the base class: some codecs (idna) raise only that
                for piece in self._split(run):
                    try:
                        yield piece.decode(name), True
                    except UnicodeError:
                        yield _lossy(piece, name), False
            else:
                yield from zip(_LINE.findall(text), repeat(True))

    def _runs(self) -> Iterator[bytes]:
        """The stream cut after line ends; the last piece ends where the stream does."""
        pending: list[bytes] = []
        size = 0      # bytes in pending, which starts at a line start
        block, self._head = self._head, b""
        while block:
            end = self._last_end(block, size)
            if end:
                pending.append(block[:end])
                yield b"".join(pending)
                pending, size, block = [], 0, block[end:]
            if block:
                pending.append(block)
                size += len(block)
            block = self._raw.read(BLOCK)
        if pending:
            yield b"".join(pending)

    def _last_end(self, block: bytes, offset: int) -> int:
        """Index just past the last line end in ``block`` that is surely one, else 0.

        A CR in the last code unit may be the first half of a CRLF split between
        blocks, so it waits for the next block.
        """
        c = self.codec
        i = max(_rfind_aligned(block, c.lf, len(block), offset, c.unit),
                _rfind_aligned(block, c.cr, len(block) - c.unit, offset, c.unit))
        return i + c.unit if i >= 0 else 0

    def _split(self, run: bytes) -> list[bytes]:
        c = self.codec
        if (c.cr, c.lf) == (b"\r", b"\n"):
            return _LINE_BYTES.findall(run)
        pieces: list[bytes] = []
        start = i = 0
        while i < len(run):
            unit = run[i:i + c.unit]
            i += c.unit
            if unit in (c.cr, c.lf):
                if unit == c.cr and run[i:i + c.unit] == c.lf:
                    i += c.unit
                pieces.append(run[start:i])
                start = i
        if start < len(run):
            pieces.append(run[start:])
        return pieces

    def bad_line(self, path: str, line: int, outcome: str = "已跳过") -> Iterator[InputError]:
        """The message for an undecodable line, unless this file has had its share.

        ``path: 第 N 行…``, the form of the other messages about part of a file.
        """
        self.undecodable += 1
        if self.undecodable <= MAX_LINE_REPORTS:
            yield InputError(path, f"第 {line} 行不是有效的 {self.codec.label} 编码，{outcome}")

    def summary(self, path: str) -> Iterator[InputError]:
        extra = self.undecodable - MAX_LINE_REPORTS
        if extra > 0:
            yield InputError(path, f"另有 {extra} 行不是有效的 {self.codec.label} 编码，也已跳过"
                                   f"（只列出了前 {MAX_LINE_REPORTS} 行）")

    def whole(self) -> tuple[str, list[int]]:
        """All the text with line ends as LF (as positions count them), and the bad lines."""
        parts: list[str] = []
        bad: list[int] = []
        for n, (line, ok) in enumerate(self, 1):
            if not ok:
                bad.append(n)
            body = line.rstrip("\r\n")
            parts.append(body + "\n" if len(body) < len(line) else body)
        return "".join(parts), bad


def _lossy(piece: bytes, encoding: str) -> str:
    """A bad line's text, kept only so that quotes and brackets around it still pair up."""
    try:
        return piece.decode(encoding, "replace")
    except UnicodeError:
        return piece.decode("latin-1")


def _skipped_lines(first: int, last: int) -> str:
    return "已跳过" if first == last else f"已跳过它所在的第 {first}–{last} 行"


# --- reading -------------------------------------------------------------------------

def _open_regular(path: str, flags: int) -> int:
    """An ``opener`` for open(): never blocks on a FIFO, and accepts only regular files.

    The path was checked before, but may have been replaced since (or been named by a
    caller that did not check).
    """
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SourceError("不是普通文件，已跳过")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


class _Upto:
    """A binary file read only up to the size it had when opened.

    A file that another program keeps appending to would otherwise never end.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._end = os.fstat(raw.fileno()).st_size

    def read(self, n: int = -1) -> bytes:
        left = self._end - self._raw.tell()
        if left <= 0:
            return b""
        return self._raw.read(left if n is None or n < 0 else min(n, left))

    def tell(self) -> int:
        return self._raw.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)


def open_input(path: str) -> BinaryIO:
    """An input file for reading; raises SourceError or OSError when it cannot be read."""
    return open(path, "rb", opener=_open_regular)


# Standard input is copied here when it has to be read twice; past this size the copy
# goes to a temporary file, so a huge pipe does not fill memory.
STDIN_SPOOL = 8 << 20


def _spooled(stream: BinaryIO) -> BinaryIO:
    spool = tempfile.SpooledTemporaryFile(max_size=STDIN_SPOOL)
    shutil.copyfileobj(stream, spool, BLOCK)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def read(path: str, opts: Options, stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """All units of one file (``-`` is stdin), then its FileEnd.

    Errors become InputError items, so one bad file does not stop the others.
    """
    display = (opts.stdin_filename or "-") if path == "-" else path
    kind = kind_of(opts.stdin_filename or "-.txt") if path == "-" else kind_of(path)
    suppressions = FileSuppressions()
    try:
        if path == "-":
            if stdin is None:
                raise SourceError("标准输入已关闭，无法读取")
            if kind == "txt":
                # A text file is scanned twice (file-wide directives come first).
                with _spooled(stdin) as raw:
                    yield from _read_kind(kind, display, raw, opts, suppressions)
            else:
                yield from _read_kind(kind, display, stdin, opts, suppressions)
        else:
            with open_input(path) as raw:
                yield from _read_kind(kind, display, _Upto(raw), opts, suppressions)  # type: ignore[arg-type]
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
    if kind == "txt":
        # A first pass finds `disable-file` directives, which cover the lines above them too.
        start = raw.tell()
        for lineno, (line, ok) in enumerate(Lines(raw, opts.encoding), 1):
            if ok and line.lstrip().startswith("#"):
                d = parse_directive(line.rstrip("\r\n"), lineno)
                if d is not None and d.kind == "disable-file":
                    suppressions.directives.append(d)
        raw.seek(start)
    lines = Lines(raw, opts.encoding)
    if kind in ("csv", "tsv"):
        yield from read_table(lines, path, opts, "\t" if kind == "tsv" else ",")
    elif kind == "jsonl":
        yield from read_jsonl(lines, path, opts)
    elif kind in ("json", "yaml"):
        text, bad = lines.whole()
        for n in bad:
            yield from lines.bad_line(path, n)
        # A bad line's reasons are skipped; the replacement characters keep the rest parseable.
        yield from (read_json if kind == "json" else read_yaml)(text, path, opts, frozenset(bad))
    else:
        yield from read_text(lines, path, opts, suppressions)
    yield from lines.summary(path)


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

def read_text(lines: Lines, path: str, opts: Options, suppressions: FileSuppressions) -> Iterator[Item]:
    pending: list[Directive] = []
    para: list[tuple[int, str]] = []      # (line number, line) of the open paragraph
    para_directives: list[Directive] = []
    para_bad: list[int] = []              # undecodable lines of the open paragraph

    def flush() -> Iterator[Item]:
        if para_bad:
            # The paragraph is one reason: with a line missing it would be judged wrongly.
            for n in para_bad:
                yield from lines.bad_line(path, n, _skipped_lines(para[0][0], para[-1][0]))
        elif para:
            first_line, first = para[0]
            column = len(first) - len(first.lstrip()) + 1
            text = "\n".join(l for _, l in para).strip()
            yield Unit(text, path, first_line, column, None, opts.complaint, opts.channel,
                       list(para_directives), suppressions)
        para.clear()
        para_directives.clear()
        para_bad.clear()

    for lineno, (raw_line, ok) in enumerate(lines, 1):
        line = raw_line.rstrip("\r\n")
        stripped = line.strip()
        if stripped.startswith("#"):
            if not ok:
                yield from lines.bad_line(path, lineno)
                continue
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
            if not ok:
                para_bad.append(lineno)
            continue
        if not ok:
            yield from lines.bad_line(path, lineno)
            pending = []   # they were meant for this line, not for the next reason
            continue
        column = len(line) - len(line.lstrip()) + 1
        yield Unit(stripped, path, lineno, column, None, opts.complaint, opts.channel,
                   pending, suppressions)
        pending = []
    yield from flush()
    # A next-line directive with no reason after it suppresses nothing: keep it
    # for the unused check.
    suppressions.stray.extend(pending)


# csv / tsv

class _Tap:
    """Feeds lines to csv.reader and remembers them, to locate fields in the raw record,
    and which of them did not decode."""

    def __init__(self, lines: Iterable[tuple[str, bool]], count: int = 0) -> None:
        self._lines = iter(lines)
        self.lines: list[str] = []
        self.oks: list[bool] = []
        self.bad: list[int] = []
        self.count = count      # lines read so far: the number of the last one
        self.done = False       # the lines have run out

    def __iter__(self) -> "_Tap":
        return self

    def __next__(self) -> str:
        try:
            line, ok = next(self._lines)
        except StopIteration:
            self.done = True
            raise
        self.count += 1
        if not ok:
            self.bad.append(self.count)
        self.lines.append(line)
        self.oks.append(ok)
        return line

    def clear(self) -> None:
        self.lines.clear()
        self.oks.clear()
        self.bad.clear()


def _field_starts(record: str, delimiter: str) -> list[int]:
    """Offsets in ``record`` where each field's value starts (after an opening quote)."""
    return _scan_record(record, delimiter)[0]


def _scan_record(record: str, delimiter: str) -> tuple[list[int], bool]:
    """Field starts as above, and whether the record ends inside a quoted field."""
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
    return [s + 1 if s < n and record[s] == '"' else s for s in starts], quoted


# csv's default limit (128 KiB per field) would drop a long reason that a text file
# reads whole; memory is held per record either way.
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


def _clip(text: str, limit: int = 200) -> str:
    """Text for a one-line message: at most ``limit`` characters, line breaks shown."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit] + "…"


def read_table(lines: Lines, path: str, opts: Options, delimiter: str) -> Iterator[Item]:
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    tap = _Tap(lines)
    reader = csv.reader(tap, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise SourceError(f"表格格式错误：{exc}") from None
    if tap.done and len(tap.lines) > 1 and _scan_record("".join(tap.lines), delimiter)[1]:
        raise SourceError("表格格式错误：表头第 1 行的引号没有闭合")
    for n in tap.bad:
        yield from lines.bad_line(path, n, "表头里无法解码的字节已换成 �")
    tap.clear()
    names = [h.strip() for h in header]
    shown = _clip(", ".join(names))

    def index(wanted: Optional[str], candidates: tuple[str, ...], what: str) -> Optional[int]:
        if wanted is not None:
            if wanted not in names:
                raise SourceError(f"没有名为 {wanted!r} 的{what}列；表头为：{shown}")
            return names.index(wanted)
        key = _find_key(names, candidates)
        return None if key is None else names.index(key)

    reason_i = index(opts.column, REASON_KEYS, "理由")
    if reason_i is None:
        raise SourceError(f"找不到理由列（可用 --column 指定，默认找 {'/'.join(REASON_KEYS)}）；"
                          f"表头为：{shown}")
    complaint_i = index(opts.complaint_column, COMPLAINT_KEYS, "投诉")
    channel_i = index(opts.channel_column, CHANNEL_KEYS, "渠道")

    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{path}:{tap.count}", f"表格格式错误：{exc}")
            tap.clear()
            continue
        raw = "".join(tap.lines)
        first_line = tap.count - len(tap.lines) + 1
        if tap.done and len(tap.lines) > 1 and _scan_record(raw, delimiter)[1]:
            # A quote opened and never closed: csv read every line after it, to the end
            # of the file, as part of one cell. Skip the line with the quote and read the
            # others again as records of their own.
            yield InputError(f"{path}:{first_line}", "表格格式错误：引号没有闭合，已跳过这一行")
            rest = list(zip(tap.lines[1:], tap.oks[1:]))
            tap = _Tap(rest, first_line)
            reader = csv.reader(tap, delimiter=delimiter)
            continue
        last_line = tap.count
        bad = list(tap.bad)
        tap.clear()
        if bad:
            for n in bad:
                yield from lines.bad_line(path, n, _skipped_lines(first_line, last_line))
            continue
        complaint = row[complaint_i].strip() if complaint_i is not None and complaint_i < len(row) else ""
        channel = row[channel_i].strip() if channel_i is not None and channel_i < len(row) else ""
        if reason_i < len(row):
            value = row[reason_i]
            starts = _field_starts(raw, delimiter)
            start = starts[reason_i] if reason_i < len(starts) else 0
            start += len(value) - len(value.lstrip())
        elif any(cell.strip() for cell in row):
            # A short row is a record without its reason: reported as empty (just after
            # its last cell), not lost.
            value = ""
            start = len(raw.rstrip("\r\n"))
        else:
            continue   # a blank line
        text = value.strip()  # an empty cell is still a record: it is reported, not lost
        line = first_line + raw.count("\n", 0, start)
        column = start - raw.rfind("\n", 0, start)
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


class _Obj(dict):  # type: ignore[type-arg]
    """A JSON/YAML object: lookups see the last value of a repeated key, as in
    ``json.loads``; ``pairs`` keeps every one, so a repeated name in a
    name -> reason object loses no reason."""

    pairs: list[tuple[str, Any]]


@dataclass
class _Lit:
    """A null, boolean or number with its text as written and where that starts.

    ``value`` is None for null; otherwise only ``text`` is used.
    """

    value: Any
    text: str
    pos: int


def _plain(leaf: Any) -> Any:
    """A leaf's value for context fields (complaint, channel)."""
    if isinstance(leaf, _Str):
        return leaf.value
    if isinstance(leaf, _Lit):
        return None if leaf.value is None else leaf.text
    return leaf


# Deeper than any reason file nests; a parser that recursed without a limit would
# crash on ``[[[[…`` long before running out of input.
MAX_DEPTH = 200


class _JSONLocator:
    """A small JSON parser that keeps where each string starts.

    The standard library's decoder gives no positions; this one returns plain
    dicts and lists whose leaves are :class:`_Str` and :class:`_Lit`.
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

    def _value(self, i: int, depth: int = 0) -> tuple[Any, int]:
        s = self.s
        ch = s[i:i + 1]
        if depth > MAX_DEPTH and ch in ("{", "["):
            self._fail(f"嵌套超过 {MAX_DEPTH} 层", i)
        if ch == '"':
            try:
                value, end = json.decoder.scanstring(s, i + 1)  # type: ignore[attr-defined]
            except json.JSONDecodeError as exc:
                self._fail(exc.msg, exc.pos)
            return _Str(value, i + 1), end
        if ch == "{":
            obj = _Obj()
            obj.pairs = []
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
                value, i = self._value(_WS.match(s, i + 1).end(), depth + 1)  # type: ignore[union-attr]
                obj[key.value] = value
                obj.pairs.append((key.value, value))
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
                value, i = self._value(i, depth + 1)
                arr.append(value)
                i = _WS.match(s, i).end()  # type: ignore[union-attr]
                if s[i:i + 1] == "]":
                    return arr, i + 1
                if s[i:i + 1] != ",":
                    self._fail("应为逗号或 ]", i)
                i = _WS.match(s, i + 1).end()  # type: ignore[union-attr]
        for word, value in (("true", True), ("false", False), ("null", None)):
            if s.startswith(word, i):
                return _Lit(value, word, i), i + len(word)
        m = _NUMBER.match(s, i)
        if m and m.end() > i:
            # Kept as written: only its text is used, and converting a number of
            # thousands of digits to int raises ValueError.
            return _Lit(m.group(), m.group(), i), m.end()
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
                     base: str = "$", top: bool = True, escaped: bool = False,
                     lost: Optional[Callable[[Any], bool]] = None) -> Iterator[Item]:
    """Units from a parsed JSON/YAML document whose scalar leaves know their place.

    ``where(leaf) -> (line, column)``; accepted shapes: a string, a list of strings
    or objects, or an object of name -> string/object. ``escaped``: the source writes
    newlines as ``\\n`` (JSON), so leading ones move no line. ``lost(leaf)``: the leaf
    is on an undecodable line, already reported.

    Every record gives one result: null is an empty reason (reported and rejected
    like ""), and a number or boolean is checked as written, as the same cell of a
    CSV file would be.
    """
    def from_object(obj: dict[str, Any], at: str) -> Iterator[Item]:
        key = opts.column if opts.column is not None else _find_key(obj.keys(), REASON_KEYS)
        if key is None or key not in obj:
            wanted = opts.column or "/".join(REASON_KEYS)
            yield InputError(path, f"{at}: 找不到理由字段 {wanted}（可用 --field 指定）；"
                                   f"已有字段：{_clip(', '.join(map(str, obj.keys())))}")
            return
        leaf = obj[key]
        plain = {k: _plain(v) for k, v in obj.items()}
        complaint, channel = _context(plain, opts)
        yield from from_leaf(leaf, key_path(at, key), complaint, channel)

    def from_leaf(leaf: Any, at: str, complaint: Optional[str], channel: Optional[str]) -> Iterator[Item]:
        if isinstance(leaf, (_Str, _Lit)) and lost is not None and lost(leaf):
            return
        if isinstance(leaf, _Lit):
            line, column = where(leaf)
            yield Unit("" if leaf.value is None else leaf.text, path, line, column, at, complaint, channel)
            return
        if not isinstance(leaf, _Str):
            got = "dict" if isinstance(leaf, dict) else type(leaf).__name__
            yield InputError(path, f"{at}: 理由应为字符串，得到 {got}")
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

    if isinstance(tree, (_Str, _Lit)):
        if top and isinstance(tree, _Lit) and tree.value is None:
            return   # a document that is only null (`---`, `~`) holds no records
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
                 and isinstance(tree[_find_key(tree.keys(), REASON_KEYS)], (_Str, _Lit))):
            # One object with a reason field: a single reason with its context.
            yield from from_object(tree, base)
            return
        for name, item in getattr(tree, "pairs", None) or tree.items():
            at = key_path(base, str(name))
            if isinstance(item, dict):
                yield from from_object(item, at)
            else:
                yield from from_leaf(item, at, opts.complaint, opts.channel)
    elif tree is not None:
        yield InputError(path, "应为字符串列表、对象列表，或“名称 → 字符串”的对象")


def read_json(text: str, path: str, opts: Options, bad_lines: Collection[int] = ()) -> Iterator[Item]:
    if not text.strip():
        return   # an empty file holds no records, as an empty .jsonl, .csv or .yaml file
    tree = _JSONLocator(text).parse()
    pos = _Positions(text)
    # A JSON scalar never spans lines: its first line is the only one.
    yield from _units_from_tree(tree, path, opts, lambda leaf: pos(leaf.pos), escaped=True,
                                lost=(lambda leaf: pos(leaf.pos)[0] in bad_lines) if bad_lines else None)


def read_jsonl(lines: Lines, path: str, opts: Options) -> Iterator[Item]:
    for lineno, (line, ok) in enumerate(lines, 1):
        if not ok:
            yield from lines.bad_line(path, lineno)
            continue
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

def read_yaml(text: str, path: str, opts: Options, bad_lines: Collection[int] = ()) -> Iterator[Item]:
    import yaml  # imported here: only YAML inputs need it

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        # The composer recurses once per level: ``[[[[…`` thousands deep overflows it.
        raise SourceError(f"YAML 格式错误：嵌套超过 {MAX_DEPTH} 层") from None
    except yaml.reader.ReaderError as exc:
        # Raised for control characters, which YAML does not allow; its own text has two lines.
        at = _Positions(text)(exc.position)
        raise SourceError(f"YAML 格式错误：第 {at[0]} 行第 {at[1]} 列：YAML 不允许字符 "
                          f"U+{exc.character:04X}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"YAML 格式错误：{where}{' '.join(problem.split())}") from None
    lines = text.splitlines()
    places: dict[int, tuple[int, int]] = {}
    spans: dict[int, tuple[int, int]] = {}
    # An alias stands for its anchor's whole node, so each one is expanded again: nine
    # aliases of nine aliases of ... ("billion laughs") would take hours and gigabytes,
    # and an anchor holding an alias of itself would never end.
    seen: set[int] = set()
    expanded = 0

    def convert(n: Any, depth: int = 0) -> Any:
        nonlocal expanded
        if depth > MAX_DEPTH:
            raise SourceError(f"YAML 格式错误：第 {n.start_mark.line + 1} 行：嵌套超过 {MAX_DEPTH} 层"
                              "（或别名引用了自身）")
        if id(n) in seen:
            expanded += 1
            if expanded > MAX_ALIAS_NODES:
                raise SourceError(f"YAML 别名展开后超过 {MAX_ALIAS_NODES} 个节点，已跳过这个文件")
        else:
            seen.add(id(n))
        if isinstance(n, yaml.ScalarNode):
            # Only strings are read as such: other scalars stay as written (`yes`, `1103`,
            # `2026-11-03` are what the author typed), and constructing them can fail.
            if n.tag == "tag:yaml.org,2002:str":
                leaf: Any = _Str(n.value, 0)
            else:
                leaf = _Lit(None if n.tag == "tag:yaml.org,2002:null" else n.value, n.value, 0)
            places[id(leaf)] = _yaml_place(n, lines)
            # The end mark of a block scalar is the start of the next line.
            end = n.end_mark.line + (0 if n.end_mark.column else -1)
            spans[id(leaf)] = (n.start_mark.line + 1, max(end, n.start_mark.line) + 1)
            return leaf
        if isinstance(n, yaml.SequenceNode):
            return [convert(c, depth + 1) for c in n.value]
        if isinstance(n, yaml.MappingNode):
            obj = _Obj()
            obj.pairs = [(key(k), convert(v, depth + 1)) for k, v in n.value]
            obj.update(obj.pairs)
            return obj
        return None

    def key(n: Any) -> str:
        if isinstance(n, yaml.ScalarNode) and n.tag == "tag:yaml.org,2002:str":
            return str(n.value)
        if not isinstance(n, yaml.ScalarNode) and not _small(n):
            return "{…}" if isinstance(n, yaml.MappingNode) else "[…]"   # not expanded: see above
        try:
            return str(yaml.SafeLoader(io.StringIO("")).construct_object(n, deep=True))
        except (ValueError, TypeError, yaml.YAMLError):
            return str(getattr(n, "value", ""))

    def lost(leaf: Any) -> bool:
        first, last = spans[id(leaf)]
        return any(first <= n <= last for n in bad_lines)

    if node is None:
        return
    yield from _units_from_tree(convert(node), path, opts, lambda leaf: places[id(leaf)],
                                lost=lost if bad_lines else None)


MAX_ALIAS_NODES = 100_000


def _small(node: Any, limit: int = 100) -> bool:
    """Whether a YAML node has at most ``limit`` nodes under it, counting aliases each time."""
    todo = [node]
    count = 0
    while todo:
        n = todo.pop()
        count += 1
        if count > limit:
            return False
        if isinstance(n.value, list):
            for child in n.value:
                todo.extend(child if isinstance(child, tuple) else (child,))
    return True


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
