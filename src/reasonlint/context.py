"""The look-ups that reading one action needs: the markers, actors and clauses of a text.

:mod:`reasonlint.events` builds one :class:`EventContext` per reason and asks it what
governs an action: the clause or aside it stands in, a negator left at a line's end,
the speaker of a report, a question, a condition in the clause before or after.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple, Optional

from .clauses import Clauses
from .lexicon import Lexicon
from .model import Entity
from .phrases import Match

if TYPE_CHECKING:
    from .events import Event

ACTOR_WINDOW = 12      # how far before a report word its speaker may stand
_QUESTION_END = frozenset("?？")
MERCHANT_SIDE = frozenset({"merchant", "service"})  # the other party and its service staff
# Whose word about a resolution is a claim, not the buyer's confirmation.
REPORTERS = frozenset({"merchant", "service", "others"})
# Marker kinds that negate an action before or just after it (未补发, 退款还没到账).
NEGATOR_LABELS = frozenset({"negator", "still_missing"})
_REPORT_LABELS = frozenset({"hedge", "report", "report_alone", "report_after"})
# What a chat line's time stamp is made of, around its speaker's name.
_TIME_CHARS = "0123456789-/:. \t[]()（）【】"
# A quote closed before a speaker's label on the same line: 我：“还没到账。” 商家：“已到账。”
_QUOTES = "”“\"'’‘「」『』"
_BRACKETED = re.compile(r"[\[(（【][^\])）】\n]{0,12}[\])）】]")


# How many clauses back a report word ending its clause may govern an action.
REPORT_REACH = 4
_REPORT_JOINS = frozenset("，, \u3000")  # what may end a clause that reports the next
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
        tuple(words("shortfall_before")), frozenset(words("greeting")))


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
        return self.clauses.clause(pos)

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
            if self.actors[k].end <= pos:
                return self.actors[k].label
            k -= 1
        return ""

    def past(self, pos: int, after: int = 0) -> bool:
        """Whether a [past] word before ``pos`` in its clause (and after ``after``) makes
        what stands there the original problem."""
        cs, _ = self.clauses.clause(pos)
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
        return self.norm[ns:ne].strip() in self.grammar.yes

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

    def report(self, a: Match, before: list[Match], container: tuple[int, int]) -> tuple[str, bool]:
        """(the words that make the action a claim or a guess, whether it is a guess)."""
        if self.labels.isdisjoint(_REPORT_LABELS):
            # no report word anywhere, but a chat line may still have its speaker: 客服：已补发
            if ":" in self.norm and not self._buyer_checked(a, container):
                return self._after_report_colon(self.clauses.at(a.start)), False
            return "", False
        for m in reversed(before):
            if m.label == "hedge":
                return m.text, True
            if m.label == "report_alone" or (m.label == "report" and self._reporter(m) in REPORTERS):
                return m.text, False
            if m.label == "report_after" and m.end == a.start:
                return m.text, False  # 商家说的补发，我查了从来没有出现过: what was said, named
        # reported in the clause before: 客服告诉我，已经退款了 / 商家回复：“已补发，请查收”
        # — unless this clause is the buyer's own check (我查了确实到账了)
        if self._buyer_checked(a, container):
            return "", False
        k = self.clauses.at(a.start)
        said = self._after_report_colon(k)
        if said:
            return said, False
        for q_s, q_e in self.clauses.quotes:
            if q_s <= a.start < q_e:
                for m in self.markers_in(max(0, q_s - ACTOR_WINDOW), q_s, (max(0, q_s - ACTOR_WINDOW), q_s)):
                    if m.label in ("report", "report_alone") and (
                            m.label == "report_alone" or self._reporter(m) in REPORTERS):
                        return m.text, False
        if k > 0 and container[0] == self.clauses.clauses[k][0]:
            # 客服告诉我，已经退款了 / 对方表示，在11月6日的时候，已经，通过支付宝，把58元退给我了:
            # a report word ending a clause governs the clauses after it up to one that
            # names someone; but 客服已回复，点卡已补发 is the buyer's own account
            ss = self.clauses.sentence(self.clauses.clauses[k][0])[0]
            for j in range(k - 1, max(-1, k - 1 - REPORT_REACH), -1):
                ps, pe = self.clauses.clauses[j]
                colon = self.clauses.ends[j] in "：:"
                # a comma or, as typed in chat, a space (商家回复 已于11月4日补发)
                if ps < ss or not (colon and j == k - 1 or self.clauses.ends[j] in _REPORT_JOINS) \
                        or self._opens_with_turn(self.clauses.clauses[j + 1][0]):
                    break  # 商家也没回复，后来商家补发了: the buyer's account goes on
                lead = self.norm[ps:pe]
                for m in self.markers_in(ps, pe, (ps, pe)):
                    if m.label in ("report", "report_alone") and not lead[m.end - ps:].strip() \
                            and not self.norm[max(ps, m.start - 2):m.start].endswith(self.grammar.not_said) \
                            and (colon or m.label == "report_alone" or m.text in self.grammar.speech
                                 or self._replied(m, ps)) \
                            and (m.label == "report_alone" or self._reporter(m) in REPORTERS):
                        return m.text, False
                k_actor = bisect_left(self.actor_starts, ps)
                if any(m.label == "buyer" for m in self.actors[k_actor:] if m.start < pe):
                    break  # 我去查了一下: the buyer speaks again, what follows is his account
        # named after it: 已经到账了（商家是这么说的）
        sentence_end = self.clauses.sentence(a.start)[1]
        k2 = bisect_right(self.starts, a.end)
        while k2 < len(self.markers) and self.markers[k2].start < sentence_end:
            m = self.markers[k2]
            if m.label == "report_after":
                return m.text, False
            k2 += 1
        return "", False

    def _opens_with_turn(self, cs: int) -> bool:
        """The clause at ``cs`` opens with a contrast or a turn of time (但是, 后来)."""
        k = bisect_left(self.starts, cs)
        return k < len(self.markers) and self.markers[k].start == cs and is_turn(self.markers[k])

    def _buyer_checked(self, a: Match, container: tuple[int, int]) -> bool:
        """我查了确实到账了: the buyer, subject of the action's clause, checked it."""
        if self.actor_before(a.start) != "buyer":
            return False
        return self.names_own_check(self.norm[container[0]:a.start])

    def _buyer_checks(self, cs: int, ce: int) -> bool:
        """The clause ``[cs, ce)`` is the buyer checking (我上游戏看了, 我查了支付宝)."""
        k = bisect_left(self.actor_starts, cs)
        if not (k < len(self.actors) and self.actors[k].start < ce and self.actors[k].label == "buyer"):
            return False
        return self.names_own_check(self.norm[self.actors[k].end:ce])

    def names_own_check(self, words: str) -> bool:
        """Words of the buyer's own check (modality.txt [own_check]) among ``words``."""
        return any(w in words for w in self.own_check_words)

    def _after_report_colon(self, k: int) -> str:
        """客服告诉我：已补发，订单号…，截图已附。 — a report word before a colon (or in a
        据 clause before a comma) governs its sentence to the end."""
        if k <= 0:
            return ""
        ss, _ = self.clauses.sentence(self.clauses.clauses[k][0])
        for j in range(k - 1, -1, -1):
            ps, pe = self.clauses.clauses[j]
            if ps < ss or self._buyer_checks(ps, pe):
                break  # …，我上游戏看了，钻石已到账: the buyer's own account from there on
            # 据客服反馈，… names the source of the whole sentence, as a colon does
            if self.clauses.ends[j] in "：:" or (self.clauses.ends[j] in "，," and self.norm.startswith("据", ps)):
                if self._quote_closed_before(pe, self.clauses.clauses[k][0]):
                    break  # 商家回复：“已退回”我看了下支付宝…: the report is the quote
                said = self._closing_report(ps, pe)
                if said:
                    return said
                if self.clauses.ends[j] in "：:" and j == k - 1:
                    speaker = self._speaker(ss, pe)  # the line up to its colon
                    if speaker:
                        return speaker
        return self._form_reported(k, ss)

    def _quote_closed_before(self, colon: int, pos: int) -> bool:
        """A quote opens right after the colon at ``colon`` and closes before ``pos``."""
        return any(colon < qs <= colon + 2 and qe <= pos for qs, qe in self.clauses.quotes)

    def _form_reported(self, k: int, sentence_start: int) -> str:
        """据客服反馈，订单号：…\n处理结果：已退款 — a report that opens the text governs the
        form fields on the lines after it, as it governs its own sentence."""
        opening = self._opening_clause()
        ps, pe = self.clauses.clauses[opening]
        end = self.clauses.ends[opening]
        if sentence_start == 0 or not (end in "：:" or (end in "，," and self.norm.startswith("据", ps))):
            return ""
        cs = self.clauses.clauses[k][0]
        # a field starts its line, or follows a ；(订单号：…；处理结果：已补发, 【处理结果】已补发)
        line_start = max(self.norm.rfind(c, 0, cs) for c in "\n；;") + 1
        line = self.norm[line_start:cs]
        if line_start <= pe:
            return ""
        if "：" not in line and ":" not in line and not self.norm[line_start:].lstrip().startswith("【"):
            # 据客服反馈，<p>商家已退款</p>: the line right after the report's own line is
            # its sentence broken by a line break; any later one is a line of its own
            first = self.norm[pe + 1:].lstrip(" ,，")
            if not first.startswith("\n") or sentence_start != len(self.norm) - len(first.lstrip()):
                return ""
        return self._closing_report(ps, pe)

    def _opening_clause(self) -> int:
        """The clause that opens the text, after a greeting of its own (您好，据客服反馈，…)."""
        s, e = self.clauses.clauses[0]
        greets = len(self.clauses.clauses) > 1 and self.norm[s:e].strip() in self.grammar.greetings
        return 1 if greets else 0

    def _closing_report(self, ps: int, pe: int) -> str:
        """The report word that ends the clause ps–pe (客服告诉我：, 据客服反馈，), said by a
        party whose word is a claim; "" if none."""
        lead = self.norm[ps:pe]
        for m in self.markers_in(ps, pe, (ps, pe)):
            if m.label in ("report", "report_alone") and not lead[m.end - ps:].strip() \
                    and (m.label == "report_alone" or self._reporter(m) in REPORTERS):
                return m.text
        return ""

    def _speaker(self, start: int, end: int) -> str:
        """[2026-11-03 10:21] 客服： / 卖家 2026/11/08 21:10： — a chat line's speaker
        label: nothing but the party (and a time) before the colon. The merchant's side
        speaking makes the line its claim; the buyer's own lines are the buyer's word."""
        i = bisect_left(self.actor_starts, start)
        if i >= len(self.actors) or self.actors[i].end > end:
            return ""
        actor = self.actors[i]
        rest = self.norm[start:actor.start] + self.norm[actor.end:end]
        if _BRACKETED.sub("", rest).strip(_TIME_CHARS + _QUOTES) or actor.label not in REPORTERS:
            return ""
        return actor.text

    def _replied(self, m: Match, clause_start: int) -> bool:
        """商家回复，… / 据客服反馈，…: a reply word whose content follows the comma."""
        if m.text not in self.grammar.reply:
            return False
        lead = self.norm[clause_start:m.start]
        return "据" in lead or not lead.endswith(self.grammar.reply_told_done)

    def _reporter(self, m: Match) -> str:
        actor = self.actor_before(m.start, ACTOR_WINDOW)
        k = bisect_left(self.actor_starts, m.start) - 1
        if actor and k >= 1 and self.actors[k].end == m.start:
            # 商家联系我说…, 我跟商家说…: the one right before 说 was told; who told them
            # stands before (the buyer's own word when that is the buyer)
            told = self.actors[k]
            cs, _ = self.clauses.clause(m.start)
            before = self.actors[k - 1]
            addressed = self.norm[told.start - 1:told.start] in self.grammar.addressee
            if before.start >= max(cs, m.start - ACTOR_WINDOW) and before.label != told.label and (
                    addressed or told.label == "buyer"):
                actor = before.label
        elif actor and k >= 1 and self.norm[self.actors[k].start - 1:self.actors[k].start] in self.grammar.addressee \
                and self.actors[k - 1].start >= m.start - ACTOR_WINDOW and self.actors[k - 1].label != self.actors[k].label:
            # 同学帮我登上去看了一眼，说…: the actor after 帮 is its object; who speaks stands before
            actor = self.actors[k - 1].label
        if not actor:
            # 朋友帮我问的，说商家已经补发了 / 商家先说…，又说是我看错了: the speaker is named
            # in the clause before (an adverb may stand before 说)
            cs, _ = self.clauses.clause(m.start)
            if len(self.norm[cs:m.start].strip()) <= 1:
                k = self.clauses.at(m.start)
                if k > 0:  # the clause's subject: its first actor
                    ps, pe = self.clauses.clauses[k - 1]
                    i = bisect_left(self.actor_starts, ps)
                    actor = self.actors[i].label if i < len(self.actors) and self.actors[i].start < pe else ""
        if m.text == "显示" and actor not in MERCHANT_SIDE:
            return ""  # 系统显示已发货 is the system's record, not someone's word
        return actor
