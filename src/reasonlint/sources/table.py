"""CSV and TSV: a header row names the columns; each row after it is one reason."""
from __future__ import annotations

import csv
from typing import Iterable, Iterator, Optional

from ..errors import SourceError
from .base import Reader
from .decode import MAX_LINE, Lines
from .fields import CHANNEL_KEYS, COMPLAINT_KEYS, REASON_KEYS, BadCell, channel_value, clip, find_key
from .items import InputError, Item, Unit


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


def field_starts(record: str, delimiter: str, quoting: bool = True) -> list[int]:
    """Offsets in ``record`` where each field's value starts (after an opening quote)."""
    return scan_record(record, delimiter, quoting)[0]


def scan_record(record: str, delimiter: str, quoting: bool = True) -> tuple[list[int], bool]:
    """Field starts as above, and whether the record ends inside a quoted field."""
    if not quoting:
        starts = [0]
        i = record.find(delimiter)
        while i >= 0:
            starts.append(i + 1)
            i = record.find(delimiter, i + 1)
        return starts, False
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


class TableReader(Reader):
    """Rows of a delimited table.

    A stream (standard input) is read as Hive and other streaming tools write
    tab-separated rows: one record per line, no quoting, and a header only when its
    first row names a reason column; without one the columns are the reason, the
    complaint and the channel, in that order.
    """

    kind = "csv"
    delimiter = ","

    def items(self, lines: Lines) -> Iterator[Item]:
        path, opts = self.path, self.opts
        quoting = not (self.stream and self.delimiter == "\t")
        # A reason is bounded like a line of text; the csv default (128 KiB) would
        # drop a long reason that a text file reads.
        if csv.field_size_limit() != MAX_LINE:
            csv.field_size_limit(MAX_LINE)
        tap = _Tap(lines)

        def reader_for(t: _Tap) -> "Iterator[list[str]]":
            if quoting:
                return csv.reader(t, delimiter=self.delimiter)
            return csv.reader(t, delimiter=self.delimiter, quoting=csv.QUOTE_NONE)

        reader = reader_for(tap)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceError(f"表格格式错误：{exc}") from None
        if quoting and tap.done and len(tap.lines) > 1 and scan_record("".join(tap.lines), self.delimiter)[1]:
            raise SourceError("表格格式错误：表头第 1 行的引号没有闭合")
        names = [h.strip() for h in header]
        shown = clip(", ".join(names))
        headerless = self.stream and opts.column is None and find_key(names, REASON_KEYS) is None
        if headerless:
            reason_i: Optional[int] = 0
            complaint_i: Optional[int] = 1 if opts.complaint_column is None else None
            channel_i: Optional[int] = 2 if opts.channel_column is None else None
            first = (header, "".join(tap.lines), tap.count, list(tap.bad))
        else:
            for n in tap.bad:
                yield from lines.bad_line(path, n, "表头里无法解码的字节已换成 �")

            def index(wanted: Optional[str], candidates: tuple[str, ...], what: str) -> Optional[int]:
                if wanted is not None:
                    if wanted not in names:
                        raise SourceError(f"没有名为 {wanted!r} 的{what}列；表头为：{shown}")
                    return names.index(wanted)
                key = find_key(names, candidates)
                return None if key is None else names.index(key)

            reason_i = index(opts.column, REASON_KEYS, "理由")
            if reason_i is None:
                raise SourceError(f"找不到理由列（可用 --column 指定，默认找 {'/'.join(REASON_KEYS)}）；"
                                  f"表头为：{shown}")
            complaint_i = index(opts.complaint_column, COMPLAINT_KEYS, "投诉")
            channel_i = index(opts.channel_column, CHANNEL_KEYS, "渠道")
            first = None
        tap.clear()

        while True:
            if first is not None:
                row, raw, last_line, bad = first
                first_line = last_line
                first = None
            else:
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
                if quoting and tap.done and len(tap.lines) > 1 and scan_record(raw, self.delimiter)[1]:
                    # A quote opened and never closed: csv read every line after it, to the end
                    # of the file, as part of one cell. Skip the line with the quote and read the
                    # others again as records of their own.
                    yield InputError(f"{path}:{first_line}", "表格格式错误：引号没有闭合，已跳过这一行")
                    rest = list(zip(tap.lines[1:], tap.oks[1:]))
                    tap = _Tap(rest, first_line)
                    reader = reader_for(tap)
                    continue
                last_line = tap.count
                bad = list(tap.bad)
                tap.clear()
            if bad:
                for n in bad:
                    yield from lines.bad_line(path, n, "已跳过" if first_line == last_line
                                              else f"已跳过它所在的第 {first_line}–{last_line} 行")
                continue
            yield from self._record(row, raw, first_line, reason_i, complaint_i, channel_i, quoting)

    def _record(self, row: list[str], raw: str, first_line: int, reason_i: Optional[int],
                complaint_i: Optional[int], channel_i: Optional[int], quoting: bool) -> Iterator[Item]:
        path, opts = self.path, self.opts
        assert reason_i is not None
        complaint = row[complaint_i].strip() if complaint_i is not None and complaint_i < len(row) else ""
        cell = row[channel_i].strip() if channel_i is not None and channel_i < len(row) else ""
        if reason_i < len(row):
            value = row[reason_i]
            starts = field_starts(raw, self.delimiter, quoting)
            start = starts[reason_i] if reason_i < len(starts) else 0
            start += len(value) - len(value.lstrip())
        elif any(c.strip() for c in row):
            # A short row is a record without its reason: reported as empty (just after
            # its last cell), not lost.
            value = ""
            start = len(raw.rstrip("\r\n"))
        else:
            return   # a blank line
        text = value.strip()  # an empty cell is still a record: it is reported, not lost
        line = first_line + raw.count("\n", 0, start)
        column = start - raw.rfind("\n", 0, start)
        try:
            channel = channel_value(cell) or opts.channel
        except BadCell as exc:
            # The record is still checked, without the channel; the cell is reported.
            yield InputError(f"{path}:{line}", str(exc))
            channel = opts.channel
        yield Unit(text, path, line, column, None, complaint or opts.complaint, channel)


class TsvReader(TableReader):
    kind = "tsv"
    delimiter = "\t"
