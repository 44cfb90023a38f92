"""Measure reasonlint against bare jieba on this machine, side by side.

    python bench/run.py                 # all four; the batch is a million rows
    python bench/run.py --rows 100000   # a quicker batch
    python bench/run.py --only cold,throughput
    python bench/run.py --only cold,throughput --compiled-venv .venv-compiled  # both builds

1. cold start: ``reasonlint check FILE`` (20 reasons) as a whole process vs
   ``python -c "import jieba; jieba.initialize()"``: median wall time, the child's peak RSS.
2. warm throughput: ``reasonlint.check`` vs ``jieba.lcut`` (HMM on) over the same
   reasons, in one process per build; the p99 and p50 CPU time of single calls.
3. batch: a CSV through ``reasonlint check --format jsonl`` with ``--jobs 1`` and
   ``--jobs 2``: wall time, peak RSS of the process tree, identical output.
4. accuracy: our segmenter vs ``jieba.Tokenizer`` (full dictionary, same domain words,
   HMM off): token-boundary F1, identical sentences, and every linter result with
   either segmenter.

The corpus comes from ``bench/corpus.py`` and a seed, so runs are comparable.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, NamedTuple, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import batch_corpus, corpus  # noqa: E402

MIB = 1024 * 1024


def _reasonlint_exe(python: str = sys.executable) -> list[str]:
    exe = Path(python).with_name("reasonlint")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("reasonlint") if python == sys.executable else None
    return [found] if found else [python, "-m", "reasonlint"]


class Build(NamedTuple):
    """One build to measure: "pure" or "compiled", its interpreter and command."""

    name: str
    python: str
    reasonlint: list[str]


def builds(compiled_venv: Optional[str]) -> list[Build]:
    import reasonlint

    here = Build("compiled" if reasonlint.COMPILED else "pure", sys.executable, _reasonlint_exe())
    if compiled_venv is None:
        return [here]
    if here.name != "pure":
        raise SystemExit("--compiled-venv: run bench/run.py with the pure build's python")
    python = str(Path(compiled_venv).absolute() / "bin" / "python")
    if not Path(python).exists():
        raise SystemExit(f"--compiled-venv: no {python}")
    return [here, Build("compiled", python, _reasonlint_exe(python))]


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants still alive (Linux /proc)."""
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        found.append(p)
    return found


def _rss(pid: int) -> int:
    """Resident bytes of ``pid``; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of ``pid`` and all its descendants, and of the largest one (Linux /proc)."""
    sizes = [_rss(p) for p in _tree(pid)]
    return sum(sizes), max(sizes, default=0)


def run(cmd: Sequence[str], *, sample: bool = False,
        cwd: Optional[Path] = None) -> tuple[float, int, int]:
    """Run ``cmd``; return (wall seconds, peak RSS of the largest process, peak tree RSS).

    Without ``sample`` the peak comes from wait4's rusage: exact, but Linux counts
    the forked child before its exec too, so it is only right while this process is
    small (the cold-start runs, before jieba is loaded here). With ``sample`` both
    figures are sampled every 50 ms from /proc, adding up concurrent workers.
    """
    # Both sides run as installed tools do: with their bytecode cached (pip compiles on
    # install; an editable install writes it on the first run). A shell that sets
    # PYTHONDONTWRITEBYTECODE would otherwise make one side recompile on every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
    peak = largest = 0
    done = threading.Event()

    def sampler() -> None:
        nonlocal peak, largest
        while not done.wait(0.05):
            tree, one = _tree_rss(proc.pid)
            peak, largest = max(peak, tree), max(largest, one)

    thread = threading.Thread(target=sampler, daemon=True)
    if sample:
        thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    if sample:
        thread.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return wall, (largest if sample else usage.ru_maxrss * 1024), peak


def line(name: str, ours: float, base: float, unit: str, target: str = "",
         ok: Optional[bool] = None) -> None:
    ratio = ours / base if base else float("inf")
    verdict = "" if ok is None else f"  target {target}  {'ok' if ok else 'MISSED'}"
    print(f"  {name:<40} {ours:10.3f} {unit:<9} baseline {base:10.3f} {unit:<9} "
          f"ratio {ratio:6.3f}{verdict}")


# --- 1. cold start ------------------------------------------------------------------

