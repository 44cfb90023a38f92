"""Units from a parsed JSON or YAML document, whose scalar leaves know their place."""
from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Iterator, Optional, Union

from .fields import COMPLAINT_KEYS, CHANNEL_KEYS, REASON_KEYS, BadCell, channel_value, clip, find_key
from .items import InputError, Item, Options, Unit

# Deeper than any reason file nests; a parser that recursed without a limit would
# crash on ``[[[[…`` long before running out of input.
MAX_DEPTH = 200


@dataclass
class Str:
    """A string value with the str index where its characters start."""

    value: str
    pos: int


class Obj(dict):  # type: ignore[type-arg]
    """An object: lookups see the last value of a repeated key, as in ``json.loads``;
    ``pairs`` keeps every one, so a repeated name in a name -> reason object loses no
    reason."""

    pairs: list[tuple[str, Any]]


@dataclass
class Lit:
    """A null, boolean or number with its text as written and where that starts.

    ``value`` is None for null; otherwise only ``text`` is used.
    """

    value: Any
    text: str
    pos: int


def key_path(base: str, part: Union[int, str]) -> str:
    if isinstance(part, int):
        return f"{base}[{part}]"
    if part.isidentifier():
        return f"{base}.{part}"
    return f"{base}[{json.dumps(part, ensure_ascii=False)}]"


