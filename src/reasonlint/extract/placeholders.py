"""Placeholders: slots left for a value ({order_id}, 【订单号】, X月X日, XX元, 订单号____, %s).

The slot a placeholder stands for comes from the name inside it (looked up in
placeholders.txt [slot_words]) or, for a bare one, from the label before it. A name
one or two letters off a known one ({oder_id}) is an unknown slot, marked misspelt
with the name it was probably meant to be.
"""
from __future__ import annotations

import re
from typing import Optional

from .. import numerals
from ..lexicon import Lexicon
from ..model import Entity
from ..normalize import Text, is_han
from ..phrases import Match, PhraseMatcher, Scan, Scanner, drop_overlaps, sections
from ..regexes import compiled

_FILL_PREFIX = compiled(r"^(?:请输入|请填写|请填|填写|待填|输入)")
_BRACKETS = compiled(r"^\$?(?:\{\{?|【|<|[（(]|\[)\s*|\s*(?:\}\}?|】|>|[)）]|\])$")
_LABEL_GAP = " :：#=是为"
# Before a field label, what ends the words before it: 您好，【订单号】KM2026…
_CLAUSE_ENDS = frozenset("，,。；;！!")


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent swaps, or ``limit + 1`` once it is past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_OPENER_GAPS = " \t\u3000,，.。!！"  # what may stand between the words that open a line


class PlaceholderFinder:
    def __init__(self, lex: dict[str, Lexicon], labels: PhraseMatcher, scanner: Scanner) -> None:
        ph = lex["placeholders"]
        self._named = PhraseMatcher(sections(ph, ["named_forms"]), scanner)
        self._dates = PhraseMatcher(sections(ph, ["date_forms"]), scanner)
        self._amounts = PhraseMatcher(sections(ph, ["amount_forms"]), scanner)
        self._bare = PhraseMatcher(sections(ph, ["bare_forms"]), scanner)
        self._slot_words = {_key(k): v for k, v in ph.mapping("slot_words").items()}
        self._by_length = sorted(self._slot_words, key=len, reverse=True)
        self._ascii_names = [k for k in self._slot_words if k.isascii() and len(k) >= 4]
        self._not_slot = frozenset(ph.words("not_slot"))
        self._told_fill = tuple(ph.words("told_fill"))
        self._date_cues = tuple(sorted(ph.words("date_cues"), key=len, reverse=True))
        self._labels = labels
        # 您好，【订单号】…, 其实【聊天记录】: a greeting or a filler before a field or a heading
        # leaves it at the start of its line (grammar.txt [greeting], [filler_lead])
        grammar = lex["grammar"]
        self._openers = sorted({*grammar.words("greeting"), *grammar.words("filler_lead")}, key=len, reverse=True)
        self._particles = "".join(grammar.words("trailing_particle"))

    def _line_start(self, norm: str, start: int) -> int:
        """Where the line holding ``start`` begins, past greetings and fillers that open it."""
        pos = norm.rfind("\n", 0, start) + 1
        while pos < start:
            word = next((w for w in self._openers if norm.startswith(w, pos)), "")
            if not word:
                break
            pos += len(word)
            while pos < start and (norm[pos] in _OPENER_GAPS or norm[pos] in self._particles):
                pos += 1
        return min(pos, start)

    def slot_of(self, name: str, loose: bool = True) -> tuple[str, str]:
        """(slot, misspelt-for) of a placeholder's inside; ``loose`` allows a name that
        only contains a slot word (卡密截图 → evidence)."""
        key = _key(_FILL_PREFIX.sub("", name.strip().lstrip("$")))
        if key in self._slot_words:
            return self._slot_words[key], ""
        if loose:
            for word in self._by_length:
                if not word.isascii() and word in key:
                    return self._slot_words[word], ""
        if key.isascii() and len(key) >= 4:
            limit = 1 if len(key) < 6 else 2
            best = min(self._ascii_names, key=lambda k: _distance(key, k, limit), default="")
            if best and _distance(key, best, limit) <= limit:
                return "unknown", best
        return "unknown", ""

    def _label_before(self, norm: str, start: int) -> str:
        """The slot named by a label or cue right before ``start`` (订单号XXX, 已于____)."""
        window = norm[max(0, start - 8):start]
        head = window.rstrip(_LABEL_GAP)
        if head.endswith(self._date_cues):
            return "date"
        best: Optional[Match] = None
        for m in self._labels.find(window):
            if not window[m.end:].strip(_LABEL_GAP):
                best = m
        if best is None or best.label == "other_number":
            return ""
        return best.label

    def find(self, text: Text, scan: Scan) -> list[Entity]:
        norm = scan.text
        found: list[Entity] = []
        for m in self._named.find(scan):
            inner = _BRACKETS.sub("", m.text)
            brace = m.text.lstrip("$")[:1] in "{<【"
            if m.text.startswith("【") and (inner in self._not_slot or inner.startswith("已")):
                continue  # 【重要】, 【已补发】: a heading
            # (…) and […] are prose unless their whole inside names a slot: (运营商短信截图已附)
            slot, meant = self.slot_of(inner, loose=brace)
            line_start = self._line_start(norm, m.start)
            if m.text.startswith("【") and slot == "evidence" and _alone_on_line(norm, m.start, m.end, line_start):
                continue  # 【聊天记录】 on a line of its own, over the pasted lines: a heading
            if m.text[:1] in "【[" and _is_field_label(norm, m.start, m.end, slot, line_start):
                continue  # 【订单号】KM2026…: a form's label with its value after it
            if not brace and slot == "unknown" and ("填" not in inner or any(w in inner for w in self._told_fill)):
                continue  # (原神), [图片], (少填了一位数字) and the like are prose
            if slot == "unknown" and not meant:
                slot = self._label_before(norm, m.start) or slot  # 订单号【随便填一个】
            if slot == "unknown" and not meant and m.text[:1] == "【" and len(inner) > 1 and "填" not in inner \
                    and _names_a_value(norm, m.start, m.end, line_start):
                continue  # 【原神】创世结晶, 区服【华东一区】, a 【聊天记录】 heading: words, no slot
            found.append(self._entity(text, m, slot, meant))
        for m in self._dates.find(scan):
            found.append(self._entity(text, m, "date"))
        for m in self._amounts.find(scan):
            found.append(self._entity(text, m, "amount"))
        for m in self._bare.find(scan):
            after = norm[m.end:m.end + 1]
            slot = self._label_before(norm, m.start) or ("amount" if after and after in "元块" else "unknown")
            found.append(self._entity(text, m, slot))
        if len(found) < 2:
            return found
        keep = drop_overlaps([Match(e.start, e.end, str(i), "") for i, e in enumerate(found)])
        return [found[int(k.label)] for k in keep]

    @staticmethod
    def _entity(text: Text, m: Match, slot: str, meant: str = "") -> Entity:
        return Entity("placeholder", text.shown(m.start, m.end), slot, m.start, m.end,
                      f"misspelt:{meant}" if meant else "")


