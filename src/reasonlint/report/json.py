"""``json`` (one array) and ``json-lines`` (one object per line, streamed).

Every object has ``"schema_version": 1`` and a ``kind``: ``reason`` for a linted
reason, ``suppression`` for an unused suppression comment. See README "JSON output".
"""
from __future__ import annotations

import json
from typing import Any

from .base import SCHEMA_VERSION, Checked, Orphan, Reporter


def reason_dict(item: Checked) -> dict[str, Any]:
    u = item.unit
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "kind": "reason",
                           "path": u.path, "line": u.line, "column": u.column}
    if u.key is not None:
        out["key"] = u.key
    out.update(text=u.text, mode=item.result.mode, complaint=u.complaint)
    out.update(item.result.to_dict())
    out["findings"] = [lf.to_dict() for lf in item.findings]
    out["suppressed"] = item.suppressed
    return out


def orphan_dict(item: Orphan) -> dict[str, Any]:
    lf = item.finding
    return {"schema_version": SCHEMA_VERSION, "kind": "suppression", "path": item.path,
            "line": lf.line, "column": lf.column, "findings": [lf.to_dict()]}


# One encoder for every object: json.dumps with options builds a new one per call.
dumps = json.JSONEncoder(ensure_ascii=False).encode


class JsonReporter(Reporter):
    """A JSON array written piece by piece, so no result list is kept in memory."""

    machine = True

    def start(self) -> None:
        self._first = True
        self.write("[")

    def render(self, item: Checked) -> str:
        return dumps(reason_dict(item))

    def emit(self, text: str) -> None:
        self.write(("\n  " if self._first else ",\n  ") + text)
        self._first = False

    def orphan(self, item: Orphan) -> None:
        self.emit(dumps(orphan_dict(item)))

    def finish(self, stats: object) -> None:
        self.write("]\n" if self._first else "\n]\n")
