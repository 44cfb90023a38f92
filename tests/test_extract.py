"""Entities: every date, amount, identifier and placeholder form the library promises."""
from __future__ import annotations

import pytest

import reasonlint


def values(text: str, kind: str, **kw) -> list:
    return [e.value for e in reasonlint.check(text, **kw).entities if e.kind == kind]


@pytest.mark.parametrize("text,expected", [
    ("商家已于11月3日补发", "11-03"),
    ("商家已于11月3号补发", "11-03"),
    ("商家已于2026年11月3日补发", "2026-11-03"),
    ("商家已于2026-11-03补发", "2026-11-03"),
    ("商家已于2026/11/03补发", "2026-11-03"),
    ("商家已于11/3补发", "11-03"),
    ("商家已于十一月三日补发", "11-03"),
    ("商家已于十一月二十九号补发", "11-29"),
    ("商家已于１１月３日补发", "11-03"),
    ("商家已于２０２６－１１－０３补发", "2026-11-03"),
    ("12月31日已退款", "12-31"),
])
def test_date_forms(text, expected):
    assert values(text, "date") == [expected]


@pytest.mark.parametrize("text", [
    "订单号20261103001已补发",       # digits of an id are not a date
    "商家3号已补发",                 # day only
    "退款12.5元已到账",              # an amount, not 12月5日
    "商家13/45补发",                 # no such month or day
    "昨天商家已补发",                # relative
])
def test_not_dates(text):
    assert values(text, "date") == []


@pytest.mark.parametrize("text,expected", [
    ("已退款50元", 50),
    ("已退款¥50", 50),
    ("已退款￥50", 50),
    ("已退款50.00元", 50),
    ("已退款50.5元", 50.5),
    ("已退款五十元", 50),
    ("退了一百二十块", 120),
    ("退了两百块钱", 200),
    ("已退回1,200元", 1200),
    ("已退款RMB 50", 50),
    ("已退款５０元", 50),
])
def test_amount_forms(text, expected):
    assert values(text, "amount") == [expected]


def test_amount_is_a_plain_number_in_json():
    d = reasonlint.check("已退款50.5元").to_dict()
    assert [e["value"] for e in d["entities"] if e["kind"] == "amount"] == [50.5]


@pytest.mark.parametrize("text,kind,expected", [
    ("订单号20261103001", "order_id", "20261103001"),
    ("订单号：KM2026110355", "order_id", "KM2026110355"),
    ("订单编号 TB-20261103-01", "order_id", "TB-20261103-01"),
    ("单号是583920174466", "order_id", "583920174466"),
    ("交易号4200001876202611036631", "order_id", "4200001876202611036631"),
    ("订单号２０２６１１０３９９８", "order_id", "2026110399" + "8"),
    ("投诉单号TS2026111200419", "complaint_id", "TS2026111200419"),
    ("工单号 GD20261112", "complaint_id", "GD20261112"),
    ("快递单号SF1432876655102", "tracking_no", "SF1432876655102"),
    ("物流单号YT7788123456", "tracking_no", "YT7788123456"),
    ("20261113662109这单已补发", "order_id", "20261113662109"),
])
def test_identifiers(text, kind, expected):
    assert values(text, kind) == [expected]


@pytest.mark.parametrize("text", [
    "快递单号SF1432876655102",       # a tracking number is evidence, not an order
    "SF1432876655102已签收",         # bare courier number
    "手机号13812345678",             # phone
    "联系电话13812345678",
    "充值QQ号1234567890",             # the account recharged, not an order
])
def test_not_order_ids(text):
    assert values(text, "order_id") == []


def test_id_text_keeps_original_and_value_is_nfkc():
    r = reasonlint.check("订单号ＫＭ２０２６１１０３")
    (e,) = [e for e in r.entities if e.kind == "order_id"]
    assert e.text == "ＫＭ２０２６１１０３"
    assert e.value == "KM20261103"
    assert r.text[e.start:e.end] == e.text


@pytest.mark.parametrize("text,slot", [
    ("订单号{order_id}", "order_id"),
    ("订单号${order_id}", "order_id"),
    ("订单号XXX", "order_id"),
    ("订单号ＸＸＸ", "order_id"),
    ("投诉单号XXX", "complaint_id"),
    ("于X月X日补发", "date"),
    ("于{date}补发", "date"),
    ("于【日期】补发", "date"),
    ("【订单号】已补发", "order_id"),
    ("退款XX元", "amount"),
    ("退款{amount}元", "amount"),
    ("订单号____", "order_id"),
    ("单号【请填写单号】", "order_id"),
    ("{evidence}已附", "evidence"),
])
def test_placeholders_name_their_slot(text, slot):
    r = reasonlint.check(text)
    assert values(text, "placeholder") == [slot]
    # a placeholder is never itself an id or a date
    assert not [e for e in r.entities if e.kind in ("order_id", "date", "amount")]


