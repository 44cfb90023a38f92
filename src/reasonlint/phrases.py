"""Find lexicon phrases in text: one compiled alternation per lexicon, longest first.

Regular-expression entries from lexicons run under the ``regex`` module's timeout so
that a catastrophic pattern added by a user cannot hang a run.
"""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple, Optional

import regex

from .lexicon import Entry, LexiconError

# Seconds one user pattern may take on one text before it is abandoned.
REGEX_TIMEOUT = 0.25


class Match(NamedTuple):
    # A tuple, not a dataclass: thousands are made per second and tuples are cheap.
    start: int
    end: int
    label: str
    text: str


class PhraseMatcher:
    """Non-overlapping matches of labelled phrases; longer phrases win at a position."""

    def __init__(self, labelled: Iterable[tuple[str, Entry]]) -> None:
        labels: dict[str, str] = {}
        patterns: list[tuple[str, "regex.Pattern[str]", Entry]] = []
        for label, entry in labelled:
            if entry.is_regex:
                try:
                    patterns.append((label, regex.compile(entry.text, regex.V0), entry))
                except regex.error as exc:
                    raise LexiconError(f"{entry.path}:{entry.line}: 正则表达式无效：{exc}") from None
            else:
                labels.setdefault(entry.text, label)
        self._labels = labels
        words = sorted(labels, key=lambda w: (-len(w), w))
        # Plain phrases go to the standard library's re: for a long alternation of literals
        # it is several times faster than the regex module, and literals cannot backtrack.
        self._alt: Optional["re.Pattern[str]"] = (
            re.compile("|".join(_bounded(w) for w in words)) if words else None
        )
        self._patterns = patterns

    def find(self, text: str) -> list[Match]:
        found: list[Match] = []
        if self._alt is not None:
            found.extend(Match(m.start(), m.end(), self._labels[m.group()], m.group())
                         for m in self._alt.finditer(text))
        if not self._patterns:
            return found
        for label, pattern, _entry in self._patterns:
            try:
                found.extend(Match(m.start(), m.end(), label, m.group())
                             for m in pattern.finditer(text, timeout=REGEX_TIMEOUT) if m.end() > m.start())
            except TimeoutError:
                continue  # a pathological user pattern: skip it rather than hang
        return drop_overlaps(found)


def _bounded(word: str) -> str:
    """Escape a phrase; Latin letters and digits at its ends must not run on (12315 ≠ 123156)."""
    out = re.escape(word)
    if word[0].isascii() and word[0].isalnum():
        out = r"(?<![A-Za-z0-9])" + out
    if word[-1].isascii() and word[-1].isalnum():
        out += r"(?![A-Za-z0-9])"
    return out


def drop_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earliest on ties), in text order."""
    kept: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= s or m.start >= e for s, e in taken):
            kept.append(m)
            taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def sections(lex: object, names: Iterable[str]) -> list[tuple[str, Entry]]:
    """(section, entry) pairs of the given sections of one lexicon."""
    out: list[tuple[str, Entry]] = []
    for name in names:
        out.extend((name, e) for e in lex.entries(name))  # type: ignore[attr-defined]
    return out
