"""Entities: identifiers, dates, amounts, evidence, placeholders, channel mentions.

Everything runs on the normalised text (same positions as the original). Order of
work matters: placeholders first, then labelled identifiers, so that the digits of
``订单号20261103001`` are never read as a date and ``订单号XXX`` is a slot, not an id.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterable, Optional

from . import numerals
from .clauses import split_sentences
from .lexicon import Lexicon
from .model import Entity
from .phrases import Match, PhraseMatcher, Scan, Scanner, drop_overlaps, required_chars, sections

_SEP = r"[\s:：#=＃]*(?:是|为|:|：)?[\s:：#=]*"
_ID = r"(?P<id>[A-Za-z]{0,8}[-_]?[0-9][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)"
_LABELLED_ID = re.compile(_SEP + _ID)
# The lookahead first: a position that holds no letter or digit fails in one test.
_BARE_NUMBER = re.compile(r"(?=[A-Za-z0-9])(?<![A-Za-z0-9_.\-/])[A-Za-z]{0,6}[0-9][A-Za-z0-9]*(?:-[0-9]+)?(?![A-Za-z0-9_])")
_PHONE = re.compile(r"1[3-9][0-9]{9}")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

_CN = numerals.NUMERAL_CHARS


def _gated(*patterns: "re.Pattern[str]") -> tuple[tuple["re.Pattern[str]", tuple[frozenset[str], ...]], ...]:
    # Each pattern with the characters it cannot match without: most texts lack some
    # (年, 月, 元 …), and a set test is far cheaper than a scan.
    return tuple((p, required_chars(p.pattern)) for p in patterns)

_DATE_PATTERNS = _gated(
    # 2026年11月3日, 2026-11-03, 2026/11/03, 2026.11.03
    re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]?"),
    re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)[0-9]{2})(?P<s>[-/.])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})(?![0-9])"),
    # 11月3日, 11月3号
    re.compile(r"(?<![0-9])(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]"),
    # 十一月三日, 二〇二六年十一月三号
    re.compile(rf"(?:(?P<cy>[{_CN}]{{4}})年)?(?P<cm>[{_CN}]{{1,3}})月(?P<cd>[{_CN}]{{1,3}})[日号]"),
    # 11-03 (not part of an id such as 20261106-0032)
    re.compile(r"(?<![0-9A-Za-z./\-])(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![0-9A-Za-z/.\-])"),
    # 11/3, 11.3 (not part of a longer number, not an amount)
    re.compile(r"(?<![0-9A-Za-z./\-])(?P<m>[0-9]{1,2})(?P<s>[/.])(?P<d>[0-9]{1,2})(?![0-9/.]|\s*(?:元|块|万|%|折|倍|小时|rmb|RMB))"),
)
# Longer numbers are not amounts: no float overflow, no inf in the JSON output.
MAX_AMOUNT = 10 ** 15
MAX_NUMERAL = 30
_AMOUNT_PATTERNS = _gated(
    re.compile(r"(?:[¥￥]|RMB|rmb|人民币)\s*(?P<n>[0-9][0-9,]*(?:\.[0-9]+)?)"),
    re.compile(r"(?<![0-9A-Za-z.])(?P<n>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<wan>万)?(?:元|块钱|块|圆|rmb|RMB)"),
    # Starts only at the start of a run: no quadratic retries inside a long one.
    re.compile(rf"(?<![0-9.{_CN}])(?P<c>[{_CN}]+)\s*(?:元|块钱|块|圆)"),
    # 已退款50, 退了30：a bare number right after a refund verb is money
    re.compile(r"(?P<lead>退款|退了|退回|退还|赔付|补偿|赔偿)\s*(?P<n>[0-9]+(?:\.[0-9]{1,2})?)(?![0-9A-Za-z月日号年/.\-:：])"),
)


@dataclass
class Extraction:
    """What the extractor found, beyond the entities list itself."""

    entities: list[Entity] = field(default_factory=list)
    relative_dates: list[Match] = field(default_factory=list)
    templates: list[Match] = field(default_factory=list)
    consent: list[Match] = field(default_factory=list)
    written: list[Match] = field(default_factory=list)
    oral: list[Match] = field(default_factory=list)
    venues: list[Match] = field(default_factory=list)


class Extractor:
    def __init__(self, lex: dict[str, Lexicon], scanner: Optional[Scanner] = None) -> None:
        scanner = scanner or Scanner()

        ph = lex["placeholders"]
        self._named = PhraseMatcher(sections(ph, ["named_forms"]), scanner)
        self._date_ph = PhraseMatcher(sections(ph, ["date_forms"]), scanner)
        self._amount_ph = PhraseMatcher(sections(ph, ["amount_forms"]), scanner)
        self._bare_ph = PhraseMatcher(sections(ph, ["bare_forms"]), scanner)
        self._slot_words = {k.lower(): v for k, v in ph.mapping("slot_words").items()}
        ids = lex["identifiers"]
        self._labels = PhraseMatcher(sections(ids, ["order_id", "complaint_id", "tracking_no", "other_number"]), scanner)
        self._tracking_prefixes = tuple(sorted(ids.words("tracking_prefix"), key=len, reverse=True))
        self._evidence = PhraseMatcher(sections(lex["evidence"], ["evidence"]), scanner)
        self._relative = PhraseMatcher(sections(lex["dates"], ["relative"]), scanner)
        self._templates = PhraseMatcher(sections(lex["templates"], ["template"]), scanner)
        ch = lex["channels"]
        self._channels = PhraseMatcher(sections(ch, ["third_party", "payment", "platform"]), scanner)
        self._complaint_words = PhraseMatcher(sections(ch, ["complaint_words"]), scanner)
        self._consent = PhraseMatcher(sections(ch, ["consent"]), scanner)
        self._written = PhraseMatcher(sections(ch, ["written"]), scanner)
        self._oral = PhraseMatcher(sections(ch, ["oral"]), scanner)

    # -- placeholders -----------------------------------------------------------------
    def _slot_of(self, word: str, exact: bool = False) -> str:
        """Slot named by a placeholder's inside; ``exact`` for brackets that also hold prose."""
        w = re.sub(r"^(请输入|请填写|请填|填写|待填)", "", word.strip().lower().lstrip("$"))
        if w in self._slot_words:
            return self._slot_words[w]
        if exact and "填" not in word:
            return "unknown"
        for key in sorted(self._slot_words, key=len, reverse=True):
            if key in w:
                return self._slot_words[key]
        return "unknown"

    def _label_before(self, norm: str, start: int) -> str:
        """Slot named by an identifier label right before ``start`` (订单号XXX)."""
        window = norm[max(0, start - 8):start]
        best = None
        for m in self._labels.find(window):
            if m.label != "other_number" and not window[m.end:].strip(" :：#=是为"):
                best = m
        return best.label if best else ""

    def _placeholders(self, text: str, scan: Scan) -> list[Entity]:
        norm = scan.text
        found: list[tuple[int, int, str]] = []
        for m in self._named.find(scan):
            inner = re.sub(r"^\$?[{【（(<\[]\s*|\s*[}】）)>\]]$", "", m.text)
            braces = m.text.lstrip("$").startswith("{")
            slot = self._slot_of(inner, exact=not braces)
            if not braces and slot == "unknown" and "填" not in inner:
                continue  # 【重要】, (原神) and the like are not slots
            found.append((m.start, m.end, slot))
        for m in self._date_ph.find(scan):
            found.append((m.start, m.end, "date"))
        for m in self._amount_ph.find(scan):
            found.append((m.start, m.end, "amount"))
        for m in self._bare_ph.find(scan):
            after = norm[m.end:m.end + 2]
            slot = self._label_before(norm, m.start) or ("amount" if after[:1] in "元块" else "unknown")
            found.append((m.start, m.end, slot))
        ents = [Entity("placeholder", text[s:e], slot, s, e) for s, e, slot in found]
        return _no_overlap(ents)

    # -- identifiers ------------------------------------------------------------------
    def _identifiers(self, text: str, scan: Scan, blocked: Spans) -> list[Entity]:
        norm = scan.text
        ents: list[Entity] = []
        for m in self._labels.find(scan):
            mm = _LABELLED_ID.match(norm, m.end)
            if not mm or blocked.overlaps(mm.start("id"), mm.end("id")):
                continue
            s, e = mm.start("id"), mm.end("id")
            value = norm[s:e]
            if sum(map(str.isdigit, value)) < 3 or len(value) < 4:
                continue
            if m.label == "other_number":
                blocked.add(s, e)
                continue
            ents.append(Entity(m.label, text[s:e], value, s, e))
            blocked.add(s, e)
        return ents

    def _bare_numbers(self, text: str, norm: str, blocked: Spans) -> list[Entity]:
        ents: list[Entity] = []
        for m in _BARE_NUMBER.finditer(norm):
            s, e = m.span()
            value = m.group()
            digits = sum(map(str.isdigit, value))
            if digits < 8 or blocked.overlaps(s, e) or _PHONE.fullmatch(value):
                continue
            prefix = value[:len(value) - len(value.lstrip(_LETTERS))]
            if prefix and prefix.upper() in self._tracking_prefixes:
                ents.append(Entity("tracking_no", text[s:e], value, s, e))
            else:
                ents.append(Entity("order_id", text[s:e], value, s, e))
            blocked.add(s, e)
        return ents

    # -- dates and amounts ------------------------------------------------------------
    def _dates(self, text: str, scan: Scan, blocked: Spans) -> list[Entity]:
        norm, chars = scan.text, scan.chars
        ents: list[Entity] = []
        for pattern, need in _DATE_PATTERNS:
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
                if mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
                    continue
                value = f"{y:04d}-{mo:02d}-{d:02d}" if y else f"{mo:02d}-{d:02d}"
                ents.append(Entity("date", text[s:e], value, s, e))
                blocked.add(s, e)
        return ents

    def _amounts(self, text: str, scan: Scan, blocked: Spans) -> list[Entity]:
        norm, chars = scan.text, scan.chars
        ents: list[Entity] = []
        for pattern, need in _AMOUNT_PATTERNS:
            if any(map(chars.isdisjoint, need)):
                continue
            for m in pattern.finditer(norm):
                s, e = m.span()
                if m.groupdict().get("lead"):  # the verb before the number is not the amount
                    s = m.start("n")
                if blocked.overlaps(s, e):
                    continue
                if m.groupdict().get("c") is not None:
                    # A run this long is no sum of money (and int() refuses 4,300+ digits).
                    n = numerals.parse(m.group("c")) if len(m.group("c")) <= MAX_NUMERAL else None
                    if n is None or m.group("c") in ("一", "两") and norm[e:e + 1] in ("儿", "卡"):
                        continue
                    number: float = n
                else:
                    raw = m.group("n").replace(",", "")
                    try:
                        number = float(raw)
                    except ValueError:
                        continue
                if m.groupdict().get("wan"):  # 1.2万元
                    number = float(number) * 10000
                if not number < MAX_AMOUNT:  # also inf: float() overflows, JSON has no inf
                    continue
                value = int(number) if float(number).is_integer() else round(float(number), 2)
                ents.append(Entity("amount", text[s:e], value, s, e))
                blocked.add(s, e)
        return ents

    # -- channels ---------------------------------------------------------------------
    def _venues(self, scan: Scan) -> list[Match]:
        """Channel names used as the place a complaint was filed (same sentence as 投诉 …)."""
        named = self._channels.find(scan)
        if not named:
            return []
        clauses = split_sentences(scan.text)
        complaint_at = [m.start for m in self._complaint_words.find(scan)]
        venues = []
        for m in named:
            cs, ce = next(((s, e) for s, e in clauses if s <= m.start < e), (0, len(scan.text)))
            if m.label == "third_party" or any(cs <= p < ce for p in complaint_at):
                venues.append(m)
        return venues

    def extract(self, text: str, scan: Scan) -> Extraction:
        """Entities of ``text``, found in the scan of its normalised form."""
        norm = scan.text
        placeholders = self._placeholders(text, scan)
        blocked = Spans((p.start, p.end) for p in placeholders)
        ids = self._identifiers(text, scan, blocked)
        dates = self._dates(text, scan, blocked)
        amounts = self._amounts(text, scan, blocked)
        bare = self._bare_numbers(text, norm, blocked)
        evidence = [Entity("evidence", text[m.start:m.end], norm[m.start:m.end], m.start, m.end)
                    for m in self._evidence.find(scan)]
        venues = self._venues(scan)
        channels = [Entity("channel", text[m.start:m.end], m.label, m.start, m.end) for m in venues]
        date_spans = Spans((d.start, d.end) for d in dates)
        return Extraction(
            entities=sorted(placeholders + ids + bare + dates + amounts + evidence + channels,
                            key=lambda e: (e.start, e.end, e.kind)),
            relative_dates=[m for m in self._relative.find(scan) if not date_spans.overlaps(m.start, m.end)],
            templates=self._templates.find(scan),
            consent=self._consent.find(scan),
            written=self._written.find(scan),
            oral=self._oral.find(scan),
            venues=venues,
        )


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


def _no_overlap(ents: list[Entity]) -> list[Entity]:
    if len(ents) < 2:
        return ents
    keep = drop_overlaps([Match(e.start, e.end, str(i), "") for i, e in enumerate(ents)])
    return [ents[int(m.label)] for m in keep]
