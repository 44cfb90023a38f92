"""The ``reasonlint`` command line.

Start-up stays cheap: the linter (and so jieba) is imported only inside the
commands that lint, so ``reasonlint rules``, ``rule`` and ``--version`` never load it.
"""
from __future__ import annotations

import codecs
import contextlib
import json
import os
import signal
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence, TextIO

import click

from . import __version__
from .batch import Ignores, Outcome, Rendered, ReportSpec, lint_parallel, lint_serial, linter, settle
from .configfile import ConfigError, Overrides, Settings, resolve
from .lexicon import LexiconError
from .model import CHANNELS, MODES, SEVERITY_RANK
from .registry import RULES, Rule, get_rule
from .report import ALIASES, FORMATS, Located, Orphan, Reporter, Stats, make
from .report.base import VERDICT_ZH, display_width, one_line, printable
from .sources import FileEnd, InputError, Item, Options, SourceError, Unit, expand, open_input, read
from .suppress import UNUSED_SUPPRESSION, Directive, unused

if TYPE_CHECKING:
    from .linter import Linter
    from .model import Result

PROGRESS_AFTER = 2000     # no progress line for small inputs
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


# --- helpers ---------------------------------------------------------------------------

def _err(message: str) -> None:
    # One line, whatever a file name or a header cell holds (newlines, escape codes).
    click.echo(one_line(message), err=True)


class OutputError(click.ClickException):
    """The report could not be written (disk full, a closed stream): one line, exit 2."""

    exit_code = 2

    def show(self, file: Optional[IO[Any]] = None) -> None:
        _err(self.format_message())


class _Guarded:
    """The report's stream: a failed write becomes an :class:`OutputError`.

    A broken pipe is left alone: the reader went away (``| head``), which is not an error.
    """

    def __init__(self, stream: IO[str], name: str) -> None:
        self._stream = stream
        self._name = name

    def _fail(self, exc: OSError) -> OutputError:
        return OutputError(f"{self._name}: 无法写入：{exc.strerror or exc}")

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def isatty(self) -> bool:
        return self._stream.isatty()


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))   # the CPUs this process may use (containers)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _use_color(stream: IO[str]) -> bool:
    # https://no-color.org: any non-empty NO_COLOR turns colour off.
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _settings(config: Optional[str], no_config: bool, overrides: Overrides = Overrides()) -> Settings:
    return resolve(config_file=Path(config) if config else None, no_config=no_config,
                   overrides=overrides)


def _all_rules() -> tuple[Rule, ...]:
    return (UNUSED_SUPPRESSION, *RULES)


def _lookup_rule(key: str) -> Rule:
    k = key.strip()
    if k.upper() == UNUSED_SUPPRESSION.code or k.lower() == UNUSED_SUPPRESSION.name:
        return UNUSED_SUPPRESSION
    return get_rule(k)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


# --- the check loop --------------------------------------------------------------------

class Progress:
    """A one-line progress bar on stderr for long runs; silent for small inputs.

    ``total`` is an estimate (lines in the input files), so the bar never passes 100%.
    """

    WIDTH = 30

    def __init__(self, enabled: bool, stream: Optional[IO[str]] = None, total: int = 0) -> None:
        self.enabled = enabled
        self.stream = stream
        self.total = total
        self.count = 0
        self.shown = False

    def line(self) -> str:
        if self.total <= 0:
            return f"已检查 {self.count} 条理由…"
        done = min(self.count, self.total) / self.total
        filled = int(done * self.WIDTH)
        return f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:4.0%} 已检查 {self.count} 条理由"

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count % 500 == 0 and max(self.count, self.total) >= PROGRESS_AFTER:
            click.echo("\r" + self.line(), nl=False, err=self.stream is None, file=self.stream)
            self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("\r" + " " * display_width(self.line()) + "\r", nl=False,
                       err=self.stream is None, file=self.stream)


