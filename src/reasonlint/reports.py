"""Who says a resolution happened: the report look-ups of one action.

A resolution told by the merchant or its service (商家说已退款, 客服：已补发) is a claim, not
the buyer's confirmation. These look-ups find the report word or chat speaker that governs
an action, in its own clause, in a clause before it that ends with a report word or a colon,
in a quote, in the form fields under a report that opens the text, or named after it
(已经到账了（商家是这么说的）); and where the buyer's own check ends the report.
:mod:`reasonlint.events` asks :func:`report` for every action.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Optional

from .context import MERCHANT_SIDE, is_turn
from .phrases import Match
from .regexes import compiled

if TYPE_CHECKING:
    from .context import EventContext

ACTOR_WINDOW = 12      # how far before a report word its speaker may stand
# Whose word about a resolution is a claim, not the buyer's confirmation.
REPORTERS = frozenset({"merchant", "service", "others"})
_REPORT_LABELS = frozenset({"hedge", "report", "report_alone", "report_after"})
# What a chat line's time stamp is made of, around its speaker's name.
_TIME_CHARS = "0123456789-/:. \t[]()（）【】"
# A quote closed before a speaker's label on the same line: 我：“还没到账。” 商家：“已到账。”
_QUOTES = "”“\"'’‘「」『』"
_BRACKETED = compiled(r"[\[(（【][^\])）】\n]{0,12}[\])）】]")
# How many clauses back a report word ending its clause may govern an action.
REPORT_REACH = 4
_REPORT_JOINS = frozenset("，, \u3000")  # what may end a clause that reports the next
_SENTENCE_STOPS = frozenset("。.")  # what ends a sentence that only reports the next
_SOURCE_ENDS = _REPORT_JOINS  # 据客服反馈，… / 据客服反馈 订单号：…: what may end a clause naming the source


def report(ctx: EventContext, a: Match, before: list[Match], container: tuple[int, int]) -> tuple[str, bool]:
    """(the words that make the action a claim or a guess, whether it is a guess)."""
    if ctx.labels.isdisjoint(_REPORT_LABELS):
        # no report word anywhere, but a chat line may still have its speaker: 客服：已补发
        if ":" in ctx.norm and not _buyer_checked(ctx, a, container):
            return _after_report_colon(ctx, ctx.clauses.at(a.start)), False
        return "", False
    for m in reversed(before):
        if m.label == "hedge":
            if _hedges_the_date(ctx, m, a):
                continue  # 大概是11月6日到的账: unsure of the day, not of the arrival
            return m.text, True
        if m.label == "report_alone" or (m.label == "report" and _reporter(ctx, m) in REPORTERS):
            if checked_by_buyer(ctx, m.end, a.start) or _buyer_then_received(ctx, m.end, a):
                return "", False  # 客服说给补发了我让孙子看了已经到账了: the buyer's check comes between
            return m.text, False
        if m.label == "report_after" and m.end == a.start:
            return m.text, False  # 商家说的补发，我查了从来没有出现过: what was said, named
    # reported in the clause before: 客服告诉我，已经退款了 / 商家回复：“已补发，请查收”
    # — unless this clause is the buyer's own check (我查了确实到账了)
    if _buyer_checked(ctx, a, container):
        return "", False
    k = ctx.clauses.at(a.start)
    said = _after_report_colon(ctx, k)
    if said:
        return said, False
    for q_s, q_e in ctx.clauses.quotes:
        if q_s <= a.start < q_e:
            for m in ctx.markers_in(max(0, q_s - ACTOR_WINDOW), q_s, (max(0, q_s - ACTOR_WINDOW), q_s)):
                if m.label in ("report", "report_alone") and (
                        m.label == "report_alone" or _reporter(ctx, m) in REPORTERS):
                    return m.text, False
    if k > 0 and container[0] == ctx.clauses.clauses[k][0]:
        # 客服告诉我，已经退款了 / 对方表示，在11月6日的时候，已经，通过支付宝，把58元退给我了:
        # a report word ending a clause governs the clauses after it up to one that
        # names someone; but 客服已回复，点卡已补发 is the buyer's own account
        ss = ctx.clauses.sentence(ctx.clauses.clauses[k][0])[0]
        for j in range(k - 1, max(-1, k - 1 - REPORT_REACH), -1):
            ps, pe = ctx.clauses.clauses[j]
            # a colon, a sentence that is only the report (商家回复。已于11月4日补发), a comma
            # or, as typed in chat, a space (商家回复 已于11月4日补发)
            colon = ctx.clauses.ends[j] in "：:" or (j == k - 1 and _reports_alone(ctx, j))
            if (ps < ss and not colon) or not (colon and j == k - 1 or ctx.clauses.ends[j] in _REPORT_JOINS) \
                    or _opens_with_turn(ctx, ctx.clauses.clauses[j + 1][0]):
                break  # 商家也没回复，后来商家补发了: the buyer's account goes on
            for m in ctx.markers_in(ps, pe, (ps, pe)):
                if m.label in ("report", "report_alone") and _ends_clause(ctx, m.end, pe) \
                        and not ctx.norm[max(ps, m.start - 2):m.start].endswith(ctx.grammar.not_said) \
                        and (colon or m.label == "report_alone" or m.text in ctx.grammar.speech
                             or _replied(ctx, m, ps)) \
                        and (m.label == "report_alone" or _reporter(ctx, m) in REPORTERS):
                    return m.text, False
            k_actor = bisect_left(ctx.actor_starts, ps)
            if any(m.label == "buyer" for m in ctx.actors[k_actor:] if m.start < pe):
                break  # 我去查了一下: the buyer speaks again, what follows is his account
    # named after it: 已经到账了（商家是这么说的）
    sentence_end = ctx.clauses.sentence(a.start)[1]
    k2 = bisect_right(ctx.starts, a.end)
    while k2 < len(ctx.markers) and ctx.markers[k2].start < sentence_end:
        m = ctx.markers[k2]
        if m.label == "report_after":
            return m.text, False
        k2 += 1
    return "", False


def _opens_with_turn(ctx: EventContext, cs: int) -> bool:
    """The clause at ``cs`` opens with a contrast or a turn of time (但是, 后来)."""
    k = bisect_left(ctx.starts, cs)
    return k < len(ctx.markers) and ctx.markers[k].start == cs and is_turn(ctx.markers[k])


def _buyer_checked(ctx: EventContext, a: Match, container: tuple[int, int]) -> bool:
    """我查了确实到账了: the buyer, subject of the action's clause, checked it."""
    if ctx.actor_before(a.start) != "buyer":
        return False
    return names_own_check(ctx, ctx.norm[container[0]:a.start])


