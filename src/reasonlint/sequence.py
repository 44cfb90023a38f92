"""What a later event of a reason says of an earlier one, read in order.

Each event of :mod:`events` is read from the words around its own action. These passes
then read the events in reading order, each returning a new list: a supposition or a
claim that runs on into the next clause, an outcome without a kind that is the state of
another order or of a form field, an action that is the subject of one still to come
(退款60元将于3个工作日内退回), a refund said again without its scope, a completion
narrowed later to part of it (只退了一半) or counted short of the problem (5张坏了补了3张),
a completion said again only for its date.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from . import reports
from .clauses import BRACKETS, PUNCT
from .context import EventContext, is_turn
from .model import EMPTY_FIELD, FAILURES, GOODS_TYPES, NOT_FINISHED, Entity
from .numerals import NUMERAL_CHARS
from .numerals import parse as parse_numeral

if TYPE_CHECKING:
    from .events import Event


# What an outcome without a kind is when it is still to come.
_STILL_OPEN = frozenset({"pending", "promised"})
_SUPPOSED = frozenset({"hypothetical", "conditional"})
_ENUMERATION = frozenset("，,、")
ALSO_WINDOW = 4  # 点卡也已同日到账: how far before an arrival 也 sets it apart


def carry_supposition(events: list[Event], ctx: EventContext) -> list[Event]:
    """假如商家补充值了，100Q币到账，我就撤诉 / 若商家完成换货、激活成功…: a supposition
    runs on into the clause after it, joined by a comma, and so on clause by clause; a
    contrast (不过) or 已 there makes that one a fact of its own."""
    return _carried(events, lambda e: e.concrete and e.modality in _SUPPOSED,
                    lambda source, e: _supposition_reaches(source, e, ctx))


def _carried(events: list[Event], holds: "Callable[[Event], bool]",
             reaches: "Callable[[Event, Event], bool]") -> list[Event]:
    """Each completion that ``reaches`` says the last event that ``holds`` reaches takes
    that one's modality; it then holds in its turn, so a chain goes clause by clause."""
    out: list[Event] = []
    source: Optional[Event] = None
    for e in events:
        if source is not None and e.concrete and e.modality == "done" and not e.past and reaches(source, e):
            e = e._replace(modality=source.modality, cue=source.cue)
        if holds(e):
            source = e
        elif e.concrete or e.type in FAILURES:
            source = None
        out.append(e)
    return out


def _supposition_reaches(supposed: Event, e: Event, ctx: EventContext) -> bool:
    clauses, norm = ctx.clauses, ctx.norm
    k0, k1 = clauses.at(supposed.start), clauses.at(e.start)
    # only into the clause right after, across a comma (a chain goes on clause by clause)
    if k0 < 0 or k1 != k0 + 1 or clauses.ends[k0] not in _ENUMERATION:
        return False
    # 要是早点补发就好了，不过商家11月8日还是补发了: a contrast ends the supposition
    after = clauses.clauses[k0 + 1][0]
    if any(m.label == "scope_break" and after <= m.start < e.start for m in ctx.markers):
        return False
    cs, ce = clauses.clauses[k1]
    lead = norm[cs:e.start]
    if (e.text.endswith("了") or norm.startswith("了", e.end)) and ctx.dated(cs, ce):
        return False  # 我提供后11月6日退了45元: done on a day of its own, a fact
    return "已" not in lead and not norm.startswith("已", e.start)


_CLAIMED = frozenset({"reported", "uncertain"})


def carry_report(events: list[Event], ctx: EventContext) -> list[Event]:
    """客服说商家已处理完毕，已经补发了 / 客服跟我说已经退款了，退了50元: a claim runs on into
    the clause after it, across a comma, while that clause names no one who did it; a
    contrast (不过) or the buyer's own check there (我查了) ends it."""
    return _carried(events, lambda e: e.modality in _CLAIMED,
                    lambda claim, e: not e.actor and _claim_reaches(claim, e, ctx))


def _claim_reaches(claim: Event, e: Event, ctx: EventContext) -> bool:
    clauses, norm = ctx.clauses, ctx.norm
    k0, k1 = clauses.at(claim.start), clauses.at(e.start)
    if k0 < 0 or k1 != k0 + 1 or clauses.ends[k0] not in _ENUMERATION:
        return False
    cs, _ = clauses.clauses[k1]
    # a contrast ends it; a completion word (已经, 终于) goes on telling what was said
    if any(cs <= m.start < e.start and is_turn(m) for m in ctx.markers):
        return False
    lead = norm[cs:e.start]
    return not reports.names_own_check(ctx, lead)


