"""JSON documents and JSON Lines, with the place of every string kept."""
from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterator

from ..errors import SourceError
from .base import DocumentReader, Reader
from .decode import Lines
from .items import InputError, Item
from .tree import MAX_DEPTH, Lit, Obj, Positions, Str, TreeUnits

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


class Locator:
    """A small JSON parser that keeps where each string starts.

    The standard library's decoder gives no positions; this one returns plain
    dicts and lists whose leaves are :class:`Str` and :class:`Lit`.
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.s = text
        self.first_line = first_line

    def _skip(self, i: int) -> int:
        return _WS.match(self.s, i).end()  # type: ignore[union-attr]

    def parse(self) -> Any:
        value, end = self._value(self._skip(0))
        end = self._skip(end)
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
            return Str(value, i + 1), end
        if ch == "{":
            obj = Obj()
            obj.pairs = []
            i = self._skip(i + 1)
            if s[i:i + 1] == "}":
                return obj, i + 1
            while True:
                if s[i:i + 1] != '"':
                    self._fail("应为字符串键", i)
                key, i = self._value(i)
                i = self._skip(i)
                if s[i:i + 1] != ":":
                    self._fail("应为冒号", i)
                value, i = self._value(self._skip(i + 1), depth + 1)
                obj[key.value] = value
                obj.pairs.append((key.value, value))
                i = self._skip(i)
                if s[i:i + 1] == "}":
                    return obj, i + 1
                if s[i:i + 1] != ",":
                    self._fail("应为逗号或 }", i)
                i = self._skip(i + 1)
        if ch == "[":
            arr: list[Any] = []
            i = self._skip(i + 1)
            if s[i:i + 1] == "]":
                return arr, i + 1
            while True:
                value, i = self._value(i, depth + 1)
                arr.append(value)
                i = self._skip(i)
                if s[i:i + 1] == "]":
                    return arr, i + 1
                if s[i:i + 1] != ",":
                    self._fail("应为逗号或 ]", i)
                i = self._skip(i + 1)
        for word, literal in (("true", True), ("false", False), ("null", None)):
            if s.startswith(word, i):
                return Lit(literal, word, i), i + len(word)
        m = _NUMBER.match(s, i)
        if m and m.end() > i:
            # Kept as written: only its text is used, and converting a number of
            # thousands of digits to int raises ValueError.
            return Lit(m.group(), m.group(), i), m.end()
        self._fail("无法解析的值" if ch else "内容意外结束", i)
        raise AssertionError  # unreachable: _fail raises


def read_json(text: str, path: str, opts: Any, bad_lines: "frozenset[int]" = frozenset()) -> Iterator[Item]:
    if not text.strip():
        return   # an empty file holds no records, as an empty .jsonl, .csv or .yaml file
    tree = Locator(text).parse()
    pos = Positions(text)
    # A JSON scalar never spans lines: its first line is the only one.
    units = TreeUnits(path, opts, lambda leaf: pos(leaf.pos), escaped=True,
                      lost=(lambda leaf: pos(leaf.pos)[0] in bad_lines) if bad_lines else None)
    yield from units.document(tree)


class JsonReader(DocumentReader):
    kind = "json"

    def parse(self, text: str, bad_lines: frozenset[int]) -> Iterator[Item]:
        return read_json(text, self.path, self.opts, bad_lines)


class JsonLinesReader(Reader):
    """One record per line: each result can go out as soon as its line is read."""

    kind = "jsonl"

    def items(self, lines: Lines) -> Iterator[Item]:
        path = self.path
        for lineno, (line, ok) in enumerate(lines, 1):
            if not ok:
                yield from lines.bad_line(path, lineno)
                continue
            if not line.strip():
                continue
            try:
                tree = Locator(line.rstrip("\r\n"), lineno).parse()
            except SourceError as exc:
                yield InputError(path, str(exc))
                continue
            units = TreeUnits(path, self.opts, _on_line(lineno), escaped=True)
            yield from units.line(tree, lineno)


def _on_line(lineno: int) -> Callable[[Any], tuple[int, int]]:
    """Where a leaf of a JSON Lines record is: its line, and its column on it."""
    return lambda leaf: (lineno, leaf.pos + 1)
