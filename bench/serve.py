"""Measure ``reasonlint serve`` on loopback against ``Linter.check`` in this process.

    python bench/serve.py                   # 10 s per point; wrk if installed
    python bench/serve.py --seconds 5 --client python

With wrk, each slice lasts a whole number of seconds (wrk's -d takes no fractions).

For 1 and 2 worker processes, for ``/v1/check`` and ``/v2/check``, at concurrency 1,
8 and 64: requests/s and p50/p99 latency, from a load generator in another process
(``wrk`` from Debian, else a Python client with keep-alive connections). The baseline
is the same reasons through ``Linter.check`` here, one call at a time. RSS per worker
is read from /proc after the load. The reasons come from ``bench/corpus.py`` and a seed.

Machines drift, so each point is measured in slices that alternate between a
1-worker and a 2-worker server (both up throughout), with in-process slices between
them for the baseline; ratios come from the same stretch of time.

Goals: p50 at concurrency 1 within 3x the in-process call + 1 ms; 2 workers at least
1.7x the requests/s of 1; RSS per worker at most 80 MiB.
"""
from __future__ import annotations

import argparse
import functools
import http.client
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

ENDPOINTS = ("/v1/check", "/v2/check")
CONCURRENCY = (1, 8, 64)
WORKERS = (1, 2)
REASONS = 500
LISTENING = re.compile(r"正在监听 http://127\.0\.0\.1:(\d+)")


def body_for(endpoint: str, text: str) -> tuple[bytes, str]:
    if endpoint == "/v1/check":
        return json.dumps({"text": text}, ensure_ascii=False).encode(), "application/json"
    return urlencode({"text": text, "language": "zh-CN"}).encode(), "application/x-www-form-urlencoded"


def percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


# --- the baseline ------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _linter() -> Any:
    from reasonlint import Linter

    linter = Linter()
    for text in corpus(REASONS):
        linter.check(text)     # warm, as the server's workers are after their first requests
    return linter


def in_process(reasons: list[str], seconds: float) -> tuple[float, float]:
    linter = _linter()
    times = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for text in reasons:
            t = time.perf_counter()
            linter.check(text)
            times.append(time.perf_counter() - t)
    times.sort()
    return percentile(times, 0.5) * 1000, len(times) / sum(times)


# --- the server ---------------------------------------------------------------------------

