"""Scope: how much of the problem a resolution covers, and whether an arrival is money.

Read for each action from the scope cues around it (resolutions.txt [fee], [partial],
[compensation] …), the amounts beside it and the function words of grammar.txt:
"partial" (只补了1张, 退一半), "compensation" (当补偿), "fee" (手续费), "difference",
"working" (充值成功: the goods work), "full", or "" when nothing says.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from .clauses import PUNCT
from .context import EventContext
from .lexicon import Lexicon
from .numerals import COUNT_CHARS
from .phrases import Match
from .regexes import compiled

if TYPE_CHECKING:
    from .events import Event

SCOPE_CUE_WINDOW = 8   # 5元手续费退给我: a fee or compensation word near a refund
# How far before an action 剩下的 may stand: 把剩下的49.5元也退了.
REMAINDER_WINDOW = 10
# How far after a word of something missing the money may be named: 没看到这笔钱.
MISSING_MONEY_WINDOW = 5
OBJECT_WINDOW = 6      # 发了一张10元优惠券: how far after a goods action its object may stand


class ScopeReader:
    """The scope of each action, and which arrivals are of money, from the lexicons."""

    def __init__(self, lex: dict[str, Lexicon]) -> None:
        res = lex["resolutions"]
        words = lex["grammar"].words
        self._arrival = frozenset(res.words("arrival"))
        self._compensation = frozenset(res.words("compensation"))
        self._working = frozenset(res.words("working"))
        self._whole_price = tuple(words("whole_price"))
        self._working_after = tuple(words("working_after"))
        self._working_lead = tuple(res.words("working_lead"))
        self._top_up = tuple(words("top_up"))
        self._whole_before = tuple(words("whole_refund_before"))
        self._goods_price = tuple(words("goods_price"))
        self._agreed_terms = tuple(words("agreed_terms"))
        self._extra_before = tuple(words("extra_before"))
        self._money_before = tuple(words("money_before"))
        self._goods_money = tuple(words("goods_money"))
        self._success = frozenset(words("refund_success"))
        self._product_words = tuple(lex["products"].words("products"))
        self._not_money = "".join(words("not_money_before"))
        # A count between a part cue and its action: 只有两张能用, 仅3笔 (lexicon [goods_measure],
        # [count_measure]).
        measures = "".join(words("goods_measure")) + "".join(words("count_measure"))
        self._count = compiled(rf"[0-9{re.escape(COUNT_CHARS)}]+[{re.escape(measures)}]")

    def scope(self, a: Match, ctx: EventContext) -> str:
        """How much of the problem a resolution covers: "partial" (只补了1张, 退一半),
        "compensation" (当补偿), "fee" (手续费 — refunds only), "full", or "" when
        nothing says (a refund then takes the scope of the refund before it)."""
        if a.text in self._compensation:
            # 全额赔付, 赔付了全款: the whole price paid back is a full refund's worth
            near = ctx.norm[max(0, a.start - 2):a.end + 4]
            extra = ctx.norm[max(0, a.start - 3):a.start].endswith(self._extra_before)
            if a.label == "refunded" and (any(w in near for w in self._whole_price)
                                          or (self._agreed_part(a, ctx) and not extra)):
                # 与商家协商一致：…商家补偿差价45元: the terms both sides agreed; not 补发点卡并额外
                # 补偿20元, a compensation on top of another fix
                return "full"
            return "compensation"
        if any(c.label == "partial" and c.end <= a.start and self._count.fullmatch(ctx.norm, c.end, a.start)
               and ctx.same_clause(c.start, a.start) for c in ctx.scope_cues):
            return "partial"  # 只补了两张, 其中只有两张能用: a count of them, not all
        cs = ctx.clauses.clause(a.start)[0]
        if a.text in self._working or ctx.norm.startswith(self._working_after, a.end) \
                or ctx.norm[max(0, a.start - 2):a.start] in self._working_after \
                or (a.label == "delivered" and any(w in ctx.norm[cs:a.start] for w in self._working_lead)):
            return "working"  # 已充值成功, 已成功充值到账, 兑换后会员已到账
        lead = ctx.norm[max(cs, a.start - REMAINDER_WINDOW):a.start]
        then = a.end + 1 if ctx.norm.startswith("了", a.end) else a.end
        if any(w in lead for w in ctx.grammar.remainder) or ctx.norm.startswith(ctx.grammar.remainder, then) \
                or (a.label == "refunded" and a.text.startswith(self._top_up)) \
                or ctx.norm.startswith(ctx.grammar.remainder, ctx.after_fillers(cs)):  # 其余的也在12月13日退完了
            return "full"  # 剩下的49.5元也退了, 又退了剩下的70元: the rest, so the whole
        whole = a.label == "refunded" and (a.text.startswith("全") or ctx.norm[max(0, a.start - 2):a.start].endswith(
            self._whole_before) or any(w in ctx.norm[cs:a.start] for w in self._goods_price))
        for c in ctx.scope_cues:
            if not ctx.same_clause(c.start, a.start):
                continue
            if c.label == "partial":  # 只退了, 退一半, and 部分退款 (the cue begins the action)
                # (大部分已补发: a longer cue ends with 已 or less before the action)
                if a.start - 2 <= c.start <= a.start or a.start - 2 <= c.end <= a.start or a.end <= c.start <= a.end + 2:
                    return "full" if a.label == "refunded" and self._agreed_part(a, ctx) else "partial"
            elif c.label == "compensation_object" and a.label != "refunded":
                # 商家补了点积分, 发了一张10元优惠券: what was given is a compensation, not the goods
                if a.end <= c.start <= a.end + OBJECT_WINDOW and not any(ch in PUNCT for ch in ctx.norm[a.end:c.start]):
                    return "compensation"
            elif c.label == "as_compensation" or (a.label == "refunded" and not whole):
                # 全额退款（含手续费）: the fee is part of the whole, not what was refunded
                gap = c.start - a.end if c.start >= a.end else a.start - c.end
                if gap <= SCOPE_CUE_WINDOW:
                    return c.label if c.label in ("fee", "difference") else "compensation"
        if a.label != "refunded":
            return ""
        if whole:
            return "full"
        for amount in ctx.amounts:
            if amount.role in ("fee", "compensation") and ctx.same_clause(amount.start, a.start):
                return amount.role
        return ""

    def _agreed_part(self, a: Match, ctx: EventContext) -> bool:
        """双方协商一致只退一半货款50元, 协商一致：商家补偿差价45元: the part refund or the
        compensation is the terms both sides agreed."""
        ss = ctx.clauses.sentence(a.start)[0]
        lead = ctx.norm[ss:a.start]
        return any(w in lead for w in self._agreed_terms)

    def money_arrivals(self, events: list[Event], ctx: EventContext) -> list[Event]:
        """到账 after a refund, or of money (38元已到账, 钱已到账), is the refund arriving;
        a word that something is missing, told of the money after a refund (我卡里到现在没看到
        这笔钱), is the refund not arriving."""
        out: list[Event] = []
        last: Optional[Event] = None
        refunded = False
        for e in events:
            if e.type == "delivered" and (
                    (e.text in self._arrival and self._of_money(e, last, ctx, events))
                    or (e.text in self._success and last is not None and last.type == "refunded"
                        and ctx.same_clause(last.start, e.start))):
                # 退款显示成功了: the success of the refund in its clause, not goods working
                e = e._replace(type="refunded", scope=e.scope if e.scope == "partial" else "")
            elif e.type == "still_missing" and refunded and not e.past and self._missing_money(e, ctx):
                e = e._replace(type="money_failure")
            refunded = refunded or (e.type == "refunded" and e.concrete)
            if e.concrete:
                last = e
            out.append(e)
        return out

    def _missing_money(self, e: Event, ctx: EventContext) -> bool:
        """没看到这笔钱, 银行卡里没看到: the money named right after the word, or the bank
        before it, in its clause."""
        if e.actor == "bank":
            return True
        tail = ctx.norm[e.end:min(ctx.clauses.clause(e.start)[1], e.end + MISSING_MONEY_WINDOW)]
        return any(_names_money(tail, w, self._not_money) for w in self._money_before) \
            and not any(w in tail for w in self._goods_money)

    def _of_money(self, e: Event, last: Optional[Event], ctx: EventContext, events: list[Event]) -> bool:
        cs = ctx.clauses.clause(e.start)[0]
        clause_lead = ctx.norm[cs:e.start]
        names_money = any(_names_money(clause_lead, w, self._not_money) for w in self._money_before)
        opens = ctx.after_fillers(cs)
        if ctx.norm.startswith(self._money_before, opens) and not ctx.norm.startswith(self._goods_money, opens):
            return True  # 钱我11月5日是收到了: the money, the topic the clause opens with (not 钱包余额)
        if not names_money and any(w in clause_lead for w in self._product_words):
            return False  # 赔偿了10元，但是Q币到现在还没到账: the goods, named as its subject
        if last is not None and last.type == "refunded":
            return True
        # 收到商家退款40元: what was received is named after it
        nxt = next((x for x in events if x.start >= e.end), None)
        if nxt is not None and nxt.type == "refunded" and nxt.start - e.end <= 6 and ctx.same_clause(e.start, nxt.start):
            return True
        lead = ctx.norm[max(0, e.start - 4):e.start]
        if any(w in lead for w in self._goods_money):
            return False  # Steam钱包余额多了100元: the goods, topped up
        if any(w in lead for w in self._money_before):  # not 元: 元宝已到账 is goods
            return True
        # 已退款，…，可是钱到现在还没到账: after a refund, the money named as the clause's
        # subject further back
        if names_money and e.modality != "done" and not any(w in clause_lead for w in self._goods_money) \
                and any(x.type == "refunded" and x.start < e.start for x in events):
            return True
        # 38元已到账; 确实多了25元 (an amount after only for 多了: 只到了25元 may be goods)
        return any((a.end <= e.start <= a.end + 4 or ("多" in e.text and e.end <= a.start <= e.end + 1))
                   and a.role != "price" and ctx.same_clause(a.start, e.start) for a in ctx.amounts)


def _names_money(lead: str, word: str, not_before: str) -> bool:
    """``word`` (钱, 款) in ``lead`` as the money itself, not the buyer's 付款 or a 货款
    (a character of ``not_before`` right before it)."""
    at = lead.find(word)
    while at >= 0:
        if at == 0 or lead[at - 1] not in not_before:
            return True
        at = lead.find(word, at + 1)
    return False
