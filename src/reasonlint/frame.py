"""Lint a column of reasons in a pandas DataFrame: the piece Spark, Dask and notebooks share.

>>> import pandas as pd
>>> from reasonlint.frame import check_frame
>>> out = check_frame(pd.DataFrame({"reason": ["问题已解决", None]}))
>>> out[["verdict", "codes"]].iloc[0].tolist()
['reject', ['RL101', 'RL102', 'RL201', 'RL202', 'RL203', 'RL205']]

:func:`check_frame` is pure: it returns a new frame with one row per input row, the same
index, and the result columns (:data:`RESULT_COLUMNS`) appended. Cells are read the way
``reasonlint check`` reads a JSON or CSV record: a string is stripped; a null (None, NaN,
NA) is an empty reason, reported and rejected; a number or boolean is checked as written
(``12.5``, ``true``). A cell that cannot be a reason (a list, a dict, bytes) and a channel
the linter does not know give a row whose ``error`` holds the message and whose other
result columns are null, as the CLI reports such a record and goes on.

Each process builds one :class:`~reasonlint.Linter` per configuration, on first use, and
keeps it (:func:`linter_for`): nothing heavy is created on the driver or travels to workers,
only the :class:`~reasonlint.Config`, which pickles as plain values.
"""
from __future__ import annotations

import atexit
import dataclasses
import json
import numbers
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Hashable, Iterable, Optional, Sequence

from .sources.fields import BadCell, channel_value

try:
    import numpy as np
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the install
    raise ImportError("reasonlint.frame 需要 pandas：pip install 'reasonlint[dask]' 或 'reasonlint[spark]'") from exc

if TYPE_CHECKING:
    from .config import Config
    from .linter import Linter

# Every result column, in order; "result" (the full result as JSON) only with full=True.
RESULT_COLUMNS = ("score", "verdict", "resolution", "channel", "codes", "suggestion", "missing", "error")
FULL_COLUMN = "result"
MODES = ("reason", "template")
# pandas 3 keeps text in its string dtype (a missing value is NaN); pandas 2 in object.
TEXT: Any = "str" if int(pd.__version__.split(".", 1)[0]) >= 3 else object
# Lists of codes stay Python lists (object): pandas' Arrow list dtype is not read back
# from the Parquet files it writes.
DTYPES: dict[str, Any] = {"score": "Int32", "verdict": TEXT, "resolution": TEXT, "channel": TEXT,
                          "codes": object, "suggestion": TEXT, "missing": object, "error": TEXT,
                          FULL_COLUMN: TEXT}
LIST_COLUMNS = ("codes", "missing")


def result_columns(full: bool = False) -> tuple[str, ...]:
    return RESULT_COLUMNS + ((FULL_COLUMN,) if full else ())


class _Key:
    """A Config as a cache key: equal settings give equal keys, whatever their order."""

    def __init__(self, config: "Config") -> None:
        self.config = config
        self._key = tuple((f.name, _canon(getattr(config, f.name))) for f in dataclasses.fields(config))

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and self._key == other._key


