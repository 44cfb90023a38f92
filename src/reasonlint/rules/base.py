"""What a rule is, and what it reads.

A :class:`Rule` holds everything about one rule: its code and kebab-case name, its
default severity, a summary, a why tied to the cancellation guide, a bad and a good
example (``bad`` must fire it, ``good`` must not), its message templates and its
check. A check reads one :class:`Reading` (the frozen results of every stage before
it) and returns :class:`Hit` s: a span, the key of a message template and the values
that fill it. The catalogue, docs/rules.md, SARIF's rule list and the findings are
all made from these objects.

Nothing here imports the pipeline at run time: ``reasonlint rules`` stays cheap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping, NamedTuple, Optional

if TYPE_CHECKING:
    from ..clauses import Clauses
    from ..events import Event
    from ..extract import Entities
    from ..model import Severity
    from ..normalize import Text
    from ..phrases import Scan
    from ..state import ReasonState


@dataclass(frozen=True)
class Example:
    text: str
    mode: str = "reason"
    complaint: Optional[str] = None
    channel: Optional[str] = None


class Hit(NamedTuple):
    start: int               # normalised positions; the linter maps them to the original
    end: int
    message: str             # a key of Rule.messages
    values: Mapping[str, object] = {}


class Reading(NamedTuple):
    """Everything the stages before the rules found in one reason."""

    text: "Text"
    scan: "Scan"            # the lexicon phrases found in text.norm
    mode: str
    complaint: Optional[str]
    clauses: "Clauses"
    entities: "Entities"
    events: tuple["Event", ...]
    state: "ReasonState"
    truncated: bool
    max_length: int
    original_length: int
    labels: Mapping[str, Mapping[str, str]]   # display labels (lexicons/labels.txt)

    def whole(self) -> tuple[int, int]:
        return 0, len(self.text.norm)

    def label(self, kind: str, key: str) -> str:
        return self.labels.get(kind, {}).get(key, key)

    def clause_text(self, pos: int) -> str:
        """The original text of the clause holding normalised ``pos`` (with the value
        after it when it ends with a colon: 凭证：无)."""
        c = self.clauses
        k = c.at(pos)
        if k < 0:
            return self.text.original.strip()
        s, e = c.clauses[k]
        if c.ends[k] in "：:" and k + 1 < len(c.clauses):
            e = c.clauses[k + 1][1]
        return self.text.shown(s, e).strip()


Check = Callable[[Reading], list[Hit]]


def _no_check(reading: Reading) -> list[Hit]:
    return []


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: "Severity"
    summary: str
    why: str
    bad: Example
    good: Example
    messages: Mapping[str, str]
    check: Check = _no_check
    #: "reason" rules run on each reason; a "file" rule (RL001) on a file's comments
    scope: str = "reason"
    aliases: tuple[str, ...] = field(default=())

    def message(self, key: str, values: Mapping[str, object]) -> str:
        return self.messages[key].format_map(dict(values))
