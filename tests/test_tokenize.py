from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reasonlint.tokenize import Segmenter, domain_words

SENTENCES = [
    "商家已于11月3日补发货,订单号20261103001,物流记录已附。",
    "卖家说会在明天退款，但是至今还没有到账",
    "点卡卡密已重新发送，可以正常使用，聊天记录截图见附件",
    "问题已解决，不想投诉了",
    "退款50元已到账,交易号4200001234567890123，2026-11-03处理完毕",
    "对方 未按时发货\r\n但已补发！  abc123 ABC-12.5% T恤 C语言",
    "我在上周五购买了Q币，兑换码无效，客服答应三天内退还¥99.00",
    "ＡＢＣ１２３全角字符和半角abc混排，还有表情😀和换行\n第二行",
    "",
]


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="module")
def reference():
    """jieba itself: full dictionary, the same domain words, HMM off."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for word in domain_words():
        tk.add_word(word)
    return tk


def words(seg: Segmenter, text: str) -> list[str]:
    return [t.text for t in seg.tokenize(text)]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_as_jieba(seg, reference, text):
    assert words(seg, text) == reference.lcut(text, HMM=False)


@pytest.mark.parametrize("text", SENTENCES)
def test_offsets_index_the_text(seg, text):
    tokens = seg.tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert all(a.end == b.start for a, b in zip(tokens, tokens[1:]))


@pytest.mark.parametrize("word", ["到账", "物流记录", "卡密", "订单号", "兑换码", "聊天记录"])
def test_domain_words_stay_whole(seg, word):
    assert word in domain_words()
    text = f"商家说{word}已经处理好了"
    assert word in words(seg, text)


def test_domain_words_stay_whole_in_context(seg):
    got = words(seg, "商家已于11月3日补发货,订单号20261103001,物流记录已附。")
    assert "订单号" in got
    assert "物流记录" in got
    assert "20261103001" in got  # digits run together, as in jieba


def test_markers_are_not_glued_into_unknown_words(seg):
    # HMM would give 3/日补/发货 and 会退.
    got = words(seg, "3日补发货，客服说会退款")
    assert "日补" not in got
    assert "会退" not in got


def test_ascii_runs_and_separators(seg):
    assert words(seg, "abc123 x\r\ny") == ["abc123", " ", "x", "\r\n", "y"]
    assert words(seg, "，。！") == ["，", "。", "！"]


def test_extra_lexicon_words_stay_whole(tmp_path: Path):
    (tmp_path / "userwords.txt").write_text("[words]\n鲸落卡\n", encoding="utf-8")
    text = "我买的鲸落卡已到账"
    assert "鲸落卡" not in words(Segmenter(), text)
    assert "鲸落卡" in words(Segmenter((tmp_path,)), text)


def test_cache_does_not_change_results(seg):
    uncached = Segmenter(cache_size=0)
    for text in SENTENCES * 2:
        assert seg.tokenize(text) == uncached.tokenize(text)


def test_lazy_build_happens_once_under_threads():
    seg = Segmenter()
    barrier = threading.Barrier(8)
    results: list[list[list[str]]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            results.append([words(seg, text) for text in SENTENCES])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert seg.builds == 1
    expected = [words(Segmenter(), text) for text in SENTENCES]
    assert results == [expected] * 8


def test_jieba_property_cuts_the_same(seg, reference):
    tk = seg.jieba
    assert tk is seg.jieba  # built once
    for text in SENTENCES:
        assert tk.lcut(text, HMM=False) == reference.lcut(text, HMM=False)


CHARS = st.sampled_from(list("商家已于补发货订单号物流记录附卡密到账退款没有未说会明天客服一二三十月日号元块"
                             "的了是在我你他不也就都和把被给从对向往问题解决投诉撤销")
                        + list("0123456789abcXYZ-._%+#& ，。！？\r\n\t·/（）"))


@settings(max_examples=200, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join))
def test_random_text_same_as_jieba(seg, reference, text):
    assert words(seg, text) == reference.lcut(text, HMM=False)


def test_tokenize_never_imports_jieba():
    # jieba's import (pkg_resources) and initialize() are what the table avoids.
    import subprocess
    import sys

    code = ("import sys; from reasonlint.tokenize import Segmenter; "
            "Segmenter().tokenize('商家已于11月3日补发货,订单号20261103001'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'pkg_resources')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@settings(max_examples=300, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join), st.integers(-3, 45), st.integers(-3, 45))
def test_lazy_tokens_answer_as_the_full_list(seg, text, a, b):
    full = seg.tokenize(text)
    lazy = seg.lazy(text)
    starts = {t.start for t in full}
    # Questions first, while nothing else is cut: each answer comes from its own piece.
    assert lazy.is_start(a) == (a in starts)
    assert lazy.between(a, b) == [t for t in full if t.start < b and t.end > a and a < b]
    assert all(seg.lazy(text).is_start(p) == (p in starts) for p in range(-1, len(text) + 2))
    assert list(lazy) == full and lazy == full and len(lazy) == len(full)


def test_lazy_tokens_cut_only_the_pieces_asked_about(seg):
    text = "订单号123已补发，聊天记录截图已附。客服说明天退款"
    lazy = seg.lazy(text)
    assert lazy.cut_so_far == []
    assert lazy.is_start(text.index("已"))
    assert lazy.cut_so_far == ["订单号123已补发"]
    lazy.between(text.index("截图"), text.index("截图") + 2)
    assert lazy.cut_so_far == ["订单号123已补发", "聊天记录截图已附"]
    assert list(lazy) == seg.tokenize(text)  # the rest is cut when the whole is asked for
    assert "".join(lazy.cut_so_far) == text