def _alone_on_line(norm: str, start: int, end: int, line_start: int) -> bool:
    """Whether ``[start, end)`` stands alone on its line, with a line break after it: a heading."""
    line_end = norm.find("\n", end)
    return not norm[line_start:start].strip() and line_end >= 0 and not norm[end:line_end].strip()


def _names_a_value(norm: str, start: int, end: int, line_start: int) -> bool:
    """An unknown 【name】 that is part of the words around it: a tag before a title
    (【原神】创世结晶), a value after a label (区服【华东一区】) or a heading alone on its
    line (【聊天记录】)."""
    after = norm[end:end + 1]
    before = norm[start - 1:start] if start else ""
    return is_han(after) or is_han(before) or _alone_on_line(norm, start, end, line_start)


def _is_field_label(norm: str, start: int, end: int, slot: str, line_start: int) -> bool:
    """A bracketed name that starts its line (or follows a space, or another field on a
    line that starts with one), with a value of its slot's shape after it (【订单号】KM2026…,
    【处理日期】11月14日, 【结果】已到账, 【订单号】2026… 【处理结果】已退款);
    【订单号】商家已补发 is a slot."""
    lead = norm[line_start:start]
    # the words since the clause began: none, or a field that began it (您好，【订单信息】…【处理结果】)
    since = lead[max((lead.rfind(c) for c in _CLAUSE_ENDS), default=-1) + 1:]
    if since.strip() and not (lead[-1].isspace() or since.lstrip().startswith("【")):
        return False
    line_end = norm.find("\n", end)
    next_field = norm.find("【", end)
    stop = line_end if line_end >= 0 else len(norm)
    if 0 <= next_field < stop:
        stop = next_field  # the value of a field on a one-line form runs up to the next one
    value = norm[end:stop].strip(" \t:：")
    if not value:
        return False
    first = value[0]
    if slot in ("order_id", "complaint_id"):
        return first.isascii() and first.isalnum()
    if slot in ("date", "amount"):
        return first.isdigit() or first in numerals.NUMERAL_CHARS
    if slot == "evidence":
        return first != "已"  # 【凭证】已上传 names the slot's state, not a value
    return True
