"""Checking a stream of units, in this process or over a pool of worker processes.

Both paths yield every item with its outcome in input order, so the report and the
counts do not depend on ``--jobs``. A worker does as much of each reason as it can:
it checks it, drops ignored and (when it has no suppression comments) renders the
report text, so the parent only writes text and counts. Sending a whole result back
instead costs the parent more to unpickle than the check saved.
"""
from __future__ import annotations

import io
import signal
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple, Optional, Union

from .configfile import Settings
from .report import Checked, Located, Reporter, make
from .sources import Item, Unit
from .suppress import apply

if TYPE_CHECKING:
    from .config import Config
    from .linter import Linter
    from .model import Result

CHUNK = 256   # reasons per task sent to a worker process


class Rendered(NamedTuple):
    """A reason checked and rendered in a worker: all the parent needs of it."""

    verdict: str
    score: int
    findings: tuple[tuple[str, str, str], ...]   # code, name, severity of each one kept
    text: str                                    # the report's text for this reason


Outcome = Union["Result", Rendered, str]   # a result, a rendered one, or an error message


class ReportSpec(NamedTuple):
    """What a worker needs to build the same report format as the parent."""

    format: str
    color: bool = False
    quiet: bool = False


def linter(config: "Config") -> "Linter":
    from .linter import Linter  # heavy: loads lexicons and, on first use, jieba

    return Linter(config)


def check_one(lint: "Linter", unit: Unit, settings: Settings) -> Union["Result", str]:
    try:
        return lint.check(unit.text, mode=settings.mode_for(unit.path),
                          complaint=unit.complaint, channel=unit.channel)
    except ValueError as exc:
        return str(exc)


def settle(unit: Unit, result: "Result", ignored: frozenset[str]) -> Checked:
    """The findings left after ignores and suppression comments, located in the file.

    Marks each directive with what it suppressed, for the unused-suppression check.
    """
    findings = [f for f in result.findings if f.code not in ignored]
    file_directives = unit.file_suppressions.directives if unit.file_suppressions else []
    kept, suppressed = apply(findings, [*unit.directives, *file_directives])
    return Checked(unit, result, [Located.of(f, unit) for f in kept], suppressed)


class Ignores:
    """``per-file-ignores`` by path, cached: glob matching per reason would dominate."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._by_path: dict[str, frozenset[str]] = {}

    def __call__(self, path: str) -> frozenset[str]:
        found = self._by_path.get(path)
        if found is None:
            found = self._by_path[path] = self._settings.ignored_for(path)
        return found


def lint_serial(items: Iterable[Item], settings: Settings) -> Iterator[tuple[Item, Optional[Outcome]]]:
    lint: Optional["Linter"] = None
    for item in items:
        if isinstance(item, Unit):
            if lint is None:
                lint = linter(settings.config)
            yield item, check_one(lint, item, settings)
        else:
            yield item, None


class _Worker:
    """One worker process's linter, report format and ignore cache."""

    def __init__(self, settings: Settings, report: Optional[ReportSpec]) -> None:
        self.settings = settings
        self.linter = linter(settings.config)
        self.reporter: Optional[Reporter] = None
        if report is not None:
            # Never written to: the worker only calls render().
            reporter = make(report.format, io.StringIO(), color=report.color, quiet=report.quiet)
            if reporter.renders_alone:
                self.reporter = reporter
        self.ignores = Ignores(settings)

    def run(self, unit: Unit) -> Outcome:
        outcome = check_one(self.linter, unit, self.settings)
        if isinstance(outcome, str) or self.reporter is None or _has_directives(unit):
            # Suppression comments are marked used in the parent, which reports the unused.
            return outcome
        checked = settle(unit, outcome, self.ignores(unit.path))
        kept = tuple((lf.finding.code, lf.finding.name, lf.finding.severity) for lf in checked.findings)
        return Rendered(outcome.verdict, outcome.score, kept, self.reporter.render(checked))


def _has_directives(unit: Unit) -> bool:
    return bool(unit.directives or (unit.file_suppressions and unit.file_suppressions.directives))


# One per worker process, built by the pool initializer: processes cannot share a
# linter, and building it per task would reload the lexicons each time.
_worker: Optional[_Worker] = None


def worker_init(settings: Settings, report: Optional[ReportSpec] = None) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent stops the pool and reports it
    # once; a worker would print its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's SIGTERM handler (inherited through fork) would turn the pool's own
    # terminate() into an exception in the middle of a queue operation, and the worker
    # would hang on a lock instead of ending.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker = _Worker(settings, report)


def _worker_run(units: list[Unit]) -> list[Outcome]:
    assert _worker is not None
    return [_worker.run(u) for u in units]


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    units = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Unit):
            units += 1
            if units >= size:
                yield chunk
                chunk, units = [], 0
    if chunk:
        yield chunk


def lint_parallel(items: Iterable[Item], settings: Settings, jobs: int,
                  report: Optional[ReportSpec] = None) -> Iterator[tuple[Item, Optional[Outcome]]]:
    """Like :func:`lint_serial`, over ``jobs`` worker processes, in input order.

    With ``report`` the workers render what they can in that format. Pool.imap
    would read the whole input ahead into its task queue; a bounded window of
    pending chunks keeps memory flat on huge inputs.
    """
    import multiprocessing

    with multiprocessing.get_context().Pool(jobs, initializer=worker_init,
                                            initargs=(settings, report)) as pool:
        pending: deque[tuple[list[Item], Any]] = deque()

        def drain_one() -> Iterator[tuple[Item, Optional[Outcome]]]:
            chunk, future = pending.popleft()
            outcomes = iter(future.get())
            for item in chunk:
                yield item, (next(outcomes) if isinstance(item, Unit) else None)

        for chunk in _chunks(items, CHUNK):
            units = [i for i in chunk if isinstance(i, Unit)]
            pending.append((chunk, pool.apply_async(_worker_run, (units,))))
            if len(pending) >= jobs * 3:
                yield from drain_one()
        while pending:
            yield from drain_one()
