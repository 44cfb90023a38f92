"""Clauses, sentences, asides and quotes of a normalised reason.

The scope of a negator, a promise or a report never crosses a clause. A bracketed aside
(``未（因为缺货）补发``) does not end its clause: what stands around it still reads as one,
and what stands inside it governs only itself. A space before a Chinese character ends a
clause (``已经退款了 八十块``), one before a digit or a Latin word does not (``订单号 2026…``),
unless it stands between two numbers (``订单号20261107310 11月7日补发``) or before a date
(``商家跟我讲 11月8日已经退款了``; not ``已于 11月8日``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .normalize import HAN
from .regexes import compiled

Span = tuple[int, int]

# Punctuation that ends a clause. A dot ends one too, except between digits (50.5元, 11.3).
_CLAUSE_ENDS = "，,。;；!！?？~～\n\r\t、：:“”\"「」…|/"
# Coarser: a list (卡盟平台、微信支付、黑猫投诉) stays in one piece.
_SENTENCE_ENDS = "。;；!！?？\n\r"
_OPEN, _CLOSE = "（(【[", "）)】]"
# For the readers after this stage: what stops a phrase from running on to the next
# word (PUNCT), and the brackets that open and close an aside.
PUNCT = frozenset("，,。;；!！?？、：:\n")
ASIDE_OPEN = frozenset(_OPEN)
BRACKETS = frozenset(_OPEN + _CLOSE)


def _pieces(ends: str) -> "re.Pattern[str]":
    # The runs between boundaries, matched directly: one finditer, no loop over gaps.
    chars = rf"[^{re.escape(ends)}.\s]+"
    # a space between two numbers ends the clause (订单号20261107310 11月7日补发)
    # and so does one before a date, but after 于/在 or a date's label (已于 11月8日, 日期 11月8日)
    date = r"[0-9]{1,2}月[0-9]|[0-9]{4}[-/年.][0-9]"
    gap = (rf"(?:(?<=[0-9])\.(?=[0-9])|(?<![0-9])[ \t\u3000]+(?![{HAN}\s])(?!{date})"
           rf"|(?<=[于在是为期间])[ \t\u3000]+(?={date})|(?<=[0-9])[ \t\u3000]+(?![{HAN}\s0-9]))")
    return compiled(rf"{chars}(?:{gap}{chars})*")


_CLAUSE = _pieces(_CLAUSE_ENDS)
_SENTENCE = compiled(rf"[^{re.escape(_SENTENCE_ENDS)}]+")
_ASIDE = compiled(r"（[^（）]{0,60}）|\([^()]{0,60}\)|【[^【】]{0,30}】|\[[^\[\]]{0,30}\]")
_QUOTE = compiled(r"“[^“”]{0,80}”|「[^「」]{0,80}」|\"[^\"]{0,80}\"")
# A bracket becomes a character that is neither a boundary nor a space.
_BRACKETS = str.maketrans({c: "\x01" for c in _OPEN + _CLOSE})
# nor is a space beside one (没 (缺货) 补发)
_SPACE_BY_BRACKET = compiled(r"(?<=\x01)[ \t\u3000]+|[ \t\u3000]+(?=\x01)")


class Clauses(NamedTuple):
    clauses: tuple[Span, ...]  # asides run through the clause that holds them
    sentences: tuple[Span, ...]
    asides: tuple[Span, ...]   # inside the brackets
    inner: tuple[Span, ...]    # the clauses inside asides
    quotes: tuple[Span, ...]   # inside the quotation marks
    ends: tuple[str, ...]      # the character that ends each clause ("" at the text's end)

    def at(self, pos: int) -> int:
        """The clause holding ``pos``, or -1."""
        k = bisect_right(self.clauses, (pos, 1 << 62)) - 1
        return k if k >= 0 and pos < self.clauses[k][1] else -1

    def clause(self, pos: int) -> Span:
        k = self.at(pos)
        return self.clauses[k] if k >= 0 else (pos, pos)

    def sentence(self, pos: int) -> Span:
        k = bisect_right(self.sentences, (pos, 1 << 62)) - 1
        if k >= 0 and pos < self.sentences[k][1]:
            return self.sentences[k]
        return (pos, pos)

    def aside(self, pos: int) -> Span:
        """The aside holding ``pos``, or an empty span."""
        for s, e in self.asides:
            if s <= pos < e:
                return s, e
        return (0, 0)

    def aside_length(self, start: int, end: int) -> int:
        """Characters of asides (with their brackets) within ``[start, end)``."""
        return sum(e - s + 2 for s, e in self.asides if start <= s - 1 and e + 1 <= end)


def split(text: str) -> Clauses:
    asides = tuple((m.start() + 1, m.end() - 1) for m in _ASIDE.finditer(text)) if _has_bracket(text) else ()
    # An aside's brackets are not boundaries: blank them, and the clause runs through.
    body = _SPACE_BY_BRACKET.sub("\x01", text.translate(_BRACKETS)) if asides else text
    clauses = tuple(m.span() for m in _CLAUSE.finditer(body))
    inner = tuple(m.span() for a, b in asides for m in _CLAUSE.finditer(text, a, b))
    sentences = tuple(m.span() for m in _SENTENCE.finditer(text))
    quotes = tuple((m.start() + 1, m.end() - 1) for m in _QUOTE.finditer(text)) if _has_quote(text) else ()
    ends = tuple(text[e:e + 1] for _, e in clauses)
    return Clauses(clauses, sentences, asides, inner, quotes, ends)


def _has_bracket(text: str) -> bool:
    return any(c in text for c in _OPEN)


def _has_quote(text: str) -> bool:
    return "“" in text or "「" in text or '"' in text
