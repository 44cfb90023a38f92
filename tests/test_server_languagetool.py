"""``/v2``: LanguageTool's HTTP API, checked by hand and with LanguageTool's own clients."""
from __future__ import annotations

import ipaddress
import json
import socket
from typing import Any, Iterator

import pytest

from cli_helpers import GOOD, TEMPLATE
from server_helpers import Server, assert_error

EMOJI = "😀"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("lt"), "--max-text-length", "200") as s:
        yield s


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clients may reach this machine's loopback and nothing else, and may never
    start or download a LanguageTool of their own."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not ipaddress.ip_address(host).is_loopback:
            raise AssertionError(f"connection to {address} attempted")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    import language_tool_python.download_lt as download
    import language_tool_python.server as lt_server

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("language_tool_python tried to download or start LanguageTool")

    for name in ("download_lt", "download_zip", "http_get"):
        monkeypatch.setattr(download, name, refuse)
    for name in ("_start_local_server", "_start_server_on_free_port"):
        monkeypatch.setattr(lt_server.LanguageTool, name, refuse)


def lt_check(server: Server, **fields: str) -> dict[str, Any]:
    reply = server.post_form("/v2/check", {"language": "zh-CN", **fields})
    assert reply.status == 200, reply.body
    assert reply.headers["content-type"] == "application/json"
    return reply.json()


