"""Everything the pipeline learned about one reason, handed to rules, score and suggest."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from .classify import Action
from .config import Config
from .extract import Extraction
from .model import Entity, Token

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")

# Slots a placeholder can fill in template mode, by the score part they count for.
ID_SLOTS = frozenset({"order_id", "complaint_id"})


@dataclass
class Analysis:
    text: str
    norm: str
    mode: str
    config: Config
    tokens: list[Token]
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

    # What counts, with template-mode placeholders filling their slots. Rules, score and
    # suggestion all ask the same questions, so the answers are cached.
    @cached_property
    def _slots(self) -> frozenset[str]:
        return frozenset(self.found.slots()) if self.mode == "template" else frozenset()

    def _slot(self, slots: frozenset[str] | set[str]) -> bool:
        return bool(self._slots & slots)

    @cached_property
    def placeholders(self) -> list[Entity]:
        return self.found.of("placeholder")

    @cached_property
    def has_identifier(self) -> bool:
        return bool(self.found.of("order_id") or self.found.of("complaint_id")) or self._slot(ID_SLOTS)

    @cached_property
    def has_date(self) -> bool:
        return bool(self.found.of("date")) or self._slot({"date"})

    @cached_property
    def has_evidence(self) -> bool:
        return bool(self.found.of("evidence")) or self._slot({"evidence"})

    @cached_property
    def has_amount(self) -> bool:
        return bool(self.found.of("amount")) or self._slot({"amount"})

    @cached_property
    def has_detail(self) -> bool:
        return self.has_amount or bool(self.found.of("tracking_no"))

    @cached_property
    def done(self) -> list[Action]:
        return [a for a in self.actions if a.polarity == "done" and a.concrete]

    @cached_property
    def negated(self) -> list[Action]:
        return [a for a in self.actions if a.polarity == "negated" and a.concrete]

    @cached_property
    def promised(self) -> list[Action]:
        return [a for a in self.actions if a.polarity == "promised"]

    @cached_property
    def vague(self) -> list[Action]:
        return [a for a in self.actions if not a.concrete and a.polarity == "done"]

    def meaningful_length(self) -> int:
        """CJK characters count one each; a run of ASCII letters or digits counts one."""
        return len(_CJK.findall(self.norm)) + len(_ASCII_RUN.findall(self.norm))