def _buyer_checks(ctx: EventContext, cs: int, ce: int) -> bool:
    """The clause ``[cs, ce)`` is the buyer checking (我上游戏看了, 我查了支付宝)."""
    k = bisect_left(ctx.actor_starts, cs)
    if not (k < len(ctx.actors) and ctx.actors[k].start < ce and ctx.actors[k].label == "buyer"):
        return False
    return names_own_check(ctx, ctx.norm[ctx.actors[k].end:ce])


def names_own_check(ctx: EventContext, words: str) -> bool:
    """Words of the buyer's own check (modality.txt [own_check]) among ``words``."""
    return any(w in words for w in ctx.own_check_words)


def _after_report_colon(ctx: EventContext, k: int) -> str:
    """客服告诉我：已补发，订单号…，截图已附。 — a report word before a colon (or in a
    据 clause before a comma) governs its sentence to the end."""
    if k <= 0:
        return ""
    ss, _ = ctx.clauses.sentence(ctx.clauses.clauses[k][0])
    for j in range(k - 1, -1, -1):
        ps, pe = ctx.clauses.clauses[j]
        alone = j == k - 1 and _reports_alone(ctx, j)  # 据客服反馈。订单号：…
        if (ps < ss and not alone) or _buyer_checks(ctx, ps, pe):
            break  # …，我上游戏看了，钻石已到账: the buyer's own account from there on
        # 据客服反馈，… names the source of the whole sentence, as a colon does
        if ctx.clauses.ends[j] in "：:" or alone or (ctx.clauses.ends[j] in _SOURCE_ENDS and _opens_with_source(ctx, ps)):
            if _quote_closed_before(ctx, pe, ctx.clauses.clauses[k][0]):
                break  # 商家回复：“已退回”我看了下支付宝…: the report is the quote
            said = _closing_report(ctx, ps, pe)
            if said:
                return said
            # a chat line's speaker governs the line to its end (商家：亲，点卡已经重新发到您账户了)
            if ctx.clauses.ends[j] in "：:" and (j == k - 1 or "\n" not in ctx.norm[pe:ctx.clauses.clauses[k][0]]):
                speaker = _speaker(ctx, _after_greetings(ctx, ss, pe), pe)  # the line up to its colon
                if speaker:
                    return speaker
    return _form_reported(ctx, k, ss)


