"""Reading back saved ``--format json-lines`` results (from ``check``, the service or Spark).

Only the JSON objects are read, never internal types, so any producer that writes the
documented fields can be reported. A line that is not such an object is reported and
skipped; the rest of the file is still read. Lines are read with a length limit, so a
file without line breaks cannot fill memory.
"""
from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from typing import IO, Any, Iterator, Optional, Sequence, Union

from ..sources import SourceError, open_input
from .aggregate import VERDICTS

MAX_LINE = 16 << 20       # bytes; a longer line is skipped
SHOWN_PROBLEMS = 10       # per file; the rest are counted in one line


@dataclass(frozen=True)
class Problem:
    path: str
    line: int       # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


Record = dict[str, Any]


def expand(paths: Sequence[str]) -> Iterator[str]:
    """Files as given; a folder (Spark's output) gives its files, sorted, without the
    ``_SUCCESS`` markers, ``.crc`` checksums and hidden files beside the parts."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if name[:1] not in "._" and not name.endswith(".crc") and os.path.isfile(full):
                    yield full
        else:
            yield path


def records(paths: Sequence[str], stdin: Optional[IO[bytes]] = None) -> Iterator[Union[Record, Problem]]:
    """Every result of every file, in order, with a :class:`Problem` for what cannot be read."""
    for path in expand(paths):
        display = "标准输入" if path == "-" else path
        try:
            if path == "-":
                if stdin is None:
                    raise SourceError("标准输入已关闭，无法读取")
                yield from _read(stdin, display)
            else:
                with open_input(path) as raw:
                    if path.endswith(".gz"):
                        with gzip.open(raw) as unpacked:
                            yield from _read(unpacked, display)  # type: ignore[arg-type]
                    else:
                        yield from _read(raw, display)
        except SourceError as exc:
            yield Problem(display, 0, str(exc))
        except (OSError, EOFError) as exc:   # gzip.BadGzipFile is an OSError
            yield Problem(display, 0, f"无法读取：{getattr(exc, 'strerror', None) or exc}")


def _read(raw: IO[bytes], path: str) -> Iterator[Union[Record, Problem]]:
    bad = 0
    for lineno, line in _lines(raw):
        if line is None:
            outcome: Union[Record, str, None] = f"这一行超过 {MAX_LINE >> 20} MiB，已跳过"
        else:
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            outcome = parse_line(line, lineno, path)
        if outcome is None:
            continue
        if isinstance(outcome, str):
            bad += 1
            if bad <= SHOWN_PROBLEMS:
                yield Problem(path, lineno, outcome)
            if lineno == 1 and line is not None and line.lstrip().startswith(b"["):
                return   # a whole JSON array: every other line would fail the same way
            continue
        yield outcome
    if bad > SHOWN_PROBLEMS:
        yield Problem(path, 0, f"另有 {bad - SHOWN_PROBLEMS} 行无法读取，已跳过")


def _lines(raw: IO[bytes]) -> Iterator[tuple[int, Optional[bytes]]]:
    """Numbered lines; None for one longer than MAX_LINE (skipped, not kept)."""
    lineno = 0
    while True:
        line = raw.readline(MAX_LINE)
        if not line:
            return
        lineno += 1
        if len(line) >= MAX_LINE and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):   # skip the rest of the line
                line = raw.readline(MAX_LINE)
            yield lineno, None
            continue
        yield lineno, line


def parse_line(line: bytes, lineno: int, path: str) -> Union[Record, str, None]:
    """The cleaned record on a line, an error message, or None for a blank line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return "不是有效的 UTF-8 编码，已跳过"
    except ValueError as exc:
        obj = exc
    if lineno == 1 and line.lstrip().startswith(b"["):
        return "这是一个 JSON 数组（--format json 的输出）；请改用 --format json-lines 保存结果"
    if isinstance(obj, ValueError):
        return f"不是 JSON：{obj}"
    return clean(obj, path, lineno)


def clean(obj: Any, path: str, lineno: int) -> Union[Record, str]:
    """A result object with its fields checked, or why it is not one.

    ``kind`` may be left out (a ``Result.to_dict()`` from the library or a service): an
    object with a verdict and a score is a reason. Without a ``path`` the reason is
    placed at this line of the saved file.
    """
    if not isinstance(obj, dict):
        return "不是 JSON 对象，已跳过"
    version = obj.get("schema_version", 1)
    if version != 1:
        return f"不支持的 schema_version：{version!r}（本版本读取 1），已跳过"
    kind = obj.get("kind", "reason")
    if kind not in ("reason", "suppression"):
        return f"未知的 kind：{kind!r}，已跳过"
    findings = [_finding(f) for f in obj.get("findings") or () if isinstance(f, dict) and "code" in f]
    where = _where(obj, path, lineno)
    if kind == "suppression":
        return {"kind": "suppression", **where, "findings": findings}
    verdict, score = obj.get("verdict"), obj.get("score")
    if verdict not in VERDICTS:
        return f"verdict 应为 accept、revise 或 reject，得到 {verdict!r}，已跳过"
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 100:
        return f"score 应为 0 到 100 的数，得到 {score!r}，已跳过"
    text = obj.get("text")
    return {"kind": "reason", **where, "text": "" if text is None else str(text),
            "score": int(round(score)), "verdict": verdict, "findings": findings,
            "suggestion": str(obj.get("suggestion") or ""),
            "resolution": str(obj.get("resolution") or "none"),
            "channel": str(obj.get("channel") or "unknown"),
            "suppressed": _int(obj.get("suppressed"))}


def _where(obj: dict[str, Any], path: str, lineno: int) -> Record:
    if isinstance(obj.get("path"), str):
        key = obj.get("key")
        return {"path": obj["path"], "line": _int(obj.get("line")), "column": _int(obj.get("column")),
                "key": key if isinstance(key, str) else None}
    return {"path": path, "line": lineno, "column": 1, "key": None}


def _finding(f: dict[str, Any]) -> Record:
    return {"code": str(f["code"]), "name": str(f.get("name") or ""),
            "severity": f.get("severity") if f.get("severity") in ("error", "warning", "info") else "warning",
            "message": str(f.get("message") or ""),
            "start": _int(f.get("start")), "end": _int(f.get("end"))}


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
