"""``/v2/check`` and ``/v2/languages`` as LanguageTool's HTTP API has them.

Editors and browser extensions that let one set a LanguageTool server URL send form
fields (``text`` or ``data``, ``language``) and read ``matches[]``. Their offsets and
lengths are Java string indices, UTF-16 code units: a character outside the BMP (an
emoji) counts two, so it shifts every later offset by one more than in Python.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any, Optional
from urllib.parse import parse_qsl

from .. import __version__
from ..rules import Rule
from .errors import BAD_REQUEST, TOO_LARGE, ApiError, invalid
from .v1 import find_rule

LANGUAGES = [{"name": "Chinese", "code": "zh", "longCode": "zh-CN"}]
LANGUAGE_CODES = ("zh", "zh-cn", "auto")     # any case
MAX_FORM_FIELDS = 100

# LanguageTool groups rules into categories and gives each an ITS issue type, which
# clients colour by. Ours follow the code's family: RL1xx, RL2xx, ...
CATEGORIES: dict[str, tuple[str, str, str]] = {
    "0": ("SUPPRESSION", "抑制注释", "uncategorized"),
    "1": ("WORDING", "写法", "style"),
    "2": ("MISSING", "缺少要素", "omission"),
    "3": ("CONTENT", "内容不符", "inconsistency"),
    "4": ("CHANNEL", "渠道要求", "non-conformance"),
}
OTHER = ("OTHER", "其他", "uncategorized")
CONTEXT_CHARS = 40
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_TEXT_LEVEL_MODES = ("all", "textLevelOnly", "allButTextLevelOnly")


def category_of(code: str) -> tuple[str, str, str]:
    return CATEGORIES.get(code[2:3], OTHER) if code.startswith("RL") else OTHER


class Utf16:
    """Python string indices (code points) to UTF-16 code units, for one text."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index)


@dataclass
class Annotated:
    """The text checked and how its indices map back to what the client sent.

    With ``data={"annotation": [...]}`` the client sends text and markup; only the
    text (and markup's ``interpretAs``) is checked, but offsets count the whole input,
    markup included, as LanguageTool's do.
    """

    plain: str
    original: str
    # (plain start, plain length, original start, original length) per piece
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)

    def to_original(self, index: int, end: bool = False) -> int:
        if not self.pieces:
            return index
        for p_start, p_len, o_start, o_len in self.pieces:
            if p_start <= index < p_start + p_len or (end and index == p_start + p_len and p_len):
                if p_len == o_len:
                    return o_start + (index - p_start)
                return o_start + o_len if end else o_start
        return len(self.original)


@dataclass(frozen=True)
class LtRequest:
    text: Annotated
    language: str
    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False
    level: str = "all"     # LanguageTool's `mode`: all, textLevelOnly, allButTextLevelOnly


def parse_form(body: bytes, content_type: str, query: str) -> dict[str, str]:
    media = content_type.split(";", 1)[0].strip().lower()
    if media and media != "application/x-www-form-urlencoded":
        raise ApiError(400, BAD_REQUEST, f"请求体应为 application/x-www-form-urlencoded 表单，得到 {media}")
    form: dict[str, str] = {}
    try:
        # Fields in the query string count too, as LanguageTool reads them; the body wins.
        for source in (body.decode("utf-8"), query):
            pairs = parse_qsl(source, keep_blank_values=True, encoding="utf-8", errors="strict",
                              max_num_fields=MAX_FORM_FIELDS)
            for key, value in pairs:
                form.setdefault(key, value)
    except UnicodeDecodeError:
        raise ApiError(400, BAD_REQUEST, "表单不是有效的 UTF-8 编码") from None
    except ValueError:
        raise ApiError(400, BAD_REQUEST, f"表单字段超过 {MAX_FORM_FIELDS} 个") from None
    return form


def _names(value: Optional[str]) -> frozenset[str]:
    return frozenset(v.strip() for v in (value or "").split(",") if v.strip())


def _annotated(data: str) -> Annotated:
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, RecursionError):
        raise ApiError(400, BAD_REQUEST, "data：不是有效的 JSON") from None
    if isinstance(obj, dict) and set(obj) == {"text"} and isinstance(obj["text"], str):
        return Annotated(obj["text"], obj["text"])
    items = obj.get("annotation") if isinstance(obj, dict) else None
    if not isinstance(items, list):
        raise invalid("data", '应为 {"text": ...} 或 {"annotation": [...]}')
    plain: list[str] = []
    original: list[str] = []
    pieces = []
    p_pos = o_pos = 0
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) == {"text"}:
            checked = shown = item["text"]
        elif isinstance(item, dict) and isinstance(item.get("markup"), str) and \
                set(item) <= {"markup", "interpretAs"} and isinstance(item.get("interpretAs", ""), str):
            shown, checked = item["markup"], item.get("interpretAs", "")
        else:
            raise invalid("data", f"annotation[{i}] 应为 {{\"text\": ...}} 或 {{\"markup\": ..., \"interpretAs\": ...}}")
        pieces.append((p_pos, len(checked), o_pos, len(shown)))
        plain.append(checked)
        original.append(shown)
        p_pos += len(checked)
        o_pos += len(shown)
    return Annotated("".join(plain), "".join(original), pieces)


