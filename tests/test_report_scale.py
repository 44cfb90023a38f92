"""A million saved results make a report in bounded memory and a file of bounded size.

The results are made up as they are piped into ``reasonlint report -`` (nothing is
written to disk but the report). Peak memory is measured for the reporting process
alone: a small launcher process runs it and reads its ``ru_maxrss``, since Linux counts
a child's memory before its ``exec`` too, and this test process is large.
"""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from synthetic_results import result_lines

MIB = 1024 * 1024
MAX_REPORT_BYTES = 8 * MIB      # these short rows; any rows stop at the page's 10 MiB row budget
MAX_PEAK = 160 * MIB
MAX_GROWTH = 16 * MIB           # from 300,000 reasons to 1,000,000

LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)   # Linux: KiB
sys.exit(code)
"""


def report_piped(rows: int, out: Path) -> tuple[int, str]:
    """Peak RSS in bytes of ``reasonlint report -`` fed ``rows`` results, and its stderr."""
    cmd = [sys.executable, "-c", LAUNCHER, sys.executable, "-m", "reasonlint", "report", "-", "-o", str(out)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stderr is not None and proc.stdout is not None
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    batch: list[str] = []
    for line in result_lines(rows):
        batch.append(line)
        if len(batch) == 10_000:
            proc.stdin.write("".join(batch).encode("utf-8"))
            batch.clear()
    proc.stdin.write("".join(batch).encode("utf-8"))
    proc.stdin.close()
    peak = proc.stdout.read()
    assert proc.wait(timeout=600) == 0, errors
    reader.join()
    return int(peak), errors[0].decode("utf-8")


@pytest.mark.slow
def test_a_million_results_in_bounded_memory(tmp_path: Path) -> None:
    small, _ = report_piped(300_000, tmp_path / "small.html")
    peak, err = report_piped(1_000_000, tmp_path / "million.html")
    size = (tmp_path / "million.html").stat().st_size
    print(f"\npeak RSS: 300,000 results {small / MIB:.1f} MiB, 1,000,000 results {peak / MIB:.1f} MiB; "
          f"report {size / MIB:.2f} MiB")
    assert "1,000,000 条理由，列出最差的 5,000 条" in err
    assert peak <= MAX_PEAK
    assert peak - small <= MAX_GROWTH
    assert size <= MAX_REPORT_BYTES
    page = (tmp_path / "million.html").read_text(encoding="utf-8")
    assert page.count("<tr data-v=") == 5000
    assert "另有 995,000 条未嵌入" in page
    # The template clusters are counted exactly, whatever the churn of one-off texts.
    assert "<strong>100,000</strong> 条 · 同一模板话术：<span class=\"text\">「问题已解决」" in page
