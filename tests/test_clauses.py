"""Clause and sentence splitting: the same spans as cutting at every boundary match."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reasonlint.clauses import split, split_sentences

CLAUSE_BOUNDARY = re.compile(r"[，,。;；!！?？~～\n\r\t、：:（）()【】\[\]“”\"「」…|/]|(?<![0-9])\.|\.(?![0-9])")
SENTENCE_BOUNDARY = re.compile(r"[，,。;；!！?？\n\r]|(?<![0-9])\.|\.(?![0-9])")


def reference(text: str, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in boundary.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def test_examples():
    def pieces(text, cut=split):
        return [text[s:e] for s, e in cut(text)]

    assert pieces("商家已于11.3补发，退款50.5元。物流记录已附") == ["商家已于11.3补发", "退款50.5元", "物流记录已附"]
    assert pieces("a.b 1.x ..3") == ["a", "b 1", "x ", "3"]
    assert pieces("卡盟平台、微信支付都投诉了。已撤", split_sentences) == ["卡盟平台、微信支付都投诉了", "已撤"]
    assert split("") == [] and split("，。") == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("已补发退款1234.，,。;：:、（）[]“\"…|/\n\r\tab ~")), max_size=30).map("".join))
def test_same_spans_as_cutting_at_boundaries(text):
    assert split(text) == reference(text, CLAUSE_BOUNDARY)
    assert split_sentences(text) == reference(text, SENTENCE_BOUNDARY)
