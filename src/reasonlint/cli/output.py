"""Where the report goes: standard output or an ``--output`` file written atomically,
and the one-line messages on standard error."""
from __future__ import annotations

import codecs
import io
import os
import stat
import sys
import tempfile
from typing import IO, Any, Iterable, Optional, Sequence

import click

from ..errors import OutputError
from ..report.base import one_line
from ..sources import expand


def say(message: str) -> None:
    """One line on standard error, whatever a file name or a cell holds (newlines,
    escape codes); a line that would start with something other than a letter, a
    digit or ``. / - _ ~`` (``::error`` for a CI runner) starts with ``./``."""
    line = one_line(message)
    if line and not (line[0].isalnum() or line[0] in "./-_~\\"):
        line = "./" + line
    click.echo(line, err=True)


class Guarded:
    """The report's stream: a failed write becomes an :class:`OutputError`.

    A broken pipe is left alone: the reader went away (``| head``), which is not an error.
    """

    def __init__(self, stream: IO[str], name: str) -> None:
        self._stream = stream
        self._name = name

    def _fail(self, exc: OSError) -> OutputError:
        return OutputError(f"{self._name}: 无法写入：{exc.strerror or exc}")

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def isatty(self) -> bool:
        return self._stream.isatty()


class AtomicOutput:
    """``--output FILE``: written to a temporary file beside it, then renamed over it.

    A symlink is followed (the link stays, its target gets the report), and a FIFO or
    device (``/dev/stdout``) is written in place: renaming over it would replace it.
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(path)
        self.tmp: Optional[str] = None
        try:
            st: Optional[os.stat_result] = os.stat(self.path)
        except FileNotFoundError:
            st = None
        # A lone surrogate in a reason (from JSON "\ud800") cannot be encoded: escape it.
        mode: dict[str, Any] = dict(encoding="utf-8", errors="backslashreplace", newline="\n")
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.file: IO[str] = open(self.path, "w", **mode)
            return
        folder = os.path.dirname(self.path)
        fd, self.tmp = tempfile.mkstemp(prefix=".reasonlint-", suffix=".tmp", dir=folder)
        # mkstemp makes the file private (0600); the report gets the mode a plain write
        # would give it: the old file's, or the default under the umask.
        if st is not None:
            perms = stat.S_IMODE(st.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            perms = 0o666 & ~umask
        try:
            os.chmod(fd if os.chmod in os.supports_fd else self.tmp, perms)
        except OSError:
            pass   # keep the private mode rather than fail the run
        self.file = os.fdopen(fd, "w", **mode)

    def commit(self) -> None:
        self.file.close()
        if self.tmp is not None:
            os.replace(self.tmp, self.path)

    def discard(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass   # the write that failed fails again on close; the file goes anyway
        if self.tmp is not None and os.path.exists(self.tmp):
            os.unlink(self.tmp)


class Stdout:
    """Standard output for the report. Machine formats are always UTF-8 (JSON, SARIF,
    XML parsers expect it), whatever the console's encoding (``PYTHONIOENCODING=gbk``,
    a Windows console): their text goes to the byte stream through a UTF-8 wrapper."""

    def __init__(self, machine: bool) -> None:
        stream = sys.stdout
        self._wrapper: Optional[io.TextIOWrapper] = None
        if stream is None:
            # A closed standard output (`>&-`): the exit code is all that is wanted then.
            self.stream: IO[str] = open(os.devnull, "w", encoding="utf-8")
            return
        self.stream = stream
        buffer = getattr(stream, "buffer", None)
        if machine and buffer is not None and not _is_utf8(getattr(stream, "encoding", None)):
            stream.flush()
            self._wrapper = io.TextIOWrapper(buffer, encoding="utf-8", errors="backslashreplace",
                                             newline="\n", line_buffering=bool(stream.line_buffering))
            self.stream = self._wrapper

    def release(self) -> None:
        """Flush, and let go of the byte stream without closing it."""
        if self._wrapper is not None:
            try:
                self._wrapper.flush()
            finally:
                self._wrapper.detach()
                self._wrapper = None


def _is_utf8(encoding: Optional[str]) -> bool:
    try:
        return codecs.lookup(encoding or "").name == "utf-8"
    except LookupError:
        return False


def use_color(stream: IO[str]) -> bool:
    # https://no-color.org: any non-empty NO_COLOR turns colour off.
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _same_file(a: os.stat_result, path: str) -> bool:
    try:
        b = os.stat(path)
    except (OSError, ValueError):
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def output_among_inputs(output: str, paths: Sequence[str]) -> Optional[str]:
    """The input that ``--output`` would overwrite, if any (inputs are never written)."""
    try:
        target = os.stat(output)
    except (OSError, ValueError):
        return None   # not there yet: nothing to overwrite
    if not stat.S_ISREG(target.st_mode):
        return None
    for path in expand(paths):
        if isinstance(path, str) and path != "-" and _same_file(target, path):
            return path
    return None


def silence_stdout() -> None:
    """Point standard output at the null device, so that the final flush at exit
    (of what could not be written) does not print an error of its own."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass   # no real standard output (closed, or replaced in tests)


def count_lines(paths: Iterable[str]) -> int:
    """A quick upper bound on the number of reasons, for the progress bar."""
    from ..errors import SourceError
    from ..sources import open_input

    total = 0
    for path in expand(paths):
        if isinstance(path, str) and path != "-":
            try:
                with open_input(path) as f:
                    total += sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
            except (OSError, SourceError):
                pass
    return total
