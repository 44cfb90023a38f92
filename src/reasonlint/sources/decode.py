"""Bytes to lines of text: encoding detection and a streaming, bounded line reader."""
from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from itertools import repeat
from typing import BinaryIO, Generator, Iterator, Optional

from ..errors import SourceError
from .items import InputError

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
SAMPLE = 65536
BLOCK = 1 << 16
# A line longer than this is read up to here and the rest skipped as it streams past:
# memory then stays bounded whatever the input (the linter reads 2,000 characters).
MAX_LINE = 1 << 20
# Per file; past this, one closing line counts the rest (a wrong --encoding fails every line).
MAX_LINE_REPORTS = 10


def detect_encoding(sample: bytes) -> str:
    """Pick an encoding from the first bytes of a file, or raise SourceError for binary.

    Binary data is recognised by a known signature or by NUL bytes on at least half
    of the sample's lines: GB18030 decodes nearly any byte string, while a stray NUL
    in a text file is one control character of one reason, as it is further on.
    UTF-8 and GB18030 are weighed line by line, so a few lines in the other encoding
    (a file pieced together from two sources) do not decide for the whole file: UTF-8
    unless GB18030 reads more of the lines, and an error when neither reads at least
    half of the lines that are not plain ASCII.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    for signature, what in _SIGNATURES:
        if sample.startswith(signature):
            raise SourceError(f"看起来是二进制文件（{what}），已跳过")
    pieces = _EOL_BYTES.split(sample)
    if b"\x00" in sample and 2 * sum(b"\x00" in p for p in pieces) >= len(pieces):
        raise SourceError("看起来是二进制文件（含有 NUL 字节），已跳过")
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
class Codec:
    name: str        # decodes the text after any BOM
    label: str       # for messages
    bom: int         # bytes to skip at the start
    cr: bytes
    lf: bytes
    unit: int        # bytes per code unit: a line end only counts at a multiple of it


def codec_for(encoding: Optional[str], head: bytes) -> Codec:
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
    return Codec(name, label, bom, cr, lf, unit)


def _rfind_aligned(data: bytes, needle: bytes, end: int, offset: int, unit: int) -> int:
    i = data.rfind(needle, 0, end)
    while i >= 0 and (offset + i) % unit:
        i = data.rfind(needle, 0, i + unit - 1)
    return i


def _find_aligned(data: bytes, needle: bytes, offset: int, unit: int) -> int:
    i = data.find(needle)
    while i >= 0 and (offset + i) % unit:
        i = data.find(needle, i + 1)
    return i


class Lines:
    """The lines of a byte stream, each with its line ending and whether it decoded.

    Lines end at CR, LF or CRLF, as in Python's universal newlines. Runs of whole lines
    are decoded at once; a run that fails is decoded line by line, so an undecodable
    line (a GBK line in a UTF-8 file) costs only itself: it comes with its bad bytes
    replaced by U+FFFD and ``ok`` false, for the reader to report and skip. Memory
    holds one block and the line being read, not the file; a line past
    :data:`MAX_LINE` bytes keeps only its start.

    ``stream``: the source is a pipe read as it comes (``read1``): each line is handed
    on as soon as its end arrives, instead of waiting for a whole block.
    """

    def __init__(self, raw: BinaryIO, encoding: Optional[str], stream: bool = False) -> None:
        self._raw = raw
        self._read = getattr(raw, "read1", raw.read) if stream else raw.read
        head = self._read(SAMPLE)
        if stream:
            # The first line decides the encoding (and, on standard input, the format).
            while head and not _EOL_BYTES.search(head) and len(head) < SAMPLE:
                more = self._read(SAMPLE - len(head))
                if not more:
                    break
                head += more
        self.codec = codec_for(encoding, head)
        self._head = head[self.codec.bom:]
        self.undecodable = 0

    def first_line(self) -> str:
        """The start of the first line, decoded as well as it can be (to guess a format)."""
        m = _EOL_BYTES.search(self._head)
        piece = self._head[:m.start()] if m else self._head
        return piece.decode(self.codec.name, "replace")

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
            if size + len(block) > MAX_LINE:
                pending.append(block)
                head = self._trim(b"".join(pending)[:MAX_LINE])
                block = yield from self._skip_rest(head, size + len(block))
                pending, size = [], 0
                continue
            if block:
                pending.append(block)
                size += len(block)
            block = self._read(BLOCK)
        if pending:
            yield b"".join(pending)

    def _skip_rest(self, head: bytes, seen: int) -> Generator[bytes, None, bytes]:
        """Drop the rest of an overlong line: yields its kept start with its line end,
        and returns the bytes after that end."""
        while True:
            block = self._read(BLOCK)
            if not block:
                yield head
                return b""
            end, stop = self._first_end(block, seen)
            if end >= 0 and stop == len(block) and block[end:stop] == self.codec.cr:
                block += self._read(BLOCK)   # a CR may be the first half of a CRLF
                end, stop = self._first_end(block, seen)
            if end < 0:
                seen += len(block)
                continue
            yield head + block[end:stop]
            return block[stop:]

    def _first_end(self, block: bytes, offset: int) -> tuple[int, int]:
        """(start, just past) of the first line end in ``block``, or (-1, -1)."""
        c = self.codec
        lf = _find_aligned(block, c.lf, offset, c.unit)
        cr = _find_aligned(block, c.cr, offset, c.unit)
        if cr >= 0 and (lf < 0 or cr < lf):
            stop = cr + c.unit
            if block[stop:stop + c.unit] == c.lf:
                stop += c.unit
            return cr, stop
        return (lf, lf + c.unit) if lf >= 0 else (-1, -1)

    def _trim(self, head: bytes) -> bytes:
        """``head`` without a character cut in two at its end."""
        try:
            decoder = codecs.getincrementaldecoder(self.codec.name)()
            decoder.decode(head, final=False)
            pending = decoder.getstate()[0]
        except (UnicodeError, AttributeError, TypeError):
            return head
        return head[:len(head) - len(pending)] if pending else head

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

    def whole(self, limit: int) -> tuple[str, list[int]]:
        """All the text with line ends as LF (as positions count them), and the bad lines.

        Raises SourceError past ``limit`` characters: a document is parsed whole.
        """
        parts: list[str] = []
        bad: list[int] = []
        size = 0
        for n, (line, ok) in enumerate(self, 1):
            if not ok:
                bad.append(n)
            body = line.rstrip("\r\n")
            size += len(line)
            if size > limit:
                raise SourceError(f"文件超过 {limit >> 20} MiB，无法整个解析；"
                                  "大量理由请用 JSON Lines（每行一条）")
            parts.append(body + "\n" if len(body) < len(line) else body)
        return "".join(parts), bad


def _lossy(piece: bytes, encoding: str) -> str:
    """A bad line's text, kept only so that quotes and brackets around it still pair up."""
    try:
        return piece.decode(encoding, "replace")
    except UnicodeError:
        return piece.decode("latin-1")
