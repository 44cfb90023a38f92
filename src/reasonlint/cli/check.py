"""``reasonlint check``: lint files, folders or standard input."""
from __future__ import annotations

import codecs
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator, Optional, TextIO

import click

from ..batch import ReportSpec, linter
from ..configfile import Overrides, Settings, resolve
from ..errors import OutputError, UsageError
from ..model import CHANNELS, MODES, SEVERITY_RANK
from ..report import ALIASES, FORMATS, Stats, make, reporter_class
from ..report.base import shown_path
from ..sources import INPUT_FORMATS, InputError, Item, Options, expand, read
from ..sources.files import is_regular
from .app import EXIT_CODES, EXIT_OK, Choice, IntRange, cli
from .output import AtomicOutput, Guarded, Stdout, count_lines, output_among_inputs, use_color
from .runloop import Progress, Run, lint


def settings_for(config: Optional[str], no_config: bool, overrides: Overrides = Overrides()) -> Settings:
    return resolve(config_file=Path(config) if config else None, no_config=no_config, overrides=overrides)


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))   # the CPUs this process may use (containers)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass(frozen=True)
class CheckArgs:
    """Everything ``check`` was given, as click parsed it."""

    paths: tuple[str, ...]
    mode: Optional[str]
    output_format: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    extend_select: tuple[str, ...]
    fail_on: Optional[str]
    exit_zero: bool
    min_score: Optional[int]
    complaint: Optional[str]
    channel: Optional[str]
    column: Optional[str]
    complaint_column: Optional[str]
    channel_column: Optional[str]
    stdin_filename: Optional[str]
    input_format: Optional[str]
    jobs: int
    output: Optional[str]
    statistics: bool
    quiet: bool
    config: Optional[str]
    no_config: bool
    show_config: bool
    unit: str
    encoding: Optional[str]

    def overrides(self) -> Overrides:
        return Overrides(select=list(self.select) if self.select else None, ignore=self.ignore,
                         extend_select=self.extend_select, fail_on=self.fail_on,
                         min_score=self.min_score, mode=self.mode)

    def options(self) -> Options:
        return Options(unit=self.unit, encoding=self.encoding, column=self.column,
                       complaint_column=self.complaint_column, channel_column=self.channel_column,
                       complaint=self.complaint,
                       channel=None if self.channel == "unknown" else self.channel,
                       stdin_filename=self.stdin_filename, input_format=self.input_format)


def _codes_option(name: str, help_text: str) -> Any:
    return click.option(name, multiple=True, metavar="CODES", help=help_text)


EPILOG = """\b
示例：
  reasonlint check reasons/                     按扩展名递归检查目录
  reasonlint check r.csv --format json -o r.json
  reasonlint check --select RL2 --ignore RL203 reasons.txt
  tail -f queue.tsv | reasonlint check --format json-lines -

""" + EXIT_CODES


@cli.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--mode", type=Choice(MODES), help="检查模式：reason（提交的理由）或 template（理由模板）。")
@click.option("--output-format", "--format", "output_format", type=Choice([*FORMATS, *ALIASES]),
              default="full", help="输出格式（默认 full）。")
@_codes_option("--select", "只启用这些规则（代码、名称或前缀，逗号分隔，可重复）。")
@_codes_option("--ignore", "忽略这些规则。")
@_codes_option("--extend-select", "在已选规则之外再启用这些规则。")
@click.option("--fail-on", type=Choice(list(SEVERITY_RANK)), help="达到该级别的问题使退出码为 1（默认 error）。")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出（输入或配置错误仍为 2）。")
@click.option("--min-score", type=IntRange(0, 100), help="任何理由得分低于此值时退出码为 1。")
@click.option("--complaint", metavar="TEXT", help="原投诉事由（没有投诉列的理由都用它）。")
@click.option("--channel", type=Choice(CHANNELS), help="投诉渠道（unknown 等于不指定）。")
@click.option("--column", "--field", "column", metavar="NAME", help="CSV 列名或 JSON 字段名（默认找 reason/text/理由/原因/内容）。")
@click.option("--complaint-column", metavar="NAME", help="投诉事由所在的列或字段。")
@click.option("--channel-column", metavar="NAME", help="投诉渠道所在的列或字段。")
@click.option("--stdin-filename", metavar="NAME", help="从标准输入（-）读取时显示的文件名，其扩展名决定格式。")
@click.option("--input-format", type=Choice(INPUT_FORMATS),
              help="按这种格式读取所有输入（默认看扩展名；标准输入看第一行）。")
@click.option("--jobs", "-j", type=IntRange(0), default=1, help="并行进程数（默认 1；0 为 CPU 数）。")
@click.option("--output", "-o", "output", metavar="FILE", help="写入文件而不是标准输出。")
@click.option("--statistics", is_flag=True, help="最后列出每条规则的问题数（机器格式写到标准错误）。")
@click.option("--quiet", "-q", is_flag=True, help="只输出问题，不输出得分、建议和汇总。")
@click.option("--config", type=click.Path(dir_okay=False), help="使用这个配置文件（不再向上查找）。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件。")
@click.option("--show-config", is_flag=True, help="打印最终生效的配置及其来源文件后退出。")
@click.option("--unit", type=Choice(["line", "paragraph"]), default="line",
              help="文本文件中一条理由是一行还是一段（空行分隔；默认 line）。")
