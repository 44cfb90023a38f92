"""Find and read ``[tool.reasonlint]`` / ``reasonlint.toml`` into :class:`Settings`.

The nearest file wins, searched upward from the working folder: in each folder
``.reasonlint.toml``, then ``reasonlint.toml``, then a ``pyproject.toml`` that has a
``[tool.reasonlint]`` table. Errors name the file and the key.
"""
from __future__ import annotations

import codecs
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, Mapping, Optional

from .config import Config
from .errors import ConfigError, UnknownRuleError
from .model import MODES, SEVERITY_RANK
from .rules import resolve_codes

CONFIG_NAMES = (".reasonlint.toml", "reasonlint.toml", "pyproject.toml")
KEYS = ("select", "ignore", "extend-select", "fail-on", "min-score", "mode", "template-files",
        "per-file-ignores", "weights", "lexicons", "max-length")


@dataclass(frozen=True)
class Settings:
    """A :class:`Config` for the linter plus what only the command line uses."""

    config: Config = field(default_factory=Config)
    path: Optional[Path] = None                 # the file it came from
    root: Path = field(default_factory=Path.cwd)  # relative globs start here
    fail_on: str = "error"
    min_score: int = 0
    mode: Optional[str] = None
    template_files: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    forced_mode: Optional[str] = None           # --mode beats template-files

    @property
    def report_unused(self) -> bool:
        """RL001 (unused suppression comments) is selected and not ignored."""
        return self.config.enabled("RL001")

    def _matches(self, pattern: str, path: str) -> bool:
        p = Path(path)
        try:
            rel = p.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            rel = PurePath(path).as_posix()
        if "/" not in pattern.rstrip("/"):
            # Like .gitignore: a bare pattern matches the file name anywhere.
            return fnmatch.fnmatchcase(p.name, pattern) or fnmatch.fnmatchcase(rel, pattern)
        return fnmatch.fnmatchcase(rel, pattern.lstrip("./") if pattern.startswith("./") else pattern)

    def mode_for(self, path: str) -> str:
        if self.forced_mode:
            return self.forced_mode
        if any(self._matches(pat, path) for pat in self.template_files):
            return "template"
        return self.mode or "reason"

    def ignored_for(self, path: str) -> frozenset[str]:
        out: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if self._matches(pattern, path):
                out |= codes
        return frozenset(out)

    def describe(self) -> dict[str, Any]:
        """The resolved settings, for ``check --show-config``."""
        c = self.config
        return {
            "config-file": str(self.path) if self.path else None,
            "select": sorted(c.select),
            "ignore": sorted(c.ignore),
            "fail-on": self.fail_on,
            "min-score": self.min_score,
            "mode": self.mode or "reason",
            "template-files": list(self.template_files),
            "per-file-ignores": {p: sorted(codes) for p, codes in self.per_file_ignores},
            "weights": dict(c.weights),
            "lexicons": [str(p) for p in c.extra_lexicons],
            "max-length": c.max_length,
            "unused-suppression": self.report_unused,
        }


def _at(path: Path, key: str) -> str:
    """``path:line`` of the line that sets ``key`` (line 1 if it can't be found)."""
    try:
        # TOML counts lines at LF only (splitlines() would also split at U+2028 in a string).
        lines = Path(path).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return f"{path}:1"
    setting = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    in_table = not str(path).endswith("pyproject.toml")
    headers = (f"[{key}]", f"[tool.reasonlint.{key}]")
    for n, line in enumerate(lines, 1):
        if line.strip().startswith("["):
            if line.strip() in headers or line.strip().startswith(f"[{key}."):
                return f"{path}:{n}"
            in_table = line.strip().startswith(("[tool.reasonlint]", "[tool.reasonlint."))
        elif in_table and setting.match(line):
            return f"{path}:{n}"
    return f"{path}:1"


# A configuration file is a few hundred bytes; this bounds what a stray file costs.
MAX_CONFIG_BYTES = 1 << 20


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}:1: 无法读取：{exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}:1: 配置文件超过 {MAX_CONFIG_BYTES >> 20} MiB")
    return data