def _count_lines(paths: Iterable[str]) -> int:
    """A quick upper bound on the number of reasons, for the progress bar."""
    total = 0
    for path in expand(paths):
        if isinstance(path, str) and path != "-":
            try:
                with open_input(path) as f:
                    total += sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
            except (OSError, SourceError):
                pass
    return total


@dataclass
class Run:
    """The state of one ``check`` run: what to report and how to count it."""

    settings: Settings
    reporter: Reporter
    stats: Stats
    progress: Progress

    def __post_init__(self) -> None:
        self._ignored = Ignores(self.settings)

    def _unused(self, directive: Directive, path: str, file_codes: frozenset[str]) -> None:
        if not self.settings.report_unused or UNUSED_SUPPRESSION.code in file_codes:
            return
        enabled = frozenset(c for c in self.settings.config.select if self.settings.config.enabled(c))
        finding = unused(directive, enabled - self._ignored(path))
        if finding is None:
            return
        lf = Located(finding, directive.line, directive.column, directive.line, directive.end_column)
        self.stats.add_finding(finding)
        self.reporter.orphan(Orphan(path, lf))

    def feed(self, item: Item, outcome: Optional[Outcome]) -> None:
        if isinstance(item, InputError):
            self.stats.input_errors += 1
            _err(str(item))
        elif isinstance(item, FileEnd):
            file_codes = item.suppressions.codes
            for d in [*item.suppressions.directives, *item.suppressions.stray]:
                self._unused(d, item.path, file_codes)
        elif isinstance(outcome, str):
            self.stats.input_errors += 1
            _err(f"{item.path}:{item.line}:{item.column}: {outcome}")
        elif isinstance(outcome, Rendered):
            self._count(outcome.verdict, outcome.score, 0)
            for code, name, severity in outcome.findings:
                self.stats.add(code, name, severity)
            self.reporter.emit(outcome.text)
        elif outcome is not None:
            self._reason(item, outcome)

    def _count(self, verdict: str, score: int, suppressed: int) -> None:
        self.progress.tick()
        stats = self.stats
        stats.reasons += 1
        stats.verdicts[verdict] += 1
        stats.suppressed += suppressed
        if score < self.settings.min_score:
            stats.below_min_score += 1

    def _reason(self, unit: Unit, result: "Result") -> None:
        checked = settle(unit, result, self._ignored(unit.path))
        self._count(result.verdict, result.score, checked.suppressed)
        for lf in checked.findings:
            self.stats.add_finding(lf.finding)
        self.reporter.reason(checked)
        file_codes = unit.file_suppressions.codes if unit.file_suppressions else frozenset()
        for d in unit.directives:
            self._unused(d, unit.path, file_codes)

    def exit_code(self, exit_zero: bool) -> int:
        if self.stats.input_errors:
            return EXIT_ERROR
        if exit_zero:
            return EXIT_OK
        threshold = SEVERITY_RANK[self.settings.fail_on]
        failing = any(n and SEVERITY_RANK[s] >= threshold for s, n in self.stats.severities.items())
        return EXIT_FINDINGS if failing or self.stats.below_min_score else EXIT_OK


