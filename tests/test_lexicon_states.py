"""Every plain entry of the lexicons that decide a reason's state, one case each.

The sections read by reasonlint.events and reasonlint.state (modality.txt, actors.txt,
the failure sections of negation.txt, the role cues of dates.txt, the polarity words of
evidence.txt, channels.txt [not_filed], the English and pinyin keywords and the
generated IME slips) each put their entry into a frame: a reason that is otherwise
complete, so that the entry alone decides what the test checks. A frame that does not
read naturally for an entry gets one of its own (a stale one fails
``test_own_frames_name_real_entries``).
"""
from __future__ import annotations

import pytest

import reasonlint
from reasonlint import Linter
from reasonlint.lexicon import Entry, load

LEX = load()
LINTER = Linter()
ORDER = "订单号20261103001"
OWN: dict[tuple[str, str, str], str] = {}   # (lexicon, section, entry) -> frame


def cases(lexicon: str, frames: dict[str, str], own: dict[tuple[str, str], str] | None = None) -> list:
    own = own or {}
    OWN.update({(lexicon, s, w): f for (s, w), f in own.items()})
    out = []
    for section, frame in frames.items():
        entries = [e for e in LEX[lexicon].entries(section) if not e.is_regex]
        assert entries, (lexicon, section)
        for e in entries:
            f = own.get((section, e.text), frame)
            assert f.count("{w}") == 1, f
            out.append(pytest.param(section, e, f.replace("{w}", e.text), id=f"{lexicon}:{section}:{e.text}"))
    return out


def where(e: Entry) -> str:
    return f"{e.path}:{e.line} {e.text!r}"


def events(text: str, **kw: object) -> list[tuple[str, str]]:
    return [(e.type, e.modality) for e in LINTER.analyse(text, **kw).events if e.concrete]


def codes(text: str, **kw: object) -> set[str]:
    return {f.code for f in reasonlint.check(text, **kw).findings}


# -- modality.txt ---------------------------------------------------------------------------

MODALITY = {"question": "asked", "hypothesis": "hypothetical", "wish": "wished", "request": "requested",
            "hedge": "uncertain", "report": "reported", "report_alone": "reported", "report_after": "reported"}
