"""What readers yield: units (one reason each), errors about part of an input, and
the end of each file."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:
    from .suppression import Directive

INPUT_FORMATS = ("txt", "csv", "tsv", "json", "jsonl", "yaml")


@dataclass(frozen=True)
class Options:
    """How to read sources; built by the command line."""

    unit: str = "line"                       # line | paragraph (plain text only)
    encoding: Optional[str] = None           # None: detect
    column: Optional[str] = None             # reason column/field
    complaint_column: Optional[str] = None
    channel_column: Optional[str] = None
    complaint: Optional[str] = None          # default context for every unit
    channel: Optional[str] = None
    stdin_filename: Optional[str] = None
    input_format: Optional[str] = None       # one of INPUT_FORMATS: beats the extension


@dataclass
class Unit:
    """One reason and where it came from.

    ``directives``: the suppression comments that cover it (its own and the file's),
    immutable and shared; which of them were used is counted by the run, not here.
    """

    text: str
    path: str
    line: int
    column: int
    key: Optional[str] = None
    complaint: Optional[str] = None
    channel: Optional[str] = None
    directives: "tuple[Directive, ...]" = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to --jobs workers by the hundred thousand: the constructor's arguments
        # pickle in about half the time of the instance dict.
        return Unit, (self.text, self.path, self.line, self.column, self.key, self.complaint,
                      self.channel, self.directives)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a str index into :attr:`text`."""
        offset = max(0, min(offset, len(self.text)))
        newlines = self.text.count("\n", 0, offset)
        if not newlines:
            return self.line, self.column + offset
        return self.line + newlines, offset - self.text.rfind("\n", 0, offset)


@dataclass(frozen=True)
class InputError:
    """Part of an input that could not be read; ``path`` may end in ``:line``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class FileEnd:
    """The end of one file, with the suppression comments checked only then:
    file-wide ones, and next-line ones with no reason after them."""

    path: str
    directives: "tuple[Directive, ...]" = ()


Item = Union[Unit, InputError, FileEnd]
