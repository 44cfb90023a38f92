"""``reasonlint profiles``: the platform profiles, built-in and the configuration's own."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Optional

import click

from ..report.base import display_width
from .app import EXIT_OK, cli
from .check import settings_for

if TYPE_CHECKING:
    from ..profiles import Profile


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _as_dict(p: "Profile") -> dict[str, object]:
    return {"name": p.name, "title": p.title, "field": p.field, "channel": p.channel, "min": p.min,
            "max": p.max, "count": p.count, "code_field": p.code_field or None, "codes": dict(p.codes),
            "code_names": dict(p.code_names), "note": p.note, "path": p.path, "require": dict(p.require)}


@cli.command(epilog="\b\n示例：\n  reasonlint profiles\n  reasonlint check --platform alipay reasons.txt")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.option("--config", type=click.Path(dir_okay=False), help="使用这个配置文件（读取其词库目录的 profiles/）。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件（只列内置平台）。")
def profiles(as_json: bool, config: Optional[str], no_config: bool) -> int:
    """列出平台配置：名称、字段、长度限制、渠道和代码映射。"""
    from ..profiles import load

    settings = settings_for(config, no_config)
    found = load(tuple(settings.config.extra_lexicons))
    if as_json:
        click.echo(json.dumps([_as_dict(p) for p in found.values()], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(display_width(n) for n in found) + 2
    fwidth = max(display_width(p.field) for p in found.values()) + 2
    click.echo(f"{_pad('名称', width)}{_pad('字段', fwidth)}{_pad('长度', 12)}{_pad('渠道', 13)}说明")
    for p in found.values():
        click.echo(f"{_pad(p.name, width)}{_pad(p.field, fwidth)}{_pad(p.limits(), 12)}"
                   f"{_pad(p.channel or '-', 13)}{p.title}")
        if p.codes:
            mapping = "，".join(f"{res} → {code}" + (f"（{p.code_names[code]}）" if code in p.code_names else "") for res, code in p.codes.items())
            click.echo(f"{'':{width}}{p.code_field}：{mapping}")
        if p.require:
            click.echo(f"{'':{width}}必须写明：{'；'.join(f'{k}（{why}）' for k, why in p.require.items())}")
        if not p.path.startswith("lexicons/"):
            click.echo(f"{'':{width}}来自 {p.path}")
    return EXIT_OK
