"""``sarif``: SARIF 2.1.0 for code-scanning services, streamed result by result."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..rules import RULES, Rule
from .base import Checked, Fingerprints, Located, Orphan, Reporter, context_of

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/reasonlint/"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
ALL_RULES: tuple[Rule, ...] = RULES


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = (f"{rule.summary}\n\n{rule.why}\n\n反例：{rule.bad.text}\n正例：{rule.good.text}")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.name]},
    }


def artifact_uri(path: str) -> str:
    """A relative URI when the file is under the working folder, else a file: URI."""
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    # As bytes: a file name that is not UTF-8 holds surrogate escapes, which quote()
    # cannot encode; its original bytes are what the URI should carry.
    return quote(os.fsencode(p.as_posix()))


class SarifReporter(Reporter):
    machine = True
    renders_alone = False   # fingerprints count earlier occurrences of the same finding

    def start(self) -> None:
        self._first = True
        self._fingerprint = Fingerprints()
        self._index = {r.code: i for i, r in enumerate(ALL_RULES)}
        driver = {"name": "reasonlint", "version": __version__, "informationUri": INFORMATION_URI,
                  "rules": [rule_descriptor(r) for r in ALL_RULES]}
        head = json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0"}, ensure_ascii=False)[:-1]
        tool = json.dumps({"driver": driver}, ensure_ascii=False)
        self.write(f'{head}, "runs": [{{"tool": {tool}, "columnKind": "unicodeCodePoints", "results": [')

    def _result(self, path: str, lf: Located, context: str) -> None:
        f = lf.finding
        uri = artifact_uri(path)
        # The fingerprint ignores line numbers so moving a reason does not re-open it.
        digest = self._fingerprint(uri, f.code, context)
        result = {
            "ruleId": f.code,
            "ruleIndex": self._index.get(f.code, -1),
            "level": _LEVEL[f.severity],
            "message": {"text": f"{f.name}: {f.message}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": lf.line, "startColumn": lf.column,
                           "endLine": lf.end_line, "endColumn": max(lf.end_column, lf.column)},
            }}],
            "partialFingerprints": {"reasonlint/v1": digest},
        }
        if result["ruleIndex"] == -1:
            del result["ruleIndex"]
        self.write(("\n" if self._first else ",\n") + json.dumps(result, ensure_ascii=False))
        self._first = False

    def reason(self, item: Checked) -> None:
        for lf in item.findings:
            self._result(item.unit.path, lf, context_of(item, lf))

    def orphan(self, item: Orphan) -> None:
        self._result(item.path, item.finding, f"{item.finding.line}")

    def finish(self, stats: object) -> None:
        self.write("\n]}]}\n" if not self._first else "]}]}\n")


