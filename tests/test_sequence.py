"""The passes over a reason's events in reading order (reasonlint.sequence), seen through
``Linter.analyse``: what a later event says of an earlier one."""
from __future__ import annotations

import pytest

from reasonlint.linter import Linter

LINTER = Linter()


def events(text: str) -> list[tuple[str, str, str]]:
    """(type, modality, scope) of each event of ``text``."""
    return [(e.type, e.modality, e.scope) for e in LINTER.analyse(text).events]


def state(text: str) -> tuple[str, str]:
    s = LINTER.analyse(text).state
    return s.resolution, s.status


@pytest.mark.parametrize("text", [
    "商家11月8日退款了，可是实际只退了90元，订单号20261108231",
    "客服11月9日给我退了钱，不过只退了一半，订单号KM20261109017",
    "商家已补发了卡密，其中只有两张能用，订单号20261112440",
])
def test_a_later_part_narrows_the_completion_before_it(text: str) -> None:
    found = events(text)
    assert found and all(scope == "partial" for kind, modality, scope in found if modality == "done")
    assert state(text)[1] == "partial"


@pytest.mark.parametrize("text", [
    "商家11月8日已退款120元，订单号20261108231，全部到账",
    "11月8日已退款，订单号20261108231，部分退款的手续费也退了",
])
def test_a_completion_without_a_narrowing_word_stays_whole(text: str) -> None:
    assert state(text)[1] == "done"


@pytest.mark.parametrize("text,resolution", [
    ("客服先只退了一半，11月10日把剩下的60元也退了，订单号KM20261109017", "refunded"),
    ("钻石11月14日先到了一半，另一半11月15日也到了，订单号YS20261114002", "delivered"),
])
def test_the_rest_completed_later_completes_the_whole(text: str, resolution: str) -> None:
    assert state(text) == (resolution, "done")


@pytest.mark.parametrize("text,kind", [
    ("订单号：20261203118\n处理方式：退款\n处理状态：待处理", "refunded"),
    ("订单号：20261203119\n处理方式：补发卡密\n处理结果：审核中", "reshipped"),
    ("订单20261117301在11月17日已补发，订单20261117302客服说还在处理中", "reshipped"),
])
def test_an_outcome_still_to_come_takes_the_kind_before_it(text: str, kind: str) -> None:
    assert (kind, "pending", "") in [(t, m, "") for t, m, _ in events(text)]
    assert state(text) == ("none", "pending")


@pytest.mark.parametrize("text", [
    "订单号20261117301在11月17日已补发，平台还在处理中",        # no other order named
    "订单20261117301已补发，订单20261117301的投诉还在处理中",   # the same order
    "订单号：20261203118\n处理方式：退款\n备注：待处理",          # 备注 holds no state
])
def test_an_outcome_still_to_come_elsewhere_keeps_no_kind(text: str) -> None:
    assert ("vague", "pending") in [(t, m) for t, m, _ in events(text)]
    assert state(text)[1] == "done"


def test_a_completion_said_again_for_its_date_is_nothing_new() -> None:
    a = LINTER.analyse("换了一张新卡，还是充值失败，11月5日换的")
    assert [e.restated for e in a.events if e.type == "exchanged"] == [False, True]
    assert a.state.resolution == "none"


@pytest.mark.parametrize("text", [
    "5张卡坏了，商家11月3日补了3张，订单号20261103001",
    "买了五个兑换码，11月9日补发了四个，订单号KM20261109305",
    "10张卡密失效，商家11月12日换了7张，订单号20261112660",
])
def test_a_count_short_of_the_one_told_before_is_part(text: str) -> None:
    assert state(text)[1] == "partial"


@pytest.mark.parametrize("text", [
    "买了5张，坏了2张，商家11月3日补了2张，订单号20261103001",         # the problem's count is met
    "4张只到了2张，商家11月7日又补了2张，订单号20261107803",          # the parts add up
    "5张卡都没到，商家11月3日补发了5张，订单号20261103001",
    "会员没到账，商家11月3日补了3个月会员，订单号20261103912",         # a span, not pieces
    "买了2张，商家11月3日补了3张，订单号20261103001",                  # more than told is not less
])
def test_a_count_that_meets_the_one_told_before_is_whole(text: str) -> None:
    assert state(text)[1] == "done"