def subject_takes_verb(events: list[Event], ctx: EventContext) -> list[Event]:
    """退款60元将于3个工作日内原路退回: an action word that is the subject of a later one of
    the same goal, in the same clause with no 已 between, is done only as that one is."""
    out = list(events)
    for k in range(len(events) - 1, 0, -1):
        e, prev = out[k], out[k - 1]
        if e.modality in NOT_FINISHED and e.concrete and prev.concrete and prev.modality == "done" \
                and prev.goal == e.goal and ctx.same_clause(prev.start, e.start):
            gap = ctx.norm[prev.end:e.start]
            if "已" not in gap and not any(c in _PAUSE for c in gap):
                out[k - 1] = prev._replace(modality=e.modality, cue=e.cue)
    return out


_PAUSE = PUNCT | BRACKETS


# A completion told, by the buyer or as another's claim: a failure after it fails it.
_SAID_DONE = frozenset({"done", "reported", "uncertain"})


def restatements(events: list[Event], ctx: "EventContext") -> list[Event]:
    """换了一张新卡，还是充值失败，11月5日换的 / 补发了但还是用不了，…，11月7日补发: a clause
    that ends on the action and 的 after an event of the same goal, or that holds only a
    date and an action of a kind that failed or was only claimed before, says when that one
    happened; it is nothing new."""
    out: list[Event] = []
    seen: set[str] = set()      # goals that earlier events spoke of
    failed: set[str] = set()    # kinds of action that failed before
    claimed: set[str] = set()   # goals only claimed so far
    done: set[str] = set()      # kinds of action told as done so far
    last: Optional[Event] = None  # the last resolution before
    for e in events:
        # 商家：补发了 / 我：11月21日收到的: the buyer's own chat line answers a claim
        answers_claim = e.goal in claimed and reports.own_line(ctx, e.start)
        if e.concrete and e.modality == "done" and not answers_claim and (
                (e.goal in seen and ctx.ends_on_de(e))
                or ((e.type in failed or e.goal in claimed) and ctx.only_dated(e))
                or (last is not None and _says_when(last, e, ctx))):
            e = e._replace(restated=True)
        if e.concrete:
            last = e
        if e.concrete or (e.type in FAILURES and ctx.of_replacement(e)):
            seen.add(e.goal)
        if e.concrete and e.modality in _CLAIMED:
            claimed.add(e.goal)  # 朋友说点卡已经充进去了，我还没亲自确认，…，11月13日补发: when the claim says
        elif e.concrete and e.modality == "done":
            claimed.discard(e.goal)
        if e.modality == "failed":
            failed.add(e.type)
        elif e.type in FAILURES:
            failed |= done
        elif e.concrete and e.modality in _SAID_DONE:
            done.add(e.type)
        out.append(e)
    return out


def fulfilled(events: list[Event], ctx: EventContext) -> list[Event]:
    """约定退款200元，商家已于11月14日履行完毕: a word later in the sentence that the terms
    were carried out (grammar.txt [fulfilled]) makes what was agreed or promised done; not
    when it is denied (商家至今未履行) or asked."""
    words = ctx.grammar.fulfilled
    if not words or not any(e.modality == "promised" for e in events):
        return events
    norm = ctx.norm
    out: list[Event] = []
    for e in events:
        if e.modality == "promised" and e.concrete:
            se = reports.sentence_after_end(ctx, e.start)  # its sentence and the next one
            for w in words:
                at = norm.find(w, e.end, se)
                if at >= 0 and not any(n in norm[max(0, at - 3):at] for n in ctx.grammar.not_said) \
                        and norm[at + len(w):at + len(w) + 1] not in _QUESTION_MARKS:
                    cs = ctx.clauses.clause(at)[0]
                    said = any(m.label in _SAYING and cs <= m.start < at for m in ctx.markers)
                    e = e._replace(modality="reported" if said else "done", cue=w)  # 商家说已履行: its claim
                    break
        out.append(e)
    return out


_QUESTION_MARKS = frozenset("?？吗")
_SAYING = frozenset({"report", "report_alone", "hedge"})


def conceded(events: list[Event], ctx: EventContext) -> list[Event]:
    """卡密仍然提示无效，虽然商家11月6日换了一张: a completion in a concessive clause after a
    failure of its sentence is conceded; the failure told first still stands after it."""
    if not ctx.grammar.concessive:
        return events
    out: list[Event] = []
    for e in events:
        if e.concrete and e.modality == "done":
            cs, _ = ctx.clauses.clause(e.start)
            if ctx.norm.startswith(ctx.grammar.concessive, ctx.after_fillers(cs)):
                ss = reports.sentence_before(ctx, e.start)  # 会员仍然开不了。虽然…
                failure = next((f for f in reversed(out) if ss <= f.start < cs and not f.past
                                and (f.type in FAILURES or f.modality in ("failed", "negated"))), None)
                if failure is not None:
                    e = e._replace(modality="failed", cue=failure.text)
        out.append(e)
    return out


