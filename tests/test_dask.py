"""reasonlint.dask on a LocalCluster of 2 process workers: map_partitions, row for row.

20,000 generated rows whose reason column holds strings, nulls (None and NaN), empty and
blank strings, numbers and booleans, with a user lexicon whose folder is gone before the
work runs; and the set-up counted per worker process.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from engines import need

need("pandas")
need("pyarrow")
dask = need("dask")
need("dask.dataframe")
need("distributed")

import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from frame_rows import USER_EVIDENCE, assert_rows_match, expected, rows, write_lexicon  # noqa: E402
from reasonlint import Config, Linter  # noqa: E402
from reasonlint import frame  # noqa: E402
from reasonlint.dask import check_frame, parquet_schema  # noqa: E402

pytestmark = pytest.mark.slow
N = 20_000
PARTITIONS = 8


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def data() -> list[dict[str, Any]]:
    return rows(N, seed=17)


@pytest.fixture(scope="module")
def ddf(data: list[dict[str, Any]]) -> Any:
    # Mixed cells stay as they are: Dask would otherwise turn the object column into strings.
    with dask.config.set({"dataframe.convert-string": False}):
        pdf = pd.DataFrame(data).astype({"reason": object})
        return dd.from_pandas(pdf, npartitions=PARTITIONS, sort=False)


def test_results_match_linter_row_for_row(client: Client, ddf: Any, data: list[dict[str, Any]],
                                          tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "lexicon")
    client_builds = frame.linters_built()
    lazy = check_frame(ddf, "reason", complaint="complaint", channel="channel", lexicons=[folder], full=True)
    shutil.rmtree(folder)   # read when the step was defined: the workers need no copy of their own
    assert frame.linters_built() == client_builds   # meta came from the empty frame: no linter built
    out = lazy.compute()
    assert len(out) == N
    assert out.index.tolist() == list(range(N))
    assert out["id"].tolist() == list(range(N))
    assert list(out.columns) == ["id", "reason", "num", "complaint", *frame.result_columns(full=True)]
    assert out.dtypes.drop(["id", "reason", "num", "complaint"]).equals(frame.empty(full=True).dtypes)
    lint = Linter(Config(extra_lexicons=(write_lexicon(tmp_path / "same"),)))
    assert assert_rows_match(out.to_dict("records"), [expected(lint, r) for r in data]) == N
    assert frame.linters_built() == client_builds   # every check ran in the workers
    # What is being compared: each kind of odd cell, errors and the lexicon's word all occur.
    reasons = [r["reason"] for r in data]
    assert {type(v).__name__ for v in reasons} >= {"NoneType", "float", "int", "bool", "str"}
    assert out["error"].notna().sum() > 100
    picked = out[out["reason"].map(lambda v: isinstance(v, str) and USER_EVIDENCE in v) & out["error"].isna()]
    assert len(picked) > 1000 and not any("RL205" in c for c in picked["codes"])


def test_numbers_in_their_own_column(client: Client, ddf: Any, data: list[dict[str, Any]]) -> None:
    out = check_frame(ddf, "num").compute()
    numbers = [{**r, "reason": r["num"]} for r in data]
    lint = Linter()
    assert assert_rows_match(out.to_dict("records"), [expected(lint, r, with_context=False) for r in numbers],
                             full=False) == N


def test_set_up_is_once_per_worker_process_not_per_partition(client: Client, ddf: Any) -> None:
    config = Config(max_length=1998)   # no other test uses it: every worker builds it here
    before = client.run(frame.linters_built)
    out = check_frame(ddf, config=config).compute()
    after = client.run(frame.linters_built)
    assert len(out) == N
    built = {w: after[w] - before[w] for w in after}
    assert len(built) == 2 and set(built.values()) <= {0, 1}
    assert 1 <= sum(built.values()) < PARTITIONS
    # Each worker that checked any partition built one linter, and keeps it for the next run.
    check_frame(ddf, config=config).compute()
    assert client.run(frame.linters_built) == after


def test_the_results_write_to_parquet_and_read_back(client: Client, data: list[dict[str, Any]],
                                                    tmp_path: Path) -> None:
    text_only = pd.DataFrame(data).assign(reason=[r["reason"] if isinstance(r["reason"], str) else None
                                                  for r in data])
    audited = check_frame(dd.from_pandas(text_only, npartitions=PARTITIONS, sort=False), "reason",
                          complaint="complaint", channel="channel")
    expected_rows = audited.compute()
    audited.to_parquet(str(tmp_path / "out"), schema=parquet_schema(audited))
    back = pd.read_parquet(tmp_path / "out").sort_values("id")
    assert len(back) == N
    assert back["score"].tolist() == expected_rows["score"].tolist()
    assert [None if c is None else list(c) for c in back["codes"]] == [
        None if not isinstance(c, list) else c for c in expected_rows["codes"]]
    assert back["error"].isna().tolist() == expected_rows["error"].isna().tolist()


def test_lexicons_unpack_in_the_worker(client: Client, tmp_path: Path) -> None:
    packed = frame.pack_lexicons([write_lexicon(tmp_path / "lexicon")])
    shutil.rmtree(tmp_path / "lexicon")
    pid, folders = client.submit(lambda p: (os.getpid(), frame.unpack_lexicons(p)), packed, pure=False).result()
    assert pid != os.getpid()
    assert folders[0] != tmp_path / "lexicon" and folders[0].name == "0-lexicon"
