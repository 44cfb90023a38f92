"""One input to items: open it, pick its reader, turn every failure into an item."""
from __future__ import annotations

import json
from typing import BinaryIO, Iterator, Optional

from ..errors import SourceError
from .base import Reader
from .decode import Lines
from .files import Upto, is_regular, kind_of, open_input
from .items import FileEnd, InputError, Item, Options
from .jsondoc import JsonLinesReader, JsonReader
from .table import TableReader, TsvReader
from .text import TextReader
from .yamldoc import YamlReader

READERS: dict[str, type[Reader]] = {
    r.kind: r for r in (TextReader, TableReader, TsvReader, JsonReader, JsonLinesReader, YamlReader)
}


def sniff(first_line: str) -> str:
    """The format of standard input, from its first line, when nothing names one.

    A line that is JSON by itself starts JSON Lines; an opening ``[`` or ``{`` that is
    not starts a JSON document; a tab makes a table; anything else is plain text.
    """
    line = first_line.lstrip("\ufeff").strip()
    if line[:1] in ("{", "[", '"'):
        try:
            json.loads(line)
            return "jsonl"
        except ValueError:
            if line in ("[", "{") or line[:2] in ('[{', '["', '{"', "[[", "[ "):
                return "json"
    if "\t" in first_line:
        return "tsv"
    return "txt"


def read(path: str, opts: Options, stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """All units of one file (``-`` is standard input), then its FileEnd.

    Errors become InputError items, so one bad file does not stop the others.
    Standard input is read as it comes, each record handed on as soon as its line
    has arrived; its format is ``--input-format``, else the extension of
    ``--stdin-filename``, else guessed from its first line (:func:`sniff`).
    """
    display = (opts.stdin_filename or "-") if path == "-" else path
    reader: Optional[Reader] = None
    try:
        if path == "-":
            if stdin is None:
                raise SourceError("标准输入已关闭，无法读取")
            # Redirected from a file (`< r.txt`), it is read like that file.
            regular = is_regular(stdin)
            start = stdin.tell() if regular else 0
            lines = Lines(stdin, opts.encoding, stream=True)
            kind = opts.input_format or (kind_of(opts.stdin_filename) if opts.stdin_filename
                                         else sniff(lines.first_line()))
            reader = READERS[kind](display, opts, stream=not regular)
            if regular and reader.prescan:
                stdin.seek(start)
                reader.scan(Lines(stdin, opts.encoding))
                stdin.seek(start)
                lines = Lines(stdin, opts.encoding, stream=True)
            yield from _items(reader, lines)
        else:
            with open_input(path) as f:
                raw: BinaryIO = Upto(f)  # type: ignore[assignment]
                reader = READERS[opts.input_format or kind_of(path)](display, opts)
                if reader.prescan:
                    start = raw.tell()
                    reader.scan(Lines(raw, opts.encoding))
                    raw.seek(start)
                yield from _items(reader, Lines(raw, opts.encoding))
    except SourceError as exc:
        yield InputError(display, str(exc))
    except UnicodeDecodeError as exc:
        yield InputError(display, f"无法按 {exc.encoding} 解码（第 {exc.start} 字节附近），可用 --encoding 指定编码")
    except LookupError as exc:
        yield InputError(display, f"未知编码：{exc}")
    except OSError as exc:
        yield InputError(display, f"无法读取：{exc.strerror or exc}")
    yield FileEnd(display, reader.end() if reader is not None else ())


def _items(reader: Reader, lines: Lines) -> Iterator[Item]:
    yield from reader.items(lines)
    yield from lines.summary(reader.path)
