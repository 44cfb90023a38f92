"""Find lexicon phrases in text.

All plain phrases of every lexicon live in one automaton (:class:`Scanner`), run
once per text into a :class:`Scan`; each :class:`PhraseMatcher` then picks its own
phrases from that scan, leftmost and longest first, without overlaps. One pass beats
a dozen regular-expression alternations, each paying its own call overhead.

Regular-expression entries added by users run under the ``regex`` module's timeout and
a budget for the whole run (:class:`Budget`), so that a catastrophic pattern cannot hang
a run; our own run on the standard ``re``.
"""
from __future__ import annotations

import threading
import time
import warnings
from bisect import bisect_left
from typing import Any, Iterable, NamedTuple, Optional

import ahocorasick

from . import regexes
from .errors import RegexDisabledWarning
from .lexicon import Entry, LexiconError, compile_pattern

# Seconds one user pattern may take on one text before it is abandoned.
REGEX_TIMEOUT = 0.25
# A user pattern that times out this many times is switched off for the rest of the run,
# and so is one that has spent its time: REGEX_BUDGET seconds plus REGEX_SHARE per text.
MAX_TIMEOUTS = 3
REGEX_BUDGET = 2.0
REGEX_SHARE = 0.002


class Budget:
    """The time one user pattern has had in this linter, and whether it is still run.

    A time-out bounds one text; without a bound for the run, a pattern that takes
    a quarter of a second on every text would make a run of a million texts take days.
    """

    __slots__ = ("entry", "spent", "runs", "timeouts", "off", "_lock")

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.spent = 0.0
        self.runs = 0
        self.timeouts = 0
        self.off = False
        self._lock = threading.Lock()

    def timeout(self) -> float:
        """Seconds the next run may take (0: the pattern is switched off)."""
        left = REGEX_BUDGET + REGEX_SHARE * self.runs - self.spent
        return min(REGEX_TIMEOUT, left) if not self.off and left > 0 else 0.0

    def record(self, seconds: float, timed_out: bool) -> None:
        with self._lock:
            self.spent += seconds
            self.runs += 1
            self.timeouts += timed_out
            if self.off or (self.timeouts < MAX_TIMEOUTS
                            and self.spent < REGEX_BUDGET + REGEX_SHARE * self.runs):
                return
            self.off = True
        e = self.entry
        # Located at the lexicon entry, not by stack level: compiled callers have no
        # Python frames, so a stack level would point elsewhere in each build.
        warnings.warn_explicit(RegexDisabledWarning(
            f"{e.path}:{e.line}: 正则表达式 {e.text!r} 运行过慢（超时 {self.timeouts} 次，"
            f"共 {self.spent:.1f} 秒），本次运行中已停用；请改写它", f"{e.path}:{e.line}"),
            RegexDisabledWarning, str(e.path), e.line)

Hit = tuple[int, int, str]


class Match(NamedTuple):
    # A tuple, not a dataclass: thousands are made per second and tuples are cheap.
    start: int
    end: int
    label: str
    text: str


# Builds a Match without the Python-level __new__ of a NamedTuple: two are made per hit.
_new = tuple.__new__


def _is_word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


# The same tests over whole words, made thousands of times per start: one C call each.
_LATIN = regexes.compiled("[A-Za-z]")
_EDGE_WORD_CHAR = regexes.compiled(r"\A[A-Za-z0-9]|[A-Za-z0-9]\Z")


class Scan:
    """Every registered phrase found in one text, grouped by the matcher that owns it."""

    __slots__ = ("text", "hits", "chars")

    def __init__(self, text: str, hits: dict[int, list[Hit]]) -> None:
        self.text = text
        self.hits = hits
        # Which characters occur: regular expressions that need an absent one are skipped.
        self.chars = frozenset(text)


class Scanner:
    """Every occurrence of every registered phrase, per matcher, in one pass.

    The phrases of all lexicons go into one Aho-Corasick automaton (pyahocorasick, in
    C): one call finds them all, where a walk of a trie in Python cost more than the
    rest of phrase matching put together.
    """

    def __init__(self) -> None:
        self._owners: dict[str, tuple[int, ...]] = {}
        self._count = 0
        self._lock = threading.Lock()
        self._automaton: Optional[ahocorasick.Automaton] = None

    def register(self, words: Iterable[str]) -> int:
        """Add one matcher's words; returns the key its hits are filed under."""
        with self._lock:
            owner = self._count
            self._count += 1
            for word in words:
                if word:
                    self._owners[word] = (*self._owners.get(word, ()), owner)
            self._automaton = None  # rebuilt on the next scan
        return owner

    def _built(self) -> "ahocorasick.Automaton":
        automaton = self._automaton
        if automaton is None:
            with self._lock:
                if self._automaton is None:
                    automaton = ahocorasick.Automaton()
                    for word, owners in self._owners.items():
                        automaton.add_word(word, (len(word), word, owners))
                    automaton.make_automaton()
                    self._automaton = automaton
                automaton = self._automaton
        return automaton

    def scan(self, text: str) -> Scan:
        automaton = self._built()
        hits: dict[int, list[Hit]] = {}
        if automaton.kind == ahocorasick.AHOCORASICK:  # an automaton with no words can't iterate
            for last, (length, word, owners) in automaton.iter(text):
                hit = (last + 1 - length, last + 1, word)
                for o in owners:
                    if o in hits:
                        hits[o].append(hit)
                    else:
                        hits[o] = [hit]
            for found in hits.values():
                if len(found) > 1:
                    found.sort()  # by start, shorter first, as the matchers expect
        return Scan(text, hits)


