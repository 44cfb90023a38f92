"""A run summed up for the audit report, one JSON-lines object at a time.

Everything here works from the dict a reason has in ``--format json-lines`` output
(:func:`reasonlint.report.json.reason_dict`, or a line read back from a saved run), so
``check --format html`` and ``reasonlint report`` take one path. Memory does not grow
with the number of reasons: counts are fixed tables, clusters of near-identical
reasons are kept by a counter of fixed capacity, and rows by a heap of the worst
``row_cap``.
"""
from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

VERDICTS = ("reject", "revise", "accept")          # worst first
VERDICT_RANK = {"accept": 0, "revise": 1, "reject": 2}
SEVERITIES = ("error", "warning", "info")
TEMPLATE_CODE = "RL101"   # template-phrase: its spans name the phrase of a cluster
ROW_CAP = 5000
ROW_TEXT = 600            # characters of a reason kept on a row; the rest is counted
ROW_FINDINGS = 20         # findings kept on a row; the rest are counted
MEMBER_TEXT = 200
FILE_CAP = 1000           # files counted one by one; the rest share one line
VALUE_CAP = 50            # distinct resolutions or channels counted
OTHER = "其他"

_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_NOT_WORD = re.compile(r"(?:[^\w#]|_)+")


def masked(text: str) -> str:
    """``text`` with numbers as ``#`` and without case, width, spaces or punctuation:
    two reasons with the same mask differ only in their order numbers, dates, amounts."""
    t = unicodedata.normalize("NFKC", text).lower()
    return _NOT_WORD.sub("", _NUMBER.sub("#", t))


def digest(key: str) -> int:
    # Stable across processes (a baseline and a later run name a cluster alike); 64 bits
    # make a collision among a few million keys a one-in-a-million event.
    raw = key.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Member:
    """A reason as a cluster shows it."""

    seq: int
    path: str
    line: int
    text: str
    score: int
    verdict: str


class Clusters:
    """How often each key occurs, in fixed memory (the space-saving algorithm, evicting
    in batches).

    At most ``2 * capacity`` keys are held; when full, all but the ``capacity`` most
    frequent are dropped. A key that arrives after a drop may have been dropped
    before, so it starts from the largest count dropped so far (:attr:`floor`) and
    records that as its possible overcount: its true count lies between
    ``count - over`` and ``count``, and any key not held occurred at most ``floor``
    times. Up to ``keep`` members are kept for keys surely seen at least twice.
    """

    def __init__(self, capacity: int = 50_000, keep: int = 5, with_members: int = 5_000) -> None:
        self.capacity = capacity
        self.keep = keep
        self.with_members = with_members
        self.count: dict[int, int] = {}
        self.over: dict[int, int] = {}
        self.members: dict[int, list[Member]] = {}
        self.label: dict[int, str] = {}
        self.floor = 0

    def add(self, key: str, member: Member) -> int:
        h = digest(key)
        n = self.count.get(h)
        if n is None:
            if len(self.count) >= 2 * self.capacity:
                self._shrink()
            n = self.floor
            if n:
                self.over[h] = n
        n += 1
        self.count[h] = n
        if n - self.over.get(h, 0) >= 2:   # surely seen twice: a cluster
            kept = self.members.get(h)
            if kept is None:
                if len(self.members) >= 2 * self.with_members:
                    self._shrink_members()
                kept = self.members[h] = []
                self.label[h] = key
            if len(kept) < self.keep:
                kept.append(member)
        return h

    def _shrink(self) -> None:
        keep = heapq.nlargest(self.capacity, self.count.items(), key=lambda kv: kv[1])
        held = dict(keep)
        self.floor = max([self.floor, *(n for h, n in self.count.items() if h not in held)])
        self.count = held
        self.over = {h: o for h, o in self.over.items() if h in held}
        for h in [h for h in self.members if h not in held]:
            del self.members[h], self.label[h]

    def _shrink_members(self) -> None:
        ranked = sorted(self.members, key=lambda h: self.count.get(h, 0), reverse=True)
        for h in ranked[self.with_members:]:
            del self.members[h], self.label[h]

    def top(self, n: int) -> list["Cluster"]:
        """The ``n`` largest keys surely seen at least twice, largest first."""
        ranked = heapq.nlargest(n, ((c, h) for h, c in self.count.items()
                                    if h in self.members and c - self.over.get(h, 0) >= 2))
        return [Cluster(h, self.label[h], c, self.over.get(h, 0), tuple(self.members[h])) for c, h in ranked]

    def size_of(self, h: int) -> tuple[int, int]:
        """(count, possible overcount) of a key; (0, 0) if never seen, or up to floor."""
        if h in self.count:
            return self.count[h], self.over.get(h, 0)
        return 0, self.floor

    def candidates(self) -> int:
        """Keys surely seen at least twice."""
        return sum(1 for h, c in self.count.items() if c - self.over.get(h, 0) >= 2)


@dataclass(frozen=True)
class Cluster:
    id: int
    key: str          # the phrase, or the masked text
    count: int
    over: int         # count may be this much too high (0: exact)
    members: tuple[Member, ...]


