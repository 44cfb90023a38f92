"""``full`` (default): each finding with its reason and the span marked, then score and suggestion."""
from __future__ import annotations

from .base import VERDICT_ZH, Checked, Located, display_width, printable, shown_path
from .concise import COLORS, ConciseReporter

_VERDICT_COLORS = {"accept": "green", "revise": "yellow", "reject": "red"}


class FullReporter(ConciseReporter):
    """Each finding with the reason under it and the span marked, then score and suggestion."""

    def snippet(self, item: Checked, lf: Located) -> str:
        f = lf.finding
        if f.end <= f.start:
            return ""
        index = lf.line - item.unit.line
        line = _nth_line(item.unit.text, index)
        if line is None:
            return ""
        # Columns are relative to the source line; the unit's text is stripped.
        offset = item.unit.column - 1 if index == 0 else 0
        start = lf.column - 1 - offset
        end = lf.end_column - 1 - offset if lf.end_line == lf.line else len(line)
        start = max(0, min(start, len(line)))
        end = max(start + 1, min(end, len(line)))
        line, start, end = _window(line, start, end)
        text = printable(line.replace("\t", " ").replace("\r", " "))
        gutter = str(lf.line)
        pad = " " * len(gutter)
        marks = " " * display_width(text[:start]) + "^" * display_width(text[start:end])
        color = COLORS.get(f.severity)
        return (f"{self.style(pad + ' |', fg='blue')}\n"
                f"{self.style(gutter + ' |', fg='blue')} {text}\n"
                f"{self.style(pad + ' |', fg='blue')} {self.style(marks, fg=color, bold=True)}\n")

    def render(self, item: Checked) -> str:
        r = item.result
        if not item.findings and r.verdict == "accept":
            return ""
        out: list[str] = []
        if not item.findings:
            if self.quiet:
                return ""   # findings only: a verdict line without a code is not one
            where = self.style(f"{shown_path(item.unit.path)}:{item.unit.line}:{item.unit.column}:", bold=True)
            out.append(f"{where} {VERDICT_ZH[r.verdict]}\n")
        shown = False
        whole = len(item.unit.text)
        for lf in item.findings:
            out.append(self.header(item.unit.path, lf))
            # A span covering the whole reason (a missing slot) marks nothing useful.
            if not self.quiet and not (lf.finding.start <= 0 and lf.finding.end >= whole):
                snippet = self.snippet(item, lf)
                shown = shown or bool(snippet)
                out.append(snippet)
        if self.quiet:
            return "".join(out)
        if not shown:
            gutter = str(item.unit.line)
            first = printable(_window(_nth_line(item.unit.text, 0) or "", 0, 0)[0].replace("\r", " "))
            out.append(f"{self.style(' ' * len(gutter) + ' |', fg='blue')}\n"
                       f"{self.style(gutter + ' |', fg='blue')} {first}\n")
        verdict = self.style(f"{VERDICT_ZH[r.verdict]}（{r.verdict}）", fg=_VERDICT_COLORS[r.verdict], bold=True)
        out.append(f"  = 得分 {r.score}/100，{verdict}；解决结果 {r.resolution}，渠道 {r.channel}\n")
        if r.verdict != "accept" and r.suggestion:
            out.append(f"  = 建议改写：{printable(r.suggestion)}\n")
        out.append("\n")
        return "".join(out)


# Characters of a line shown around a finding: a reason can be one line of megabytes,
# and the report should show where the finding is, not the whole line again.
WINDOW = 240
_BEFORE = 40


def _nth_line(text: str, index: int) -> "str | None":
    """Line ``index`` (0-based) of ``text``, without splitting all of it."""
    if index < 0:
        return None
    pos = 0
    for _ in range(index):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return None
    end = text.find("\n", pos)
    return text[pos:] if end < 0 else text[pos:end]


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """At most WINDOW characters of ``line`` around ``start``, with … where it is cut."""
    if len(line) <= WINDOW:
        return line, start, end
    lo = max(0, start - _BEFORE)
    hi = min(len(line), lo + WINDOW)
    head = "…" if lo else ""
    tail = "…" if hi < len(line) else ""
    shift = len(head) - lo
    return head + line[lo:hi] + tail, start + shift, min(end, hi) + shift
