"""``reasonlint rules``: the catalogue, one line per rule."""
from __future__ import annotations

import json

import click

from ..rules import RULES, Rule
from ..report.base import display_width
from .app import EXIT_OK, cli


def all_rules() -> tuple[Rule, ...]:
    return RULES


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def rules(as_json: bool) -> int:
    """列出全部规则：代码、名称、默认级别、说明。"""
    if as_json:
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary}
                for r in all_rules()]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    name_width = max(len(r.name) for r in all_rules()) + 2
    click.echo(f"{_pad('代码', 7)}{_pad('名称', name_width)}{_pad('级别', 9)}说明")
    for r in all_rules():
        click.echo(f"{_pad(r.code, 7)}{_pad(r.name, name_width)}{_pad(r.severity, 9)}{r.summary}")
    return EXIT_OK
