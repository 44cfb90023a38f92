"""An honest rewrite in the guide's register ("商家已于11月3日补发货，订单号XXX，物流记录已附").

It states nothing the reason does not: the order number, the date (the resolution's),
the amount, the evidence, the agreement and the resolution all come from the reason
(the resolution may also come from the complaint it answers). Whatever is missing is
a placeholder the linter itself recognises (X月X日, XXX, XX元, 【退款截图】, 【解决结果】;
``{slot}`` in template mode) and is named in ``missing``. A stated resolution is never
turned into another; a reason written in traditional characters gets its rewrite in
them; the clauses come from lexicons/suggestions.txt.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from .lexicon import Lexicon
from .model import Entity
from .phrases import PhraseMatcher, Scanner, sections
from .rules.base import Reading
from .tokenize import Tokens
from .regexes import compiled

_SLOT = compiled(r"\{(\w+)\}")
_WORD = compiled(r"[\u3400-\u9fffA-Za-z]+")
_FUNCTION_WORDS = frozenset("已附和及与并的是在把将有都见及或了个张份给发到我你他她也还")
_MISTAKE_LEAD = compiled(r"^(?:其实|原来|投诉)?(?:是我自己|是我|我自己|本人|我)")
MAX_LENGTH = 200
MAX_FRAGMENT = {"product": 16, "evidence": 16, "mistake": 40}
_GOODS_KINDS = (("physical", "physical"), ("recharge", "recharge_like"), ("card", "card_like"),
                ("membership", "membership_like"), ("account", "account_like"))


class Suggestion(NamedTuple):
    text: str
    missing: tuple[str, ...]


class _Piece(NamedTuple):
    text: str
    literal: bool   # our words (converted to traditional for a traditional reason)
    slot: str = ""  # the slot this piece holds open, when it is a placeholder


class Suggester:
    def __init__(self, lex: dict[str, Lexicon], scanner: Scanner) -> None:
        s = lex["suggestions"]
        self._clauses = s.mapping("clauses")
        self._channel = s.mapping("channel_clauses")
        self._tail = s.mapping("tail")
        self._default_product = s.mapping("default_product")
        self._default_actor = s.mapping("default_actor").get("actor", "商家")
        self._default_agreement = s.mapping("default_agreement").get("agreement", "书面和解协议")
        self._placeholder = s.mapping("placeholder")
        self._hint = s.mapping("evidence_hint")
        self._issue_resolution = s.mapping("issue_resolution")
        # complaints.txt [answers]: the issues a resolution answers only when it works
        # (卡密无效 is not answered by a code sent again, but by one that works)
        answers = {k: frozenset(v.split()) for k, v in lex["complaints"].mapping("answers").items()}
        self._needs_working = {issue: frozenset(a.split(":")[0] for a in acc if a.endswith(":working")) - acc
                               for issue, acc in answers.items()}
        self._answering = {issue: frozenset(a.split(":")[0] for a in acc) for issue, acc in answers.items()}
        # agreement given (同意了), not only its proof (协商凭证)
        self._consent_given = frozenset(lex["channels"].words("consent_given"))
        products = lex["products"]
        self._products = PhraseMatcher(sections(products, ["products", "physical"]), scanner)
        self._kinds = [(kind, frozenset(products.words(section))) for kind, section in _GOODS_KINDS]
        self._actors = PhraseMatcher(sections(lex["actors"], ["merchant", "service"]), scanner)
        trad = lex["traditional"]
        self._to_trad = trad.mapping("rewrite")   # our own words, converted phrase by phrase
        self._trad_chars = frozenset(t for t, simp in trad.mapping("chars").items() if t != simp)
        self._simp_chars = frozenset(trad.words("simplified"))
        self._joiner = s.mapping("joiner").get("and", "并")
        self._working = s.mapping("working_clause").get("working", "")

    # -- what to say --------------------------------------------------------------------
    def _resolution(self, r: Reading) -> str:
        st = r.state
        if st.status == "done":
            return st.resolution
        if any(x.type == "settled" and x.modality == "done" for x in st.events):
            return "settled"  # 签了和解协议，答应退款: the rewrite is the settlement carried out
        e = st.decisive
        candidates = [e.type] if e is not None and e.concrete else []
        candidates += [x.type for x in reversed(st.events) if x.concrete]
        issues = [i for i in sorted(st.issues) if i in self._answering]
        # not done yet: the rewrite names a resolution that would answer the complaint
        # (面额发错 is answered by an exchange, not by the goods that arrived wrong)
        for kind in candidates:
            if all(kind in self._answering[i] for i in issues):
                return kind
        for issue in sorted(st.issues):
            if issue in self._issue_resolution:
                return self._issue_resolution[issue]
        return candidates[0] if candidates else "none"

    def _product(self, r: Reading) -> str:
        for source, shown in ((r.scan, r.text), (r.complaint, None)):
            if not source:
                continue
            found = self._products.find(source)
            if found:
                best = max(found, key=lambda m: m.end - m.start)
                return _shown(r, best.start, best.end) if shown is not None else best.text
        return ""

    def _goods_kind(self, product: str, r: Reading) -> str:
        words = {m.text for m in self._products.find(r.scan)} | ({product} if product else set())
        for kind, members in self._kinds:
            if words & members:
                return kind
        return "default"

    def _actor(self, r: Reading) -> str:
        e = r.state.decisive
        if e is not None:
            cs, _ = r.clauses.clause(e.start)
            found = [m for m in self._actors.find(r.scan) if cs <= m.start and m.end <= e.start]
            if found:
                return _shown(r, found[-1].start, found[-1].end)
        return self._default_actor

    def suggest(self, r: Reading, tokens: Tokens) -> Suggestion:
        st = r.state
        template_mode = r.mode == "template"
        resolution = self._resolution(r)
        slot_text = {str(p.value): p.text for p in r.entities.placeholders} if template_mode else {}

        def hole(slot: str, hint: str = "") -> _Piece:
            # a slot left open: listed in missing when a clause uses it (see _fill)
            if template_mode:
                return _Piece(slot_text.get(slot, "{" + slot + "}"), False, slot)
            if slot == "evidence":
                return _Piece(f"【{hint}】", True, slot)
            return _Piece(self._placeholder.get(slot, "XXX"), True, slot)

        product = self._product(r)
        values: dict[str, _Piece] = {"actor": _Piece(self._actor(r), False)}
        values["product"] = (_Piece(product[:MAX_FRAGMENT["product"]], False) if product
                             else _Piece(self._default_product.get(resolution, ""), True))
        date = st.resolution_date
        values["date"] = _Piece(_guide_date(date), True) if date is not None else hole("date")
        if resolution in ("refunded", "settled"):
            amount = _refund_amount(r)
            if amount is not None:
                values["amount"] = _Piece(f"{_number(amount.value)}元", True)
            elif template_mode and "amount" in slot_text:
                text = slot_text["amount"]
                values["amount"] = _Piece(text if text.endswith(("元", "块")) else text + "元", False, "amount")
            else:
                values["amount"] = hole("amount")
        if resolution == "settled":
            written = r.entities.written
            if written:
                values["agreement"] = _Piece(_shown(r, written[0].start, written[0].end), False)
            elif st.status == "done":
                values["agreement"] = _Piece(self._default_agreement, True)
            else:  # not signed yet: the agreement is a slot, as the channel's demand is
                values["agreement"] = _Piece(f"【{self._default_agreement}】", True, "agreement")
        if resolution == "user_error":
            values["mistake"] = self._mistake(r) or hole("mistake")
        missing: list[str] = []
        if resolution == "none":
            values["resolution"] = hole("resolution")
        elif st.status != "done":
            missing.append("resolution")  # named, but not done yet: the rewrite is for after

        clauses: list[list[_Piece]] = []
        venues = st.venues
        if "third_party" in venues and not r.entities.written and resolution != "settled":
            missing.append("agreement")
            clauses.append(self._fill(self._channel["third_party_written"], values))
        if "payment" in venues:
            if any(m.text in self._consent_given for m in r.entities.consent):
                clauses.append(self._fill(self._channel["payment_consented"], values))
            elif not r.entities.consent:  # negotiation proof named (协商凭证): nothing to add
                missing.append("consent")
                clauses.append(self._fill(self._channel["payment_consent"], values))
        key = "settled_refund" if resolution == "settled" and any(
            e.type == "refunded" for e in st.events) else resolution
        clauses.append(self._fill(self._clauses[key], values))
        if self._working and (any(e.scope == "working" for e in st.done) or (
                st.status != "done" and any(resolution in self._needs_working.get(i, ()) for i in st.issues))):
            # 充值成功: it works, as the reason says; or, the resolution still to come, what
            # the complaint asks of it (卡密无效: a code that works)
            clauses.append([_Piece(self._working, True)])
        ids = [e for e in r.entities.identifiers if e.kind == "order_id"]
        complaint_ids = [e for e in r.entities.identifiers if e.kind == "complaint_id"]
        if ids or not complaint_ids:
            values["order_id"] = _Piece(_shown(r, ids[0].start, ids[0].end), False) if ids else hole("order_id")
            clauses.append(self._fill(self._tail["identifier"], values))
        else:
            values["order_id"] = _Piece(_shown(r, complaint_ids[0].start, complaint_ids[0].end), False)
            clauses.append(self._fill(self._tail["complaint_identifier"], values))
        evidence = [e for e in r.entities.evidence if not e.role]
        if evidence:
            values["evidence"] = _Piece(_evidence_phrase(r, tokens, evidence[0])[:MAX_FRAGMENT["evidence"]], False)
        else:
            values["evidence"] = hole("evidence", self._evidence_hint(resolution, product, r))
        clauses.append(self._fill(self._tail["evidence"], values))
        text = self._join(clauses, traditional=self._is_traditional(r.text.original))
        missing += [p.slot for c in clauses for p in c if p.slot]  # in the order the text shows them
        return Suggestion(text, tuple(dict.fromkeys(missing)))

    def _mistake(self, r: Reading) -> Optional[_Piece]:
        for e in r.state.events:
            if e.type == "user_error":
                clause = _MISTAKE_LEAD.sub("", r.clause_text(e.start)).strip("，,。 ")
                return _Piece(clause[:MAX_FRAGMENT["mistake"]], False) if clause else None
        return None

    def _evidence_hint(self, resolution: str, product: str, r: Reading) -> str:
        if resolution in self._hint:
            return self._hint[resolution]
        return self._hint.get(self._goods_kind(product, r), self._hint.get("default", "截图"))

    # -- how to say it ------------------------------------------------------------------
    @staticmethod
    def _fill(template: str, values: dict[str, _Piece]) -> list[_Piece]:
        out: list[_Piece] = []
        for i, part in enumerate(_SLOT.split(template)):
            if i % 2:
                piece = values.get(part)
                if piece is not None:
                    out.append(piece)
            elif part:
                out.append(_Piece(part, True))
        return out

    def _join(self, clauses: list[list[_Piece]], traditional: bool) -> str:
        # A clause that starts with the same actor as the one before drops it: 商家已同意
        # 协商，并于11月3日退款 (not 商家已…，商家已…).
        texts: list[str] = []
        prev_actor: Optional[str] = None
        for pieces in clauses:
            words = [self._in_script(p, traditional) for p in pieces]
            actor = pieces[0].text if pieces and not pieces[0].literal else None
            if actor is not None and actor == prev_actor and len(pieces) > 1 and pieces[1].text.startswith("已"):
                words = [self._in_script(_Piece(self._joiner, True), traditional) + words[1][1:], *words[2:]]
            prev_actor = actor
            texts.append("".join(words))
        text = "，".join(t for t in texts if t) + "。"
        return text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH - 1] + "。"

    def _in_script(self, p: _Piece, traditional: bool) -> str:
        if not (traditional and p.literal):
            return p.text
        if p.text in self._to_trad:
            return self._to_trad[p.text]
        if p.text.startswith("【") and p.text.endswith("】"):  # a hint made into a slot
            return "【" + self._to_trad.get(p.text[1:-1], p.text[1:-1]) + "】"
        return p.text

    def _is_traditional(self, text: str) -> bool:
        if self._trad_chars.isdisjoint(text):
            return False  # most reasons: one set test
        trad = sum(c in self._trad_chars for c in text)
        return trad > 0 and trad > sum(c in self._simp_chars for c in text)


def _guide_date(d: Entity) -> str:
    """A date the guide's way: 11月3日, or 2026年11月3日 when the year is written."""
    parts = str(d.value).split("-")
    if len(parts) == 3:
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return f"{int(parts[0])}月{int(parts[1])}日"


