"""The report's "since the last run" section: a run compared with a baseline run.

Runs differ in size, so verdicts compare as shares, rules as findings per 100 reasons
and clusters as shares of their run. Each change is said in words (变好, 变差) and
with an arrow, not by colour alone.
"""
from __future__ import annotations

from .aggregate import Comparison
from .base import VERDICT_ZH
from .charts import num
from .markup import KIND_ZH, anchor, cluster_size, esc

RULES_SHOWN = 15
_BETTER_UP = {"accept": True, "revise": False, "reject": False}


def _change(delta: float, better_up: bool, unit: str, digits: int = 1) -> str:
    if abs(delta) < 0.5 * 10 ** -digits:
        return '<span class="note">— 持平</span>'
    arrow = "▲" if delta > 0 else "▼"
    good = (delta > 0) == better_up
    word = "变好" if good else "变差"
    return f'<span class="{"better" if good else "worse"}">{arrow} {abs(delta):.{digits}f}{unit}（{word}）</span>'


def baseline_section(cmp: Comparison, cluster_ids: dict[tuple[str, int], str]) -> str:
    parts = ['<section id="baseline"><h2>与上次相比</h2>']
    rows = []
    for v, nb, sb, nc, sc in cmp.verdicts:
        rows.append(f"<tr><td>{VERDICT_ZH[v]}</td><td class=\"num\">{num(nb)}（{100 * sb:.1f}%）</td>"
                    f"<td class=\"num\">{num(nc)}（{100 * sc:.1f}%）</td>"
                    f"<td>{_change(100 * (sc - sb), _BETTER_UP[v], ' 个百分点')}</td></tr>")
    mb, mc = cmp.mean
    rows.append(f'<tr><td>平均得分</td><td class="num">{mb:.1f}</td><td class="num">{mc:.1f}</td>'
                f"<td>{_change(mc - mb, True, ' 分')}</td></tr>")
    parts.append('<table id="baseline-verdicts"><thead><tr><th></th><th class="num">上次</th>'
                 f'<th class="num">本次</th><th>变化</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')

    rows = []
    for code, name, _severity, rb, rc, nb, nc in cmp.rules[:RULES_SHOWN]:
        status = "（新出现）" if nb == 0 else "（已消失）" if nc == 0 else ""
        rows.append(f'<tr><td class="code"><a href="#{anchor(code)}">{esc(code)}</a> {esc(name)}{status}</td>'
                    f'<td class="num">{rb:.1f}</td><td class="num">{rc:.1f}</td>'
                    f"<td>{_change(rc - rb, False, '')}</td></tr>")
    if rows:
        parts.append('<h3>规则：每 100 条理由中的问题数</h3><table id="baseline-rules"><thead><tr><th>规则</th>'
                     '<th class="num">上次</th><th class="num">本次</th><th>变化</th></tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table>')

    rows = []
    for kind, c, nb, over in cmp.clusters:
        label = c.key if kind == "phrase" or not c.members else c.members[0].text
        link = cluster_ids.get((kind, c.id))
        name = f'<a href="#{link}">{esc(label[:60])}</a>' if link else esc(label[:60])
        before = "—（新出现）" if nb == 0 else (f"约 {num(nb)}" if over else num(nb))
        rows.append(f"<tr><td>{KIND_ZH[kind]}：「{name}」</td><td class=\"num\">{before}</td>"
                    f'<td class="num">{cluster_size(c)}</td></tr>')
    if rows:
        parts.append('<h3>本次最大的相似理由类</h3><table id="baseline-clusters"><thead><tr><th>类</th>'
                     '<th class="num">上次条数</th><th class="num">本次条数</th></tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table>')
    rows = []
    for kind, c, now in cmp.shrunk:
        label = c.key if kind == "phrase" or not c.members else c.members[0].text
        rows.append(f"<tr><td>{KIND_ZH[kind]}：「{esc(label[:60])}」</td><td class=\"num\">{cluster_size(c)}</td>"
                    f'<td class="num">{num(now)}</td></tr>')
    if rows:
        parts.append('<h3>上次的大类中，占比下降的</h3><table id="baseline-shrunk"><thead><tr><th>类</th>'
                     '<th class="num">上次条数</th><th class="num">本次条数</th></tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table>')
    parts.append("</section>\n")
    return "".join(parts)
