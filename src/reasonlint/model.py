"""The values that flow through the pipeline and out of the library API."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Optional, Union

Severity = Literal["error", "warning", "info"]
Verdict = Literal["accept", "revise", "reject"]
Mode = Literal["reason", "template"]

RESOLUTIONS = ("reshipped", "delivered", "refunded", "exchanged", "settled", "user_error", "none")
CHANNELS = ("platform", "payment", "third_party", "unknown")
MODES = ("reason", "template")
ENTITY_KINDS = (
    "order_id", "complaint_id", "tracking_no", "date", "amount",
    "evidence", "action", "channel", "placeholder",
)
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
# Events that are a failure word rather than a resolution (reasonlint.events): the goods
# did not work, the money did not come or came back, or what was sent is still missing.
FAILURES = frozenset({"failure", "money_failure", "still_missing", "taken_back"})
# Resolutions of the goods (the others are of the money, a settlement, the buyer's mistake).
GOODS_TYPES = frozenset({"reshipped", "delivered", "exchanged"})
# Modalities of an action not begun, only told of a time to come (答应补发, 撤诉后退款,
# 请商家退款, 希望退款), and of one not finished, begun or not (退款审核中 too).
NOT_BEGUN = frozenset({"promised", "conditional", "requested", "wished"})
NOT_FINISHED = NOT_BEGUN | {"pending"}
# The cue of an outcome field left empty (处理结果：): the form's resolution still to come.
EMPTY_FIELD = "未填写"
# The scope of a resolution still to come for the rest of what was owed, after part of it
# was given (先退了100，剩下的98元说下周再退): it leaves the resolution open.
REST = "rest"

EntityValue = Union[str, int, float]


class Token(NamedTuple):
    # A tuple, not a dataclass: one is made per word of every text.
    text: str
    start: int
    end: int


# Entity, Finding and Result are frozen, but write their fields straight into the
# instance dict: a frozen dataclass's own __init__ goes through object.__setattr__
# per field, a measurable share of a check. Assignment after __init__ still raises.
# They pickle as their constructor's arguments, which is what --jobs sends back
# from its workers: about half the bytes and time of pickling the instance dict.

@dataclass(frozen=True, init=False)
class Entity:
    """Something found in the text; ``start``/``end`` index the original string.

    ``role`` says what a date or amount is for (purchase, refund …), whether evidence
    is really there (denied, later; unsigned for an agreement not signed), or which slot a misspelt placeholder meant; it is
    empty where nothing more is known and then left out of :meth:`to_dict`.
    """

    kind: str
    text: str
    value: EntityValue
    start: int
    end: int
    role: str = ""

    def __init__(self, kind: str, text: str, value: EntityValue, start: int, end: int, role: str = "") -> None:
        d = self.__dict__
        d["kind"], d["text"], d["value"], d["start"], d["end"], d["role"] = kind, text, value, start, end, role

    def __reduce__(self) -> tuple[Any, ...]:
        return Entity, (self.kind, self.text, self.value, self.start, self.end, self.role)

    def moved(self, start: int, end: int) -> "Entity":
        """The same entity at another span (normalised → original positions)."""
        return Entity(self.kind, self.text, self.value, start, end, self.role)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "text": self.text, "value": self.value,
                             "start": self.start, "end": self.end}
        if self.role:
            d["role"] = self.role
        return d


@dataclass(frozen=True, init=False)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int

    def __init__(self, code: str, name: str, severity: Severity, message: str, start: int, end: int) -> None:
        d = self.__dict__
        d["code"], d["name"], d["severity"], d["message"], d["start"], d["end"] = (
            code, name, severity, message, start, end)

    def __reduce__(self) -> tuple[Any, ...]:
        return Finding, (self.code, self.name, self.severity, self.message, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "message": self.message, "start": self.start, "end": self.end}


@dataclass(frozen=True, init=False)
class Result:
    text: str
    mode: str
    score: int
    verdict: Verdict
    resolution: str
    channel: str
    entities: list[Entity]
    findings: list[Finding]
    suggestion: str
    missing: list[str]
    # Score breakdown for `reasonlint explain`; not part of to_dict().
    parts: dict[str, int] = field(default_factory=dict, compare=False)
    # The platform profile's facts (reasonlint.linter.platform_info); None without one,
    # and then left out of to_dict().
    platform: Optional[dict[str, Any]] = None

    def __init__(self, text: str, mode: str, score: int, verdict: Verdict, resolution: str, channel: str,
                 entities: list[Entity], findings: list[Finding], suggestion: str, missing: list[str],
                 parts: Optional[dict[str, int]] = None, platform: Optional[dict[str, Any]] = None) -> None:
        d = self.__dict__
        d["text"], d["mode"], d["score"], d["verdict"], d["resolution"], d["channel"] = (
            text, mode, score, verdict, resolution, channel)
        d["entities"], d["findings"], d["suggestion"], d["missing"] = entities, findings, suggestion, missing
        d["parts"] = {} if parts is None else parts
        d["platform"] = platform

    def __reduce__(self) -> tuple[Any, ...]:
        return Result, (self.text, self.mode, self.score, self.verdict, self.resolution, self.channel,
                        self.entities, self.findings, self.suggestion, self.missing, self.parts, self.platform)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "verdict": self.verdict,
            "resolution": self.resolution,
            "channel": self.channel,
            "entities": [e.to_dict() for e in self.entities],
            "findings": [f.to_dict() for f in self.findings],
            "suggestion": self.suggestion,
            "missing": list(self.missing),
            **({"platform": dict(self.platform)} if self.platform is not None else {}),
        }