def _refund_amount(r: Reading) -> Optional[Entity]:
    amounts = [a for a in r.entities.amounts if a.role in ("", "refund", "compensation", "fee")]
    if not amounts:
        return None
    e = r.state.decisive
    if e is None:
        return amounts[0]
    return min(amounts, key=lambda a: abs(a.start - e.start))


def _number(value: object) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value)) if isinstance(value, (int, float)) else str(value)


_SPACED_OUT = compiled(r"(?:\S[ \u3000])+\S")  # 商 家, K M 9 0 0 3: not "chat log"


def _shown(r: Reading, start: int, end: int) -> str:
    """The reason's own words for normalised ``[start, end)``, less the spaces of a text
    typed with one after every character (商 家 → 商家, K M 9 0 0 3 → KM9003)."""
    shown = r.text.shown(start, end)
    if (" " in shown or "\u3000" in shown) and _SPACED_OUT.fullmatch(shown):
        return shown.replace(" ", "").replace("\u3000", "")
    return shown


def _evidence_phrase(r: Reading, tokens: Tokens, e: Entity) -> str:
    """The evidence noun with up to two modifier words before it (支付宝转账截图)."""
    start, end = e.start, e.end
    clause_start, _ = r.clauses.clause(start)
    # jieba may glue the modifier onto the noun (转账截图): start from the covering token
    near = tokens.between(clause_start, start + 1)  # only this clause's words are cut
    s = next((t.start for t in near if t.start <= start < t.end and t.start >= clause_start), start)
    before = [t for t in near if clause_start <= t.start and t.end <= s]
    for t in reversed(before[-2:]):
        if t.end != s or not _WORD.fullmatch(t.text) or t.text[-1] in _FUNCTION_WORDS:
            break
        s = t.start
    return _shown(r, s, end)
