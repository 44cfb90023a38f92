from __future__ import annotations

from reasonlint.lexicon import load
from reasonlint.normalize import Normalizer


def norm(text: str) -> str:
    return Normalizer.from_lexicons(load())(text)


def test_one_character_per_character():
    for text in ["商家已於１１月３日補發", "㈠㈡ ½ ﬁ", "🎉👍", "e\u0301", "\ud800"]:
        assert len(norm(text)) == len(text)


def test_full_width_traditional_and_typos():
    assert norm("訂單號２０２６") == "订单号2026"
    assert norm("商家以于11月3日补发，定单号1") == "商家已于11月3日补发,订单号1"
    assert norm("ＸＸＸ") == "XXX"


def test_variants_replace_as_written_and_leave_other_text_alone():
    n = Normalizer(table={}, variants={"以于": "已于", "定单": "订单", "a.b": "a-b"})
    assert n("商家以于3日补发，定单号1") == "商家已于3日补发，订单号1"
    assert n("a.b axb") == "a-b axb"  # the variant is literal text, not a pattern
    assert n("没有任何错字") == "没有任何错字"
    assert Normalizer(table={}, variants={})("以于") == "以于"
