"""``reasonlint suggest``: the rewrite alone."""
from __future__ import annotations

from typing import Optional

import click

from ..report.base import printable
from .app import EXIT_OK, cli
from .context import OneText, context_options


@cli.command(epilog="\b\n示例：\n  reasonlint suggest \"问题已解决，不想投诉了\" --complaint 没有发货\n"
                    "  echo 问题已解决 | reasonlint suggest -")
@click.argument("text")
@context_options
def suggest(text: str, mode: Optional[str], complaint: Optional[str], channel: Optional[str],
            config: Optional[str], no_config: bool) -> int:
    """只输出一条理由的改写建议（TEXT 为 - 时读标准输入）。"""
    one = OneText(text, mode, complaint, channel, config, no_config)
    click.echo(printable(one.check().suggestion))
    return EXIT_OK
