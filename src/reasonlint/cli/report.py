"""``reasonlint report``: an HTML audit page from saved json-lines results."""
from __future__ import annotations

import sys
from typing import Optional, TextIO

import click

from ..errors import OutputError, UsageError
from ..report.base import shown_path
from .app import EXIT_ERROR, EXIT_OK, cli
from .output import AtomicOutput, Guarded, output_among_inputs, say


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--output", "-o", "output", default="reasonlint-report.html", show_default=True,
              type=click.Path(dir_okay=False, writable=True), help="报告文件。")
@click.option("--baseline", type=click.Path(dir_okay=False, allow_dash=False),
              help="上次运行保存的 json-lines 结果：报告里比较哪些变好、哪些变差。")
@click.option("--max-rows", type=click.IntRange(0), default=5000, show_default=True,
              help="报告里最多列出多少条理由（最差的在前；统计总是包含全部理由）。")
def report(paths: tuple[str, ...], output: str, baseline: Optional[str], max_rows: int) -> int:
    """把保存的 json-lines 结果（check --format json-lines、服务或 Spark 的输出）做成 HTML 审核报告。"""
    from ..report.html import report_saved

    if output in ("", "-"):
        raise UsageError("--output: 报告要写到一个文件里（不能为空，也不能是标准输出）")
    clash = output_among_inputs(output, [*paths, *([baseline] if baseline else [])])
    if clash is not None:
        raise UsageError(f"--output: {shown_path(output)} 也是输入文件 {shown_path(clash)}；报告不能写在输入上")
    try:
        sink = AtomicOutput(output)
    except OSError as exc:
        raise OutputError(f"{shown_path(output)}: 无法写入：{exc.strerror or exc}") from None
    try:
        out: TextIO = Guarded(sink.file, output)  # type: ignore[assignment]
        done = report_saved(paths, out, baseline=baseline, max_rows=max_rows,
                            stdin=getattr(sys.stdin, "buffer", None), problem=say)
        out.flush()
        sink.commit()
    except BaseException:
        sink.discard()
        raise
    say(f"已写入报告 {output}：{done.reasons:,} 条理由，列出最差的 {done.rows:,} 条。")
    return EXIT_ERROR if done.problems else EXIT_OK
