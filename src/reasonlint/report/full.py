"""``full`` (default): each finding with its reason and the span marked, then score and suggestion."""
from __future__ import annotations

from .base import VERDICT_ZH, Checked, Located, display_width, printable
from .concise import COLORS, ConciseReporter

_VERDICT_COLORS = {"accept": "green", "revise": "yellow", "reject": "red"}


class FullReporter(ConciseReporter):
    """Each finding with the reason under it and the span marked, then score and suggestion."""

    def snippet(self, item: Checked, lf: Located) -> str:
        f = lf.finding
        if f.end <= f.start:
            return ""
        lines = item.unit.text.split("\n")
        index = lf.line - item.unit.line
        if not 0 <= index < len(lines):
            return ""
        text = printable(lines[index].replace("\t", " ").replace("\r", " "))
        # Columns are relative to the source line; the unit's text is stripped.
        offset = item.unit.column - 1 if index == 0 else 0
        start = lf.column - 1 - offset
        end = lf.end_column - 1 - offset if lf.end_line == lf.line else len(text)
        start = max(0, min(start, len(text)))
        end = max(start + 1, min(end, len(text)))
        gutter = str(lf.line)
        pad = " " * len(gutter)
        marks = " " * display_width(text[:start]) + "^" * display_width(text[start:end])
        color = COLORS.get(f.severity)
        return (f"{self.style(pad + ' |', fg='blue')}\n"
                f"{self.style(gutter + ' |', fg='blue')} {text}\n"
                f"{self.style(pad + ' |', fg='blue')} {self.style(marks, fg=color, bold=True)}\n")

    def reason(self, item: Checked) -> None:
        r = item.result
        if not item.findings and r.verdict == "accept":
            return
        if not item.findings:
            where = self.style(f"{item.unit.path}:{item.unit.line}:{item.unit.column}:", bold=True)
            self.write(f"{where} {VERDICT_ZH[r.verdict]}\n")
        shown = False
        whole = len(item.unit.text)
        for lf in item.findings:
            self.write(self.header(item.unit.path, lf))
            # A span covering the whole reason (a missing slot) marks nothing useful.
            if not self.quiet and not (lf.finding.start <= 0 and lf.finding.end >= whole):
                snippet = self.snippet(item, lf)
                shown = shown or bool(snippet)
                self.write(snippet)
        if self.quiet:
            return
        if not shown:
            gutter = str(item.unit.line)
            first = printable(item.unit.text.split("\n")[0].replace("\r", " "))
            self.write(f"{self.style(' ' * len(gutter) + ' |', fg='blue')}\n"
                       f"{self.style(gutter + ' |', fg='blue')} {first}\n")
        verdict = self.style(f"{VERDICT_ZH[r.verdict]}（{r.verdict}）", fg=_VERDICT_COLORS[r.verdict], bold=True)
        self.write(f"  = 得分 {r.score}/100，{verdict}；解决结果 {r.resolution}，渠道 {r.channel}\n")
        if r.verdict != "accept" and r.suggestion:
            self.write(f"  = 建议改写：{printable(r.suggestion)}\n")
        self.write("\n")
