"""Entities: placeholders, identifiers, dates, amounts, evidence, channels and set phrases.

Everything is found in the normalised text; positions are normalised positions (the
linter maps them back to the original at the end) and each entity's ``text`` is what
the original says there. Order of work matters: placeholders first, then labelled
identifiers, so that the digits of ``订单号20261103001`` are never read as a date and
``订单号XXX`` is a slot, not an id.
"""
from __future__ import annotations

from typing import NamedTuple

from ..clauses import Clauses
from ..lexicon import Lexicon
from ..model import Entity
from ..normalize import Text
from ..phrases import Match, PhraseMatcher, Scan, Scanner, sections
from .amounts import AmountFinder
from .channels import ChannelFinder
from .dates import DateFinder
from .evidence import EvidenceFinder, Polarity
from .identifiers import IdentifierFinder, label_matcher
from .placeholders import PlaceholderFinder
from .spans import Spans

__all__ = ["Entities", "Extractor"]


class Entities(NamedTuple):
    """What the extractor found in one reason; positions index the normalised text."""

    placeholders: tuple[Entity, ...]
    identifiers: tuple[Entity, ...]    # order_id, complaint_id and tracking_no
    dates: tuple[Entity, ...]
    impossible_dates: tuple[Match, ...]
    amounts: tuple[Entity, ...]
    evidence: tuple[Entity, ...]
    channels: tuple[Entity, ...]       # channel names used as a complaint venue
    relative_dates: tuple[Match, ...]
    templates: tuple[Match, ...]
    consent: tuple[Match, ...]
    written: tuple[Match, ...]
    oral: tuple[Match, ...]
    agreement_named: bool              # a written settlement is spoken of, signed or not

    def of(self, kind: str) -> tuple[Entity, ...]:
        if kind in ("order_id", "complaint_id", "tracking_no"):
            return tuple(e for e in self.identifiers if e.kind == kind)
        return {"placeholder": self.placeholders, "date": self.dates, "amount": self.amounts,
                "evidence": self.evidence, "channel": self.channels}.get(kind, ())

    def listed(self) -> list[Entity]:
        """Every entity, in text order."""
        return sorted((*self.placeholders, *self.identifiers, *self.dates, *self.amounts,
                       *self.evidence, *self.channels), key=lambda e: (e.start, e.end, e.kind))


# After 签, what tells the signing as done: 签了, 签好, 签过, 签完.
_SIGNED_TAIL = frozenset("了好过完")


class Extractor:
    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        labels = label_matcher(lex, scanner)
        self._placeholders = PlaceholderFinder(lex, labels, scanner)
        self._identifiers = IdentifierFinder(lex, labels)
        self._dates = DateFinder(lex, scanner)
        self._amounts = AmountFinder(lex, scanner)
        self._polarity = Polarity(lex, scanner)
        self._evidence = EvidenceFinder(lex, self._polarity, scanner)
        self._channels = ChannelFinder(lex, scanner)
        self._relative = PhraseMatcher(sections(lex["dates"], ["relative"]), scanner)
        self._templates = PhraseMatcher(sections(lex["templates"], ["template"]), scanner)
        ch = lex["channels"]
        self._consent = PhraseMatcher(sections(ch, ["consent"]), scanner)
        self._written = PhraseMatcher(sections(ch, ["written"]), scanner)
        self._oral = PhraseMatcher(sections(ch, ["oral"]), scanner)
        self._unsigned_before = tuple(ch.words("unsigned_before"))
        self._unsigned_after = PhraseMatcher(sections(ch, ["unsigned_after"]), scanner)
        self._unsigned_future = tuple(ch.words("unsigned_future"))
        # the documents a settlement is written in (和解书): not evidence of one unsigned
        self._agreement_words = frozenset(lex["evidence"].words("agreements")) | frozenset(ch.words("written"))

    def _settled(self, signed: tuple[Match, ...], scan: Scan, clauses: Clauses) -> tuple[Match, ...]:
        """The agreements neither only promised (商家答应签和解协议) nor unsigned yet
        (协议发给我了，我还没签)."""
        if not signed:
            return signed
        unsigned_at = [u.start for u in self._unsigned_after.find(scan)]
        out = []
        for m in signed:
            cs, _ = clauses.clause(m.start)
            lead = scan.text[cs:m.start]
            if any(w in lead for w in self._unsigned_before) or any(p >= m.end for p in unsigned_at) \
                    or self._to_be_signed(lead):
                continue
            out.append(m)
        return tuple(out)

    def _to_be_signed(self, lead: str) -> bool:
        """答应下周一跟我签: a signing verb after a promise or a time to come, not told as done."""
        for w in self._unsigned_future:
            at = lead.find(w)
            if at < 0:
                continue
            sign = lead.find("签", at + len(w))
            if sign >= 0 and lead[sign + 1:sign + 2] not in _SIGNED_TAIL and "已" not in lead[at:sign]:
                return True
        return False

    def extract(self, text: Text, scan: Scan, clauses: Clauses) -> Entities:
        placeholders = self._placeholders.find(text, scan)
        blocked = Spans((p.start, p.end) for p in placeholders)
        identifiers = self._identifiers.find(text, scan, clauses, blocked)
        dates, impossible = self._dates.find(text, scan, clauses, blocked)
        amounts = self._amounts.find(text, scan, clauses, blocked)
        taken = Spans((d.start, d.end) for d in dates)
        markers = self._polarity.markers(scan)
        written = self._written.find(scan)

        def affirmed(found: list[Match]) -> tuple[Match, ...]:
            # 没点同意协商, 和解协议还没签: named, but not there
            return tuple(m for m in found if not self._polarity.role(m, scan.text, markers, clauses))

        signed = affirmed(written)
        settled = self._settled(signed, scan, clauses)
        evidence = self._evidence.find(text, scan, clauses, markers)
        if signed and not settled:
            # 和解书发给我了，我还没签: the document is there, the settlement is not
            evidence = [Entity(e.kind, e.text, e.value, e.start, e.end, "unsigned")
                        if not e.role and e.value in self._agreement_words else e for e in evidence]
        return Entities(
            placeholders=tuple(placeholders),
            identifiers=tuple(sorted(identifiers, key=lambda e: e.start)),
            dates=tuple(sorted(dates, key=lambda e: e.start)),
            impossible_dates=tuple(impossible),
            amounts=tuple(sorted(amounts, key=lambda e: e.start)),
            evidence=tuple(evidence),
            channels=tuple(self._channels.find(text, scan, clauses)),
            relative_dates=tuple(m for m in self._relative.find(scan) if not taken.overlaps(m.start, m.end)),
            templates=tuple(self._templates.find(scan)),
            consent=affirmed(self._consent.find(scan)),
            written=settled,
            # 不是口头和解; 起初只是口头答应，后来签了书面和解协议: denied, or a written one came after
            oral=tuple(o for o in affirmed(self._oral.find(scan)) if not any(w.start > o.start for w in settled)),
            agreement_named=bool(written),
        )