class Served:
    def __init__(self, workers: int, folder: Path) -> None:
        self.log = open(folder / f"serve-{workers}.log", "w+b")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reasonlint", "serve", "--port", "0", "--workers", str(workers),
             "--max-body-size", str(1 << 20)],
            cwd=folder, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.log.seek(0)
            m = LISTENING.search(self.log.read().decode("utf-8", "replace"))
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.05)
        else:
            raise SystemExit("bench: the server did not start")
        self.workers = workers
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200 and len(self.worker_pids()) == workers:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("bench: the server is not healthy")
            time.sleep(0.1)

    def worker_pids(self) -> list[int]:
        if self.workers == 1:
            return [self.proc.pid]
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pid = int(stat.parent.name)
                # uvicorn's spawn start also leaves a resource tracker child: skip it.
                cmdline = (stat.parent / "cmdline").read_bytes()
                if b"resource_tracker" not in cmdline:
                    pids.append(pid)
        return pids

    def cpu_seconds(self) -> float:
        """User and system CPU time of the workers so far."""
        total = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])      # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> list[tuple[float, float]]:
        """(current, peak) RSS of each worker."""
        out = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            values = {k: int(v.split()[0]) / 1024 for k, v in
                      (line.split(":", 1) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM")))}
            out.append((values["VmRSS"], values["VmHWM"]))
        return out

    def served_per_worker(self) -> list[int]:
        """Requests each worker answered, from the access log's ``[pid]``."""
        self.log.seek(0)
        pids = re.findall(r"\[(\d+)\] 127\.0\.0\.1:\d+ \"POST ", self.log.read().decode("utf-8", "replace"))
        return sorted(Counter(pids).values(), reverse=True)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(60)
        self.log.close()


# --- load generators ----------------------------------------------------------------------

def lua_string(data: bytes) -> str:
    return "[==[" + data.decode() + "]==]"


def run_wrk(port: int, endpoint: str, reasons: list[str], concurrency: int, seconds: float,
            folder: Path) -> tuple[float, float, float, int]:
    bodies = [body_for(endpoint, t) for t in reasons]
    script = folder / "bench.lua"
    script.write_text(
        "local bodies = {" + ",".join(lua_string(b) for b, _ in bodies) + "}\n"
        f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "{bodies[0][1]}"\n'
        "local i = 0\nrequest = function()\n  i = i % #bodies + 1\n"
        f'  return wrk.format(nil, "{endpoint}", nil, bodies[i])\nend\n'
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("JSON {\\"p50\\": %f, \\"p99\\": %f, \\"requests\\": %d, '
        '\\"seconds\\": %f, \\"errors\\": %d}\\n", latency:percentile(50), latency:percentile(99), '
        "summary.requests, summary.duration / 1e6, summary.errors.status + summary.errors.connect + "
        "summary.errors.read + summary.errors.write + summary.errors.timeout))\nend\n",
        encoding="utf-8")
    whole = max(1, round(seconds))  # wrk takes whole seconds only (-d1.6s is a usage error)
    proc = subprocess.run(["wrk", "-t1", f"-c{concurrency}", f"-d{whole}s", "--timeout", "30s",
                           "-s", str(script), f"http://127.0.0.1:{port}"], capture_output=True, text=True)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result (exit {proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
    data = json.loads(line[5:])
    return data["requests"] / data["seconds"], data["p50"] / 1000, data["p99"] / 1000, data["errors"]


def run_python(port: int, endpoint: str, reasons: list[str], concurrency: int, seconds: float,
               folder: Path) -> tuple[float, float, float, int]:
    """The fallback: threads in this process (keep-alive), so it shares the GIL with itself."""
    bodies = [body_for(endpoint, t) for t in reasons]
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        i = k
        while time.perf_counter() < deadline:
            body, ctype = bodies[i % len(bodies)]
            i += concurrency
            t = time.perf_counter()
            conn.request("POST", endpoint, body, {"Content-Type": ctype})
            resp = conn.getresponse()
            resp.read()
            mine.append(time.perf_counter() - t)
            if resp.status != 200:
                errors[0] += 1
        with lock:
            times.extend(mine)

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    times.sort()
    return len(times) / elapsed, percentile(times, 0.5) * 1000, percentile(times, 0.99) * 1000, errors[0]


def median(values: list[float]) -> float:
    return statistics.median(values)


def measured(load: Any, served: Served, *args: Any) -> tuple[float, float, float, int, float, float]:
    """A load run and the CPU cores the server's workers and the load generator used."""
    cpu, child, wall = served.cpu_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    rate, p50, p99, errors = load(served.port, *args)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client = (after.ru_utime + after.ru_stime - child.ru_utime - child.ru_stime) / wall
    return rate, p50, p99, errors, (served.cpu_seconds() - cpu) / wall, client


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per measured point and server")
    parser.add_argument("--slices", type=int, default=5, help="slices per point, alternating the servers")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    args = parser.parse_args(argv)
    reasons = corpus(REASONS)
    load = run_wrk if args.client == "wrk" else run_python
    piece = args.seconds / args.slices
    print(f"bench/serve.py: {len(reasons)} reasons (bench/corpus.py), {args.seconds:g} s per point and server "
          f"in {args.slices} slices alternating the 1- and 2-worker servers; load from {args.client} "
          f"(one thread) on loopback; {os.cpu_count()} CPUs")
    print("req/s: mean over the slices; p50, p99: median over the slices; srv CPUs: cores the workers used;")
    print("load CPU: cores the load generator used; CPU ms/r: worker CPU time per request")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    base_p50s: list[float] = []
    base_rates: list[float] = []
    rps: dict[tuple[int, str, int], float] = {}
    p50_c1: dict[tuple[int, str], float] = {}
    with tempfile.TemporaryDirectory(prefix="reasonlint-bench-") as tmp:
        folder = Path(tmp)
        servers = {w: Served(w, folder) for w in WORKERS}
        try:
            for served in servers.values():
                for endpoint in ENDPOINTS:
                    load(served.port, endpoint, reasons, 8, min(2.0, args.seconds), folder)   # warm-up
            print(f"{'workers':>7} {'endpoint':<10} {'conc':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
                  f"{'errors':>6} {'srv CPUs':>8} {'load CPU':>8} {'CPU ms/r':>8}")
            for endpoint in ENDPOINTS:
                for c in CONCURRENCY:
                    got: dict[int, list[tuple[float, float, float, int]]] = {w: [] for w in WORKERS}
                    for _ in range(args.slices):
                        if c == 1:    # the baseline, in the same stretch of time
                            p50, rate = in_process(reasons, piece / 2)
                            base_p50s.append(p50)
                            base_rates.append(rate)
                        for w, served in servers.items():
                            got[w].append(measured(load, served, endpoint, reasons, c, piece, folder))
                    for w in WORKERS:
                        rate = statistics.fmean(g[0] for g in got[w])
                        p50 = median([g[1] for g in got[w]])
                        p99 = median([g[2] for g in got[w]])
                        errors = sum(g[3] for g in got[w])
                        cores = statistics.fmean(g[4] for g in got[w])
                        client = statistics.fmean(g[5] for g in got[w])
                        rps[(w, endpoint, c)] = rate
                        if c == 1:
                            p50_c1[(w, endpoint)] = p50
                        print(f"{w:>7} {endpoint:<10} {c:>4} {rate:>8.0f} {p50:>8.2f} {p99:>8.2f} {errors:>6} "
                              f"{cores:>8.2f} {client:>8.2f} {1000 * cores / rate:>8.2f}")
            rss = {w: served.rss_mib() for w, served in servers.items()}
            shares = servers[2].served_per_worker()
        finally:
            for served in servers.values():
                served.stop()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    base_p50 = median(base_p50s)
    goal = 3 * base_p50 + 1
    print(f"\nin-process Linter.check (the same reasons, one call at a time): p50 {base_p50:.3f} ms, "
          f"{median(base_rates):.0f} calls/s")
    print(f"\np50 at concurrency 1, goal <= 3 x {base_p50:.3f} + 1 = {goal:.3f} ms:")
    for (w, endpoint), p50 in sorted(p50_c1.items()):
        print(f"  {w} worker(s) {endpoint:<10} {p50:.3f} ms = {p50 / base_p50:.1f}x in-process  "
              f"{'met' if p50 <= goal else 'NOT met'}")
    print("\nrequests/s of 2 workers / 1 worker, goal >= 1.7:")
    for endpoint in ENDPOINTS:
        ratios = "  ".join(f"c={c}: {rps[(2, endpoint, c)] / rps[(1, endpoint, c)]:.2f}x" for c in CONCURRENCY)
        print(f"  {endpoint:<10} {ratios}")
    print(f"  requests each of the 2 workers answered: {' / '.join(map(str, shares))}")
    print("\nRSS per worker after the load, current / peak, goal <= 80 MiB:")
    for w, values in rss.items():
        shown = ", ".join(f"{cur:.1f} / {peak:.1f} MiB" for cur, peak in values)
        print(f"  {w} worker(s): {shown}  {'met' if all(p <= 80 for _, p in values) else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