class _AtomicOutput:
    """``--output FILE``: written to a temporary file beside it, then renamed over it.

    A symlink is followed (the link stays, its target gets the report), and a FIFO or
    device (``/dev/stdout``) is written in place: renaming over it would replace it.
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(path)
        self.tmp: Optional[str] = None
        try:
            st: Optional[os.stat_result] = os.stat(self.path)
        except FileNotFoundError:
            st = None
        # A lone surrogate in a reason (from JSON "\ud800") cannot be encoded: escape it.
        mode = dict(encoding="utf-8", errors="backslashreplace", newline="\n")
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.file: IO[str] = open(self.path, "w", **mode)  # type: ignore[call-overload]
            return
        folder = os.path.dirname(self.path)
        fd, self.tmp = tempfile.mkstemp(prefix=".reasonlint-", suffix=".tmp", dir=folder)
        # mkstemp makes the file private (0600); the report gets the mode a plain write
        # would give it: the old file's, or the default under the umask.
        if st is not None:
            perms = stat.S_IMODE(st.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            perms = 0o666 & ~umask
        try:
            os.chmod(fd if os.chmod in os.supports_fd else self.tmp, perms)
        except OSError:
            pass   # keep the private mode rather than fail the run
        self.file = os.fdopen(fd, "w", **mode)  # type: ignore[call-overload]

    def commit(self) -> None:
        self.file.close()
        if self.tmp is not None:
            os.replace(self.tmp, self.path)

    def discard(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass   # the write that failed fails again on close; the file goes anyway
        if self.tmp is not None and os.path.exists(self.tmp):
            os.unlink(self.tmp)


def _same_file(a: os.stat_result, path: str) -> bool:
    try:
        b = os.stat(path)
    except (OSError, ValueError):
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _output_among_inputs(output: str, paths: Sequence[str]) -> Optional[str]:
    """The input that ``--output`` would overwrite, if any (inputs are never written)."""
    try:
        target = os.stat(output)
    except (OSError, ValueError):
        return None   # not there yet: nothing to overwrite
    if not stat.S_ISREG(target.st_mode):
        return None
    for path in expand(paths):
        if isinstance(path, str) and path != "-" and _same_file(target, path):
            return path
    return None


# --- commands --------------------------------------------------------------------------

class _Group(click.Group):
    """Commands listed in the order they are defined, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="reasonlint", message="%(prog)s %(version)s")
def cli() -> None:
    """检查并分类撤诉（取消投诉）理由：打分、标出问题、给出改写建议。"""


def _codes_option(name: str, help_text: str) -> Any:
    return click.option(name, multiple=True, metavar="CODES", help=help_text)


_FORMAT_CHOICES = [*FORMATS, *ALIASES]


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--mode", type=click.Choice(MODES), help="检查模式：reason（提交的理由）或 template（理由模板）。")
@click.option("--output-format", "--format", "output_format", type=click.Choice(_FORMAT_CHOICES),
              default="full", show_default=True, help="输出格式。")
@_codes_option("--select", "只启用这些规则（代码、名称或前缀，逗号分隔，可重复）。")
@_codes_option("--ignore", "忽略这些规则。")
@_codes_option("--extend-select", "在已选规则之外再启用这些规则。")
@click.option("--fail-on", type=click.Choice(list(SEVERITY_RANK)), help="达到该级别的问题使退出码为 1（默认 error）。")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出（输入或配置错误仍为 2）。")
@click.option("--min-score", type=click.IntRange(0, 100), help="任何理由得分低于此值时退出码为 1。")
@click.option("--complaint", metavar="TEXT", help="原投诉事由（没有投诉列的理由都用它）。")
@click.option("--channel", type=click.Choice(CHANNELS), help="投诉渠道。")
@click.option("--column", "--field", "column", metavar="NAME", help="CSV 列名或 JSON 字段名（默认找 reason/text/理由/原因/内容）。")
@click.option("--complaint-column", metavar="NAME", help="投诉事由所在的列或字段。")
@click.option("--channel-column", metavar="NAME", help="投诉渠道所在的列或字段。")
@click.option("--stdin-filename", metavar="NAME", help="从标准输入（-）读取时显示的文件名，其扩展名决定格式。")
@click.option("--jobs", "-j", type=click.IntRange(0), default=1, show_default=True, help="并行进程数（0 为 CPU 数）。")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), help="写入文件而不是标准输出。")
@click.option("--statistics", is_flag=True, help="最后列出每条规则的问题数。")
@click.option("--quiet", "-q", is_flag=True, help="只输出问题，不输出得分、建议和汇总。")
@click.option("--config", type=click.Path(dir_okay=False), help="使用这个配置文件（不再向上查找）。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件。")
@click.option("--show-config", is_flag=True, help="打印最终生效的配置及其来源文件后退出。")
@click.option("--unit", type=click.Choice(["line", "paragraph"]), default="line", show_default=True,
              help="文本文件中一条理由是一行还是一段（空行分隔）。")
