"""Inline SVG for the audit report: the verdict bar and the score histogram.

Verdicts are told apart by fill pattern and text label as well as colour (hatched:
驳回, dotted: 需修改, plain: 通过), so the charts read in greyscale print and for
colour-blind readers. Each shape carries a ``<title>`` with its count.
"""
from __future__ import annotations

from .aggregate import VERDICTS, Aggregate
from .base import VERDICT_ZH

def num(n: float) -> str:
    """A count as zh-CN writes it: 1,234,567."""
    return f"{n:,}"


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


# Defined once per page (in a zero-size SVG) and referenced by every chart.
PATTERNS = (
    '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>'
    '<pattern id="pat-reject" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#d55e00"/>'
    '<rect width="2" height="6" fill="#ffffff"/></pattern>'
    '<pattern id="pat-revise" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#e69f00"/><circle cx="3" cy="3" r="1.4" fill="#ffffff"/></pattern>'
    '<pattern id="pat-accept" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#009e73"/></pattern>'
    "</defs></svg>"
)


def swatch(verdict: str) -> str:
    return (f'<svg viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" '
            f'fill="url(#pat-{verdict})"/></svg>')


def legend(agg: Aggregate) -> str:
    items = "".join(f'<li>{swatch(v)}{VERDICT_ZH[v]} {num(agg.verdicts[v])}'
                    f'（{pct(agg.verdicts[v], agg.reasons)}）</li>' for v in VERDICTS)
    return f'<ul class="legend">{items}</ul>'


def verdict_bar(agg: Aggregate) -> str:
    """One bar across the page, split by verdict."""
    label = "，".join(f"{VERDICT_ZH[v]} {num(agg.verdicts[v])} 条（{pct(agg.verdicts[v], agg.reasons)}）"
                     for v in VERDICTS)
    parts = []
    x = 0.0
    for v in VERDICTS:
        if not agg.reasons or not agg.verdicts[v]:
            continue
        w = 1000 * agg.verdicts[v] / agg.reasons
        parts.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="40" fill="url(#pat-{v})" '
                     f'stroke="#1b1b1b" stroke-width="1"><title>{VERDICT_ZH[v]}：{num(agg.verdicts[v])} 条'
                     f'（{pct(agg.verdicts[v], agg.reasons)}）</title></rect>')
        x += w
    return (f'<svg class="bar" id="verdict-bar" viewBox="0 0 1000 40" preserveAspectRatio="none" '
            f'role="img" aria-label="结论分布：{label}">{"".join(parts)}</svg>')


def _step(top: int) -> int:
    """A round gridline step giving at most five lines up to ``top``."""
    step = 1
    while top / step > 5:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= 5:
                break
    return step


def histogram(agg: Aggregate, width: int = 5) -> str:
    """Bars of ``width`` scores (0–4 … 95–100), each stacked by verdict."""
    bins = agg.histogram(width)
    left, top_pad, bottom, plot_w, plot_h = 64, 12, 40, 680, 200
    tallest = max((sum(c.values()) for _, _, c in bins), default=0) or 1
    step = _step(tallest)
    top = -(-tallest // step) * step
    out = [f'<svg class="chart" id="histogram" viewBox="0 0 {left + plot_w + 16} {top_pad + plot_h + bottom}" '
           f'role="img" aria-label="得分分布直方图：每 {width} 分一组，按结论分色（详见下面的数据表）">']
    for tick in range(0, top + 1, step):
        y = top_pad + plot_h - plot_h * tick / top
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{num(tick)}</text>')
    slot = plot_w / len(bins)
    for i, (low, high, counts) in enumerate(bins):
        x = left + i * slot + 2
        y = float(top_pad + plot_h)
        for v in VERDICTS:
            n = counts[v]
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            out.append(f'<rect class="hbar" x="{x:.1f}" y="{y:.1f}" width="{slot - 4:.1f}" height="{h:.1f}" '
                       f'fill="url(#pat-{v})" stroke="#1b1b1b" stroke-width="0.6">'
                       f'<title>{low}–{high} 分，{VERDICT_ZH[v]}：{num(n)} 条</title></rect>')
        if low % 10 == 0:
            out.append(f'<text x="{left + i * slot:.1f}" y="{top_pad + plot_h + 16}" '
                       f'text-anchor="middle">{low}</text>')
    out.append(f'<text x="{left + plot_w:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle">100</text>'
               f'<text x="{left + plot_w / 2:.1f}" y="{top_pad + plot_h + 34}" text-anchor="middle">得分</text>'
               f'<line x1="{left}" x2="{left + plot_w}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" '
               'stroke="#1b1b1b"/></svg>')
    return "".join(out)


def histogram_table(agg: Aggregate, width: int = 5) -> str:
    """The histogram's figures, for screen readers and for reading off exact counts."""
    head = "".join(f'<th class="num">{VERDICT_ZH[v]}</th>' for v in VERDICTS)
    rows = []
    for low, high, counts in agg.histogram(width):
        cells = "".join(f'<td class="num">{num(counts[v])}</td>' for v in VERDICTS)
        rows.append(f'<tr><td>{low}–{high}</td>{cells}<td class="num">{num(sum(counts.values()))}</td></tr>')
    return (f'<details><summary>直方图数据</summary><table id="histogram-table"><thead><tr><th>得分</th>{head}'
            f'<th class="num">合计</th></tr></thead><tbody>{"".join(rows)}</tbody></table></details>')
