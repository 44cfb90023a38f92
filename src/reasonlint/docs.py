"""Render docs/rules.md from the rule catalogue.

Regenerate with ``python -m reasonlint.docs docs/rules.md``; ``--check`` exits 1
when the file on disk differs. Only the catalogue is imported, never the linter,
so the page cannot depend on jieba or the lexicons.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional, Sequence

from .rules import RULES, Example, Rule

REGENERATE = "python -m reasonlint.docs docs/rules.md"
# An example longer than this (RL103's) is shown cut, with its length.
MAX_EXAMPLE = 120
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
CHANNEL_ZH = {"platform": "平台内投诉", "payment": "支付渠道投诉", "third_party": "第三方平台投诉"}


def anchor(rule: Rule) -> str:
    return rule.code.lower()


def _example(label: str, ex: Example) -> list[str]:
    text = ex.text
    if len(text) > MAX_EXAMPLE:
        text = f"{text[:MAX_EXAMPLE // 4]}……（共 {len(ex.text)} 字）"
    context = []
    if ex.mode != "reason":
        context.append(f"模式 `{ex.mode}`")
    if ex.complaint:
        context.append(f"原投诉事由：{ex.complaint}")
    if ex.channel:
        context.append(f"投诉渠道：{CHANNEL_ZH.get(ex.channel, ex.channel)}（`{ex.channel}`）")
    lines = [f"**{label}**" + (f"（{'；'.join(context)}）" if context else "") + "：", ""]
    lines += ["```text", *text.splitlines(), "```", ""]
    return lines


def _rule_section(rule: Rule) -> list[str]:
    lines = [
        f'<a id="{anchor(rule)}"></a>',
        "",
        f"## {rule.code} `{rule.name}`",
        "",
        f"- 级别：`{rule.severity}`（{SEVERITY_ZH.get(rule.severity, rule.severity)}）",
        f"- 概要：{rule.summary}",
        "",
        f"**为什么**：{rule.why}",
        "",
    ]
    lines += _example("会触发", rule.bad)
    lines += _example("不会触发", rule.good)
    return lines


def render(rules: Sequence[Rule] = RULES) -> str:
    """The whole page as Markdown; deterministic for a given catalogue."""
    lines = [
        "# reasonlint 规则",
        "",
        f"<!-- 本文件由 reasonlint.rules 生成，请勿手改；重新生成：`{REGENERATE}` -->",
        "",
        "每条规则都有稳定的代码（如 `RL203`）和名称（如 `missing-date`），"
        "命令行、配置和抑制注释里两者都可以用；`RL2` 这样的前缀选中一组规则。",
        "",
        "| 代码 | 名称 | 级别 | 概要 |",
        "| --- | --- | --- | --- |",
    ]
    reason_rules = [r for r in rules if r.scope == "reason"]
    file_rules = [r for r in rules if r.scope != "reason"]
    for r in [*reason_rules, *file_rules]:
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| [{r.code}](#{anchor(r)}) | `{r.name}` | `{r.severity}` | {summary} |")
    lines.append("")
    for r in reason_rules:
        lines += _rule_section(r)
    lines += [
        "# 输入文件规则",
        "",
        "这条规则检查的是输入文件里的抑制注释（`# reasonlint: disable=…`），不是理由本身。",
        "",
    ]
    for r in file_rules:
        lines += _rule_section(r)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reasonlint.docs",
                                     description="生成规则文档 docs/rules.md")
    parser.add_argument("path", nargs="?", help="写入的文件；省略时输出到标准输出")
    parser.add_argument("--check", action="store_true",
                        help="只检查文件是否最新：过期时退出码为 1")
    args = parser.parse_args(argv)
    text = render()
    if args.path is None:
        if args.check:
            parser.error("--check 需要文件路径")
        print(text, end="")
        return 0
    path = Path(args.path)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"{path} 已过期，请运行：{REGENERATE}")
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
