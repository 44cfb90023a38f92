"""Everything the pipeline learned about one reason, handed to rules, score and suggest."""
from __future__ import annotations

import re
from itertools import islice
from dataclasses import dataclass, field
from typing import Optional

from .classify import Action
from .config import Config
from .extract import Extraction
from .model import Entity
from .phrases import Scan
from .tokenize import Tokens

# What counts one: a CJK character, or a run of ASCII letters and digits.
_MEANINGFUL = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+")

# Slots a placeholder can fill in template mode, by the score part they count for.
ID_SLOTS = frozenset({"order_id", "complaint_id"})


@dataclass
class Analysis:
    text: str
    norm: str
    scan: Scan  # the lexicon phrases found in norm
    mode: str
    config: Config
    tokens: Tokens  # cut on demand: rules ask about few positions
    clauses: list[tuple[int, int]]
    found: Extraction
    actions: list[Action]
    resolution: str
    channel: str
    venues: set[str]
    complaint: Optional[str] = None
    issues: set[str] = field(default_factory=set)
    answers_complaint: Optional[bool] = None
    truncated: bool = False

    # What counts, with template-mode placeholders filling their slots. Rules, score
    # and suggestion all ask the same questions: they are answered once, here.
    by_kind: dict[str, list[Entity]] = field(init=False, repr=False)
    placeholders: list[Entity] = field(init=False, repr=False)
    has_identifier: bool = field(init=False, repr=False)
    has_date: bool = field(init=False, repr=False)
    has_evidence: bool = field(init=False, repr=False)
    has_amount: bool = field(init=False, repr=False)
    has_detail: bool = field(init=False, repr=False)
    done: list[Action] = field(init=False, repr=False)
    negated: list[Action] = field(init=False, repr=False)
    promised: list[Action] = field(init=False, repr=False)
    vague: list[Action] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_kind: dict[str, list[Entity]] = {}
        for e in self.found.entities:
            by_kind.setdefault(e.kind, []).append(e)
        self.by_kind = by_kind
        self.placeholders = by_kind.get("placeholder", [])
        slots = {str(p.value) for p in self.placeholders} if self.mode == "template" else set()
        self.has_identifier = "order_id" in by_kind or "complaint_id" in by_kind or bool(slots & ID_SLOTS)
        self.has_date = "date" in by_kind or "date" in slots
        self.has_evidence = "evidence" in by_kind or "evidence" in slots
        self.has_amount = "amount" in by_kind or "amount" in slots
        self.has_detail = self.has_amount or "tracking_no" in by_kind
        self.done, self.negated, self.promised, self.vague = [], [], [], []
        for a in self.actions:
            if a.polarity == "promised":
                self.promised.append(a)
            elif not a.concrete:
                if a.polarity == "done":
                    self.vague.append(a)
            elif a.polarity == "done":
                self.done.append(a)
            else:
                self.negated.append(a)

    def of(self, kind: str) -> list[Entity]:
        """The entities of one kind, in text order."""
        return self.by_kind.get(kind, [])

    def meaningful_length(self, at_most: Optional[int] = None) -> int:
        """CJK characters count one each; a run of ASCII letters or digits counts one.

        With ``at_most``, counting stops there: enough to tell a reason is not short.
        """
        return len(list(islice(_MEANINGFUL.finditer(self.norm), at_most)))