def _quote_closed_before(ctx: EventContext, colon: int, pos: int) -> bool:
    """A quote opens right after the colon at ``colon`` and closes before ``pos``."""
    return any(colon < qs <= colon + 2 and qe <= pos for qs, qe in ctx.clauses.quotes)


def _form_reported(ctx: EventContext, k: int, sentence_start: int) -> str:
    """据客服反馈，订单号：…\n处理结果：已退款 — a report that opens the text governs the
    form fields on the lines after it, as it governs its own sentence."""
    opening = _opening_clause(ctx)
    ps, pe = ctx.clauses.clauses[opening]
    end = ctx.clauses.ends[opening]
    alone = _reports_alone(ctx, opening)  # 据客服反馈。\n处理结果：已退款
    if sentence_start == 0 or not (end in "：:" or alone or (end in _SOURCE_ENDS and _opens_with_source(ctx, ps))):
        return ""
    cs = ctx.clauses.clauses[k][0]
    # a field starts its line, or follows a ；(订单号：…；处理结果：已补发, 【处理结果】已补发)
    line_start = max(ctx.norm.rfind(c, 0, cs) for c in "\n；;") + 1
    line = ctx.norm[line_start:cs]
    if line_start <= pe:
        return ""
    if "：" not in line and ":" not in line and not ctx.norm[line_start:].lstrip().startswith("【"):
        # 据客服反馈，<p>商家已退款</p>: the line right after the report's own line is
        # its sentence broken by a line break; any later one is a line of its own
        first = ctx.norm[pe + 1:].lstrip(" ,，")
        if not first.startswith("\n") or sentence_start != len(ctx.norm) - len(first.lstrip()):
            return ""
    return _closing_report(ctx, ps, pe)


def _opening_clause(ctx: EventContext) -> int:
    """The clause that opens the text, after greetings of their own (您好，据客服反馈，…;
    好的，您好啊，…)."""
    k = 0
    while k + 1 < len(ctx.clauses.clauses) and _greets(ctx, *ctx.clauses.clauses[k]):
        k += 1
    return k


def _greets(ctx: EventContext, s: int, e: int) -> bool:
    """The clause only greets, or holds nothing but fillers (嗯嗯，)."""
    said = ctx.bare(s, e)
    return not said or said in ctx.grammar.greetings


def _after_greetings(ctx: EventContext, start: int, end: int) -> int:
    """Where a line that starts at ``start`` says something, past the greeting clauses and
    filler words that open it (您好，[2026-11-03 10:21] 客服：)."""
    k = ctx.clauses.at(start)
    while 0 <= k < len(ctx.clauses.clauses) - 1 and ctx.clauses.clauses[k + 1][0] < end \
            and _greets(ctx, *ctx.clauses.clauses[k]):
        k += 1
    return ctx.after_fillers(max(start, ctx.clauses.clauses[k][0]) if k >= 0 else start)


def _reports_alone(ctx: EventContext, j: int) -> bool:
    """Clause ``j`` is a sentence of its own that holds only a report (商家回复。, 据客服反馈。):
    what it reports is the sentence after it."""
    ps, pe = ctx.clauses.clauses[j]
    if ctx.clauses.ends[j] not in _SENTENCE_STOPS:
        return False
    ss, _ = ctx.clauses.sentence(ps)
    if not all(_greets(ctx, *ctx.clauses.clauses[i]) for i in range(max(ctx.clauses.at(ss), 0), j)):
        return False  # 您好，卖家回复。: only greetings may stand before it in its sentence
    lead = ctx.norm[ctx.after_fillers(ps):pe]
    return bool(_closing_report(ctx, ps, pe)) and (lead.startswith("据") or any(ps <= m.start < pe for m in ctx.actors))


