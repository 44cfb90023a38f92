"""Events: each resolution phrase as a frame of what happened, who did it and how it is said.

A resolution phrase (补发, 退款, 到账 …) is an event. Its *modality* comes from the
markers of its clause (lexicons negation.txt, promise.txt, modality.txt):

    done          商家已于11月3日补发
    negated       还没补发, 退款还没到账
    failed        补发的卡密还是无效, 激活失败, 退款被退回
    pending       退款审核中, 已申请退款, 审批通过了还在等打款
    promised      答应明天退, 说会补发
    conditional   撤诉后退款, 只要撤销投诉，商家就补发
    wished        希望尽快退款
    requested     请商家补发
    asked         已经补发了吗？, 退没退
    hypothetical  假如商家已补发
    reported      客服说已经退款了 (someone's claim, not the buyer's confirmation)
    uncertain     好像退了, 应该已经到账了吧

A failure word with no resolution phrase of its own in its clause (结果兑换时提示已失效,
钱还没到) is an event too: what it undoes is decided over the whole reason, in
:mod:`reasonlint.state`, where the state at the end is what counts.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple, Optional

from . import reports, sequence
from .clauses import ASIDE_OPEN, PUNCT, Clauses
from .context import MERCHANT_SIDE, NEGATOR_LABELS, EventContext, grammar, is_turn
from .lexicon import Lexicon
from .model import EMPTY_FIELD, FAILURES, GOODS_TYPES, REST, Entity
from .phrases import Match, PhraseMatcher, Scan, Scanner, sections
from .nouns import NounReader, shows_evidence
from .scopes import ScopeReader
from .tokenize import Tokens

RESOLUTION_TYPES = ("reshipped", "delivered", "refunded", "exchanged", "settled", "user_error")
GOALS = {"reshipped": "goods", "delivered": "goods", "exchanged": "goods", "refunded": "money",
         "settled": "settle", "user_error": "user", "failure": "goods", "money_failure": "money",
         "still_missing": "goods", "taken_back": "goods", "vague": "none", "unconfirmed": "none",
         "confirmed": "none"}
# Failure words (model.FAILURES): what each one undoes (still_missing, taken_back:
# whatever was completed last).
MODALITIES = ("done", "negated", "failed", "pending", "promised", "conditional", "wished",
              "requested", "asked", "hypothetical", "reported", "uncertain")
NEGATION_WINDOW = 10   # characters between a negator and the action it negates
STATUS_SET_LEAD = 6    # 改成了“已: how far before the action the setting verb may stand
MONEY_SUBJECT = 3      # 钱还, 那笔款: how long the money's subject before a pending word
TRAILING_WINDOW = 3    # 退款还没到账: a negator or pending word just after the action
FAILURE_WINDOW = 24    # a failure word after an action in its clause undoes it
# However long a clause without punctuation, no marker further back than this governs
# an action: it keeps the work per action bounded.
SCOPE_LOOKBACK = 100
COORDINATORS = "和与及或、也 以"
# What a named process (退款流程) must be to count as an action.
_PROCESS_KEPT = frozenset({"pending", "negated", "failed"})
# 我就撤诉了: how far after a condition's tail a 了 tells the withdrawal done
WITHDRAWN_TAIL = 3
_REST_OPEN = frozenset({"pending", "promised", "conditional"})
_CARRIED = frozenset({"promised", "conditional", "pending", "hypothetical", "requested", "wished"})
OBJECT_BEFORE_HEAD = 6  # 重新发送兑换码的申请: how long the object between action and head
FALLBACK_GAP = 6       # 补不了的话就退款: from 不了 to the action that is the fallback
UNTIL_WINDOW = 6       # 等钱到了, 等月底新渠道到了: how far before the action a word of waiting governs it
# A marker that ends a line broken before the action governs it: its modality.
_DANGLING = {"promise": "promised", "condition": "conditional", "pending": "pending"}

_NEGATION = ("negator", "double", "failure", "money_failure", "still_missing", "taken_back", "scope_break", "not_negation",
             "past")
_PROMISE = ("promise", "pending", "condition", "not_promise")
_MODALITY = ("question", "hypothesis", "wish", "request", "hedge", "report", "report_alone",
             "report_after", "unconfirmed", "checked_ok", "not_modal")
ACTORS = ("merchant", "service", "platform", "buyer", "bank", "others")


class Event(NamedTuple):
    # A tuple, not a dataclass: a few are made for every reason.
    type: str          # a resolution type, "vague", or a failure word's section (model.FAILURES)
    modality: str      # one of MODALITIES
    actor: str         # one of ACTORS, or ""
    start: int         # normalised positions
    end: int
    text: str          # the normalised phrase
    cue: str = ""      # the marker that decided the modality ("" when done)
    scope: str = ""    # "full", "partial", "fee" (refunds) or "compensation"; "" for goods in full
    past: bool = False  # it describes the original problem (之前那张无效)
    restated: bool = False  # 补发的卡密还是无效，11月6日补的: said again for its date, nothing new

    @property
    def goal(self) -> str:
        return GOALS[self.type]

    @property
    def concrete(self) -> bool:
        """A resolution of some kind (not a failure word, a vague outcome or a doubt)."""
        return self.type in RESOLUTION_TYPES


class EventReader:
    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        res = lex["resolutions"]
        self._actions = PhraseMatcher(sections(res, [*RESOLUTION_TYPES, "vague", "not_action"]), scanner)
        self._arrival = frozenset(res.words("arrival"))
        self._needs_object = frozenset(res.words("mistake_needs_object"))
        self._mistake_bare = tuple(sorted(res.words("mistake_unnamed"), key=len, reverse=True))
        self._process_heads = tuple(sorted(res.words("process_heads"), key=len, reverse=True))
        self._scope_cues = PhraseMatcher(
            sections(res, ["fee", "difference", "as_compensation", "compensation", "compensation_object", "partial"]), scanner)
        self._pending_heads = tuple(lex["promise"].words("pending_heads"))
        self._condition_tails = tuple(sorted(lex["promise"].words("condition_tails"), key=len, reverse=True))
        self._markers = PhraseMatcher(
            sections(lex["negation"], _NEGATION) + sections(lex["promise"], _PROMISE)
            + sections(lex["modality"], _MODALITY), scanner)
        self._actors = PhraseMatcher(sections(lex["actors"], ACTORS), scanner)
        self._own_check = tuple(lex["modality"].words("own_check"))
        words = lex["grammar"].words
        self._grammar = grammar(lex["grammar"])
        self._scopes = ScopeReader(lex)
        self._nouns = NounReader(lex)
        self._completed_before = tuple(words("completed_before"))
        self._completed_after = tuple(words("completed_after"))
        self._not_yet_after = tuple(words("not_yet_after"))
        self._cannot_after = tuple(words("cannot_after"))
        self._status_verbs = tuple(sorted(words("status_verb"), key=len, reverse=True))
        self._money_words = tuple(words("money_before"))
        self._status_set = tuple(words("status_set"))
        self._until = frozenset(words("until"))
        self._receiving = frozenset(res.words("receiving"))
        self._buyer_sending = tuple(res.words("buyer_sending"))
        self._buyer_returning = tuple(res.words("buyer_returning"))
        self._far_negators = frozenset(words("far_negator"))
        self._until_longest = sorted(self._until, key=len, reverse=True)

    def read(self, scan: Scan, tokens: Tokens, clauses: Clauses, amounts: tuple[Entity, ...] = (),
             evidence: tuple[Entity, ...] = (), orders: tuple[Entity, ...] = (),
             dates: tuple[Entity, ...] = ()) -> tuple[Event, ...]:
        norm = scan.text
        # A one-character marker or action counts only as a word of its own: not the 话 of
        # 话费, not the 补 of 补充.
        alone = tokens.is_word
        markers = [m for m in self._markers.find(scan)
                   if not m.label.startswith("not_") and (len(m.text) > 1 or alone(m.start, m.end))]
        evidence_at = {e.start for e in evidence}
        # 还在走退款流程, 退款进度：审核中: a process named by the action is read as one,
        # and kept only when it is still under way or not done
        found = self._actions.find(scan)
        processes = {m.start for m in found if norm.startswith(self._process_heads, m.end)} \
            if self._process_heads else set()
        # 退款金额, 商家发来的退款截图, 收到了商家的道歉: a resolution word that names or
        # describes something is no action (reasonlint.nouns)
        naming = self._nouns.at(norm, amounts, evidence, processes)
        actions = [m for m in found
                   if m.label != "not_action" and (len(m.text) > 1 or alone(m.start, m.end)) and not naming(m)
                   and not self._set_as_status(m, norm)]
        if not actions and not any(m.label in FAILURES or m.label == "unconfirmed" for m in markers):
            return ()
        actors = [m for m in self._actors.find(scan) if len(m.text) > 1 or alone(m.start, m.end)]
        cues = [c for c in self._scope_cues.find(scan) if len(c.text) > 1 or alone(c.start, c.end)] if actions else []
        ctx = EventContext(norm, clauses, markers, actors, cues, amounts, self._grammar, self._own_check, dates)
        events: list[Event] = []
        used: set[int] = set()  # failure markers an action took as its own
        prev: Optional[Event] = None  # the action before, in this clause
        for a in actions:
            container = ctx.container(a.start)
            last = prev  # the action before, anywhere: an alternative may follow a comma
            if prev is not None and prev.start < container[0]:
                prev = None
            if self._buyer_gives(a, ctx):
                continue  # 截图我发了, 盛大卡我也退回去了: the buyer sent evidence or gave goods back
            event = self._event(a, container, prev, last, ctx, used)
            if a.start in processes and event.modality not in _PROCESS_KEPT:
                value = self._field_value(a, ctx)
                if value is None:
                    continue  # 退款流程很快, 退款进度已更新: the process is only named
                event = event._replace(modality="pending", cue=value.text)  # 退款状态：审核中
            if event.type == "user_error" and self._unnamed_mistake(a, ctx):
                event = event._replace(type="vague")  # 我刚才看错了: which mistake, it does not say
            elif event.type == "user_error" and not event.actor:
                # 商家给我充值了，但是充错了角色: the one who did it got it wrong
                event = event._replace(actor=self._doer_turned(a, ctx))
                said = None if event.actor or event.modality != "done" else next(
                    (m for m in ctx.markers_in(container[0], a.start, container) if m.label == "report"), None)
                if said is not None:
                    # 又被扣回去了，说是充错号了: a mistake someone else tells, nobody's own
                    event = event._replace(modality="reported", cue=said.text)
            if event.type == "refunded" and event.scope == "difference" and event.actor == "buyer":
                continue  # 我已补差价70元: the buyer paid, nothing was given back
            if event.concrete and (event.modality in _REST_OPEN or (
                    event.modality == "reported" and not self._completed(a, norm))) \
                    and sequence.of_the_rest(a.start, ctx) \
                    and any(e.modality == "done" and e.goal == event.goal for e in events):
                # 先退了100，剩下的98元说下周再退 / 客服说月底再退: the rest is still owed
                event = event._replace(scope=REST, modality="promised" if event.modality == "reported"
                                       else event.modality)
            events.append(event)
            prev = event
        for k, m in enumerate(markers):
            if m.label in FAILURES and k not in used and not shows_evidence(m, norm, evidence_at) \
                    and not self._returned_by_buyer(m, ctx):
                events.append(Event(m.label, "done", ctx.actor_before(m.start), m.start, m.end, m.text,
                                    past=ctx.past(m.start)))
            elif m.label == "unconfirmed":  # 我还没去查: what came before is not confirmed
                events.append(Event("unconfirmed", "done", ctx.actor_before(m.start), m.start, m.end, m.text, m.text))
            elif m.label == "checked_ok" and reports.checked_by_buyer(ctx, reports.sentence_before(ctx, m.start), m.start):
                # 商家说换了一个，…我拆开看了是对的了: the buyer's own check confirms what was said
                events.append(Event("confirmed", "done", "buyer", m.start, m.end, m.text, m.text))
            elif m.label == "pending" and self._money_on_its_way(m, ctx, events):
                # 已经操作退款了，钱还在路上: the money of the refund before is not here yet
                events.append(Event("refunded", "pending", "", m.start, m.end, m.text, m.text, "full"))
            elif m.label in ("pending", "promise") and sequence.of_the_rest(m.start, ctx) \
                    and any(e.modality == "done" and e.start < m.start for e in events) \
                    and not any(ctx.same_clause(e.start, m.start) for e in events):
                # 另外100块客服说在处理: the rest of it still to come
                events.append(Event("vague", "pending" if m.label == "pending" else "promised", ctx.actor_before(m.start),
                                    m.start, m.end, m.text, m.text))
            elif m.label == "pending" and sequence.status_value(m.start, ctx) \
                    and not any(e.start < m.end and m.start < e.end for e in events):
                # 处理结果：审核中 — a state with no action word, the form's resolution's
                events.append(Event("vague", "pending", "", m.start, m.end, m.text, m.text))
        for s, e in sequence.empty_outcomes(ctx):  # 处理结果：(nothing) — no outcome recorded
            events.append(Event("vague", "pending", "", s, e, norm[s:e], EMPTY_FIELD))
        events.sort(key=lambda e: e.start)
        # What later events say of earlier ones, pass by pass (reasonlint.sequence).
        events = sequence.carry_supposition(events, ctx)
        events = sequence.carry_report(events, ctx)
        events = sequence.still_open_for(events, ctx, orders)
        events = self._scopes.money_arrivals(events, ctx)
        events = sequence.subject_takes_verb(events, ctx)
        events = sequence.inherit_scopes(events, ctx)
        events = sequence.narrowed(events, ctx)
        events = sequence.short_counts(events, ctx)
        events = sequence.fulfilled(events, ctx)
        events = sequence.confirmed(events)
        events = sequence.conceded(events, ctx)
        return tuple(sequence.restatements(events, ctx))

    def _buyer_gives(self, a: Match, ctx: "EventContext") -> bool:
        """截图我发了, 我已经发给客服了: goods sent by the buyer are evidence or a message;
        盛大卡我也退回去了: a refund verb of the buyer's gives the goods back. Only a verb
        opening the action counts (not 补发 or 重新发: those are the goods again), and
        not inside another party's chat line (商家：我这边已经发了)."""
        if a.label in GOODS_TYPES:
            verbs = self._buyer_sending
        elif a.label == "refunded":
            verbs = self._buyer_returning
        else:
            return False
        return a.text.lstrip("已又也都").startswith(verbs) and not any(r in a.text for r in self._receiving) \
            and ctx.actor_before(a.start) == "buyer" and reports.line_party(ctx, a.start) in ("", "buyer")

    def _returned_by_buyer(self, m: Match, ctx: "EventContext") -> bool:
        """盛大卡我也退回去了: the buyer sent the goods back; no refund came back."""
        return m.label == "money_failure" and m.text.startswith(self._buyer_returning) \
            and ctx.actor_before(m.start) == "buyer" and reports.line_party(ctx, m.start) in ("", "buyer")

    def _unnamed_mistake(self, a: Match, ctx: "EventContext") -> bool:
        """是我看错了, 我自己填错了: a mistake whose clause names nothing that went wrong is
        not one stated specifically (看错区服, 填错充值账号)."""
        if a.text not in self._needs_object:
            return False
        cs, ce = ctx.clauses.clause(a.start)
        rest = ctx.norm[cs:a.start] + ctx.norm[a.end:ce]
        for word in self._mistake_bare:
            rest = rest.replace(word, "")
        return not any(c.isalnum() for c in rest)

    @staticmethod
    def _doer_turned(a: Match, ctx: "EventContext") -> str:
        """The merchant side, for a mistake with no subject in a clause that opens with a
        turn (但是, 结果) after the merchant side did something in the sentence; else ""."""
        cs = ctx.clauses.clause(a.start)[0]
        start = ctx.after_fillers(cs)
        if not any(m.start == start and is_turn(m) for m in ctx.markers_in(start, a.start, (cs, a.start))):
            return ""
        ss = ctx.clauses.sentence(a.start)[0]
        doer = next((m.label for m in reversed(ctx.actors) if ss <= m.start and m.end <= cs
                     and ctx.norm[m.start - 1:m.start] not in ctx.grammar.addressee), "")  # not 给我
        return doer if doer in MERCHANT_SIDE else ""

    def _set_as_status(self, m: Match, norm: str) -> bool:
        """把订单状态改成了“已退款”: the action is the name a status was set to, not done."""
        lead = norm[max(0, m.start - STATUS_SET_LEAD):m.start]
        lead = lead.rstrip("已经").rstrip("“「\"' ")  # 改成了“已退款”, 改为 已补发
        return bool(self._status_set) and lead.endswith(self._status_set)

    def _money_on_its_way(self, m: Match, ctx: "EventContext", events: list[Event]) -> bool:
        """钱还在路上, 款还在处理中: a pending word whose clause is only about the money,
        after a refund."""
        start = ctx.after_fillers(ctx.clauses.clause(m.start)[0])
        turn = next((t for t in ctx.markers if t.start == start and is_turn(t)), None)
        if turn is not None:  # 不过钱还在路上
            start = turn.end
        subject = ctx.norm[start:m.start].strip()
        return bool(subject) and len(subject) <= MONEY_SUBJECT and subject.startswith(self._money_words) \
            and any(e.type == "refunded" and e.start < m.start for e in events) \
            and not any(e.start < m.end and m.start < e.end for e in events)

    def _field_value(self, a: Match, ctx: "EventContext") -> Optional[Match]:
        """退款状态：审核通过，等待打款 — a pending value right after a process field's colon."""
        head = next((h for h in self._process_heads if ctx.norm.startswith(h, a.end)), "")
        at = a.end + len(head)
        if ctx.norm[at:at + 1] not in ("：", ":"):
            return None
        at += 1
        while ctx.norm[at:at + 1] == " ":
            at += 1
        k = bisect_left(ctx.starts, at)
        if k < len(ctx.markers) and ctx.markers[k].start == at and ctx.markers[k].label == "pending":
            return ctx.markers[k]
        return None

    # -- one action -------------------------------------------------------------------
    def _event(self, a: Match, container: tuple[int, int], prev: Optional[Event], last: Optional[Event],
               ctx: "EventContext", used: set[int]) -> Event:
        norm = ctx.norm
        cs, ce = container
        lo = max(cs, a.start - SCOPE_LOOKBACK)
        near = ctx.markers_in(lo, min(ce, a.end + SCOPE_LOOKBACK), container)
        before = [m for m in near if m.start < a.start and m.end <= a.end]
        # A claim, a supposition or a question runs up to a contrast (但, 不过), not up to
        # a completion word: 客服说商家已经处理退款了 is still the service's claim.
        claimed = before
        for i in range(len(before) - 1, -1, -1):
            if is_turn(before[i]):
                claimed = before[i + 1:]
                break
        for i in range(len(before) - 1, -1, -1):
            if before[i].label == "scope_break" and not self._completion_only(before[i], a):
                before = before[i + 1:]
                break
        after = [m for m in near if m.start >= a.end]
        if ctx.clauses.asides and norm[a.end:a.end + 1] in ASIDE_OPEN:
            # 退款（未完成）, 补发（审核中）: an aside right after the action gives its state
            s, e = ctx.clauses.aside(a.end + 1)
            if s == a.end + 1:
                after = sorted({*after, *(m for m in ctx.markers if s <= m.start and m.end <= e)})
        holding = [m for m in near if m.start <= a.start and a.end <= m.end and m.end - m.start > a.end - a.start]
        # 还没到账: a failure word that runs into the action is about it too
        overlapping = [m for m in near if m.label in FAILURES and m.start < a.end and a.start < m.end]
        completed = self._completed(a, norm)
        actor = ctx.actor_before(a.start)
        scope = self._scopes.scope(a, ctx)

        # 第一次我输错一位: a mistake of the buyer's on the way, not what the complaint was
        past = a.label == "user_error" and ctx.past(a.start)

        def make(modality: str, cue: str = "", was_past: bool = past) -> Event:
            if modality == "pending" and not was_past:
                was_past = ctx.past(a.start)  # 之前一直是“发货中”: the state before the fix
            return Event(a.label, modality, actor, a.start, a.end, a.text, cue, scope, was_past)

        # A failure word holding the action (激活失败, 钱还没到账, 没收到) fails or negates it,
        # whatever it is of; one after it in its clause (补发的卡密还是无效) fails it.
        for m in holding + overlapping:
            if m.label not in FAILURES:
                continue
            used.add(ctx.index(m))
            # a mistake of the buyer's may hold a negation of its own (没看到邮件)
            if a.label != "user_error":  # 之前的会员没到账: the original problem, told as such
                return make("negated" if m.label == "still_missing" else "failed", m.text, ctx.past(a.start))
        fails = "money_failure" if a.label == "refunded" else "failure"
        for m in after:
            if m.start - a.end > FAILURE_WINDOW:
                break
            if (m.label == fails or m.label == "taken_back") and a.label in GOODS_TYPES | {"refunded"} \
                    and not ctx.past(m.start, a.end):
                used.add(ctx.index(m))
                # 之前发来的会员是错的: the first delivery failing is the original problem
                return make("failed", m.text, past or ctx.past(a.start))
        # A-not-A on the action itself (退没退, 发没发货) asks; it negates nothing
        head = norm[max(cs, a.start - 2):a.start]
        if len(head) == 2 and head[1] in "没不" and head[0] == a.text[0]:
            return make("asked", head + a.text)
        if norm.startswith(self._cannot_after, a.end):  # 补不了了, 发不了货: it cannot be done
            return make("negated", norm[a.end:a.end + 2], past or ctx.past(a.start))
        negated, cue = self._negated(a, before, after, prev, norm, ctx)
        if negated:
            # 此前未退款的问题已解决, 之前没到账: the original problem, told as such
            return make("negated", cue, past or ctx.past(a.start))
        q = ctx.question(a, claimed, container)
        if q:
            return make("asked", q)
        for m in before:  # 不知道算不算到账: the doubt is about this very action
            if m.label == "unconfirmed" and a.start - m.end <= 1:
                return make("uncertain", m.text)
        for label, modality in (("hypothesis", "hypothetical"), ("condition", "conditional")):
            governs = ctx.governing(label, a, claimed, container)
            if governs is not None:
                return make(modality, governs.text)
        waiting = self._after_waiting(cs, a, ctx)
        if waiting:  # 等新渠道到了，就给我补上: it comes only once the other thing has
            return make("conditional", waiting)
        if prev is not None and prev.modality == "negated" and norm.startswith(self._cannot_after, prev.end):
            gap = norm[prev.end:a.start]
            if "就" in gap and len(gap) <= FALLBACK_GAP:  # 补不了就全额退款: only if the other cannot be
                return make("conditional", prev.text + gap)
        for m in holding + [m for m in near if m.start < a.start < m.end]:
            if m.label == "pending":  # 退款申请, 申请退款, 退款中, 申请补发了: even after 已
                return make("pending", m.text)
        if norm.startswith(self._pending_heads, a.end):  # 换卡申请, 退款请求
            return make("pending", norm[a.end:a.end + 2])
        de = norm.find("的", a.end, a.end + OBJECT_BEFORE_HEAD + 1)
        if de > 0 and norm.startswith(self._pending_heads, de + 1) \
                and not any(c in PUNCT for c in norm[a.end:de]):  # 重新发送兑换码的申请还在审核中
            return make("pending", norm[de + 1:de + 3])
        then = a.end + 1 if norm.startswith("了", a.end) else a.end
        then = next((m.end for m in ctx.amounts if m.start == then), then)  # 退款100元后我就撤
        tail = next((t for t in self._condition_tails if norm.startswith(t, then)), "") if not completed else ""
        # 到了再说, 退了我再撤; not 已经到账了就撤了吧, nor 退款100元后我就撤诉了 (the withdrawal is done)
        if tail and norm.find("了", then + len(tail), then + len(tail) + WITHDRAWN_TAIL) < 0:
            return make("conditional", tail)
        shown = next((w for w in self._status_verbs if norm.startswith(w, a.end)), "")
        reach = len(shown) + 1 if shown else TRAILING_WINDOW  # 退款一直显示“审核中”: the state shown of it
        for m in after:
            if ctx.trailing_gap(a.end, m.start) > reach:
                break
            if m.label == "pending":
                return make("pending", m.text)
            if m.label == "condition":  # 到了再说, 退了就撤
                return make("conditional", m.text)
        if not completed and prev is None and not ctx.labels.isdisjoint(_DANGLING):
            dangling = ctx.dangling(a.start)  # 商家答应&nbsp;11月9日前&nbsp;退款
            if dangling is not None and dangling.label in _DANGLING:
                return make(_DANGLING[dangling.label], dangling.text)
        waited = self._waited_for(a, before, norm) if completed else None
        if waited:  # 等钱到了应该就没问题了: even with 了, only waited for
            return make("promised", waited)
        agreed = self._agreed(a, before, prev, ctx)
        if agreed:  # 同意退款了: the agreement is done, the refund is not
            return make("promised", agreed)
        if not completed:
            for label, modality in (("pending", "pending"), ("promise", "promised"),
                                    ("request", "requested"), ("wish", "wished")):
                found = [m for m in before if m.label == label and self._governs(m, a, prev, ctx)]
                if found:
                    return make(modality, found[-1].text)
            # 重新发一张，或者全额退款: an alternative takes the modality of the first
            if last is not None and last.modality in _CARRIED and ctx.coordinated(last, a):
                return make(last.modality, last.cue)
        report, uncertain = reports.report(ctx, a, claimed, container)
        if report:
            return make("uncertain" if uncertain else "reported", report)
        if actor == "others":  # 群里好几个人都收到了: someone else's order, not this one
            return make("reported", "others")
        return make("done")

    @staticmethod
    def _agreed(a: Match, before: list[Match], prev: Optional[Event], ctx: "EventContext") -> str:
        """同意退款了, 答应补发了: an agreement verb right before the action, with no 已
        before the action, tells the agreement done and the action still to come."""
        if prev is not None and prev.start > (before[-1].end if before else a.start):
            return ""
        for m in reversed(before):
            # (按约定, 按承诺 are promise.txt [not_promise]: no promise marker at all)
            if m.label == "promise" and m.text in ctx.grammar.agreement and a.start - m.end <= 1 \
                    and "已" not in ctx.norm[max(0, m.start - 4):a.start] and not a.text.startswith("已") \
                    and not ctx.norm.startswith("并", m.end):  # 同意并退回了全款: agreed, and did it
                return m.text
        return ""

    def _governs(self, m: Match, a: Match, prev: Optional[Event], ctx: "EventContext") -> bool:
        """Whether a marker before the action is about it: not 将 before an object
        (客服将订单的款项五十块全额退回 is done), not a marker that an action in between
        took when an arrival is joined to it by 并 or 且 (同意退款30元并到账: a fact)."""
        norm = ctx.norm
        if m.text in ctx.grammar.agreement and (norm.startswith("并", m.end) or any(
                w in norm[m.end:a.start] for w in ctx.grammar.then_done)):
            return False  # 商家已同意并于11月7日全额退款, 同意退款并于11月8日退回: agreed, and then did it
        if m.text == "将":
            gap = norm[m.end:a.start]
            if gap and not gap.startswith(("于", "在")) and (
                    "的" in gap or any(c.isdigit() for c in gap)
                    or any(w in gap for w in ctx.grammar.disposal_objects)):
                return False
        if a.text in self._arrival and prev is not None and m.end <= prev.start and prev.end <= a.start:
            between = norm[prev.end:a.start]
            if "并" in between or "且" in between:
                return False
        return True

    def _waited_for(self, a: Match, before: list[Match], norm: str) -> str:
        """A word of waiting (等, grammar.txt [until]) just before the action, not 等了
        (waited, and it came) and with no 已 between: the words, or ""."""
        for m in before:
            if m.text in self._until and m.label == "promise" and a.start - m.end <= UNTIL_WINDOW \
                    and "已" not in norm[m.end:a.start] and not norm.startswith("了", m.end):
                return m.text
        return ""

    def _after_waiting(self, cs: int, a: Match, ctx: "EventContext") -> str:
        """The word of waiting (等, 等到) that opens the clause before, when this clause
        opens with 就/再 (等月底新渠道到了，就给我补上), or ""."""
        k = ctx.clauses.at(cs)
        if k <= 0 or not ctx.consequence_opens(cs, a.start):
            return ""
        ps, pe = ctx.clauses.clauses[k - 1]
        # at the clause's start, or right after the words that report it (老板说等…)
        starts = [ctx.after_fillers(ps)] + [m.end for m in ctx.markers_in(ps, pe, (ps, pe)) if m.label == "report"]
        for at in starts:
            word = next((w for w in self._until_longest if ctx.norm.startswith(w, at)), "")
            if word and not ctx.norm.startswith("了", at + len(word)):
                return word
        return ""

    @staticmethod
    def _completion_only(m: Match, a: Match) -> bool:
        # 已 right before the action marks it done; it is no contrast that ends a scope
        return m.text in ("已", "已经") and m.end == a.start

    def _completed(self, a: Match, norm: str) -> bool:
        if a.text.startswith("已") or norm[max(0, a.start - 2):a.start].endswith(self._completed_before):
            return True
        end = a.end
        if not (a.text.endswith(("了", "完", "的")) or norm.startswith(self._completed_after, end)):
            return False
        if norm.startswith("了", end):
            end += 1
        return not norm.startswith(self._not_yet_after, end)  # 等到账了再说: not yet

    @staticmethod
    def _object_from(a: Match, ctx: "EventContext") -> int:
        """Where the object after 把 begins in the action's clause (把未使用的那张卡密的钱退了),
        or past the action when there is none: a negator after it and before a 的 ahead of
        the action describes the object moved, not the action."""
        cs = ctx.clauses.clause(a.start)[0]
        found = [ctx.norm.find(w, cs, a.start) for w in ctx.grammar.disposal]
        return min((at for at in found if at >= 0), default=a.end)

    def _negated(self, a: Match, before: list[Match], after: list[Match], prev: Optional[Event],
                 norm: str, ctx: "EventContext") -> tuple[bool, str]:
        if ctx.labels.isdisjoint(NEGATOR_LABELS):
            return False, ""  # every way below to a negation starts from one of these
        # A negator governs only up to the previous action: 没有补发也没有退款 has two.
        seg_start = prev.end if prev is not None and prev.end <= a.start else 0
        negated, cue, last = False, "", ""
        object_from = self._object_from(a, ctx)
        for m in before:
            if m.start < seg_start or (m.start > object_from and "的" in norm[m.end:a.start]):
                continue
            if m.label in ("negator", "still_missing") and (
                    ctx.distance(m.end, a.start) <= NEGATION_WINDOW or m.text in self._far_negators):
                # 还差一张没补: a negator after a word of what is missing says the same again
                if not (negated and last == "still_missing" and m.label == "negator"):
                    negated = not negated
                cue, last = m.text, m.label
            elif m.label == "double":
                negated, cue = False, ""
        if not negated and prev is not None and prev.modality == "negated" and not any(
                m.start >= seg_start and m.label in ("negator", "double") for m in before):
            gap = norm[prev.end:a.start]
            # 没有补发和退款: the negation carries over a bare coordination; 没收到补发的卡密:
            # over the action that names what was not received
            if not gap.strip(COORDINATORS) or (len(gap) <= 3 and (norm.startswith("的", a.end) or prev.text in self._receiving)
                                                and not any(c in PUNCT for c in gap)):
                return True, prev.cue  # 未收到商家退款45元: what was not received is named after it
        if not negated and prev is None:
            dangling = ctx.dangling_negator(a.start)
            if dangling:  # 商家未<br>补发: a negator left at the end of the clause before
                return True, dangling
        if not negated:
            for m in after:
                if ctx.trailing_gap(a.end, m.start) > TRAILING_WINDOW:
                    break
                if m.label in ("negator", "still_missing"):  # 退款还没到账
                    return True, m.text
        return negated, cue