class Positions:
    """str index -> 1-based (line, column) for a whole document."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        starts = [0]
        i = text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.starts = starts
        self.first_line = first_line

    def __call__(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        return self.first_line + i, pos - self.starts[i] + 1


Where = Callable[[Any], tuple[int, int]]


class TreeUnits:
    """The units of one document (or one JSON Lines line).

    ``where(leaf) -> (line, column)``; accepted shapes: a string, a list of strings
    or objects, or an object of name -> string/object. ``escaped``: the source writes
    newlines as ``\\n`` (JSON), so leading ones move no line. ``lost(leaf)``: the leaf
    is on an undecodable line, already reported. ``at_line``: errors name the line
    of the record (JSON Lines) rather than only its key path.

    Every record gives one result: null (and an empty list) is an empty reason,
    reported and rejected like "", and a number or boolean is checked as written, as
    the same cell of a CSV file would be.
    """

    def __init__(self, path: str, opts: Options, where: Where, *, escaped: bool = False,
                 lost: Optional[Callable[[Any], bool]] = None) -> None:
        self.path = path
        self.opts = opts
        self.where = where
        self.escaped = escaped
        self.lost = lost

    def _error(self, at: str, message: str, line: Optional[int] = None) -> InputError:
        return InputError(self.path if line is None else f"{self.path}:{line}", f"{at}: {message}")

    def document(self, tree: Any, base: str = "$") -> Iterator[Item]:
        if isinstance(tree, (Str, Lit)):
            if isinstance(tree, Lit) and tree.value is None:
                return   # a document that is only null (`---`, `~`) holds no records
            yield from self.leaf(tree, base, self.opts.complaint, self.opts.channel)
        elif isinstance(tree, list):
            yield from self.items(tree, base)
        elif isinstance(tree, dict):
            key = self._reason_key(tree)
            if key is not None and (self.opts.column is not None or isinstance(tree[key], (Str, Lit))):
                # One object with a reason field: a single reason with its context.
                yield from self.record(tree, base)
                return
            for name, item in getattr(tree, "pairs", None) or tree.items():
                yield from self.member(item, key_path(base, str(name)))
        elif tree is not None:
            yield InputError(self.path, "应为字符串列表、对象列表，或“名称 → 字符串”的对象")

    def line(self, tree: Any, lineno: int) -> Iterator[Item]:
        """One JSON Lines record: a string, an object, or a list of them."""
        if isinstance(tree, list):
            if not tree:
                yield Unit("", self.path, lineno, 1, "$")   # an empty record, as null is
            yield from self.items(tree, "$", lineno)
        elif isinstance(tree, dict):
            yield from self.record(tree, "$", lineno)
        else:
            yield from self.leaf(tree, "$", self.opts.complaint, self.opts.channel)

    def items(self, tree: list[Any], base: str, lineno: Optional[int] = None) -> Iterator[Item]:
        for i, item in enumerate(tree):
            yield from self.member(item, key_path(base, i), lineno)

    def member(self, item: Any, at: str, lineno: Optional[int] = None) -> Iterator[Item]:
        if isinstance(item, dict):
            yield from self.record(item, at, lineno)
        else:
            yield from self.leaf(item, at, self.opts.complaint, self.opts.channel, lineno)

    def _reason_key(self, obj: dict[str, Any]) -> Optional[str]:
        if self.opts.column is not None:
            return self.opts.column if self.opts.column in obj else None
        return find_key(obj.keys(), REASON_KEYS)

    def record(self, obj: dict[str, Any], at: str, lineno: Optional[int] = None) -> Iterator[Item]:
        key = self._reason_key(obj)
        if key is None:
            wanted = self.opts.column or "/".join(REASON_KEYS)
            yield self._error(at, f"找不到理由字段 {wanted}（可用 --field 指定）；"
                                  f"已有字段：{clip(', '.join(map(str, obj.keys())))}", lineno)
            return
        complaint, channel, problems = self._context(obj, at)
        for problem in problems:
            yield self._error(problem[0], problem[1], lineno if lineno is not None else self._line_of(problem[2]))
        yield from self.leaf(obj[key], key_path(at, key), complaint, channel, lineno)

    def _line_of(self, leaf: Any) -> Optional[int]:
        return self.where(leaf)[0] if isinstance(leaf, (Str, Lit)) else None

    def _context(self, obj: dict[str, Any], at: str
                 ) -> tuple[Optional[str], Optional[str], list[tuple[str, str, Any]]]:
        problems: list[tuple[str, str, Any]] = []

        def pick(wanted: Optional[str], candidates: tuple[str, ...], what: str) -> Optional[str]:
            key = wanted if wanted is not None else find_key(obj.keys(), candidates)
            if key is None or key not in obj:
                return None
            leaf = obj[key]
            if isinstance(leaf, Str):
                return leaf.value or None
            if isinstance(leaf, Lit):
                return None if leaf.value is None else leaf.text
            got = "对象" if isinstance(leaf, dict) else "列表"
            problems.append((key_path(at, key), f"{what}应为字符串，得到{got}，已忽略", None))
            return None

        complaint = pick(self.opts.complaint_column, COMPLAINT_KEYS, "投诉事由")
        channel_cell = pick(self.opts.channel_column, CHANNEL_KEYS, "渠道")
        try:
            channel = channel_value(channel_cell)
        except BadCell as exc:
            key = self.opts.channel_column or find_key(obj.keys(), CHANNEL_KEYS)
            problems.append((key_path(at, str(key)), str(exc), obj.get(key) if key is not None else None))
            channel = None
        return complaint or self.opts.complaint, channel or self.opts.channel, problems

    def leaf(self, leaf: Any, at: str, complaint: Optional[str], channel: Optional[str],
             lineno: Optional[int] = None) -> Iterator[Item]:
        if isinstance(leaf, (Str, Lit)) and self.lost is not None and self.lost(leaf):
            return
        if isinstance(leaf, Lit):
            line, column = self.where(leaf)
            yield Unit("" if leaf.value is None else leaf.text, self.path, line, column, at, complaint, channel)
            return
        if not isinstance(leaf, Str):
            got = "对象" if isinstance(leaf, dict) else "列表" if isinstance(leaf, list) else type(leaf).__name__
            yield self._error(at, f"理由应为字符串，得到{got}", lineno)
            return
        value = leaf.value
        text = value.strip()  # an empty string is still a record: reported, not lost
        line, column = self.where(leaf)
        lead = value[: len(value) - len(value.lstrip())]
        if self.escaped:
            pass  # a JSON string's escapes make its characters no guide to columns
        elif "\n" in lead:
            line += lead.count("\n")
            column = len(lead) - lead.rfind("\n")
        else:
            column += len(lead)
        yield Unit(text, self.path, line, column, at, complaint, channel)
