"""The pipeline, one frozen stage result handed to the next:

    normalise → scan and clauses → entities → events (each action, then in order) → reason state
    → findings → score → suggestion

:meth:`Linter.analyse` returns every stage's result (``reasonlint explain`` shows them);
:meth:`Linter.check` returns the :class:`~reasonlint.model.Result`.
"""
from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, Optional

from . import clauses as clause_split
from . import regexes, rules
from .clauses import Clauses
from .config import Config
from .events import Event, EventReader
from .extract import Entities, Extractor
from .lexicon import load
from .model import CHANNELS, MODES, Entity, Finding, Result, Token
from .normalize import Normalizer, Text
from .phrases import Scan, Scanner
from .rules.base import Reading
from .score import Score, score, verdict
from .state import ReasonState, StateReader
from .suggest import Suggester, Suggestion
from .tokenize import Segmenter, Tokens

if TYPE_CHECKING:  # profiles and fitting are imported when a platform is first named
    from .fit import Fitted
    from .profiles import Profile

_CHANNEL_ARGS = tuple(c for c in CHANNELS if c != "unknown")
LABEL_SECTIONS = ("resolution", "channel", "slot", "status", "role", "require")


class Analysis(NamedTuple):
    """Every stage's result for one reason; positions of the stages index ``text.norm``."""

    text: Text
    mode: str
    complaint: Optional[str]
    scan: Scan
    tokens: Tokens
    clauses: Clauses
    entities: Entities
    events: tuple[Event, ...]
    state: ReasonState
    reading: Reading
    findings: list[Finding]
    score: Score
    suggestion: Suggestion
    profile: Optional["Profile"] = None
    fitted: Optional["Fitted"] = None        # the suggestion fitted to the profile


