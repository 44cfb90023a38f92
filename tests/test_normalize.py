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
