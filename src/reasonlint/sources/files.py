"""Which files to read, and opening them safely (regular files only, never blocking)."""
from __future__ import annotations

import os
import stat
from typing import BinaryIO, Iterable, Iterator, Union

from ..errors import SourceError
from .items import INPUT_FORMATS, InputError

EXTENSIONS = ("txt", "csv", "tsv", "json", "jsonl", "yaml", "yml")
# Folders that never hold reasons but can hold thousands of .json/.txt files.
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


def expand(paths: Iterable[str]) -> Iterator[Union[str, InputError]]:
    """Files to read, in a stable order: given files as-is, folders recursed by extension.

    Only regular files are read: a FIFO, socket or device (named, or met in a folder)
    would block the run or never end, so it is reported and skipped.
    """
    for p in paths:
        if p == "-":
            yield p
            continue
        kind = _file_kind(p)
        if kind == "dir":
            yield from _walk(p)
        elif isinstance(kind, InputError):
            yield kind
        else:
            yield p


def _file_kind(path: str) -> Union[str, InputError]:
    """"dir", "file", or why the path cannot be read."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return InputError(path, "文件或目录不存在")
    except (OSError, ValueError) as exc:   # ELOOP (a symlink loop), EACCES, a NUL in the name
        return InputError(path, f"无法读取：{getattr(exc, 'strerror', None) or exc}")
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    if stat.S_ISREG(st.st_mode):
        return "file"
    return InputError(path, "不是普通文件，已跳过")


def _walk(top: str) -> Iterator[Union[str, InputError]]:
    errors: list[OSError] = []
    # onerror: a folder that cannot be listed would otherwise be skipped without a word.
    for root, dirs, files in os.walk(top, onerror=errors.append):
        for exc in errors:
            yield InputError(exc.filename or root, f"无法读取目录：{exc.strerror or exc}")
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if name.rsplit(".", 1)[-1].lower() in EXTENSIONS and not name.startswith("."):
                path = os.path.join(root, name)
                kind = _file_kind(path)
                yield kind if isinstance(kind, InputError) else path
    for exc in errors:
        yield InputError(exc.filename or top, f"无法读取目录：{exc.strerror or exc}")


def kind_of(path: str) -> str:
    """The input format a file name says (plain text when it says none we read)."""
    ext = path.rsplit(".", 1)[-1].lower() if "." in os.path.basename(path) else ""
    if ext == "yml":
        return "yaml"
    return ext if ext in INPUT_FORMATS else "txt"


def open_regular(path: str, flags: int) -> int:
    """An ``opener`` for open(): never blocks on a FIFO, and accepts only regular files.

    The path was checked before, but may have been replaced since (or been named by a
    caller that did not check).
    """
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SourceError("不是普通文件，已跳过")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


class Upto:
    """A binary file read only up to the size it had when opened.

    A file that another program keeps appending to would otherwise never end.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._end = os.fstat(raw.fileno()).st_size

    def read(self, n: int = -1) -> bytes:
        left = self._end - self._raw.tell()
        if left <= 0:
            return b""
        return self._raw.read(left if n is None or n < 0 else min(n, left))

    def tell(self) -> int:
        return self._raw.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)


def open_input(path: str) -> BinaryIO:
    """An input file for reading; raises SourceError or OSError when it cannot be read."""
    return open(path, "rb", opener=open_regular)


def is_regular(stream: BinaryIO) -> bool:
    """Whether a stream is a regular file (standard input redirected from one)."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, AttributeError, ValueError):
        return False   # io.BytesIO and the like: not a file