def confirmed(events: list[Event]) -> list[Event]:
    """商家说换了一个寄过来，11月9号到的，我拆开看了是对的了: the buyer's own check that finds
    it right (a ``confirmed`` event) makes the claims before it the buyer's word: done."""
    at = max((e.start for e in events if e.type == "confirmed"), default=-1)
    if at < 0:
        return events
    return [e._replace(modality="done") if e.concrete and e.modality in _CLAIMED and e.start < at else e
            for e in events]


def _says_when(last: Event, e: Event, ctx: "EventContext") -> bool:
    """商家补偿了一张优惠券，11月4日发的: a clause of a date and an action with 的 right
    after a resolution told as done says when that one happened (是…的 points back)."""
    return last.modality == "done" and ctx.clauses.at(e.start) == ctx.clauses.at(last.start) + 1 \
        and ctx.only_dated(e) and ctx.ends_on_de(e)


def status_value(start: int, ctx: "EventContext") -> bool:
    """处理状态：待处理 — what starts at ``start`` is the value of a form field that holds
    the state of the resolution."""
    if not ctx.grammar.status_field:
        return False
    line = ctx.norm[ctx.norm.rfind("\n", 0, start) + 1:start]
    colon = max(line.rfind("："), line.rfind(":"))
    return colon > 0 and len(line) - colon <= 3 and line[:colon].rstrip().endswith(ctx.grammar.status_field)


def empty_outcomes(ctx: "EventContext") -> list[tuple[int, int]]:
    """处理结果：(nothing) — the spans of the labels of outcome fields left empty, each on
    a line of its own."""
    fields = ctx.grammar.outcome_field
    norm = ctx.norm
    if not fields or "\n" not in norm or (":" not in norm and "：" not in norm):
        return []
    out: list[tuple[int, int]] = []
    start = 0
    for line in norm.split("\n"):
        label = line.rstrip(" \t:：")
        if label != line.rstrip(" \t") and label.endswith(fields) and 0 < len(label) <= FIELD_LABEL_MAX:
            lead = len(line) - len(line.lstrip())
            out.append((start + lead, start + len(label)))
        start += len(line) + 1
    return out


# The longest field label read as one (退款处理结果 is six characters).
FIELD_LABEL_MAX = 8


def still_open_for(events: list[Event], ctx: "EventContext", orders: tuple[Entity, ...]) -> list[Event]:
    """An outcome without a kind still to come is the resolution before it, still to come,
    when it is the state field of a form (处理方式：退款 … 处理状态：待处理), is said of
    another order (2025112001已于11月21日补发，2025112002商家说还在处理中) or of the rest
    (到了100块，另外100块客服说在处理)."""
    out: list[Event] = []
    last: Optional[Event] = None
    for e in events:
        if e.type == "vague" and e.modality in _STILL_OPEN and last is not None and last.modality == "done" \
                and (e.cue == EMPTY_FIELD or status_value(e.start, ctx) or _of_another_order(e, last, ctx, orders)
                     or of_the_rest(e.start, ctx)):
            e = e._replace(type=last.type, scope=last.scope)
        if e.concrete:
            last = e
        out.append(e)
    return out


def of_the_rest(pos: int, ctx: "EventContext") -> bool:
    """The clause of ``pos`` opens with a word of the rest (剩下两张说再等等, 另外100块…)."""
    if not ctx.grammar.rest_open:
        return False
    start = ctx.after_fillers(ctx.clauses.clause(pos)[0])
    return ctx.norm.startswith(ctx.grammar.rest_open, start)


def _of_another_order(e: Event, done: Event, ctx: "EventContext", orders: tuple[Entity, ...]) -> bool:
    """``e``'s clause names an order, and not the one of the completion ``done`` (named in
    its clause, or else in the clause before it)."""
    if not orders:
        return False
    cs, ce = ctx.clauses.clause(e.start)
    here = {str(o.value) for o in orders if cs <= o.start < ce}
    if not here:
        return False
    k = ctx.clauses.at(done.start)
    there: set[str] = set()
    for j in (k, k - 1):
        if j >= 0 and not there:
            js, je = ctx.clauses.clauses[j]
            there = {str(o.value) for o in orders if js <= o.start < je}
    return bool(there) and not here & there


# How far before a part-completion its narrowing word may stand: 其中只有两张能用.
NARROW_LOOKBACK = 6


