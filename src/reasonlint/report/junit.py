"""``junit``: JUnit XML, which CI services show as test results.

One ``testsuite`` per file, one ``testcase`` per finding (a ``failure``), and one
passing ``testcase`` for each reason without findings. It follows the Apache Ant
JUnit schema (the test suite validates it). A file's cases are held until the file
ends, since a suite's counts come first.
"""
from __future__ import annotations

import datetime
import platform
from typing import Optional
from xml.sax.saxutils import quoteattr
from xml.sax.saxutils import escape as _escape

from .base import Checked, Located, Orphan, Reporter, Stats, printable


def _clean(text: str) -> str:
    # XML 1.0 allows no C0 control characters (but tab and line breaks) and no lone
    # surrogates: shown as their symbols and as U+FFFD.
    shown = printable(text)
    return shown.encode("utf-8", "replace").decode("utf-8") if any(
        "\ud800" <= c <= "\udfff" for c in shown) else shown


def escape(text: str) -> str:
    return _escape(_clean(text))


def attr(text: str) -> str:
    return quoteattr(" ".join(_clean(text).split()))


class JunitReporter(Reporter):
    machine = True
    renders_alone = False   # cases are grouped by file

    def start(self) -> None:
        self._path: Optional[str] = None
        self._cases: list[str] = []
        self._failures = 0
        self._suites = 0
        self._stamp = datetime.datetime.now().replace(microsecond=0).isoformat()
        self._host = platform.node() or "localhost"
        self.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')

    def _switch(self, path: str) -> None:
        if path != self._path:
            self._flush()
            self._path = path

    def _flush(self) -> None:
        if self._path is None:
            return
        name = attr(self._path)
        self.write(f'  <testsuite name={name} package="reasonlint" id="{self._suites}" '
                   f'timestamp="{self._stamp}" hostname={attr(self._host)} tests="{len(self._cases)}" '
                   f'failures="{self._failures}" errors="0" time="0">\n    <properties/>\n')
        self.write("".join(self._cases))
        self.write("    <system-out/>\n    <system-err/>\n  </testsuite>\n")
        self._suites += 1
        self._cases, self._failures = [], 0

    def _failure(self, path: str, lf: Located, text: str) -> None:
        f = lf.finding
        self._failures += 1
        where = f"{path}:{lf.line}:{lf.column}"
        body = f"{where}: {f.code} [{f.severity}] {f.name} {f.message}"
        if text:
            body += f"\n{text}"
        self._cases.append(
            f"    <testcase name={attr(f'{f.code} {f.name} ({lf.line}:{lf.column})')} "
            f"classname={attr(path)} time=\"0\">\n"
            f"      <failure message={attr(f.message)} type={attr(f.severity)}>{escape(body)}</failure>\n"
            "    </testcase>\n")

    def reason(self, item: Checked) -> None:
        self._switch(item.unit.path)
        u = item.unit
        for lf in item.findings:
            self._failure(u.path, lf, u.text)
        if not item.findings:
            self._cases.append(f"    <testcase name={attr(f'{u.line}:{u.column}')} classname={attr(u.path)} "
                               'time="0"/>\n')

    def orphan(self, item: Orphan) -> None:
        self._switch(item.path)
        self._failure(item.path, item.finding, "")

    def finish(self, stats: Stats) -> None:
        self._flush()
        self.write("</testsuites>\n")