def _canon(value: Any) -> Hashable:
    if isinstance(value, dict) or hasattr(value, "items"):
        return tuple(sorted((str(k), _canon(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(map(str, value)))
    if isinstance(value, (list, tuple)):
        return tuple(_canon(v) for v in value)
    return str(value) if not isinstance(value, (int, float, str, type(None))) else value


@lru_cache(maxsize=8)
def _build(key: _Key) -> "Linter":
    from .linter import Linter  # heavy: the lexicons load here, in the process that checks

    return Linter(key.config)


def linter_for(config: Optional["Config"] = None) -> "Linter":
    """This process's linter for ``config``, built on first use and kept."""
    from .config import Config

    return _build(_Key(config if config is not None else Config()))


def add_lexicons(config: Optional["Config"], folders: Sequence[Path]) -> "Config":
    """``config`` (or the default one) with lexicon folders added after its own."""
    from .config import Config

    config = config if config is not None else Config()
    if not folders:
        return config
    return dataclasses.replace(config, extra_lexicons=(*config.extra_lexicons, *folders))


Packed = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def pack_lexicons(folders: Sequence[Any]) -> Packed:
    """Lexicon folders as plain values, ``((folder name, ((file, text), ...)), ...)``, to send with tasks.

    Read where the job is defined; :func:`unpack_lexicons` writes them out where it runs, so a
    worker never depends on seeing the folder the client saw.
    """
    packed = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}:0: 词库目录不存在")
        files = tuple((p.name, p.read_text(encoding="utf-8-sig")) for p in sorted(folder.glob("*.txt")))
        packed.append((folder.name, files))
    return tuple(packed)


@lru_cache(maxsize=8)
def unpack_lexicons(packed: Packed) -> tuple[Path, ...]:
    """The folders of :func:`pack_lexicons`, written once per process under a temporary folder."""
    root = Path(tempfile.mkdtemp(prefix="reasonlint-lexicons-"))
    atexit.register(shutil.rmtree, root, True)
    folders = []
    for i, (name, files) in enumerate(packed):
        folder = root / f"{i}-{name}"
        folder.mkdir()
        for file, text in files:
            (folder / file).write_text(text, encoding="utf-8")
        folders.append(folder)
    return tuple(folders)


def linters_built() -> int:
    """How many linters this process has built: one per configuration, not per row or batch."""
    return _build.cache_info().misses


def cell_text(value: Any) -> tuple[Optional[str], Optional[str]]:
    """A cell as the CLI reads it: ``(text, None)`` or ``(None, error message)``.

    A null is ``""`` (None is returned only with an error).
    """
    if isinstance(value, str):
        return value.strip(), None
    if value is None or value is pd.NA or value is pd.NaT:
        return "", None
    if isinstance(value, (bool, np.bool_)):
        return ("true" if value else "false"), None   # as JSON writes them
    if isinstance(value, numbers.Number):
        # NaN is how pandas writes a missing number; str() writes 12.5, not np.float64(12.5).
        return ("" if value != value else str(value)), None
    if isinstance(value, (bytes, bytearray, dict, list, tuple, set, frozenset, np.ndarray)):
        got = "dict" if isinstance(value, dict) else type(value).__name__
        return None, f"理由应为字符串，得到 {got}"
    return str(value), None   # dates, decimals and the like: as they print


def _context(value: Any, what: str) -> tuple[Optional[str], Optional[str]]:
    """A complaint or channel cell: stripped text, None when empty or null."""
    text, error = cell_text(value)
    if error is not None:
        return None, error.replace("理由", what, 1)
    return (text or None), None


def check_values(texts: Sequence[Any], complaints: Optional[Sequence[Any]] = None,
                 channels: Optional[Sequence[Any]] = None, *, mode: str = "reason",
                 config: Optional["Config"] = None, full: bool = False,
                 index: Optional["pd.Index"] = None) -> "pd.DataFrame":
    """The result columns for parallel sequences of cells, one row per text."""
    check_mode(mode)
    n = len(texts)
    for name, seq in (("complaints", complaints), ("channels", channels)):
        if seq is not None and len(seq) != n:
            raise ValueError(f"{name} 的长度 {len(seq)} 与理由数 {n} 不一致")
    cols: dict[str, list[Any]] = {c: [] for c in result_columns(full)}
    lint = linter_for(config) if n else None   # no rows (a meta frame): no linter to build
    for i, value in enumerate(texts):
        text, error = cell_text(value)
        complaint = channel = None
        if error is None and complaints is not None:
            complaint, error = _context(complaints[i], "投诉内容")
        if error is None and channels is not None:
            channel, error = _context(channels[i], "渠道")
            if error is None:
                try:  # as the readers take a cell: 支付宝 is payment, unknown is none
                    channel = channel_value(channel)
                except BadCell as exc:
                    error = str(exc)
        if error is None:
            assert lint is not None and text is not None
            try:
                result = lint.check(text, mode=mode, complaint=complaint, channel=channel)
            except ValueError as exc:   # an unknown channel: the CLI reports it and goes on
                error = str(exc)
        if error is not None:
            for c in cols:
                cols[c].append(error if c == "error" else None)
            continue
        cols["score"].append(result.score)
        cols["verdict"].append(result.verdict)
        cols["resolution"].append(result.resolution)
        cols["channel"].append(result.channel)
        cols["codes"].append([f.code for f in result.findings])
        cols["suggestion"].append(result.suggestion)
        cols["missing"].append(list(result.missing))
        cols["error"].append(None)
        if full:
            cols[FULL_COLUMN].append(json.dumps(result.to_dict(), ensure_ascii=False))
    return _frame(cols, index)


def _frame(cols: dict[str, list[Any]], index: Optional["pd.Index"]) -> "pd.DataFrame":
    # Fixed dtypes, so that an empty frame (Dask's meta) matches every partition.
    return pd.DataFrame({c: pd.array(v, dtype=DTYPES[c]) for c, v in cols.items()}, index=index)


def empty(full: bool = False) -> "pd.DataFrame":
    """A zero-row frame of the result columns with their dtypes (Dask's ``meta``)."""
    return _frame({c: [] for c in result_columns(full)}, None)


def check_frame(df: "pd.DataFrame", text: str = "reason", complaint: Optional[str] = None,
                channel: Optional[str] = None, mode: str = "reason",
                config: Optional["Config"] = None, full: bool = False) -> "pd.DataFrame":
    """Lint column ``text`` of ``df``; return a copy with the result columns appended.

    ``complaint`` and ``channel`` name optional context columns. The result columns replace
    any input columns of the same names (a ``channel`` column becomes the channel the
    linter settled on). N rows in, N rows out, same index; ``df`` is not changed.
    """
    check_mode(mode)
    require_columns(df.columns, (text, complaint, channel))
    results = check_values(
        df[text].tolist(),
        df[complaint].tolist() if complaint is not None else None,
        df[channel].tolist() if channel is not None else None,
        mode=mode, config=config, full=full, index=df.index)
    out = df.drop(columns=[c for c in results.columns if c in df.columns])
    for c in results.columns:
        out[c] = results[c].array   # by position: an index with repeated labels stays as it is
    return out


def require_columns(columns: Iterable[Any], names: Iterable[Optional[str]]) -> None:
    have = list(columns)
    for name in names:
        if name is not None and name not in have:
            raise KeyError(f"没有名为 {name!r} 的列；已有：{', '.join(map(str, have))}")


def check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode 必须是 {' / '.join(MODES)} 之一，得到 {mode!r}")