# Starts one command and reports its own peak RSS. A child forked (or vforked) from this
# benchmark carries this process's high-water mark into its ru_maxrss, so a big parent
# would show as the child's peak; a child forked by this small launcher starts from the
# launcher's few MiB instead, below any Python process being measured. Prints the wall
# time of the child alone, its exit code, and its ru_maxrss (KiB).
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def run_child(cmd: Sequence[str], cwd: Path) -> tuple[float, int]:
    """Run ``cmd`` (an absolute executable first) through LAUNCHER: (wall seconds, peak RSS bytes)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, *cmd], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    wall, code, maxrss = float(out[0]), int(out[1]), int(out[2])
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {code}")
    return wall, maxrss * 1024


def bench_cold(runs: int, seed: int, tmp: Path, builds: Sequence["Build"]) -> None:
    print(f"1. cold start: 20-reason file, median of {runs} fresh processes each, interleaved")
    path = tmp / "reasons20.txt"
    path.write_text("\n".join(corpus(20, seed)) + "\n", encoding="utf-8")
    cmds = {b.name: [*b.reasonlint, "check", str(path)] for b in builds}
    base_cmd = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    # Both run in an empty folder, so no project configuration is found.
    # First runs, not timed: jieba writes its cache in the temp folder, both write bytecode.
    for cmd in (base_cmd, *cmds.values()):
        run_child(cmd, tmp)
    figures: dict[str, list[tuple[float, int]]] = {name: [] for name in ("base", *cmds)}
    for _ in range(runs):
        figures["base"].append(run_child(base_cmd, tmp))
        for name, cmd in cmds.items():
            figures[name].append(run_child(cmd, tmp))
    wall_b = statistics.median(r[0] for r in figures["base"])
    rss_b = max(r[1] for r in figures["base"]) / MIB
    print(f"  base: {' '.join(base_cmd)}")
    for name, cmd in cmds.items():
        wall_o = statistics.median(r[0] for r in figures[name])
        rss_o = max(r[1] for r in figures[name]) / MIB
        print(f"  {name}: {' '.join(cmd)}  (in an empty temporary folder)")
        line(f"{name}: wall (median)", wall_o, wall_b, "s", "<= 0.12", wall_o <= 0.12 * wall_b)
        line(f"{name}: peak RSS (max, the child's)", rss_o, rss_b, "MiB", "<= 30 MiB", rss_o <= 30)
    if len(cmds) == 2:
        (a, ra), (b, rb) = ((n, statistics.median(r[0] for r in figures[n])) for n in cmds)
        line(f"wall {b} / {a}", rb, ra, "s")


# --- 2. warm throughput ---------------------------------------------------------------

def measure_throughput(n: int, seed: int, rounds: int) -> dict[str, float]:
    """This process's build against jieba, side by side: the figures of section 2."""
    import logging

    import jieba

    import reasonlint

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    # Warm up on another seed: the linter caches cut blocks, and timing it on texts it
    # has already seen would flatter it.
    for text in corpus(500, seed - 1):
        reasonlint.check(text)
        jieba.lcut(text)

    def rates(fns: Sequence[Callable[[str], object]], texts: list[str]) -> list[float]:
        # Side by side in small alternating slices, so that a machine whose speed drifts
        # (other work, frequency changes) slows every side alike.
        spent = [0.0] * len(fns)
        for k in range(0, len(texts), 100):
            chunk = texts[k:k + 100]
            order = range(len(fns)) if k // 100 % 2 == 0 else reversed(range(len(fns)))
            for i in order:
                start = time.perf_counter()
                for text in chunk:
                    fns[i](text)
                spent[i] += time.perf_counter() - start
        chars = sum(map(len, texts))
        return [chars / t / 1000 for t in spent]

    from reasonlint.tokenize import Segmenter

    seg = Segmenter()
    for text in corpus(500, seed - 1):
        seg.tokenize(text)
        jieba.lcut(text, HMM=False)
    ours: list[float] = []
    base: list[float] = []
    seg_rates: list[float] = []
    base_nohmm: list[float] = []
    latencies: list[int] = []
    for r in range(rounds):
        texts = corpus(n, seed + 1000 + r)
        b, o = rates([jieba.lcut, reasonlint.check], texts)
        base.append(b)
        ours.append(o)
        s, bn = rates([seg.tokenize, lambda t: jieba.lcut(t, HMM=False)], texts)
        seg_rates.append(s)
        base_nohmm.append(bn)
        # Single calls on texts not seen yet, in CPU time (what other work on the
        # machine does not add to), one clock read either side of each call.
        for text in corpus(n, seed + 2000 + r):
            t0 = time.process_time_ns()
            reasonlint.check(text)
            latencies.append(time.process_time_ns() - t0)
    cuts = statistics.quantiles(latencies, n=100)
    return {"compiled": float(reasonlint.COMPILED), "rate": statistics.median(ours),
            "lcut": statistics.median(base), "segmenter": statistics.median(seg_rates),
            "lcut_nohmm": statistics.median(base_nohmm),
            "p50_us": cuts[49] / 1000, "p99_us": cuts[98] / 1000, "calls": float(len(latencies))}


