"""``reasonlint rule CODE|NAME``: one rule in full."""
from __future__ import annotations

import click

from ..rules import get_rule
from .app import EXIT_OK, cli


@cli.command(epilog="\b\n示例：\n  reasonlint rule RL203\n  reasonlint rule missing-date")
@click.argument("key", metavar="CODE|NAME")
def rule(key: str) -> int:
    """显示一条规则的完整说明：为什么、反例、正例、默认级别。"""
    r = get_rule(key)
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
