"""What a :class:`~reasonlint.linter.Linter` is configured with (not how it is read from files)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from .model import SEVERITY_RANK
from .rules import resolve_codes

# Score points per slot; see README "Score and verdict".
DEFAULT_WEIGHTS: Mapping[str, int] = {
    "resolution": 35,      # a concrete, completed resolution
    "identifier": 30,      # order or complaint number
    "date": 15,            # an absolute date
    "relative_date": 5,    # only a relative date
    "evidence": 15,        # evidence named
    "detail": 5,           # supporting detail: amount, tracking number
    "cap_template": 20,    # ceiling for a template phrase with nothing else
    "cap_negated": 30,     # ceiling for a negated or merely promised resolution
    "cap_placeholder": 40, # ceiling for an unfilled placeholder in reason mode
    "accept": 80,          # score needed to accept (with no error finding)
    "reject": 50,          # below this a reason is rejected
}


@dataclass(frozen=True)
class Config:
    select: frozenset[str] = field(default_factory=lambda: resolve_codes("ALL"))
    ignore: frozenset[str] = frozenset()
    weights: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_length: int = 2000
    extra_lexicons: tuple[Path, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    platform: Optional[str] = None     # a profile name (lexicons/profiles/); None: no platform

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise ValueError(f"未知的权重项：{', '.join(sorted(unknown))}；可用：{', '.join(DEFAULT_WEIGHTS)}")
        for key, value in self.weights.items():
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
                raise ValueError(f"权重 {key} 必须是 0..100 的整数，得到 {value!r}")
        if self.platform is not None and (not isinstance(self.platform, str) or not self.platform):
            raise ValueError(f"platform 必须是平台名（字符串），得到 {self.platform!r}")
        if not isinstance(self.max_length, int) or self.max_length < 1:
            raise ValueError(f"max-length 必须是正整数，得到 {self.max_length!r}")
        for code, level in self.severity.items():
            if level not in SEVERITY_RANK:
                raise ValueError(f"规则 {code} 的级别必须是 error、warning 或 info，得到 {level!r}")
        severity = {next(iter(resolve_codes([code]))): level for code, level in self.severity.items()}
        object.__setattr__(self, "severity", severity)
        # Any iterable of paths (or one path) becomes the declared tuple: the compiled
        # build checks the type where the linter reads it.
        extra = self.extra_lexicons
        paths = (extra,) if isinstance(extra, (str, Path)) else tuple(extra)
        object.__setattr__(self, "extra_lexicons", tuple(Path(p) for p in paths))
        merged = {**DEFAULT_WEIGHTS, **self.weights}
        object.__setattr__(self, "weights", merged)
        object.__setattr__(self, "select", resolve_codes(self.select))
        object.__setattr__(self, "ignore", resolve_codes(self.ignore))

    def enabled(self, code: str) -> bool:
        return code in self.select and code not in self.ignore

    @classmethod
    def make(cls, *, select: Optional[object] = None, ignore: object = (),
             extend_select: object = (), **kwargs: object) -> "Config":
        """Build from codes, names or prefixes, the way command-line and file options come.

        Each of ``select``, ``ignore`` and ``extend_select`` is a list of them or one
        string (``"RL203"``, ``"RL203,missing-date"``). An unknown rule raises
        :class:`~reasonlint.errors.UnknownRuleError`, a ValueError.
        """
        base = set(resolve_codes(select)) if select is not None else set(resolve_codes("ALL"))
        base |= resolve_codes(extend_select)
        return cls(select=frozenset(base), ignore=resolve_codes(ignore), **kwargs)  # type: ignore[arg-type]

    @classmethod
    def from_file(cls, path: "str | Path") -> "Config":
        """The configuration of one file: ``pyproject.toml`` (its ``[tool.reasonlint]``
        table), ``reasonlint.toml`` or ``.reasonlint.toml``.

        Raises :class:`~reasonlint.errors.ConfigError` (a ValueError) naming the file,
        the line and the key of a bad value.
        """
        from .configfile import resolve

        return resolve(config_file=Path(path)).config

    @classmethod
    def discover(cls, start: "str | Path | None" = None) -> "Config":
        """The configuration the command line would use in ``start`` (default: the
        working folder): the nearest configuration file at or above it, else the
        defaults."""
        from .configfile import resolve

        return resolve(cwd=Path(start) if start is not None else None).config