@click.option("--encoding", help="强制使用此编码读取输入（默认自动识别 UTF-8/UTF-16/GB18030）。")
def check(**given: Any) -> int:
    """检查文件、目录（按扩展名递归）或标准输入（-）中的理由。"""
    return run_check(CheckArgs(**given))


def _validate(args: CheckArgs) -> Optional[str]:
    """The checked ``--output`` (None: standard output); raises UsageError."""
    if not args.paths:
        raise UsageError("请给出要检查的文件或目录，或用 - 读取标准输入。")
    if args.encoding is not None:
        try:
            info = codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(f"--encoding: 未知编码：{args.encoding}") from None
        if not getattr(info, "_is_text_encoding", True):   # base64, rot13, zlib ...
            raise UsageError(f"--encoding: {args.encoding} 不是文本编码")
    output = args.output
    if output == "":
        raise UsageError("--output: 文件名不能为空（写到标准输出请用 - 或不给 --output）")
    if output == "-":
        return None   # the usual spelling of standard output
    if output is not None:
        if os.path.isdir(output):
            raise UsageError(f"--output: {shown_path(output)} 是目录")
        clash = output_among_inputs(output, args.paths)
        if clash is not None:
            raise UsageError(f"--output: {shown_path(output)} 也是要检查的输入文件 {shown_path(clash)}；"
                             "报告不能写在输入上")
    return output


def run_check(args: CheckArgs) -> int:
    settings = settings_for(args.config, args.no_config, args.overrides())
    if args.show_config:
        for key, value in settings.describe().items():
            click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        return EXIT_OK
    output = _validate(args)
    if settings.config.extra_lexicons:
        # Read users' lexicons now: a bad one is a configuration error, and in a worker
        # pool it would kill every worker at start-up.
        linter(settings.config)
    options = args.options()
    try:
        sink = AtomicOutput(output) if output else None
    except OSError as exc:
        raise OutputError(f"{shown_path(output or '')}: 无法写入：{exc.strerror or exc}") from None
    machine = reporter_class(args.output_format).machine
    stdout = Stdout(machine) if sink is None else None
    stream: IO[str] = sink.file if sink else stdout.stream  # type: ignore[union-attr]
    out: TextIO = Guarded(stream, output or "标准输出")  # type: ignore[assignment]
    color = sink is None and use_color(stream)
    reporter = make(args.output_format, out, color=color, quiet=args.quiet)
    reporter.run_info({"paths": list(args.paths), "config": settings.describe()})
    stderr = sys.stderr
    # On a terminal the findings themselves show progress; the counter is for runs
    # whose output goes to a file or a pipe.
    show_progress = (not args.quiet and stderr is not None and stderr.isatty()
                     and (sink is not None or not out.isatty()))
    progress = Progress(show_progress, total=count_lines(args.paths) if show_progress else 0)
    run = Run(settings, reporter, Stats(), progress)
    stdin = getattr(sys.stdin, "buffer", None)   # None when standard input is closed
    # Standard input from a pipe is checked as it comes, here: a worker pool would
    # hold each answer back until a chunk of reasons has arrived.
    streaming = "-" in args.paths and stdin is not None and not is_regular(stdin)

    def items() -> Iterator[Item]:
        for path in expand(args.paths):
            if isinstance(path, InputError):
                yield path
            else:
                yield from read(path, options, stdin)

    # More processes than CPUs only adds start-up time and memory (each loads the
    # segmenter), and a huge --jobs would fork until the system gives out.
    jobs = min(args.jobs, cpus()) if args.jobs else cpus()
    if streaming:
        jobs = 1
    try:
        reporter.start()
        lint(items(), run, out, jobs=jobs, report=ReportSpec(args.output_format, color, args.quiet),
             stream=streaming)
        progress.close()
        reporter.finish(run.stats)
        if args.statistics:
            # Machine formats are data, and a whole document (the HTML page) has its own
            # table: the table never goes into them.
            table = run.stats.table() or ["没有发现问题。"]
            to_stderr = machine or reporter.whole_document
            target: Optional[IO[str]] = stderr if to_stderr else out  # type: ignore[assignment]
            for line in table:
                if target is not None:
                    target.write(line + "\n")
        out.flush()
        if stderr is not None:
            stderr.flush()
        if sink:
            try:
                sink.commit()
            except OSError as exc:
                raise OutputError(f"{shown_path(output or '')}: 无法写入：{exc.strerror or exc}") from None
    except BaseException:
        if sink:
            sink.discard()
        raise
    finally:
        if stdout is not None:
            try:
                stdout.release()
            except OSError:
                pass   # reported by the write that failed
    return run.exit_code(args.exit_zero)
