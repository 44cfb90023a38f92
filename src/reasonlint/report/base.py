"""What every output format receives, and the pieces they share."""
from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, TextIO

from ..model import SEVERITY_RANK, Finding, Result
from ..sources import Unit

SCHEMA_VERSION = 1
VERDICT_ZH = {"accept": "通过", "revise": "需修改", "reject": "驳回"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Located:
    """A finding with 1-based line/column positions; ``end_column`` is exclusive."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, finding: Finding, unit: Unit) -> "Located":
        line, column = unit.position(finding.start)
        end_line, end_column = unit.position(max(finding.start, finding.end))
        return cls(finding, line, column, end_line, end_column)

    def to_dict(self) -> dict[str, Any]:
        return {**self.finding.to_dict(), "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column}


@dataclass
class Checked:
    """One linted reason with the findings left after suppressions."""

    unit: Unit
    result: Result
    findings: list[Located]
    suppressed: int = 0


@dataclass(frozen=True)
class Orphan:
    """A finding about the input file rather than a reason (RL001 unused-suppression)."""

    path: str
    finding: Located


@dataclass
class Stats:
    reasons: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    suppressed: int = 0
    input_errors: int = 0
    below_min_score: int = 0

    def add_finding(self, f: Finding) -> None:
        self.add(f.code, f.name, f.severity)

    def add(self, code: str, name: str, severity: str) -> None:
        self.severities[severity] += 1
        self.codes[code] += 1
        self.names[code] = (name, severity)

    def worst(self) -> Optional[str]:
        present = [s for s in self.severities if self.severities[s]]
        return max(present, key=SEVERITY_RANK.__getitem__) if present else None

    def summary(self) -> str:
        v = self.verdicts
        total = sum(self.severities.values())
        parts = "，".join(f"{SEVERITY_ZH[s]} {self.severities[s]}" for s in ("error", "warning", "info"))
        text = (f"共检查 {self.reasons} 条理由：通过 {v['accept']}，需修改 {v['revise']}，"
                f"驳回 {v['reject']}；发现 {total} 个问题（{parts}）")
        if self.suppressed:
            text += f"；已抑制 {self.suppressed} 个"
        if self.input_errors:
            text += f"；{self.input_errors} 个输入错误"
        return text + "。"

    def table(self) -> list[str]:
        """``--statistics``: one line per rule, most frequent first."""
        lines = []
        width = max((len(str(n)) for n in self.codes.values()), default=1)
        for code, n in sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0])):
            name, severity = self.names[code]
            lines.append(f"{n:>{width}}  {code}  [{severity}] {name}")
        if self.suppressed:
            lines.append(f"{self.suppressed:>{width}}  已抑制")
        return lines


class Fingerprints:
    """Stable ids for findings (SARIF, GitLab): the same finding in the same context
    keeps its id when its reason moves to another line; repeats are numbered.

    Occurrences are counted per key as 8-byte digests: the keys hold whole reasons,
    and keeping them would grow with the input.
    """

    def __init__(self) -> None:
        self._seen: dict[bytes, int] = {}

    def __call__(self, *parts: str) -> str:
        # surrogatepass: a reason may hold a lone surrogate (JSON "\ud800").
        key = "\0".join(parts).encode("utf-8", "surrogatepass")
        short = hashlib.blake2b(key, digest_size=8).digest()
        seen = self._seen[short] = self._seen.get(short, 0) + 1
        return hashlib.sha256(key + f"\0{seen}".encode()).hexdigest()[:32]


def context_of(item: "Checked", lf: "Located") -> str:
    """What a reason's finding is fingerprinted by: the reason and the span."""
    return f"{item.unit.text}\0{item.unit.text[lf.finding.start:lf.finding.end]}"


class Reporter:
    """Base output format: receives items in input order and writes them at once."""

    #: formats that are data for programs; statistics then go to stderr
    machine = False
    #: :meth:`render` depends on nothing but its item, so worker processes may call
    #: it and send the text back; a format that must see every reason says False.
    renders_alone = True
    #: the output is one document that nothing may follow: ``--statistics`` goes to stderr
    whole_document = False

    def __init__(self, out: TextIO, *, color: bool = False, quiet: bool = False) -> None:
        self.out = out
        self.color = color
        self.quiet = quiet

    def run_info(self, info: Mapping[str, Any]) -> None:
        """What the run is (``paths``, the resolved ``config``), for formats with a header."""

    def start(self) -> None:
        pass

    def render(self, item: Checked) -> str:
        """The text this format writes for one reason (may be empty)."""
        raise NotImplementedError

    def reason(self, item: Checked) -> None:
        self.emit(self.render(item))

    def emit(self, text: str) -> None:
        """Write one reason's :meth:`render` text, made here or in a worker."""
        if text:
            self.write(text)

    def orphan(self, item: Orphan) -> None:
        raise NotImplementedError

    def finish(self, stats: Stats) -> None:
        pass

    def write(self, text: str) -> None:
        self.out.write(text)


# Control characters as their Unicode pictures (ESC -> ␛): printed raw, a reason could
# recolour the terminal or ring its bell. One column each, so marks stay aligned.
_PRINTABLE = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x0A, 0x0D)}
_PRINTABLE[0x7F] = "\u2421"
_PRINTABLE.update({c: "\ufffd" for c in range(0x80, 0xA0)})


def printable(text: str) -> str:
    """``text`` with control characters (but line breaks) shown as visible symbols."""
    return text.translate(_PRINTABLE)


_ONE_LINE = {**_PRINTABLE, 0x0A: "\u240a", 0x0D: "\u240d"}
# Bidirectional controls reorder what a terminal shows (a name could read as another):
# in names and messages they are written as escapes.
_ONE_LINE.update({c: f"\\u{c:04x}" for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                                *range(0x2066, 0x206A))})


def one_line(text: str) -> str:
    """``text`` on one line: control characters and line breaks as symbols, bidi
    controls as escapes.

    For file names and messages, which a line break would split in two.
    """
    return text.translate(_ONE_LINE)


def shown_path(path: str) -> str:
    """A path as printed at the start of a line: on one line, and starting with
    ``./`` unless it starts with a letter, a digit or one of ``/ . _ ~``.

    A name such as ``::error title=X::p.txt`` would otherwise be read as a GitHub
    Actions command by the runner that shows the log.
    """
    shown = one_line(path)
    if shown == "-" or shown[:1].isalnum() or shown[:1] in ("/", ".", "_", "~", "\\"):
        return shown
    return "./" + shown


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else
               0 if unicodedata.combining(ch) else 1 for ch in text)
