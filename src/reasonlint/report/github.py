"""``github``: GitHub Actions workflow commands, shown as annotations on the diff."""
from __future__ import annotations

from .base import Checked, Located, Orphan, Reporter, printable

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(path: str, lf: Located) -> str:
    f = lf.finding
    props = [f"file={_prop(path)}", f"line={lf.line}", f"col={lf.column}"]
    if lf.end_line != lf.line:
        props.append(f"endLine={lf.end_line}")
    props.append(f"endColumn={lf.end_column}")
    props.append(f"title={_prop(f'{f.code} {f.name}')}")
    return f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(f.message)}\n"


class GithubReporter(Reporter):
    machine = True

    def render(self, item: Checked) -> str:
        return "".join(command(item.unit.path, lf) for lf in item.findings)

    def orphan(self, item: Orphan) -> None:
        self.write(command(item.path, item.finding))
