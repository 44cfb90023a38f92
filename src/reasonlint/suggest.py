"""A rewrite in the guide's register, from the templates in lexicons/suggestions.txt.

It fills each slot with what the reason already says and leaves a placeholder
(X月X日, XXX, XX) where nothing was found; those slots are reported as missing.
"""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .analysis import Analysis
from .lexicon import Lexicon
from .phrases import PhraseMatcher, Scanner, sections

_SLOT = re.compile(r"\{(\w+)\}")
_PLACEHOLDER_SLOTS = ("date", "order_id", "amount")


class Suggestion(NamedTuple):
    text: str
    missing: list[str]


class Suggester:
    def __init__(self, lex: dict[str, Lexicon], scanner: Optional[Scanner] = None) -> None:
        scanner = scanner or Scanner()

        s = lex["suggestions"]
        self._templates = s.mapping("templates")
        # Each template split once into literal text and {slot} names, alternately; the
        # variant for a complaint number is split too.
        self._parts = {t: _SLOT.split(t) for template in self._templates.values()
                       for t in (template, template.replace("订单号", "投诉单号"))}
        self._prefix = s.mapping("channel_prefix")
        self._default_evidence = s.mapping("default_evidence")
        self._default_product = s.mapping("default_product")
        self._placeholder = s.mapping("placeholder")
        self._issue_resolution = s.mapping("issue_resolution")
        self._products = PhraseMatcher(sections(lex["products"], ["products"]), scanner)
        self._card_like = set(lex["products"].words("card_like"))

    def _resolution(self, a: Analysis) -> str:
        if a.resolution != "none" and a.answers_complaint is not False:
            return a.resolution
        if "third_party" in a.venues:
            return "settled"  # a third-party withdrawal turns on the written agreement
        for issue in sorted(a.issues):
            if issue in self._issue_resolution:
                return self._issue_resolution[issue]
        pending = [x.type for x in a.negated + a.promised if x.concrete]
        return pending[0] if pending else "reshipped"

    def _product(self, a: Analysis, resolution: str) -> str:
        # The normalised text was scanned already (and only what was analysed); the
        # product is named as the user wrote it.
        for source, shown in ((a.scan, a.text), (a.complaint, a.complaint)):
            found = self._products.find(source) if source else None
            if found and shown is not None:
                best = max(found, key=lambda m: m.end - m.start)
                return shown[best.start:best.end]
        return self._default_product.get(resolution, "商品")

    def suggest(self, a: Analysis) -> Suggestion:
        resolution = self._resolution(a)
        product = self._product(a, resolution)
        template_mode = a.mode == "template"
        values: dict[str, str] = {"product": product}
        dates = a.of("date")
        if dates:
            values["date"] = dates[0].text.strip()
        ids = a.of("order_id")
        complaint_ids = a.of("complaint_id")
        template = self._templates[resolution]
        if ids:
            values["order_id"] = ids[0].text
        elif complaint_ids:
            values["order_id"] = complaint_ids[0].text
            template = template.replace("订单号", "投诉单号")
        amounts = a.of("amount")
        if amounts:
            values["amount"] = str(amounts[0].value)
        evidence = a.of("evidence")
        if evidence:
            values["evidence"] = _evidence_phrase(a, evidence[0].start, evidence[0].end)
        elif resolution == "reshipped" and product in self._card_like:
            values["evidence"] = self._default_evidence.get("card", "截图")
        else:
            values["evidence"] = self._default_evidence.get(resolution, "截图")
        if resolution == "user_error":
            mistakes = [x for x in a.actions if x.type == "user_error"]
            values["mistake"] = _clause_text(a, mistakes[0].start) if mistakes else self._placeholder.get("mistake", "")
        if template_mode:
            for p in a.placeholders:
                values.setdefault(str(p.value), p.text)

        missing: list[str] = []
        parts = self._parts[template][:]
        for i in range(1, len(parts), 2):
            slot = parts[i]
            if slot in values:
                parts[i] = values[slot]
            elif slot in _PLACEHOLDER_SLOTS:
                missing.append(slot)
                parts[i] = "{" + slot + "}" if template_mode else self._placeholder.get(slot, "XXX")
            else:
                parts[i] = self._placeholder.get(slot, "")
        text = "".join(parts)
        if resolution != "settled" and "third_party" in a.venues and not a.found.written:
            text = self._prefix.get("third_party", "") + text
        elif "payment" in a.venues and not a.found.consent:
            text = self._prefix.get("payment", "") + text
        return Suggestion(text, list(dict.fromkeys(missing)))


_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]+")
_FUNCTION_WORDS = frozenset("已附和及与并的是在把将有都见及或")


def _evidence_phrase(a: Analysis, start: int, end: int) -> str:
    """The evidence noun with up to two modifier words before it (支付宝转账截图)."""
    clause_start = next((cs for cs, ce in a.clauses if cs <= start < ce), 0)
    # jieba may glue the modifier onto the noun (转账截图): start from the covering token
    near = a.tokens.between(clause_start, start + 1)  # only this clause's words are cut
    s = next((t.start for t in near if t.start <= start < t.end and t.start >= clause_start), start)
    before = [t for t in near if clause_start <= t.start and t.end <= s]
    for t in reversed(before[-2:]):
        if t.end != s or not _WORD.fullmatch(t.text) or t.text[-1] in _FUNCTION_WORDS:
            break
        s = t.start
    return a.text[s:end]


def _clause_text(a: Analysis, pos: int) -> str:
    for s, e in a.clauses:
        if s <= pos < e:
            return re.sub(r"^(是我自己|是我|我自己|本人|我)", "", a.text[s:e].strip())
    return ""
