"""``reasonlint explain``: everything the linter saw in one reason."""
from __future__ import annotations

import json
from typing import Any, Optional

import click

from ..report.base import VERDICT_ZH, display_width, printable
from .app import EXIT_OK, cli
from .context import OneText, context_options


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


@cli.command(epilog="\b\n示例：\n  reasonlint explain \"商家昨天已补发货，订单号20261103001\"\n"
                    "  echo 问题已解决 | reasonlint explain --json -")
@click.argument("text")
@context_options
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def explain(text: str, mode: Optional[str], complaint: Optional[str], channel: Optional[str],
            config: Optional[str], no_config: bool, as_json: bool, platform: Optional[str]) -> int:
    """详细分析一条理由：分词、实体、得分构成、问题和建议（TEXT 为 - 时读标准输入）。"""
    one = OneText(text, mode, complaint, channel, config, no_config, platform)
    result = one.check()
    tokens = one.linter.tokens(one.text)
    if as_json:
        data: dict[str, Any] = {"schema_version": 1, "text": one.text, "mode": one.mode, **result.to_dict(),
                                "tokens": [{"text": t.text, "start": t.start, "end": t.end} for t in tokens],
                                "parts": dict(result.parts)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK

    def echo(line: str) -> None:
        # The text may hold control characters: shown as symbols, never sent to the terminal.
        click.echo(printable(line))

    echo(f"理由：{one.text}")
    echo(f"模式：{one.mode}" + (f"    原投诉：{complaint}" if complaint else ""))
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
        span = f"「{one.text[f.start:f.end]}」" if 0 < f.end - f.start < len(one.text) else ""
        echo(f"  {f.code} [{f.severity}] {f.name} {span}{f.message}")
    echo(f"建议改写：{result.suggestion}")
    if result.platform is not None:
        for line in platform_lines(result.platform):
            echo(line)
    return EXIT_OK


def platform_lines(p: dict[str, Any]) -> list[str]:
    """The active profile: its field and limits, the reason's length, the code mapping."""
    from ..profiles import COUNT_ZH

    limits = "、".join(f"{k} {p[k]}" for k in ("min", "max") if p[k] is not None) or "无字数限制"
    lines = [f"平台：{p['name']}（{p['title']}）    字段：{p['field']}    渠道：{p['channel'] or '不限'}",
             f"  长度：{p['length']}字（{limits}；{COUNT_ZH[p['count']]}）"]
    if p["code_field"]:
        code = f"{p['code']}（{p['code_name'] or ''}）" if p["code"] else "无对应代码"
        lines.append(f"  {p['code_field']}：{code}")
    if p.get("require"):
        lines.append(f"  必须写明：{'、'.join(p['require_names'])}（缺少时见 RL106）")
    fits = "符合" if p["suggestion_fits"] else "不符合"
    lines.append(f"  建议改写：{p['suggestion_length']}字，{fits}平台限制" + (f"；{p['note']}" if p["note"] else ""))
    return lines
