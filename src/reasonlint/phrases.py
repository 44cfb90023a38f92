"""Find lexicon phrases in text.

All plain phrases of every lexicon live in one character trie (:class:`Scanner`),
walked once per text; each :class:`PhraseMatcher` then picks its own phrases from
that walk, leftmost and longest first, without overlaps. One walk in Python beats a
dozen regular-expression alternations, each paying its own call overhead.

Regular-expression entries added by users run under the ``regex`` module's timeout so
that a catastrophic pattern cannot hang a run; our own run on the standard ``re``.
"""
from __future__ import annotations

import threading
from bisect import bisect_left
from typing import Any, Iterable, NamedTuple, Optional

from .lexicon import Entry, LexiconError, compile_pattern

# Seconds one user pattern may take on one text before it is abandoned.
REGEX_TIMEOUT = 0.25

RECENT_TEXTS = 8
CHARS = -1  # key of the text's character set in a scan's result (owners count from 0)
Hit = tuple[int, int, str]


class Match(NamedTuple):
    # A tuple, not a dataclass: thousands are made per second and tuples are cheap.
    start: int
    end: int
    label: str
    text: str


def _is_word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


class Scanner:
    """Every occurrence of every registered phrase, per matcher, in one pass."""

    def __init__(self) -> None:
        self._root: dict[str, list[Any]] = {}
        self._owners = 0
        # The last few texts walked, per thread: the matchers of one check share them
        # (the reason, its complaint, a window of it).
        self._recent = threading.local()

    def register(self, words: Iterable[str]) -> int:
        owner = self._owners
        self._owners += 1
        for word in words:
            children = self._root
            node: list[Any] = []
            for c in word:
                node = children.setdefault(c, [{}, ()])  # [children, owners ending here]
                children = node[0]
            node[1] = (*node[1], owner)
        return owner

    def hits(self, text: str) -> dict[Any, Any]:
        recent: Optional[dict[str, dict[Any, Any]]] = getattr(self._recent, "cache", None)
        if recent is None:
            recent = self._recent.cache = {}
        cached = recent.get(text)
        if cached is not None:
            return cached
        out: dict[Any, Any] = {CHARS: frozenset(text)}
        root_get, n = self._root.get, len(text)
        for i in range(n):
            node = root_get(text[i])
            j = i + 1
            while node is not None:
                if node[1]:
                    hit = (i, j, text[i:j])
                    for o in node[1]:
                        if o in out:
                            out[o].append(hit)
                        else:
                            out[o] = [hit]
                if j >= n:
                    break
                node = node[0].get(text[j])
                j += 1
        if len(recent) >= RECENT_TEXTS:
            recent.clear()
        recent[text] = out
        return out


class PhraseMatcher:
    """Non-overlapping matches of labelled phrases; longer phrases win at a position."""

    def __init__(self, labelled: Iterable[tuple[str, Entry]], scanner: Optional[Scanner] = None) -> None:
        labels: dict[str, str] = {}
        patterns: list[tuple[str, Any, Entry, Optional[frozenset[str]]]] = []
        for label, entry in labelled:
            if entry.is_regex:
                try:
                    compiled = compile_pattern(entry.text, entry.builtin)
                    gate = first_chars(entry.text) if entry.builtin else None
                    patterns.append((label, compiled, entry, gate))
                except Exception as exc:  # re.error and regex.error share no base class
                    raise LexiconError(f"{entry.path}:{entry.line}: 正则表达式无效：{exc}") from None
            else:
                labels.setdefault(entry.text, label)
        self._labels = labels
        # Latin letters and digits at a phrase's ends must not run on (12315 ≠ 123156).
        self._bounded = {w for w in labels if _is_word_char(w[0]) or _is_word_char(w[-1])}
        self._scanner = scanner or Scanner()
        self._owner = self._scanner.register(labels)
        self._patterns = patterns

    def _select(self, text: str, hits: list[Hit]) -> list[Match]:
        # hits come by start, shorter first: the last acceptable one at a start is the longest
        out: list[Match] = []
        last_end = 0
        best: Optional[Hit] = None
        for hit in hits:
            if best is not None and hit[0] != best[0]:
                if best[0] >= last_end:
                    out.append(Match(best[0], best[1], self._labels[best[2]], best[2]))
                    last_end = best[1]
                best = None
            if hit[2] in self._bounded and not self._bounds_ok(text, hit):
                continue
            best = hit
        if best is not None and best[0] >= last_end:
            out.append(Match(best[0], best[1], self._labels[best[2]], best[2]))
        return out

    @staticmethod
    def _bounds_ok(text: str, hit: Hit) -> bool:
        s, e, w = hit
        if _is_word_char(w[0]) and s > 0 and _is_word_char(text[s - 1]):
            return False
        return not (_is_word_char(w[-1]) and e < len(text) and _is_word_char(text[e]))

    def find(self, text: str) -> list[Match]:
        by_owner = self._scanner.hits(text)
        hits = by_owner.get(self._owner)
        found = self._select(text, hits) if hits else []
        if not self._patterns:
            return found
        chars = by_owner[CHARS]
        before = len(found)
        for label, pattern, entry, gate in self._patterns:
            if gate is not None and gate.isdisjoint(chars):
                continue
            try:
                matches = (pattern.finditer(text) if entry.builtin
                           else pattern.finditer(text, timeout=REGEX_TIMEOUT))
                found += [Match(m.start(), m.end(), label, m.group()) for m in matches if m.end() > m.start()]
            except TimeoutError:
                continue  # a pathological user pattern: skip it rather than hang
        return drop_overlaps(found) if len(found) > before else found


def first_chars(pattern: str) -> Optional[frozenset[str]]:
    """Characters every match of ``pattern`` starts with, or None when that can't be told.

    Lets a matcher skip a pattern on a text that holds none of them: a set test is far
    cheaper than a regular-expression scan, and most texts hold no placeholder at all.
    """
    try:
        from re import _constants as c, _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10 names them sre_*
        import sre_constants as c  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]

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
        first, nullable = seq(_parser.parse(pattern))
    except Exception:  # an unusual construct: no gate, the pattern always runs
        return None
    return None if first is None or nullable else frozenset(first)


def drop_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earliest on ties), in text order."""
    kept: list[Match] = []
    # Kept spans never overlap, so sorted by start their ends are sorted too: only the
    # last one starting before m.end can reach into m (a scan of all was quadratic).
    starts: list[int] = []
    ends: list[int] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        i = bisect_left(starts, m.end)
        if i == 0 or ends[i - 1] <= m.start:
            kept.append(m)
            starts.insert(i, m.start)
            ends.insert(i, m.end)
    return sorted(kept, key=lambda m: m.start)


def sections(lex: object, names: Iterable[str]) -> list[tuple[str, Entry]]:
    """(section, entry) pairs of the given sections of one lexicon."""
    out: list[tuple[str, Entry]] = []
    for name in names:
        out.extend((name, e) for e in lex.entries(name))  # type: ignore[attr-defined]
    return out