def parse_request(form: dict[str, str], max_text_length: int) -> LtRequest:
    if ("text" in form) == ("data" in form):
        raise invalid("text", "text 和 data 必须给出且只给一个")
    text = Annotated(form["text"], form["text"]) if "text" in form else _annotated(form["data"])
    if len(text.plain) > max_text_length:
        name = "text" if "text" in form else "data"
        raise ApiError(413, TOO_LARGE, f"{name}：长度 {len(text.plain)} 超过上限 {max_text_length} 个字符",
                       field=name, limit=max_text_length)
    language = form.get("language")
    if language is None:
        raise invalid("language", "缺少必填字段（zh-CN 或 auto）")
    if language.lower() not in LANGUAGE_CODES:
        raise invalid("language", f"不支持的语言 {language[:20]!r}；可用：zh-CN、zh、auto")
    level = form.get("mode", "all")
    if level not in _TEXT_LEVEL_MODES:
        raise invalid("mode", f"应为 {'、'.join(_TEXT_LEVEL_MODES)} 之一")
    for name, allowed in (("enabledOnly", ("true", "false")), ("level", ("default", "picky"))):
        if name in form and form[name].lower() not in allowed:
            raise invalid(name, f"应为 {'、'.join(allowed)} 之一")
    return LtRequest(
        text=text, language=language, enabled_rules=_names(form.get("enabledRules")),
        disabled_rules=_names(form.get("disabledRules")),
        enabled_categories=_names(form.get("enabledCategories")),
        disabled_categories=_names(form.get("disabledCategories")),
        enabled_only=form.get("enabledOnly", "false").lower() == "true", level=level)


def _wanted(req: LtRequest, code: str, category: str, whole_text: bool) -> bool:
    # LanguageTool's browser extension asks twice: text-level rules for the whole text,
    # the others per paragraph. Findings about the whole text are the text-level ones
    # here, so the two answers never repeat a match.
    if req.level == "textLevelOnly" and not whole_text:
        return False
    if req.level == "allButTextLevelOnly" and whole_text:
        return False
    if code in req.disabled_rules or category in req.disabled_categories:
        return False
    if req.enabled_only:
        return code in req.enabled_rules or category in req.enabled_categories
    return True


def _sentence(text: str, start: int) -> str:
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            return text[begin:m.end()].strip()
        begin = m.end()
    return text[begin:].strip()


def matches(reason: dict[str, Any], req: LtRequest) -> list[dict[str, Any]]:
    """LanguageTool matches for one checked reason (a ``/v1/check`` object)."""
    plain = req.text.plain
    original = req.text.original
    u16 = Utf16(original)
    out = []
    for f in reason["findings"]:
        start, end = f["start"], f["end"]
        whole_text = start == 0 and end >= len(plain)
        cat_id, cat_name, issue_type = category_of(f["code"])
        if not _wanted(req, f["code"], cat_id, whole_text):
            continue
        o_start = req.text.to_original(start)
        o_end = max(o_start, req.text.to_original(end, end=True))
        ctx_start = max(0, o_start - CONTEXT_CHARS)
        ctx_text = original[ctx_start:o_end + CONTEXT_CHARS]
        ctx16 = Utf16(ctx_text)
        # A rewrite replaces the whole text, so it is offered only where the span is the text.
        replace = whole_text and reason["suggestion"] and reason["suggestion"] != plain
        rule: Optional[Rule] = find_rule(f["code"])
        out.append({
            "message": f["message"],
            "shortMessage": cat_name,
            "replacements": [{"value": reason["suggestion"]}] if replace else [],
            "offset": u16(o_start),
            "length": u16(o_end) - u16(o_start),
            "context": {"text": ctx_text, "offset": ctx16(o_start - ctx_start),
                        "length": ctx16(o_end - ctx_start) - ctx16(o_start - ctx_start)},
            "sentence": _sentence(plain, start),
            "type": {"typeName": "Other"},
            "rule": {"id": f["code"], "subId": f["name"],
                     "description": rule.summary if rule else f["name"],
                     "issueType": issue_type, "category": {"id": cat_id, "name": cat_name}},
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    return out


def response(reason: dict[str, Any], req: LtRequest) -> dict[str, Any]:
    language = {"name": "Chinese", "code": "zh-CN"}
    return {
        "software": {"name": "reasonlint", "version": __version__, "buildDate": None,
                     "apiVersion": 1, "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {**language, "detectedLanguage": {**language, "confidence": 1.0}},
        "matches": matches(reason, req),
    }