def _opens_with_source(ctx: EventContext, ps: int) -> bool:
    """据客服反馈，…, 其实据客服反馈，…: the clause names the source of what follows."""
    return ctx.norm.startswith("据", ctx.after_fillers(ps))


def _ends_clause(ctx: EventContext, end: int, pe: int) -> bool:
    """Nothing but spaces and particles after ``end`` in its clause (商家回复啊，)."""
    return not ctx.norm[end:pe].strip().rstrip(ctx.grammar.trailing_particles).strip()


def _closing_report(ctx: EventContext, ps: int, pe: int) -> str:
    """The report word that ends the clause ps–pe (客服告诉我：, 据客服反馈，), said by a
    party whose word is a claim; "" if none."""
    for m in ctx.markers_in(ps, pe, (ps, pe)):
        if m.label in ("report", "report_alone") and _ends_clause(ctx, m.end, pe) \
                and (m.label == "report_alone" or _reporter(ctx, m) in REPORTERS):
            return m.text
    return ""


def own_line(ctx: EventContext, pos: int) -> bool:
    """The chat line holding ``pos`` is the buyer's (我：11月20日签收了，卡是好的)."""
    return line_party(ctx, pos) == "buyer"


def line_party(ctx: EventContext, pos: int) -> str:
    """The party whose chat line holds ``pos`` (商家：…, 我：…), or "" for no such line."""
    line_start = ctx.norm.rfind("\n", 0, pos) + 1
    colon = min((i for i in (ctx.norm.find("：", line_start, pos), ctx.norm.find(":", line_start, pos)) if i >= 0),
                default=-1)
    label = _label(ctx, line_start, colon) if colon >= 0 else None
    return label.label if label is not None else ""


def _label(ctx: EventContext, start: int, end: int) -> Optional[Match]:
    """The party of a chat line's label ``[start, end)``: nothing but it (and a time) there."""
    i = bisect_left(ctx.actor_starts, start)
    if i >= len(ctx.actors) or ctx.actors[i].end > end:
        return None
    actor = ctx.actors[i]
    rest = ctx.norm[start:actor.start] + ctx.norm[actor.end:end]
    return None if _BRACKETED.sub("", rest).strip(_TIME_CHARS + _QUOTES) else actor


def _speaker(ctx: EventContext, start: int, end: int) -> str:
    """[2026-11-03 10:21] 客服： / 卖家 2026/11/08 21:10： — a chat line's speaker
    label: nothing but the party (and a time) before the colon. The merchant's side
    speaking makes the line its claim; the buyer's own lines are the buyer's word."""
    actor = _label(ctx, start, end)
    return actor.text if actor is not None and actor.label in REPORTERS else ""


def _replied(ctx: EventContext, m: Match, clause_start: int) -> bool:
    """商家回复，… / 据客服反馈，…: a reply word whose content follows the comma."""
    if m.text not in ctx.grammar.reply:
        return False
    lead = ctx.norm[clause_start:m.start]
    return "据" in lead or not lead.endswith(ctx.grammar.reply_told_done)


def _reporter(ctx: EventContext, m: Match) -> str:
    actor = ctx.actor_before(m.start, ACTOR_WINDOW)
    k = bisect_left(ctx.actor_starts, m.start) - 1
    if actor and k >= 1 and ctx.actors[k].end == m.start:
        # 商家联系我说…, 我跟商家说…: the one right before 说 was told; who told them
        # stands before (the buyer's own word when that is the buyer)
        told = ctx.actors[k]
        cs, _ = ctx.clauses.clause(m.start)
        before = ctx.actors[k - 1]
        addressed = ctx.norm[told.start - 1:told.start] in ctx.grammar.addressee
        if before.start >= max(cs, m.start - ACTOR_WINDOW) and before.label != told.label and (
                addressed or told.label == "buyer"):
            actor = before.label
    elif actor and k >= 1 and ctx.norm[ctx.actors[k].start - 1:ctx.actors[k].start] in ctx.grammar.addressee \
            and ctx.actors[k - 1].start >= m.start - ACTOR_WINDOW and ctx.actors[k - 1].label != ctx.actors[k].label:
        # 同学帮我登上去看了一眼，说…: the actor after 帮 is its object; who speaks stands before
        actor = ctx.actors[k - 1].label
    if not actor:
        # 朋友帮我问的，说商家已经补发了 / 商家先说…，又说是我看错了: the speaker is named
        # in the clause before (an adverb may stand before 说)
        cs, _ = ctx.clauses.clause(m.start)
        if len(ctx.norm[ctx.after_fillers(cs):m.start].strip()) <= 1:  # 然后说…: a filler adds nothing
            k = ctx.clauses.at(m.start)
            if k > 0:  # the clause's subject: its first actor
                ps, pe = ctx.clauses.clauses[k - 1]
                i = bisect_left(ctx.actor_starts, ps)
                actor = ctx.actors[i].label if i < len(ctx.actors) and ctx.actors[i].start < pe else ""
        space = ctx.norm.rfind(" ", cs, m.start)  # typed in chat, a space parts the clause too
        if not actor and m.text in ctx.grammar.speech \
                and _only_a_date(ctx, space + 1 if space >= 0 else ctx.after_fillers(cs), m.start):
            actor = "others"  # 未到账 … 11月23日说开通: someone unnamed said so, not the buyer
    if m.text == "显示" and actor not in MERCHANT_SIDE:
        return ""  # 系统显示已发货 is the system's record, not someone's word
    return actor


