"""Nouns: resolution words that name or describe something rather than tell an action.

退款金额, 退款流程很快 (a head noun after the action), 退款20元的事 (a matter talked of),
商家发来的退款截图 (the evidence it describes), 截图是商家发的 (who sent the evidence),
截图已经补上了 (the evidence added), 收到了商家的道歉 (a message received). Each is read
from the words right around the phrase, with the lexicon sections named below.
"""
from __future__ import annotations

from typing import Callable

from .clauses import PUNCT
from .lexicon import Lexicon
from .model import Entity
from .phrases import Match

EVIDENCE_AFTER_DE = 3  # 发来的退款截图: how far after 的 the evidence noun may start
EVIDENCE_AFTER_DE_LONG = 8  # 发了一个退款成功的截图: further, when a 的 ends the words between
_DE_OR_MEASURE = frozenset("的张个份条")
# How far after a receiving word what it received may be named: 收到了商家的道歉.
MESSAGE_OBJECT_WINDOW = 4
COMPLAINT_TOLD_REACH = 8  # 投诉事由： 退款: how far back the words that state the complaint may end


class NounReader:
    """Which resolution phrases of a text only name or describe something."""

    def __init__(self, lex: dict[str, Lexicon]) -> None:
        res = lex["resolutions"]
        self._modifier_heads = tuple(sorted(res.words("modifier_heads"), key=len, reverse=True))
        self._topic_heads = tuple(res.words("topic_heads"))
        self._message_objects = tuple(res.words("message_object"))
        self._receiving = tuple(res.words("receiving"))
        self._message_measures = tuple(sorted(res.words("message_measure"), key=len, reverse=True))
        self._evidence_added = tuple(lex["evidence"].words("added_after"))
        self._source_tails = tuple(lex["grammar"].words("evidence_source_tail"))
        # 支付宝投诉的是退款: what the complaint asked for (grammar.txt [complaint_told]), no refund made
        self._complaint_told = tuple(lex["grammar"].words("complaint_told"))

    def at(self, norm: str, amounts: tuple[Entity, ...], evidence: tuple[Entity, ...],
           processes: "set[int] | frozenset[int]" = frozenset()) -> Callable[[Match], bool]:
        """A test of one phrase of ``norm``: whether it only names or describes. A phrase
        starting at one of ``processes`` (退款流程) is read as the process, whatever its head."""
        evidence_at = {e.start for e in evidence}
        evidence_ends = {e.end for e in evidence}
        amount_end = {a.start: a.end for a in amounts}  # 退款20元的事: the head after the amount

        def naming(m: Match) -> bool:
            return ((m.start not in processes and norm.startswith(self._modifier_heads, m.end))
                    or norm.startswith(self._topic_heads, amount_end.get(m.end, m.end))
                    or _describes_evidence(m, norm, evidence_at)
                    or _names_evidence_source(m, norm, evidence_ends, self._source_tails)
                    or self._receives_message(m, norm)
                    or _adds_evidence(m, norm, evidence_ends, self._evidence_added)
                    or norm[max(0, m.start - COMPLAINT_TOLD_REACH):m.start].rstrip(":： ").endswith(self._complaint_told))
        return naming

    def _receives_message(self, m: Match, norm: str) -> bool:
        """收到了商家的道歉, 接到客服的回电: what was received, named within a few characters
        (了, 商家的, 一条), is a message."""
        # the receiving word begins the action or runs into it (接到了: the action is 到了)
        if not self._message_objects or not any(
                norm.startswith(w, p) for w in self._receiving for p in range(max(0, m.start - len(w) + 1), m.start + 1)):
            return False
        at = m.end
        for measure in self._message_measures:  # 收到一条退款到账提醒: the measure word says nothing
            if norm.startswith(measure, at):
                at += len(measure)
                break
        tail = norm[at:at + MESSAGE_OBJECT_WINDOW + 2]
        for k, c in enumerate(tail):
            if c in PUNCT:
                break
            if tail.startswith(self._message_objects, k):
                return True
        return False


def _describes_evidence(m: Match, norm: str, evidence_at: set[int]) -> bool:
    """发来的退款截图, 发了张退款截图, 发了一个退款成功的截图: the action followed by 的 or a
    measure word and, within a few characters (more when 的 ends them), an evidence noun."""
    if not evidence_at:
        return False
    if m.text[0] == "发" and "货" not in m.text and any(
            m.end <= p and (p <= m.end + EVIDENCE_AFTER_DE + 1 or (p <= m.end + EVIDENCE_AFTER_DE_LONG + 2
                                                                   and norm[p - 1] == "的"))
            and not any(c in PUNCT for c in norm[m.end:p]) for p in evidence_at):
        return True  # 并发给我退款截图, 发来了退款成功的截图: what was sent is the screenshot
    at = m.end + 1 if norm.startswith("一", m.end) else m.end
    if norm[at:at + 1] not in _DE_OR_MEASURE:
        return False
    for p in evidence_at:
        if at + 1 <= p <= at + 1 + EVIDENCE_AFTER_DE_LONG and not any(c in PUNCT for c in norm[m.end:p]) \
                and (p <= at + 1 + EVIDENCE_AFTER_DE or norm[p - 1] == "的"):
            return True
    return False


def _adds_evidence(m: Match, norm: str, evidence_ends: set[int], verbs: tuple[str, ...]) -> bool:
    """截图已经补上了, 凭证也补齐了: the action only says the evidence named just before it
    was added."""
    if not evidence_ends or not m.text.startswith(verbs):
        return False
    return any(p <= m.start and len(norm[p:m.start]) <= 2 and all(c in "已经也都" for c in norm[p:m.start])
               for p in evidence_ends)


# 截图是商家发的, 截图（客服发的）: who sent the evidence, after it and up to the clause's end
_SOURCE_LEAD = 8
_SOURCE_END = frozenset("，,。;；!！?？、\n)）】] ")
_SOURCE_NOUN = 6  # 后台页面: what was sent, named after the 的


def _names_evidence_source(m: Match, norm: str, evidence_ends: set[int], tails: tuple[str, ...]) -> bool:
    """The action only says who sent the evidence named just before it."""
    if not evidence_ends:
        return False
    tail = "" if m.text.endswith("的") else next((t for t in tails if norm.startswith(t, m.end)), None)
    if tail is None:
        return False
    after = m.end + len(tail)
    named_after = after < len(norm) and norm[after] not in _SOURCE_END
    if named_after:
        # 截图是商家发给我的后台页面: after 是, a short name of what was sent may follow 的
        end = next((k for k in range(after, min(len(norm), after + _SOURCE_NOUN + 1)) if norm[k] in _SOURCE_END),
                   len(norm) if after + _SOURCE_NOUN >= len(norm) else None)
        if not tail.endswith("的") or end is None:
            return False
    return any(m.start - _SOURCE_LEAD <= p <= m.start and not any(c in PUNCT for c in norm[p:m.start])
               and (not named_after or "是" in norm[p:m.start]) for p in evidence_ends)


def shows_evidence(m: Match, norm: str, evidence_at: set[int]) -> bool:
    """卡密无效的截图已附: a failure word that only says what the evidence shows."""
    return norm.startswith("的", m.end) and any(m.end + 1 <= p <= m.end + 3 for p in evidence_at)
