"""Every entry of lexicons/grammar.txt, one case each, next to the same frame without it.

grammar.txt holds the function words the readers look for around phrases (who says
it, a question's end, a condition's edge, what makes an action told as completed). A
word here changes a reading only in its place, so each case reads a frame with the
entry and, where the entry is what decides, the same frame with a neutral word
instead: the two must differ in the way the section says.
"""
from __future__ import annotations

import pytest

from reasonlint import Linter
from reasonlint.lexicon import load

LEX = load()
LINTER = Linter()
TAIL = "，订单号20261103001，截图已附。"


def entries(section: str) -> list[str]:
    found = LEX["grammar"].words(section)
    assert found, f"grammar.txt [{section}] has no entries"
    return found


def params(section: str) -> list:
    return [pytest.param(w, id=f"{section}:{w}") for w in entries(section)]


def actions(text: str) -> list[tuple[str, str]]:
    """(type, modality) of the resolution events of ``text``."""
    return [(e.type, e.modality) for e in LINTER.analyse(text).events if e.concrete]


def modality_of(text: str, kind: str) -> str:
    found = [m for t, m in actions(text) if t == kind]
    assert len(found) == 1, (text, actions(text))
    return found[0]


# -- who says it ---------------------------------------------------------------------------

@pytest.mark.parametrize("word", params("speech"))
def test_speech_word_carries_a_claim_over_a_comma(word):
    text = f"客服{word}，11月3日已经退款50元" + TAIL
    assert modality_of(text, "refunded") == "reported", (text, actions(text))


@pytest.mark.parametrize("word", params("reply"))
def test_reply_word_carries_a_claim_over_a_comma(word):
    text = f"商家{word}，11月3日已补发点卡" + TAIL
    assert modality_of(text, "reshipped") == "reported", (text, actions(text))


@pytest.mark.parametrize("word", params("reply_told_done"))
def test_a_reply_told_as_done_is_the_buyers_account(word):
    text = f"客服{word}回复，点卡11月3日已补发" + TAIL
    assert modality_of(text, "reshipped") == "done", (text, actions(text))
    assert modality_of(f"客服回复，点卡11月3日已补发{TAIL}", "reshipped") == "reported"


@pytest.mark.parametrize("word", params("addressee_marker"))
def test_the_actor_after_an_addressee_marker_is_the_one_told(word):
    # the buyer told the merchant: the buyer's own word, not the merchant's claim
    text = f"我{word}商家说11月3日已经收到补发的点卡了" + TAIL
    assert modality_of(text, "reshipped") == "done", (text, actions(text))
    assert modality_of(f"商家跟我说11月3日已经补发点卡了{TAIL}", "reshipped") == "reported"


# -- questions and forms -------------------------------------------------------------------

@pytest.mark.parametrize("word", params("final_particle"))
def test_a_clause_ending_in_a_final_particle_asks(word):
    text = f"商家11月3日已经补发了{word}" + TAIL
    assert modality_of(text, "reshipped") == "asked", (text, actions(text))


@pytest.mark.parametrize("word", params("tag_question"))
def test_a_tag_question_after_the_action_asks(word):
    text = f"商家11月3日已补发点卡，{word}？订单号20261103001，截图已附。"
    assert modality_of(text, "reshipped") == "asked", (text, actions(text))
    assert modality_of("商家11月3日已补发点卡，好的。订单号20261103001，截图已附。", "reshipped") == "done"


@pytest.mark.parametrize("word", params("yes"))
def test_a_forms_question_answered_yes_is_done(word):
    text = f"是否已补发：{word}\n订单号：20261103001\n日期：11月3日\n凭证：截图已附"
    assert modality_of(text, "reshipped") == "done", (text, actions(text))
    asked = "是否已补发：不清楚\n订单号：20261103001\n日期：11月3日\n凭证：截图已附"
    assert modality_of(asked, "reshipped") == "asked", (asked, actions(asked))


