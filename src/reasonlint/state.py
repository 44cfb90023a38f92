"""The state of a reason at its end: what is resolved, and what the rules check it by.

Events are read in order, each updating the state of its *goal* (the goods, the money,
a settlement, the buyer's own mistake). A later failure, denial or non-arrival undoes
an earlier completion (补发了，结果提示已失效; 已退款，可是钱还没到); a later completion
settles an earlier problem (之前一直没到账，11月3日已到账); someone's claim stays a claim
until the buyer confirms it (客服说已退款 … 我查了确实到账了). A goal is resolved when its
last word is a completion.

The same value carries what the rules and the score ask of the entities: whether an
identifier, the resolution's date, evidence that is really there, an amount are named
(template-mode placeholders fill their slots), the channel, and whether the resolution
answers the complaint.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from .clauses import Clauses
from .context import MERCHANT_SIDE
from .events import Event
from .extract import Entities
from .lexicon import Lexicon
from .model import FAILURES, NOT_BEGUN, REST, Entity
from .phrases import PhraseMatcher, Scan, Scanner, sections

# Dimensions of a named product, each a mapping section of products.txt.
NAMED_DIMENSIONS = (("brand", "brands"), ("term", "terms"))
_PRODUCT_PREFIXES = ("goods:", *(f"{d}:" for d, _ in NAMED_DIMENSIONS))
# The kinds of goods, from products.txt; a product in two lists is of the first kind.
GOODS_KINDS = (("physical", "physical"), ("recharge", "recharge_like"), ("card", "card_like"),
               ("membership", "membership_like"), ("account", "account_like"))
# When several goals are resolved, the first here names the resolution.
PRIORITY = ("user_error", "settled", "refunded", "exchanged", "reshipped", "delivered")
CHANNEL_PRIORITY = ("third_party", "payment", "platform")
ID_SLOTS = frozenset({"order_id", "complaint_id"})
# Statuses a goal can end in, beyond "done".
UNDONE = frozenset({"negated", "failed"})
# A promise or a pending word about arrival after a completion undoes it (已退款，预计
# 3天到账); any other promise after it (还会再补偿) does not.
_ARRIVAL_AFTER = frozenset({"pending", "promised", "uncertain"})  # 补发了，估计已经到了
# Scopes that resolve only part of the problem (只补了1张, 当补偿, 手续费, 差价).
PARTIAL_SCOPES = frozenset({"partial", "fee", "difference", "compensation"})
# Failures that undo whatever was completed last (已补发，但我还没收到; 退款到账后又被扣回了).
# A resolution still to come after the last completion leaves the reason open.
# A refund under this share of the price paid is part of it (138 of 158, 19.9 of 199); a
# small deduction (98 of 100) is left to the reviewer.
SHORT_SHARE = 0.9
_STILL_TO_COME = frozenset({"pending", "promised", "conditional"})
_SETTLEMENT_OPEN = UNDONE | _STILL_TO_COME
_UNDO_LAST = frozenset({"still_missing", "taken_back"})
_OWED = frozenset({"promised", "reported"})  # a resolution the other party said it would give or gave


class ReasonState(NamedTuple):
    resolution: str               # the completed resolution, or "none"
    status: str                   # done, partial, a modality of events.MODALITIES, vague or none
    decisive: Optional[Event]     # the completing event, or the one that keeps it from done
    undone: Optional[Event]       # a completion that a later event undid (补发了，但还是无效)
    done: tuple[Event, ...]       # completions standing at the end
    blockers: tuple[Event, ...]   # when not done: every event that says so (denied, promised …)
    events: tuple[Event, ...]
    resolution_date: Optional[Entity]
    has_identifier: bool
    has_date: bool                # a date that can be the resolution's (or a date slot)
    has_evidence: bool            # evidence that is there (or an evidence slot)
    has_amount: bool
    has_detail: bool              # an amount or a parcel number
    channel: str
    venues: frozenset[str]
    venue_names: tuple[str, ...]  # each channel named as a venue once (黑猫投诉 and 黑猫 are one)
    issues: frozenset[str]
    answers_complaint: Optional[bool]


class StateReader:
    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        comp = lex["complaints"]
        self._issues = PhraseMatcher(
            [(name[len("issue_"):], e) for name in comp.sections if name.startswith("issue_")
             for _, e in sections(comp, [name])], scanner)
        self._answers = {k: frozenset(v.split()) for k, v in comp.mapping("answers").items()}
        self._demands = frozenset(comp.words("demands"))
        self._arrival = frozenset(lex["resolutions"].words("arrival")) | frozenset(
            lex["resolutions"].words("delivered"))
        products = lex["products"]
        self._products = PhraseMatcher(sections(products, ["products", "physical"]), scanner)
        self._kinds = [(kind, frozenset(products.words(section))) for kind, section in GOODS_KINDS]
        # Named products, by dimension: the brand (腾讯视频, Steam) and the term (月卡, 年卡).
        # Keyed in lower case: the matcher also finds steam, STEAM for Steam.
        self._named = {dimension: ({k.lower(): v for k, v in products.mapping(section).items()},
                                   PhraseMatcher(sections(products, [section]), scanner))
                       for dimension, section in NAMED_DIMENSIONS}
        self._shortfall = tuple(lex["grammar"].words("shortfall_before"))
        self._remainder = tuple(lex["grammar"].words("remainder"))
        self._accepts_part = tuple(lex["grammar"].words("accepts_part"))
        self._complaint_told = tuple(lex["grammar"].words("complaint_told"))
        self._not_needed = frozenset(lex["grammar"].words("not_needed"))
        self._undoes_all = frozenset(lex["grammar"].words("undoes_all"))

    def _part_accepted(self, done: tuple[Event, ...], norm: str) -> bool:
        """退了一百块，扣了二十八块手续费，这个我同意了: the buyer accepts the part, after it."""
        return bool(done) and any(norm.find(w, done[-1].end) >= 0 for w in self._accepts_part)

    def _missing_amounts(self, amounts: tuple[Entity, ...], norm: str) -> set[float]:
        """Amounts told as the part missing: 少到账50元, 还差30元, 把差的30块退给我了 (a refund
        of what was missing makes it whole)."""
        return {float(a.value) for a in amounts
                if a.role in ("", "refund") and norm[max(0, a.start - 4):a.start].rstrip("了").endswith(self._shortfall)}

    def _rest_amounts(self, amounts: tuple[Entity, ...], norm: str, done: tuple[Event, ...],
                      clauses: Clauses) -> tuple[Entity, ...]:
        """Amounts told as the rest of what was owed, in the clause of a refund done
        or the one after (剩下的50元11月8日也退了): a refund of its own, even when it equals the
        part before."""
        refunds = {clauses.at(e.start) for e in done if e.type == "refunded"}
        return tuple(a for a in amounts if a.role in ("", "refund")
                     and (clauses.at(a.start) in refunds or clauses.at(a.start) + 1 in refunds)  # 剩下的50元，也退了
                     and norm[max(0, a.start - 4):a.start].endswith(self._remainder))

    def told_issues(self, norm: str, clauses: Clauses) -> frozenset[str]:
        """The issues of a complaint the reason itself states (支付宝投诉的是退款, 投诉事由：
        未收到点卡), read to the end of that clause, when no complaint is given."""
        for word in self._complaint_told:
            at = norm.find(word)
            if at >= 0:
                start = at + len(word)
                while norm[start:start + 1] in (":", "：", " "):
                    start += 1
                return self.complaint_issues(norm[start:clauses.clause(start)[1]]) if start < len(norm) else frozenset()
        return frozenset()

    def complaint_issues(self, complaint_norm: str) -> frozenset[str]:
        issues = {m.label for m in self._issues.find(complaint_norm)}
        issues.update(f"goods:{k}" for k in self.goods_kinds(complaint_norm))
        issues.update(self.named(complaint_norm))
        return frozenset(issues)

    def named(self, text: "str | Scan", within: Optional[list[tuple[int, int]]] = None) -> set[str]:
        """The products named in ``text`` (or its spans), each as dimension:value
        (brand:tencent_video, term:year; products.txt [brands], [terms])."""
        out: set[str] = set()
        for dimension, (family, matcher) in self._named.items():
            out.update(f"{dimension}:{family[m.text.lower()]}" for m in matcher.find(text)
                       if m.text.lower() in family and (within is None or any(s <= m.start < e for s, e in within)))
        return out

    def goods_kinds(self, text: "str | Scan", within: Optional[list[tuple[int, int]]] = None) -> set[str]:
        """The kinds of goods (products.txt) named in ``text`` (or in its spans ``within``)."""
        out = set()
        for m in self._products.find(text):
            if within is not None and not any(s <= m.start < e for s, e in within):
                continue
            kind = next((k for k, words in self._kinds if m.text in words), "")
            if kind:
                out.add(kind)
        return out

    def read(self, events: tuple[Event, ...], entities: Entities, scan: Scan, clauses: Clauses, mode: str,
             channel: Optional[str], issues: frozenset[str]) -> ReasonState:
        resolution, status, decisive, undone, done, partial = self._resolve(events)
        if status == "done" and resolution == "refunded" and not entities.written \
                and _short_of_price(entities.amounts, self._missing_amounts(entities.amounts, scan.text),
                                    self._rest_amounts(entities.amounts, scan.text, done, clauses)) \
                and not self._part_accepted(done, scan.text):
            # 订单金额199元，退款到账19.9元: a refund well short of the price paid is part of it
            last = done[-1] if done else decisive  # the refund itself, not a promise it kept
            status, decisive, undone, partial, done = "partial", last, last, done, ()
        if status == "done" and entities.written and resolution not in ("settled", "user_error"):
            resolution = "settled"  # 和解协议已附 with the refund done: settled in writing
        slots = {str(p.value) for p in entities.placeholders} if mode == "template" else set()
        if status == "done":
            usable_dates = _resolution_dates(entities.dates, events, clauses,
                                             [m.start for m in entities.relative_dates])
        else:  # with nothing resolved there is no resolution date to tell apart: any date counts
            usable_dates = [d for d in entities.dates if d.role != "expiry"]
        named = frozenset(str(e.value) for e in entities.channels)
        if not named and not channel and (entities.written or entities.agreement_named):
            named = frozenset({"third_party"})  # a settlement agreement is a third-party matter
        main = channel or next((c for c in CHANNEL_PRIORITY if c in named), "unknown")
        amounts = [a for a in entities.amounts if a.role != "price"]
        return ReasonState(
            resolution=resolution,
            status=status,
            decisive=decisive,
            undone=undone,
            done=done,
            blockers=() if status == "done" else tuple(
                e for e in events if not e.past and (e.modality != "done" or e.type in FAILURES)),
            events=events,
            # a date beside a promise is not the resolution's (商家答应11月5日前退款)
            resolution_date=_resolution_date(usable_dates, decisive) if status == "done" else None,
            has_identifier=any(e.kind in ID_SLOTS for e in entities.identifiers) or bool(slots & ID_SLOTS),
            has_date=bool(usable_dates) or "date" in slots,
            # a parcel number is evidence, not an identifier
            has_evidence=any(not e.role for e in entities.evidence) or "evidence" in slots
            or any(e.kind == "tracking_no" for e in entities.identifiers),
            has_amount=bool(amounts) or "amount" in slots,
            has_detail=bool(amounts) or "amount" in slots or any(e.kind == "tracking_no" for e in entities.identifiers),
            channel=main,
            venues=named | {channel} if channel else named,
            issues=issues,
            answers_complaint=self._answers_complaint(issues, done or partial, self._delivered_kinds(
                done or partial, scan, clauses), resolution == "settled") if status in ("done", "partial") else None,
            venue_names=_distinct(entities.channels),
        )

    # -- reading order ------------------------------------------------------------------
    def _resolve(self, events: tuple[Event, ...]
                 ) -> tuple[str, str, Optional[Event], Optional[Event], tuple[Event, ...], tuple[Event, ...]]:
        """(resolution, status, decisive event, undone completion, completions, partial ones)."""
        goals: dict[str, tuple[str, Event]] = {}
        undid: dict[str, Event] = {}          # goal -> the completion its current state undid
        streak: dict[str, list[Event]] = {}   # completions of a goal since it was last undone
        problems: list[Event] = []
        vague: list[Event] = []
        unsolved: list[Event] = []
        last_done = ""
        for e in events:
            if e.restated or (e.past and e.type == "user_error"):
                continue  # said again for its date, or a slip on the way: nothing new happened
            if e.type == "vague":
                if e.modality == "negated" and not e.past and e.cue not in self._not_needed:
                    unsolved.append(e)  # 事情一点都没解决: the buyer says the problem stands (not 无需再处理)
                if e.modality == "done":
                    vague.append(e)
                elif e.actor == "bank" and goals.get("money", ("",))[0] == "done" and e.modality in _ARRIVAL_AFTER:
                    # 已原路退回，银行那边还在处理: the money is on its way, not here
                    undid["money"] = goals["money"][1]
                    goals["money"] = (e.modality, e)
                    streak["money"] = []
                elif "none" not in goals or goals["none"][0] != "done":
                    goals["none"] = (e.modality, e)  # 商家说会处理: a promise without a kind
                continue
            if e.type == "user_error" and e.actor in MERCHANT_SIDE:
                continue  # 商家(没有)充错: the merchant's mistake is the complaint, not the buyer's
            if e.type == "confirmed":
                continue  # the buyer's check: the claims before it are done (reasonlint.sequence.confirmed)
            if e.type == "unconfirmed":
                # 客服说已退款，我还没去查: the completions said so far are claims
                for g, (st, last) in list(goals.items()):
                    if st == "done" and last.start < e.start:
                        goals[g] = ("uncertain", e)
                        streak[g] = []
                continue
            if e.type in _UNDO_LAST and e.text in self._undoes_all and not e.past:
                # 两样都没做: every completion told so far is undone, not only the last
                for other, (st, last) in list(goals.items()):
                    if st == "done" and other != (last_done or "goods"):
                        undid[other] = last
                        goals[other] = ("negated", e)
                        streak[other] = []
            g = last_done or "goods" if e.type in _UNDO_LAST else e.goal
            cur = goals.get(g)
            is_done = cur is not None and cur[0] == "done"
            if e.type in FAILURES:
                if e.past:
                    continue
                problems.append(e)
                if is_done and cur is not None:
                    undid[g] = cur[1]
                    goals[g] = ("negated" if e.type == "still_missing" else "failed", e)
                    streak[g] = []
                elif cur is None or cur[0] != "done":
                    goals[g] = ("negated", e)  # 退款申请了，就是钱还没到: the last word is a denial
                _unsettle(goals, undid, streak, g, e)
                continue
            m = e.modality
            if m == "done":
                goals[g] = ("done", e)
                undid.pop(g, None)
                streak.setdefault(g, []).append(e)
                # 被取消了 after 签订和解协议: what was taken back is the goods; 还没到 after
                # 我看错了: what is missing is the goods, never the buyer's mistake
                if g != "settle" and g != "user":
                    last_done = g
            elif m in UNDONE:
                problems.append(e)
                if is_done and e.past:
                    continue
                if is_done and cur is not None:
                    undid[g] = cur[1]
                # 商家说给退钱退三十块，可是到现在还没退呢: said or promised, and not done: still to come
                owed = m == "negated" and cur is not None and cur[0] in _OWED and not e.past
                goals[g] = ("promised" if owed else m, e)
                streak[g] = []
            elif is_done:
                # 已到账 then 预计明天到账, 已退款 then 退款还在处理中: not here after all
                if cur is not None and not e.past and (
                        (m in _ARRIVAL_AFTER and e.text in self._arrival) or m == "pending"
                        or (m in _STILL_TO_COME and e.scope == REST)):
                    undid[g] = cur[1]
                    goals[g] = (m, e)
                    streak[g] = []
            else:
                goals[g] = (m, e)
                undid.pop(g, None)
            _unsettle(goals, undid, streak, g, e)
        completed = sorted((c for g, (st, _) in goals.items() if st == "done" for c in streak.get(g, ())),
                           key=lambda c: c.start)
        if completed:
            last_at = completed[-1].start
            later = [p for p in problems if p.start > last_at]
            # 退了另一单的二十块，这个号的事情一点都没解决呢: not solved, said after the last completion
            still = [u for u in unsolved if u.start > last_at]
            if still:
                return "none", "negated", still[-1], completed[-1], (), ()
            # 少发的补了，剩下的钱答应下周退: what is still to come is open
            waiting = [w for st, w in goals.values() if st in _STILL_TO_COME and w.concrete
                       and w.start > last_at and not w.past and w.scope != "compensation"]
            if waiting:
                return "none", waiting[0].modality, waiting[0], completed[-1], (), tuple(completed)
            # 签了书面和解协议，…，但是Q币到现在还没到账: what the settlement was to bring was
            # undone after it; the agreement alone settles nothing
            undone_after = [p for p in later if any(u.start < p.start for u in undid.values())]
            if undone_after and all(c.type == "settled" for c in completed):
                blocker = undone_after[-1]
                status = "negated" if blocker.type == "still_missing" or blocker.modality == "negated" else "failed"
                return "none", status, blocker, completed[-1], (), ()
            # only part of it (只补了1张), or a fee or compensation with a problem still after it
            # 签了和解协议，商家只补了一半: what the settlement settles came only in part
            settled_at = next((c.start for c in completed if c.type == "settled"), None)
            carried = [c for c in completed if settled_at is not None and c.start > settled_at and c.type != "settled"]
            if carried and all(c.scope == "partial" for c in carried):
                kind = next(t for t in PRIORITY if any(e.type == t for e in carried))
                return kind, "partial", carried[-1], carried[-1], (), tuple(completed)
            if all(e.scope == "partial" for e in completed) or (
                    all(e.scope in PARTIAL_SCOPES for e in completed) and later):
                blocker = later[0] if later else completed[-1]
                kind = next(t for t in PRIORITY if any(e.type == t for e in completed))
                return kind, "partial", blocker, completed[-1], (), tuple(completed)
            # what names the resolution: a full completion over a compensation on top of it
            # (补发点卡并额外补偿20元), and a claim the buyer confirmed over the check itself
            # (商家说已补发，我查了确实收到了: reshipped)
            full = [e for e in completed if e.scope not in PARTIAL_SCOPES] or completed
            confirmed = [e for e in events if e.modality in ("reported", "uncertain", "promised") and e.concrete
                         and any(c.goal == e.goal and c.start > e.start for c in full)]
            naming = full + confirmed
            resolution = next(t for t in PRIORITY if any(e.type == t for e in naming))
            decisive = next(e for e in reversed(naming) if e.type == resolution)
            # the claims the buyer confirmed are done too: 商家：已换成iOS卡 / 我：激活成功了 is an exchange
            done = tuple(sorted({*completed, *confirmed}, key=lambda c: c.start))
            return resolution, "done", decisive, None, done, ()
        if goals:
            goal, (st, decisive) = max(goals.items(), key=lambda kv: kv[1][1].start)
            return "none", st, decisive, undid.get(goal), (), ()
        if vague:
            return "none", "vague", vague[0], None, (), ()
        return "none", "none", None, None, (), ()

    def _delivered_kinds(self, done: tuple[Event, ...], scan: Scan, clauses: Clauses) -> set[str]:
        """The goods kinds and brands (brand:…) named beside the completions."""
        spans = [clauses.clause(e.start) for e in done]
        if not spans:
            return set()
        return self.goods_kinds(scan, spans) | self.named(scan, spans)

    def _answers_complaint(self, issues: frozenset[str], done: tuple[Event, ...],
                           delivered: set[str], settled: bool = False) -> Optional[bool]:
        """Whether the completed resolution answers the complaint; None if it can't be told.

        Besides the issue (未收到, 卡密无效 …), the goods: 点券 sent for a complaint about a
        会员 answer nothing. A 卡密 can carry any goods, so it never disagrees.
        """
        if any(e.type == "user_error" and not e.past for e in done):
            return True  # the buyer's own mistake, admitted, answers any complaint
        wanted = {i.partition(":")[2] for i in issues if i.startswith("goods:")}
        kinds = {k for k in delivered if ":" not in k}
        if wanted and kinds and "card" not in wanted | kinds and not wanted & kinds:
            return False
        # 补发了爱奇艺会员 for a complaint about 腾讯视频, 换成了月卡 for 年卡: another product
        for dimension, _ in NAMED_DIMENSIONS:
            asked = {i for i in issues if i.startswith(dimension + ":")}
            given = {d for d in delivered if d.startswith(dimension + ":")}
            if asked and given and not asked & given:
                return False
        issues = frozenset(i for i in issues if not i.startswith(_PRODUCT_PREFIXES))
        if not issues or not done:
            return None
        # a partial resolution answers only where its scope is named (double_charge => refunded:fee)
        keys = {f"{e.type}:{e.scope}" for e in done if e.scope} | {
            e.type for e in done if e.scope not in PARTIAL_SCOPES}
        if settled:
            keys.add("settled")  # 书面和解协议 with what it brought done: settled in writing
        # 商品与描述不符，要求退款: a demand for a refund is answered only by one, whatever
        # else the complaint says; otherwise one issue answered is enough
        demanded = [i for i in issues if i in self._demands and i in self._answers]
        if demanded:
            return all(keys & self._answers[i] for i in demanded)
        return any(keys & self._answers[i] for i in issues if i in self._answers) or not any(
            i in self._answers for i in issues)


# Beside these a date is the problem's (10月2日都还没到账); beside a claim that came true
# later (商家称11月6日已补发，我看了确实到账了) it may be the resolution's.
_DENIALS = frozenset({"negated", "failed"})
# Beside only modalities not begun (model.NOT_BEGUN) a date is when it was promised or
# asked for, when the completion tells its own day (11月5日商家答应补发，昨天收到了): not
# when it happened.
# Roles of a date that is never the resolution's.
_NEVER_RESOLVED = frozenset({"expiry", "purchase"})


def _resolution_dates(dates: tuple[Entity, ...], events: tuple[Event, ...], clauses: Clauses,
                      relative: "list[int] | None" = None) -> list[Entity]:
    """The dates that can be the resolution's: beside a completion (even with a cue:
    已于11月8日联系商家换成一区卡), else with no cue and no denial beside them (10月2日都
    还没到账 is the problem's date), or the date of a request that a completion later in
    its sentence granted (第三次申请11月10日通过了，而且已经退到账). A date of the expiry or
    the purchase never is."""
    # 11月5日商家答应补发，昨天收到了: the completion tells its own day, in words
    done_clauses = {clauses.at(e.start) for e in events if e.modality == "done" and e.concrete}
    told_own_day = any(clauses.at(p) in done_clauses for p in relative or ())
    out = []
    for d in dates:
        if d.role in _NEVER_RESOLVED:
            continue  # 11月5日下单时我把QQ号填错了: when it was bought, however done the clause
        k = clauses.at(d.start)
        beside = [e for e in events if clauses.at(e.start) == k] if k >= 0 else []
        if any(e.modality == "done" and e.concrete for e in beside):
            out.append(d)
        elif not d.role and not any(e.modality in _DENIALS or e.type in FAILURES for e in beside) \
                and not (told_own_day and beside and all(e.modality in NOT_BEGUN for e in beside)):
            out.append(d)
        elif d.role == "request" and any(
                e.modality == "done" and e.concrete and e.start > d.end
                and clauses.sentence(e.start) == clauses.sentence(d.start) for e in events):
            out.append(d)
    return out


def _distinct(channels: tuple[Entity, ...]) -> tuple[str, ...]:
    """Channel names, once each: a name inside another one (黑猫 in 黑猫投诉) is the same."""
    names: list[str] = []
    for name in sorted({str(e.text) for e in channels}, key=len, reverse=True):
        if not any(name in n for n in names):
            names.append(name)
    return tuple(sorted(names, key=lambda n: min(e.start for e in channels if e.text == n)))


def _short_of_price(amounts: tuple[Entity, ...], missing: set[float], rest: tuple[Entity, ...] = ()) -> bool:
    """The refunded amounts, each counted once, add up to under SHORT_SHARE of the smallest
    price named (先退了30元，又退了剩下的70元 is 100), and no amount ``missing`` (少到账50元)
    equals them. An amount said twice (退了50元，50元已到账) is one refund; one told as the
    ``rest`` (剩下的50元也退了) is a refund of its own."""
    prices = [float(a.value) for a in amounts if a.role == "price"]
    refunds = {float(a.value) for a in amounts if a.role == "refund" and a not in rest}
    if not prices or not refunds:
        return False
    refunded: float = sum(refunds)
    for a in rest:
        refunded += float(a.value)
    return refunded < SHORT_SHARE * min(prices) and refunded not in missing


def _resolution_date(dates: list[Entity], decisive: Optional[Event]) -> Optional[Entity]:
    """The date of the resolution: the usable one nearest the completing event."""
    if not dates or decisive is None:
        return None
    return min(dates, key=lambda d: abs(d.start - decisive.start))


def _unsettle(goals: dict[str, tuple[str, Event]], undid: dict[str, Event], streak: dict[str, list[Event]],
              g: str, e: Event) -> None:
    """双方签了和解协议，但商家还没按协议退款 / 退款正在处理中 / 另一张还没给: a settlement
    stands on what it settles, money or goods; what undoes that undoes the settlement."""
    settle = goals.get("settle")
    if g in ("money", "goods") and goals[g][0] in _SETTLEMENT_OPEN and settle is not None \
            and settle[0] == "done" and settle[1].start < e.start:
        undid["settle"] = settle[1]
        goals["settle"] = (goals[g][0], e)
        streak["settle"] = []

