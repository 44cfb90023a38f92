"""Properties of :func:`reasonlint.check` that hold for any string whatsoever.

Texts are built from reason-like fragments (so the pipeline's interesting paths run)
mixed with any code point at all: control characters, lone surrogates, emoji, RTL
marks, combining marks, private-use and unassigned characters.
"""
from __future__ import annotations

import json
from typing import Optional

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reasonlint
from reasonlint import Linter
from reasonlint.model import CHANNELS, RESOLUTIONS, Result

# Fragments the pipeline reacts to: identifiers, dates, amounts, actions, negation,
# promises, placeholders, evidence, channels, traditional characters, brackets.
FRAGMENTS = (
    "商家", "已于", "11月3日", "2026-11-03", "昨天", "补发货", "已退款", "50元", "伍拾元",
    "订单号", "20261103001", "投诉单号", "快递单号SF1234567890", "物流记录", "截图已附",
    "没有", "未", "不", "会", "答应", "如果", "问题已解决", "不想投诉了", "XXX", "X月X日",
    "[订单号]", "{日期}", "【", "】", "（", "）", "支付宝", "微信", "黑猫投诉", "12315", "平台",
    "書面和解", "协商一致", "九" * 40, "9" * 40, "万", "￥", "元", "，", "。", "\n", "\r\n", " ", "\t", "#", "noqa", "RL101",
)
SPECIAL = (
    "\x00", "\x1b[31m", "\x7f", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\ufffd",
    "\ud800", "\udfff", "\udc80", "👍🏽", "🇨🇳", "👨‍👩‍👧", "e\u0301", "\u0300\u0301\u0302",
    "مرحبا", "שלום", "\U0010ffff", "\ue000", "㈠", "①", "２０２６", "Ⅻ", "﹏",
)

any_char = st.characters(exclude_categories=())  # every code point, surrogates included
piece = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(SPECIAL), st.text(any_char, max_size=8))
short_texts = st.lists(piece, max_size=40).map("".join)
# Long texts repeat a generated chunk, so 100,000 characters cost nothing to generate.
long_texts = st.tuples(short_texts.filter(bool), st.integers(1, 100_000)).map(
    lambda t: (t[0] * (t[1] // len(t[0]) + 1))[: t[1]])
texts = st.one_of(short_texts, long_texts, st.text(any_char, max_size=300))
complaints = st.one_of(st.none(), short_texts)
channels = st.sampled_from([None, *(c for c in CHANNELS if c != "unknown")])
modes = st.sampled_from(["reason", "template"])

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# A second linter: its caches are separate, so equal results mean no cache leaks.
OTHER = Linter()


def assert_well_formed(text: str, r: Result) -> None:
    assert type(r.score) is int and 0 <= r.score <= 100
    assert r.verdict in ("accept", "revise", "reject")
    assert r.resolution in RESOLUTIONS
    assert r.channel in CHANNELS
    assert isinstance(r.suggestion, str)
    assert all(isinstance(m, str) for m in r.missing)
    assert r.text is text
    for e in r.entities:
        assert 0 <= e.start <= e.end <= len(text), e
    for f in r.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.severity in ("error", "warning", "info")
    d = r.to_dict()
    # Lone surrogates are fine for json.dumps either way: escaped with the default
    # ensure_ascii, kept raw without it (writing that raw form to UTF-8 is the CLI's job).
    for ensure_ascii in (True, False):
        # allow_nan=False: strict JSON, no Infinity for an absurd amount.
        dumped = json.dumps(d, ensure_ascii=ensure_ascii, allow_nan=False)
        assert json.loads(dumped) == d
    json.dumps(d).encode("ascii")  # the default form is always plain ASCII


@PROPERTY
@given(text=texts, mode=modes, complaint=complaints, channel=channels)
def test_any_text_gives_a_well_formed_result(text: str, mode: str, complaint: Optional[str],
                                             channel: Optional[str]) -> None:
    r = reasonlint.check(text, mode=mode, complaint=complaint, channel=channel)
    assert_well_formed(text, r)
    assert r.mode == mode


@PROPERTY
@given(text=texts, mode=modes, complaint=complaints, channel=channels)
def test_same_input_same_result(text: str, mode: str, complaint: Optional[str],
                                channel: Optional[str]) -> None:
    first = reasonlint.check(text, mode=mode, complaint=complaint, channel=channel)
    again = reasonlint.check(text, mode=mode, complaint=complaint, channel=channel)
    fresh = OTHER.check(text, mode=mode, complaint=complaint, channel=channel)
    assert first == again == fresh
    assert first.to_dict() == fresh.to_dict()
    assert first.parts == fresh.parts


@settings(max_examples=60, deadline=None)
@given(text=st.text(any_char, min_size=1, max_size=60))
def test_entity_text_is_the_original_slice(text: str) -> None:
    for e in reasonlint.check(text).entities:
        assert e.text == text[e.start:e.end], e


@settings(max_examples=40, deadline=None)
@given(char=any_char, n=st.sampled_from([1, 9, 10, 1999, 2000, 2001, 100_000]))
def test_runs_of_one_character(char: str, n: int) -> None:
    text = char * n
    assert_well_formed(text, reasonlint.check(text))
    assert_well_formed(text, reasonlint.check(text, mode="template"))


# Explicit worst cases, so they run on every test run, not only when drawn.
EXPLICIT = {
    "empty": "",
    "digits": "1" * 100_000,
    "x": "X" * 100_000,
    "braces": "{" * 100_000,
    "bu": "不" * 100_000,
    "surrogates": "\ud800\udc00" * 50_000,   # two lone surrogates, never a pair in a str
    "emoji": "👍🏽" * 50_000,
    "combining": "已" + "\u0301" * 99_999,
    "newlines": "\r\n" * 50_000,
    "nul": "\x00" * 100_000,
    "mixed": "订单号1234{X不，已退款50元\ud800👍" * 6_000,
    # Amounts too big for a float: once an OverflowError, and Infinity in the JSON.
    "numeral amount": "已退款" + "二" * 400 + "元",
    "numeral wan": "已退款" + "九" * 400 + "万元",
    "digit amount": "已退款" + "9" * 400 + "元",
    "digit wan": "退款" + "9" * 400 + ".5万元",
    "yuan sign": "￥" + "9" * 1_000,
}


def test_explicit_worst_cases() -> None:
    for name, text in EXPLICIT.items():
        for mode in ("reason", "template"):
            r = reasonlint.check(text, mode=mode, complaint=text[:500], channel="payment")
            assert_well_formed(text, r)
            assert r == reasonlint.check(text, mode=mode, complaint=text[:500], channel="payment"), name