def _load_toml(path: Path, data: Optional[bytes] = None) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    if data is None:
        data = _read_bytes(path)
    # Windows editors save UTF-8 with a BOM, which TOML does not allow; it is not a mistake
    # worth stopping for.
    data = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path}:{line}: 配置文件必须是 UTF-8 编码") from None
    try:
        return tomllib.loads(text)
    except RecursionError:
        # The parser recurses once per level of nested arrays or inline tables.
        raise ConfigError(f"{path}:1: TOML 语法错误：数组或表嵌套过深") from None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        raise ConfigError(f"{path}:{at.group(1) if at else 1}: TOML 语法错误：{exc}") from None


def table_of(path: Path) -> Optional[dict[str, Any]]:
    """The reasonlint table of a config file, or None when a pyproject.toml has none.

    A pyproject.toml that does not mention reasonlint is not parsed: another
    project's file (in a parent folder) cannot stop the run.
    """
    raw = _read_bytes(path)
    if path.name == "pyproject.toml" and b"reasonlint" not in raw:
        return None
    data = _load_toml(path, raw)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("reasonlint") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            line = next((n for n, text in enumerate(path.read_text("utf-8", "replace").split("\n"), 1)
                         if re.match(r"\s*(tool\s*\.\s*)?reasonlint\s*=", text)), 1)
            raise ConfigError(f"{path}:{line}: tool.reasonlint: 应为表（[tool.reasonlint]）")
        return table
    return data


def discover(start: Path) -> Optional[tuple[Path, dict[str, Any]]]:
    """The nearest config file at or above ``start`` and its reasonlint table."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            try:
                found = candidate.is_file()
            except (OSError, ValueError):
                found = False
            if found:
                table = table_of(candidate)
                if table is not None:
                    return candidate, table
    return None


def _codes(path: Path, key: str, value: Any) -> list[str]:
    """Validated rule keys."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_at(path, key.split('.')[0])}: {key}: 应为规则代码或名称的列表，得到 {value!r}")
    return split_codes(value, f"{_at(path, key.split('.')[0])}: {key}")


def split_codes(values: Any, where: str) -> list[str]:
    """The rule keys of a list of values (each may hold several, comma-separated).

    A value that holds no key at all (``""``, ``","``) is an error: it would select
    nothing without a word.
    """
    keys: list[str] = []
    for v in values:
        parts = [part.strip() for part in str(v).split(",")]
        if not any(parts):
            raise ConfigError(f"{where}: 空的规则代码 {v!r}；请写规则代码、名称或前缀（如 RL2）")
        keys.extend(part for part in parts if part)
    try:
        resolve_codes(keys)
    except UnknownRuleError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return keys


def _str_list(path: Path, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_at(path, key)}: {key}: 应为字符串列表，得到 {value!r}")
    return value


