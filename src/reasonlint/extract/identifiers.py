"""Order, complaint and parcel numbers.

A number after a label (订单号, 投诉单号, 快递单号 …) is what its label says; one after
a label of another kind of number (QQ号, 手机号, 游戏ID, 卡号) is none of ours. A bare
long number is an order number, unless it is a phone number, has a courier prefix
(SF…, JD…: a parcel) or follows, in its clause, a label of another kind of number
(把QQ号2873345106填成了2873345160).
"""
from __future__ import annotations

from bisect import bisect_right

from ..clauses import Clauses
from ..lexicon import Lexicon
from ..model import Entity
from ..normalize import Text
from ..phrases import Match, PhraseMatcher, Scan, Scanner, sections
from .spans import Spans
from ..regexes import compiled

_SEP = r"[\s:：#=＃]*(?:是|为|:|：)?[\s:：#=]*"
# Letters (in up to four dash-joined groups) before the first digit: KM…, HM-TS-88231.
# Digits in groups of three or more (2026 1103 001) are tried first: one number.
_ID = (r"(?P<id>[0-9]{3,}(?: [0-9]{3,}){1,4}(?![A-Za-z0-9]|[./\-][0-9])"
       r"|[A-Za-z]{0,8}(?:[-_][A-Za-z]{1,8}){0,3}[-_]?[0-9][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)")
_LABELLED_ID = compiled(_SEP + _ID)
# The lookahead first: a position that holds no letter or digit fails in one test.
_BARE_NUMBER = compiled(r"(?=[A-Za-z0-9])(?<![A-Za-z0-9_.\-/])[A-Za-z]{0,6}[0-9][A-Za-z0-9]*(?:-[0-9]+)?(?![A-Za-z0-9_])")
_PHONE = compiled(r"1[3-9][0-9]{9}")
_DATE_SHAPE = compiled(r"(?:(?:19|20)[0-9]{2}[-/.])?(?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ID_KINDS = ("order_id", "complaint_id", "tracking_no")
# A generic label before a courier-prefixed number names a parcel: 单号SF1623400987721.
_GENERIC_LABELS = frozenset({"单号"})
MIN_DIGITS_BARE = 8
# With a letter prefix an order number is told by its shape sooner: 两笔订单KM1105001和KM1105002.
MIN_DIGITS_PREFIXED = 6


def label_matcher(lex: dict[str, Lexicon], scanner: Scanner) -> PhraseMatcher:
    return PhraseMatcher(sections(lex["identifiers"], [*ID_KINDS, "other_number"]), scanner)


class IdentifierFinder:
    def __init__(self, lex: dict[str, Lexicon], labels: PhraseMatcher) -> None:
        self._labels = labels
        self._prefixes = tuple(sorted(lex["identifiers"].words("tracking_prefix"), key=len, reverse=True))

    def _courier(self, value: str) -> bool:
        prefix = value[:len(value) - len(value.lstrip(_LETTERS))]
        return bool(prefix) and prefix.upper() in self._prefixes

    def find(self, text: Text, scan: Scan, clauses: Clauses, blocked: Spans) -> list[Entity]:
        norm = scan.text
        ents: list[Entity] = []
        labels = self._labels.find(scan)
        for m in labels:
            mm = _LABELLED_ID.match(norm, m.end)
            if not mm:
                continue
            s, e = mm.span("id")
            if blocked.overlaps(s, e):
                continue
            value = norm[s:e]
            date = _DATE_SHAPE.match(norm, s)
            if sum(map(str.isdigit, value)) < 3 or len(value) < 4 or (date is not None and date.end() >= e):
                continue  # 这单11-25点卡已到帐, 这单2026.11.13换了: a date after the label, not a number
            blocked.add(s, e)
            if m.label == "other_number":
                continue
            kind = m.label
            if kind == "order_id" and m.text in _GENERIC_LABELS and self._courier(value):
                kind = "tracking_no"
            ents.append(Entity(kind, text.shown(s, e), value, s, e))
        ents += self._bare(text, norm, clauses, labels, blocked)
        return ents

    def _bare(self, text: Text, norm: str, clauses: Clauses, labels: list[Match], blocked: Spans) -> list[Entity]:
        ents: list[Entity] = []
        label_starts = [m.start for m in labels]
        for m in _BARE_NUMBER.finditer(norm):
            s, e = m.span()
            value = m.group()
            digits = sum(map(str.isdigit, value))
            if digits < (MIN_DIGITS_PREFIXED if value[:2].isalpha() else MIN_DIGITS_BARE) \
                    or blocked.overlaps(s, e) or _PHONE.fullmatch(value):
                continue
            blocked.add(s, e)
            if self._courier(value):
                ents.append(Entity("tracking_no", text.shown(s, e), value, s, e))
                continue
            # the last label before it in its clause says what kind of number it is
            cs, _ = clauses.clause(s)
            k = bisect_right(label_starts, s) - 1
            if k >= 0 and labels[k].start >= cs and labels[k].label in ("other_number", "tracking_no"):
                if labels[k].label == "tracking_no":
                    ents.append(Entity("tracking_no", text.shown(s, e), value, s, e))
                continue
            ents.append(Entity("order_id", text.shown(s, e), value, s, e))
        return ents