@click.option("--encoding", help="强制使用此编码读取输入（默认自动识别 UTF-8/UTF-16/GB18030）。")
def check(paths: tuple[str, ...], mode: Optional[str], output_format: str, select: tuple[str, ...],
          ignore: tuple[str, ...], extend_select: tuple[str, ...], fail_on: Optional[str],
          exit_zero: bool, min_score: Optional[int], complaint: Optional[str], channel: Optional[str],
          column: Optional[str], complaint_column: Optional[str], channel_column: Optional[str],
          stdin_filename: Optional[str], jobs: int, output: Optional[str], statistics: bool,
          quiet: bool, config: Optional[str], no_config: bool, show_config: bool, unit: str,
          encoding: Optional[str]) -> int:
    """检查文件、目录（按扩展名递归）或标准输入（-）中的理由。"""
    overrides = Overrides(select=list(select) if select else None, ignore=ignore,
                          extend_select=extend_select, fail_on=fail_on, min_score=min_score, mode=mode)
    try:
        settings = _settings(config, no_config, overrides)
    except ConfigError as exc:
        _err(str(exc))
        return EXIT_ERROR
    if show_config:
        for key, value in settings.describe().items():
            click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        return EXIT_OK
    if not paths:
        raise click.UsageError("请给出要检查的文件或目录，或用 - 读取标准输入。")
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"未知编码：{encoding}", param_hint="--encoding") from None
        if not getattr(info, "_is_text_encoding", True):   # base64, rot13, zlib ...
            raise click.BadParameter(f"{encoding} 不是文本编码", param_hint="--encoding")
    if output == "-":
        output = None   # the usual spelling of standard output
    if output is not None:
        clash = _output_among_inputs(output, paths)
        if clash is not None:
            raise click.BadParameter(f"{output} 也是要检查的输入文件 {clash}；报告不能写在输入上",
                                     param_hint="--output")
    if settings.config.extra_lexicons:
        # Read users' lexicons now: a bad one is a configuration error, and in a worker
        # pool it would kill every worker at start-up (the pool respawns them forever).
        try:
            linter(settings.config)
        except LexiconError as exc:
            _err(str(exc))
            return EXIT_ERROR
    options = Options(unit=unit, encoding=encoding, column=column, complaint_column=complaint_column,
                      channel_column=channel_column, complaint=complaint, channel=channel,
                      stdin_filename=stdin_filename)
    try:
        sink = _AtomicOutput(output) if output else None
    except OSError as exc:
        _err(f"{output}: 无法写入：{exc.strerror or exc}")
        return EXIT_ERROR
    # A closed standard output (`>&-`) leaves sys.stdout None: the exit code is all
    # that is wanted then.
    stream: IO[str] = sink.file if sink else (sys.stdout or open(os.devnull, "w", encoding="utf-8"))
    out: TextIO = _Guarded(stream, output or "标准输出")  # type: ignore[assignment]
    color = sink is None and _use_color(stream)
    reporter = make(output_format, out, color=color, quiet=quiet)
    stderr = sys.stderr
    # On a terminal the findings themselves show progress; the counter is for runs
    # whose output goes to a file or a pipe.
    show_progress = not quiet and stderr is not None and stderr.isatty() and (sink is not None or not out.isatty())
    progress = Progress(show_progress, total=_count_lines(paths) if show_progress else 0)
    run = Run(settings, reporter, Stats(), progress)
    stdin = getattr(sys.stdin, "buffer", None)   # None when standard input is closed

    def items() -> Iterator[Item]:
        for path in expand(paths):
            if isinstance(path, InputError):
                yield path
            else:
                yield from read(path, options, stdin)

    # More processes than CPUs only adds start-up time and memory (each loads the
    # segmenter), and a huge --jobs would fork until the system gives out.
    jobs = min(jobs, _cpus()) if jobs else _cpus()
    try:
        reporter.start()
        if jobs > 1:
            checked = lint_parallel(items(), settings, jobs, ReportSpec(output_format, color, quiet))
        else:
            checked = lint_serial(items(), settings)
        for item, outcome in checked:
            run.feed(item, outcome)
        progress.close()
        reporter.finish(run.stats)
        if statistics:
            target = stderr if reporter.machine and sink is None else out
            for line in run.stats.table() or ["没有发现问题。"]:
                if target is not None:
                    target.write(line + "\n")
        out.flush()
        if stderr is not None:
            stderr.flush()
        if sink:
            try:
                sink.commit()
            except OSError as exc:
                raise OutputError(f"{output}: 无法写入：{exc.strerror or exc}") from None
    except BaseException:
        if sink:
            sink.discard()
        raise
    return run.exit_code(exit_zero)