# -- conditions ----------------------------------------------------------------------------

@pytest.mark.parametrize("word", params("condition_after"))
def test_a_condition_in_the_clause_after_makes_the_action_conditional(word):
    text = f"商家答复可以全额退款，{word}先撤销投诉" + TAIL
    assert modality_of(text, "refunded") == "conditional", (text, actions(text))


@pytest.mark.parametrize("word", params("consequence"))
def test_a_consequence_takes_the_supposition_of_the_clause_before(word):
    text = f"假如我撤销投诉，{word}全额退款" + TAIL
    assert modality_of(text, "refunded") == "hypothetical", (text, actions(text))
    assert modality_of(f"假如我撤销投诉。全额退款{TAIL}", "refunded") != "hypothetical"


# -- completed or not ----------------------------------------------------------------------

PROMISED = "商家答应的点卡{w}补发"


@pytest.mark.parametrize("word", params("completed_before"))
def test_a_completion_word_before_the_action_tells_it_done(word):
    text = PROMISED.replace("{w}", word) + TAIL
    assert modality_of(text, "reshipped") == "done", (text, actions(text))
    assert modality_of(PROMISED.replace("{w}", "") + TAIL, "reshipped") == "promised"


@pytest.mark.parametrize("word", params("completed_after"))
def test_a_completion_word_after_the_action_tells_it_done(word):
    text = f"商家答应的点卡补发{word}" + TAIL
    assert modality_of(text, "reshipped") == "done", (text, actions(text))


@pytest.mark.parametrize("word", params("not_yet_after"))
def test_a_plan_after_the_completion_word_is_not_done(word):
    text = f"商家答应点卡补发了{word}撤销投诉" + TAIL
    assert modality_of(text, "reshipped") != "done", (text, actions(text))


@pytest.mark.parametrize("word", params("alternative"))
def test_an_alternative_shares_the_modality_of_the_action_before(word):
    text = f"商家答应重新补发一张，{word}全额退款" + TAIL
    assert modality_of(text, "refunded") == "promised", (text, actions(text))


@pytest.mark.parametrize("word", params("whole_price"))
def test_a_payout_of_the_whole_price_is_a_full_refund(word):
    text = f"商家11月3日已赔付{word}68元" + TAIL
    refunds = [e for e in LINTER.analyse(text).events if e.type == "refunded"]
    assert [e.scope for e in refunds] == ["full"], (text, refunds)
    plain = LINTER.analyse(f"商家11月3日已赔付68元{TAIL}").events
    assert [e.scope for e in plain if e.type == "refunded"] == ["compensation"]


@pytest.mark.parametrize("word", params("replacement"))
def test_a_failure_of_the_replacement_is_the_fix_failing(word):
    text = f"{word}卡密还是无效，11月3日补的" + TAIL
    *_, e = [e for e in LINTER.analyse(text).events if e.type == "reshipped"]
    assert e.restated, (text, LINTER.analyse(text).events)
    assert LINTER.check(text).verdict != "accept"


# -- evidence ------------------------------------------------------------------------------

def roles(text: str) -> list[str]:
    return [e.role for e in LINTER.analyse(text).entities.evidence]


@pytest.mark.parametrize("word", params("evidence_source_tail"))
def test_an_action_that_names_who_sent_the_evidence_is_no_action(word):
    text = f"订单号20261103001，11月3日，截图是客服发{word}。"
    assert actions(text) == [], (text, actions(text))


@pytest.mark.parametrize("word", params("evidence_empty"))
def test_an_evidence_noun_followed_by_an_empty_word_is_denied(word):
    text = f"商家11月3日已退款50元，订单号20261103001，截图{word}。"
    assert roles(text) == ["denied"], (text, roles(text))


@pytest.mark.parametrize("word", params("evidence_empty_value"))
def test_an_empty_value_after_a_colon_denies_the_evidence(word):
    text = f"商家11月3日已退款50元，订单号20261103001，截图：{word}"
    assert roles(text) == ["denied"], (text, roles(text))
    assert roles("商家11月3日已退款50元，订单号20261103001，截图：已附") == [""]


