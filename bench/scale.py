"""Batch audits at scale: the CLI with ``--jobs 2``, Spark ``local[2]`` and Dask with 2 workers.

    python bench/scale.py                    # 1,000,000 rows (about 25 minutes here)
    python bench/scale.py --rows 100000      # a quicker run
    python bench/scale.py --only cli,dask

The same reasons (``bench/corpus.py``, the rows of ``bench/run.py``'s batch) go through
each engine on 2 cores, one after the other in this one run:

- CLI: a CSV through ``reasonlint check --format jsonl --jobs 2 -o FILE``;
- Spark: 16 Parquet files through ``reasonlint.spark.check_udf`` into Parquet, ``local[2]``;
- Dask: the same files through ``reasonlint.dask.check_frame`` into Parquet, on a
  ``LocalCluster`` of 2 single-threaded worker processes;
- both engines again with ``full=True``, writing the whole result as JSON as well, about
  what the CLI writes per reason.

Printed per engine: rows/s over the whole command and over the job alone (without starting
the session or cluster), the time ratio to the CLI (goal: at most 1.3), the peak RSS of
each worker process and of the rest, and the set-up cost: a linter's first build and check
in a fresh process, and what one more partition costs (a 4,000-row sample run with 2 and
with 200 partitions). The engines run in child processes (``--child``), sampled from here.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import batch_corpus  # noqa: E402
from run import MIB, _reasonlint_exe, _rss, _tree, run  # noqa: E402

FILES = 16          # Parquet files, so each engine gets 16 partitions
SAMPLE = 4000       # rows of the per-partition cost runs
GOAL = 1.3


# --- the engines, each in its own child process -------------------------------------------

def child_spark(data: Path, out: Path, sample: Optional[Path], full: bool) -> dict[str, Any]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    t0 = time.perf_counter()
    from pyspark.sql import SparkSession

    from reasonlint.spark import check_udf

    total = sum(p.stat().st_size for p in data.glob("*.parquet"))
    spark = (SparkSession.builder.master("local[2]").appName("reasonlint-bench")
             .config("spark.ui.enabled", "false")
             # One partition per file, as a table of 16 files would be read on a cluster.
             .config("spark.sql.files.maxPartitionBytes", str(total // FILES + 1))
             .config("spark.sql.files.openCostInBytes", "0")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - t0
    lint = check_udf(full=full)
    df = spark.read.parquet(str(data))
    partitions = df.rdd.getNumPartitions()
    t1 = time.perf_counter()
    df.select("id", lint("reason").alias("lint")).write.mode("overwrite").parquet(str(out))
    job = time.perf_counter() - t1
    rows = spark.read.parquet(str(out)).count()
    if sample is None:
        spark.stop()
        return {"start": started, "job": job, "rows": rows, "partitions": partitions,
                "per_partition": None, "sampling": 0.0}
    small = spark.read.parquet(str(sample)).toPandas()

    def sample_run(k: int) -> float:
        frame = spark.createDataFrame(small).repartition(k)
        frame.cache().count()   # the shuffle is not what is measured
        t = time.perf_counter()
        frame.select(lint("reason").alias("lint")).write.format("noop").mode("overwrite").save()
        return time.perf_counter() - t
    t2 = time.perf_counter()
    sample_run(2)   # warm: the workers build their linters here
    few, many = sample_run(2), sample_run(200)
    sampling = time.perf_counter() - t2
    spark.stop()
    return {"start": started, "job": job, "rows": rows, "partitions": partitions,
            "per_partition": (many - few) / 198, "sampling": sampling}


def child_dask(data: Path, out: Path, sample: Optional[Path], full: bool) -> dict[str, Any]:
    t0 = time.perf_counter()
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    from reasonlint.dask import check_frame, parquet_schema

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        started = time.perf_counter() - t0
        ddf = dd.read_parquet(str(data))
        t1 = time.perf_counter()
        audited = check_frame(ddf, full=full)
        audited.to_parquet(str(out), write_index=False, schema=parquet_schema(audited))
        job = time.perf_counter() - t1
        rows = len(dd.read_parquet(str(out), columns=["id"]))
        if sample is None:
            return {"start": started, "job": job, "rows": rows, "partitions": ddf.npartitions,
                    "per_partition": None, "sampling": 0.0}
        small = pd.read_parquet(sample)

        def sample_run(k: int) -> float:
            lazy = check_frame(dd.from_pandas(small, npartitions=k, sort=False))
            t = time.perf_counter()
            lazy.map_partitions(len).compute()
            return time.perf_counter() - t
        t2 = time.perf_counter()
        sample_run(2)
        few, many = sample_run(2), sample_run(200)
        sampling = time.perf_counter() - t2
    return {"start": started, "job": job, "rows": rows, "partitions": ddf.npartitions,
            "per_partition": (many - few) / 198, "sampling": sampling}


def child_setup() -> dict[str, Any]:
    """What a fresh worker process pays once: import, build a linter, first check."""
    t0 = time.perf_counter()
    from reasonlint.frame import linter_for

    lint = linter_for()
    built = time.perf_counter() - t0
    lint.check("商家已于11月3日补发货，订单号20261103001，物流记录已附。")
    return {"build": built, "first_check": time.perf_counter() - t0 - built}


CHILDREN = {"spark": child_spark, "dask": child_dask}
NAMES = {"cli": "CLI --jobs 2", "spark": "Spark local[2]", "dask": "Dask 2 workers",
         "spark-full": "Spark, full=True", "dask-full": "Dask, full=True"}


# --- measuring them from here ---------------------------------------------------------------

def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def _role(cmd: str) -> str:
    if "java" in cmd.split(" ", 1)[0]:
        return "JVM"
    if "pyspark.daemon" in cmd or "pyspark/daemon" in cmd or "pyspark.worker" in cmd:
        return "python worker"
    if "--child" in cmd:
        return "driver"
    if "multiprocessing" in cmd:
        return "dask process"
    return "other"


def sampled(cmd: Sequence[str]) -> tuple[float, str, dict[int, tuple[int, str]]]:
    """Run ``cmd``; its wall time, its stdout, and each process's peak RSS and role."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peaks: dict[int, tuple[int, str]] = {}
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(0.1):
            try:
                for pid in _tree(proc.pid):
                    rss = _rss(pid)
                    if rss > peaks.get(pid, (0, ""))[0]:
                        # Read again: a launcher script becomes the JVM by exec, under the same pid.
                        peaks[pid] = (rss, _role(_cmdline(pid)))
            except Exception:   # a process that ends mid-read must not end the sampling
                continue

    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    stdout, _ = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    thread.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return wall, stdout, peaks