def _explain_data(linter: "Linter", text: str, mode: str, complaint: Optional[str],
                  channel: Optional[str]) -> tuple["Result", list[Any]]:
    result = linter.check(text, mode=mode, complaint=complaint, channel=channel)
    tokens_of = getattr(linter, "tokens", None)
    if tokens_of is not None:
        tokens = tokens_of(text)
    else:
        from .tokenize import Segmenter

        tokens = Segmenter(linter_config_lexicons(linter)).tokenize(text)
    return result, tokens


def linter_config_lexicons(linter: "Linter") -> tuple[Path, ...]:
    config = getattr(linter, "config", None)
    return tuple(getattr(config, "extra_lexicons", ()))


def _context_options(f: Any) -> Any:
    f = click.option("--no-config", is_flag=True, help="不读取任何配置文件。")(f)
    f = click.option("--config", type=click.Path(dir_okay=False), help="使用这个配置文件。")(f)
    f = click.option("--channel", type=click.Choice(CHANNELS), help="投诉渠道。")(f)
    f = click.option("--complaint", metavar="TEXT", help="原投诉事由。")(f)
    f = click.option("--mode", type=click.Choice(MODES), help="检查模式（默认取配置，否则 reason）。")(f)
    return f


@cli.command()
@click.argument("text")
@_context_options
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def explain(text: str, mode: Optional[str], complaint: Optional[str], channel: Optional[str],
            config: Optional[str], no_config: bool, as_json: bool) -> int:
    """详细分析一条理由：分词、实体、得分构成、问题和建议。"""
    try:
        settings = _settings(config, no_config)
    except ConfigError as exc:
        _err(str(exc))
        return EXIT_ERROR
    mode = mode or settings.mode or "reason"
    result, tokens = _explain_data(linter(settings.config), text, mode, complaint, channel)
    if as_json:
        data = {"schema_version": 1, "text": text, "mode": mode, **result.to_dict(),
                "tokens": [{"text": t.text, "start": t.start, "end": t.end} for t in tokens],
                "parts": dict(result.parts)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    def echo(line: str) -> None:
        # The text may hold control characters: shown as symbols, never sent to the terminal.
        click.echo(printable(line))

    echo(f"理由：{text}")
    echo(f"模式：{mode}" + (f"    原投诉：{complaint}" if complaint else ""))
    echo("分词：" + " / ".join(t.text for t in tokens))
    echo("实体：" + ("" if result.entities else "无"))
    for e in result.entities:
        value = "" if e.value == e.text else f" = {e.value}"
        echo(f"  {_pad(e.kind, 13)}{e.text}{value}  [{e.start}:{e.end}]")
    verdict = f"{VERDICT_ZH[result.verdict]}（{result.verdict}）"
    echo(f"得分：{result.score}/100，{verdict}")
    for name, points in result.parts.items():
        if name != "total":     # the total is the score printed above
            echo(f"  {_pad(name, 16)}{points:+d}")
    echo(f"解决结果：{result.resolution}    渠道：{result.channel}")
    if result.missing:
        echo("缺少：" + "、".join(result.missing))
    echo("问题：" + ("" if result.findings else "无"))
    for f in result.findings:
        span = f"「{text[f.start:f.end]}」" if 0 < f.end - f.start < len(text) else ""
        echo(f"  {f.code} [{f.severity}] {f.name} {span}{f.message}")
    echo(f"建议改写：{result.suggestion}")
    return EXIT_OK


@cli.command()
@click.argument("text")
@_context_options
def suggest(text: str, mode: Optional[str], complaint: Optional[str], channel: Optional[str],
            config: Optional[str], no_config: bool) -> int:
    """只输出一条理由的改写建议。"""
    try:
        settings = _settings(config, no_config)
    except ConfigError as exc:
        _err(str(exc))
        return EXIT_ERROR
    result = linter(settings.config).check(text, mode=mode or settings.mode or "reason",
                                             complaint=complaint, channel=channel)
    click.echo(printable(result.suggestion))
    return EXIT_OK


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def rules(as_json: bool) -> int:
    """列出全部规则：代码、名称、默认级别、说明。"""
    if as_json:
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary}
                for r in _all_rules()]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    name_width = max(len(r.name) for r in _all_rules()) + 2
    click.echo(f"{_pad('代码', 7)}{_pad('名称', name_width)}{_pad('级别', 9)}说明")
    for r in _all_rules():
        click.echo(f"{_pad(r.code, 7)}{_pad(r.name, name_width)}{_pad(r.severity, 9)}{r.summary}")
    return EXIT_OK


