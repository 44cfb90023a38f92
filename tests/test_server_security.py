"""Token authentication and CORS of ``reasonlint serve``."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from cli_helpers import GOOD, run
from server_helpers import Server, assert_error

TOKENS = ("k7Yq2pR9sV4wX8zA1bC3dE5f", "second-token-0123456789")
ORIGIN = "https://kf.example.com"
PREFLIGHT = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization,content-type"}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("guarded")
    (folder / "tokens.txt").write_text("# staff page\n" + "\n".join(TOKENS) + "\n\n", encoding="utf-8")
    with Server(folder, "--token-file", "tokens.txt", "--allow-origin", ORIGIN) as s:
        yield s


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("plain")) as s:
        yield s


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("headers", [{}, bearer("wrong-token-wrong-token"), bearer(""),
                                     {"Authorization": f"Basic {TOKENS[0]}"}, {"Authorization": TOKENS[0]}],
                         ids=["none", "wrong", "empty", "basic", "bare"])
def test_api_needs_a_token(guarded: Server, headers: dict[str, str]) -> None:
    for reply in (guarded.post_json("/v1/check", {"text": GOOD}, headers),
                  guarded.post_json("/v1/check/batch", {"items": []}, headers),
                  guarded.get("/v1/rules", headers),
                  guarded.post_form("/v2/check", {"text": GOOD, "language": "zh-CN"}, headers),
                  guarded.get("/v2/languages", headers)):
        assert_error(reply, 401)
        assert reply.headers["www-authenticate"].startswith("Bearer")


def test_every_listed_token_works(guarded: Server) -> None:
    for token in TOKENS:
        assert guarded.post_json("/v1/check", {"text": GOOD}, bearer(token)).status == 200
        assert guarded.post_form("/v2/check", {"text": GOOD, "language": "zh"}, bearer(token)).status == 200


def test_page_health_and_document_need_no_token(guarded: Server) -> None:
    for path in ("/", "/static/app.js", "/healthz", "/openapi.json"):
        assert guarded.get(path).status == 200
    doc = guarded.get("/openapi.json").json()
    assert doc["paths"]["/v1/check"]["post"]["security"] == [{"bearer": []}]
    assert "401" in doc["paths"]["/v1/check"]["post"]["responses"]


def test_no_cors_headers_without_allow_origin(plain: Server) -> None:
    reply = plain.post_json("/v1/check", {"text": GOOD}, {"Origin": ORIGIN})
    assert reply.status == 200
    assert not [h for h in reply.headers if h.startswith("access-control-")]
    preflight = plain.request("OPTIONS", "/v1/check", headers=PREFLIGHT)
    assert preflight.status == 405
    assert not [h for h in preflight.headers if h.startswith("access-control-")]


def test_cors_for_the_allowed_origin_only(guarded: Server) -> None:
    preflight = guarded.request("OPTIONS", "/v1/check", headers=PREFLIGHT)   # no token: browsers send none
    assert preflight.status == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    reply = guarded.post_json("/v1/check", {"text": GOOD}, {"Origin": ORIGIN, **bearer(TOKENS[0])})
    assert reply.headers["access-control-allow-origin"] == ORIGIN
    # A 401 carries the header too, so the page at that origin can read why.
    assert guarded.get("/v1/rules", {"Origin": ORIGIN}).headers["access-control-allow-origin"] == ORIGIN
    other = {**PREFLIGHT, "Origin": "https://evil.example.net"}
    assert_error(guarded.request("OPTIONS", "/v1/check", headers=other), 400)
    reply = guarded.post_json("/v1/check", {"text": GOOD}, {"Origin": "https://evil.example.net",
                                                          **bearer(TOKENS[0])})
    assert "access-control-allow-origin" not in reply.headers


@pytest.mark.parametrize("content, message", [
    (None, "无法读取令牌文件"),
    ("# only a comment\n\n", "没有令牌"),
    ("short\n", "太短"),
    ("has a space in it 0123456789\n", "ASCII"),
])
def test_bad_token_file_stops_before_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             content: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "tokens.txt").write_text(content, encoding="utf-8")
    ran = run("serve", "--token-file", "tokens.txt", "--port", "0")
    assert ran.code == 2
    assert message in ran.err and "tokens.txt" in ran.err
