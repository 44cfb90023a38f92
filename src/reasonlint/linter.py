"""The pipeline: normalise → tokenize → extract → classify → rules → score → suggest."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from . import clauses as clause_split
from . import rules, score
from .analysis import Analysis
from .classify import Classifier
from .config import Config
from .extract import Extractor
from .lexicon import load
from .model import CHANNELS, MODES, Entity, Result, Token
from .normalize import Normalizer
from .phrases import Scanner
from .suggest import Suggester
from .tokenize import Segmenter

_CHANNEL_ARGS = tuple(c for c in CHANNELS if c != "unknown")


class Linter:
    """A reusable, thread-safe linter. Build one and call :meth:`check` many times."""

    def __init__(self, config: Optional[Config] = None) -> None:
        self.config = config or Config()
        extra = tuple(Path(p) for p in self.config.extra_lexicons)
        lex = load(extra)
        self._normalize = Normalizer.from_lexicons(lex)
        self._segmenter = Segmenter(extra)
        self._scanner = scanner = Scanner()  # one pass over each text finds the phrases of every lexicon
        self._extractor = Extractor(lex, scanner)
        self._classifier = Classifier(lex, scanner)
        self._suggester = Suggester(lex, scanner)
        self._rules = rules.plan(self.config)

    def tokens(self, text: str) -> list[Token]:
        return self._segmenter.tokenize(self._normalize(text))

    def analyse(self, text: str, *, mode: str = "reason", complaint: Optional[str] = None,
                channel: Optional[str] = None) -> Analysis:
        if not isinstance(text, str):
            raise TypeError(f"text 必须是 str，得到 {type(text).__name__}")
        if mode not in MODES:
            raise ValueError(f"mode 必须是 {' / '.join(MODES)} 之一，得到 {mode!r}")
        if channel is not None and channel not in _CHANNEL_ARGS:
            raise ValueError(f"channel 必须是 {' / '.join(_CHANNEL_ARGS)} 或 None，得到 {channel!r}")
        if complaint is not None and not isinstance(complaint, str):
            raise TypeError(f"complaint 必须是 str 或 None，得到 {type(complaint).__name__}")
        limit = self.config.max_length
        truncated = len(text) > limit
        body = text[:limit] if truncated else text
        if complaint is not None:
            complaint = complaint[:limit]  # bounded work, whatever the context's length
        norm = self._normalize(body)
        tokens = self._segmenter.lazy(norm)
        spans = clause_split.split(norm)
        scan = self._scanner.scan(norm)
        found = self._extractor.extract(body, scan)
        actions = self._classifier.actions(scan, tokens, spans)
        found.entities = sorted(
            found.entities + [Entity("action", body[a.start:a.end], f"{a.type}:{a.polarity}", a.start, a.end)
                              for a in actions],
            key=lambda e: (e.start, e.end, e.kind))
        main_channel, venues = self._classifier.channels(found.entities, channel)
        issues = self._classifier.complaint_issues(self._normalize(complaint)) if complaint else set()
        return Analysis(
            text=text, norm=norm, scan=scan, mode=mode, config=self.config, tokens=tokens, clauses=spans,
            found=found, actions=actions, resolution=self._classifier.resolution(actions),
            channel=main_channel, venues=venues, complaint=complaint, issues=issues,
            answers_complaint=self._classifier.answers(issues, actions), truncated=truncated,
        )

    def check(self, text: str, *, mode: str = "reason", complaint: Optional[str] = None,
              channel: Optional[str] = None) -> Result:
        a = self.analyse(text, mode=mode, complaint=complaint, channel=channel)
        findings = rules.run(a, self._rules)
        parts = score.parts(a)
        total = parts["total"]
        suggestion = self._suggester.suggest(a)
        return Result(
            text=text, mode=mode, score=total,
            verdict=score.verdict(total, findings, dict(self.config.weights)),
            resolution=a.resolution, channel=a.channel, entities=a.found.entities,
            findings=findings, suggestion=suggestion.text, missing=suggestion.missing, parts=parts,
        )