@cli.command()
@click.argument("key", metavar="CODE|NAME")
def rule(key: str) -> int:
    """显示一条规则的完整说明：为什么、反例、正例、默认级别。"""
    try:
        r = _lookup_rule(key)
    except KeyError as exc:
        _err(str(exc.args[0]))
        return EXIT_ERROR
    click.echo(f"{r.code} {r.name}")
    click.echo(f"默认级别：{r.severity}")
    click.echo("")
    click.echo(r.summary)
    click.echo("")
    click.echo("为什么：")
    click.echo(f"  {r.why}")
    for label, ex in (("反例（会触发）", r.bad), ("正例（不会触发）", r.good)):
        click.echo("")
        extra = "，".join(x for x in (f"模式 {ex.mode}" if ex.mode != "reason" else "",
                                       f"原投诉：{ex.complaint}" if ex.complaint else "",
                                       f"渠道：{ex.channel}" if ex.channel else "") if x)
        click.echo(f"{label}：" + (f"（{extra}）" if extra else ""))
        for line in ex.text.split("\n"):
            click.echo(f"  {line}")
    return EXIT_OK


# `reasonlint serve` lives in its own package; importing it loads only click.
from .server.command import serve as _serve  # noqa: E402

cli.add_command(_serve)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # Reasons may hold lone surrogates (JSON "\ud800", undecodable file names):
        # print them escaped rather than crash halfway through the output.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        with _terminate_as_exit():
            rc = cli.main(args, prog_name="reasonlint", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        exc.show()
        return EXIT_ERROR
    except OutputError as exc:
        exc.show()
        _silence_stdout()
        return EXIT_ERROR
    except click.exceptions.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except LexiconError as exc:
        _err(str(exc))
        return EXIT_ERROR
    except click.exceptions.Abort:
        _err("已中止。")
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`); stop quietly like other Unix tools.
        _silence_stdout()
        return EXIT_FINDINGS
    except OSError as exc:
        # Inputs, configuration and lexicons report their own errors; what is left is
        # the environment (a full disk under standard output, no more processes).
        _err(f"无法完成：{exc.strerror or exc}")
        _silence_stdout()
        return EXIT_ERROR
    return rc if isinstance(rc, int) else EXIT_OK


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM (``kill``, a CI timeout) ends the run through the same clean-up as an
    error: the worker pool is stopped and a half-written ``--output`` file removed."""
    def on_term(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except (ValueError, OSError, AttributeError):   # not the main thread, or no SIGTERM
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the final flush at exit
    (of what could not be written) does not print an error of its own."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass   # no real standard output (closed, or replaced in tests)