def test_a_failure_told_as_before_after_the_fix_is_the_original_problem() -> None:
    assert state("商家11月3日补了会员，之前的会员没到账，订单号20261103912") == ("reshipped", "done")


@pytest.mark.parametrize("text", [
    "客服说商家已处理完毕，已经补发了，订单号20261103001，11月3日",
    "客服跟我说商家11月3日已经退款了，退了50元，订单号20261103001",
    "商家回复说退款已经处理，11月3日已退回原账户，已经到账，订单号20261103001",
])
def test_a_claim_runs_on_into_the_clauses_after_it_that_name_no_one(text: str) -> None:
    assert [m for t, m, _ in events(text) if t != "vague"][-1] in ("reported", "uncertain")
    assert state(text)[1] != "done"


@pytest.mark.parametrize("text", [
    "商家说已经补发了，我查了确实到了，订单号20261103001，11月3日",   # the buyer's own check
    "客服说已经退款了，不过我11月3日自己查到已经到账了，订单号20261103001",  # a contrast, then the buyer
    "客服说会处理。11月3日已经补发了，订单号20261103001",                # a new sentence is the buyer's account
])
def test_a_claim_ends_at_the_buyers_own_account(text: str) -> None:
    assert state(text)[1] == "done"


@pytest.mark.parametrize("text", [
    "与商家协商一致，退款60元将于3个工作日内原路退回，订单号20261107120",
    "商家11月3日已退款30元明天到账，订单号20261103001",
])
def test_an_action_that_is_the_subject_of_one_to_come_is_to_come(text: str) -> None:
    assert all(m != "done" for t, m, _ in events(text) if t == "refunded")


def test_an_action_before_one_done_stays_done() -> None:
    assert state("商家11月3日退款30元已原路退回，订单号20261103001") == ("refunded", "done")


def test_an_empty_outcome_field_leaves_the_forms_resolution_still_to_come() -> None:
    text = "订单编号：20261106130\n处理方式：退款\n处理结果：\n处理时间：11月6日"
    assert ("refunded", "pending", "") in [(t, m, "") for t, m, _ in events(text)]
    assert state(text) == ("none", "pending")
    assert state("订单编号：20261106131\n处理方式：退款\n处理结果：已退款") == ("refunded", "done")


def test_a_colon_report_ends_with_its_quote() -> None:
    checked = "商家回复：“已经给您原路退回了”我打开支付宝看了，52元11月19日到账了，订单号DS20261119241"
    assert state(checked) == ("refunded", "done")
    assert state("商家回复：“已经给您原路退回了，请查收”，订单号DS20261119242")[1] != "done"


@pytest.mark.parametrize("text,kind", [
    ("会员没开成，商家补偿了一张10元优惠券，11月4日发的", "refunded"),
    ("之前没到账，商家补发了，11月5日到的", "reshipped"),
])
def test_a_dated_clause_with_de_after_a_completion_says_when_it_happened(text: str, kind: str) -> None:
    a = LINTER.analyse(text)
    restated = [e for e in a.events if e.restated]
    assert len(restated) == 1 and a.state.resolution == kind


@pytest.mark.parametrize("text,status", [
    ("双方签了和解协议，约定退款200元，商家已于11月14日履行完毕", "done"),
    ("双方签了和解协议，约定退款200元，商家至今未履行", "promised"),
])
def test_terms_carried_out_later_in_the_sentence_are_done(text: str, status: str) -> None:
    refunds = [e for e in LINTER.analyse(text).events if e.type == "refunded"]
    assert [e.modality for e in refunds] == [status]


def test_terms_said_to_be_carried_out_by_the_other_party_are_its_claim() -> None:
    refunds = [e for e in LINTER.analyse("约定退款200元，商家说已经履行完毕").events if e.type == "refunded"]
    assert [e.modality for e in refunds] == ["reported"]


@pytest.mark.parametrize("text", [
    "会员11月3日开通了，另一个商家说给退钱，可是到现在还没退呢",
    "点卡11月5日到了，商家答应把多扣的10元退给我，可一直没退",
])
def test_a_resolution_said_or_promised_then_not_done_stays_open(text: str) -> None:
    assert state(text) == ("none", "negated")
