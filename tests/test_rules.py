"""Each rule's checks on near misses: pairs that differ by the one thing the rule is about."""
from __future__ import annotations

import pytest

import reasonlint
from reasonlint.rules import RULES, get_rule, resolve_codes


def test_lookup_by_code_or_name():
    assert get_rule("RL203").name == "missing-date"
    assert get_rule("missing-date").code == "RL203"
    assert get_rule("rl203").code == "RL203"
    with pytest.raises(KeyError):
        get_rule("RL999")


def test_resolve_codes_accepts_prefixes_and_all():
    assert resolve_codes(["RL2"]) == {"RL201", "RL202", "RL203", "RL204", "RL205", "RL206", "RL207"}
    assert resolve_codes(["ALL"]) == {r.code for r in RULES}
    assert resolve_codes(["missing-date", "RL101"]) == {"RL203", "RL101"}


# Near misses: each pair differs by the one thing the rule is about.
NEAR_MISSES = [
    # (code, fires on, silent on, kwargs)
    ("RL101", "手误提交，撤销投诉", "商家已于11月3日补发货，订单号20261103001，截图已附", {}),
    ("RL101", "个人原因，请撤销", "本人填错充值账号，商家已于11月3日改正，订单号20261103001", {}),
    ("RL102", "点卡已收到", "点卡已于11月3日收到，订单号20261103001", {}),
    ("RL201", "已处理好了，订单号20261103001，截图已附", "已补发好了，订单号20261103001，截图已附", {}),
    ("RL201", "跟商家沟通过了，订单号20261103001", "商家已退款50元，订单号20261103001", {}),
    ("RL202", "商家已于11月4日补发，快递单号SF1234567890123，截图已附",
     "商家已于11月4日补发，订单号KM20261104001，截图已附", {}),
    ("RL202", "商家已于11月4日补发，截图已附", "商家已于11月4日补发，投诉单号TS2026110400419，截图已附", {}),
    ("RL203", "商家已补发，订单号20261103001，截图已附", "商家已于2026-11-03补发，订单号20261103001，截图已附", {}),
    ("RL204", "商家前天已补发，订单号20261103001，截图已附", "商家11月3日已补发，订单号20261103001，截图已附", {}),
    ("RL204", "上周五商家已退款50元，订单号20261103001", "11月3日商家已退款50元，订单号20261103001", {}),
    ("RL205", "商家已于11月3日补发，订单号20261103001", "商家已于11月3日补发，订单号20261103001，聊天记录已附", {}),
    ("RL206", "商家已于11月3日全额退款，订单号20261103001，截图已附",
     "商家已于11月3日全额退款88元，订单号20261103001，截图已附", {}),
    ("RL301", "商家至今未补发，订单号20261103001", "商家未按时发货，但已于11月5日补发，订单号20261103001", {}),
    ("RL301", "退款一直没到账，订单号20261103001", "退款迟迟未到账，现已于11月7日到账，订单号20261103001", {}),
    ("RL302", "商家保证明天补发，订单号20261103001", "商家已于11月3日补发，订单号20261103001", {}),
    ("RL302", "商家说撤诉后就退款，订单号20261103001", "商家已退款，我现在申请撤诉，订单号20261103001", {}),
    ("RL302", "退款申请已提交，订单号20261103001", "退款已于11月3日到账，订单号20261103001", {}),
    ("RL303", "商家已于11月3日补发点卡，订单号20261103001", "商家已于11月3日退款30元，订单号20261103001",
     {"complaint": "重复扣款"}),
    ("RL304", "商家已于11月3日补发，订单号____，截图已附", "商家已于11月3日补发，订单号20261103001，截图已附", {}),
    ("RL304", "商家已于${date}补发，订单号20261103001", "商家已于11月3日补发，订单号20261103001", {}),
    ("RL401", "商家已于11月3日退款50元，订单号20261103001", "商家已同意协商并于11月3日退款50元，订单号20261103001",
     {"channel": "payment"}),
    ("RL402", "已在黑猫投诉撤诉，商家口头承诺退款", "已与商家签订和解协议，黑猫投诉已撤回，协议照片已附", {}),
    ("RL402", "商家已于11月3日退款50元，订单号20261103001", "商家已于11月3日退款50元，书面和解协议已附，订单号20261103001",
     {"channel": "third_party"}),
    ("RL403", "支付宝和12315都投诉了，商家已退款", "商家已通过支付宝退款50元，订单号20261103001", {}),
]


@pytest.mark.parametrize("code,bad,good,kwargs", NEAR_MISSES, ids=[f"{c}-{i}" for i, (c, *_r) in enumerate(NEAR_MISSES)])
def test_near_miss(code, bad, good, kwargs):
    assert code in {f.code for f in reasonlint.check(bad, **kwargs).findings}
    assert code not in {f.code for f in reasonlint.check(good, **kwargs).findings}


def test_finding_spans_point_at_the_words():
    text = "还要等几天，商家说会补发，订单号XXX"
    r = reasonlint.check(text)
    by_code = {f.code: f for f in r.findings}
    assert text[by_code["RL304"].start:by_code["RL304"].end] == "XXX"
    assert text[by_code["RL302"].start:by_code["RL302"].end] == "补发"


def test_ignore_and_select_change_findings():
    from reasonlint import Config, Linter

    text = "问题已解决"
    only = Linter(Config.make(select=["template-phrase"])).check(text)
    assert {f.code for f in only.findings} == {"RL101"}
    without = Linter(Config.make(ignore=["RL1"])).check(text)
    assert not {f.code for f in without.findings} & {"RL101", "RL102"}
    assert "RL201" in {f.code for f in without.findings}


@pytest.mark.parametrize("text", [
    "问题已解决", "问题已经解决了", "问题都处理好了", "問題已解決", "问题以解决",
    "不想投诉了", "不想再投诉", "不用继续投诉了", "不想投述了",
    "手误提交", "误操作", "点错了", "投诉错了", "手误，请撤销",
    "个人原因", "没事了", "不需要了", "不想追究了", "重复投诉",
])
def test_template_phrase_forms(text):
    assert "RL101" in {f.code for f in reasonlint.check(text).findings}


@pytest.mark.parametrize("text", [
    "本人手误填错了充值账号，商家已于11月3日改正，订单号20261103001",  # a specific mistake
    "是我自己的原因看错区服，商家已换卡，订单号20261103001",
    "不再追究，商家已于11月3日退款50元，订单号20261103001",
    "申请撤销投诉，商家已于11月3日补发，订单号20261103001",
])
def test_template_phrase_not_on_specific_wording(text):
    assert "RL101" not in {f.code for f in reasonlint.check(text).findings}


@pytest.mark.parametrize("text", [
    "买了405元的话费，商家承诺会退款，而且11月3日已经按承诺退了45元，订单号KM20261103011，截图附",
    "订单金额199元，商家11月3日退款到账19.9元，订单号20261103001，截图已附",
])
def test_a_refund_short_of_the_price_is_reported_as_part_of_it(text):
    r = reasonlint.check(text)
    messages = {f.name: f.message for f in r.findings}
    assert r.verdict == "reject"
    assert messages["negated-resolution"].startswith("只解决了一部分")
    assert "退" in messages["negated-resolution"]
