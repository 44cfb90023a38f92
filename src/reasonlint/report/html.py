"""``html``: a self-contained audit report, written once every reason has been seen.

Each reason is summed up as its JSON-lines object (the same one ``reasonlint report``
reads back from a saved run), so both roads to the report share one code path.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import IO, Any, Callable, Mapping, NamedTuple, Optional, Sequence, TextIO

from .. import __version__
from .aggregate import ROW_CAP, Aggregate
from .base import Checked, Orphan, Reporter, Stats
from .htmlpage import RunInfo, write
from .json import orphan_dict, reason_dict
from .saved import Problem, records


class Reported(NamedTuple):
    reasons: int
    rows: int        # listed on the page
    problems: int


def generated_at() -> datetime:
    """When the page was made: now, or ``SOURCE_DATE_EPOCH`` (seconds, UTC) when it is set,
    so that the same results give the same bytes (reproducible builds' convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now().astimezone()


class HtmlReporter(Reporter):
    renders_alone = False   # the page sums up every reason: nothing to render per reason
    whole_document = True   # the page has its own rule table

    def __init__(self, out: TextIO, *, color: bool = False, quiet: bool = False) -> None:
        super().__init__(out, color=color, quiet=quiet)
        self.aggregate = Aggregate()
        self._info: Mapping[str, Any] = {}
        self._started: Optional[datetime] = None

    def run_info(self, info: Mapping[str, Any]) -> None:
        self._info = info

    def start(self) -> None:
        self._started = generated_at()

    def render(self, item: Checked) -> str:
        return ""

    def reason(self, item: Checked) -> None:
        self.aggregate.add(reason_dict(item))

    def orphan(self, item: Orphan) -> None:
        self.aggregate.add(orphan_dict(item))

    def finish(self, stats: Stats) -> None:
        info = RunInfo(version=__version__, generated=self._started or generated_at(),
                       command="check", inputs=tuple(self._info.get("paths", ())),
                       config=self._info.get("config"), input_errors=stats.input_errors)
        write(self.out, self.aggregate, info)


def report_saved(paths: Sequence[str], out: TextIO, *, baseline: Optional[str] = None,
                 max_rows: int = ROW_CAP, stdin: Optional[IO[bytes]] = None,
                 problem: Callable[[str], None] = lambda message: None) -> Reported:
    """``reasonlint report``: saved JSON-lines results to a page. Lines or files that
    cannot be read are passed to ``problem`` and counted."""
    problems = 0

    def summed(sources: Sequence[str], **options: Any) -> Aggregate:
        nonlocal problems
        agg = Aggregate(**options)
        for record in records(sources, stdin):
            if isinstance(record, Problem):
                problems += 1
                problem(str(record))
            else:
                agg.add(record)
        return agg

    agg = summed(paths, row_cap=max_rows)
    base = summed([baseline], row_cap=0) if baseline is not None else None
    info = RunInfo(version=__version__, generated=generated_at(), command="report",
                   inputs=tuple(paths), baseline=baseline, input_errors=problems)
    rows = write(out, agg, info, base)
    return Reported(agg.reasons, rows, problems)
