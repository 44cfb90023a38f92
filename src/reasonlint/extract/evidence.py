"""Evidence a reviewer can check, and whether the reason says it is really there.

截图已附 is evidence; 没截图, 截图也没有, 凭证：无, 聊天记录删了 deny it (role ``denied``);
截图晚点补上, 等到账了我再截图 put it off (role ``later``). Neither counts (RL205). The
same reading tells a merchant's consent or a written agreement that did not happen
(没点同意协商, 和解协议还没签) from one that did.
"""
from __future__ import annotations

from ..clauses import Clauses
from ..lexicon import Lexicon
from ..model import Entity
from ..normalize import Text
from ..phrases import Match, PhraseMatcher, Scan, Scanner, sections

# Between a negator and the thing it denies only a few characters (grammar.txt
# [evidence_gap_char]) may stand: 没有任何凭证, 没留截图. A short word (没有, 无) after
# it denies only right after it or across [evidence_short_gap]: 截图显示没有到账 denies
# nothing.
MAX_GAP = 4
AFTER = 8          # characters after the thing an absence or delay word may stand in


class Polarity:
    """Whether a mention is denied or put off, from the words around it in its clause."""

    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        # negators first: a word in both lists (没有, 无) is a negator before the mention
        # and an absence word after it
        self._markers = PhraseMatcher(
            sections(lex["negation"], ["negator", "not_negation"]) + sections(lex["evidence"], ["absent", "later", "wanted"]),
            scanner)
        words = lex["grammar"].words
        self._empty = tuple(words("evidence_empty"))
        self._empty_value = tuple(words("evidence_empty_value"))
        self._gap_chars = frozenset(words("evidence_gap_char"))
        self._short_gap = frozenset(["", *words("evidence_short_gap")])  # "": right after
        self._clause_tail = frozenset(["", *words("clause_tail")])

    def markers(self, scan: Scan) -> list[Match]:
        return [m for m in self._markers.find(scan) if m.label != "not_negation"]

    def role(self, m: Match, norm: str, markers: list[Match], clauses: Clauses) -> str:
        cs, ce = clauses.clause(m.start)
        # 凭证：无 — the colon ends the clause, the value after it is the answer
        after = norm[m.end:m.end + 5]
        rest = after.lstrip(" :：=】]")
        if rest.startswith(self._empty) and not rest.startswith("无误"):
            return "denied"
        sep = after.lstrip(" ")[:1]
        if sep in (":", "：", "=", "】", "]") and rest.startswith(self._empty_value):
            return "denied"
        if sep in (":", "："):
            line_end = norm.find("\n", m.end)
            if not norm[m.end:line_end if line_end >= 0 else len(norm)].strip(" :：\t"):
                return "denied"  # 凭证：(nothing on its line) — a form field left empty
        for k in markers:
            if k.label == "absent" and k.start < m.start < k.end:
                return "denied"  # 不会截图: the absence word runs into the mention
            if k.end <= m.start:
                if k.label == "wanted" and cs <= k.start:
                    return "later"  # 希望商家能提供一下转账凭证: asked for, not here
                gap = norm[k.end:m.start]
                # 没有任何凭证, 没留截图, 还没签和解协议
                if k.label in ("negator", "absent") and cs <= k.start and len(gap) <= MAX_GAP \
                        and all(c in self._gap_chars for c in gap):
                    return "denied"
            elif m.end <= k.start < min(ce, m.end + AFTER):
                gap = norm[m.end:k.start]
                if k.label == "negator":
                    # 截图没有 / 截图也没有了: only a negator that ends the clause
                    if gap in self._short_gap and norm[k.end:ce].strip() in self._clause_tail:
                        return "denied"
                elif len(k.text) <= 2 and gap not in self._short_gap and (
                        ("已" in gap and k.label == "later") or norm[k.end:ce].strip() not in self._clause_tail):
                    # a short word far off counts only at its clause's end (记录被我删了, 邮件我已经删了),
                    # and a delay word not after 已 (截图已经补上了 is done)
                    continue
                elif k.label in ("absent", "later"):
                    return "denied" if k.label == "absent" else "later"
        # 再截图, 晚点截图: a delay word right before
        head = norm[max(cs, m.start - 2):m.start]
        if head.endswith(("再", "晚点", "回头")):
            return "later"
        return ""


class EvidenceFinder:
    def __init__(self, lex: dict[str, Lexicon], polarity: Polarity, scanner: Scanner) -> None:
        ev = lex["evidence"]
        self._evidence = PhraseMatcher(sections(ev, ["evidence", "not_evidence"]), scanner)
        self._agreements = frozenset(ev.words("agreements"))
        self._attached_later = tuple(ev.words("attached_later"))
        self._retraction = tuple(lex["grammar"].words("retraction"))
        self._polarity = polarity

    def find(self, text: Text, scan: Scan, clauses: Clauses, markers: list[Match]) -> list[Entity]:
        found = [m for m in self._evidence.find(scan) if m.label != "not_evidence"]
        if not found:
            return []
        norm = scan.text
        kept = found
        roles = [self._polarity.role(m, norm, markers, clauses) for m in kept]
        # 本来想等到账再截图，现在已经截好附上了: meant for later, then attached after all
        roles = ["" if role == "later" and any(norm.find(w, m.end, clauses.sentence(m.start)[1]) >= 0
                                               for w in self._attached_later) else role
                 for m, role in zip(kept, roles)]
        # 充值记录截图没有: one thing named in two nouns; what is said of the last is said of it
        for k in range(len(kept) - 2, -1, -1):
            if not roles[k] and roles[k + 1] and norm[kept[k].end:kept[k + 1].start] in ("", "的"):
                roles[k] = roles[k + 1]
        # 聊天记录已附。补充：聊天记录其实没传上去: the same evidence, subject of a later
        # clause that denies it, is none (not 截图已附…退款截图没留: another screenshot)
        # 其实当时没截图: a clause that takes it back denies it too
        for k in range(len(kept) - 1):
            if not roles[k] and any(roles[j] == "denied" and kept[j].text == kept[k].text
                                    and self._opens_denial(norm, clauses.clause(kept[j].start)[0], kept[j].start)
                                    for j in range(k + 1, len(kept))):
                roles[k] = "denied"
        return [Entity("evidence", text.shown(m.start, m.end), norm[m.start:m.end], m.start, m.end, role)
                for m, role in zip(kept, roles)]

    def _opens_denial(self, norm: str, clause_start: int, at: int) -> bool:
        """The denied mention at ``at`` is its clause's subject, or the clause opens by
        taking back what was said (其实当时没截图)."""
        lead = norm[clause_start:at].strip()
        return not lead or lead.startswith(self._retraction)
