"""``concise``: one line per finding, then the summary."""
from __future__ import annotations

import click

from .base import Checked, Located, Orphan, Reporter, Stats, printable, shown_path

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


class ConciseReporter(Reporter):
    """One line per finding, then the summary."""

    def style(self, text: str, **kw: object) -> str:
        return click.style(text, **kw) if self.color else text  # type: ignore[arg-type]

    def header(self, path: str, lf: Located) -> str:
        f = lf.finding
        color = COLORS.get(f.severity)
        # A file name may hold a newline or an escape code: one finding stays one line.
        where = self.style(f"{shown_path(path)}:{lf.line}:{lf.column}:", bold=True)
        code = self.style(f.code, fg=color, bold=True)
        return f"{where} {code} [{self.style(f.severity, fg=color)}] {f.name} {printable(f.message)}\n"

    def render(self, item: Checked) -> str:
        return "".join(self.header(item.unit.path, lf) for lf in item.findings)

    def orphan(self, item: Orphan) -> None:
        self.write(self.header(item.path, item.finding))

    def finish(self, stats: Stats) -> None:
        if not self.quiet:
            self.write(stats.summary() + "\n")
