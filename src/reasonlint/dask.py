"""reasonlint on Dask: ``map_partitions`` with ``meta`` (``pip install 'reasonlint[dask]'``).

>>> from dask.distributed import Client, LocalCluster
>>> from reasonlint.dask import check_frame, parquet_schema
>>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
>>> audited = check_frame(ddf, text="reason", lexicons=["reasonlint-lexicons"])
>>> audited.to_parquet("audited/", schema=parquet_schema(audited))

Each partition goes through :func:`reasonlint.frame.check_frame` in a worker; ``meta`` is
that function's answer on the zero-row ``ddf._meta``, so the columns and dtypes Dask is told
are the ones every partition has, and no linter is built on the client. Each worker process
builds one linter on its first partition and keeps it. Checking is pure Python and holds the
GIL: use process workers (``LocalCluster`` or a distributed cluster), not the default threads.

User lexicon folders (``lexicons``) are read on the client when the step is defined and travel
with the tasks as text (a few kilobytes); each worker process writes its own copy once. A
worker needs no shared file system and no upload step, and never checks without them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Sequence

import pandas as pd

from . import frame

if TYPE_CHECKING:
    import dask.dataframe as dd

    from .config import Config


def parquet_schema(audited: "dd.DataFrame") -> Any:
    """The Arrow schema of ``audited`` for ``audited.to_parquet(path, schema=parquet_schema(audited))``.

    Dask would infer one from a made-up row of ``meta``, which cannot show that the object
    columns ``codes`` and ``missing`` hold lists of strings (nor, with pandas 2, that the
    text columns hold strings); this one says so.
    """
    import pyarrow as pa

    schema = pa.Schema.from_pandas(audited._meta, preserve_index=False)
    for name in frame.LIST_COLUMNS:
        schema = schema.set(schema.get_field_index(name), pa.field(name, pa.list_(pa.string())))
    # With pandas 2 the text columns are object columns, which an empty meta shows as null.
    for name, dtype in frame.DTYPES.items():
        at = schema.get_field_index(name)
        if at >= 0 and dtype is frame.TEXT and name not in frame.LIST_COLUMNS:
            schema = schema.set(at, pa.field(name, pa.string()))
    return schema


def check_partition(df: pd.DataFrame, text: str, complaint: Optional[str], channel: Optional[str],
                    mode: str, config: Optional["Config"], full: bool, lexicons: frame.Packed) -> pd.DataFrame:
    """One partition, in the worker: lexicons unpacked there, the linter kept there."""
    if lexicons and len(df):   # an empty partition checks nothing and needs no lexicon
        config = frame.add_lexicons(config, frame.unpack_lexicons(lexicons))
    return frame.check_frame(df, text, complaint, channel, mode=mode, config=config, full=full)


def check_frame(ddf: "dd.DataFrame", text: str = "reason", complaint: Optional[str] = None,
                channel: Optional[str] = None, *, mode: str = "reason", config: Optional["Config"] = None,
                full: bool = False, lexicons: Sequence[Any] = ()) -> "dd.DataFrame":
    """``ddf`` with the result columns appended, partition by partition (lazy, like any Dask step).

    ``lexicons``: user lexicon folders, read now; the result columns replace input columns of
    the same names, as in :func:`reasonlint.frame.check_frame`.
    """
    meta = frame.check_frame(ddf._meta, text, complaint, channel, mode=mode, config=config, full=full)
    return ddf.map_partitions(check_partition, text, complaint, channel, mode, config, full,
                              frame.pack_lexicons(lexicons), meta=meta)
