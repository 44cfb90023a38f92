"""Suggested rewrites: the guide's register, filled where possible, accepted once filled."""
from __future__ import annotations

import pytest

import reasonlint

FILL = {"X月X日": "11月3日", "XXX": "20261103001", "XX": "50"}


def fill(text: str) -> str:
    for placeholder, value in FILL.items():
        text = text.replace(placeholder, value)
    return text


def test_guide_example():
    r = reasonlint.check("问题已解决", complaint="未收到游戏点卡")
    assert r.suggestion == "商家已于X月X日补发游戏点卡，订单号XXX，卡密到账截图已附。"
    assert r.missing == ["date", "order_id"]


def test_fills_what_was_found():
    r = reasonlint.check("商家已于11月3日补发货，物流记录已附。")
    assert "11月3日" in r.suggestion and "物流记录已附" in r.suggestion
    assert r.missing == ["order_id"]


def test_refund_template_names_the_amount_slot():
    r = reasonlint.check("已协商退款,支付宝转账截图已附")
    assert r.suggestion.startswith("商家已于X月X日退款XX元")
    assert "支付宝转账截图已附" in r.suggestion
    assert set(r.missing) == {"date", "amount", "order_id"}


def test_complaint_id_keeps_its_label():
    r = reasonlint.check("投诉单号TS2026111200419，商家已补发", complaint="未收到点卡")
    assert "投诉单号TS2026111200419" in r.suggestion


def test_mismatch_suggests_what_answers_the_complaint():
    r = reasonlint.check("商家已于11月23日重新发货", complaint="退款未到账")
    assert "退款" in r.suggestion


def test_channels_add_their_demand():
    assert "同意协商" in reasonlint.check("已退款", channel="payment").suggestion
    assert "书面和解协议" in reasonlint.check("已退款", channel="third_party").suggestion


def test_template_mode_keeps_slot_syntax():
    r = reasonlint.check("商家已补发货，物流记录已附。", mode="template")
    assert "{date}" in r.suggestion and "{order_id}" in r.suggestion


CASES = [
    ("问题已解决", {}),
    ("不想投诉了", {"complaint": "未收到游戏点卡"}),
    ("已退款", {}),
    ("商家还没退款", {"complaint": "退款未到账"}),
    ("商家答应补发", {}),
    ("商家已补发", {"channel": "payment"}),
    ("和解了", {"channel": "third_party"}),
    ("换卡了", {"complaint": "货不对板"}),
    ("会员到账了", {}),
    ("钱退了", {"complaint": "重复扣款"}),
    ("我填错了充值账号", {}),
    ("商家已补发，订单号XXX", {}),
]


@pytest.mark.parametrize("text,kw", CASES)
def test_filled_suggestion_is_accepted(text, kw):
    r = reasonlint.check(text, **kw)
    filled = fill(r.suggestion)
    again = reasonlint.check(filled, **kw)
    assert again.verdict == "accept", (filled, [f.code for f in again.findings])
    assert not [f for f in again.findings if f.severity == "error"]


def test_third_party_without_a_resolution_suggests_the_written_settlement():
    r = reasonlint.check("已与商家口头和解，订单号20261104667，申请撤回黑猫投诉。")
    assert r.suggestion.startswith("已与商家签订书面和解协议")
    assert "订单号20261104667" in r.suggestion
    again = reasonlint.check(fill(r.suggestion) + "已申请撤回黑猫投诉。")
    assert again.verdict == "accept", [f.code for f in again.findings]
