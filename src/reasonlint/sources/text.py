"""Plain text: one reason per line (or per paragraph), ``#`` lines are comments."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from .base import Reader
from .decode import Lines
from .items import Item, Unit
from .suppression import Directive, parse_directive, split_trailing


def _skipped_lines(first: int, last: int) -> str:
    return "已跳过" if first == last else f"已跳过它所在的第 {first}–{last} 行"


class TextReader(Reader):
    """File-wide directives are found in a first pass, so they cover the reasons above
    them too; on a stream (no second pass) they cover the reasons after them."""

    kind = "txt"
    prescan = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.file_wide: tuple[Directive, ...] = ()
        self._scanned = False
        self._stray: list[Directive] = []

    def scan(self, lines: Lines) -> None:
        found: list[Directive] = []
        for lineno, (line, ok) in enumerate(lines, 1):
            if ok and line.lstrip().startswith("#"):
                d = parse_directive(line.rstrip("\r\n"), lineno)
                if d is not None and d.kind == "disable-file":
                    found.append(d)
        self.file_wide = tuple(found)
        self._scanned = True

    def end(self) -> tuple[Directive, ...]:
        return (*self.file_wide, *self._stray)

    def items(self, lines: Lines) -> Iterator[Item]:
        path, opts = self.path, self.opts
        paragraphs = opts.unit == "paragraph"
        pending: list[Directive] = []
        para: list[tuple[int, str]] = []      # (line number, line) of the open paragraph
        para_directives: list[Directive] = []
        para_bad: list[int] = []              # undecodable lines of the open paragraph

        def flush() -> Iterator[Item]:
            if para_bad:
                # The paragraph is one reason: with a line missing it would be judged wrongly.
                for n in para_bad:
                    yield from lines.bad_line(path, n, _skipped_lines(para[0][0], para[-1][0]))
            elif para:
                first_line, first = para[0]
                column = len(first) - len(first.lstrip()) + 1
                text = "\n".join(l for _, l in para).strip()
                yield Unit(text, path, first_line, column, None, opts.complaint, opts.channel,
                           (*para_directives, *self.file_wide))
            para.clear()
            para_directives.clear()
            para_bad.clear()

        for lineno, (raw_line, ok) in enumerate(lines, 1):
            line = raw_line.rstrip("\r\n")
            stripped = line.strip()
            if stripped.startswith("#"):
                if not ok:
                    yield from lines.bad_line(path, lineno)
                    continue
                d = parse_directive(line, lineno)
                if d is not None and d.kind == "disable":
                    pending.append(d)
                elif d is not None and not self._scanned:
                    self.file_wide = (*self.file_wide, d)   # a stream: from here on
                continue
            if not stripped:
                if paragraphs:
                    yield from flush()
                continue
            own: tuple[Directive, ...] = ()
            if ok:
                body, comment = split_trailing(line)
                if comment:
                    d = parse_directive(comment, lineno, len(body) + 1)
                    if d is not None:
                        # At the end of a line, any directive covers that line's reason only.
                        line, stripped = body.rstrip(), body.strip()
                        own = (replace(d, kind="disable"),)
            if paragraphs:
                if not para:
                    para_directives.extend(pending)
                    pending.clear()
                para_directives.extend(own)
                if stripped:
                    para.append((lineno, line))
                if not ok:
                    para_bad.append(lineno)
                continue
            if not ok:
                yield from lines.bad_line(path, lineno)
                pending = []   # they were meant for this line, not for the next reason
                continue
            column = len(line) - len(line.lstrip()) + 1
            yield Unit(stripped, path, lineno, column, None, opts.complaint, opts.channel,
                       (*pending, *own, *self.file_wide) if pending or own else self.file_wide)
            pending = []
        yield from flush()
        # A next-line directive with no reason after it suppresses nothing: kept for
        # the unused check at the end of the file.
        self._stray.extend(pending)
