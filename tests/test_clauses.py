"""Clauses, sentences, asides and quotes."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reasonlint.clauses import split


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in split(text).clauses]


def test_examples():
    assert pieces("商家已于11.3补发，退款50.5元。物流记录已附") == ["商家已于11.3补发", "退款50.5元", "物流记录已附"]
    assert pieces("") == [] and pieces("，。") == []


def test_an_aside_does_not_end_its_clause():
    c = split("商家11月3日未（因为缺货）补发，订单号1")
    text = "商家11月3日未（因为缺货）补发，订单号1"
    assert [text[s:e] for s, e in c.clauses] == ["商家11月3日未（因为缺货）补发", "订单号1"]
    assert [text[s:e] for s, e in c.asides] == ["因为缺货"]
    assert [text[s:e] for s, e in c.inner] == ["因为缺货"]


def test_a_space_before_chinese_ends_a_clause_and_one_before_a_number_does_not():
    assert pieces("已经退款了 八十块 订单号 KM1") == ["已经退款了", "八十块", "订单号 KM1"]
    assert pieces("订单号 20261107310，退了 50元") == ["订单号 20261107310", "退了 50元"]


def test_a_space_between_two_numbers_ends_a_clause():
    # typed without commas: the number ends, a date starts its own clause
    assert pieces("订单号20261107310 11月7日补发 截图已附") == ["订单号20261107310", "11月7日补发", "截图已附"]
    assert pieces("refund 30 RMB") == ["refund 30 RMB"]


def test_sentences_and_quotes():
    text = "商家回复“已补发，请查收”。我已收到"
    c = split(text)
    assert [text[s:e] for s, e in c.sentences] == ["商家回复“已补发，请查收”", "我已收到"]
    assert [text[s:e] for s, e in c.quotes] == ["已补发，请查收"]


def test_lookups():
    text = "商家已补发，订单号1。截图已附"
    c = split(text)
    assert c.at(0) == 0 and c.at(text.index("订单")) == 1 and c.at(text.index("，")) == -1
    assert c.clause(text.index("截图")) == (text.index("截图"), len(text))
    assert c.ends == ("，", "。", "")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("已补发退款1234.，,。;：:、（）[]【】“\"…|/\n\r\tab ~")), max_size=30).map("".join))
def test_clauses_are_in_order_and_never_overlap(text):
    c = split(text)
    assert len(c.ends) == len(c.clauses)
    last = 0
    for s, e in c.clauses:
        assert last <= s < e <= len(text)
        last = e
    for s, e in c.inner:
        assert any(a <= s and e <= b for a, b in c.asides)
