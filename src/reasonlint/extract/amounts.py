"""Money amounts in yuan, and what each is for.

Forms: 50元, 50块, 50块钱, ¥50, RMB 50, 1,200元, 1.2万元, 五十块, 一百块钱, 88块8 (88.8),
已退款50, 赔了我20. A role from a cue beside it in its clause: price (价格, 花了), fee (手续费,
差价), compensation (补偿, 赔偿), refund (退款, 退了 …); none where nothing says.
"""
from __future__ import annotations

import re
from typing import Optional, Union

from .. import numerals
from ..clauses import Clauses
from ..lexicon import Lexicon
from ..model import Entity
from ..normalize import Text
from ..phrases import PhraseMatcher, Scan, Scanner, sections
from .dates import _gated
from .spans import Spans
from ..regexes import compiled

_CN = numerals.NUMERAL_CHARS
# Longer numbers are not amounts: no float overflow, no inf in the JSON output.
MAX_AMOUNT = 10 ** 15
MAX_NUMERAL = 30
CUE_BEFORE = 8
CUE_AFTER = 5
# 1,200 has thousands in threes; 20261102121,50 is a number, a comma and another
_NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
PATTERNS = _gated(
    compiled(rf"(?:[¥￥]|RMB|rmb|人民币|CNY)\s*(?P<n>{_NUMBER})"),
    # 88块8 is 88.8: the digit after 块 is the tenths
    compiled(r"(?<![0-9A-Za-z.])(?P<n>[0-9]+)块(?P<jiao>[0-9])(?![0-9.%个张次天])"),
    # 40快 is 40块 typed in haste: after digits, 快 is money
    compiled(rf"(?<![0-9A-Za-z.])(?P<n>{_NUMBER})\s*(?P<wan>万)?(?:元|块钱|块|快(?![递点乐])|圆|rmb|RMB|CNY)"),
    # Starts only at the start of a run: no quadratic retries inside a long one.
    compiled(rf"(?<![0-9.{_CN}])(?P<c>[{_CN}]+)\s*(?:元|块钱|块|圆)"),
)
Number = Union[int, float]


def _number(m: "re.Match[str]", norm: str) -> Optional[Number]:
    g = m.groupdict()
    if g.get("c") is not None:
        # A run this long is no sum of money (and int() refuses 4,300+ digits).
        n = numerals.parse(g["c"]) if len(g["c"]) <= MAX_NUMERAL else None
        if n is None or g["c"] in ("一", "两") and norm[m.end():m.end() + 1] in ("儿", "卡"):
            return None
        number: Number = n
    else:
        try:
            number = float(g["n"].replace(",", ""))
        except ValueError:
            return None
        if g.get("jiao"):
            number += int(g["jiao"]) / 10
    if g.get("wan"):  # 1.2万元
        number = float(number) * 10000
    if not number < MAX_AMOUNT:  # also inf: float() overflows, JSON has no inf
        return None
    return int(number) if float(number).is_integer() else round(float(number), 2)


def _verb_pattern(verbs: list[str]) -> "re.Pattern[str]":
    """已退款50, 赔了我20: a bare number right after a money verb (resolutions.txt
    [amount_verbs]) is money."""
    alternation = "|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) or "(?!)"
    return compiled(rf"(?P<lead>{alternation})\s*(?P<n>[0-9]+(?:\.[0-9]{{1,2}})?)"
                      r"(?![0-9A-Za-z月日号年/.\-:：%个张天次])")


class AmountFinder:
    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        res = lex["resolutions"]
        verbs = _verb_pattern(res.words("amount_verbs"))
        self._patterns = (*PATTERNS, (verbs, ()))
        self._cues = PhraseMatcher(
            sections(res, ["price", "fee", "compensation"]) + [("compensation", e) for e in res.entries("compensation_object")]
            + [("refund", e) for e in res.entries("refunded")],
            scanner)

    def find(self, text: Text, scan: Scan, clauses: Clauses, blocked: Spans) -> list[Entity]:
        norm, chars = scan.text, scan.chars
        ents: list[Entity] = []
        for pattern, need in self._patterns:
            if any(map(chars.isdisjoint, need)):
                continue
            for m in pattern.finditer(norm):
                s, e = m.span()
                if m.groupdict().get("lead"):  # the verb before the number is not the amount
                    s = m.start("n")
                if blocked.overlaps(s, e):
                    continue
                value = _number(m, norm)
                if value is None:
                    continue
                ents.append(Entity("amount", text.shown(s, e), value, s, e))
                blocked.add(s, e)
        if ents:
            ents = self._with_roles(ents, scan, clauses)
        return ents

    def _with_roles(self, amounts: list[Entity], scan: Scan, clauses: Clauses) -> list[Entity]:
        norm = scan.text
        cues = [c for c in self._cues.find(scan) if not c.label.startswith("not_")]
        out = []
        for a in amounts:
            if norm.startswith("的", a.end):  # 50元的卡: what a thing is worth
                out.append(Entity(a.kind, a.text, a.value, a.start, a.end, "price"))
                continue
            if not cues:
                out.append(a)
                continue
            cs, ce = clauses.clause(a.start)
            near = [c for c in cues if cs <= c.start and c.end <= ce
                    and (a.end <= c.start <= a.end + CUE_AFTER or a.start - CUE_BEFORE <= c.end - 1 < a.start)]
            if near:
                # a fee or compensation word decides over a refund verb: 退了5元手续费
                ranked = sorted(near, key=lambda c: (c.label == "refund",
                                                     c.start - a.end if c.start >= a.end else a.start - c.end))
                a = Entity(a.kind, a.text, a.value, a.start, a.end, ranked[0].label)
            out.append(a)
        return out
