"""``gitlab``: a GitLab Code Quality report (Code Climate issues), one JSON array.

GitLab shows it on merge requests (``artifacts: reports: codequality``). Severities:
error → major, warning → minor, info → info. Fingerprints are those of SARIF: a
finding keeps its id when its reason moves to another line.
"""
from __future__ import annotations

from typing import Any

from .base import Checked, Fingerprints, Located, Orphan, Reporter, context_of
from .json import dumps
from .sarif import artifact_uri

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(Reporter):
    machine = True
    renders_alone = False   # fingerprints count earlier occurrences of the same finding

    def start(self) -> None:
        self._first = True
        self._fingerprint = Fingerprints()
        self.write("[")

    def _issue(self, path: str, lf: Located, context: str) -> None:
        f = lf.finding
        uri = artifact_uri(path)
        issue: dict[str, Any] = {
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.name}: {f.message}",
            "categories": ["Style"],
            "severity": SEVERITY[f.severity],
            "fingerprint": self._fingerprint(uri, f.code, context),
            "location": {"path": uri, "positions": {
                "begin": {"line": lf.line, "column": lf.column},
                "end": {"line": lf.end_line, "column": max(lf.end_column, lf.column)},
            }},
        }
        self.write(("\n  " if self._first else ",\n  ") + dumps(issue))
        self._first = False

    def reason(self, item: Checked) -> None:
        for lf in item.findings:
            self._issue(item.unit.path, lf, context_of(item, lf))

    def orphan(self, item: Orphan) -> None:
        self._issue(item.path, item.finding, f"{item.finding.line}")

    def finish(self, stats: object) -> None:
        self.write("]\n" if self._first else "\n]\n")