@pytest.mark.parametrize("text", [
    "订单号MS20261201X7已补发",   # X inside an id
    "Xbox点卡已到账",
    "【重要】商家已补发",          # a heading, not a slot
    "【订单信息】订单号20261118305【处理结果】商家已补发",   # headings of a one-line form
    "【订单号】20261118306 【处理结果】已退款50元 【凭证】退款截图已附",  # labels with values
    "【聊天记录】\n商家：已补发\n我：收到了",   # a heading on a line of its own over a pasted chat
])
def test_not_placeholders(text):
    assert values(text, "placeholder") == []


def test_a_value_slot_on_a_line_of_its_own_is_still_a_placeholder():
    # 【订单号】 under its label waits for the number; only evidence or unknown slots head lines
    assert values("订单号：\n【订单号】\n商家已补发", "placeholder") != []


def test_evidence_and_channel_entities():
    r = reasonlint.check("已在支付宝投诉，聊天记录和转账凭证已附")
    assert {e.value for e in r.entities if e.kind == "evidence"} == {"聊天记录", "转账凭证"}
    assert [e.value for e in r.entities if e.kind == "channel"] == ["payment"]


def test_transfer_means_is_not_a_channel():
    r = reasonlint.check("商家已通过支付宝退回60元，订单号KM2026111930")
    assert r.channel == "unknown"
    assert not [e for e in r.entities if e.kind == "channel"]


def test_action_values_carry_type_and_polarity():
    r = reasonlint.check("商家未按时发货，但已于11月5日补发")
    # the first sending (发货) is a delivery; sending again (补发) a reshipment
    assert [e.value for e in r.entities if e.kind == "action"] == ["delivered:negated", "reshipped:done"]


def test_spans_index_the_original_text():
    text = "商家已於１１月３日補發，訂單號２０２６１１０３９９８，截圖已附"
    r = reasonlint.check(text)
    for e in r.entities:
        assert text[e.start:e.end] == e.text
    assert {e.kind for e in r.entities} >= {"date", "order_id", "evidence", "action"}


@pytest.mark.parametrize("text,slots", [
    ("商家已于____年__月__日退款，订单号[订单号]", ["date", "order_id"]),
    ("商家已于（日期）补发，订单号（订单号）", ["date", "order_id"]),
    ("商家已于XX月XX日补发，订单号：________", ["date", "order_id"]),
    ("订单号***，商家已补发", ["order_id"]),
])
def test_more_placeholder_forms(text, slots):
    assert values(text, "placeholder") == slots


@pytest.mark.parametrize("text", [
    "话费已到账（运营商短信截图已附）",      # prose in brackets is not a slot
    "订单号TB2026110912007（原神账号交易）",
])
def test_bracketed_prose_is_not_a_placeholder(text):
    assert values(text, "placeholder") == []


@pytest.mark.parametrize("text,expected", [
    ("商家已退款伍拾元", 50),
    ("商家已退款叁佰元整", 300),
    ("商家已退款50元整", 50),
])
def test_capital_numeral_amounts(text, expected):
    assert values(text, "amount") == [expected]


@pytest.mark.parametrize("text,expected", [("商家已于11-5补发", "11-05"), ("12-01已退款", "12-01")])
def test_month_day_with_hyphen(text, expected):
    assert values(text, "date") == [expected]


@pytest.mark.parametrize("text,expected", [
    ("商家已退款50，订单号20261103001", [50]),
    ("退了30给我", [30]),
    ("已赔付1.2万元", [12000]),
    ("退款50元", [50]),
])
def test_amount_after_refund_verb_and_wan(text, expected):
    assert values(text, "amount") == expected


@pytest.mark.parametrize("text", ["退款11月3日已到账", "退款20261103001号单"])
def test_no_amount_from_dates_or_ids(text):
    assert values(text, "amount") == []


def test_spans_tell_overlap_as_a_scan_would():
    import random

    from reasonlint.extract import Spans

    rng = random.Random(3)
    for _ in range(200):
        kept: list[tuple[int, int]] = []
        spans = Spans()
        for _ in range(30):
            s = rng.randrange(0, 100)
            e = s + rng.randrange(1, 8)
            scan = any(s < be and bs < e for bs, be in kept)
            assert spans.overlaps(s, e) == scan
            if not scan:
                spans.add(s, e)
                kept.append((s, e))


def test_spans_refuse_an_overlapping_span():
    import pytest

    from reasonlint.extract import Spans

    spans = Spans([(3, 6)])
    with pytest.raises(ValueError):
        spans.add(5, 9)


@pytest.mark.parametrize("text,role", [
    ("我在11月2日提交的投诉，现在商家已经退款了", "complaint"),
    ("11月2日联系了客服，后来退款了", "complaint"),
    ("下单时间：2026-11-01 14:22\n处理结果：已退款", "purchase"),
])
def test_a_dates_role_from_its_cue(text, role):
    dates = [e for e in reasonlint.check(text).entities if e.kind == "date"]
    assert dates and dates[0].role == role
