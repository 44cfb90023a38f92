"""Actions and their polarity, the main resolution and the complaint channel.

A resolution phrase (补发, 退款, 到账 …) is an *action*. Its polarity is decided on
the tokens of its clause: negators before it (within a short window) toggle it,
a double negative (不是没有) affirms it, a promise, condition or pending marker
makes it *promised*, a failure after it in its clause (补发的卡密还是无效) undoes
it, and a contrast or completion word (但, 现已, 已经) ends the scope of what came
before. So 商家未按时发货，但已于11月5日补发 is completed and
商家没说不退，但钱还没到账 is not.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple, Optional

from .lexicon import Lexicon
from .model import Entity
from .phrases import Match, PhraseMatcher, Scan, Scanner, sections
from .tokenize import Tokens

RESOLUTION_TYPES = ("reshipped", "delivered", "refunded", "exchanged", "settled", "user_error")
# When several completed actions are present, the first in this order is the main one.
PRIORITY = ("user_error", "settled", "refunded", "exchanged", "reshipped", "delivered")
NEGATION_WINDOW = 10   # characters between a negator and the action it negates
TRAILING_WINDOW = 3    # 退款还没到账: a negator just after the action's noun
# However long a clause without punctuation, no marker further back than this governs
# an action: it keeps the work per action bounded.
SCOPE_LOOKBACK = 100
CHANNEL_PRIORITY = ("third_party", "payment", "platform")
# Resolutions that a failure after them undoes: goods that do not work, money sent back.
FAILS = frozenset({"reshipped", "delivered", "exchanged", "refunded"})
COORDINATORS = "和与及或、也 以"


class Action(NamedTuple):
    # A tuple, not a dataclass: a few are made for every reason.
    type: str          # a resolution type or "vague"
    polarity: str      # "done", "negated" or "promised"
    start: int
    end: int
    text: str

    @property
    def concrete(self) -> bool:
        return self.type != "vague"


class Classifier:
    def __init__(self, lex: dict[str, Lexicon], scanner: Optional[Scanner] = None) -> None:
        scanner = scanner or Scanner()

        res = lex["resolutions"]
        self._actions = PhraseMatcher(sections(res, [*RESOLUTION_TYPES, "vague", "not_action"]), scanner)
        self._arrival = set(res.words("arrival"))
        self._modifier_heads = tuple(sorted(res.words("modifier_heads"), key=len, reverse=True))
        self._markers = PhraseMatcher(
            sections(lex["negation"], ["double", "negator", "failure", "scope_break", "not_negation"])
            + sections(lex["promise"], ["promise", "pending", "condition", "not_promise"]),
            scanner,
        )
        comp = lex["complaints"]
        self._issues = PhraseMatcher(
            [(name[len("issue_"):], e) for name in comp.sections if name.startswith("issue_")
             for e in comp.entries(name)],
            scanner,
        )
        self._answers = {k: set(v.split()) for k, v in comp.mapping("answers").items()}

    # -- actions ----------------------------------------------------------------------
    def actions(self, scan: Scan, tokens: Tokens, clauses: list[tuple[int, int]]) -> list[Action]:
        norm = scan.text
        # A one-character marker or action counts only where jieba starts a word with it.
        is_start = tokens.is_start
        markers = [m for m in self._markers.find(scan)
                   if m.label not in ("not_negation", "not_promise") and (len(m.text) > 1 or is_start(m.start))]
        # Markers and clauses come in text order: each action looks only at its own.
        marker_starts = [m.start for m in markers]
        longest = max((m.end - m.start for m in markers), default=0)
        clause_starts = [s for s, _ in clauses]
        out: list[Action] = []
        prev: Optional[Action] = None
        for m in self._actions.find(scan):
            if m.label == "not_action" or (len(m.text) == 1 and not is_start(m.start)):
                continue
            if norm.startswith(self._modifier_heads, m.end):
                continue  # 退款金额, 发货单号: a noun modifier, not an action
            k = bisect_right(clause_starts, m.start) - 1
            clause = clauses[k] if k >= 0 and m.start < clauses[k][1] else (0, len(norm))
            if prev is not None and prev.start < clause[0]:
                prev = None
            lo = max(clause[0], m.start - SCOPE_LOOKBACK)
            near = markers[bisect_left(marker_starts, min(lo, m.start - longest)):
                           bisect_left(marker_starts, min(clause[1], m.end + SCOPE_LOOKBACK))]
            polarity = self._polarity(m, (lo, clause[1]), near, prev, norm)
            prev = Action(m.label, polarity, m.start, m.end, m.text)
            out.append(prev)
        return self._arrivals_of_refunds(out, norm)

    def _polarity(self, action: Match, clause: tuple[int, int], markers: list[Match],
                  prev: Optional[Action], norm: str) -> str:
        """``markers`` holds at least those that start in ``clause`` or contain the action."""
        cs, ce = clause
        # a marker may share characters with the action (等到|到账): its start decides
        before = [m for m in markers if cs <= m.start < action.start and m.end <= action.end]
        for i in range(len(before) - 1, -1, -1):
            if before[i].label == "scope_break":
                before = before[i + 1:]
                break
        # A negator governs only up to the next action: 没有补发也没有退款 has two.
        seg_start = max(prev.end, cs) if prev is not None else cs
        negated = promised = False
        for m in before:
            if m.label == "negator" and m.start >= seg_start and action.start - m.end <= NEGATION_WINDOW:
                negated = not negated
            elif m.label == "double" and m.start >= seg_start:
                negated = False
            elif m.label in ("promise", "pending", "condition"):
                promised = True
        if prev is not None and prev.polarity == "negated" and not any(
                m.start >= seg_start and m.label in ("negator", "double") for m in before):
            # 没有补发和退款: the negation carries over a bare coordination
            if not norm[prev.end:action.start].strip(COORDINATORS):
                negated = True
        for m in markers:
            # 退款中, 申请退款, 退款申请: a pending marker that contains the action
            if m.label == "pending" and m.start <= action.start and action.end <= m.end:
                promised = True
            # 补发的卡密还是无效: a failure after a delivery, same clause, or one that
            # contains the action (激活失败)
            elif m.label == "failure" and action.label in FAILS and (
                    action.end <= m.start < ce or m.start <= action.start < m.end):
                negated = True
            # 退款还没到账, 补发处理中: a marker right after the action, same clause
            elif action.end <= m.start < min(ce, action.end + TRAILING_WINDOW):
                if m.label == "negator":
                    negated = True
                elif m.label == "pending":
                    promised = True
        if negated:
            return "negated"
        return "promised" if promised else "done"

    def _arrivals_of_refunds(self, actions: list[Action], norm: str) -> list[Action]:
        """到账 after a refund (退款迟迟未到账，现已全额到账) is the refund arriving.

        A refund whose arrival is then denied (已经退款了，但是钱还没到账) is not
        complete: it counts as pending, the trap of withdrawing before the money is in.
        """
        out: list[Action] = []
        last_other: Optional[Action] = None
        for a in actions:
            if a.type == "delivered" and a.text in self._arrival:
                lead = norm[max(0, a.start - 3):a.start]
                if (last_other is not None and last_other.type == "refunded") or any(
                        w in lead for w in ("款", "钱", "全额")):
                    a = Action("refunded", a.polarity, a.start, a.end, a.text)
                    if a.polarity != "done":
                        out = [x._replace(polarity="promised") if x.type == "refunded" and x.polarity == "done"
                               and x.text not in self._arrival else x for x in out]
            elif a.concrete:
                last_other = a
            out.append(a)
        return out

    # -- resolution and channel -------------------------------------------------------
    @staticmethod
    def resolution(actions: list[Action]) -> str:
        done = {a.type for a in actions if a.polarity == "done" and a.concrete}
        return next((t for t in PRIORITY if t in done), "none")

    def complaint_issues(self, complaint_norm: str) -> set[str]:
        return {m.label for m in self._issues.find(complaint_norm)}

    def answers(self, issues: set[str], actions: list[Action]) -> Optional[bool]:
        """Whether the completed actions answer the complaint; None if it can't be told."""
        done = {a.type for a in actions if a.polarity == "done" and a.concrete}
        if not issues or not done:
            return None
        return any(done & self._answers.get(issue, set(RESOLUTION_TYPES)) for issue in issues)

    @staticmethod
    def channels(entities: list[Entity], given: Optional[str]) -> tuple[str, set[str]]:
        """(the channel, every channel the text names as a complaint venue)."""
        named = {str(e.value) for e in entities if e.kind == "channel"}
        if given:
            return given, named | {given}
        main = next((c for c in CHANNEL_PRIORITY if c in named), "unknown")
        return main, named
