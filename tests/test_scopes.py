"""How much of the problem each action covers (reasonlint.scopes), seen through the
events of ``Linter.analyse``."""
from __future__ import annotations

import pytest

from reasonlint.linter import Linter

LINTER = Linter()


def scopes(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.scope) for e in LINTER.analyse(text).events if e.concrete]


@pytest.mark.parametrize("text,expected", [
    ("商家11月3日只补了两张", ("reshipped", "partial")),
    ("商家退了一半", ("refunded", "partial")),
    ("商家补偿了10元红包", ("refunded", "compensation")),
    ("商家补发了点券当补偿", ("reshipped", "compensation")),
    ("商家退了5元手续费", ("refunded", "fee")),
    ("商家11月3日全额退款", ("refunded", "full")),
    ("全额赔付了158元", ("refunded", "full")),
    ("补发的卡密已充值成功", ("delivered", "working")),
    ("商家把剩下的49.5元也退了", ("refunded", "full")),
    ("商家又退了剩下的70元", ("refunded", "full")),
])
def test_the_scope_of_an_action(text: str, expected: tuple[str, str]) -> None:
    assert expected in scopes(text)


@pytest.mark.parametrize("text,kind", [
    ("商家退款了，11月3日到账", "refunded"),        # an arrival after a refund
    ("38元已到账", "refunded"),                     # an amount of money before it
    ("钱已到账", "refunded"),
    ("元宝已到账", "delivered"),                    # goods counted in 元宝
    ("Steam钱包余额多了100元", "delivered"),         # the goods, topped up
])
def test_what_an_arrival_is_of(text: str, kind: str) -> None:
    assert scopes(text) and scopes(text)[-1][0] == kind
