"""``json-lines``: one JSON object per reason, written as each reason is checked."""
from __future__ import annotations

from .base import Checked, Orphan, Reporter
from .json import dumps, orphan_dict, reason_dict


class JsonLinesReporter(Reporter):
    machine = True

    def render(self, item: Checked) -> str:
        return dumps(reason_dict(item)) + "\n"

    def orphan(self, item: Orphan) -> None:
        self.write(dumps(orphan_dict(item)) + "\n")
