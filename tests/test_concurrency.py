"""One Linter shared by many threads: the same results as one thread, lazy set-up once."""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional

from reasonlint import Linter
from reasonlint.model import Result
from reasonlint.tokenize import Segmenter

THREADS = 8
CORPUS = Path(__file__).parent / "data" / "reasons.jsonl"
Call = tuple[str, str, Optional[str], Optional[str]]


def calls() -> list[Call]:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Odd inputs too: long (truncated), empty, surrogates, template mode, context.
    texts += ["", "\ud800不\x00", "订单号1234{X不，" * 400, "问题已解决", "XX月XX日已补发，订单号XXX"]
    out: list[Call] = []
    for i, text in enumerate(texts):
        out.append((text, "reason", None, None))
        out.append((text, "template" if i % 2 else "reason", "没有收到货，要求退款", ("platform", "payment", None)[i % 3]))
    return out


def check_all(linter: Linter, work: list[Call]) -> list[Result]:
    return [linter.check(t, mode=m, complaint=c, channel=ch) for t, m, c, ch in work]


def threaded(linter: Linter, work: list[Call]) -> dict[int, list[tuple[int, Result]]]:
    """Every call from THREADS threads at once, all starting together: thread -> results."""
    barrier = threading.Barrier(THREADS)
    results: dict[int, list[tuple[int, Result]]] = {k: [] for k in range(THREADS)}
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            barrier.wait()
            # Each thread walks the whole list from a different place, so threads hit
            # the same texts (shared caches) and different ones (concurrent misses).
            for j in range(len(work)):
                i = (j + k * len(work) // THREADS) % len(work)
                t, m, c, ch = work[i]
                results[k].append((i, linter.check(t, mode=m, complaint=c, channel=ch)))
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def test_threads_give_the_sequential_results() -> None:
    work = calls()
    expected = check_all(Linter(), work)
    got = threaded(Linter(), work)          # a fresh linter: its lazy set-up races too
    for k, pairs in got.items():
        assert sorted(i for i, _ in pairs) == list(range(len(work)))
        for i, r in pairs:
            assert r == expected[i], (k, i, work[i][0][:40])
            assert r.to_dict() == expected[i].to_dict()
            assert r.parts == expected[i].parts


def test_executor_map_keeps_results_per_input() -> None:
    work = calls()
    linter = Linter()
    expected = check_all(Linter(), work)
    with ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(lambda c: linter.check(c[0], mode=c[1], complaint=c[2], channel=c[3]), work * 3))
    assert got == expected * 3


def test_word_table_is_built_once() -> None:
    linter = Linter()
    assert linter.segmenter.builds == 0  # built on first use, not by Linter()
    barrier = threading.Barrier(THREADS)

    def first_use(_: int) -> Result:
        barrier.wait()
        return linter.check("商家已于11月3日补发货，订单号20261103001，物流记录已附。")

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(first_use, range(THREADS)))
    assert linter.segmenter.builds == 1
    assert all(r == results[0] for r in results)


def test_jieba_tokenizer_is_built_once() -> None:
    segmenter = Segmenter()
    barrier = threading.Barrier(THREADS)

    def get(_: int) -> object:
        barrier.wait()
        return segmenter.jieba

    with ThreadPoolExecutor(THREADS) as pool:
        tokenizers = list(pool.map(get, range(THREADS)))
    assert segmenter.builds == 1
    assert segmenter.table.full_loads == 1
    assert all(t is tokenizers[0] for t in tokenizers)
    # The shared tokenizer cuts like our own segmenter.
    text = "商家已于11月3日补发货，物流记录已附"
    assert tokenizers[0].lcut(text, HMM=False) == segmenter.words(text)