MODALITY_CASES = cases("modality", {
    "question": "商家已于11月3日补发货了{w}，" + ORDER + "，截图已附",
    "hypothesis": "{w}商家11月3日补发货，" + ORDER + "，截图已附",
    "wish": "{w}商家补发货，" + ORDER + "，截图已附",
    "request": "{w}补发货，" + ORDER + "，截图已附",
    "hedge": "商家11月3日{w}补发货了，" + ORDER + "，截图已附",
    "report": "商家{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    "report_alone": "{w}商家11月3日已经补发货了，" + ORDER + "，截图已附",
    "report_after": "11月3日已经补发货了（{w}），" + ORDER + "，截图已附",
}, {
    # asked before the action, or as a tag after it
    ("question", "是不是"): "商家{w}已经在11月3日补发货了，" + ORDER + "，截图已附",
    ("question", "有没有"): "商家{w}在11月3日补发货，" + ORDER + "，截图已附",
    ("question", "有木有"): "商家{w}在11月3日补发货，" + ORDER + "，截图已附",
    ("question", "能不能"): "商家{w}在11月3日补发货，" + ORDER + "，截图已附",
    ("question", "可不可以"): "商家{w}在11月3日补发货，" + ORDER + "，截图已附",
    ("question", "会不会"): "商家{w}在11月3日补发货，" + ORDER + "，截图已附",
    ("question", "是否"): "商家{w}已在11月3日补发货，" + ORDER + "，截图已附",
    ("question", "是吗"): "商家已于11月3日补发货了，{w}？" + ORDER + "，截图已附",
    ("question", "对吧"): "商家已于11月3日补发货了，{w}？" + ORDER + "，截图已附",
    ("question", "对吗"): "商家已于11月3日补发货了，{w}？" + ORDER + "，截图已附",
    # requests addressed to the merchant
    ("request", "让商家"): "{w}补发货，" + ORDER + "，截图已附",
    ("request", "请商家"): "{w}补发货，" + ORDER + "，截图已附",
    ("request", "叫商家"): "{w}补发货，" + ORDER + "，截图已附",
    ("request", "让他们"): "{w}补发货，" + ORDER + "，截图已附",
    ("request", "让客服"): "{w}补发货，" + ORDER + "，截图已附",
    ("request", "催"): "我一直在{w}商家补发货，" + ORDER + "，截图已附",
    ("request", "催促"): "我一直在{w}商家补发货，" + ORDER + "，截图已附",
    ("request", "请求"): "{w}商家补发货，" + ORDER + "，截图已附",
    ("request", "要求"): "{w}商家补发货，" + ORDER + "，截图已附",
    ("wish", "求"): "{w}商家补发货，" + ORDER + "，截图已附",
    # a guess before a completed action
    ("hedge", "应该是"): "商家11月3日{w}已经补发货了，" + ORDER + "，截图已附",
    ("hedge", "不确定"): "我{w}商家11月3日已经补发货了，" + ORDER + "，截图已附",
    ("hedge", "本以为"): "{w}商家11月3日已经补发货了，" + ORDER + "，截图已附",
    ("hedge", "以为"): "我{w}商家11月3日已经补发货了，" + ORDER + "，截图已附",
    ("hedge", "我以为"): "{w}商家11月3日已经补发货了，" + ORDER + "，截图已附",
    # a report word with what was said after it
    ("report", "告诉我"): "商家{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    ("report", "跟我说"): "商家{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    ("report", "和我说"): "商家{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    ("report", "说已经"): "商家{w}11月3日补发货了，" + ORDER + "，截图已附",
    ("report", "说已"): "商家{w}于11月3日补发货，" + ORDER + "，截图已附",
    ("report", "显示"): "商家那边{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    # a named speaker
    ("report_alone", "听商家说"): "{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    ("report_alone", "听客服说"): "{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    ("report_alone", "听卖家说"): "{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    ("report_alone", "据商家说"): "{w}11月3日已经补发货了，" + ORDER + "，截图已附",
    ("report_alone", "据客服说"): "{w}11月3日已经补发货了，" + ORDER + "，截图已附",
})


@pytest.mark.parametrize("section,entry,text", MODALITY_CASES)
def test_modality_entry_sets_the_modality(section, entry, text):
    found = events(text)
    assert found and found[-1][1] == MODALITY[section], (where(entry), text, found)
    r = reasonlint.check(text)
    assert r.verdict != "accept" and r.resolution == "none", (where(entry), text, r.verdict, r.resolution)


NOT_MODAL_CASES = cases("modality", {"not_modal": "{w}，商家已于11月3日补发货，" + ORDER + "，截图已附"})


@pytest.mark.parametrize("section,entry,text", NOT_MODAL_CASES)
def test_not_modal_entry_changes_nothing(section, entry, text):
    assert reasonlint.check(text).verdict == "accept", (where(entry), text, events(text))


# -- actors.txt -----------------------------------------------------------------------------

ACTOR_CASES = cases("actors", dict.fromkeys(("merchant", "service"), "{w}说11月3日已经补发货了，" + ORDER + "，截图已附"))


@pytest.mark.parametrize("section,entry,text", ACTOR_CASES)
def test_merchant_side_word_makes_a_claim(section, entry, text):
    assert events(text)[-1][1] == "reported", (where(entry), text, events(text))


BUYER_CASES = cases("actors", {"buyer": "{w}11月3日查了，已经收到补发的货，" + ORDER + "，截图已附"})


@pytest.mark.parametrize("section,entry,text", BUYER_CASES)
def test_the_buyers_own_word_is_a_confirmation(section, entry, text):
    assert reasonlint.check(text).verdict == "accept", (where(entry), text, events(text))


# -- modality.txt [unconfirmed], [own_check] -------------------------------------------------

# the buyer says the completion is not checked yet: it is a claim, not a confirmation
UNCONFIRMED_CASES = cases("modality", {"unconfirmed": "商家11月3日已补发，" + ORDER + "，截图已附，我{w}"})


@pytest.mark.parametrize("section,entry,text", UNCONFIRMED_CASES)
def test_not_checked_yet_is_no_confirmation(section, entry, text):
    r = reasonlint.check(text)
    assert r.verdict != "accept" and r.resolution == "none", (where(entry), text, events(text))


REPORTED = "客服告诉我：已退款30元，我到账了，" + ORDER + "，11月3日，截图已附"
OWN_CHECK_CASES = cases("modality", {"own_check": "客服告诉我：已退款30元，我{w}到账了，" + ORDER + "，11月3日，截图已附"})


def test_a_carried_report_stands_without_the_buyers_check() -> None:
    assert reasonlint.check(REPORTED).verdict != "accept", events(REPORTED)


@pytest.mark.parametrize("section,entry,text", OWN_CHECK_CASES)
def test_the_buyers_own_check_confirms_a_carried_report(section, entry, text):
    r = reasonlint.check(text)
    assert r.verdict == "accept" and r.resolution == "refunded", (where(entry), text, events(text))


OTHERS_CASES = cases("actors", {"others": "{w}都收到退款了，" + ORDER + "，截图已附"})


@pytest.mark.parametrize("section,entry,text", OTHERS_CASES)
def test_other_buyers_say_nothing_of_this_order(section, entry, text):
    assert all(m == "reported" for _, m in events(text)), (where(entry), text, events(text))


PLATFORM_CASES = cases("actors", dict.fromkeys(("platform", "bank"), "{w}显示11月3日已退款50元，" + ORDER + "，截图已附"))


@pytest.mark.parametrize("section,entry,text", PLATFORM_CASES)
def test_a_record_shown_by_a_system_is_no_claim(section, entry, text):
    assert reasonlint.check(text).verdict == "accept", (where(entry), text, events(text))


# -- negation.txt: failures, non-arrival, the past -------------------------------------------

FAILURE_AFTER = {
    "failure": "商家11月3日补发了新卡密，结果{w}，" + ORDER + "，截图已附",
    "money_failure": "商家11月3日已退款50元，结果{w}，" + ORDER + "，截图已附",
    "still_missing": "商家11月3日已补发，但我{w}，" + ORDER + "，截图已附",
    "taken_back": "商家11月3日已退款50元，结果后来{w}，" + ORDER + "，截图已附",
}
FAILURE_CASES = cases("negation", FAILURE_AFTER)
# What is taken back undoes whatever was completed last: goods as well as money.
TAKEN_BACK_GOODS = cases("negation", {"taken_back": "商家11月3日补发了点券，" + ORDER + "，截图已附，后来{w}"})


@pytest.mark.parametrize("section,entry,text", FAILURE_CASES)
def test_a_failure_after_a_completion_undoes_it(section, entry, text):
    r = reasonlint.check(text)
    assert r.verdict == "reject" and r.resolution == "none", (where(entry), text, events(text))
    assert "RL301" in {f.code for f in r.findings}, (where(entry), text)


@pytest.mark.parametrize("section,entry,text", TAKEN_BACK_GOODS)
def test_goods_taken_back_are_not_delivered(section, entry, text):
    r = reasonlint.check(text)
    assert r.verdict == "reject" and r.resolution == "none", (where(entry), text, events(text))


PAST_CASES = cases("negation", {"past": "{w}那张卡密无效，商家11月3日补发了新卡密，已经能正常使用，" + ORDER + "，截图已附"}, {
    ("past", "那张无效"): "之前{w}，商家11月3日补发了新卡密，已经能正常使用，" + ORDER + "，截图已附",
    ("past", "旧的"): "{w}卡密无效，商家11月3日补发了新卡密，已经能正常使用，" + ORDER + "，截图已附",
    ("past", "本来"): "{w}卡密是无效的，商家11月3日补发了新卡密，已经能正常使用，" + ORDER + "，截图已附",
})


@pytest.mark.parametrize("section,entry,text", PAST_CASES)
def test_the_past_is_the_original_problem(section, entry, text):
    assert reasonlint.check(text).verdict == "accept", (where(entry), text, events(text))
    late = "商家11月3日补发了新卡密，已经能正常使用，" + text.split("，")[0] + "，" + ORDER + "，截图已附"
    assert reasonlint.check(late).verdict == "accept", (where(entry), late, events(late))


# -- dates.txt role cues ----------------------------------------------------------------------

# the completion in a sentence of its own: a request granted later in its sentence
# (第三次申请11月10日通过了，而且已经退到账) would give the date to the resolution
ROLE_CASES = cases("dates", dict.fromkeys(("purchase", "request", "problem", "expiry"),
                                          "11月1日{w}。商家后来补发了，" + ORDER + "，截图已附"), {
    ("expiry", "有效期至"): "会员{w}12月1日。商家后来补发了，" + ORDER + "，截图已附",
    ("expiry", "到期时间"): "会员{w}12月1日。商家后来补发了，" + ORDER + "，截图已附",
    ("expiry", "到期日"): "会员{w}12月1日。商家后来补发了，" + ORDER + "，截图已附",
    ("expiry", "有效期"): "会员{w}到12月1日。商家后来补发了，" + ORDER + "，截图已附",
    ("expiry", "截止"): "会员{w}到12月1日。商家后来补发了，" + ORDER + "，截图已附",
})


@pytest.mark.parametrize("section,entry,text", ROLE_CASES)
def test_a_cue_gives_the_date_its_role(section, entry, text):
    r = reasonlint.check(text)
    dates = [e for e in r.entities if e.kind == "date"]
    assert dates and dates[0].role == section, (where(entry), text, dates)
    assert "RL203" in {f.code for f in r.findings}, (where(entry), text)


# -- evidence.txt [absent], [later] -----------------------------------------------------------

EVIDENCE_ROLE = cases("evidence", {
    "absent": "商家11月3日已补发，" + ORDER + "，截图{w}",
    "later": "商家11月3日已补发，" + ORDER + "，截图{w}补上",
}, {
    ("absent", "无"): "商家11月3日已补发，" + ORDER + "，凭证：{w}",
    ("absent", "没有"): "商家11月3日已补发，" + ORDER + "，{w}截图",
    ("absent", "也没有"): "商家11月3日已补发，" + ORDER + "，截图{w}",
    ("absent", "还没签"): "商家11月3日已补发，" + ORDER + "，和解协议{w}",
    ("absent", "没签"): "商家11月3日已补发，" + ORDER + "，和解协议{w}",
    ("absent", "未签"): "商家11月3日已补发，" + ORDER + "，和解协议{w}",
    ("absent", "没有签"): "商家11月3日已补发，" + ORDER + "，和解协议{w}",
    ("later", "补上"): "商家11月3日已补发，" + ORDER + "，截图晚点{w}",
    ("later", "再截"): "商家11月3日已补发，" + ORDER + "，等我{w}图",
})


@pytest.mark.parametrize("section,entry,text", EVIDENCE_ROLE)
def test_evidence_said_to_be_missing_is_no_evidence(section, entry, text):
    r = reasonlint.check(text)
    assert "RL205" in {f.code for f in r.findings}, (where(entry), text, [e for e in r.entities if e.kind == "evidence"])


# -- channels.txt [not_filed] -----------------------------------------------------------------

NOT_FILED_CASES = cases("channels", {"not_filed": "{w}12315投诉，好在商家11月3日已退款50元，" + ORDER + "，截图已附"})


@pytest.mark.parametrize("section,entry,text", NOT_FILED_CASES)
def test_a_channel_not_used_is_no_venue(section, entry, text):
    r = reasonlint.check(text)
    assert r.verdict == "accept" and "RL402" not in {f.code for f in r.findings}, (where(entry), text)


# -- english.txt and the generated pinyin and slips -------------------------------------------

def test_english_words_read_as_their_chinese() -> None:
    normalize = LINTER._normalize
    for e in LEX["english"].entries("words"):
        assert normalize(f"x {e.text} y").norm.count(e.value) >= 1, where(e)
    for e in LEX["english"].entries("drop"):
        assert e.text not in normalize(f"退款 {e.text} 截图").norm, where(e)


# A sentence for each word the slips stand for: the slip put in its place is read as it.
SLIP_FRAMES = {
    "退款": "商家11月3日已{w}50元", "已退款": "商家11月3日{w}50元", "退了": "商家11月3日{w}50元",
    "退了款": "商家11月3日{w}，50元", "退回": "商家11月3日{w}了50元", "已退回": "商家11月3日{w}50元",
    "退还": "商家11月3日{w}了50元", "补发": "商家11月3日{w}卡密", "已补发": "商家11月3日{w}卡密",
    "补发了": "商家11月3日{w}卡密", "补发货": "商家11月3日{w}", "发货": "商家11月3日{w}",
    "已发货": "商家11月3日{w}", "到账": "11月3日{w}", "已到账": "钱11月3日{w}", "收到": "11月3日{w}卡密",
    "已收到": "11月3日{w}卡密", "换货": "11月3日{w}", "换卡": "11月3日{w}", "截图": "{w}已附",
    "已附": "截图{w}", "已附上": "截图{w}", "订单": "{w}编号", "订单号": "{w}", "已于": "商家{w}11月3日补发",
    "已经": "商家{w}补发", "已解决": "问题{w}", "凭证": "转账{w}", "转账": "{w}凭证", "充值": "{w}成功",
    "已充值": "{w}成功", "兑换码": "{w}已到", "卡密": "{w}已到", "点卡": "{w}已到", "激活码": "{w}已到",
    "和解协议": "签了{w}", "开通": "商家11月3日给我{w}了会员", "已开通": "会员11月3日{w}",
    "还没到账": "退款{w}", "还没到": "点卡{w}", "没到账": "退款{w}", "未到账": "退款{w}", "还没收到": "我{w}卡密",
    "未收到": "{w}卡密",
}
SLIP_CASES = [pytest.param(e, id=f"slips:{e.text}") for e in LEX["homophones"].entries("slips")]


@pytest.mark.parametrize("entry", SLIP_CASES)
def test_slip_is_read_as_its_word_and_reported(entry):
    frame = SLIP_FRAMES[entry.value]
    text = frame.replace("{w}", entry.text)
    found = LINTER._normalize(text)
    assert found.norm == LINTER._normalize(frame.replace("{w}", entry.value)).norm, (where(entry), text, found.norm)
    # a longer slip around it may be the one reported (已腿回 for 已退回)
    assert len(found.slips) == 1 and entry.text in found.slips[0].wrong and entry.value in found.slips[0].right, \
        (where(entry), found.slips)


def test_every_slip_target_has_a_frame() -> None:
    assert {e.value for e in LEX["homophones"].entries("slips")} <= set(SLIP_FRAMES)


@pytest.mark.parametrize("entry", [pytest.param(e, id=f"pinyin:{e.text}") for e in LEX["homophones"].entries("pinyin")])
def test_pinyin_reads_as_its_word(entry):
    assert LINTER._normalize(f"订单 {entry.text} 了").norm.count(entry.value) >= 1, where(entry)


def test_own_frames_name_real_entries() -> None:
    for lexicon, section, word in OWN:
        assert word in LEX[lexicon].words(section), (lexicon, section, word)


# -- evidence.txt [agreements] ---------------------------------------------------------------

AGREEMENT_CASES = cases("evidence", {"agreements": "商家11月3日签了{w}，已退款50元，" + ORDER})


@pytest.mark.parametrize("section,entry,text", AGREEMENT_CASES)
def test_an_agreement_signed_is_evidence(section, entry, text):
    assert "RL205" not in codes(text), (where(entry), text)
    undated = text.replace("11月3日", "")
    assert reasonlint.check(undated).verdict == "accept", (where(entry), undated, codes(undated))


# -- channels.txt [unsigned_before], [unsigned_after] ------------------------------------------

WRITTEN = "黑猫投诉：已签订和解协议，商家11月3日已退款50元，" + ORDER + "，协议照片已附"
UNSIGNED_CASES = cases("channels", {
    "unsigned_before": "黑猫投诉：商家{w}和解协议，11月3日已退款50元，" + ORDER + "，截图已附",
    "unsigned_after": "黑猫投诉：商家把和解协议发过来了，我{w}，11月3日已退款50元，" + ORDER + "，截图已附",
})


def test_a_signed_agreement_is_a_written_settlement() -> None:
    assert reasonlint.check(WRITTEN).verdict == "accept" and "RL402" not in codes(WRITTEN)


@pytest.mark.parametrize("section,entry,text", UNSIGNED_CASES)
def test_an_agreement_promised_or_unsigned_is_no_written_settlement(section, entry, text):
    r = reasonlint.check(text)
    assert r.verdict == "reject" and "RL402" in {f.code for f in r.findings}, (where(entry), text)
