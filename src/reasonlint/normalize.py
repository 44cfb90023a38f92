"""Normalise text for matching while keeping every position valid in the original.

Compatibility forms to their plain characters (full-width ２０２６ and ＸＸＸ, enclosed
①, CJK compatibility ideographs), traditional → simplified characters and same-length
typo fixes. The result has exactly one character per original character, so a span
in the normalised text is the same span in the original; characters NFKC would expand
(e.g. ``㈠``) are kept as they are.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .lexicon import Lexicon, LexiconError

# The blocks where NFKC changes one character into another single character that
# matters here. One translate() over a table built from them is ~10x faster than
# normalising character by character.
_COMPAT_BLOCKS = (
    (0x00A0, 0x00FF),   # Latin-1 punctuation and signs
    (0x2000, 0x206F),   # general punctuation
    (0x2100, 0x218F),   # letterlike forms, Roman numerals
    (0x2460, 0x24FF),   # enclosed alphanumerics ①
    (0x2F00, 0x2FDF),   # Kangxi radicals ⼀
    (0x3000, 0x303F),   # CJK symbols and punctuation (ideographic space)
    (0x3200, 0x33FF),   # enclosed CJK letters, CJK compatibility
    (0xF900, 0xFAFF),   # CJK compatibility ideographs
    (0xFE30, 0xFE4F),   # CJK compatibility forms
    (0xFE50, 0xFE6F),   # small form variants
    (0xFF00, 0xFFEF),   # half-width and full-width forms
)


def _compat_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c)
            if len(n) == 1 and n != c:
                table[cp] = n
    return table


@dataclass(frozen=True, eq=False)
class Normalizer:
    table: dict[int, str]
    variants: dict[str, str]
    _any_variant: "re.Pattern[str]" = field(init=False, repr=False)

    @classmethod
    def from_lexicons(cls, lex: dict[str, Lexicon]) -> "Normalizer":
        variants = lex["variants"].mapping("same_length")
        for e in lex["variants"].entries("same_length"):
            if len(e.text) != len(e.value):
                raise LexiconError(f"{e.path}:{e.line}: 两边长度必须相同：{e.text} => {e.value}")
        table = _compat_table()
        chars = lex["traditional"].mapping("chars")
        for trad, simp in chars.items():
            if len(trad) != 1 or len(simp) != 1:
                e = next(e for e in lex["traditional"].entries("chars") if e.text == trad)
                raise LexiconError(f"{e.path}:{e.line}: 只能一个字对一个字：{trad} => {simp}")
            table[ord(trad)] = simp
        # A full-width traditional character normalises in one step too.
        for cp, plain in list(table.items()):
            if plain in chars:
                table[cp] = chars[plain]
        return cls(table, variants)

    def __call__(self, text: str) -> str:
        out = text if text.isascii() else text.translate(self.table)
        if self._any_variant.search(out) is None:
            return out  # most texts: one scan instead of a search per variant
        for wrong, right in self.variants.items():
            if wrong in out:
                out = out.replace(wrong, right)
        return out

    def __post_init__(self) -> None:
        any_variant = re.compile("|".join(map(re.escape, self.variants)) or "(?!)")
        object.__setattr__(self, "_any_variant", any_variant)
