"""reasonlint.batch: a worker pool gives the same outcomes, reports and counts as one process."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from cli_helpers import GOOD, NO_DATE, TEMPLATE
from reasonlint import Linter, batch
from reasonlint.cli import runloop
from reasonlint.configfile import Settings
from reasonlint.model import Result
from reasonlint.report import FORMATS, make
from reasonlint.report.base import Stats
from reasonlint.sources import Options, Unit, read

REASONS = [GOOD, NO_DATE, TEMPLATE, "客服说会退款", "订单号___，已退款", ""]


def text_file(tmp_path: Path, n: int, tail: str = "") -> Path:
    body = "\n\n".join(f"{REASONS[i % len(REASONS)] or '问题已解决'} #{i}" for i in range(n))
    path = tmp_path / "reasons.txt"
    path.write_text(body + "\n\n" + tail, encoding="utf-8")
    return path


def report(path: Path, fmt: str, jobs: int) -> tuple[str, Stats]:
    settings = Settings()
    items = read(str(path), Options(), None)
    out = io.StringIO()
    reporter = make(fmt, out)
    run = runloop.Run(settings, reporter, Stats(), runloop.Progress(False))
    reporter.start()
    if jobs > 1:
        stream = batch.lint_parallel(items, settings, jobs, batch.ReportSpec(fmt))
    else:
        stream = batch.lint_serial(items, settings)
    for item, outcome in stream:
        run.feed(item, outcome)
    reporter.finish(run.stats)
    return out.getvalue(), run.stats


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Over two chunks; a suppression comment in the middle and a stray one at the end.
    tmp = tmp_path_factory.mktemp("batch")
    path = text_file(tmp, 2 * batch.CHUNK + 40, tail="# reasonlint: disable=RL202,RL203,RL205\n")
    lines = path.read_text(encoding="utf-8").split("\n\n")
    lines.insert(300, "# reasonlint: disable=RL203\n" + NO_DATE)
    path.write_text("\n\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_workers_report_exactly_what_one_process_does(big_file: Path, fmt: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")   # the html page's time of making
    one, stats1 = report(big_file, fmt, 1)
    two, stats2 = report(big_file, fmt, 2)
    if fmt == "junit":   # its suites carry the time of the run
        one, two = (re.sub(r'timestamp="[^"]*"', "", x) for x in (one, two))
    assert two == one
    assert (stats2.reasons, stats2.verdicts, stats2.severities, stats2.codes, stats2.suppressed) == (
        stats1.reasons, stats1.verdicts, stats1.severities, stats1.codes, stats1.suppressed)
    assert stats1.reasons == 2 * batch.CHUNK + 41


def test_a_stray_comment_at_the_end_suppresses_nothing(big_file: Path) -> None:
    # It used to join the file-wide directives when read, after the reasons before it
    # had gone to the workers: the ones still in flight lost their findings.
    for jobs in (1, 2):
        out, stats = report(big_file, "concise", jobs)
        assert stats.suppressed == 1    # only the RL203 comment above its reason
        last = out.splitlines()[-2]     # the line before the summary
        assert "RL001" in last and "RL202, RL203, RL205" in last


def unit(text: str, directives: bool = False) -> Unit:
    u = Unit(text, "r.txt", 1, 1)
    if directives:
        from reasonlint.suppress import parse_directive

        d = parse_directive("# reasonlint: disable=RL203", 0)
        assert d is not None
        u.directives = (d,)
    return u


def test_a_worker_renders_reasons_without_comments(monkeypatch: pytest.MonkeyPatch) -> None:
    w = batch._Worker(Settings(), batch.ReportSpec("concise"))
    out = w.run(unit(NO_DATE))
    assert isinstance(out, batch.Rendered)
    expected = Linter().check(NO_DATE)
    assert (out.verdict, out.score) == (expected.verdict, expected.score)
    assert [code for code, _, _ in out.findings] == ["RL203"]
    assert out.text.startswith("r.txt:1:1: RL203 [warning] missing-date ")
    # With a suppression comment the parent must see the whole result, to mark it used.
    assert isinstance(w.run(unit(NO_DATE, directives=True)), Result)


def test_a_worker_leaves_sarif_to_the_parent() -> None:
    # SARIF fingerprints count repeats across the whole run: only the parent can.
    w = batch._Worker(Settings(), batch.ReportSpec("sarif"))
    assert w.reporter is None
    assert isinstance(w.run(unit(NO_DATE)), Result)


def test_a_worker_without_a_format_sends_results() -> None:
    assert isinstance(batch._Worker(Settings(), None).run(unit(GOOD)), Result)


def test_a_worker_applies_per_file_ignores() -> None:
    settings = Settings(per_file_ignores=(("*.txt", frozenset({"RL203"})),))
    out = batch._Worker(settings, batch.ReportSpec("json-lines")).run(unit(NO_DATE))
    assert isinstance(out, batch.Rendered)
    assert out.findings == () and '"findings": []' in out.text


def test_a_bad_argument_comes_back_as_a_message() -> None:
    w = batch._Worker(Settings(), batch.ReportSpec("concise"))
    u = Unit(GOOD, "r.txt", 1, 1, channel="carrier-pigeon")
    out = w.run(u)
    assert isinstance(out, str) and "channel" in out


def test_ignores_are_looked_up_once_per_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    settings = Settings()
    monkeypatch.setattr(Settings, "ignored_for", lambda self, path: calls.append(path) or frozenset())
    ignores = batch.Ignores(settings)
    assert [ignores(p) for p in ("a", "a", "b", "a")] == [frozenset()] * 4
    assert calls == ["a", "b"]


def test_chunks_count_units_not_items() -> None:
    from reasonlint.sources import FileEnd, InputError
    items = [InputError("x", "bad"), *(unit(str(i)) for i in range(5)), FileEnd("x")]
    chunks = list(batch._chunks(items, 2))
    assert [sum(isinstance(i, Unit) for i in c) for c in chunks] == [2, 2, 1]
    assert [i for c in chunks for i in c] == items


def test_units_pickle_whole() -> None:
    import dataclasses
    import pickle

    from reasonlint.suppress import parse_directive

    file_wide = (parse_directive("# reasonlint: disable-file=RL205", 1),)
    u = Unit("已退款", "r.csv", 3, 4, "$[2].reason", "没收到货", "payment",
             (parse_directive("# reasonlint: disable=RL203", 2), *file_wide))  # type: ignore[arg-type]
    back = pickle.loads(pickle.dumps(u))
    assert back == u
    assert [f.name for f in dataclasses.fields(Unit)] == [
        "text", "path", "line", "column", "key", "complaint", "channel", "directives"]
    # Units of one chunk still share their file's directives after the trip.
    v = dataclasses.replace(u, line=5)
    a, b = pickle.loads(pickle.dumps([u, v]))
    assert a.directives[1] is b.directives[1]


SPAWN_SCRIPT = """
import multiprocessing, sys
from reasonlint import batch
from reasonlint.configfile import Settings
from reasonlint.sources import Options, read

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    out = []
    for item, outcome in batch.lint_parallel(read(sys.argv[1], Options(), None), Settings(), 2,
                                             batch.ReportSpec("concise")):
        if outcome is not None:
            out.append(outcome.text if isinstance(outcome, batch.Rendered) else repr(outcome))
    sys.stdout.write("".join(out))
"""


def test_workers_start_by_spawn_too(tmp_path: Path) -> None:
    # macOS and Windows start workers by spawn: the settings and report format are
    # pickled to them instead of inherited.
    import subprocess
    import sys

    path = text_file(tmp_path, 40)
    script = tmp_path / "spawn_check.py"
    script.write_text(SPAWN_SCRIPT, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(path)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    expected, stats = report(path, "concise", 1)
    assert "RL" in proc.stdout
    assert proc.stdout + stats.summary() + "\n" == expected   # the reporter adds the summary