class PhraseMatcher:
    """Non-overlapping matches of labelled phrases; longer phrases win at a position."""

    def __init__(self, labelled: Iterable[tuple[str, Entry]], scanner: Optional[Scanner] = None) -> None:
        labels: dict[str, str] = {}
        patterns: list[tuple[str, Any, Entry, Optional[frozenset[str]], tuple[frozenset[str], ...],
                             Optional[Budget]]] = []
        for label, entry in labelled:
            if entry.is_regex:
                try:
                    compiled = compile_pattern(entry.text, entry.builtin)
                    first, required = regexes.gates(entry.text) if entry.builtin else (None, ())
                    patterns.append((label, compiled, entry, first, required,
                                     None if entry.builtin else Budget(entry)))
                except Exception as exc:  # re.error and regex.error share no base class
                    raise LexiconError(f"{entry.path}:{entry.line}: 正则表达式无效：{exc}") from None
            else:
                labels.setdefault(entry.text, label)
        # Latin words match in the usual cases too (PayPal, paypal, PAYPAL, Paypal).
        for word, label in list(labels.items()):
            if _LATIN.search(word):
                for variant in (word.lower(), word.upper(), word.capitalize()):
                    labels.setdefault(variant, label)
        self._labels = labels
        # Latin letters and digits at a phrase's ends must not run on (12315 ≠ 123156).
        self._bounded = set(filter(_EDGE_WORD_CHAR.search, labels))
        self._scanner = scanner or Scanner()
        self._owner = self._scanner.register(labels)
        self._patterns = patterns
        # One test skips every pattern of a text: each pattern needs a character of its
        # rarest set, so a text that holds none of them all matches none.
        keys = [_rarest(first, required) for _, _, _, first, required, _ in patterns]
        self._gate: Optional[frozenset[str]] = (
            frozenset().union(*keys) if keys and None not in keys else None)  # type: ignore[arg-type]

    def _select(self, text: str, hits: list[Hit]) -> list[Match]:
        # hits come by start, shorter first: the last acceptable one at a start is the longest
        out: list[Match] = []
        last_end = 0
        best: Optional[Hit] = None
        for hit in hits:
            if best is not None and hit[0] != best[0]:
                if best[0] >= last_end:
                    out.append(_new(Match, (best[0], best[1], self._labels[best[2]], best[2])))
                    last_end = best[1]
                best = None
            if hit[2] in self._bounded and not self._bounds_ok(text, hit):
                continue
            best = hit
        if best is not None and best[0] >= last_end:
            out.append(_new(Match, (best[0], best[1], self._labels[best[2]], best[2])))
        return out

    @staticmethod
    def _bounds_ok(text: str, hit: Hit) -> bool:
        s, e, w = hit
        if _is_word_char(w[0]) and s > 0 and _is_word_char(text[s - 1]):
            return False
        return not (_is_word_char(w[-1]) and e < len(text) and _is_word_char(text[e]))

    def find(self, source: "str | Scan") -> list[Match]:
        """Matches in a text, or in a scan of it made by this matcher's scanner."""
        scan = source if source.__class__ is Scan else self._scanner.scan(source)  # type: ignore[arg-type]
        hits = scan.hits.get(self._owner)
        found = self._select(scan.text, hits) if hits else []
        if not self._patterns:
            return found
        text = scan.text
        chars = scan.chars
        if self._gate is not None and self._gate.isdisjoint(chars):
            return found
        before = len(found)
        for label, pattern, entry, first, required, budget in self._patterns:
            if first is not None and first.isdisjoint(chars):
                continue
            if required and any(map(chars.isdisjoint, required)):
                continue
            if budget is None:
                found += [Match(m.start(), m.end(), label, m.group())
                          for m in pattern.finditer(text) if m.end() > m.start()]
                continue
            timeout = budget.timeout()
            if not timeout:
                continue  # switched off: it was too slow
            started = time.perf_counter()
            try:
                found += [Match(m.start(), m.end(), label, m.group())
                          for m in pattern.finditer(text, timeout=timeout) if m.end() > m.start()]
                timed_out = False
            except TimeoutError:
                timed_out = True  # a pathological user pattern: skip it rather than hang
            budget.record(time.perf_counter() - started, timed_out)
        return drop_overlaps(found) if len(found) > before else found


# Characters most reasons hold; a gate made of them rarely skips anything.
def _common(ch: str) -> bool:
    return ch.isdigit() or ch.isspace() or ch in "-/.:：，。、" or "\u4e00" <= ch <= "\u9fff"


def _rarest(first: Optional[frozenset[str]], required: tuple[frozenset[str], ...]) -> Optional[frozenset[str]]:
    """The set, of those every match needs a character of, that texts are likeliest to lack."""
    sets = [*required, *([first] if first is not None else [])]
    if not sets:
        return None
    return min(sets, key=lambda chars: (sum(map(_common, chars)) > 0, len(chars)))


def first_chars(pattern: str) -> Optional[frozenset[str]]:
    """Characters every match of ``pattern`` starts with, or None when that can't be told.

    Lets a matcher skip a pattern on a text that holds none of them: a set test is far
    cheaper than a regular-expression scan, and most texts hold no placeholder at all.
    """
    return regexes.gates(pattern)[0]


def required_chars(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of characters such that every match holds one character of each set.

    ``[0-9]+天[前后]`` needs a digit, 天 and 前 or 后: a text of digits alone is skipped.
    """
    return regexes.gates(pattern)[1]


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
