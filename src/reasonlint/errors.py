"""The one error type of reasonlint: each kind of problem a user can cause or meet.

Every error is for the user: its message is one line (``path:line: what``) and the
command line prints it as such and exits 2. ``main`` handles them in one place.
"""
from __future__ import annotations


class ReasonlintError(Exception):
    """A problem reported to the user in one line; the run exits 2."""

    exit_code = 2

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__

    def __str__(self) -> str:
        return self.message


class ConfigError(ReasonlintError, ValueError):
    """A configuration problem; the message reads ``path:line: key: message``."""


class LexiconError(ReasonlintError, ValueError):
    """A lexicon file that cannot be read; the message starts with ``path:line:``."""


class UnknownRuleError(ReasonlintError, ValueError, KeyError):
    """A rule code or name that no rule has.

    A ValueError (a bad value was given); also a KeyError, which it used to be only.
    """


class SourceError(ReasonlintError):
    """An input file that cannot be read at all; the run goes on with the others."""


class OutputError(ReasonlintError):
    """The report could not be written (a full disk, a closed stream)."""


class UsageError(ReasonlintError):
    """The command line asks for something that cannot be done."""


class WorkerError(ReasonlintError):
    """A ``--jobs`` worker process died (killed, out of memory, crashed)."""


class RegexDisabledWarning(UserWarning):
    """A user's pattern was too slow and is no longer run.

    ``args``: the message (which starts with the pattern's ``file:line``) and that place.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