def by_rule(data: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [m for m in data["matches"] if m["rule"]["id"] == rule]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_answer_has_languagetools_shape(server: Server) -> None:
    data = lt_check(server, text=TEMPLATE)
    assert data["software"]["name"] == "reasonlint" and data["software"]["apiVersion"] == 1
    assert data["warnings"] == {"incompleteResults": False}
    assert data["language"]["code"] == "zh-CN"
    (m,) = by_rule(data, "RL101")[:1]
    assert m["message"] and m["shortMessage"]
    assert (m["offset"], m["length"]) == (0, 5)        # 问题已解决
    assert m["context"]["text"][m["context"]["offset"]:][:m["context"]["length"]] == "问题已解决"
    assert m["sentence"] == "问题已解决，不想投诉了。"
    assert m["rule"]["issueType"] and m["rule"]["category"]["id"] and m["rule"]["category"]["name"]
    assert m["rule"]["description"] and m["type"] == {"typeName": "Other"}


def test_an_emoji_before_a_finding_shifts_it_by_two(server: Server) -> None:
    plain = by_rule(lt_check(server, text=TEMPLATE), "RL101")
    one = by_rule(lt_check(server, text=EMOJI + TEMPLATE), "RL101")
    two = by_rule(lt_check(server, text=EMOJI + "，" + EMOJI + TEMPLATE), "RL101")
    assert [m["offset"] for m in one] == [m["offset"] + 2 for m in plain]
    assert [m["offset"] for m in two] == [m["offset"] + 5 for m in plain]     # two emoji and a comma
    assert [m["length"] for m in one] == [m["length"] for m in plain]
    # An emoji inside a span counts two in its length too.
    text = "问题已解决" + EMOJI + "，订单号20261103001"
    whole = [m for m in lt_check(server, text=text)["matches"] if m["offset"] == 0 and m["rule"]["id"] == "RL203"]
    assert whole and whole[0]["length"] == utf16_len(text) == len(text) + 1
    ctx = by_rule(lt_check(server, text=EMOJI + TEMPLATE), "RL101")[0]["context"]
    assert ctx["text"].encode("utf-16-le")[2 * ctx["offset"]:2 * (ctx["offset"] + ctx["length"])] \
        .decode("utf-16-le") == "问题已解决"


def test_whole_text_matches_offer_the_rewrite(server: Server) -> None:
    v1 = server.post_json("/v1/check", {"text": TEMPLATE}).json()
    data = lt_check(server, text=TEMPLATE)
    for m in data["matches"]:
        if m["offset"] == 0 and m["length"] == utf16_len(TEMPLATE):
            assert m["replacements"] == [{"value": v1["suggestion"]}]
        else:
            assert m["replacements"] == []    # a rewrite of the whole text cannot replace a phrase
    assert {m["rule"]["id"] for m in data["matches"]} == {f["code"] for f in v1["findings"]}


def test_data_text_and_annotation(server: Server) -> None:
    assert lt_check(server, data=json.dumps({"text": TEMPLATE})) == lt_check(server, text=TEMPLATE)
    annotation = [{"markup": "<p>"}, {"text": EMOJI + "问题已解决"}, {"markup": "<br/>", "interpretAs": "\n"},
                  {"text": "不想投诉了。"}, {"markup": "</p>", "interpretAs": "\n\n"}]
    data = lt_check(server, data=json.dumps({"annotation": annotation}, ensure_ascii=False))
    offsets = sorted(m["offset"] for m in by_rule(data, "RL101"))
    # Offsets count the markup as the client sent it: <p> is 3, the emoji 2, <br/> 5.
    assert offsets == [3 + 2, 3 + 2 + 5 + 5]


def test_text_level_modes_split_the_matches(server: Server) -> None:
    every = lt_check(server, text=TEMPLATE)["matches"]
    text_level = lt_check(server, text=TEMPLATE, mode="textLevelOnly")["matches"]
    others = lt_check(server, text=TEMPLATE, mode="allButTextLevelOnly")["matches"]
    assert text_level and others
    key = lambda m: (m["rule"]["id"], m["offset"], m["length"])  # noqa: E731
    assert sorted(map(key, text_level + others)) == sorted(map(key, every))


def test_rule_and_category_filters(server: Server) -> None:
    codes = lambda data: {m["rule"]["id"] for m in data["matches"]}  # noqa: E731
    assert "RL101" not in codes(lt_check(server, text=TEMPLATE, disabledRules="RL101"))
    assert codes(lt_check(server, text=TEMPLATE, enabledRules="RL203", enabledOnly="true")) == {"RL203"}
    assert not {c for c in codes(lt_check(server, text=TEMPLATE, disabledCategories="MISSING"))
                if c.startswith("RL2")}


def test_languages(server: Server) -> None:
    reply = server.get("/v2/languages")
    assert reply.status == 200
    assert {"name": "Chinese", "code": "zh", "longCode": "zh-CN"} in reply.json()
    for language in ("zh", "auto", "zh-cn", "ZH-CN"):
        assert lt_check(server, text=GOOD, language=language)["matches"] == []


@pytest.mark.parametrize("fields, status, field", [
    ({"language": "zh-CN"}, 422, "text"),
    ({"text": GOOD, "data": "{}", "language": "zh-CN"}, 422, "text"),
    ({"text": GOOD}, 422, "language"),
    ({"text": GOOD, "language": "en-US"}, 422, "language"),
    ({"text": GOOD, "language": "zh", "mode": "fast"}, 422, "mode"),
    ({"text": GOOD, "language": "zh-TW"}, 422, "language"),
    ({"text": GOOD, "language": "zh", "enabledOnly": "yes"}, 422, "enabledOnly"),
    ({"text": GOOD, "language": "zh", "level": "strict"}, 422, "level"),
    ({"data": "{", "language": "zh"}, 400, None),
    ({"data": '{"annotation": [{"bold": "x"}]}', "language": "zh"}, 422, "data"),
    ({"text": "商" * 201, "language": "zh"}, 413, "text"),
])
def test_bad_forms(server: Server, fields: dict[str, str], status: int, field: str) -> None:
    err = assert_error(server.post_form("/v2/check", fields), status, field=field)
    if status == 413:
        assert err["limit"] == 200


def test_bad_encodings_are_400(server: Server) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert_error(server.request("POST", "/v2/check", b"language=zh&text=%C9%CC%BC%D2", form), 400)  # GBK
    assert_error(server.request("POST", "/v2/check", "language=zh&text=商家".encode("gbk"), form), 400)
    assert_error(server.request("POST", "/v2/check", b"--x\r\n", {"Content-Type": "multipart/form-data; boundary=x"}), 400)


def test_language_tool_python_client(server: Server, loopback_only: None) -> None:
    import language_tool_python

    tool = language_tool_python.LanguageTool("zh-CN", remote_server=server.url)
    try:
        text = EMOJI + EMOJI + TEMPLATE
        matches = tool.check(text)
        rules = {m.rule_id for m in matches}
        assert {"RL101", "RL201", "RL203"} <= rules
        phrases = sorted(text[m.offset:m.offset + m.error_length] for m in matches if m.rule_id == "RL101")
        # The client turns UTF-16 offsets back into Python ones: right only if ours were UTF-16.
        assert phrases == ["不想投诉了", "问题已解决"]
        whole = [m for m in matches if m.rule_id == "RL203"]
        assert whole[0].replacements and "订单号" in whole[0].replacements[0]
        tool.disabled_rules = {"RL101"}
        assert "RL101" not in {m.rule_id for m in tool.check(text)}
    finally:
        tool.close()


def test_pylanguagetool_client(server: Server, loopback_only: None) -> None:
    from pylanguagetool import api

    url = server.url + "/v2/"
    assert "zh-CN" in {lang["longCode"] for lang in api.get_languages(url)}
    data = api.check(EMOJI + TEMPLATE, api_url=url, lang="zh-CN", disabled_rules="RL203")
    offsets = sorted(m["offset"] for m in data["matches"] if m["rule"]["id"] == "RL101")
    assert offsets == [2, 8]
    assert "RL203" not in {m["rule"]["id"] for m in data["matches"]}
