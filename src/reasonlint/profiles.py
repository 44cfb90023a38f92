"""Platform profiles: the field a reason is finally typed into, and that field's rules.

A profile is a commented data file, ``lexicons/profiles/NAME.txt``, in the lexicon
format (see lexicons/README.txt)::

    [profile]
    title => 支付宝投诉反馈
    field => feedback_content
    channel => payment
    max => 200          # the source of the number
    count => codepoints
    code_field => feedback_code
    [codes]
    refunded => 02      # our resolution => the platform's code
    [code_names]
    02 => 通过其他方式退款
    [require]
    evidence => 支付宝要求上传协商凭证   # content the field must name, and why

A user adds or overrides profiles in ``profiles/`` inside a lexicon folder of the
configuration; a file with a built-in profile's name replaces it. Errors read
``path:line: message`` (:class:`~reasonlint.errors.LexiconError`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping, Optional

from .errors import LexiconError
from .lexicon import Lexicon, _read_user_file, packaged, parse
from .model import CHANNELS, RESOLUTIONS

# How a field's length is counted. The platforms' documents say 字 or string(n) and
# nothing of emoji: code points is what a Python, PHP mb_strlen or Go rune count gives;
# utf16 (an emoji beyond the BMP counts 2) is what a Java or JavaScript length gives.
COUNTS = ("codepoints", "utf16")
COUNT_ZH = {"codepoints": "按码位计（表情符号每个码位计1）", "utf16": "按 UTF-16 计（BMP 之外的表情符号计2）"}
KEYS = ("title", "field", "channel", "min", "max", "count", "code_field", "note")
SECTIONS = {"profile": "map", "codes": "map", "code_names": "map", "require": "map"}
# What a profile may require a reason to name (RL106 platform-requires checks them).
REQUIRABLE = ("order_id", "date", "amount", "evidence", "consent", "written")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    field: str
    channel: Optional[str] = None          # the channel it implies, or None
    min: Optional[int] = None
    max: Optional[int] = None
    count: str = "codepoints"
    code_field: str = ""
    codes: Mapping[str, str] = dataclasses.field(default_factory=dict)        # resolution -> code
    code_names: Mapping[str, str] = dataclasses.field(default_factory=dict)   # code -> its name
    note: str = ""
    path: str = ""
    require: Mapping[str, str] = dataclasses.field(default_factory=dict)     # content -> why

    def length(self, text: str) -> int:
        return count_length(text, self.count)

    def code(self, resolution: str) -> str:
        return self.codes.get(resolution, "")

    def limits(self) -> str:
        """The limits in words: 5..200 字, ≤200 字, or 不限."""
        if self.min is None and self.max is None:
            return "不限"
        if self.min is None:
            return f"≤{self.max}字"
        if self.max is None:
            return f"≥{self.min}字"
        return f"{self.min}..{self.max}字"


def count_length(text: str, how: str = "codepoints") -> int:
    if how == "utf16":
        return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)
    return len(text)


def _value_line(lex: Lexicon, key: str) -> int:
    return next((e.line for e in lex.sections.get("profile", ()) if e.text == key), 0)


def _build(name: str, path: str, lex: Lexicon) -> Profile:
    items = lex.mapping("profile")

    def fail(key: str, message: str) -> LexiconError:
        return LexiconError(f"{path}:{_value_line(lex, key)}: {message}")

    for entry in lex.entries("profile"):
        if entry.text not in KEYS:
            raise LexiconError(f"{path}:{entry.line}: 未知的键 {entry.text!r}；可用：{', '.join(KEYS)}")
    for key in ("title", "field"):
        if key not in items:
            raise LexiconError(f"{path}:0: [profile] 缺少 {key}")
    bounds: dict[str, Optional[int]] = {"min": None, "max": None}
    for key in bounds:
        if key in items:
            value = items[key]
            if not value.isascii() or not value.isdigit() or int(value) < 1:
                raise fail(key, f"{key} 应为正整数，得到 {value!r}")
            bounds[key] = int(value)
    lo, hi = bounds["min"], bounds["max"]
    if lo is not None and hi is not None and lo > hi:
        raise fail("min", f"min（{lo}）大于 max（{hi}）")
    channel = items.get("channel")
    if channel is not None and channel not in CHANNELS:
        raise fail("channel", f"channel 应为 {' / '.join(CHANNELS)} 之一，得到 {channel!r}")
    how = items.get("count", "codepoints")
    if how not in COUNTS:
        raise fail("count", f"count 应为 {' 或 '.join(COUNTS)}，得到 {how!r}")
    for entry in lex.entries("codes"):
        if entry.text not in RESOLUTIONS:
            raise LexiconError(f"{path}:{entry.line}: 未知的解决结果 {entry.text!r}；可用：{', '.join(RESOLUTIONS)}")
    for entry in lex.entries("require"):
        if entry.text not in REQUIRABLE:
            raise LexiconError(f"{path}:{entry.line}: 未知的必填内容 {entry.text!r}；可用：{', '.join(REQUIRABLE)}")
    codes = lex.mapping("codes")
    if codes and "code_field" not in items:
        raise LexiconError(f"{path}:0: 有 [codes] 时 [profile] 需要 code_field（代码填在哪个字段）")
    return Profile(name, items["title"], items["field"], None if channel == "unknown" else channel, lo, hi,
                   how, items.get("code_field", ""), codes, lex.mapping("code_names"), items.get("note", ""), path,
                   lex.mapping("require"))


def parse_profile(name: str, path: str, text: str, builtin: bool = False) -> Profile:
    lex = Lexicon(f"profiles/{name}")
    parse(text, path, lex, builtin=builtin, schema=None if builtin else SECTIONS)
    return _build(name, path, lex)


def _builtin() -> Iterator[tuple[str, str, str]]:
    root = packaged("reasonlint.lexicons") / "profiles"
    for res in sorted(root.iterdir(), key=lambda r: r.name):
        if res.name.endswith(".txt"):
            yield res.name[:-4], f"lexicons/profiles/{res.name}", res.read_text(encoding="utf-8")


def _user(folder: Path) -> Iterator[tuple[str, str, str]]:
    for path in sorted((folder / "profiles").glob("*.txt")):
        name = path.stem
        if not name or not set(name) <= _NAME_CHARS:
            raise LexiconError(f"{path}:0: 平台名只能用小写字母、数字、- 和 _，得到 {name!r}")
        yield name, str(path), _read_user_file(path)


@lru_cache(maxsize=8)
def load(extra: tuple[Path, ...] = ()) -> Mapping[str, Profile]:
    """Every profile by name: the built-in ones, then each lexicon folder's ``profiles/``."""
    out: dict[str, Profile] = {}
    for name, path, text in _builtin():
        out[name] = parse_profile(name, path, text, builtin=True)
    for folder in extra:
        for name, path, text in _user(Path(folder)):
            out[name] = parse_profile(name, path, text)
    return dict(sorted(out.items()))


def unknown(name: str, known: Mapping[str, Profile]) -> str:
    """The message for a platform name no profile has."""
    return f"未知平台 {name!r}；可用：{', '.join(known)}（`reasonlint profiles` 列出全部）"


def get(name: str, extra: tuple[Path, ...] = ()) -> Profile:
    """The profile called ``name``; raises ValueError naming the ones there are."""
    known = load(extra)
    if name not in known:
        raise ValueError(unknown(name, known))
    return known[name]
