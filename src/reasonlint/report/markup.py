"""Small pieces of the HTML report's markup, shared by its sections."""
from __future__ import annotations

import html
import re

from .aggregate import Cluster
from .base import SEVERITY_ZH, VERDICT_ZH, printable
from .charts import num

VERDICT_MARK = {"reject": "✕", "revise": "!", "accept": "✓"}
KIND_ZH = {"phrase": "同一模板话术", "text": "去掉数字后相同"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_ANCHOR = re.compile(r"[^a-z0-9_-]+")


def esc(text: str) -> str:
    """Text for HTML: markup escaped, control characters shown as symbols, lone
    surrogates (JSON ``"\\ud800"``) replaced, so the page stays valid UTF-8."""
    return html.escape(_SURROGATE.sub("\ufffd", printable(text)), quote=True)


def anchor(code: str) -> str:
    """The id of a rule's section, as in docs/rules.md (``rl203``); safe in any attribute."""
    return _NOT_ANCHOR.sub("-", code.lower()) or "-"


def verdict_badge(verdict: str) -> str:
    return f'<span class="verdict v-{verdict}">{VERDICT_MARK[verdict]} {VERDICT_ZH[verdict]}</span>'


def severity_badge(severity: str) -> str:
    sev = severity if severity in SEVERITY_ZH else "warning"
    return f'<span class="sev sev-{sev}">{SEVERITY_ZH[sev]}</span>'


def cluster_size(c: Cluster) -> str:
    if c.over:
        return f"约 {num(c.count)}（至少 {num(c.count - c.over)}）"
    return num(c.count)