def _int(path: Path, key: str, value: Any, lo: int, hi: Optional[int] = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < lo or (hi is not None and value > hi):
        span = f"{lo}..{hi}" if hi is not None else f">= {lo}"
        raise ConfigError(f"{_at(path, key)}: {key}: 应为整数（{span}），得到 {value!r}")
    return value


@dataclass
class Raw:
    """Values read from a file, before the command line is merged in."""

    select: Optional[list[str]] = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    fail_on: Optional[str] = None
    min_score: Optional[int] = None
    mode: Optional[str] = None
    template_files: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    weights: dict[str, int] = field(default_factory=dict)
    lexicons: list[Path] = field(default_factory=list)
    max_length: Optional[int] = None


def parse_table(path: Path, table: Mapping[str, Any]) -> Raw:
    raw = Raw()
    for key, value in table.items():
        if key not in KEYS:
            hint = ""
            if key == "tool" and path.name != "pyproject.toml":
                hint = f"（{path.name} 的配置项写在顶层，不需要 [tool.reasonlint]）"
            raise ConfigError(f"{_at(path, key)}: {key}: 未知的配置项{hint}；可用：{', '.join(KEYS)}")
        if key == "select":
            raw.select = _codes(path, key, value)
        elif key == "ignore":
            raw.ignore = _codes(path, key, value)
        elif key == "extend-select":
            raw.extend_select = _codes(path, key, value)
        elif key == "fail-on":
            # isinstance first: a list or table is unhashable, and `in` a dict would raise.
            if not isinstance(value, str) or value not in SEVERITY_RANK:
                raise ConfigError(f"{_at(path, key)}: {key}: 应为 error、warning 或 info，得到 {value!r}")
            raw.fail_on = value
        elif key == "min-score":
            raw.min_score = _int(path, key, value, 0, 100)
        elif key == "mode":
            if not isinstance(value, str) or value not in MODES:
                raise ConfigError(f"{_at(path, key)}: {key}: 应为 {' 或 '.join(MODES)}，得到 {value!r}")
            raw.mode = value
        elif key == "template-files":
            raw.template_files = _str_list(path, key, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{_at(path, key)}: {key}: 应为表：文件模式 = [规则, ...]")
            for pattern, codes in value.items():
                keys = _codes(path, f"{key}.{pattern}", codes)
                raw.per_file_ignores.append((pattern, resolve_codes(keys)))
        elif key == "weights":
            if not isinstance(value, dict):
                raise ConfigError(f"{_at(path, key)}: {key}: 应为表：名称 = 分值")
            raw.weights = dict(value)
        elif key == "lexicons":
            folders = _str_list(path, key, value)
            for name in folders:
                try:
                    folder = (path.parent / name).resolve()
                    exists = folder.is_dir()
                except (OSError, ValueError) as exc:   # a NUL in the name, a symlink loop
                    raise ConfigError(f"{_at(path, key)}: {key}: 无法使用词库目录 {name!r}："
                                      f"{getattr(exc, 'strerror', None) or exc}") from None
                if not exists:
                    raise ConfigError(f"{_at(path, key)}: {key}: 词库目录不存在：{folder}")
                raw.lexicons.append(folder)
        elif key == "max-length":
            raw.max_length = _int(path, key, value, 1)
    return raw


@dataclass(frozen=True)
class Overrides:
    """Command-line values; None (or empty) means "not given"."""

    select: Optional[list[str]] = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Optional[str] = None
    min_score: Optional[int] = None
    mode: Optional[str] = None


def resolve(*, cwd: Optional[Path] = None, config_file: Optional[Path] = None,
            no_config: bool = False, overrides: Overrides = Overrides()) -> Settings:
    """Settings from the nearest (or given) config file and the command line."""
    cwd = cwd or Path.cwd()
    source: Optional[Path] = None
    raw = Raw()
    if config_file is not None:
        try:
            exists = config_file.is_file()
        except (OSError, ValueError):
            exists = False
        if not exists:
            raise ConfigError(f"{config_file}: 配置文件不存在")
        table = table_of(config_file)
        if table is None:
            raise ConfigError(f"{config_file}: 没有 [tool.reasonlint] 表")
        source, raw = config_file, parse_table(config_file, table)
    elif not no_config:
        found = discover(cwd)
        if found is not None:
            source, raw = found[0], parse_table(*found)

    where = "命令行"
    select = raw.select
    if overrides.select is not None:
        select = split_codes(overrides.select, f"{where}: --select")
    cli_ignore = split_codes(overrides.ignore, f"{where}: --ignore")
    cli_extend = split_codes(overrides.extend_select, f"{where}: --extend-select")
    try:
        config = Config.make(
            select=select,
            ignore=[*raw.ignore, *cli_ignore],
            extend_select=[*raw.extend_select, *cli_extend],
            weights=raw.weights,
            extra_lexicons=tuple(raw.lexicons),
            **({"max_length": raw.max_length} if raw.max_length is not None else {}),
        )
    except ValueError as exc:
        key = "weights" if "权重" in str(exc) else "max-length" if "max-length" in str(exc) else "配置"
        raise ConfigError(f"{_at(source, key) if source else where}: {key}: {exc}") from None
    return Settings(
        config=config,
        path=source,
        root=source.parent if source else cwd,
        fail_on=overrides.fail_on or raw.fail_on or "error",
        min_score=overrides.min_score if overrides.min_score is not None else (raw.min_score or 0),
        mode=overrides.mode or raw.mode,
        template_files=tuple(raw.template_files),
        per_file_ignores=tuple(raw.per_file_ignores),
        forced_mode=overrides.mode,
    )


def relpath(path: str) -> str:
    """A path as shown to users: relative to the working folder when inside it."""
    if path == "-" or not os.path.isabs(path):
        return path
    try:
        return os.path.relpath(path)
    except ValueError:
        return path
