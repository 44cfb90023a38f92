"""Built-in regular expressions, compiled once per interpreter and then read back.

Python's ``re`` compiles a pattern from its text at every start, and a character class
over the CJK range costs about a millisecond (the compiler walks the range one code
point at a time): reasonlint's own patterns were a fifth of a cold ``reasonlint check``.
What the compiler makes of a pattern (its opcodes and group names) depends only on the
text, the flags and the interpreter, so it is kept in the start cache
(:mod:`reasonlint.startcache`, keyed by the Python version and the engine's magic
number) and handed to the constructor ``re.compile`` itself ends with. The same goes
for the character gates the phrase matchers read off each pattern's parse tree.

A pattern not in the cache is compiled as usual and the cache is written when the
linter has finished building (:func:`save`). Anything unexpected (another interpreter,
a damaged file, an engine that refuses the code) falls back to ``re.compile``: the
result is the same object either way, only slower to make. Users' patterns are not
handled here; they run under the regex module with a timeout (lexicon.compile_pattern).
"""
from __future__ import annotations

import importlib
import re
import sys
import threading
from typing import Any, Optional

from . import startcache

Gates = tuple[Optional[frozenset[str]], tuple[frozenset[str], ...]]

try:  # CPython's engine; another interpreter simply compiles every time
    _sre: Any = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
    _constants: Any = importlib.import_module("re._constants")
except ImportError:
    _sre = _compiler = _parser = _constants = None

# More than this many known patterns: the file has collected the patterns of many
# versions of the lexicons, and only this process's are written back.
MAX_KEPT = 5000


class _Store:
    """Compiled code and gates of patterns, read from the start cache on first use.

    The one piece of process-wide state here, like ``re``'s own cache: patterns are
    compiled at import time, before any linter exists to hold them.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False
        self._key = ""
        self._code: dict[tuple[str, int], tuple[Any, ...]] = {}
        self._gates: dict[str, Gates] = {}
        self._used: set[Any] = set()
        self._dirty = False

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            self._loaded = True
            if _sre is None:
                return
            self._key = startcache.digest("regexes", *self._key_parts())
            value = startcache.read("regexes", self._key, _valid)
            if value is not None:
                self._code, self._gates = value

    @staticmethod
    def _key_parts() -> tuple[str, ...]:
        """What the compiler's output depends on besides the pattern: the interpreter."""
        return (sys.version, str(_sre.MAGIC), str(_sre.CODESIZE))

    def compiled(self, pattern: str, flags: int = 0) -> "re.Pattern[str]":
        if not self._loaded:
            self._load()
        key = (pattern, int(flags))
        known = self._code.get(key)
        if known is not None:
            try:
                made: "re.Pattern[str]" = _sre.compile(pattern, *known)
                self._used.add(key)
                return made
            except Exception:  # the engine refused the stored code: compile afresh
                del self._code[key]
        if _compiler is None:
            return re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Optional[str]] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        # plain ints: the opcodes are an int subclass, which marshal does not write
        known = (int(flags | parsed.state.flags), [int(op) for op in code], int(parsed.state.groups - 1),
                 groupindex, tuple(indexgroup))
        made = _sre.compile(pattern, *known)
        self._code[key] = known
        self._used.add(key)
        self._dirty = True
        return made

    def gates(self, pattern: str) -> Gates:
        if not self._loaded:
            self._load()
        known = self._gates.get(pattern)
        if known is None:
            known = self._gates[pattern] = _derive_gates(pattern)
            self._dirty = True
        self._used.add(pattern)
        return known

    def save(self) -> None:
        if not self._dirty or _sre is None:
            return
        with self._lock:
            code, gates = dict(self._code), dict(self._gates)
            self._dirty = False
        if len(code) + len(gates) > MAX_KEPT:
            code = {k: v for k, v in code.items() if k in self._used}
            gates = {k: v for k, v in gates.items() if k in self._used}
        startcache.write("regexes", self._key, (code, gates))


def _valid(value: Any) -> bool:
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict)
            and isinstance(value[1], dict)):
        return False
    return all(isinstance(k, tuple) and len(k) == 2 and isinstance(v, tuple) and len(v) == 5
               for k, v in value[0].items()) \
        and all(isinstance(v, tuple) and len(v) == 2 for v in value[1].values())


_STORE = _Store()


def compiled(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """``re.compile(pattern, flags)``, made from the cached compiler output when there is one."""
    return _STORE.compiled(pattern, flags)


def gates(pattern: str) -> Gates:
    """(first characters of every match, character sets every match draws one from)."""
    return _STORE.gates(pattern)


def save() -> None:
    """Write what this process compiled for the next start (only when something is new)."""
    _STORE.save()


def _derive_gates(pattern: str) -> tuple[Optional[frozenset[str]], tuple[frozenset[str], ...]]:
    """(first characters of every match, character sets every match draws one from).

    Either may be unknown: None for the first, an empty tuple for the sets. Read off
    the pattern's parse tree; anything unusual makes the analysis give up, never guess.
    """
    c, parser = _constants, _parser
    if c is None:
        try:  # Python 3.10 names them sre_*
            c, parser = importlib.import_module("sre_constants"), importlib.import_module("sre_parse")
        except ImportError:
            return None, ()

    def seq(items: Any) -> tuple[Optional[set[str]], bool]:
        out: set[str] = set()
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero-width
            first, nullable = item(op, av)
            if first is None:
                return None, False
            out |= first
            if not nullable:
                return out, False
        return out, True

    def item(op: Any, av: Any) -> tuple[Optional[set[str]], bool]:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] < 512:
                    chars.update(chr(x) for x in range(value[0], value[1] + 1))
                else:
                    return None, False  # negation, categories, huge ranges
            return chars, False
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            first, nullable = seq(sub)
            return first, nullable or low == 0
        if op is c.SUBPATTERN:
            return seq(av[-1])
        if op is c.BRANCH:
            union: set[str] = set()
            any_nullable = False
            for branch in av[1]:
                first, nullable = seq(branch)
                if first is None:
                    return None, False
                union |= first
                any_nullable = any_nullable or nullable
            return union, any_nullable
        return None, False

    try:
        tree = parser.parse(pattern)
        if tree.state.flags & c.SRE_FLAG_IGNORECASE:
            return None, ()  # literals would stand for their other case too
        first, nullable = seq(tree)
        required = []
        for op, av in tree:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            chars, optional = item(op, av)
            if chars is not None and not optional:
                required.append(frozenset(chars))
    except Exception:  # an unusual construct: no gate, the pattern always runs
        return None, ()
    # Smallest sets first: the rarer the characters, the likelier a text lacks them all,
    # and the first set that misses ends the test.
    required = sorted(dict.fromkeys(required), key=len)
    return (None if first is None or nullable else frozenset(first)), tuple(required)
