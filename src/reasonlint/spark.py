"""reasonlint on Spark: a pandas UDF and a ``mapInPandas`` helper (``pip install 'reasonlint[spark]'``).

>>> from reasonlint.spark import check_udf, check_frame
>>> lint = check_udf()
>>> df.withColumn("lint", lint("reason")).select("id", "lint.verdict", "lint.codes")
>>> check_frame(df, text="reason", channel="channel")     # every input column + the results

Both run :func:`reasonlint.frame.check_values` inside the executors' Python workers, on
Arrow batches (``spark.sql.execution.arrow.maxRecordsPerBatch``, 10,000 rows by default).
What is sent to the executors is the :class:`~reasonlint.Config`, the mode and the names of
the user lexicon folders, never a linter (it holds locks and does not pickle): each worker
process builds its own on its first batch and keeps it for every later batch and task.

The built-in lexicons are package data: they reach the executors with the installed wheel.
A user lexicon folder is shipped with the job and named here by its file name::

    spark.sparkContext.addFile("reasonlint-lexicons", recursive=True)
    # or: spark-submit --archives reasonlint-lexicons.zip#reasonlint-lexicons
    lint = check_udf(lexicons=["reasonlint-lexicons"])

and each worker finds its copy with ``SparkFiles.get``; a name that was not shipped stops the
task with a message that says so, rather than checking without the lexicon.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, Tuple

import pandas as pd
from pyspark.sql.functions import pandas_udf
from pyspark.sql.types import ArrayType, IntegerType, StringType, StructField, StructType

from . import frame

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from .config import Config

_TYPES: dict[str, Any] = {"score": IntegerType(), "codes": ArrayType(StringType()),
                          "missing": ArrayType(StringType())}


def result_schema(full: bool = False) -> StructType:
    """The Spark type of the results: one field per :func:`reasonlint.frame.result_columns`."""
    return StructType([StructField(c, _TYPES.get(c, StringType()), True) for c in frame.result_columns(full)])


def resolve_config(config: Optional["Config"], lexicons: Sequence[str] = ()) -> "Config":
    """``config`` with the shipped lexicon folders ``lexicons`` added, as this process sees them.

    Called in the executors, where ``SparkFiles.get`` names the local copy. A folder that is
    not there stops the task: checking without it would give other answers, silently.
    """
    from pyspark import SparkFiles

    folders = [Path(SparkFiles.get(name)) for name in lexicons]
    for name, folder in zip(lexicons, folders):
        if not folder.is_dir():
            raise FileNotFoundError(
                f"找不到随作业分发的词库目录 {name}（应在 {folder}）：请先用 spark.sparkContext.addFile(目录, "
                f"recursive=True) 或 spark-submit --archives 词库.zip#{name} 分发")
    return frame.add_lexicons(config, folders)


@dataclasses.dataclass(frozen=True)
class Job:
    """What one task needs, as plain values that pickle: never a linter."""

    config: Optional["Config"] = None
    mode: str = "reason"
    full: bool = False
    lexicons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        frame.check_mode(self.mode)   # on the driver, before any task starts

    def batches(self, batches: Iterable[Any]) -> Iterator[pd.DataFrame]:
        """Results per Arrow batch; a batch is a Series of reasons or a (reason, complaint, channel) tuple."""
        config = resolve_config(self.config, self.lexicons)
        for batch in batches:
            texts, complaints, channels = (batch if isinstance(batch, tuple) else (batch, None, None))
            yield frame.check_values(texts.tolist(),
                                     None if complaints is None else complaints.tolist(),
                                     None if channels is None else channels.tolist(),
                                     mode=self.mode, config=config, full=self.full)

    def frames(self, text: str, complaint: Optional[str], channel: Optional[str]
               ) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
        def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            config = resolve_config(self.config, self.lexicons)
            for df in frames:
                yield frame.check_frame(df, text, complaint, channel, mode=self.mode, config=config,
                                        full=self.full)
        return run


def check_udf(config: Optional["Config"] = None, *, mode: str = "reason", full: bool = False,
              lexicons: Sequence[str] = (), context: bool = False) -> Any:
    """A pandas UDF returning the result struct (:func:`result_schema`) of a reason column.

    ``lint = check_udf(); df.withColumn("lint", lint("reason"))``. With ``context=True`` it
    takes three columns, ``lint("reason", "complaint", "channel")`` (a null is no context).
    ``full=True`` adds the whole result as JSON; ``lexicons`` names shipped lexicon folders.
    """
    job = Job(config, mode, full, tuple(lexicons))
    schema = result_schema(full)
    if context:
        def lint_with_context(batches: Iterator[Tuple[pd.Series, pd.Series, pd.Series]]
                              ) -> Iterator[pd.DataFrame]:
            return job.batches(batches)
        return pandas_udf(lint_with_context, schema)

    def lint(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
        return job.batches(batches)
    return pandas_udf(lint, schema)


def check_frame(df: "DataFrame", text: str = "reason", complaint: Optional[str] = None,
                channel: Optional[str] = None, *, mode: str = "reason", config: Optional["Config"] = None,
                full: bool = False, lexicons: Sequence[str] = ()) -> "DataFrame":
    """``df`` with the result columns appended, through ``mapInPandas``.

    The Spark counterpart of :func:`reasonlint.frame.check_frame`: the result columns replace
    input columns of the same names; every other column passes through unchanged.
    """
    frame.require_columns(df.columns, (text, complaint, channel))
    results = result_schema(full)
    kept = [f for f in df.schema.fields if f.name not in results.names]
    job = Job(config, mode, full, tuple(lexicons))
    return df.mapInPandas(job.frames(text, complaint, channel), StructType(kept + results.fields))
