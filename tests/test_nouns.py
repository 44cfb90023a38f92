"""Resolution words that only name or describe something (reasonlint.nouns), seen through
the events of ``Linter.analyse``: none of these phrases is an action."""
from __future__ import annotations

import pytest

from reasonlint.linter import Linter

LINTER = Linter()


def actions(text: str) -> list[str]:
    return [e.text for e in LINTER.analyse(text).events if e.concrete]


@pytest.mark.parametrize("text,word", [
    ("退款金额是50元", "退款"),                      # a head noun after it
    ("退款20元的事商家已经同意了", "退款"),            # a matter talked of, past its amount
    ("商家发来的退款截图", "发来"),                    # what was sent is the screenshot
    ("商家发来了退款成功的截图", "发来"),
    ("截图是商家发的", "发"),                        # who sent the evidence
    ("截图是商家发给我的后台页面", "发给我"),           # and what it shows, after 是
    ("截图已经补上了", "补上了"),                     # the evidence added
    ("我已经收到了商家的道歉", "收到了"),              # a message received
    ("11月9日接到了客服的回电", "到了"),
    ("收到一条退款到账提醒", "收到"),
])
def test_a_phrase_that_names_is_no_action(text: str, word: str) -> None:
    assert word not in actions(text)


@pytest.mark.parametrize("text,word", [
    ("商家11月3日已退款50元", "已退款"),
    ("11月14日收到了兑换码", "收到了"),
    ("还在走退款流程", "退款"),                        # a process under way is read as one
    ("截图已上传 店家补发的京东E卡已到账", "补发"),     # no 是: the evidence's sender is not named
])
def test_a_phrase_that_tells_an_action_stays(text: str, word: str) -> None:
    assert word in [e.text for e in LINTER.analyse(text).events]
