"""Spans already taken by an entity, so that one stretch of text is one entity."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable


class Spans:
    """Non-overlapping spans: whether a new one overlaps any is one bisect, not a scan
    (a long text holds thousands of numbers)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, s: int, e: int) -> bool:
        # Sorted by start, the ends are sorted too: only the last span starting before
        # e can reach past s.
        i = bisect_left(self._starts, e)
        return i > 0 and self._ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        if self.overlaps(s, e):
            raise ValueError(f"span {s}..{e} overlaps one already kept")
        i = bisect_left(self._starts, s)
        self._starts.insert(i, s)
        self._ends.insert(i, e)
