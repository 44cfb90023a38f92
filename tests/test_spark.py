"""reasonlint.spark on a real local[2] Spark: the pandas UDF and mapInPandas, row for row.

20,000 generated rows with nulls, empty and blank strings, a numeric column and a user
lexicon shipped with SparkFiles. Also the three traps of NLP tools on Spark: the linter is
never pickled, the lexicon applies in the executors' workers (not only on the driver), and
set-up is once per worker process, not per batch or row.
"""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from engines import need, need_java

need("pyspark")
need("pandas")
need("pyarrow")
need_java()

import pandas as pd  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

from frame_rows import USER_EVIDENCE, assert_rows_match, expected, rows, write_lexicon  # noqa: E402
from reasonlint import Config, Linter  # noqa: E402
from reasonlint import frame  # noqa: E402
from reasonlint.spark import Job, check_frame, check_udf, resolve_config, result_schema  # noqa: E402

pytestmark = pytest.mark.slow
N = 20_000
LEXICON = "audit-lexicon"   # the shipped folder's name, as the workers look it up


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    # The workers run this interpreter, the one reasonlint is installed in.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("reasonlint-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "8")
               # Smaller Arrow batches than the 10,000 default: many batches per worker to count.
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def shipped(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user lexicon folder, shipped with the job and then deleted here.

    The executor fetches its copy with its first task; after that a worker that still finds
    the lexicon can only have that copy.
    """
    folder = write_lexicon(tmp_path_factory.mktemp("lexicon") / LEXICON)
    spark.sparkContext.addFile(str(folder), recursive=True)
    spark.range(2, numPartitions=2).collect()
    shutil.rmtree(folder)
    return folder


@pytest.fixture(scope="module")
def data() -> list[dict[str, Any]]:
    # Spark columns have one type: the reason column is text (with nulls, "" and blanks);
    # the non-string values are the numeric column `num`, with nulls.
    return rows(N, seed=16, odd=[None, "", "   ", "\t"])


@pytest.fixture(scope="module")
def df(spark: SparkSession, shipped: Path, data: list[dict[str, Any]]) -> Any:
    schema = "id long, reason string, num double, complaint string, channel string"
    clean = [{**r, "num": None if r["num"] != r["num"] else r["num"]} for r in data]
    return spark.createDataFrame(clean, schema).repartition(8, "id")


def collect(df: Any) -> list[dict[str, Any]]:
    return [r.asDict(recursive=True) for r in df.orderBy("id").collect()]


def test_udf_matches_linter_row_for_row(spark: SparkSession, df: Any, data: list[dict[str, Any]],
                                        tmp_path: Path) -> None:
    driver_builds = frame.linters_built()
    lint = check_udf(context=True, full=True, lexicons=[LEXICON])
    plain = check_udf()
    out = collect(df.select("id", lint("reason", "complaint", "channel").alias("a"), plain("num").alias("b")))
    assert len(out) == N and [r["id"] for r in out] == list(range(N))
    with_lexicon = Linter(Config(extra_lexicons=(write_lexicon(tmp_path / "same"),)))
    assert assert_rows_match([r["a"] for r in out], [expected(with_lexicon, r) for r in data]) == N
    numbers = [{**r, "reason": r["num"]} for r in data]
    default = Linter()
    assert assert_rows_match([r["b"] for r in out], [expected(default, r, with_context=False) for r in numbers],
                             full=False) == N
    assert frame.linters_built() == driver_builds   # every check ran in the workers
    # What is being compared: nulls, blanks, context, errors and the lexicon's word all occur.
    assert sum(r["error"] is not None for r in (o["a"] for o in out)) > 100
    assert sum(r["reason"] is None for r in data) > 100


def test_map_in_pandas_keeps_every_column_and_matches(df: Any, data: list[dict[str, Any]], tmp_path: Path) -> None:
    out_df = check_frame(df, "reason", complaint="complaint", channel="channel", lexicons=[LEXICON])
    # channel is replaced by the result's channel; every other input column passes through.
    assert out_df.columns == ["id", "reason", "num", "complaint", *frame.RESULT_COLUMNS]
    assert out_df.schema["score"].dataType == result_schema()["score"].dataType
    out = collect(out_df)
    assert len(out) == N
    assert [(r["id"], r["reason"], r["complaint"]) for r in out] == [
        (r["id"], r["reason"], r["complaint"]) for r in data]
    lint = Linter(Config(extra_lexicons=(write_lexicon(tmp_path / "same"),)))
    assert assert_rows_match(out, [expected(lint, r) for r in data], full=False) == N


def test_the_user_lexicon_applies_in_the_executors(spark: SparkSession, shipped: Path, df: Any) -> None:
    with_lexicon, without = check_udf(lexicons=[LEXICON]), check_udf()
    picked = df.where(df.reason.contains(USER_EVIDENCE))
    out = picked.select(with_lexicon("reason").alias("a"), without("reason").alias("b")).collect()
    assert len(out) > 1000
    # The word counts as evidence only with the lexicon: it really reached the workers.
    assert not any("RL205" in r["a"]["codes"] for r in out)
    assert sum("RL205" in r["b"]["codes"] for r in out) > 0.5 * len(out)

    def where(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from pyspark import SparkFiles
        for _ in frames:
            pass
        found = resolve_config(None, [LEXICON]).extra_lexicons[-1]
        yield pd.DataFrame({"pid": [os.getpid()], "root": [SparkFiles.getRootDirectory()], "path": [str(found)]})

    seen = spark.range(4, numPartitions=4).mapInPandas(where, "pid long, root string, path string").collect()
    for r in seen:
        assert r["pid"] != os.getpid()
        assert Path(r["path"]).parent == Path(r["root"])
        assert Path(r["path"]) != shipped and not shipped.exists()


def test_a_lexicon_shipped_as_an_archive(spark: SparkSession, df: Any, tmp_path: Path) -> None:
    # What spark-submit --archives reasonlint-lexicons.zip#name does, from the session.
    folder = write_lexicon(tmp_path / "source")
    archive = tmp_path / "lexicons.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(folder / "evidence.txt", "evidence.txt")
    spark.sparkContext.addArchive(f"{archive}#zipped-lexicon")
    lint = check_udf(lexicons=["zipped-lexicon"])
    out = df.where(df.reason.contains(USER_EVIDENCE)).select(lint("reason").alias("a")).collect()
    assert len(out) > 1000 and not any("RL205" in r["a"]["codes"] for r in out)


def test_a_lexicon_that_was_not_shipped_stops_the_task(spark: SparkSession) -> None:
    lint = check_udf(lexicons=["never-shipped"])
    with pytest.raises(Exception, match="找不到随作业分发的词库目录 never-shipped"):
        spark.createDataFrame([("问题已解决",)], "reason string").select(lint("reason")).collect()


def test_set_up_is_once_per_worker_process_not_per_batch(spark: SparkSession, df: Any) -> None:
    # A configuration no other test uses, so every worker builds its linter for it here.
    job = Job(Config(max_length=1999), lexicons=(LEXICON,))

    def probe(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        before = frame.linters_built()
        batches = 0

        def reasons() -> Iterator[pd.Series]:
            nonlocal batches
            for f in frames:
                batches += 1
                yield f["reason"]
        n = sum(len(out) for out in job.batches(reasons()))
        yield pd.DataFrame({"pid": [os.getpid()], "rows": [n], "batches": [batches],
                            "built": [frame.linters_built() - before]})

    report = df.select("reason").mapInPandas(probe, "pid long, rows long, batches long, built long").collect()
    assert sum(r["rows"] for r in report) == N
    assert len(report) == 8                                  # one row per partition
    batches = sum(r["batches"] for r in report)
    builds = sum(r["built"] for r in report)
    pids = {r["pid"] for r in report}
    assert builds == len(pids)                               # each worker process built exactly one
    assert batches >= 20 and builds <= 2 < batches          # ... for all its batches and partitions


def test_the_udf_carries_no_linter() -> None:
    with pytest.raises(TypeError, match="lock"):
        pickle.dumps(Linter())   # the trap: a linter holds locks and cannot travel
    import cloudpickle

    before = frame.linters_built()
    lint = check_udf(Config(select=frozenset({"RL101"})), lexicons=[LEXICON], full=True)
    assert frame.linters_built() == before   # nothing built on the driver either
    payload = cloudpickle.dumps(lint.func)
    assert b"Linter" not in payload and len(payload) < 20_000
    # Unpickled in a fresh process, as a Spark worker does: still nothing built until a batch.
    code = ("import sys, cloudpickle, reasonlint.frame as f\n"
            "cloudpickle.loads(sys.stdin.buffer.read())\n"
            "print(f.linters_built())")
    proc = subprocess.run([sys.executable, "-c", code], input=payload, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().strip() == "0"
