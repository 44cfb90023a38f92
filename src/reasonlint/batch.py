"""Checking a stream of units, in this process or over a pool of worker processes.

Both paths yield every item with its outcome in input order, so the report and the
counts do not depend on ``--jobs``. A worker does as much of each reason as it can:
it checks it, drops ignored and (when it has no suppression comments) renders the
report text, so the parent only writes text and counts. Sending a whole result back
instead costs the parent more to unpickle than the check saved.

The pool is a small one of its own: each worker has its own task queue and result
pipe, so the parent knows which worker owes which chunk and sees at once when a
worker dies (killed, out of memory) instead of waiting for its answer forever.
"""
from __future__ import annotations

import io
import os
import queue
import signal
import warnings
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple, Optional, Union

from .configfile import Settings
from .errors import RegexDisabledWarning, WorkerError
from .report import Checked, Located, Reporter, make
from .sources import Item, Unit
from .suppress import Used, apply

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .config import Config
    from .linter import Linter
    from .model import Result

CHUNK = 256   # reasons per task sent to a worker process
POLL = 1.0    # seconds between a worker's checks that its parent is still there


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


def settle(unit: Unit, result: "Result", ignored: frozenset[str], used: Optional[Used] = None) -> Checked:
    """The findings left after ignores and suppression comments, located in the file
    and in the order of their places; ``used`` collects what each comment suppressed."""
    findings = [f for f in result.findings if f.code not in ignored]
    kept, suppressed = apply(findings, unit.directives, used)
    located = sorted((Located.of(f, unit) for f in kept),
                     key=lambda lf: (lf.line, lf.column, lf.end_line, lf.end_column, lf.finding.code))
    return Checked(unit, result, located, suppressed)


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
        if isinstance(outcome, str) or self.reporter is None or unit.directives:
            # Suppression comments are counted in the parent, which reports the unused.
            return outcome
        checked = settle(unit, outcome, self.ignores(unit.path))
        kept = tuple((lf.finding.code, lf.finding.name, lf.finding.severity) for lf in checked.findings)
        return Rendered(outcome.verdict, outcome.score, kept, self.reporter.render(checked))

    def run_chunk(self, units: list[Unit]) -> tuple[list[Outcome], list[tuple[Any, ...]]]:
        """The outcomes of a chunk, and the warnings (slow user patterns) it raised."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RegexDisabledWarning)
            outcomes = [self.run(u) for u in units]
        return outcomes, [w.message.args for w in caught if isinstance(w.message, RegexDisabledWarning)]


def _quiet_signals() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool and reports it
    # once; a worker would print its own traceback. SIGTERM, SIGHUP and SIGQUIT end a
    # worker at once and silently (SIGQUIT's default would also dump core); the parent
    # handles them for the run.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, _exit_at_once)


def _exit_at_once(signum: int, frame: Any) -> None:
    os._exit(128 + signum)


def serve(tasks: Any, results: "Connection", settings: Settings, report: Optional[ReportSpec]) -> None:
    """A worker process: chunks of units in, outcomes out, until told to stop.

    It also stops when its parent is gone (killed with SIGKILL): nobody would ever
    send it the word.
    """
    _quiet_signals()
    parent = os.getppid()
    try:
        worker = _Worker(settings, report)
    except Exception as exc:   # reported by the parent as this worker's failure
        results.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            units = tasks.get(timeout=POLL)
        except queue.Empty:
            if os.getppid() != parent:
                return
            continue
        if units is None:
            return
        try:
            answer: tuple[Any, ...] = ("ok", *worker.run_chunk(units))
        except Exception as exc:
            answer = ("error", f"{type(exc).__name__}: {exc}")
        results.send(answer)


class _Handle:
    """The parent's end of one worker: its process, task queue and result pipe."""

    def __init__(self, ctx: Any, settings: Settings, report: Optional[ReportSpec]) -> None:
        self.tasks = ctx.Queue()   # put() never blocks: a feeder thread writes the pipe
        self.results, sender = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=serve, args=(self.tasks, sender, settings, report), daemon=True)
        self.process.start()
        sender.close()

    def answer(self) -> tuple[list[Outcome], list[tuple[Any, ...]]]:
        """The next chunk's outcomes; raises WorkerError if the worker died instead."""
        from multiprocessing.connection import wait

        ready = wait([self.results, self.process.sentinel])
        if self.results in ready:
            try:
                answer = self.results.recv()
            except (EOFError, OSError):
                answer = None
            if answer is not None:
                if answer[0] == "error":
                    raise WorkerError(f"工作进程出错：{answer[1]}")
                return answer[1], answer[2]
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                how = f"被信号 {signal.Signals(-code).name} 终止"
            except ValueError:
                how = f"被信号 {-code} 终止"
        else:
            how = f"以状态 {code} 退出"
        raise WorkerError(f"工作进程 {self.process.pid} 意外{how}（可能是内存不足或被强制结束），检查未完成")

    def stop(self, now: bool) -> None:
        if not now and self.process.is_alive():
            try:
                self.tasks.put(None)
            except (OSError, ValueError):
                now = True
        if now and self.process.is_alive():
            self.process.terminate()
        self.process.join(5 if not now else 2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        # Unsent chunks of a dead worker must not keep the feeder thread (and so the
        # parent's exit) waiting.
        self.tasks.cancel_join_thread()
        self.tasks.close()
        self.results.close()


def lint_parallel(items: Iterable[Item], settings: Settings, jobs: int,
                  report: Optional[ReportSpec] = None) -> Iterator[tuple[Item, Optional[Outcome]]]:
    """Like :func:`lint_serial`, over ``jobs`` worker processes, in input order.

    With ``report`` the workers render what they can in that format. A bounded
    window of pending chunks keeps memory flat on huge inputs. A worker that dies
    ends the run with :class:`~reasonlint.errors.WorkerError`; the others are stopped,
    as they are when the caller stops early (an error, a signal).
    """
    import multiprocessing

    ctx = multiprocessing.get_context()
    workers = [_Handle(ctx, settings, report) for _ in range(jobs)]
    warned: set[Any] = set()
    clean = False
    try:
        pending: deque[tuple[list[Item], _Handle]] = deque()

        def drain_one() -> Iterator[tuple[Item, Optional[Outcome]]]:
            chunk, worker = pending.popleft()
            outcomes, caught = worker.answer()
            for args in caught:
                # Each worker times its own patterns: the user hears once per pattern.
                where = args[1] if len(args) > 1 else args
                if where not in warned:
                    warned.add(where)
                    warnings.warn(RegexDisabledWarning(*args), stacklevel=1)
            results = iter(outcomes)
            for item in chunk:
                yield item, (next(results) if isinstance(item, Unit) else None)

        for n, chunk in enumerate(_chunks(items, CHUNK)):
            worker = workers[n % jobs]
            worker.tasks.put([i for i in chunk if isinstance(i, Unit)])
            pending.append((chunk, worker))
            if len(pending) >= jobs * 3:
                yield from drain_one()
        while pending:
            yield from drain_one()
        clean = True
    finally:
        for w in workers:
            w.stop(now=not clean)


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
