"""Normalisation: folding keeps positions; cleaning maps every position back to the original."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reasonlint import Linter
from reasonlint.lexicon import load
from reasonlint.normalize import Normalizer, Text

LINTER = Linter()
NORMALIZE = LINTER._normalize


def norm(text: str) -> str:
    return NORMALIZE(text).norm


def test_folding_is_one_character_per_character():
    for text in ["商家已於１１月３日補發", "㈠㈡ ½ ﬁ", "🎉👍", "e\u0301", "\ud800"]:
        out = NORMALIZE(text)
        assert len(out.norm) == len(text) and out.starts is None


def test_full_width_traditional_and_variants():
    assert norm("訂單號２０２６") == "订单号2026"
    assert norm("商家已于11月3日补发，定单号1") == "商家已于11月3日补发,订单号1"
    assert norm("ＸＸＸ") == "XXX"
    assert norm("到帐了") == "到账了"   # a variant spelling: fixed, not reported
    assert NORMALIZE("到帐了").slips == ()


def test_variants_replace_as_written_and_leave_other_text_alone():
    n = Normalizer(table={}, variants={"以于": "已于", "定单": "订单", "a.b": "a-b"}, slips={}, words={})
    assert n("商家以于3日补发，定单号1").norm == "商家已于3日补发，订单号1"
    assert n("a.b axb").norm == "a-b axb"  # the variant is literal text, not a pattern
    assert n("没有任何错字").norm == "没有任何错字"
    assert Normalizer(table={}, variants={}, slips={}, words={})("以于").norm == "以于"


@pytest.mark.parametrize("text,expected", [
    ("商家拒\u200b绝补发", "商家拒绝补发"),            # zero-width space
    ("商家\u202e未\u202c退款", "商家未退款"),          # bidi override and pop
    ("已退款&nbsp;&yen;42.50", "已退款 ¥42.50"),       # entities from a web form
    ("商家未<br>补发<br/>订单号1", "商家未\n补发\n订单号1"),  # block tags end a line
    ("<b>已补发</b>", "已补发"),                        # inline tags go
    ("订单号：1&lt;br&gt;时间", "订单号:1\n时间"),      # a tag escaped once more
    ("商 家 没 有 退 款", "商家没有退款"),               # spaced-out characters
    ("tuikuan 还在 shenhe 中", "退款还在审核中"),       # pinyin keywords
    ("not refunded", "没已退款"),                       # English keywords
    ("订单号{order_no}", "订单号{order_no}"),           # not the "no" of a slot name
])
def test_cleaning(text, expected):
    assert norm(text) == expected


def test_cleaning_keeps_every_position():
    text = "商家\u200b已&yen;50退款<br>订单号&nbsp;KM1"
    out = NORMALIZE(text)
    assert out.starts is not None
    i = out.norm.index("退款")
    assert out.shown(i, i + 2) == "退款"
    j = out.norm.index("¥")
    assert out.shown(j, j + 1) == "&yen;"
    assert out.span(len(out.norm), len(out.norm)) == (len(text), len(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["退款", "\u200b", "&nbsp;", "<br>", "&amp;", "商 家", "refunded", "x", "，", "已"]),
                max_size=12).map("".join))
def test_spans_always_land_in_the_original(text):
    out = NORMALIZE(text)
    for s in range(len(out.norm)):
        a, b = out.span(s, s + 1)
        assert 0 <= a < b <= len(text)
    if out.starts is not None:
        assert list(out.starts) == sorted(out.starts)


@pytest.mark.parametrize("text,right", [
    ("商家已经推款了", "退款"),
    ("商家11月3号补法了新卡密", "补发"),
    ("38元以到账", "已到账"),
])
def test_slips_are_fixed_and_recorded(text, right):
    out = NORMALIZE(text)
    assert right in out.norm
    assert any(right in s.right for s in out.slips)


@pytest.mark.parametrize("text", [
    "请问什么时候可以到账",   # 以到账 inside 可以到账
    "一到账就撤诉",           # 一 is a function word, never a slip
    "已与商家签订和解协议",   # 与 likewise
])
def test_no_slip_inside_real_words(text):
    out = NORMALIZE(text)
    assert out.norm == text.replace("，", ",") and out.slips == ()


def test_the_normaliser_is_built_from_the_lexicons():
    n = Normalizer.from_lexicons(load())
    assert isinstance(n("補發"), Text) and n("補發").norm == "补发"
