"""The check loop: read, lint (here or in workers), report and count, in input order."""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Iterator, Optional, TextIO

import click

from ..batch import Ignores, Outcome, Rendered, ReportSpec, lint_parallel, lint_serial, settle
from ..configfile import Settings
from ..model import SEVERITY_RANK
from ..report import Located, Orphan, Reporter, Stats
from ..report.base import display_width, shown_path
from ..sources import FileEnd, InputError, Item, Unit
from ..suppress import Directive, Used, unused
from .app import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from .output import say

if TYPE_CHECKING:
    from ..model import Result

PROGRESS_AFTER = 2000     # no progress line for small inputs


class Progress:
    """A one-line progress bar on stderr for long runs; silent for small inputs.

    ``total`` is an estimate (lines in the input files), so the bar never passes 100%.
    """

    WIDTH = 30

    def __init__(self, enabled: bool, stream: Optional[IO[str]] = None, total: int = 0) -> None:
        self.enabled = enabled
        self.stream = stream
        self.total = total
        self.count = 0
        self.shown = False

    def line(self) -> str:
        if self.total <= 0:
            return f"已检查 {self.count} 条理由…"
        done = min(self.count, self.total) / self.total
        filled = int(done * self.WIDTH)
        return f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:4.0%} 已检查 {self.count} 条理由"

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count % 500 == 0 and max(self.count, self.total) >= PROGRESS_AFTER:
            click.echo("\r" + self.line(), nl=False, err=self.stream is None, file=self.stream)
            self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("\r" + " " * display_width(self.line()) + "\r", nl=False,
                       err=self.stream is None, file=self.stream)


@dataclass
class Run:
    """The state of one ``check`` run: what to report and how to count it.

    Which codes each suppression comment hid is counted here (``used``): a
    comment's RL001 is decided after its reason (next-line and trailing ones) or at
    the end of its file (file-wide ones).
    """

    settings: Settings
    reporter: Reporter
    stats: Stats
    progress: Progress
    used: Used = field(default_factory=dict)
    #: reasons rejected with a reported finding: they fail the run like an error
    failing_rejects: int = 0

    def __post_init__(self) -> None:
        self._ignored = Ignores(self.settings)
        config = self.settings.config
        self._enabled = frozenset(c for c in config.select if config.enabled(c))

    def _unused(self, directive: Directive, path: str, around: tuple[Directive, ...]) -> None:
        """``around``: the file-wide directives in force; one that covers RL001 turns
        the check off for its file."""
        found = self.used.pop(directive, set())
        if not self.settings.report_unused or any(
                "RL001" in d.covers for d in around if d.kind == "disable-file"):
            return
        finding = unused(directive, found, self._enabled - self._ignored(path))
        if finding is None:
            return
        lf = Located(finding, directive.line, directive.column, directive.line, directive.end_column)
        self.stats.add_finding(finding)
        self.reporter.orphan(Orphan(path, lf))

    def feed(self, item: Item, outcome: Optional[Outcome]) -> None:
        if isinstance(item, InputError):
            self.stats.input_errors += 1
            say(f"{shown_path(item.path)}: {item.message}")
        elif isinstance(item, FileEnd):
            for d in item.directives:
                self._unused(d, item.path, item.directives)
        elif isinstance(outcome, str):
            self.stats.input_errors += 1
            say(f"{shown_path(item.path)}:{item.line}:{item.column}: {outcome}")
        elif isinstance(outcome, Rendered):
            self._count(outcome.verdict, outcome.score, 0, bool(outcome.findings))
            for code, name, severity in outcome.findings:
                self.stats.add(code, name, severity)
            self.reporter.emit(outcome.text)
        elif outcome is not None:
            self._reason(item, outcome)

    def _count(self, verdict: str, score: int, suppressed: int, reported: bool) -> None:
        self.progress.tick()
        stats = self.stats
        stats.reasons += 1
        stats.verdicts[verdict] += 1
        stats.suppressed += suppressed
        if score < self.settings.min_score:
            stats.below_min_score += 1
        if verdict == "reject" and reported:
            self.failing_rejects += 1

    def _reason(self, unit: Unit, result: "Result") -> None:
        checked = settle(unit, result, self._ignored(unit.path), self.used)
        self._count(result.verdict, result.score, checked.suppressed, bool(checked.findings))
        for lf in checked.findings:
            self.stats.add_finding(lf.finding)
        self.reporter.reason(checked)
        for d in unit.directives:
            if d.kind == "disable":   # file-wide ones are decided at the end of the file
                self._unused(d, unit.path, unit.directives)

    def exit_code(self, exit_zero: bool) -> int:
        if self.stats.input_errors:
            return EXIT_ERROR
        if exit_zero:
            return EXIT_OK
        threshold = SEVERITY_RANK[self.settings.fail_on]
        failing = any(n and SEVERITY_RANK[s] >= threshold for s, n in self.stats.severities.items())
        return EXIT_FINDINGS if failing or self.failing_rejects or self.stats.below_min_score else EXIT_OK


def lint(items: Iterator[Item], run: Run, out: TextIO, *, jobs: int, report: ReportSpec,
         stream: bool) -> None:
    """Check every item and feed it to ``run``; ``stream``: flush after each reason, so a
    program that writes one record and waits reads its answer at once."""
    checked = (lint_parallel(items, run.settings, jobs, report) if jobs > 1
               else lint_serial(items, run.settings))
    try:
        _feed(checked, run, out, stream)
    finally:
        close = getattr(checked, "close", None)
        if close is not None:
            close()   # stops the workers at once, whatever ended the loop


def _feed(checked: Iterator[tuple[Item, Optional[Outcome]]], run: Run, out: TextIO, stream: bool) -> None:
    seen: set[str] = set()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for item, outcome in checked:
            run.feed(item, outcome)
            if caught:
                for w in caught:
                    message = str(w.message)
                    if message not in seen:
                        seen.add(message)
                        say(message)
                caught.clear()
            if stream:
                out.flush()