def _only_a_date(ctx: EventContext, start: int, end: int) -> bool:
    """Nothing but a date stands in ``[start, end)`` (spaces aside)."""
    lead = ctx.norm[start:end]
    s = start + len(lead) - len(lead.lstrip())
    e = end - (len(lead) - len(lead.rstrip()))
    return s < e and any(d.start == s and d.end == e for d in ctx.dates)


def checked_by_buyer(ctx: EventContext, start: int, end: int) -> bool:
    """Between ``start`` and ``end`` the buyer checks (我拆开看了, 我让孙子看了): a buyer
    actor as the subject, then a word of the buyer's own check; not 给我看了一个截图, where
    the buyer is shown something."""
    k = bisect_left(ctx.actor_starts, start)
    while k < len(ctx.actors) and ctx.actors[k].start < end:
        actor = ctx.actors[k]
        if actor.label == "buyer" and ctx.norm[actor.start - 1:actor.start] not in ctx.grammar.addressee \
                and names_own_check(ctx, ctx.norm[actor.end:end]):
            return True
        k += 1
    return False


def _buyer_then_received(ctx: EventContext, start: int, a: Match) -> bool:
    """商家那边说…补发了然后我就收到了: after a word that goes on to what came next (然后,
    后来), the buyer is the subject of the arrival: the buyer's own word, typed unbroken."""
    if a.label != "delivered":
        return False
    k = bisect_left(ctx.actor_starts, start)
    while k < len(ctx.actors) and ctx.actors[k].end <= a.start:
        actor = ctx.actors[k]
        gap = ctx.norm[actor.end:a.start]
        if actor.label == "buyer" and len(gap) <= 2 and not any(c in _REPORT_JOINS or c in _SENTENCE_STOPS for c in gap):
            lead = ctx.norm[start:actor.start]
            return any(w in lead for w in ctx.grammar.filler_lead) or any(
                start <= m.start < actor.start and is_turn(m) for m in ctx.markers)
        k += 1
    return False


def _hedges_the_date(ctx: EventContext, m: Match, a: Match) -> bool:
    """The hedge stands right before a date (是 between at most) that stands right before
    the action: what it doubts is the day."""
    return any(m.end <= d.start <= m.end + 1 and d.end <= a.start <= d.end + 1 for d in ctx.dates)


def sentence_before(ctx: EventContext, pos: int) -> int:
    """Where the sentence before the one holding ``pos`` starts (its own start if none)."""
    k = bisect_right(ctx.clauses.sentences, (pos, 1 << 62)) - 1
    return ctx.clauses.sentences[k - 1][0] if k > 0 else ctx.clauses.sentence(pos)[0]


def sentence_after_end(ctx: EventContext, pos: int) -> int:
    """Where the sentence after the one holding ``pos`` ends (its own end if none)."""
    k = bisect_right(ctx.clauses.sentences, (pos, 1 << 62)) - 1
    sentences = ctx.clauses.sentences
    return sentences[k + 1][1] if 0 <= k + 1 < len(sentences) else ctx.clauses.sentence(pos)[1]
