"""What a later event of a reason says of an earlier one, read in order.

Each event of :mod:`events` is read from the words around its own action. These passes
then read the events in reading order, each returning a new list: a supposition that
runs on into the next clause, a refund said again without its scope, a completion
narrowed later to part of it (只退了一半), an outcome without a kind that is the state of
another order or of a form field, a completion said again only for its date.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .context import EventContext
from .model import FAILURES, Entity

if TYPE_CHECKING:
    from .events import Event


# What an outcome without a kind is when it is still to come.
_STILL_OPEN = frozenset({"pending", "promised"})
_SUPPOSED = frozenset({"hypothetical", "conditional"})
_ENUMERATION = frozenset("，,、")


def carry_supposition(events: list[Event], ctx: EventContext) -> list[Event]:
    """假如商家补充值了，100Q币到账，我就撤诉 / 若商家完成换货、激活成功…: a supposition
    runs on into the clause after it, joined by a comma, and so on clause by clause; a
    contrast (不过) or 已 there makes that one a fact of its own."""
    out: list[Event] = []
    supposed: Optional[Event] = None
    for e in events:
        if supposed is not None and e.concrete and e.modality == "done" and not e.past \
                and _supposition_reaches(supposed, e, ctx):
            e = e._replace(modality=supposed.modality, cue=supposed.cue)
        if e.concrete and e.modality in _SUPPOSED:
            supposed = e
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
    cs, _ = clauses.clauses[k1]
    lead = norm[cs:e.start]
    return "已" not in lead and not norm.startswith("已", e.start)


def restatements(events: list[Event], ctx: "EventContext") -> list[Event]:
    """换了一张新卡，还是充值失败，11月5日换的: a clause that ends on the action and 的,
    after an event of the same kind, says when that one happened; it is nothing new."""
    out: list[Event] = []
    seen: set[str] = set()   # goals that earlier events spoke of
    for e in events:
        if e.concrete and e.goal in seen and e.modality == "done" and ctx.ends_on_de(e):
            e = e._replace(restated=True)
        if e.concrete or (e.type in FAILURES and ctx.of_replacement(e)):
            seen.add(e.goal)
        out.append(e)
    return out


def status_value(start: int, ctx: "EventContext") -> bool:
    """处理状态：待处理 — what starts at ``start`` is the value of a form field that holds
    the state of the resolution."""
    if not ctx.grammar.status_field:
        return False
    line = ctx.norm[ctx.norm.rfind("\n", 0, start) + 1:start]
    colon = max(line.rfind("："), line.rfind(":"))
    return colon > 0 and len(line) - colon <= 3 and line[:colon].rstrip().endswith(ctx.grammar.status_field)


def still_open_for(events: list[Event], ctx: "EventContext", orders: tuple[Entity, ...]) -> list[Event]:
    """An outcome without a kind still to come is the resolution before it, still to come,
    when it is the state field of a form (处理方式：退款 … 处理状态：待处理) or is said of
    another order (2025112001已于11月21日补发，2025112002商家说还在处理中)."""
    out: list[Event] = []
    last: Optional[Event] = None
    for e in events:
        if e.type == "vague" and e.modality in _STILL_OPEN and last is not None and last.modality == "done" \
                and (status_value(e.start, ctx) or _of_another_order(e, last, ctx, orders)):
            e = e._replace(type=last.type, scope=last.scope)
        if e.concrete:
            last = e
        out.append(e)
    return out


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


def inherit_scopes(events: list[Event]) -> list[Event]:
    """A refund said again without its scope (11月5日退的) is the refund said before; an
    arrival after a compensation (补了300点券当补偿，11月1日到账) is the compensation's."""
    out: list[Event] = []
    last = ""            # the scope of the last refund
    last_concrete = ""   # the scope of the last resolution of any kind
    for e in events:
        if e.type == "refunded":
            if not e.scope:
                e = e._replace(scope=last or "full")
            last = e.scope
        elif e.type == "delivered" and not e.scope and last_concrete in ("compensation", "partial"):
            e = e._replace(scope=last_concrete)
        if e.concrete:
            last_concrete = e.scope
        out.append(e)
    return out
