"""Fit a rewrite into a platform profile's length limits, shortened sensibly.

Filler and politeness go first, then clauses that hold no fact; the order number,
date, amount, evidence and placeholders (lexicons/fitting.txt [protect]) are never
cut. A rewrite that still does not fit is returned as short as it got, marked so.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import Lexicon, packaged, parse
from .profiles import Profile

_CLAUSE_SEP = "，"
_END = "。"
_EMPTY_CLAUSE = re.compile(f"{_CLAUSE_SEP}{{2,}}")


class Fitted(NamedTuple):
    text: str
    length: int
    fits: bool
    note: str        # what was done, or why it does not fit; "" when nothing was needed


class Fitter:
    def __init__(self, lexicon: Lexicon) -> None:
        self._phrases = [*lexicon.words("filler"), *lexicon.words("politeness")]
        patterns = [e.text for e in lexicon.entries("protect") if e.is_regex]
        self._protect = re.compile("|".join(f"(?:{p})" for p in patterns))

    def _kept(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._protect.finditer(text) if m.end() > m.start()]

    def _without(self, text: str, phrase: str) -> str:
        kept = self._kept(text)
        out, pos = [], 0
        for m in re.finditer(re.escape(phrase), text):
            if any(s < m.end() and m.start() < e for s, e in kept):
                continue
            out.append(text[pos:m.start()])
            pos = m.end()
        out.append(text[pos:])
        # a clause that was nothing but the phrase leaves no empty clause behind
        return _EMPTY_CLAUSE.sub(_CLAUSE_SEP, "".join(out)).lstrip(_CLAUSE_SEP).replace(_CLAUSE_SEP + _END, _END)

    def fit(self, text: str, profile: Profile) -> Fitted:
        n = profile.length(text)
        if profile.min is not None and n < profile.min:
            return Fitted(text, n, False, f"建议改写只有{n}字，少于{profile.title}的下限{profile.min}字；请补充具体内容")
        top = profile.max
        if top is None or n <= top:
            return Fitted(text, n, True, "")
        for step in self._steps(text):
            text = step
            if profile.length(text) <= top:
                return Fitted(text, profile.length(text), True,
                              f"建议改写原长{n}字，已缩短到{profile.length(text)}字以符合{profile.title}的上限{top}字")
        m = profile.length(text)
        return Fitted(text, m, False,
                      f"建议改写缩短后仍有{m}字，超过{profile.title}的上限{top}字；"
                      "订单号、日期、金额和凭证不能删，请手动精简其余内容")

    def _steps(self, text: str) -> "list[str]":
        """Successively shorter texts, each one step further than the one before."""
        steps: list[str] = []
        for phrase in self._phrases:
            shorter = self._without(text, phrase)
            if shorter != text:
                text = shorter
                steps.append(text)
        end = _END if text.endswith(_END) else ""
        clauses = (text[:-1] if end else text).split(_CLAUSE_SEP)
        for i in range(len(clauses) - 1, -1, -1):
            if len(clauses) > 1 and not self._kept(clauses[i]):
                del clauses[i]
                steps.append(_CLAUSE_SEP.join(clauses) + end)
        if end:
            steps.append(_CLAUSE_SEP.join(clauses))
        return steps


@lru_cache(maxsize=1)
def default_fitter() -> Fitter:
    lex = Lexicon("fitting")
    text = (packaged("reasonlint.lexicons") / "fitting.txt").read_text(encoding="utf-8")
    parse(text, "lexicons/fitting.txt", lex, builtin=True)
    return Fitter(lex)