@dataclass(frozen=True)
class RowFinding:
    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    """A reason embedded in the report, with what it needs to be shown and filtered."""

    seq: int
    path: str
    line: int
    column: int
    key: Optional[str]
    text: str          # at most ROW_TEXT characters
    length: int        # of the whole text
    score: int
    verdict: str
    findings: tuple[RowFinding, ...]
    suggestion: str
    more_findings: int          # findings past ROW_FINDINGS, not kept
    cluster: int                # its masked text's cluster
    phrases: tuple[int, ...]    # the clusters of its template phrases


@dataclass
class RuleCount:
    code: str
    name: str
    severity: str
    findings: int = 0
    reasons: int = 0


@dataclass
class Aggregate:
    """Add reasons with :meth:`add`; read the figures off the attributes."""

    row_cap: int = ROW_CAP
    cluster_capacity: int = 50_000
    reasons: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    # scores[verdict][score]: the histogram, stacked by verdict
    scores: dict[str, list[int]] = field(default_factory=lambda: {v: [0] * 101 for v in VERDICTS})
    score_sum: int = 0
    severities: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    rules: dict[str, RuleCount] = field(default_factory=dict)
    files: dict[str, list[int]] = field(default_factory=dict)   # path -> [reasons, reject, revise, accept]
    other_files: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    resolutions: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)
    suppressed: int = 0
    suppressions: int = 0   # unused suppression comments (kind "suppression")
    with_findings: int = 0

    def __post_init__(self) -> None:
        self.texts = Clusters(self.cluster_capacity)
        self.phrases = Clusters(self.cluster_capacity)
        self._heap: list[tuple[tuple[int, int, int, int], Row]] = []

    # --- input ---------------------------------------------------------------------

    def add(self, record: dict[str, Any]) -> None:
        """One JSON-lines object: a ``reason``, or an unused ``suppression``."""
        if record.get("kind") == "suppression":
            self.suppressions += 1
            for f in record.get("findings") or ():
                self._rule(f).findings += 1
                self.severities[f.get("severity", "warning")] = self.severities.get(f.get("severity", "warning"), 0) + 1
            return
        seq = self.reasons
        self.reasons += 1
        verdict = record["verdict"]
        score = max(0, min(100, int(record["score"])))
        text: str = record.get("text") or ""
        path: str = record.get("path") or "-"
        line = int(record.get("line") or 0)
        findings = record.get("findings") or ()
        self.verdicts[verdict] += 1
        self.scores[verdict][score] += 1
        self.score_sum += score
        self.suppressed += int(record.get("suppressed") or 0)
        self._file(path, verdict)
        _bump(self.resolutions, str(record.get("resolution")))
        _bump(self.channels, str(record.get("channel")))
        if findings:
            self.with_findings += 1
        seen: set[str] = set()
        phrases: list[str] = []
        for f in findings:
            rc = self._rule(f)
            rc.findings += 1
            if rc.code not in seen:
                seen.add(rc.code)
                rc.reasons += 1
            sev = f.get("severity", "warning")
            self.severities[sev] = self.severities.get(sev, 0) + 1
            if rc.code == TEMPLATE_CODE:
                phrase = unicodedata.normalize("NFKC", _span(text, f)).strip()
                if phrase and phrase not in phrases:
                    phrases.append(phrase)
        member = Member(seq, path, line, text[:MEMBER_TEXT], score, verdict)
        cluster = self.texts.add(masked(text), member)
        ids = tuple(self.phrases.add(p, member) for p in phrases)
        self._row(seq, record, text, path, line, score, verdict, findings, cluster, ids)

    def _rule(self, f: dict[str, Any]) -> RuleCount:
        code = str(f.get("code"))
        rc = self.rules.get(code)
        if rc is None:
            rc = self.rules[code] = RuleCount(code, str(f.get("name") or ""), str(f.get("severity") or "warning"))
        return rc

    def _file(self, path: str, verdict: str) -> None:
        counts = self.files.get(path)
        if counts is None:
            if len(self.files) < FILE_CAP:
                counts = self.files[path] = [0, 0, 0, 0]
            else:
                counts = self.other_files
        counts[0] += 1
        counts[1 + VERDICTS.index(verdict)] += 1

    def _row(self, seq: int, record: dict[str, Any], text: str, path: str, line: int, score: int,
             verdict: str, findings: Any, cluster: int, phrases: tuple[int, ...]) -> None:
        if self.row_cap <= 0:
            return
        # Worse is larger: the verdict, then a lower score, more findings, an earlier reason.
        badness = (VERDICT_RANK[verdict], -score, len(findings), -seq)
        heap = self._heap
        if len(heap) >= self.row_cap and badness <= heap[0][0]:
            return
        row = Row(seq, path, line, int(record.get("column") or 0), record.get("key"),
                  text[:ROW_TEXT], len(text), score, verdict,
                  tuple(_row_finding(f) for f in findings[:ROW_FINDINGS]),
                  str(record.get("suggestion") or "")[:ROW_TEXT],
                  max(0, len(findings) - ROW_FINDINGS), cluster, phrases)
        if len(heap) < self.row_cap:
            heapq.heappush(heap, (badness, row))
        else:
            heapq.heapreplace(heap, (badness, row))

    # --- output --------------------------------------------------------------------

    def rows(self) -> list[Row]:
        """The embedded rows, worst first."""
        return [row for _, row in sorted(self._heap, reverse=True)]

    def left_out(self) -> dict[str, int]:
        """Reasons not embedded, by verdict."""
        shown = dict.fromkeys(VERDICTS, 0)
        for _, row in self._heap:
            shown[row.verdict] += 1
        return {v: self.verdicts[v] - shown[v] for v in VERDICTS}

    def rule_table(self) -> list[RuleCount]:
        """Rules by number of findings, most first (ruff's ``--statistics`` order)."""
        return sorted(self.rules.values(), key=lambda r: (-r.findings, r.code))

    def histogram(self, width: int = 5) -> list[tuple[int, int, dict[str, int]]]:
        """(low, high, counts by verdict) per bin of ``width`` scores; 100 joins the last."""
        bins = []
        for low in range(0, 100, width):
            high = min(low + width - 1, 99)
            if high == 99:
                high = 100
            counts = {v: sum(self.scores[v][low:high + 1]) for v in VERDICTS}
            bins.append((low, high, counts))
        return bins

    def mean_score(self) -> float:
        return self.score_sum / self.reasons if self.reasons else 0.0

    def clusters(self, n: int = 100) -> list[tuple[str, Cluster]]:
        """The ``n`` largest clusters of both kinds (``text`` or ``phrase``), largest first."""
        both = [("phrase", c) for c in self.phrases.top(n)] + [("text", c) for c in self.texts.top(n)]
        both.sort(key=lambda kc: (-kc[1].count, kc[0], kc[1].key))
        return both[:n]

    def cluster_candidates(self) -> int:
        return self.phrases.candidates() + self.texts.candidates()


