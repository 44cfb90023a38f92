"""The fields a check request may carry, as one table.

The parser and the OpenAPI schema are both made from :data:`CHECK_FIELDS`, so a new
field (a platform profile, say) is one row here and one attribute of
:class:`CheckRequest`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..model import CHANNELS, MODES
from .errors import TOO_LARGE, ApiError, invalid

CHANNEL_ARGS = tuple(c for c in CHANNELS if c != "unknown")


@dataclass(frozen=True)
class Limits:
    max_text_length: int
    max_batch: int
    platforms: tuple[str, ...] = ()   # the profiles a request may name (reasonlint profiles)


@dataclass(frozen=True)
class CheckRequest:
    text: str
    mode: Optional[str] = None        # None: the configuration's mode, else "reason"
    complaint: Optional[str] = None
    channel: Optional[str] = None
    platform: Optional[str] = None    # None: the configuration's profile, if any


Parser = Callable[[str, Any, Limits], Any]


def _text(name: str, value: Any, limits: Limits) -> str:
    if not isinstance(value, str):
        raise invalid(name, f"应为字符串，得到 {_type_name(value)}")
    if len(value) > limits.max_text_length:
        raise ApiError(413, TOO_LARGE, f"{name}：长度 {len(value)} 超过上限 {limits.max_text_length} 个字符",
                       field=name, limit=limits.max_text_length)
    return value


def _optional_text(name: str, value: Any, limits: Limits) -> Optional[str]:
    return None if value is None else _text(name, value, limits)


def _choice(choices: "tuple[str, ...] | Callable[[Limits], tuple[str, ...]]") -> Parser:
    def parse(name: str, value: Any, limits: Limits) -> Optional[str]:
        allowed = choices(limits) if callable(choices) else choices
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            raise invalid(name, f"应为 {'、'.join(allowed)} 之一或 null，得到 {_show(value)}")
        return value
    return parse


def _platforms(limits: Limits) -> tuple[str, ...]:
    return limits.platforms


@dataclass(frozen=True)
class Field:
    name: str
    parse: Parser
    schema: Callable[[Limits], dict[str, Any]]
    required: bool = False


CHECK_FIELDS: tuple[Field, ...] = (
    Field("text", _text, lambda lim: {"type": "string", "maxLength": lim.max_text_length,
                                      "description": "要检查的理由"}, required=True),
    Field("mode", _choice(MODES), lambda lim: {"enum": [*MODES, None],
                                               "description": "reason（默认）或 template"}),
    Field("complaint", _optional_text, lambda lim: {"type": ["string", "null"],
                                                    "maxLength": lim.max_text_length,
                                                    "description": "原投诉事由"}),
    Field("channel", _choice(CHANNEL_ARGS), lambda lim: {"enum": [*CHANNEL_ARGS, None],
                                                         "description": "投诉渠道；null 时从文字推断"}),
    Field("platform", _choice(_platforms), lambda lim: {"enum": [*lim.platforms, None],
                                                        "description": "平台配置（reasonlint profiles）；"
                                                                       "null 时用配置文件里的 platform"}),
)


def parse_check(obj: Any, limits: Limits, where: str = "") -> CheckRequest:
    if not isinstance(obj, dict):
        raise invalid(where.rstrip(".") or "body", f"应为 JSON 对象，得到 {_type_name(obj)}")
    known = {f.name for f in CHECK_FIELDS}
    for key in obj:
        if key not in known:
            raise invalid(f"{where}{key}", f"未知字段；可用：{'、'.join(f.name for f in CHECK_FIELDS)}")
    values: dict[str, Any] = {}
    for f in CHECK_FIELDS:
        if f.name not in obj:
            if f.required:
                raise invalid(f"{where}{f.name}", "缺少必填字段")
            continue
        values[f.name] = f.parse(f"{where}{f.name}", obj[f.name], limits)
    return CheckRequest(**values)


def parse_batch(obj: Any, limits: Limits) -> list[CheckRequest]:
    if not isinstance(obj, dict):
        raise invalid("body", f"应为 JSON 对象 {{\"items\": [...]}}，得到 {_type_name(obj)}")
    for key in obj:
        if key != "items":
            raise invalid(key, "未知字段；可用：items")
    items = obj.get("items")
    if not isinstance(items, list):
        raise invalid("items", f"应为数组，得到 {_type_name(items) if 'items' in obj else '缺少'}")
    if len(items) > limits.max_batch:
        raise ApiError(413, TOO_LARGE, f"items：{len(items)} 条超过上限 {limits.max_batch} 条",
                       field="items", limit=limits.max_batch)
    return [parse_check(item, limits, f"items[{i}].") for i, item in enumerate(items)]


def request_schema(limits: Limits) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "required": [f.name for f in CHECK_FIELDS if f.required],
            "properties": {f.name: f.schema(limits) for f in CHECK_FIELDS}}


def _type_name(value: Any) -> str:
    return {type(None): "null", bool: "布尔值", int: "数字", float: "数字", str: "字符串",
            list: "数组", dict: "对象"}.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    return repr(value)[:40] if isinstance(value, str) else _type_name(value)
