"""Where the complaint was filed: channel names used as a complaint venue.

A channel name counts when its sentence speaks of a complaint (支付宝投诉, 在微信支付那边
申诉); third-party sites (黑猫投诉, 12315, 消协) always do, unless the reason says it
was not used (差点就去12315了, 本来想投诉到黑猫).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..clauses import Clauses
from ..lexicon import Lexicon
from ..model import Entity
from ..normalize import Text
from ..phrases import Match, PhraseMatcher, Scan, Scanner, sections
from ..regexes import compiled

CHANNELS = ("third_party", "payment", "platform")
NOT_FILED_WINDOW = 8
# Where a complaint word makes a channel name a venue: up to a comma, not a 、 (a list
# such as 卡盟平台、微信支付、黑猫投诉都投诉了 stays one piece).
_PIECE = compiled(r"[^，,。;；!！?？\n\r]+")


class ChannelFinder:
    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        ch = lex["channels"]
        self._channels = PhraseMatcher(sections(ch, list(CHANNELS)), scanner)
        self._complaint_words = PhraseMatcher(sections(ch, ["complaint_words"]), scanner)
        self._not_filed = PhraseMatcher(sections(ch, ["not_filed"]), scanner)

    def find(self, text: Text, scan: Scan, clauses: Clauses) -> list[Entity]:
        named = self._channels.find(scan)
        if not named:
            return []
        complaint_at = [m.start for m in self._complaint_words.find(scan)]
        not_filed = self._not_filed.find(scan)
        pieces = [p.span() for p in _PIECE.finditer(scan.text)]
        venues: list[Entity] = []
        for m in named:
            k = bisect_right(pieces, (m.start, 1 << 62)) - 1
            ss, se = pieces[k] if k >= 0 else (m.start, m.end)
            if self._unused(m, not_filed, clauses):
                continue
            i = bisect_left(complaint_at, ss)
            spoken_of = i < len(complaint_at) and complaint_at[i] < se
            if m.label == "third_party" or spoken_of:
                venues.append(Entity("channel", text.shown(m.start, m.end), m.label, m.start, m.end))
        return venues

    @staticmethod
    def _unused(m: Match, not_filed: list[Match], clauses: Clauses) -> bool:
        cs, _ = clauses.clause(m.start)
        return any(cs <= n.start and n.end <= m.start and m.start - n.end <= NOT_FILED_WINDOW for n in not_filed)