def _bump(counts: dict[str, int], key: str) -> None:
    if key in counts or len(counts) < VALUE_CAP:
        counts[key] = counts.get(key, 0) + 1
    else:
        counts[OTHER] = counts.get(OTHER, 0) + 1


def _span(text: str, f: dict[str, Any]) -> str:
    start, end = f.get("start"), f.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return ""
    return text[max(0, start):max(0, end)]


def _row_finding(f: dict[str, Any]) -> RowFinding:
    start, end = f.get("start"), f.get("end")
    return RowFinding(str(f.get("code")), str(f.get("name") or ""), str(f.get("severity") or "warning"),
                      str(f.get("message") or "")[:ROW_TEXT], start if isinstance(start, int) else 0,
                      end if isinstance(end, int) else 0)


@dataclass(frozen=True)
class Comparison:
    """What changed since a baseline run; shares and rates make runs of any size compare."""

    # verdict, baseline count, its share, current count, its share
    verdicts: list[tuple[str, int, float, int, float]]
    mean: tuple[float, float]
    # code, name, severity, baseline findings per 100 reasons, current ones, counts
    rules: list[tuple[str, str, str, float, float, int, int]]
    # kind, current cluster, its size in the baseline, that size's possible overcount
    clusters: list[tuple[str, Cluster, int, int]]
    # kind, baseline cluster, its size now: the baseline's largest that shrank most
    shrunk: list[tuple[str, Cluster, int]]


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def compare(current: Aggregate, baseline: Aggregate, clusters: int = 20) -> Comparison:
    verdicts = [(v, baseline.verdicts[v], _share(baseline.verdicts[v], baseline.reasons),
                 current.verdicts[v], _share(current.verdicts[v], current.reasons)) for v in VERDICTS]
    rules = []
    for code in sorted(set(current.rules) | set(baseline.rules)):
        cur, base = current.rules.get(code), baseline.rules.get(code)
        known = cur or base
        assert known is not None
        nc, nb = cur.findings if cur else 0, base.findings if base else 0
        rules.append((code, known.name, known.severity, 100 * _share(nb, baseline.reasons),
                      100 * _share(nc, current.reasons), nb, nc))
    rules.sort(key=lambda r: (-abs(r[4] - r[3]), r[0]))
    counters = {"text": (current.texts, baseline.texts), "phrase": (current.phrases, baseline.phrases)}
    grown = [(kind, c, *counters[kind][1].size_of(c.id)) for kind, c in current.clusters(clusters)]
    shrunk = []
    for kind, c in baseline.clusters(clusters):
        now = counters[kind][0].size_of(c.id)[0]
        if _share(now, current.reasons) < _share(c.count, baseline.reasons):
            shrunk.append((kind, c, now))
    return Comparison(verdicts, (baseline.mean_score(), current.mean_score()), rules, grown, shrunk)


def aggregate(records: Iterable[dict[str, Any]], **options: Any) -> Aggregate:
    agg = Aggregate(**options)
    for record in records:
        agg.add(record)
    return agg