def _workers(peaks: dict[int, tuple[int, str]], engine: str) -> tuple[list[int], int]:
    """(peak RSS of each of the two worker processes, largest of the rest).

    Spark's workers are forked by its Python daemon and carry its name; Dask's are
    multiprocessing children of their nannies. Either way the two that checked the rows are
    the largest of their kind: the daemon, the nannies and the resource tracker stay small.
    """
    kind = "python worker" if engine == "spark" else "dask process"
    ranked = sorted(peaks.items(), key=lambda item: -item[1][0])
    workers = [pid for pid, (_, role) in ranked if role == kind][:2]
    rest = [rss for pid, (rss, _) in ranked if pid not in workers]
    return [peaks[pid][0] for pid in workers], max(rest, default=0)


def write_inputs(rows: int, seed: int, tmp: Path) -> tuple[Path, Path, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    csv_path, data, sample = tmp / "reasons.csv", tmp / "parquet", tmp / "sample.parquet"
    data.mkdir()
    texts = list(batch_corpus(rows, seed))
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "reason"])
        writer.writerows(enumerate(texts, 1))
    per = -(-rows // FILES)
    for k in range(FILES):
        part = texts[k * per:(k + 1) * per]
        ids = list(range(k * per + 1, k * per + 1 + len(part)))
        pq.write_table(pa.table({"id": ids, "reason": part}), data / f"part-{k:02d}.parquet")
    small = texts[:SAMPLE]
    pq.write_table(pa.table({"id": list(range(len(small))), "reason": small}), sample)
    return csv_path, data, sample


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261103)
    parser.add_argument("--only", default=",".join(NAMES),
                        help=f"comma-separated subset of {','.join(NAMES)}")
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=[*CHILDREN, "setup"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "setup":
        print(json.dumps(child_setup()))
        return 0
    if args.child:
        print(json.dumps(CHILDREN[args.child](args.data, args.out, args.sample, args.full)))
        return 0

    only = args.only.split(",")
    import reasonlint

    print(f"python {sys.version.split()[0]}, reasonlint {reasonlint.__version__}, {os.cpu_count()} CPUs, "
          f"{args.rows} rows, seed {args.seed}")
    setups = [json.loads(subprocess.run([sys.executable, __file__, "--child", "setup"], check=True,
                                        capture_output=True, text=True).stdout) for _ in range(3)]
    build = min(s["build"] for s in setups)
    first = min(s["first_check"] for s in setups)
    print(f"set-up in a fresh process (best of 3): import + build a linter {build * 1000:.0f} ms, "
          f"first check {first * 1000:.0f} ms: paid once per worker process, not per partition")
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="reasonlint-scale-") as tmp_name:
        tmp = Path(tmp_name)
        t = time.perf_counter()
        csv_path, data, sample = write_inputs(args.rows, args.seed, tmp)
        print(f"inputs: {csv_path.stat().st_size / MIB:.1f} MiB CSV, {FILES} Parquet files, "
              f"written in {time.perf_counter() - t:.1f} s")
        for engine in only:
            out = tmp / f"out-{engine}"
            if engine == "cli":
                cmd = [*_reasonlint_exe(), "check", "--format", "jsonl", "--jobs", "2",
                       "-o", str(out), str(csv_path)]
                wall, largest, tree = run(cmd, sample=True, cwd=tmp)
                with open(out, "rb") as f:
                    lines = sum(1 for _ in f)
                results[engine] = {"wall": wall, "job": wall, "rows": lines, "workers": [largest],
                                   "rest": tree - largest, "partitions": None, "per_partition": None,
                                   "start": 0.0}
                print(f"  {' '.join(cmd)}")
            else:
                kind, _, full = engine.partition("-")
                # The full-result runs differ only in what they write: no second partition sample.
                cmd = [sys.executable, __file__, "--child", kind, "--data", str(data), "--out", str(out),
                       *(["--full"] if full else ["--sample", str(sample)])]
                wall, stdout, peaks = sampled(cmd)
                got = json.loads(stdout.strip().splitlines()[-1])
                workers, rest = _workers(peaks, kind)
                # The per-partition sample runs come after the job and are not part of its time.
                results[engine] = {**got, "wall": wall - got["sampling"], "workers": workers, "rest": rest}
            r = results[engine]
            if r["rows"] != args.rows:
                raise SystemExit(f"{engine}: {r['rows']} rows out for {args.rows} in")
            print(f"  {engine}: done in {r['wall']:.1f} s, {r['rows']} rows out")
    report(results, args.rows)
    return 0


