"""A cache of what each start would otherwise derive again from the same files.

Adding the lexicons' domain words to the segmenter's table follows jieba's ``add_word``
rule word by word, and costs more than the rest of a cold start but the imports; its
result depends only on the dictionary and the word list. Like jieba's own
``jieba.cache``, the result is kept in a file and read back with :mod:`marshal` (plain
dicts, lists and numbers: nothing is unpickled, nothing can run code).

Where: ``$REASONLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reasonlint``, else
``~/.cache/reasonlint``. ``REASONLINT_NO_CACHE=1`` turns it off. A file is named by
a digest of everything it was derived from (the version and the inputs), so a changed
lexicon or a new release never reads a stale one; a folder that cannot be written, a
damaged or foreign file is passed over, and the value is derived as if there were no
cache. Files are written to a temporary name and renamed, so parallel starts (``--jobs``,
service workers) never read half a file.
"""
from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional

# Bumped when the layout of a cached value changes.
FORMAT = 1
# Files kept per kind (lexicon sets of different configurations live side by side).
KEEP = 8


def folder() -> Optional[Path]:
    """The cache folder, or None when caching is off."""
    if os.environ.get("REASONLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("REASONLINT_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "reasonlint"
    try:
        return Path.home() / ".cache" / "reasonlint"
    except RuntimeError:  # no home directory to be found
        return None


def digest(*parts: "str | bytes") -> str:
    """A name for a value derived from ``parts`` by this version of reasonlint."""
    from . import __version__

    try:  # the built-in module: hashlib would load OpenSSL, a few ms of every start
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    h = blake2b(f"{FORMAT}\0{__version__}\0{sys.version_info[:2]}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:40]


def path_of(kind: str, key: str) -> Optional[Path]:
    """Where the value named ``kind``/``key`` lives, or None when caching is off."""
    where = folder()
    return where / f"{kind}-{key}.marshal" if where is not None else None


def read(kind: str, key: str, valid: Callable[[Any], bool]) -> Any:
    """The cached value named ``kind``/``key`` when a valid one is there, else None."""
    path = path_of(kind, key)
    if path is None:
        return None
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # none yet, unreadable, or damaged
    return value if value is not None and valid(value) else None


def write(kind: str, key: str, value: Any) -> None:
    """Keep ``value`` for the next start (nothing happens when caching is off)."""
    path = path_of(kind, key)
    if path is not None:
        _write(path, marshal.dumps(value))
        _prune(path.parent, kind)


def cached(kind: str, key: str, derive: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """The value named ``kind``/``key``: read from the cache when a valid one is there,
    else ``derive()``d and written for the next start."""
    value = read(kind, key, valid)
    if value is None:
        value = derive()
        write(kind, key, value)
    return value


def _prune(where: Path, kind: str) -> None:
    """Keep the newest few files of a kind: each lexicon edit or release names a new one."""
    try:
        files = sorted(where.glob(f"{kind}-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink()
    except OSError:
        pass  # another start pruned it first


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass  # a cache that cannot be written costs the next start time, nothing else
