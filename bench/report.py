"""Time and peak memory of ``reasonlint report`` on a million saved results.

    python bench/report.py                  # 1,000,000 rows
    python bench/report.py --rows 100000 --distinct 5000

The rows are real ``check --format json-lines`` results: ``--distinct`` reasons from
``bench/corpus.py`` are linted once, then repeated with their digits varied (same
length, so finding spans stay right) and a line number of their own. Side by side,
the same file is read with nothing but ``json.loads`` per line: the floor any reader
of JSON lines pays. Peak RSS is each process's own (``ru_maxrss`` read by a small
launcher, since Linux counts a child's memory before its exec too).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

MIB = 1024 * 1024
LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
sys.exit(code)
"""
JSON_ONLY = """
import json, sys
n = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        json.loads(line)
        n += 1
"""


def reasonlint() -> list[str]:
    exe = Path(sys.executable).with_name("reasonlint")
    found = str(exe) if exe.exists() else shutil.which("reasonlint")
    return [found] if found else [sys.executable, "-m", "reasonlint"]


def measured(cmd: Sequence[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", LAUNCHER, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return wall, int(proc.stdout.split()[-1])


def make_input(path: Path, rows: int, distinct: int, work: Path) -> None:
    reasons = work / "reasons.txt"
    reasons.write_text("\n".join(corpus(distinct)) + "\n", encoding="utf-8")
    lint = subprocess.run([*reasonlint(), "check", str(reasons), "--format", "json-lines", "--no-config"],
                          capture_output=True, text=True, cwd=work)
    if lint.returncode not in (0, 1):
        raise SystemExit(lint.stderr)
    results = [json.loads(line) for line in lint.stdout.splitlines()]
    rng = random.Random(20261103)
    digits = "0123456789"
    rotations = [str.maketrans(digits, digits[k:] + digits[:k]) for k in range(10)]
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8") as out:
        batch = []
        for i in range(rows):
            r = dict(results[i % len(results)])
            r["text"] = r["text"].translate(rotations[rng.randrange(10)])
            r["path"], r["line"] = f"day{i % 7}.jsonl", i // 7 + 1
            batch.append(dumps(r) + "\n")
            if len(batch) == 10_000:
                out.writelines(batch)
                batch.clear()
        out.writelines(batch)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=20_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reasonlint-bench-") as tmp:
        work = Path(tmp)
        saved = work / "results.jsonl"
        start = time.perf_counter()
        make_input(saved, args.rows, args.distinct, work)
        print(f"input: {args.rows:,} results ({args.distinct:,} distinct reasons linted, digits varied), "
              f"{saved.stat().st_size / MIB:,.1f} MiB, made in {time.perf_counter() - start:.1f} s")
        out = work / "report.html"
        wall, peak = measured([*reasonlint(), "report", str(saved), "-o", str(out)])
        page = out.read_text(encoding="utf-8")
        floor_wall, floor_peak = measured([sys.executable, "-c", JSON_ONLY, str(saved)])
        print(f"reasonlint report        {wall:7.1f} s  peak RSS {peak / MIB:6.1f} MiB  "
              f"report {out.stat().st_size / MIB:.2f} MiB, {page.count('<tr data-v='):,} rows embedded")
        print(f"json.loads per line      {floor_wall:7.1f} s  peak RSS {floor_peak / MIB:6.1f} MiB")
        print(f"ratio (report / json.loads): {wall / floor_wall:.2f}; "
              f"{args.rows / wall:,.0f} results/s reported")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
