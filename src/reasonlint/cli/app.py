"""The command group, with help in Chinese (click's own words are English)."""
from __future__ import annotations

import sys
from typing import Any, BinaryIO, Optional

import click

from .. import COMPILED, __version__
from ..errors import UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

EXIT_CODES = """\b
退出码：
  0  没有达到 --fail-on 级别的问题
  1  有这样的问题，或有理由会被驳回，或得分低于 --min-score
  2  用法、配置或输入错误，或内部错误"""


class _Chinese:
    """Help pages in Chinese: usage, section titles and the help option."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [r for p in self.get_params(ctx)  # type: ignore[attr-defined]
                if isinstance(p, click.Option) and (r := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> Optional[click.Option]:
        option: Optional[click.Option] = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示这份帮助后退出。"
        return option


class Command(_Chinese, click.Command):
    pass


class Group(_Chinese, click.Group):
    """Commands listed in the order they are defined, not alphabetically."""

    command_class = Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = [(name, cmd.get_short_help_str(limit=80)) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)


class Choice(click.Choice):
    """click.Choice with its message in Chinese."""

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        if value in self.choices:
            return value
        self.fail(f"{value!r} 不是可选值（可选：{'、'.join(map(str, self.choices))}）", param, ctx)


class IntRange(click.IntRange):
    """click.IntRange with its messages in Chinese."""

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} 不是整数", param, ctx)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            span = f"{self.min}..{self.max}" if self.max is not None else f"至少 {self.min}"
            self.fail(f"{number} 超出范围（{span}）", param, ctx)
        return number


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog="\b\n示例：\n  reasonlint check reasons.txt\n  reasonlint explain \"商家已于11月3日补发货\"\n"
                    "  reasonlint rule missing-date\n\n" + EXIT_CODES)
@click.version_option(__version__, "--version", "-V", prog_name="reasonlint",
                      message=f"%(prog)s %(version)s ({'compiled' if COMPILED else 'pure Python'})",
                      help="显示版本后退出。")
def cli() -> None:
    """检查并分类撤诉（取消投诉）理由：打分、标出问题、给出改写建议。"""


def text_argument(text: str, stdin: Optional[BinaryIO] = None) -> str:
    """A TEXT argument: ``-`` reads the text from standard input (UTF-8)."""
    if text != "-":
        return text
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError("标准输入已关闭，无法读取理由")
    data = stream.read()
    try:
        return data.decode("utf-8-sig").strip("\r\n")
    except UnicodeDecodeError:
        raise UsageError("标准输入不是有效的 UTF-8 文本") from None
