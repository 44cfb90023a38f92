"""Absolute dates, their roles, and dates that cannot exist.

Forms: 2026年11月3日, 2026-11-03, 2026/11/03, 11月3日, 11月3号, 十一月三号, 11-03,
11/3, 11.3, and 11月 6 (from English "Nov 6"). A date that names no real day (2月30日,
13月45日) is not a date: it is kept apart so that a rule can say so. A date's role
(purchase, request, complaint, problem, expiry) comes from a cue word beside it in its clause
(dates.txt); a date with none may be the resolution's.
"""
from __future__ import annotations

import re
from calendar import monthrange
from typing import Optional

from .. import numerals
from ..clauses import Clauses
from ..lexicon import Lexicon
from ..model import Entity
from ..normalize import Text
from ..phrases import Match, PhraseMatcher, Scan, Scanner, required_chars, sections
from .spans import Spans
from ..regexes import compiled

_CN = numerals.NUMERAL_CHARS
ROLES = ("purchase", "request", "complaint", "problem", "expiry")
CUE_BEFORE = 6   # characters before a date a cue may stand in (下单时间 11月3日)
CUE_AFTER = 6    # and after it (11月3日下单的)


def _gated(*patterns: "re.Pattern[str]") -> tuple[tuple["re.Pattern[str]", tuple[frozenset[str], ...]], ...]:
    # Each pattern with the characters it cannot match without: most texts lack some
    # (年, 月, 元 …), and a set test is far cheaper than a scan.
    return tuple((p, required_chars(p.pattern)) for p in patterns)


PATTERNS = _gated(
    # 2026年11月3日, 2026-11-03, 2026/11/03, 2026.11.03
    compiled(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]?"),
    compiled(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)[0-9]{2})(?P<s>[-/.])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})(?![0-9])"),
    # 11月3日, 11月3号, and 11月 3 / 11月3 at a word's end (what "Nov 3" becomes)
    compiled(r"(?<![0-9])(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]"),
    compiled(r"(?<![0-9])(?P<m>[0-9]{1,2})月\s*(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?"
               r"(?![0-9]|\.[0-9]|\s*(?:个|天|元|块|小时|次|张|件|号码|%|年|月|日|号|倍|折))"),
    # 6 11月 (what "6 Nov" becomes)
    compiled(r"(?<![0-9.])(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s(?P<m>[0-9]{1,2})月(?![0-9]|\s*[0-9])"),
    # 十一月三日, 二〇二六年十一月三号
    compiled(rf"(?:(?P<cy>[{_CN}]{{4}})年)?(?P<cm>[{_CN}]{{1,3}})月(?P<cd>[{_CN}]{{1,3}})[日号]"),
    # 11-03 (not part of an id such as 20261106-0032)
    compiled(r"(?<![0-9A-Za-z./\-])(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
               r"(?![0-9A-Za-z/.\-]|\s*(?:个|天|工作日|小时|分钟|元|块|%))"),
    # 11/3, 11.3 (not part of a longer number, not an amount)
    compiled(r"(?<![0-9A-Za-z./\-])(?P<m>[0-9]{1,2})(?P<s>[/.])(?P<d>[0-9]{1,2})"
               r"(?![0-9/.]|\s*(?:元|块|万|%|折|倍|小时|个|rmb|RMB))"),
)
# Forms a loose reading makes from numbers that are no date (2-5个工作日, 3.5): only
# a real day counts there, and an impossible one is not reported.
_LOOSE = frozenset({3, 4, 6, 7})


def _valid(y: Optional[int], m: int, d: int) -> bool:
    if not 1 <= m <= 12 or d < 1:
        return False
    return d <= monthrange(y if y else 2024, m)[1]  # without a year, 2月29日 can exist


class DateFinder:
    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        self._cues = PhraseMatcher(sections(lex["dates"], ROLES), scanner)

    def find(self, text: Text, scan: Scan, clauses: Clauses, blocked: Spans) -> tuple[list[Entity], list[Match]]:
        """(dates, impossible dates)."""
        norm, chars = scan.text, scan.chars
        dates: list[Entity] = []
        impossible: list[Match] = []
        for k, (pattern, need) in enumerate(PATTERNS):
            if any(map(chars.isdisjoint, need)):
                continue
            for m in pattern.finditer(norm):
                s, e = m.span()
                if blocked.overlaps(s, e):
                    continue
                g = m.groupdict()
                if g.get("cm") is not None:
                    y = numerals.parse(g["cy"]) if g.get("cy") else None
                    mo, d = numerals.parse(g["cm"]), numerals.parse(g["cd"])
                else:
                    y = int(g["y"]) if g.get("y") else None
                    mo, d = int(g["m"]), int(g["d"])
                if mo is None or d is None:
                    continue
                if not _valid(y, mo, d):
                    if k not in _LOOSE:
                        impossible.append(Match(s, e, "impossible", text.shown(s, e)))
                        blocked.add(s, e)
                    continue
                value = f"{y:04d}-{mo:02d}-{d:02d}" if y else f"{mo:02d}-{d:02d}"
                dates.append(Entity("date", text.shown(s, e).strip(), value, s, e))
                blocked.add(s, e)
        if dates:
            dates = self._with_roles(dates, scan, clauses)
        return dates, impossible

    def _with_roles(self, dates: list[Entity], scan: Scan, clauses: Clauses) -> list[Entity]:
        cues = self._cues.find(scan)
        if not cues:
            return dates
        out = []
        norm = scan.text
        for d in dates:
            cs, ce = clauses.clause(d.start)
            k = clauses.at(d.start)
            if k > 0 and clauses.ends[k - 1] in ":：" and not norm[cs:d.start].strip():
                # 下单时间：2026-11-01 — a form's label before its colon names the date's role
                cs = clauses.clauses[k - 1][0]
            near = [c for c in cues
                    if cs <= c.start and c.end <= ce
                    and (d.end <= c.start <= d.end + CUE_AFTER or d.start - CUE_BEFORE <= c.end - 1 < d.start)]
            if near:
                best = min(near, key=lambda c: c.start - d.end if c.start >= d.end else d.start - c.end)
                d = Entity(d.kind, d.text, d.value, d.start, d.end, best.label)
            out.append(d)
        return out