def narrowed(events: list[Event], ctx: "EventContext") -> list[Event]:
    """商家退款了，实际只退了150元: a later part-completion narrowed by 只 or 一半 tells how
    much of the completion said before came; that one was only part of it too."""
    narrow = ctx.grammar.restrict
    out = list(events)
    for k, e in enumerate(events):
        if e.scope != "partial" or e.modality != "done" or not narrow:
            continue
        # 实际只退了90元, 其中只有两张能用: the narrowing word before it in its clause, or 退了一半 after
        cs = ctx.clauses.clause(e.start)[0]
        near = ctx.norm[max(cs, e.start - NARROW_LOOKBACK):e.end + 3]
        if not any(w in near for w in narrow):
            continue
        for j in range(k):
            before = out[j]
            if before.goal == e.goal and before.modality == "done" and before.scope in ("", "full") \
                    and before.concrete and not ctx.same_clause(before.start, e.start):
                out[j] = before._replace(scope="partial")
    return out


def short_counts(events: list[Event], ctx: "EventContext") -> list[Event]:
    """5张坏了，商家补了3张 / 买了五张，补发了四张: a completion whose count falls short of
    the count told before it (the problem's, or the order's) covers only part of it.
    Completions of the same pieces in between add up: 到了3张，又补了2张 of 5张 is all."""
    done = [e for e in events if e.type in GOODS_TYPES and e.modality == "done" and e.scope in ("", "full")]
    measures = ctx.grammar.goods_measures
    if not done or not measures or not any(m in ctx.norm for m in measures):
        return events
    counts = _counts(ctx)
    if len(counts) < 2:
        return events
    attached = {}  # event start → the count right after its action (补了3张, 补发了三张)
    for e in events:
        at = e.end + 1 if ctx.norm.startswith("了", e.end) and not e.text.endswith("了") else e.end
        c = next((c for c in counts if c[0] == at), None)
        if c is not None:
            attached[e.start] = c
    taken = set(attached.values())
    out = list(events)
    for k, e in enumerate(events):
        own = attached.get(e.start)
        if own is None or e not in done:
            continue
        told = [c for c in counts if c[1] <= e.start and c not in taken and c[3] == own[3]]
        # 补发了2张，但我一共缺3张: the count of what is missing may come after
        missing = [c for c in counts if c[0] >= e.end and c not in taken and c[3] == own[3]
                   and ctx.norm[max(0, c[0] - 3):c[0]].endswith(ctx.grammar.shortfall_before)]
        if not told and not missing:
            continue
        problem = told[-1] if told else missing[0]
        # the completions of these pieces since the count told before (all of them up to
        # this one when the count comes after)
        since = [x for x in events[:k + 1] if x.type in GOODS_TYPES and x.modality == "done"
                 and (x.start > problem[0] or problem[0] > e.end)]
        got = sum(attached[x.start][2] for x in since if x.start in attached and attached[x.start][3] == own[3])
        if got < problem[2]:
            out[k] = e._replace(scope="partial")
    return out


def _counts(ctx: "EventContext") -> list[tuple[int, int, int, str]]:
    """(start, end, value, measure) of each count of pieces in the text, in order."""
    norm, g = ctx.norm, ctx.grammar
    found = []
    for measure in g.goods_measures:
        at = norm.find(measure)
        while at >= 0:
            s = at
            while s > 0 and (norm[s - 1].isdigit() or norm[s - 1] in NUMERAL_CHARS):
                s -= 1
            digits = norm[s:at]
            value = int(digits) if digits.isdecimal() and digits.isascii() else parse_numeral(digits)
            if value and not norm.startswith(g.span_after_count, at + 1):
                found.append((s, at + 1, value, measure))
            at = norm.find(measure, at + 1)
    found.sort()
    return found


def inherit_scopes(events: list[Event], ctx: EventContext) -> list[Event]:
    """A refund said again without its scope (11月5日退的) is the refund said before; an
    arrival after a compensation in goods (补了300点券当补偿，11月1日到账) is the compensation's,
    unless 也 tells it apart (点卡也已到账: the goods came as well); goods that arrive after a
    compensation in money (15元补偿已转，会员已经生效) are goods of their own."""
    out: list[Event] = []
    last = ""            # the scope of the last refund
    last_concrete = ""   # the scope of the last resolution of any kind
    last_type = ""       # and its type: goods that arrive are no money's compensation
    for e in events:
        if e.type == "refunded":
            if not e.scope:
                e = e._replace(scope=last or "full")
            last = e.scope
        elif e.type == "delivered" and not e.scope and last_concrete in ("compensation", "partial") \
                and not (last_concrete == "compensation" and last_type == "refunded") \
                and "也" not in ctx.norm[max(ctx.clauses.clause(e.start)[0], e.start - ALSO_WINDOW):e.start]:
            e = e._replace(scope=last_concrete)
        if e.concrete:
            last_concrete, last_type = e.scope, e.type
        out.append(e)
    return out
