"""The rule catalogue: one ordered table of :class:`Rule` objects, and the code that runs them.

Every rule lives in one object with its code, name, severity, summary, why, examples,
message templates and check (see :mod:`reasonlint.rules.base`). ``reasonlint rules``,
``reasonlint rule CODE``, SARIF's rule list and docs/rules.md are all made from
:data:`RULES`; importing this package loads no lexicon and no segmenter.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from . import channels, content, form, resolution, suppression
from .base import Check, Example, Hit, Reading, Rule

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Finding

__all__ = ["RULES", "Rule", "Example", "Hit", "Reading", "Check", "get_rule", "resolve_codes", "plan", "run"]

RULES: tuple[Rule, ...] = (
    *suppression.RULES, *form.RULES, *content.RULES, *resolution.RULES, *channels.RULES,
)
REASON_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "reason")
_BY_KEY = {**{r.code: r for r in RULES}, **{r.name: r for r in RULES}}


def get_rule(key: str) -> Rule:
    """Look a rule up by code (``RL203``, any case) or name (``missing-date``).

    Raises :class:`~reasonlint.errors.UnknownRuleError` (a ValueError, and a KeyError).
    """
    from ..errors import UnknownRuleError

    k = str(key).strip()
    rule = _BY_KEY.get(k) or _BY_KEY.get(k.upper()) or _BY_KEY.get(k.lower())
    if rule is None:
        raise UnknownRuleError(f"未知规则：{key}（可用 `reasonlint rules` 查看全部规则）")
    return rule


def resolve_codes(keys: object) -> frozenset[str]:
    """Turn codes, names or code prefixes (``RL2``, ``ALL``) into a set of codes.

    ``keys`` is an iterable of them, or one string (which may list several,
    comma-separated). Blank entries are skipped; an unknown one raises
    :class:`~reasonlint.errors.UnknownRuleError`.
    """
    from ..errors import UnknownRuleError

    if isinstance(keys, str):
        keys = [keys]
    try:
        items = list(keys)  # type: ignore[call-overload]
    except TypeError:
        raise UnknownRuleError(f"规则应为代码或名称的列表，得到 {keys!r}") from None
    out: set[str] = set()
    for key in items:
        if not isinstance(key, str):
            raise UnknownRuleError(f"规则应为代码或名称（字符串），得到 {key!r}")
        for part in key.split(","):
            k = part.strip()
            if not k:
                continue
            if k.upper() == "ALL":
                out.update(r.code for r in RULES)
                continue
            if k.upper().startswith("RL"):
                matched = [r.code for r in RULES if r.code.startswith(k.upper())]
                if matched:
                    out.update(matched)
                    continue
            out.add(get_rule(k).code)
    return frozenset(out)


Plan = tuple[tuple[Rule, str], ...]


def plan(config: "Config") -> Plan:
    """The enabled reason rules of ``config`` in catalogue order, with their severity."""
    return tuple((r, config.severity.get(r.code, r.severity)) for r in REASON_RULES if config.enabled(r.code))


def run(reading: Reading, rules: Plan) -> list["Finding"]:
    """Findings of every planned rule, at original positions, rule by rule."""
    from ..model import Finding

    text = reading.text
    findings: list[Finding] = []
    for rule, severity in rules:
        hits = rule.check(reading)
        if hits:  # most checks pass: skip the empty loop
            for h in hits:
                s, e = text.span(h.start, h.end)
                findings.append(Finding(rule.code, rule.name, severity,  # type: ignore[arg-type]
                                        rule.message(h.message, h.values), s, e))
    return findings


def by_code(code: str) -> Optional[Rule]:
    return _BY_KEY.get(code)
