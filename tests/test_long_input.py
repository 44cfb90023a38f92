"""Long reasons: RL103 past ``max-length``, and only the first ``max-length`` characters
(of the reason and of the complaint) are ever analysed, so a call's work is bounded.

Speed itself is measured by ``bench/worst_case.py``, not asserted here.
"""
from __future__ import annotations

import json
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reasonlint import COMPILED, Config, Linter
from reasonlint.normalize import Normalizer
from reasonlint.phrases import PhraseMatcher, Scanner
from reasonlint.tokenize import Segmenter

GOOD = "商家已于11月3日补发货，订单号20261103001，物流记录已附。"
# Everything a rule or an extractor reacts to, for the part past the limit.
BUSY_TAIL = ("问题已解决，不想投诉了。已退款50元，快递单号SF1234567890，2026-11-05，[订单号]，"
             "XX月XX日，支付宝，黑猫投诉，12315，会退款，没有补发，充值卡。")
LIMIT = 60


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(max_length=LIMIT))


def too_long(result: object) -> list:
    return [f for f in result.findings if f.code == "RL103"]  # type: ignore[attr-defined]


def test_default_limit_is_2000() -> None:
    assert Config().max_length == 2000
    linter = Linter()
    assert not too_long(linter.check(GOOD * (2000 // len(GOOD)) + "x" * (2000 % len(GOOD))))
    over = "。" * 2001
    [f] = too_long(linter.check(over))
    assert (f.start, f.end) == (2000, 2001)


@pytest.mark.parametrize("extra", [0, 1, 7, 100_000])
def test_rl103_exactly_when_over_the_limit(linter: Linter, extra: int) -> None:
    text = (GOOD * 10)[:LIMIT] + BUSY_TAIL * (extra // len(BUSY_TAIL) + 1)
    text = text[: LIMIT + extra]
    found = too_long(linter.check(text))
    if extra == 0:
        assert found == []
        return
    [f] = found
    assert (f.start, f.end) == (LIMIT, len(text))
    assert f.name == "too-long"
    assert str(len(text)) in f.message and str(LIMIT) in f.message


@pytest.mark.parametrize("tail", [BUSY_TAIL, BUSY_TAIL * 3000, "1" * 100_000, "\ud800" * 5],
                         ids=["busy", "busy-x3000", "digits", "lone-surrogates"])
def test_nothing_past_the_limit_is_analysed(linter: Linter, tail: str) -> None:
    head = (GOOD * 2)[:LIMIT]
    short = linter.check(head)
    long = linter.check(head + tail)
    # What was found is exactly what the first LIMIT characters hold...
    assert long.entities == short.entities
    assert all(e.end <= LIMIT for e in long.entities)
    assert (long.score, long.verdict, long.resolution, long.channel) == \
           (short.score, short.verdict, short.resolution, short.channel)
    assert long.suggestion == short.suggestion
    # ...and the findings too, plus RL103; whole-text findings cover the whole text.
    codes = [f.code for f in long.findings]
    assert [c for c in codes if c != "RL103"] == [f.code for f in short.findings]
    assert codes.count("RL103") == 1
    for f in long.findings:
        assert f.start <= LIMIT or f.code == "RL103"
    json.dumps(long.to_dict())


@settings(max_examples=40, deadline=None)
@given(head=st.text(min_size=LIMIT, max_size=LIMIT), tail=st.text(min_size=1, max_size=200))
def test_any_tail_is_ignored(linter: Linter, head: str, tail: str) -> None:
    short, long = linter.check(head), linter.check(head + tail)
    assert long.entities == short.entities
    assert [f.code for f in long.findings if f.code != "RL103"] == [f.code for f in short.findings]
    assert len(too_long(long)) == 1


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the length of every string the expensive stages are handed."""
    seen: list[int] = []

    def wrap(cls: type, name: str) -> None:
        original: Callable = getattr(cls, name)

        def spy(self: object, text: str, *args: object, **kwargs: object) -> object:
            seen.append(len(getattr(text, "text", text)))  # a str or a Scan of one
            return original(self, text, *args, **kwargs)

        monkeypatch.setattr(cls, name, spy)

    wrap(Scanner, "scan")            # every lexicon phrase lookup
    wrap(PhraseMatcher, "find")      # and every lexicon regular expression
    wrap(Segmenter, "lazy")
    wrap(Normalizer, "__call__")
    return seen


LONG_CASES = [(text, complaint, mode) for text, complaint in ((BUSY_TAIL * 5000, None), (GOOD, BUSY_TAIL * 5000),
                                                             (BUSY_TAIL * 5000, BUSY_TAIL * 5000))
              for mode in ("reason", "template")]


@pytest.mark.parametrize("text, complaint, mode", LONG_CASES,
                         ids=[f"{w}-{m}" for w in ("long-text", "long-complaint", "both") for m in ("reason", "template")])
def test_every_stage_result_holds_at_most_max_length_characters(linter: Linter, text: str,
                                                                 complaint: "str | None", mode: str) -> None:
    # What each stage was handed, read off its result (this holds in both builds).
    a = linter.analyse(text, mode=mode, complaint=complaint, channel="platform")
    handed = {"normalise": a.text.original, "norm": a.text.norm, "scan": a.scan.text, "tokens": a.tokens.text,
              "reading": a.reading.text.norm, "complaint": a.complaint or ""}
    assert {stage: len(s) for stage, s in handed.items() if len(s) > LIMIT} == {}
    assert a.reading.truncated == (len(text) > LIMIT)


@pytest.mark.skipif(COMPILED, reason="compiled classes cannot be patched; "
                    "test_every_stage_result_holds_at_most_max_length_characters runs on both builds")
def test_stages_only_see_max_length_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every call into the expensive stages, internal ones included, seen by spies.
    linter = Linter(Config(max_length=LIMIT))
    seen = _recording(monkeypatch)
    huge = BUSY_TAIL * 5000
    for text, complaint in ((huge, None), (GOOD, huge), (huge, huge)):
        for mode in ("reason", "template"):
            seen.clear()
            linter.check(text, mode=mode, complaint=complaint, channel="platform")
            assert seen, "the spies saw nothing: the pipeline changed, update the spies"
            assert max(seen) <= LIMIT


def test_a_long_complaint_is_read_up_to_the_limit(linter: Linter) -> None:
    # The complaint is context: its first LIMIT characters decide, the rest is ignored.
    head = "。" * LIMIT
    plain = linter.check(GOOD, complaint=head)
    padded = linter.check(GOOD, complaint=head + "没有退款，要求退款" * 10_000)
    assert padded == plain
    assert "RL303" not in [f.code for f in padded.findings]
    # The same words inside the limit do count: the reshipment does not answer them.
    assert "RL303" in [f.code for f in linter.check(GOOD, complaint="没有退款，要求退款").findings]


@pytest.mark.parametrize("text", [
    "已退款" + "二" * 5000 + "元",          # a numeral too long for int() (4,300 digits)
    "已退款" + "9" * 5000 + "元",           # a number too big for a float
    "已退款" + "9" * 5000 + "万元",
    "订单号" + "9" * 5000,
    "11月" + "1" * 5000 + "日",
])
def test_huge_numbers_under_a_raised_limit(text: str) -> None:
    r = Linter(Config(max_length=20_000)).check(text)
    assert not too_long(r)
    json.dumps(r.to_dict(), allow_nan=False)
    assert all(e.kind != "amount" for e in r.entities)


@pytest.mark.parametrize("n", [1, 2, 1999, 2000, 2001])
def test_boundary_lengths_default_config(n: int) -> None:
    text = ("商家已退款" * 500)[:n]
    r = Linter().check(text)
    assert bool(too_long(r)) == (n > 2000)