def report(results: dict[str, dict[str, Any]], rows: int) -> None:
    base = results.get("cli")
    print()
    print(f"{'engine':<20}{'rows/s':>9}{'job rows/s':>12}{'wall s':>9}{'start s':>9}{'vs CLI':>8}"
          f"{'goal':>7}   {'peak RSS per worker (MiB)':<28}{'largest other':>14}{'partitions':>11}"
          f"{'ms per extra partition':>24}")
    for engine, r in results.items():
        start = r["start"]
        ratio = r["wall"] / base["wall"] if base else float("nan")
        verdict = "" if not base or engine == "cli" else ("ok" if ratio <= GOAL else "MISSED")
        workers = ", ".join(f"{w / MIB:.0f}" for w in r["workers"]) or "?"
        per = "" if r["per_partition"] is None else f"{r['per_partition'] * 1000:.1f}"
        print(f"{NAMES[engine]:<20}{rows / r['wall']:>9.0f}{rows / r['job']:>12.0f}{r['wall']:>9.1f}"
              f"{start:>9.1f}{ratio:>8.2f}{verdict:>7}   {workers:<28}{r['rest'] / MIB:>14.0f}"
              f"{r['partitions'] or '':>11}{per:>24}")
    print(f"wall: the whole command (start-up, job, exit); vs CLI: its wall time over the CLI's (goal <= {GOAL});"
          " start: the session or cluster start-up within it; the CLI's largest other is the sum of its"
          " other processes; the partition figures come from separate runs on a 4,000-row sample."
          " The CLI writes the whole JSON report of each reason; the engines write the result columns,"
          " and with full=True the whole result as JSON too (Parquet).")


if __name__ == "__main__":
    raise SystemExit(main())
