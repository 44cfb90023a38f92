"""Normalise text for matching while keeping every position valid in the original.

NFKC (full-width digits and letters), traditional → simplified characters and
same-length typo fixes. The result has exactly one character per
original character, so a span in the normalised text is the same span in the
original; characters NFKC would expand (e.g. ``㈠``) are kept as they are.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon


@dataclass(frozen=True)
class Normalizer:
    chars: dict[str, str]
    variants: dict[str, str]

    @classmethod
    def from_lexicons(cls, lex: dict[str, Lexicon]) -> "Normalizer":
        variants = lex["variants"].mapping("same_length")
        for wrong, right in variants.items():
            if len(wrong) != len(right):
                e = next(e for e in lex["variants"].entries("same_length") if e.text == wrong)
                raise ValueError(f"{e.path}:{e.line}: 两边长度必须相同：{wrong} => {right}")
        return cls(lex["traditional"].mapping("chars"), variants)

    def __call__(self, text: str) -> str:
        out = "".join(_char(c, self.chars) for c in text)
        for wrong, right in self.variants.items():
            if wrong in out:
                out = out.replace(wrong, right)
        return out

    def __hash__(self) -> int:
        return id(self)


def _char(c: str, chars: dict[str, str]) -> str:
    if c.isascii():
        return c
    n = _nfkc(c)
    return chars.get(n, n)


@lru_cache(maxsize=4096)
def _nfkc(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c