def bench_throughput(n: int, seed: int, rounds: int, builds: Sequence["Build"]) -> None:
    print(f"2. warm throughput: {n} reasons per round, {rounds} rounds with fresh seeds,"
          " each build in its own process against jieba in the same process")
    figures: dict[str, dict[str, float]] = {}
    for b in builds:
        if b.python == sys.executable:
            figures[b.name] = measure_throughput(n, seed, rounds)
        else:
            out = subprocess.run([b.python, __file__, "--figures", "--reasons", str(n), "--seed", str(seed),
                                  "--rounds", str(rounds)], capture_output=True, text=True, check=True)
            figures[b.name] = json.loads(out.stdout)
        if bool(figures[b.name]["compiled"]) != (b.name == "compiled"):
            raise SystemExit(f"{b.python} does not run the {b.name} build")
    for name, f in figures.items():
        print(f"  {name}: reasonlint.check(text)   base: jieba.lcut(text)  (kchar/s, median of rounds)")
        line(f"{name}: rate", f["rate"], f["lcut"],
             "kchar/s", *((">= 1.5", f["rate"] >= 1.5 * f["lcut"]) if name == "compiled"
                          else (">= 1.0", f["rate"] >= f["lcut"])))
        line(f"{name}: p99 vs p50 call (CPU µs)", f["p99_us"], f["p50_us"], "µs", "<= 2.0",
             f["p99_us"] <= 2 * f["p50_us"])
        print(f"    ({int(f['calls'])} single calls on unseen reasons)")
        print("    for reference, the segmenter alone (a part of check):")
        line(f"{name}: tokenize vs lcut HMM on", f["segmenter"], f["lcut"], "kchar/s")
        line(f"{name}: tokenize vs lcut HMM off", f["segmenter"], f["lcut_nohmm"], "kchar/s")
    if len(figures) == 2:
        # Each build's ratio to jieba was taken side by side in its own run, so their
        # quotient does not depend on how fast the machine was during either.
        p, c = figures["pure"], figures["compiled"]
        line("compiled / pure (ratios to lcut)", c["rate"] / c["lcut"], p["rate"] / p["lcut"], "x")


# --- 3. batch ---------------------------------------------------------------------------

def bench_batch(rows: int, seed: int, tmp: Path) -> None:
    print(f"3. batch: {rows} CSV rows through `reasonlint check --format jsonl`"
          " (in an empty temporary folder)")
    path = tmp / "reasons.csv"
    start = time.perf_counter()
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "reason"])
        for done, text in enumerate(batch_corpus(rows, seed), 1):
            writer.writerow([done, text])
    print(f"  wrote {path.stat().st_size / MIB:.1f} MiB in {time.perf_counter() - start:.1f} s")
    results = {}
    for jobs in (1, 2):
        out = tmp / f"out{jobs}.jsonl"
        cmd = [*_reasonlint_exe(), "check", "--format", "jsonl", "--jobs", str(jobs),
               "-o", str(out), str(path)]
        wall, rss, tree = run(cmd, sample=True, cwd=tmp)
        digest = _sha256(out)
        results[jobs] = (wall, rss, tree, digest)
        print(f"  --jobs {jobs}: {wall:8.1f} s  {rows / wall:8.0f} rows/s  peak RSS "
              f"{rss / MIB:6.1f} MiB (largest process), {tree / MIB:6.1f} MiB (all processes)"
              f"  output sha256 {digest[:16]}")
        print(f"    {' '.join(cmd)}")
    w1, rss1, tree1, d1 = results[1]
    w2, rss2, tree2, d2 = results[2]
    line("--jobs 1 peak RSS", tree1 / MIB, 200, "MiB", "<= 200 MiB", tree1 <= 200 * MIB)
    line("--jobs 2 speed-up (t1 / t2)", w1 / w2, 1.7, "x", ">= 1.7", w1 / w2 >= 1.7)
    print(f"  identical output: {'yes' if d1 == d2 else 'NO'}")


def _sha256(path: Path) -> str:
    # In chunks: holding a 1.5 GB output here would also inflate the next child's
    # ru_maxrss, which Linux starts from the parent's RSS at fork.
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    path.unlink()  # the million-row outputs are 1.5 GB each
    return h.hexdigest()