def test_grammar_words_are_not_added_to_the_segmenters_dictionary():
    from reasonlint.tokenize import domain_words

    words = set(domain_words())
    only_here = {w for w in LEX["grammar"].all_words() if len(w) > 1} - {
        w for name in LEX if name != "grammar" for w in LEX[name].all_words()}
    assert only_here and not only_here & words


@pytest.mark.parametrize("word", params("agreement_verb"))
def test_an_agreement_verb_right_before_the_action_leaves_it_to_come(word):
    text = f"商家{word}退款了" + TAIL
    assert modality_of(text, "refunded") == "promised", (text, actions(text))
    # agreed, and then done: 并 after the verb starts a fact of its own
    done = f"商家已{word}并于11月3日全额退款45元" + TAIL
    assert modality_of(done, "refunded") == "done", (done, actions(done))


@pytest.mark.parametrize("word", params("disposal_object"))
def test_jiang_before_its_object_is_no_future(word):
    text = f"客服于11月3日将{word}全额退回" + TAIL
    assert modality_of(text, "refunded") == "done", (text, actions(text))
    assert modality_of(f"客服将于11月5日全额退回{TAIL}", "refunded") == "promised"


@pytest.mark.parametrize("word", [pytest.param(w, id=f"told_fill:{w}") for w in LEX["placeholders"].words("told_fill")])
def test_a_bracket_that_tells_what_was_filled_is_no_placeholder(word):
    text = f"是我自己把账号{word}（{word}一位数字），商家11月3日已帮我重新充值" + TAIL
    assert not LINTER.analyse(text).entities.placeholders, text
    assert LINTER.analyse(f"商家11月3日已补发（请填写订单号）{TAIL}").entities.placeholders


@pytest.mark.parametrize("word", params("working_after"))
def test_a_working_word_after_the_action_says_the_goods_work(word):
    text = f"商家11月3日已充值{word}" + TAIL
    scopes = [e.scope for e in LINTER.analyse(text).events if e.concrete]
    assert "working" in scopes, (text, LINTER.analyse(text).events)


@pytest.mark.parametrize("word", params("whole_refund_before"))
def test_a_whole_word_before_a_refund_makes_it_full(word):
    text = f"商家11月3日已{word}退款" + TAIL
    refunds = [e for e in LINTER.analyse(text).events if e.type == "refunded"]
    assert refunds and refunds[0].scope == "full", (text, refunds)


@pytest.mark.parametrize("word", params("money_before"))
def test_a_money_word_before_an_arrival_makes_it_a_refund(word):
    text = f"商家11月3日退的{word}已到账" + TAIL
    assert "refunded" in [t for t, _ in actions(text)], (text, actions(text))


@pytest.mark.parametrize("word", params("goods_money"))
def test_a_goods_balance_before_an_arrival_stays_goods(word):
    text = f"Steam{word}已到账100元" + TAIL
    assert [t for t, _ in actions(text)] == ["delivered"], (text, actions(text))


@pytest.mark.parametrize("text,denied", [
    ("商家11月3日已退款，订单号20261103001，没有任何凭证", True),    # 任, 何, 有 between
    ("商家11月3日已退款，订单号20261103001，没有截图凭证", True),    # 截, 图 between
    ("商家11月3日已退款，订单号20261103001，截图也没有", True),      # [evidence_short_gap] 也
    ("商家11月3日已退款，订单号20261103001，截图没有了", True),      # [clause_tail] 了
    ("商家11月3日已退款，订单号20261103001，附上退款没到账时的截图", False),
    ("商家11月3日已退款，订单号20261103001，截图显示没有问题", False),
])
def test_evidence_gap_and_tail_characters(text, denied):
    found = roles(text)
    assert (bool(found) and all(r == "denied" for r in found)) is denied, (text, found)
