"""The OpenAPI 3.1 document of a running service, limits and security as configured.

Request schemas come from :mod:`.fields`; result schemas follow README "JSON output"
(fields may be added within a schema version, so objects stay open).
"""
from __future__ import annotations

from typing import Any

from .. import __version__
from ..model import CHANNELS, ENTITY_KINDS, MODES, RESOLUTIONS, SEVERITY_RANK
from .fields import Limits, request_schema

SEVERITIES = list(SEVERITY_RANK)
VERDICTS = ["accept", "revise", "reject"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _obj(required: list[str], properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties, **extra}


INT = {"type": "integer"}
STR = {"type": "string"}
NULLABLE_STR = {"type": ["string", "null"]}

ERRORS = {
    "400": "请求体不是有效的 JSON、表单或 UTF-8",
    "401": "缺少或错误的 Authorization: Bearer 令牌",
    "404": "没有这条规则或这个文件",
    "413": "请求体、理由长度或条数超过上限（error.limit）",
    "422": "字段类型或取值错误（error.field）",
    "503": "处理超时",
}


def _schemas(limits: Limits) -> dict[str, Any]:
    example = {"type": "object", "additionalProperties": False,
               "required": ["text", "mode", "complaint", "channel"],
               "properties": {"text": STR, "mode": {"enum": list(MODES)}, "complaint": NULLABLE_STR,
                              "channel": {"enum": [*CHANNELS, None]}}}
    rule_summary = _obj(["code", "name", "severity", "summary"],
                        {"code": STR, "name": STR, "severity": {"enum": SEVERITIES}, "summary": STR})
    lt_match = _obj(
        ["message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type", "rule"],
        {"message": STR, "shortMessage": STR,
         "replacements": {"type": "array", "items": _obj(["value"], {"value": STR})},
         "offset": {"type": "integer", "minimum": 0, "description": "UTF-16 代码单元"},
         "length": {"type": "integer", "minimum": 0, "description": "UTF-16 代码单元"},
         "context": _obj(["text", "offset", "length"], {"text": STR, "offset": INT, "length": INT}),
         "sentence": STR, "type": _obj(["typeName"], {"typeName": STR}),
         "rule": _obj(["id", "description", "issueType", "category"],
                      {"id": STR, "subId": STR, "description": STR, "issueType": STR,
                       "category": _obj(["id", "name"], {"id": STR, "name": STR})}),
         "ignoreForIncompleteSentence": {"type": "boolean"}, "contextForSureMatch": INT})
    language = _obj(["name", "code"], {"name": STR, "code": STR})
    return {
        "CheckRequest": request_schema(limits),
        "BatchRequest": _obj(["items"], {"items": {"type": "array", "maxItems": limits.max_batch,
                                                   "items": _ref("CheckRequest")}},
                             additionalProperties=False),
        "Entity": _obj(["kind", "text", "value", "start", "end"],
                       {"kind": {"enum": list(ENTITY_KINDS)}, "text": STR,
                        "value": {"type": ["string", "integer", "number"]},
                        "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0}}),
        "Finding": _obj(["code", "name", "severity", "message", "start", "end",
                         "line", "column", "end_line", "end_column"],
                        {"code": {"type": "string", "pattern": "^RL[0-9]{3}$"}, "name": STR,
                         "severity": {"enum": SEVERITIES}, "message": STR,
                         "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
                         "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
                         "end_line": {"type": "integer", "minimum": 1},
                         "end_column": {"type": "integer", "minimum": 1}}),
        "Reason": _obj(
            ["schema_version", "kind", "path", "line", "column", "text", "mode", "complaint", "score",
             "verdict", "resolution", "channel", "entities", "findings", "suggestion", "missing", "suppressed"],
            {"schema_version": {"const": 1}, "kind": {"const": "reason"}, "path": STR,
             "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
             "key": STR, "text": STR, "mode": {"enum": list(MODES)}, "complaint": NULLABLE_STR,
             "score": {"type": "integer", "minimum": 0, "maximum": 100}, "verdict": {"enum": VERDICTS},
             "resolution": {"enum": list(RESOLUTIONS)}, "channel": {"enum": list(CHANNELS)},
             "entities": {"type": "array", "items": _ref("Entity")},
             "findings": {"type": "array", "items": _ref("Finding")},
             "suggestion": STR, "missing": {"type": "array", "items": STR},
             "suppressed": {"type": "integer", "minimum": 0}},
            description="与 `reasonlint check --format json` 写出的对象相同"),
        "RuleSummary": rule_summary,
        "Rule": {**rule_summary, "required": [*rule_summary["required"], "why", "bad", "good"],
                 "properties": {**rule_summary["properties"], "why": STR, "bad": example, "good": example}},
        "Health": _obj(["status", "version"], {"status": {"const": "ok"}, "version": STR}),
        "Error": _obj(["error"], {"error": _obj(
            ["status", "code", "message"],
            {"status": INT, "code": STR, "message": STR, "field": STR, "limit": INT})}),
        "LtForm": {
            "type": "object", "required": ["language"],
            "oneOf": [{"required": ["text"]}, {"required": ["data"]}],
            "properties": {
                "text": {"type": "string", "maxLength": limits.max_text_length},
                "data": {"type": "string", "contentMediaType": "application/json",
                         "description": 'JSON：{"text": ...} 或 {"annotation": [{"text": ...}, '
                                        '{"markup": ..., "interpretAs": ...}]}'},
                "language": {"type": "string", "pattern": "^([zZ][hH](-[cC][nN])?|[aA][uU][tT][oO])$",
                             "description": "zh-CN、zh 或 auto（不分大小写）"},
                "mode": {"enum": ["all", "textLevelOnly", "allButTextLevelOnly"]},
                **{k: STR for k in ("enabledRules", "disabledRules", "enabledCategories",
                                    "disabledCategories", "motherTongue", "preferredVariants")},
                "enabledOnly": {"type": "string", "pattern": "^([tT][rR][uU][eE]|[fF][aA][lL][sS][eE])$"},
                "level": {"type": "string", "pattern": "^([dD][eE][fF][aA][uU][lL][tT]|[pP][iI][cC][kK][yY])$"},
            }},
        "LtCheckResponse": _obj(
            ["software", "warnings", "language", "matches"],
            {"software": _obj(["name", "version", "apiVersion"],
                              {"name": STR, "version": STR, "buildDate": NULLABLE_STR, "apiVersion": INT,
                               "premium": {"type": "boolean"}, "status": STR}),
             "warnings": _obj(["incompleteResults"], {"incompleteResults": {"type": "boolean"}}),
             "language": _obj(["name", "code", "detectedLanguage"],
                              {**language["properties"],
                               "detectedLanguage": {**language, "properties": {
                                   **language["properties"], "confidence": {"type": "number"}}}}),
             "matches": {"type": "array", "items": lt_match}}),
        "LtLanguage": _obj(["name", "code", "longCode"], {"name": STR, "code": STR, "longCode": STR}),
    }


def document(limits: Limits, secured: bool) -> dict[str, Any]:
    def op(summary: str, ok: dict[str, Any], *, errors: tuple[str, ...] = (), body: Any = None,
           api: bool = True, parameters: Any = None) -> dict[str, Any]:
        codes = [*errors, "401"] if api and secured else list(errors)
        out: dict[str, Any] = {"summary": summary, "responses": {
            "200": ok, **{c: _json(_ref("Error"), ERRORS[c]) for c in sorted(set(codes))}}}
        if body is not None:
            out["requestBody"] = body
        if parameters is not None:
            out["parameters"] = parameters
        if api and secured:
            out["security"] = [{"bearer": []}]
        return out

    check_errors = ("400", "413", "422", "503")
    json_body = lambda name: {"required": True,  # noqa: E731
                              "content": {"application/json": {"schema": _ref(name)}}}
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "reasonlint", "version": __version__,
                 "description": "检查撤诉理由：打分、标出问题、给出改写建议；兼容 LanguageTool 的 /v2 接口。"},
        "paths": {
            "/v1/check": {"post": op("检查一条理由", _json(_ref("Reason"), "检查结果"),
                                     errors=check_errors, body=json_body("CheckRequest"))},
            "/v1/check/batch": {"post": op(
                "按顺序检查多条理由", _json({"type": "array", "items": _ref("Reason")}, "检查结果，顺序与请求相同"),
                errors=check_errors, body=json_body("BatchRequest"))},
            "/v1/rules": {"get": op("规则目录", _json({"type": "array", "items": _ref("RuleSummary")}, "全部规则"))},
            "/v1/rules/{code}": {"get": op(
                "一条规则的完整说明", _json(_ref("Rule"), "规则"), errors=("404",),
                parameters=[{"name": "code", "in": "path", "required": True, "schema": STR,
                             "description": "规则代码或名称，如 RL203 或 missing-date"}])},
            "/v2/check": {"post": op(
                "LanguageTool 兼容的检查接口", _json(_ref("LtCheckResponse"), "LanguageTool 格式的结果"),
                errors=check_errors,
                body={"required": True,
                      "content": {"application/x-www-form-urlencoded": {"schema": _ref("LtForm")}}})},
            "/v2/languages": {"get": op("支持的语言", _json({"type": "array", "items": _ref("LtLanguage")}, "语言列表"))},
            "/healthz": {"get": op("健康检查", _json(_ref("Health"), "服务正常"), api=False)},
            "/openapi.json": {"get": op("本文档", _json({"type": "object"}, "OpenAPI 3.1 文档"), api=False)},
            "/": {"get": op("在线试用页面", {"description": "HTML 页面",
                                             "content": {"text/html": {"schema": STR}}}, api=False)},
            "/static/{name}": {"get": op(
                "页面用到的文件（app.js、style.css）",
                {"description": "文件", "content": {"text/javascript": {"schema": STR},
                                                    "text/css": {"schema": STR}}},
                errors=("404",), api=False,
                parameters=[{"name": "name", "in": "path", "required": True, "schema": STR}])},
        },
        "components": {"schemas": _schemas(limits)},
    }
    if secured:
        doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    return doc