# --- 4. accuracy ------------------------------------------------------------------------

class _JiebaSegmenter:
    """The reference: jieba's own tokenizer, full dictionary, the same domain words."""

    def __init__(self) -> None:
        import logging

        import jieba

        from reasonlint.tokenize import domain_words

        jieba.setLogLevel(logging.WARNING)
        self.jieba = jieba.Tokenizer()
        self.jieba.initialize()
        for word in domain_words():
            self.jieba.add_word(word)

    def tokenize(self, text: str) -> list:
        from reasonlint.model import Token

        tokens = []
        pos = 0
        for piece in self.jieba.cut(text, HMM=False):
            tokens.append(Token(piece, pos, pos + len(piece)))
            pos += len(piece)
        return tokens


    def lazy(self, text: str) -> "_AllTokens":
        return _AllTokens(self.tokenize(text))


class _AllTokens(list):
    """jieba's tokens, answering the questions the pipeline asks of ``Tokens``."""

    def is_start(self, pos: int) -> bool:
        return any(t.start == pos for t in self)

    def is_word(self, start: int, end: int) -> bool:
        text_end = self[-1].end if self else 0
        return self.is_start(start) and (end >= text_end or self.is_start(end))

    def between(self, start: int, end: int) -> list:
        return [t for t in self if t.start < end and t.end > start] if start < end else []


def _bounds(tokens: list) -> set[int]:
    return {t.end for t in tokens}


def bench_accuracy(n: int, seed: int) -> None:
    from reasonlint.linter import Linter
    from reasonlint.tokenize import Segmenter

    print(f"4. accuracy: {n} reasons, our segmenter vs jieba.Tokenizer (full dictionary)")
    texts = corpus(n, seed + 500)
    ref = _JiebaSegmenter()
    seg = Segmenter()
    tp = fp = fn = same = 0
    for text in texts:
        a, b = _bounds(ref.tokenize(text)), _bounds(seg.tokenize(text))
        tp += len(a & b)
        fp += len(b - a)
        fn += len(a - b)
        same += a == b
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"  token-boundary F1 {100 * f1:.2f}%  (target >= 97%)  "
          f"identical sentences {same}/{n}")

    import reasonlint

    if reasonlint.COMPILED:
        # a compiled Linter's segmenter slot takes only its own compiled Segmenter
        print("  linter results with jieba's segmenter: not measured in the compiled build "
              "(run this section with the pure build)")
        return
    ours = Linter()
    full = Linter()
    full._segmenter = ref  # type: ignore[assignment]  # the only difference
    changed = 0
    for text in texts:
        r1, r2 = ours.check(text), full.check(text)
        if (r1.to_dict(), r1.parts) != (r2.to_dict(), r2.parts):
            changed += 1
    print(f"  linter results changed: {changed}/{n}  (target 0)  {'ok' if not changed else 'MISSED'}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261103)
    parser.add_argument("--runs", type=int, default=7, help="cold-start processes per side")
    parser.add_argument("--reasons", type=int, default=3000, help="reasons per throughput round")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds")
    parser.add_argument("--rows", type=int, default=1_000_000, help="CSV rows for the batch run (the target is set for a million)")
    parser.add_argument("--accuracy", type=int, default=5000, help="reasons for accuracy")
    parser.add_argument("--only", default="cold,throughput,batch,accuracy",
                        help="comma-separated subset of cold,throughput,batch,accuracy")
    parser.add_argument("--compiled-venv", metavar="PATH",
                        help="also measure the compiled build installed in this venv (cold, throughput)")
    parser.add_argument("--figures", action="store_true", help=argparse.SUPPRESS)  # one build's throughput, JSON
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    if args.figures:
        print(json.dumps(measure_throughput(args.reasons, args.seed, args.rounds)))
        return 0
    measured = builds(args.compiled_venv)

    import jieba
    import reasonlint

    print(f"python {sys.version.split()[0]}, jieba {jieba.__version__}, "
          f"reasonlint {reasonlint.__version__}, {os.cpu_count()} CPUs, seed {args.seed}, "
          f"builds: {', '.join(f'{b.name} ({b.python})' for b in measured)}")
    with tempfile.TemporaryDirectory(prefix="reasonlint-bench-") as tmp:
        if "cold" in only:
            bench_cold(args.runs, args.seed, Path(tmp), measured)
        if "throughput" in only:
            bench_throughput(args.reasons, args.seed, args.rounds, measured)
        if "batch" in only:
            bench_batch(args.rows, args.seed, Path(tmp))
        if "accuracy" in only:
            bench_accuracy(args.accuracy, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