class Linter:
    """A reusable, thread-safe linter. Build one and call :meth:`check` many times."""

    def __init__(self, config: Optional[Config] = None) -> None:
        self.config = config or Config()
        extra = tuple(Path(p) for p in self.config.extra_lexicons)
        lex = load(extra)
        self._segmenter = Segmenter(extra)
        self._normalize = Normalizer.from_lexicons(lex, boundaries=self._segmenter.bounds)
        self._scanner = scanner = Scanner()  # one pass over each text finds the phrases of every lexicon
        self._extractor = Extractor(lex, scanner)
        self._events = EventReader(lex, scanner)
        self._states = StateReader(lex, scanner)
        self._suggester = Suggester(lex, scanner)
        self._rules = rules.plan(self.config)
        self._labels = {k: lex["labels"].mapping(k) for k in LABEL_SECTIONS}
        self._extra = extra
        # The built-in profiles are read when first needed (most runs name no platform);
        # users' profiles are checked now, so that a mistake in one is a start-up error.
        if extra:
            _profiles().load(extra)
        self._profile = self.profile(self.config.platform)
        regexes.save()  # what this start compiled, for the next one (reasonlint.regexes)

    def profile(self, name: Optional[str]) -> Optional["Profile"]:
        """The profile called ``name`` (None: none); raises ValueError for an unknown one."""
        if name is None:
            return None
        profiles = _profiles()
        known = profiles.load(self._extra)
        if not isinstance(name, str) or name not in known:
            raise ValueError(profiles.unknown(str(name), known))
        return known[name]

    @property
    def segmenter(self) -> Segmenter:
        """The word segmenter, shared by every thread that uses this linter."""
        return self._segmenter

    @property
    def profiles(self) -> "dict[str, Profile]":
        return dict(_profiles().load(self._extra))

    def tokens(self, text: str) -> list[Token]:
        return self._segmenter.tokenize(self._normalize(text).norm)

    def _validate(self, text: object, mode: str, complaint: object, channel: Optional[str]) -> None:
        if not isinstance(text, str):
            raise TypeError(f"text 必须是 str，得到 {type(text).__name__}")
        if mode not in MODES:
            raise ValueError(f"mode 必须是 {' / '.join(MODES)} 之一，得到 {mode!r}")
        if channel is not None and channel not in _CHANNEL_ARGS:
            raise ValueError(f"channel 必须是 {' / '.join(_CHANNEL_ARGS)} 或 None，得到 {channel!r}")
        if complaint is not None and not isinstance(complaint, str):
            raise TypeError(f"complaint 必须是 str 或 None，得到 {type(complaint).__name__}")

    def analyse(self, text: str, *, mode: str = "reason", complaint: Optional[str] = None,
                channel: Optional[str] = None, platform: Optional[str] = None) -> Analysis:
        self._validate(text, mode, complaint, channel)
        profile = self._profile if platform is None else self.profile(platform)
        if channel is None and profile is not None:
            channel = profile.channel   # the channel the platform implies
        limit = self.config.max_length
        truncated = len(text) > limit
        normal = self._normalize(text[:limit] if truncated else text)
        if complaint is not None:
            complaint = complaint[:limit]  # bounded work, whatever the context's length
        norm = normal.norm
        tokens = self._segmenter.lazy(norm)
        parts = clause_split.split(norm)
        scan = self._scanner.scan(norm)
        entities = self._extractor.extract(normal, scan, parts)
        events = self._events.read(scan, tokens, parts, entities.amounts, entities.evidence,
                                   entities.of("order_id"), entities.dates)
        issues = self._states.complaint_issues(self._normalize(complaint).norm) if complaint \
            else self._states.told_issues(norm, parts)
        state = self._states.read(events, entities, scan, parts, mode, channel, issues)
        reading = Reading(normal, scan, mode, complaint, parts, entities, events, state, truncated, limit,
                          len(text), self._labels, profile)
        findings = rules.run(reading, self._rules)
        points = score(state, entities, mode, self.config.weights)
        suggestion = self._suggester.suggest(reading, tokens)
        fitted = None
        if profile is not None:
            from .fit import default_fitter

            fitted = default_fitter().fit(suggestion.text, profile)
            suggestion = suggestion._replace(text=fitted.text)
        return Analysis(normal, mode, complaint, scan, tokens, parts, entities, events, state, reading,
                        findings, points, suggestion, profile, fitted)

    def check(self, text: str, *, mode: str = "reason", complaint: Optional[str] = None,
              channel: Optional[str] = None, platform: Optional[str] = None) -> Result:
        """Lint one reason; ``platform`` (a profile name) beats the configuration's."""
        a = self.analyse(text, mode=mode, complaint=complaint, channel=channel, platform=platform)
        return Result(
            text=text, mode=mode, score=a.score.total,
            verdict=verdict(a.score.total, a.findings, self.config.weights),
            resolution=a.state.resolution, channel=a.state.channel, entities=result_entities(a),
            findings=a.findings, suggestion=a.suggestion.text, missing=list(a.suggestion.missing),
            parts=a.score.parts, platform=platform_info(a),
        )


def platform_info(a: Analysis) -> Optional[dict[str, object]]:
    """What the result says of the platform profile (None without one)."""
    p, fitted = a.profile, a.fitted
    if p is None or fitted is None:
        return None
    code = p.code(a.state.resolution)
    return {
        "name": p.name, "title": p.title, "field": p.field, "channel": p.channel,
        "min": p.min, "max": p.max, "count": p.count,
        "length": p.length(a.text.original) if not a.reading.truncated else a.reading.original_length,
        "code_field": p.code_field or None, "code": code or None,
        "code_name": p.code_names.get(code) if code else None,
        "suggestion_length": fitted.length, "suggestion_fits": fitted.fits, "note": fitted.note,
        "require": list(p.require),
        "require_names": [a.reading.labels["require"].get(k, k) for k in p.require],
    }


def result_entities(a: Analysis) -> list[Entity]:
    """The entities and resolution events of an analysis, at original positions."""
    text = a.text
    found = a.entities.listed()
    found += [Entity("action", text.shown(e.start, e.end), f"{e.type}:{e.modality}", e.start, e.end)
              for e in a.events if e.concrete or e.type == "vague"]
    found.sort(key=lambda e: (e.start, e.end, e.kind))
    if text.starts is None:
        return found
    return [e.moved(*text.span(e.start, e.end)) for e in found]


def _profiles() -> "ModuleType":
    from . import profiles

    return profiles
