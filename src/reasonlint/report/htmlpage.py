"""The audit report as one self-contained HTML file: inline CSS, script and SVG.

Nothing is fetched. A Content-Security-Policy admits only this page's own style and
script, by hash, so even markup that slipped past escaping could neither load nor run
anything. Every piece of text from the input goes through :func:`esc`.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable, Optional, TextIO

from . import charts
from .aggregate import VERDICTS, Aggregate, Row, RowFinding, compare
from .base import SEVERITY_ZH, VERDICT_ZH
from .charts import num, pct
from .htmlbaseline import baseline_section
from .markup import KIND_ZH, VERDICT_MARK, anchor, cluster_size, esc, severity_badge, verdict_badge

if TYPE_CHECKING:
    from ..rules import Rule

CLUSTERS_SHOWN = 100
MIB = 1 << 20
ROW_BYTES = 10 * MIB    # the embedded rows' share of the file: it opens in seconds whatever the rows hold
FILES_SHOWN = 50


def catalogue() -> dict[str, "Rule"]:
    """Every rule by code: the one place the report reads the rule catalogue."""
    from ..rules import RULES

    return {r.code: r for r in RULES}


@dataclass(frozen=True)
class RunInfo:
    """What the header says about the run."""

    version: str
    generated: datetime
    command: str                                 # "check" or "report"
    inputs: tuple[str, ...] = ()                 # paths given on the command line
    config: Optional[dict[str, Any]] = None      # resolved settings; None from saved results
    baseline: Optional[str] = None
    input_errors: int = 0                        # unreadable inputs or saved lines skipped
    extra: dict[str, str] = field(default_factory=dict)


def when(t: datetime) -> str:
    offset = t.strftime("%z")
    zone = f"（UTC{offset[:3]}:{offset[3:]}）" if offset else ""
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}{zone}"


def _asset(name: str) -> str:
    return (resources.files("reasonlint.report") / name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def highlight(text: str, findings: Iterable[RowFinding], length: int) -> str:
    """``text`` escaped, each finding's span in a ``<mark>`` (the worst severity wins
    where spans overlap). A span over the whole reason (a missing slot) marks nothing."""
    spans = []
    for f in findings:
        if f.end <= f.start or (f.start <= 0 and f.end >= length):
            continue
        start, end = max(0, f.start), min(len(text), f.end)
        if start < end:
            spans.append((start, end, f))
    if not spans:
        return esc(text)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    rank = {"info": 0, "warning": 1, "error": 2}
    for a, b in zip(cuts, cuts[1:]):
        cover = [f for s, e, f in spans if s <= a and b <= e]
        piece = esc(text[a:b])
        if cover:
            worst = max(cover, key=lambda f: rank.get(f.severity, 1)).severity
            worst = worst if worst in rank else "warning"
            title = esc("；".join(f"{f.code} {f.name}" for f in cover))
            out.append(f'<mark class="sev-{worst}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


class Page:
    """Writes the report to ``out`` section by section; rows are never held as one string."""

    def __init__(self, out: TextIO, agg: Aggregate, info: RunInfo,
                 baseline: Optional[Aggregate] = None, row_bytes: int = ROW_BYTES) -> None:
        self.out = out
        self.agg = agg
        self.info = info
        self.baseline = baseline
        self.rules = catalogue()
        self.clusters = agg.clusters(CLUSTERS_SHOWN)
        # Clusters are named k0, k1 … on the page; a row lists the shown ones it is in.
        self.cluster_ids = {(kind, c.id): f"k{i}" for i, (kind, c) in enumerate(self.clusters)}
        # Rows are rendered first: as many of the worst as fit in row_bytes.
        candidates = agg.rows()
        self.row_files = sorted({r.path for r in candidates})
        file_index = {p: i for i, p in enumerate(self.row_files)}
        self.rendered: list[str] = []
        size = 0
        for n, row in enumerate(candidates):
            markup = self._row(row, n, file_index[row.path])
            size += len(markup.encode("utf-8"))
            if size > row_bytes:
                break
            self.rendered.append(markup)
        self.rows = candidates[:len(self.rendered)]
        self.row_bytes = row_bytes
        self.trimmed = len(candidates) - len(self.rows)
        self.in_rows: dict[str, int] = {}
        for row in self.rows:
            for cid in self._row_clusters(row):
                self.in_rows[cid] = self.in_rows.get(cid, 0) + 1

    def _row_clusters(self, row: Row) -> list[str]:
        keys = [("text", row.cluster), *(("phrase", p) for p in row.phrases)]
        return [self.cluster_ids[k] for k in keys if k in self.cluster_ids]

    def write(self) -> None:
        css, js = _asset("html.css"), _asset("html.js")
        policy = (f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; "
                  "img-src data:; base-uri 'none'; form-action 'none'")
        w = self.out.write
        w('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
          f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
          '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
          f'<meta name="generator" content="reasonlint {esc(self.info.version)}">\n'
          f'<title>撤诉理由审核报告 · {esc(when(self.info.generated))}</title>\n'
          f"<style>{css}</style>\n</head>\n<body>\n{charts.PATTERNS}\n")
        self.header()
        w('<nav class="toc" aria-label="目录"><a href="#overview">概览</a><a href="#scores">得分分布</a>'
          '<a href="#rules">规则</a><a href="#clusters">相似理由</a>'
          + ('<a href="#baseline">与上次相比</a>' if self.baseline else "")
          + '<a href="#files">文件</a><a href="#rows">理由列表</a><a href="#rule-docs">规则说明</a></nav>\n<main>\n')
        self.overview()
        self.scores()
        self.rule_table()
        self.cluster_list()
        if self.baseline is not None:
            w(baseline_section(compare(self.agg, self.baseline), self.cluster_ids))
        self.files()
        self.row_table()
        self.rule_docs()
        w(f'</main>\n<footer>由 reasonlint {esc(self.info.version)} 生成。本文件自带全部样式和脚本，'
          f"不加载任何外部资源，可离线打开和打印。</footer>\n<script>{js}</script>\n</body>\n</html>\n")

    # --- sections --------------------------------------------------------------------

    def header(self) -> None:
        info, agg = self.info, self.agg
        items = [("生成时间", esc(when(info.generated))), ("reasonlint 版本", esc(info.version))]
        source = "reasonlint check" if info.command == "check" else "reasonlint report（读取保存的 json-lines 结果）"
        items.append(("来源", esc(source)))
        if info.inputs:
            items.append(("输入", "、".join(f'<span class="code">{esc(p)}</span>' for p in info.inputs[:20])
                          + (f" 等 {num(len(info.inputs))} 项" if len(info.inputs) > 20 else "")))
        files = len(agg.files) + (1 if agg.other_files[0] else 0)
        items.append(("理由所在文件", f"{num(len(agg.files))} 个" + ("以上" if agg.other_files[0] else "")
                      if files else "无"))
        if info.baseline:
            items.append(("对比基线", f'<span class="code">{esc(info.baseline)}</span>'))
        for k, v in info.extra.items():
            items.append((esc(k), esc(v)))
        if info.config is not None:
            lines = "".join(f"<tr><th>{esc(k)}</th><td class=\"code\">{esc(json.dumps(v, ensure_ascii=False))}</td></tr>"
                            for k, v in info.config.items())
            items.append(("配置", f'<details><summary>查看生效的配置</summary><table id="config">{lines}</table></details>'))
        else:
            items.append(("配置", "未知（报告由保存的结果生成，结果文件不记录配置）"))
        if info.input_errors:
            items.append(("输入错误", f'<span class="warn">{num(info.input_errors)} 处无法读取，已跳过（详见命令的错误输出）</span>'))
        dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items)
        self.out.write(f'<header>\n<h1>撤诉理由审核报告</h1>\n<dl class="meta">{dl}</dl>\n</header>\n')

    def overview(self) -> None:
        agg = self.agg
        cards = [("", "理由", num(agg.reasons), "")]
        for v in VERDICTS:
            cards.append((f" v-{v}", f"{VERDICT_MARK[v]} {VERDICT_ZH[v]}", num(agg.verdicts[v]),
                          pct(agg.verdicts[v], agg.reasons)))
        cards.append(("", "平均得分", f"{agg.mean_score():.1f}", "满分 100"))
        sev = "，".join(f"{SEVERITY_ZH[s]} {num(agg.severities.get(s, 0))}" for s in ("error", "warning", "info"))
        cards.append(("", "问题", num(sum(agg.severities.values())), sev))
        cards.append(("", "有问题的理由", num(agg.with_findings), pct(agg.with_findings, agg.reasons)))
        if agg.suppressed or agg.suppressions:
            cards.append(("", "已抑制的问题", num(agg.suppressed), f"未使用的抑制注释 {num(agg.suppressions)} 条"))
        html_cards = "".join(f'<div class="card{cls}"><span class="label">{label}</span><span class="n">{n}</span>'
                             f'<span class="note">{sub}</span></div>' for cls, label, n, sub in cards)
        self.out.write(f'<section id="overview"><h2>概览</h2><div class="cards" id="verdict-counts">{html_cards}</div>'
                       f"<h3>结论分布</h3>{charts.verdict_bar(agg)}{charts.legend(agg)}</section>\n")

    def scores(self) -> None:
        agg = self.agg
        body = (charts.histogram(agg) + charts.legend(agg) + charts.histogram_table(agg)
                if agg.reasons else '<p class="note">没有理由。</p>')
        self.out.write(f'<section id="scores"><h2>得分分布</h2>{body}</section>\n')

    def rule_table(self) -> None:
        agg = self.agg
        rows = []
        for rc in agg.rule_table():
            rule = self.rules.get(rc.code)
            summary = esc(rule.summary) if rule else "（本版本的规则目录中没有这条规则）"
            name = rule.name if rule else rc.name
            severity = rule.severity if rule else rc.severity
            rows.append(f'<tr><td class="code"><a href="#{anchor(rc.code)}">{esc(rc.code)}</a></td>'
                        f'<td class="code">{esc(name)}</td><td>{severity_badge(severity)}</td>'
                        f'<td class="num">{num(rc.findings)}</td><td class="num">{num(rc.reasons)}</td>'
                        f'<td class="num">{pct(rc.reasons, agg.reasons)}</td><td>{summary}</td></tr>')
        table = (f'<table id="rule-table"><thead><tr><th>代码</th><th>名称</th><th>默认级别</th>'
                 f'<th class="num">问题数</th><th class="num">涉及理由</th><th class="num">占全部理由</th>'
                 f'<th>说明</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
                 if rows else '<p class="note">没有发现问题。</p>')
        self.out.write(f'<section id="rules"><h2>规则（按问题数排序）</h2>{table}</section>\n')

    def cluster_list(self) -> None:
        agg = self.agg
        parts = ['<section id="clusters"><h2>相似理由（按条数排序）</h2>'
                 '<p class="note">“同一模板话术”：理由含同一句模板话术（RL101）；'
                 "“去掉数字后相同”：去掉数字、空格、标点和全半角差异后文字相同，只是订单号、日期、金额不同。</p>"]
        if not self.clusters:
            parts.append('<p class="note">没有重复出现的理由。</p></section>\n')
            self.out.write("".join(parts))
            return
        parts.append('<p><button type="button" id="clusters-open" class="noprint">全部展开／收起</button></p>')
        for kind, c in self.clusters:
            cid = self.cluster_ids[(kind, c.id)]
            label = c.key if kind == "phrase" else (c.members[0].text if c.members else c.key)
            size = cluster_size(c)
            members = "".join(f'<li><span class="text">{esc(m.text)}</span> <span class="note">'
                              f'{esc(m.path)}:{m.line} · {m.score} 分</span> {verdict_badge(m.verdict)}</li>'
                              for m in c.members)
            rest = c.count - len(c.members)
            more = (f'<p class="note">另有{"约 " if c.over else " "}{num(rest)} 条未列出。</p>'
                    if rest > 0 else "")
            listed = self.in_rows.get(cid, 0)
            button = (f'<button type="button" class="show-cluster" data-cluster="{cid}" data-label="{esc(label[:40])}">'
                      f"在理由列表中只看这一类（列表中有 {num(listed)} 条）</button>" if listed else
                      '<span class="note">这一类的理由都不在下面的列表中。</span>')
            parts.append(f'<details class="cluster" id="{cid}"><summary><strong>{size}</strong> 条 · '
                         f'{KIND_ZH[kind]}：<span class="text">「{esc(label)}」</span></summary>'
                         f"<ol>{members}</ol>{more}{button}</details>")
        left = agg.cluster_candidates() - len(self.clusters)
        if left > 0:
            parts.append(f'<p class="note">只列出最大的 {num(len(self.clusters))} 类；另有 {num(left)} 类未列出。</p>')
        floor = max(agg.texts.floor, agg.phrases.floor)
        if floor:
            parts.append(f'<p class="note">理由很多时，类的条数用固定内存估计：标“约”的条数可能偏多，'
                         f"括号里是确定的下限；未列出的类每类至多 {num(floor)} 条。</p>")
        parts.append("</section>\n")
        self.out.write("".join(parts))

    def files(self) -> None:
        agg = self.agg
        ranked = sorted(agg.files.items(), key=lambda kv: (-kv[1][0], kv[0]))
        rows = []
        for path, counts in ranked[:FILES_SHOWN]:
            cells = "".join(f'<td class="num">{num(counts[1 + i])}</td>' for i in range(3))
            rows.append(f'<tr><td class="code">{esc(path)}</td><td class="num">{num(counts[0])}</td>{cells}</tr>')
        rest = [c for _, c in ranked[FILES_SHOWN:]] + ([agg.other_files] if agg.other_files[0] else [])
        if rest:
            total = [sum(c[i] for c in rest) for i in range(4)]
            cells = "".join(f'<td class="num">{num(total[1 + i])}</td>' for i in range(3))
            rows.append(f'<tr><td>其余文件</td><td class="num">{num(total[0])}</td>{cells}</tr>')
        head = "".join(f'<th class="num">{VERDICT_ZH[v]}</th>' for v in VERDICTS)
        self.out.write(f'<section id="files"><h2>文件</h2><table id="file-table"><thead><tr><th>文件</th>'
                       f'<th class="num">理由</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>\n')

    def row_table(self) -> None:
        agg, rows, w = self.agg, self.rows, self.out.write
        present = {r.path for r in rows}
        codes = sorted({f.code for r in rows for f in r.findings})
        shown = {v: 0 for v in VERDICTS}
        for r in rows:
            shown[r.verdict] += 1
        left = {v: agg.verdicts[v] - shown[v] for v in VERDICTS}
        left_n = sum(left.values())
        w('<section id="rows"><h2>理由列表（最差的在前）</h2>')
        if left_n:
            by = "，".join(f"{VERDICT_ZH[v]} {num(left[v])}" for v in VERDICTS if left[v])
            why = f"（列表大小上限 {self.row_bytes / MIB:g} MB 之内）" if self.trimmed else ""
            w(f'<p class="warn" id="rows-left-out">为了让报告能很快打开，只嵌入了最差的 {num(len(rows))} 条理由{why}；'
              f"另有 {num(left_n)} 条未嵌入（{by}），它们都已计入上面的统计。</p>")
        verdict_opts = "".join(f'<option value="{v}">{VERDICT_ZH[v]}</option>' for v in VERDICTS)
        rule_opts = "".join(f'<option value="{anchor(c)}">{esc(c)}</option>' for c in codes)
        file_opts = "".join(f'<option value="{i}">{esc(p)}</option>' for i, p in enumerate(self.row_files)
                            if p in present)
        w(f'<div class="filters noprint" role="search"><label>结论<select id="f-verdict"><option value="">全部</option>'
          f'{verdict_opts}</select></label><label>规则<select id="f-rule"><option value="">全部</option>{rule_opts}'
          f'</select></label><label>文件<select id="f-file"><option value="">全部</option>{file_opts}</select></label>'
          f'<label>文字包含（按 / 键）<input id="f-text" type="search" size="16"></label>'
          f'<span class="chip" id="f-cluster" hidden>只看一类：<span id="f-cluster-label"></span> '
          f'<button type="button" id="f-cluster-clear" aria-label="取消只看这一类">✕</button></span>'
          f'<button type="button" id="f-reset">清除筛选</button><button type="button" id="sort-reset">恢复排序（最差在前）</button>'
          f'<span>显示 <strong id="rows-shown">{num(len(rows))}</strong> / {num(len(rows))} 条</span></div>')
        w('<table id="rows-table"><thead><tr><th class="c-verdict">结论</th><th class="num c-score" data-sort="data-s">'
          '<button type="button">得分</button></th><th class="c-text">理由（问题处已标出）</th><th class="c-find">问题</th>'
          '<th class="c-sugg">建议改写</th><th class="c-where" data-sort="data-i"><button type="button">位置</button></th>'
          '</tr></thead><tbody>\n')
        for markup in self.rendered:
            w(markup)
        w('</tbody></table><p class="note" id="rows-empty" hidden>没有符合筛选条件的理由。</p></section>\n')

    def _row(self, row: Row, n: int, file: int) -> str:
        codes = " ".join(dict.fromkeys(anchor(f.code) for f in row.findings))
        clusters = " ".join(self._row_clusters(row))
        text = highlight(row.text, row.findings, row.length)
        if row.length > len(row.text):
            text += f'<span class="note">……（共 {num(row.length)} 字，只显示前 {num(len(row.text))} 字）</span>'
        findings = "".join(f'<li>{severity_badge(f.severity)} <a class="code" href="#{anchor(f.code)}">'
                           f"{esc(f.code)}</a> {esc(f.message or f.name)}</li>" for f in row.findings)
        if row.more_findings:
            findings += f'<li class="note">另有 {num(row.more_findings)} 个问题未列出</li>'
        suggestion = esc(row.suggestion) if row.verdict != "accept" and row.suggestion else "—"
        where = f"{esc(row.path)}:{row.line}" + (f"<br>{esc(row.key)}" if row.key else "")
        return (f'<tr data-v="{row.verdict}" data-s="{row.score}" data-i="{row.seq}" data-w="{n}" '
                f'data-f="{file}" data-r="{codes}" data-c="{clusters}"><td>{verdict_badge(row.verdict)}</td>'
                f'<td class="num">{row.score}</td><td class="text">{text}</td>'
                f'<td><ul class="findings">{findings}</ul></td><td class="text">{suggestion}</td>'
                f'<td class="where">{where}</td></tr>\n')

    def rule_docs(self) -> None:
        parts = ['<section id="rule-docs"><h2>规则说明</h2><p class="note">本次出现的规则；'
                 "完整目录见 <span class=\"code\">reasonlint rules</span> 和 docs/rules.md。</p>"]
        for rc in self.agg.rule_table():
            rule = self.rules.get(rc.code)
            if rule is None:
                parts.append(f'<div class="rule-doc" id="{anchor(rc.code)}"><h3>{esc(rc.code)} '
                             f'<span class="code">{esc(rc.name)}</span></h3><p>本版本的规则目录中没有这条规则'
                             "（结果可能来自另一个版本的 reasonlint）。</p></div>")
                continue
            parts.append(f'<div class="rule-doc" id="{anchor(rule.code)}"><h3>{esc(rule.code)} '
                         f'<span class="code">{esc(rule.name)}</span> {severity_badge(rule.severity)}</h3>'
                         f"<p>{esc(rule.summary)}</p><p><strong>为什么：</strong>{esc(rule.why)}</p>"
                         f"<p>会触发：</p><pre>{esc(_cut(rule.bad.text))}</pre>"
                         f"<p>不会触发：</p><pre>{esc(_cut(rule.good.text))}</pre></div>")
        parts.append("</section>\n")
        self.out.write("".join(parts))


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else f"{text[:limit // 4]}……（共 {len(text)} 字）"


def write(out: TextIO, agg: Aggregate, info: RunInfo, baseline: Optional[Aggregate] = None,
          row_bytes: int = ROW_BYTES) -> int:
    """Write the page; returns how many reasons it lists."""
    page = Page(out, agg, info, baseline, row_bytes)
    page.write()
    return len(page.rows)
