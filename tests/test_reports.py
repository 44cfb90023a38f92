"""Who says a resolution happened (reasonlint.reports), seen through ``Linter.analyse``:
the other party's word is a claim, the buyer's own check is not."""
from __future__ import annotations

import pytest

from reasonlint.linter import Linter

LINTER = Linter()


def modalities(text: str, kind: str) -> list[str]:
    return [e.modality for e in LINTER.analyse(text).events if e.type == kind]


@pytest.mark.parametrize("text", [
    "客服说已经退款了，订单号20261103415",
    "商家回复：已补发，请查收，订单号KM20261103001",
    "据客服反馈，商家已于11月5日补发",
    "卖家 2026/11/08 21:10：已退款",
    "商家：亲，已经给你补发了，订单号KM20261203001",        # the speaker's line, past a greeting
    "[2026-12-04 10:02] 客服：同意协商，已经退款了",        # past a comma
    "又被扣回去了，说是充错号了",                           # a mistake nobody owns (user_error)
])
def test_the_other_partys_word_is_a_claim(text: str) -> None:
    assert "reported" in modalities(text, "refunded") + modalities(text, "reshipped") + modalities(text, "user_error")


@pytest.mark.parametrize("text,kind", [
    ("客服打电话说给补发了我自己进游戏看了已经到账了", "delivered"),
    ("客服说退款了我登录支付宝查了确实到账了", "refunded"),  # money arriving after a refund
    ("商家那边说已经补发了然后我就收到了", "delivered"),      # then the buyer received it
])
def test_the_buyers_check_between_a_claim_and_an_action_ends_the_claim(text: str, kind: str) -> None:
    assert modalities(text, kind)[-1] == "done"


def test_being_shown_something_is_no_check_of_ones_own() -> None:
    # 给我看了一个截图: the buyer is shown the merchant's screenshot, nothing is checked
    text = "商家跟我说退了给我看了一个截图说11月5号已经退了"
    assert modalities(text, "refunded") == ["reported", "reported"]


@pytest.mark.parametrize("text", [
    "客服说会员补开了 我自己登了一下 确实是svip了",
    "商家说给我换了一个新的，我拆开看了是对的",
])
def test_a_check_that_finds_it_right_confirms_the_claim_before_it(text: str) -> None:
    a = LINTER.analyse(text)
    assert any(e.type == "confirmed" for e in a.events)
    assert a.state.status == "done"


@pytest.mark.parametrize("text", [
    "客服说会员补开了，应该是对的吧",          # no check of the buyer's own
    "商家说已经补发，我还没看，估计是对的",     # a guess after saying it is not checked
    "商家说会员补开了，他说确实是svip了",      # the other party says so again
])
def test_a_word_of_rightness_without_the_buyers_check_confirms_nothing(text: str) -> None:
    assert LINTER.analyse(text).state.status != "done"


def test_the_buyers_own_chat_line_answers_a_claim() -> None:
    text = "商家：单号KM2026120600104的补发已经发出\n我：12月7日签收了，卡是好的"
    events = LINTER.analyse(text).events
    assert [(e.type, e.modality, e.restated) for e in events if e.type == "delivered"] == [("delivered", "done", False)]
