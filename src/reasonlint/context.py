"""The look-ups that reading one action needs: the markers, actors and clauses of a text.

:mod:`reasonlint.events` builds one :class:`EventContext` per reason and asks it what
governs an action: the clause or aside it stands in, a negator left at a line's end,
a question, a condition in the clause before or after. Who reports it is
:mod:`reasonlint.reports`.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, NamedTuple, Optional

from .clauses import PUNCT, Clauses
from .lexicon import Lexicon
from .model import Entity
from .phrases import Match

if TYPE_CHECKING:
    from .events import Event

_QUESTION_END = frozenset("?？")
_OPENING_QUOTES = frozenset("“「\"'")
MERCHANT_SIDE = frozenset({"merchant", "service"})  # the other party and its service staff
# Marker kinds that negate an action before or just after it (未补发, 退款还没到账).
NEGATOR_LABELS = frozenset({"negator", "still_missing"})
CONSEQUENCE_LEAD = 6   # 商家那边就…: how long the subject before a 就 that takes a condition


def is_turn(m: Match) -> bool:
    """A contrast or a turn of time (但是, 不过, 后来) that ends what a claim, a supposition or
    a question before it governs; a completion word of the same section (已经, 终于) does not."""
    return m.label == "scope_break" and "已" not in m.text and m.text != "终于"


class Grammar(NamedTuple):
    """The function words of lexicons/grammar.txt that the look-ups below use."""
    speech: frozenset[str]           # 说, 告诉我: takes what follows a comma as said
    reply: frozenset[str]            # 回复, 反馈: carries over a comma as well
    reply_told_done: tuple[str, ...]  # 已回复: the reply told as done, not quoted
    addressee: frozenset[str]        # 跟, 向: the actor after it is spoken to
    final_particles: tuple[str, ...]  # 吗, 呢: a clause ending so asks
    tag_questions: frozenset[str]    # 是吗, 对吧: a clause of its own that asks
    yes: frozenset[str]              # 是否已补发：是
    condition_after: tuple[str, ...]  # 前提是: a condition in the clause after
    consequence: tuple[str, ...]     # 就, 那么: takes a condition from the clause before
    replacement: tuple[str, ...]     # 新, 补发的: a failure of the fix
    alternatives: tuple[str, ...]    # 或者: shares the modality of the action before
    agreement: frozenset[str]        # 同意, 答应: 同意退款了 agreed to it, did not do it
    disposal_objects: tuple[str, ...]  # 将款项退回: 将 before its object is no future
    restrict: tuple[str, ...]        # 只, 一半: a part of what was said done before
    remainder: tuple[str, ...]       # 剩下的, 另一半: the rest of what came in part
    status_field: tuple[str, ...]    # 状态, 结果: a form field holding the resolution's state
    goods_measures: str              # 张, 个: goods counted by the piece
    span_after_count: tuple[str, ...]  # 月, 小时: 3个月 is a span, not pieces
    restated_tails: frozenset[str]   # 的, 的那个: 11月6日开通的那个 says when, nothing new
    outcome_field: tuple[str, ...]   # 结果, 状态: a field whose value is the outcome itself
    not_said: tuple[str, ...]        # 没, 未: 商家也没回复 reports nothing
    then_done: tuple[str, ...]       # 并于: 同意退款并于11月8日退回 was carried out
    shortfall_before: tuple[str, ...]  # 缺, 少了: 一共缺3张 is the count missing
    greetings: frozenset[str]        # 您好: a clause that only greets opens nothing
    fulfilled: tuple[str, ...]       # 履行完毕: what was agreed was carried out
    wh_particles: tuple[str, ...]    # 呢: asks only with a question word in its clause
    question_words: tuple[str, ...]  # 什么, 哪: the question words 呢 asks with
    filler_lead: tuple[str, ...]     # 其实, 然后: open a clause and add nothing
    trailing_particles: str          # 啊, 呀: end a clause and add nothing
    concessive: tuple[str, ...]      # 虽然: a clause after the main one that concedes
    disposal: tuple[str, ...]        # 把: a negator inside its object (把未使用的卡退了) negates no action
    rest_open: tuple[str, ...]       # 剩下, 另外: a clause about the rest of what was owed


def grammar(lex: Lexicon) -> Grammar:
    words = lex.words
    return Grammar(
        frozenset(words("speech")), frozenset(words("reply")), tuple(words("reply_told_done")),
        frozenset(words("addressee_marker")), tuple(words("final_particle")),
        frozenset(words("tag_question")), frozenset(words("yes")), tuple(words("condition_after")),
        tuple(words("consequence")), tuple(words("replacement")), tuple(words("alternative")),
        frozenset(words("agreement_verb")), tuple(words("disposal_object")), tuple(words("restrict")),
        tuple(words("remainder")), tuple(words("status_field")), "".join(words("goods_measure")),
        tuple(words("span_after_count")), frozenset(words("restated_tail")),
        tuple(words("outcome_field")), tuple(words("not_said")), tuple(words("then_done")),
        tuple(words("shortfall_before")), frozenset(words("greeting")),
        tuple(words("fulfilled")), tuple(words("wh_particle")), tuple(words("question_word")),
        tuple(sorted(words("filler_lead"), key=len, reverse=True)), "".join(words("trailing_particle")),
        tuple(words("concessive")), tuple(words("disposal_marker")), tuple(words("rest_open")))


class EventContext:
    """The markers, actors and clauses of one text, with the look-ups events need."""

    def __init__(self, norm: str, clauses: Clauses, markers: list[Match], actors: list[Match],
                 scope_cues: list[Match], amounts: tuple[Entity, ...], grammar: Grammar,
                 own_check: tuple[str, ...] = (), dates: tuple[Entity, ...] = ()) -> None:
        self.norm = norm
        self.grammar = grammar
        self.own_check_words = own_check
        self.clauses = clauses
        self.markers = markers
        self.starts = [m.start for m in markers]
        self.longest = max((m.end - m.start for m in markers), default=0)
        self.actors = actors
        self.actor_starts = [m.start for m in actors]
        self.scope_cues = scope_cues
        self.amounts = amounts
        self.dates = dates
        self._index = {id(m): k for k, m in enumerate(markers)}
        # The kinds of marker the text holds at all: a look-up for a kind it lacks ends at once.
        self.labels = frozenset(m.label for m in markers)

    def after_fillers(self, pos: int) -> int:
        """The position after the filler words (其实, 然后) that open the text at ``pos``."""
        fillers = self.grammar.filler_lead
        moved = True
        while moved:
            moved = False
            for w in fillers:
                if self.norm.startswith(w, pos):
                    pos += len(w)
                    moved = True
                    break
        return pos

    def bare(self, start: int, end: int) -> str:
        """``norm[start:end]`` without the fillers before it, the particles and spaces after."""
        return self.norm[self.after_fillers(start):end].strip().rstrip(self.grammar.trailing_particles)

    def index(self, m: Match) -> int:
        return self._index[id(m)]

    def container(self, pos: int) -> tuple[int, int]:
        """The clause an action's markers come from: its aside's, if it stands in one."""
        if self.clauses.asides:
            a_s, a_e = self.clauses.aside(pos)
            if a_e:
                for s, e in self.clauses.inner:
                    if s <= pos < e:
                        return s, e
                return a_s, a_e
        s, e = self.clauses.clause(pos)
        if self.clauses.quotes and s < e and self.norm[e:e + 1] in _OPENING_QUOTES:
            # 退款一直显示“处理中”: a quote right after a word is that clause's own object
            for q_s, q_e in self.clauses.quotes:
                if q_s == e + 1:
                    return s, q_e
        return s, e

    def of_replacement(self, e: Event) -> bool:
        """Whether a failure is said of the replacement (新卡密也无效, 补发的码还是用不了)."""
        cs, _ = self.clauses.clause(e.start)
        return any(w in self.norm[cs:e.start] for w in self.grammar.replacement)

    def ends_on_de(self, e: Event) -> bool:
        """Whether the event's clause ends right after it and a 的 (11月6日补的, 11月6日
        开通的那个)."""
        _, ce = self.clauses.clause(e.start)
        tail = self.norm[e.end:ce].strip()
        if e.text.endswith("的"):
            tail = "的" + tail
        return tail in self.grammar.restated_tails

    def only_dated(self, e: Event) -> bool:
        """Whether the event's clause holds nothing but a date and the action (11月7日补发)."""
        cs, ce = self.clauses.clause(e.start)
        if self.norm[e.end:ce].strip():
            return False
        lead = self.norm[cs:e.start]
        start, end = cs + len(lead) - len(lead.lstrip()), cs + len(lead.rstrip())
        return any(d.start == start and d.end == end for d in self.dates)

    def dated(self, cs: int, ce: int) -> bool:
        """Whether an absolute date stands between ``cs`` and ``ce``."""
        return any(cs <= d.start < ce for d in self.dates)

    def dangling_negator(self, pos: int) -> str:
        """A negator that ends the clause before the one holding ``pos``, when that
        clause holds no action after it (商家未<br>补发, 商家&nbsp;未&nbsp;退款)."""
        if self.labels.isdisjoint(NEGATOR_LABELS):
            return ""
        m = self.dangling(pos)
        return m.text if m is not None and m.label == "negator" else ""

    def dangling(self, pos: int) -> Optional[Match]:
        """The marker that ends the clause before the one holding ``pos`` when only a
        line break or a space split them (商家答应&nbsp;11月9日前&nbsp;退款): a broken line
        of one clause, whose last word is about what follows."""
        k = self.clauses.at(pos)
        if k <= 0:
            return None
        ps, pe = self.clauses.clauses[k - 1]
        if self.clauses.ends[k - 1] not in ("\n", " ", "\t", "\u3000", ""):
            return None  # a comma or a full stop ends what the marker was about
        if self.norm.count("\n", pe, self.clauses.clauses[k][0]) > 1:
            return None  # a blank line between: a new paragraph, not a broken line
        tail = self.norm[ps:pe].rstrip()
        found = self.markers_in(ps, pe, (ps, pe))
        # a bare marker (商家未<br>补发); 充值卡了半天没到 says all it says
        if found and ps + len(tail) == found[-1].end:
            return found[-1]
        return None

    def in_aside(self, pos: int) -> bool:
        return bool(self.clauses.asides) and self.clauses.aside(pos)[1] > 0

    def markers_in(self, lo: int, hi: int, container: tuple[int, int]) -> list[Match]:
        # An aside governs only itself, unless it is nothing but the marker: 退款（未）到账.
        found = self.markers[bisect_left(self.starts, lo - self.longest):bisect_left(self.starts, hi)]
        inside = self.in_aside(container[0])
        cs, ce = container
        return [m for m in found if cs <= m.start and m.end <= ce
                and (inside or not self.in_aside(m.start) or self.clauses.aside(m.start) == (m.start, m.end))]

    def distance(self, start: int, end: int) -> int:
        """Characters between two positions, asides left out (未（因为缺货）补发)."""
        gap = end - start
        if self.clauses.asides and gap > 0:
            gap -= self.clauses.aside_length(start, end)
        return gap

    def trailing_gap(self, end: int, start: int) -> int:
        """Characters between an action and a word after it, an amount right after the
        action left out (退款120元正在处理中: the amount names the refund)."""
        for amount in self.amounts:
            if amount.start == end and amount.end <= start:
                return start - amount.end
        return start - end

    def same_clause(self, p: int, q: int) -> bool:
        return self.clauses.at(p) == self.clauses.at(q) >= 0

    def actor_before(self, pos: int, window: int = 1 << 30) -> str:
        k = bisect_left(self.actor_starts, pos) - 1
        cs, _ = self.clauses.clause(pos)
        lo = max(cs, pos - window)
        while k >= 0 and self.actors[k].start >= lo:
            m = self.actors[k]
            # 商家给我补发了: the one given to is no doer
            if m.end <= pos and self.norm[m.start - 1:m.start] not in self.grammar.addressee:
                return m.label
            k -= 1
        return ""

    def past(self, pos: int, after: int = 0) -> bool:
        """Whether a [past] word before ``pos`` in its clause (and after ``after``) makes
        what stands there the original problem."""
        cs, _ = self.clauses.clause(pos)
        if cs >= 2 and self.norm[cs - 1] in _OPENING_QUOTES and self.norm[cs - 2] not in PUNCT:
            cs = self.clauses.clause(cs - 2)[0]  # 之前一直是“发货中”: the quote goes on its clause
        lo = max(cs, after)
        k = bisect_left(self.starts, pos) - 1
        while k >= 0 and self.markers[k].start >= lo - self.longest:
            m = self.markers[k]
            if m.label == "past" and lo <= m.start and m.end <= pos:
                return True
            k -= 1
        return False

    # -- modalities over a clause -----------------------------------------------------
    def question(self, a: Match, before: list[Match], container: tuple[int, int]) -> str:
        norm = self.norm
        cs, ce = container
        k = self.clauses.at(a.start)
        end_char = self.clauses.ends[k] if 0 <= k < len(self.clauses.ends) else ""
        tail = norm[a.end:ce].rstrip()
        if end_char in _QUESTION_END:
            return end_char
        if tail.endswith(self.grammar.final_particles):
            return tail[-1]
        if tail.endswith(self.grammar.wh_particles) and any(w in norm[cs:ce] for w in self.grammar.question_words):
            return tail[-1]  # 什么时候补发呢 asks; 已经到账了呢 tells
        for m in before:
            if m.label == "question":
                return "" if m.text == "是否" and self._answered_yes(k) else m.text
        # a tag question after it: 已经补发了，是吗？
        if 0 <= k + 1 < len(self.clauses.clauses):
            ns, ne = self.clauses.clauses[k + 1]
            nxt = norm[ns:ne].strip()
            if nxt in self.grammar.tag_questions and self.clauses.ends[k + 1] in _QUESTION_END:
                return nxt
        return ""

    def _answered_yes(self, k: int) -> bool:
        """是否已补发：是 — a form's question answered yes after its colon."""
        if not 0 <= k + 1 < len(self.clauses.clauses) or self.clauses.ends[k] not in "：:":
            return False
        ns, ne = self.clauses.clauses[k + 1]
        return self.bare(ns, ne) in self.grammar.yes  # 是否已退款：是啊

    def coordinated(self, prev: Event, a: Match) -> bool:
        """Whether ``a`` is an alternative joined to ``prev`` in one sentence."""
        if self.clauses.sentence(prev.start) != self.clauses.sentence(a.start):
            return False
        cs, _ = self.clauses.clause(a.start)
        lead = self.norm[max(cs, prev.end):a.start].lstrip("，, ")
        return lead.startswith(self.grammar.alternatives) and "已" not in lead  # 或者已经…: a fact of its own

    def governing(self, label: str, a: Match, before: list[Match], container: tuple[int, int]) -> Optional[Match]:
        """A hypothesis or condition marker governing the action: before it in its
        clause, in the clause before when this one starts with 就/再/那 …, or (a
        condition) at the start of the clause after: 全额退款，前提是我先撤诉."""
        if label not in self.labels:
            return None
        for m in before:
            if m.label == label:
                return m
        cs, ce = container
        if label == "condition":
            k = self.clauses.at(a.start)
            if 0 <= k + 1 < len(self.clauses.clauses):
                ns, _ = self.clauses.clauses[k + 1]
                if self.norm.startswith(self.grammar.condition_after, ns):
                    for m in self.markers_in(ns, ns + 4, (ns, ns + 4)):
                        if m.label == "condition":
                            return m
        if not self.consequence_opens(cs, a.start):
            return None
        k = self.clauses.at(cs)
        if k <= 0:
            return None
        ps, pe = self.clauses.clauses[k - 1]
        for m in self.markers_in(ps, pe, (ps, pe)):
            if m.label == label:
                return m
        return None

    def consequence_opens(self, cs: int, at: int) -> bool:
        """The clause at ``cs`` opens with 就/再/那 …, or has one after a short subject
        before ``at`` (商家那边就重新发货): it takes what the clause before supposes."""
        if self.norm.startswith(self.grammar.consequence, cs):
            return True
        lead = self.norm[cs:min(at, cs + CONSEQUENCE_LEAD + 1)]
        if not any(0 < lead.find(w) for w in self.grammar.consequence if len(w) == 1):
            return False
        k = bisect_left(self.actor_starts, cs)
        return k < len(self.actor_starts) and self.actor_starts[k] == cs
