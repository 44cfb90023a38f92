"""Every plain entry of the shipped lexicons, one test case each.

The other tests cover the lexicons as a whole (rule examples, tests/data/reasons.jsonl,
the dev set); here each phrase of the sections below gets its own case, read from the
shipped files through ``reasonlint.lexicon.load()``, so a phrase that stops working
fails under its own id (``section:entry``). Regular-expression entries (``re:``) are
left to the rule tests.

Each entry is put into a frame: a realistic reason that is neutral except for the
entry. Where the section's frame does not read naturally for an entry, the entry gets
its own frame in the ``*_ENTRY_FRAMES`` dicts below (a stale key fails
``test_entry_frames_name_real_entries``); no entry is skipped. Findings and entities
must *cover the entry*, so a case also fails when a shorter phrase takes over from a
longer one that was dropped (聊天记录 → 记录, 补发货 → 补发).

Some entries cannot fail by being deleted alone: a compound whose parts are entries of
the same kind gives the same result without it (迟迟未 → 未, 说会 → 说 + 会, 不是没有 →
不是没, 正在处理 → 正在), and [template] 问题解决了 is also matched by the 问题…解决
pattern above it. The cases of such negation and promise markers still fail if the
phrase moves to a section that changes its meaning (迟迟未 into [not_negation], 不是没有
into [negator], 说会 into [not_promise]).
"""
from __future__ import annotations

import pytest

import reasonlint
from reasonlint import Linter
from reasonlint.lexicon import Entry, load
from reasonlint.normalize import is_han

LEX = load()
# Actions with their polarity (Linter.analyse); results come from reasonlint.check.
LINTER = Linter()

ORDER = "订单号20261103001"
ENTRY_FRAMES: dict[str, dict[tuple[str, str], str]] = {}  # lexicon -> (section, entry) -> frame


def plain(lexicon: str, section: str) -> list[Entry]:
    return [e for e in LEX[lexicon].entries(section) if not e.is_regex]


def cases(lexicon: str, frames: dict[str, str], entry_frames: dict[tuple[str, str], str] | None = None,
          label: str = "") -> list:
    """One ``pytest.param(section, entry, text)`` per plain entry of each section of
    ``frames``; the frame (with ``{w}`` for the entry) is the entry's own one if it
    has one, else its section's."""
    entry_frames = entry_frames or {}
    ENTRY_FRAMES.setdefault(lexicon, {}).update(entry_frames)
    out = []
    for section, frame in frames.items():
        entries = plain(lexicon, section)
        assert entries, f"{lexicon}.txt [{section}] has no plain entries"
        for e in entries:
            f = entry_frames.get((section, e.text), frame)
            assert f.count("{w}") == 1, f
            out.append(pytest.param(section, e, f.replace("{w}", e.text),
                                    id=f"{section}:{e.text}{label}"))
    return out


def span_of(text: str, word: str, after: str = "") -> tuple[int, int]:
    """Where ``word`` was put into the frame: its first occurrence after ``after``."""
    s = text.index(word, text.index(after) + len(after) if after else 0)
    return s, s + len(word)


def covers(start: int, end: int, span: tuple[int, int]) -> bool:
    return start <= span[0] and span[1] <= end


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def where(e: Entry) -> str:
    return f"{e.path}:{e.line} {e.text!r}"


def actions(text: str) -> list[tuple[str, str, str]]:
    """(type, modality, phrase) of the resolution events, failures left out."""
    return [(e.type, e.modality, e.text) for e in LINTER.analyse(text).events if e.concrete]


def modalities(text: str) -> list[str]:
    return [m for _, m, _ in actions(text)]


# -- templates.txt [template] ---------------------------------------------------------------

TEMPLATE_CASES = (
    cases("templates", {"template": "{w}"}, label=":alone")
    + cases("templates", {"template": "您好，{w}，申请撤销这次投诉，谢谢。"}, label=":in-reason")
)


@pytest.mark.parametrize("section,entry,text", TEMPLATE_CASES)
def test_template_entry_is_flagged(section, entry, text):
    r = reasonlint.check(text)
    span = span_of(text, entry.text)
    hits = [(f.start, f.end) for f in r.findings if f.code == "RL101" and f.name == "template-phrase"]
    assert any(covers(s, e, span) for s, e in hits), (where(entry), text, codes(r), hits)


# -- evidence.txt [evidence] ----------------------------------------------------------------

EVIDENCE_CASES = cases("evidence", {"evidence": "商家已于11月3日补发货，" + ORDER + "，{w}已附。"})


@pytest.mark.parametrize("section,entry,text", EVIDENCE_CASES)
def test_evidence_entry_is_evidence(section, entry, text):
    r = reasonlint.check(text)
    span = span_of(text, entry.text, after=ORDER)
    found = [(x.text, x.start, x.end) for x in r.entities if x.kind == "evidence"]
    assert any(covers(s, e, span) for _, s, e in found), (where(entry), text, found)
    assert "RL205" not in codes(r), (where(entry), text, codes(r))


# -- resolutions.txt: one section per resolution type ----------------------------------------

RESOLUTION_FRAMES = {
    "reshipped": "商家已于11月3日{w}，" + ORDER + "，物流记录已附。",
    "delivered": "购买的会员已于11月3日{w}，" + ORDER + "，截图已附。",
    "refunded": "商家已于11月3日{w}50元，" + ORDER + "，转账凭证已附。",
    "exchanged": "商家已于11月3日{w}，" + ORDER + "，聊天记录已附。",
    "settled": "已于11月3日与商家{w}，" + ORDER + "，协议照片已附。",
    "user_error": "经核实是我自己{w}了，" + ORDER + "，聊天记录已附。",
}
# Phrases that are only the start of what is said: they need the words after them.
RESOLUTION_ENTRY_FRAMES = {
    ("reshipped", "发了新"): "商家已于11月3日{w}卡密，" + ORDER + "，截图已附。",
    ("refunded", "退给"): "商家已于11月3日{w}我50元，" + ORDER + "，转账凭证已附。",
    ("refunded", "退到"): "商家已于11月3日把50元{w}我的银行卡，" + ORDER + "，转账凭证已附。",
    ("exchanged", "换成"): "商家已于11月3日{w}新的卡密，" + ORDER + "，聊天记录已附。",
    ("exchanged", "换为"): "商家已于11月3日{w}新卡，" + ORDER + "，聊天记录已附。",
    ("exchanged", "换了一"): "商家已于11月3日{w}张新卡，" + ORDER + "，聊天记录已附。",
    # verbs: what they signed follows
    ("settled", "签订"): "已于11月3日与商家{w}和解协议，" + ORDER + "，协议照片已附。",
    ("settled", "签署"): "已于11月3日与商家{w}和解协议，" + ORDER + "，协议照片已附。",
    ("settled", "签了"): "已于11月3日与商家{w}和解协议，" + ORDER + "，协议照片已附。",
    ("settled", "签好"): "已于11月3日与商家{w}和解协议，" + ORDER + "，协议照片已附。",
    ("settled", "签字"): "已于11月3日与商家在和解协议上{w}，" + ORDER + "，协议照片已附。",
    ("settled", "签订书面"): "已于11月3日与商家{w}和解协议，" + ORDER + "，协议照片已附。",
    ("settled", "达成书面"): "已于11月3日与商家{w}和解协议，" + ORDER + "，协议照片已附。",
    ("settled", "签了书面"): "已于11月3日与商家{w}和解协议，" + ORDER + "，协议照片已附。",
    # the buyer's own oversight: it names what was missed
    ("user_error", "没看到邮件"): "经核实，11月3日确认是我自己{w}，" + ORDER + "，截图已附。",
}
RESOLUTION_CASES = cases("resolutions", RESOLUTION_FRAMES, RESOLUTION_ENTRY_FRAMES)


@pytest.mark.parametrize("section,entry,text", RESOLUTION_CASES)
def test_resolution_entry_gives_its_type(section, entry, text):
    r = reasonlint.check(text)
    span = span_of(text, entry.text, after="11月3日" if "11月3日" in text else "")
    done = [(x.start, x.end) for x in r.entities if x.kind == "action" and x.value == f"{section}:done"]
    assert any(covers(s, e, span) for s, e in done), (where(entry), text, actions(text))
    assert r.resolution == section, (where(entry), text, r.resolution, actions(text))


# -- negation.txt [negator] and [double] ------------------------------------------------------

NEGATOR_CASES = cases("negation", {"negator": "商家{w}补发货，" + ORDER}, {
    ("negator", "无"): "商家至今{w}补发，" + ORDER,
    # 别 tells someone not to: the buyer called the reshipment off
    ("negator", "别"): "我让商家{w}补发货了，" + ORDER,
})


@pytest.mark.parametrize("section,entry,text", NEGATOR_CASES)
def test_negator_entry_negates(section, entry, text):
    r = reasonlint.check(text)
    assert "RL301" in codes(r) and r.resolution == "none", (where(entry), text, codes(r), actions(text))
    assert modalities(text) == ["negated"], (where(entry), text, actions(text))


FAILURE_CASES = cases("negation", {"failure": "商家已于11月3日补发的卡密{w}，" + ORDER + "，截图已附"}, {
    # these name what went wrong with the account, not the card
    ("failure", "无法登录"): "商家已于11月3日补发的账号{w}，" + ORDER,
    ("failure", "登录不上"): "商家已于11月3日补发的账号{w}，" + ORDER,
})


@pytest.mark.parametrize("section,entry,text", FAILURE_CASES)
def test_failure_entry_undoes_the_resolution_before_it(section, entry, text):
    r = reasonlint.check(text)
    assert "RL301" in codes(r) and r.resolution == "none", (where(entry), text, codes(r), actions(text))


DOUBLE_CASES = cases("negation", {"double": "商家{w}补发货，是物流慢，" + ORDER})


@pytest.mark.parametrize("section,entry,text", DOUBLE_CASES)
def test_double_negation_entry_affirms(section, entry, text):
    r = reasonlint.check(text)
    assert r.resolution == "reshipped", (where(entry), text, r.resolution, actions(text))
    assert "RL301" not in codes(r) and "RL302" not in codes(r), (where(entry), text, codes(r))
    assert modalities(text) == ["done"], (where(entry), text, actions(text))


# -- promise.txt [promise], [pending], [condition] ---------------------------------------------

PROMISE_FRAMES = {
    "promise": "商家{w}补发货，" + ORDER,
    "pending": "商家{w}补发货，" + ORDER,
    "condition": "商家回复{w}补发货，" + ORDER,
}
PROMISE_ENTRY_FRAMES = {
    # waiting for the merchant: the marker comes before the merchant
    ("promise", "等"): "{w}商家补发货，" + ORDER,
    ("promise", "等到"): "{w}商家补发货，" + ORDER,
    ("promise", "等待"): "{w}商家补发货，" + ORDER,
    ("promise", "待"): "{w}商家补发货，" + ORDER,
    ("promise", "说等"): "商家{w}有货了补发货，" + ORDER,
    # states that follow the action
    ("pending", "处理中"): "商家补发货{w}，" + ORDER,
    ("pending", "审核中"): "商家补发货{w}，" + ORDER,
    ("pending", "申请中"): "商家补发货{w}，" + ORDER,
    ("pending", "待审核"): "商家补发货{w}，" + ORDER,
    ("pending", "待处理"): "商家补发货{w}，" + ORDER,
    ("pending", "在途"): "商家退款{w}，" + ORDER,
    ("pending", "待到账"): "商家退款{w}，" + ORDER,
    # states that hold the action themselves
    ("pending", "退款中"): "商家{w}，" + ORDER,
    ("pending", "申请退款"): "我已{w}，" + ORDER,
    ("pending", "申请补发"): "我已{w}，" + ORDER,
    ("pending", "申请换货"): "我已{w}，" + ORDER,
    ("pending", "申请换卡"): "我已{w}，" + ORDER,
    ("pending", "提交退款"): "我已{w}，" + ORDER,
    ("pending", "发起退款"): "我已{w}，" + ORDER,
    ("pending", "退款申请"): "{w}已提交，" + ORDER,
    ("pending", "补发申请"): "{w}已提交，" + ORDER,
    ("pending", "换货申请"): "{w}已提交，" + ORDER,
    # the buyer asking
    ("pending", "我要"): "{w}补发货，" + ORDER,
    # conditions that need the condition spelt out
    ("condition", "只要"): "商家回复{w}我撤销投诉就补发货，" + ORDER,
    ("condition", "前提是"): "商家回复{w}先撤诉再补发货，" + ORDER,
    ("condition", "之后再"): "商家回复撤销投诉{w}补发货，" + ORDER,
    ("condition", "后再"): "商家回复投诉撤销以{w}补发货，" + ORDER,
}
PROMISE_CASES = cases("promise", PROMISE_FRAMES, PROMISE_ENTRY_FRAMES)


PROMISE_MODALITY = {"promise": "promised", "pending": "pending", "condition": "conditional"}


@pytest.mark.parametrize("section,entry,text", PROMISE_CASES)
def test_promise_entry_makes_the_action_promised(section, entry, text):
    r = reasonlint.check(text)
    assert "RL302" in codes(r) and r.resolution == "none", (where(entry), text, codes(r), actions(text))
    # an entry that holds an action (退款审核) gives it and the one after the same modality
    found = modalities(text)
    assert found and set(found) == {PROMISE_MODALITY[section]}, (where(entry), text, actions(text))


# -- channels.txt [third_party], [payment] ----------------------------------------------------

CHANNEL_CASES = cases(
    "channels",
    dict.fromkeys(("third_party", "payment"), "我在{w}投诉了，商家已于11月3日补发货，" + ORDER + "，截图已附。"),
    # 黑猫投诉 is an entry of its own: the short name needs other words after it
    {("third_party", "黑猫"): "我在{w}上投诉了，商家已于11月3日补发货，" + ORDER + "，截图已附。"},
)


@pytest.mark.parametrize("section,entry,text", CHANNEL_CASES)
def test_channel_entry_is_its_channel(section, entry, text):
    r = reasonlint.check(text)
    span = span_of(text, entry.text)
    named = [(x.value, x.start, x.end) for x in r.entities if x.kind == "channel"]
    assert any(v == section and covers(s, e, span) for v, s, e in named), (where(entry), text, named)
    assert r.channel == section, (where(entry), text, r.channel, named)


# -- dates.txt [relative] -------------------------------------------------------------------

DATE_CASES = cases("dates", {"relative": "商家{w}已补发货，" + ORDER + "，物流记录已附。"})


@pytest.mark.parametrize("section,entry,text", DATE_CASES)
def test_relative_date_entry_is_flagged(section, entry, text):
    r = reasonlint.check(text)
    assert not [x for x in r.entities if x.kind == "date"], (where(entry), text)
    span = span_of(text, entry.text)
    hits = [(f.start, f.end) for f in r.findings if f.code == "RL204" and f.name == "relative-date"]
    assert any(covers(s, e, span) for s, e in hits), (where(entry), text, codes(r), hits)


# -- the tables themselves -------------------------------------------------------------------

def test_entry_frames_name_real_entries():
    # A frame kept for a phrase that is no longer in its section is stale.
    for lexicon, frames in ENTRY_FRAMES.items():
        for section, word in frames:
            assert word in LEX[lexicon].words(section), (lexicon, section, word)


# Text is normalised before matching (full-width, traditional characters, the typo fixes
# of variants.txt, IME slips, English and pinyin keywords); an entry that normalisation
# would rewrite can never match. The rewriting tables' own left sides are what it rewrites;
# labels, suggestion keys, [answers], [demands] and slot names are names, not text to match.
NORMALIZE = LINTER._normalize
NOT_MATCHED = {"traditional", "variants", "english", "homophones", "labels", "suggestions"}
NOT_MATCHED_SECTIONS = {("complaints", "answers"), ("complaints", "demands"), ("placeholders", "slot_words")}


@pytest.mark.parametrize("entry", [
    pytest.param(e, id=f"{name}[{section}]:{e.text}")
    for name, lex in LEX.items() if name not in NOT_MATCHED
    for section, entries in lex.sections.items() if (name, section) not in NOT_MATCHED_SECTIONS
    for e in entries if not e.is_regex
])
def test_entry_survives_normalisation(entry):
    assert NORMALIZE(entry.text).norm == entry.text, \
        f"{where(entry)} is rewritten to {NORMALIZE(entry.text).norm!r} before matching: it can never match"


@pytest.mark.parametrize("entry", [
    pytest.param(e, id=f"{name}[{section}]:{e.text}")
    for name in ("english", "homophones", "variants") for section, entries in LEX[name].sections.items()
    for e in entries if e.value
])
def test_rewritten_text_survives_normalisation(entry):
    # what a rewrite produces is matched as it is: no second rewrite of it
    assert NORMALIZE(entry.value).norm == entry.value, (where(entry), NORMALIZE(entry.value).norm)


# -- entries whose reading depends on the words around them ---------------------------------
# Sentences that once went wrong: a short entry that also starts or ends an unrelated
# word, or a phrase filed under the wrong meaning. Each row names the entry it is about
# (lexicon, section, entry), the sentence and the actions it must give.
IN_CONTEXT = [
    # 别 as "other"
    ("negation", "negator", "别", "商家已于11月3日补发了别的卡密，" + ORDER + "，截图已附。",
     [("reshipped", "done")]),
    ("negation", "negator", "别", "商家11月3日通过别人补发了卡密，" + ORDER + "，截图已附。",
     [("reshipped", "done")]),
    # 七天无理由退款 is a refund policy
    ("negation", "negator", "无", "商家按七天无理由退款50元，已于11月3日到账，" + ORDER + "，截图已附。",
     [("refunded", "done"), ("refunded", "done")]),
    # 已发起: a request made, not goods sent
    ("resolutions", "delivered", "已发", "我已发起退款，" + ORDER, [("refunded", "pending")]),
    # 不是不 "not unwilling", 不能不 "has to": nothing has happened yet (not [double])
    ("promise", "promise", "不是不", "商家不是不退款，只是要走流程，" + ORDER, [("refunded", "promised")]),
    # 通过别人: through someone else, who is no other buyer
    ("actors", "others", "其他人", "群里其他人都收到退款了，" + ORDER,
     [("refunded", "reported"), ("refunded", "reported")]),
    ("promise", "promise", "不能不", "这种情况商家不能不补发，" + ORDER, [("reshipped", "promised")]),
    # while 不是没 does say it happened
    ("negation", "double", "不是没", "商家不是没退款，是我看漏了到账短信，" + ORDER,
     [("refunded", "done"), ("user_error", "done")]),
]


@pytest.mark.parametrize("lexicon,section,word,text,expected", [
    pytest.param(*row, id=f"{row[1]}:{row[2]}:{row[3][:16]}") for row in IN_CONTEXT])
def test_entry_in_context(lexicon, section, word, text, expected):
    assert word in LEX[lexicon].words(section) and word in text
    assert [(t, p) for t, p, _ in actions(text)] == expected, (text, actions(text))


# -- negation.txt [not_negation], resolutions.txt [not_action] --------------------------------

NOT_NEGATION_CASES = cases("negation", {"not_negation": "商家{w}补发了货，" + ORDER + "，截图已附"})


@pytest.mark.parametrize("section,entry,text", NOT_NEGATION_CASES)
def test_not_negation_entry_negates_nothing(section, entry, text):
    # Each holds a negator character; listed here, it must leave the reshipment done.
    r = reasonlint.check(text)
    assert r.resolution == "reshipped" and "RL301" not in codes(r), (where(entry), text, actions(text))


NOT_ACTION_CASES = cases("resolutions", {"not_action": "我{w}了，" + ORDER})


@pytest.mark.parametrize("section,entry,text", NOT_ACTION_CASES)
def test_not_action_entry_is_no_action(section, entry, text):
    start, end = span_of(text, entry.text)
    acts = [e for e in LINTER.analyse(text).events if e.concrete]
    assert not any(a.start < end and start < a.end for a in acts), (where(entry), text, actions(text))


# -- promise.txt [not_promise] (done as agreed), resolutions.txt [working] ----------------------

AS_AGREED_CASES = [c for c in cases("promise", {"not_promise": "商家11月3日已{w}退款45元，" + ORDER + "，截图已附"})
                   if c.values[1].text.startswith(("按", "照", "依"))]


@pytest.mark.parametrize("section,entry,text", AS_AGREED_CASES)
def test_done_as_agreed_is_no_promise(section, entry, text):
    assert modalities(text) == ["done"], (where(entry), text, actions(text))
    assert reasonlint.check(text).verdict == "accept", (where(entry), text)


WORKING_CASES = cases("resolutions", {"working": "卡密无效，商家11月3日补发了新卡密，{w}，" + ORDER + "，截图已附"})


@pytest.mark.parametrize("section,entry,text", WORKING_CASES)
def test_working_entry_answers_an_invalid_code(section, entry, text):
    r = reasonlint.check(text, complaint="卡密无效")
    assert "RL303" not in codes(r), (where(entry), text, codes(r), actions(text))


# -- products.txt [brands]: each brand answers a complaint about itself and not one about
# a brand of another family (a stale family or a misspelt name fails under its own id).
BRANDS = LEX["products"].mapping("brands")


@pytest.mark.parametrize("name", sorted(BRANDS), ids=lambda n: f"brands:{n}")
def test_brand_answers_its_own_family_only(name: str) -> None:
    other = next(n for n, f in sorted(BRANDS.items()) if f != BRANDS[name] and f not in ("qcoin", "phone_credit",
                                                                                          "mobile_data"))
    reason = f"商家11月3日补发了{name}，{ORDER}，截图已附"
    same = reasonlint.check(reason, complaint=f"买的{name}没到账")
    assert same.verdict == "accept", (same.score, [f.code for f in same.findings])
    mismatch = reasonlint.check(reason, complaint=f"买的{other}没到账")
    assert "RL303" in {f.code for f in mismatch.findings}, (other, [f.code for f in mismatch.findings])


def test_every_demand_is_an_issue_with_answers():
    comp = LEX["complaints"]
    answers = comp.mapping("answers")
    assert comp.words("demands") and all(d in answers for d in comp.words("demands"))


# -- products.txt [terms]: each term answers a complaint about itself and not one about
# another term, as brands do.
TERMS = LEX["products"].mapping("terms")


@pytest.mark.parametrize("name", sorted(TERMS), ids=lambda n: f"terms:{n}")
def test_term_answers_its_own_term_only(name: str) -> None:
    other = next(n for n, t in sorted(TERMS.items()) if t != TERMS[name])
    reason = f"商家11月3日补开了{name}，{ORDER}，截图已附"
    same = reasonlint.check(reason, complaint=f"买的{name}没开通")
    assert "RL303" not in codes(same), (name, codes(same))
    mismatch = reasonlint.check(reason, complaint=f"买的{other}没开通")
    assert "RL303" in codes(mismatch), (other, codes(mismatch))


# -- the sections the passes over events read: one frame per entry, beside the same
# frame that holds the entry's effect.
STATE_CASES = [
    *cases("grammar", {"cannot_after": "会员一直开通{w}，" + ORDER + "，11月3日，截图已附"}),
    *cases("grammar", {"until": "商家说审核通过了，{w}钱到了应该就没问题了，" + ORDER + "，11月3日，截图已附"}),
    *cases("resolutions", {"message_object": "我11月3日已经收到了商家的{w}，" + ORDER + "，聊天截图已附"}),
    *cases("resolutions", {"topic_heads": "退款20元{w}商家已经同意了，" + ORDER + "，11月3日，聊天截图已附"}),
]


@pytest.mark.parametrize("section,entry,text", STATE_CASES)
def test_state_entry_keeps_the_reason_open(section, entry, text):
    r = reasonlint.check(text)
    assert r.verdict != "accept", (where(entry), text, codes(r), actions(text))


@pytest.mark.parametrize("entry", plain("grammar", "goods_measure"), ids=lambda e: f"goods_measure:{e.text}")
def test_goods_measure_entry_counts_a_shortfall(entry):
    w = entry.text
    short = f"买了5{w}，商家11月3日补发了3{w}，{ORDER}，截图已附"
    whole = f"买了5{w}，坏了2{w}，商家11月3日补发了2{w}，{ORDER}，截图已附"
    assert reasonlint.check(short).verdict != "accept", (where(entry), short, actions(short))
    assert reasonlint.check(whole).verdict == "accept", (where(entry), whole, actions(whole))


@pytest.mark.parametrize("entry", plain("evidence", "wanted"), ids=lambda e: f"wanted:{e.text}")
def test_wanted_entry_asks_for_the_evidence(entry):
    text = f"商家已退款45元，{ORDER}，{entry.text}转账凭证"
    roles = [e.role for e in reasonlint.check(text).entities if e.kind == "evidence"]
    assert roles and all(r == "later" for r in roles), (where(entry), text, roles)


# -- grammar sections whose entry changes the verdict: each entry in a frame, beside a
# contrast (the same story without the entry's effect) that gets the other verdict, so
# a case fails both when the entry stops working and when the frame says nothing of it.
ACCEPT, OPEN = "accept", "not accept"
CONTRASTS = {
    # 补了3个月的会员 is no count of pieces: nothing short of the 5 that failed
    "span_after_count": ("会员有5个用不了，商家11月3日补发了3个{w}的会员，" + ORDER + "，截图已附", ACCEPT,
                         "会员有5个用不了，商家11月3日补发了3个会员，" + ORDER + "，截图已附"),
    # the action said again for its date, after the failure, is nothing new
    "restated_tail": ("商家换了一张新卡，还是充值失败，就是11月5日换{w}，" + ORDER + "，截图已附", OPEN,
                      "商家换了一张新卡，还是充值失败，11月5日又换了一张，充值成功了，" + ORDER + "，截图已附"),
    # the amount after the entry is the part missing, and the refund of it makes it up
    "shortfall_before": ("订单100元，商家退款时{w}50元，11月3日已把这50元补退给我了，" + ORDER + "，退款截图已附", ACCEPT,
                         "订单100元，商家11月3日只退了50元，" + ORDER + "，退款截图已附"),
    # nothing was said, so what follows is the buyer's own
    "not_said": ("联系了商家，商家也{w}回复，11月3日退款45元已经到账了，" + ORDER + "，到账截图已附", ACCEPT,
                 "联系了商家，商家回复，11月3日退款45元已经到账了，" + ORDER + "，到账截图已附"),
    # an empty outcome field: the form's resolution still to come
    "outcome_field": ("处理方式：退款\n处理{w}：\n" + ORDER + "\n截图已附，11月3日", OPEN,
                      "处理方式：退款\n处理备注：\n" + ORDER + "\n截图已附，11月3日"),
    # a part refund both sides agreed is all that was owed
    "agreed_terms": ("{w}只退一半货款50元，11月3日已退，" + ORDER + "，退款截图已附", ACCEPT,
                     "商家只退一半货款50元，11月3日已退，" + ORDER + "，退款截图已附"),
    # only so many of them, not all; the contrast puts a span of time where the measure stands,
    # so each measure is shown to be what makes the count
    "count_measure": ("商家11月3日补发了卡密，只有两{w}能用，" + ORDER + "，截图已附", OPEN,
                      "商家11月3日补发了卡密，只有两天能用，" + ORDER + "，截图已附"),
}
# the buyer accepts a refund short of the price, after it
CONTRASTS["accepts_part"] = ("六十八块的季卡，商家11月30日退了五十块，扣了手续费，{w}，" + ORDER + "，截图已附", ACCEPT,
                             "六十八块的季卡，商家11月30日退了五十块，扣了手续费，" + ORDER + "，截图已附")
# The goods measures count a part in the same place as the measures of payments and orders.
CONTRASTS["goods_measure"] = CONTRASTS["count_measure"]
CONTRAST_CASES = [pytest.param(section, e, id=f"{section}:{e.text}")
                  for section in CONTRASTS for e in plain("grammar", section)]


@pytest.mark.parametrize("section,entry", CONTRAST_CASES)
def test_grammar_entry_decides_against_its_contrast(section, entry):
    frame, expected, contrast = CONTRASTS[section]
    text = frame.replace("{w}", entry.text)
    r, c = reasonlint.check(text), reasonlint.check(contrast)
    assert (r.verdict == "accept") == (expected == ACCEPT), (where(entry), text, codes(r), actions(text))
    assert (c.verdict == "accept") != (expected == ACCEPT), (contrast, codes(c), actions(contrast))


@pytest.mark.parametrize("entry", plain("grammar", "then_done"), ids=lambda e: f"then_done:{e.text}")
def test_then_done_entry_carries_the_agreement_out(entry):
    text = f"商家同意退款{entry.text}11月8日退回45元，{ORDER}，退款截图已附"
    r = reasonlint.check(text)
    assert r.verdict == "accept" and r.resolution == "refunded", (where(entry), text, codes(r), actions(text))


@pytest.mark.parametrize("entry", plain("grammar", "not_money_before"), ids=lambda e: f"not_money_before:{e.text}")
def test_not_money_before_entry_leaves_an_arrival_to_the_goods(entry):
    # 付款买的Q币也到账了: the buyer's payment is named, the arrival is of the Q币
    text = f"商家11月3日退了10元差价，{entry.text}款买的Q币也已经到账了，{ORDER}，截图已附"
    money = f"商家11月3日退了10元差价，退的钱也已经到账了，{ORDER}，截图已附"
    assert "delivered" in [a[0] for a in actions(text)], (where(entry), text, actions(text))
    assert "delivered" not in [a[0] for a in actions(money)], (money, actions(money))


@pytest.mark.parametrize("entry", plain("grammar", "goods_price"), ids=lambda e: f"goods_price:{e.text}")
def test_goods_price_entry_makes_the_refund_full(entry):
    # a fee given back does not answer goods that never came; the price with it does
    text = f"{entry.text}和运费都退了，11月3日到账，{ORDER}，退款截图已附"
    fee = f"运费退了，11月3日到账，{ORDER}，退款截图已附"
    r, c = reasonlint.check(text, complaint="商家未发货"), reasonlint.check(fee, complaint="商家未发货")
    assert r.verdict == "accept", (where(entry), text, codes(r), actions(text))
    assert c.verdict != "accept" and "RL303" in codes(c), (fee, codes(c))


@pytest.mark.parametrize("entry", plain("grammar", "refund_success"), ids=lambda e: f"refund_success:{e.text}")
def test_refund_success_entry_is_the_refund_succeeding(entry):
    # 退款显示成功了 is the refund, so the money not seen after it leaves nothing done
    text = f"商家11月3日退款68元，退款显示{entry.text}，可是我卡里到现在没看到这笔钱，{ORDER}，截图已附"
    goods = f"商家11月3日补发了卡密，我试了一下{entry.text}，{ORDER}，截图已附"
    said = actions(f"退款显示{entry.text}")
    assert [t for t, _, phrase in said if phrase == entry.text] == ["refunded"], (where(entry), said)
    r, g = reasonlint.check(text), reasonlint.check(goods)
    assert r.verdict != "accept" and r.resolution == "none", (where(entry), text, codes(r), actions(text))
    assert g.verdict == "accept" and g.resolution == "reshipped", (goods, codes(g), actions(goods))


@pytest.mark.parametrize("entry", plain("evidence", "not_evidence"), ids=lambda e: f"not_evidence:{e.text}")
def test_not_evidence_entry_names_no_evidence(entry):
    text = f"兑换码在{entry.text}里找到了，是我自己没注意，11月3日已兑换成功，{ORDER}"
    found = [x.text for x in reasonlint.check(text).entities if x.kind == "evidence"]
    assert found == [] and "RL205" in codes(reasonlint.check(text)), (where(entry), text, found)


@pytest.mark.parametrize("entry", plain("grammar", "far_negator"), ids=lambda e: f"far_negator:{e.text}")
def test_far_negator_entry_reaches_the_end_of_its_clause(entry):
    # a negator of its own (negation.txt), it denies an action far after it in its clause
    assert entry.text in {e.text for s in ("negator", "still_missing") for e in plain("negation", s)}, where(entry)
    text = f"商家说11月3日退了，可我查了好几遍，{entry.text}任何一条记录上显示这笔钱已经退回来，{ORDER}，截图已附"
    near = f"商家说11月3日退了，可我查了好几遍，任何一条记录上显示这笔钱已经退回来，{ORDER}，截图已附"
    assert "negated" in modalities(text), (where(entry), text, actions(text))
    assert "negated" not in modalities(near), (near, actions(near))


FORM_REPORT = "据客服反馈，订单号：20261204031\n处理结果：已补发卡密\n处理时间：12月4日\n凭证：聊天记录截图"


@pytest.mark.parametrize("entry", plain("grammar", "greeting"), ids=lambda e: f"greeting:{e.text}")
def test_greeting_entry_leaves_the_report_opening_the_text(entry):
    # the service's report over a pasted form stays a report with a greeting before it
    text = f"{entry.text}，{FORM_REPORT}"
    r, bare = reasonlint.check(text), reasonlint.check(FORM_REPORT)
    assert bare.verdict != "accept", (FORM_REPORT, codes(bare))
    assert r.verdict == bare.verdict and r.resolution == "none", (where(entry), text, codes(r), actions(text))


@pytest.mark.parametrize("entry", plain("grammar", "complaint_told"), ids=lambda e: f"complaint_told:{e.text}")
def test_complaint_told_entry_states_the_complaint(entry):
    # with no complaint given, the reason's own statement of it is what must be answered
    text = f"{entry.text}：卡密无效，商家12月1日补发了新卡密，{ORDER}，截图已附"
    bare = f"商家12月1日补发了新卡密，{ORDER}，截图已附"
    r, b = reasonlint.check(text), reasonlint.check(bare)
    assert "RL303" in codes(r) and r.verdict != "accept", (where(entry), text, codes(r))
    assert b.verdict == "accept", (bare, codes(b))


@pytest.mark.parametrize("entry", plain("promise", "pending_heads"), ids=lambda e: f"pending_heads:{e.text}")
def test_pending_head_entry_leaves_the_action_under_way(entry):
    # 退款发起：12月1日 — the process named, started, not done
    text = f"商家11月3日退款{entry.text}：12月1日，{ORDER}"
    done = f"商家11月3日退款了，{ORDER}"
    assert modalities(text) == ["pending"], (where(entry), text, actions(text))
    assert modalities(done) == ["done"], (done, actions(done))


@pytest.mark.parametrize("entry", plain("grammar", "extra_before"), ids=lambda e: f"extra_before:{e.text}")
def test_extra_before_entry_keeps_the_compensation_apart_from_the_agreed_terms(entry):
    # 协商一致：商家额外补偿了20元 is a compensation on top; without the word it is the terms
    text = f"与商家协商一致：商家12月1日{entry.text}补偿了20元，{ORDER}，截图已附"
    agreed = f"与商家协商一致：商家12月1日补偿了20元，{ORDER}，截图已附"
    r, a = (reasonlint.check(t, complaint="商品与描述不符") for t in (text, agreed))
    assert "RL303" in codes(r) and r.verdict != "accept", (where(entry), text, codes(r))
    assert a.verdict == "accept", (agreed, codes(a))


@pytest.mark.parametrize("entry", plain("resolutions", "arrival"), ids=lambda e: f"arrival:{e.text}")
def test_arrival_entry_after_a_refund_is_the_refund_arriving(entry):
    text = f"商家11月3日退款50元，11月5日{entry.text}，{ORDER}，截图已附"
    said = actions(text)
    assert said and all(t == "refunded" for t, _, _ in said), (where(entry), text, said)


@pytest.mark.parametrize("entry", plain("grammar", "evidence_gap_char"), ids=lambda e: f"evidence_gap_char:{e.text}")
def test_evidence_gap_char_entry_lets_the_negator_deny_the_evidence(entry):
    text = f"商家11月3日已补发，{ORDER}，没有{entry.text}截图"
    roles = [x.role for x in reasonlint.check(text).entities if x.kind == "evidence"]
    assert roles == ["denied"], (where(entry), text, roles)


CROSSES = [e for e in LEX["variants"].entries("same_length") if not is_han(e.text[0])]


@pytest.mark.parametrize("entry", CROSSES, ids=lambda e: f"same_length:{e.text}")
def test_a_mark_read_as_a_word_says_it(entry):
    # 退款❌ is 退款没: the mark after the word denies it
    text = f"11月3日 退款{entry.text} {ORDER} 截图已附"
    bare = f"11月3日 退款 {ORDER} 截图已附"
    assert entry.value == "没" and reasonlint.check(text).verdict != "accept", (where(entry), text, actions(text))
    assert reasonlint.check(bare).verdict == "accept", (bare, actions(bare))


@pytest.mark.parametrize("text,expected", [
    ("商家说会补发，" + ORDER, ["promised"]),
    ("商家表示会补发，" + ORDER, ["promised"]),
    ("同学帮我看了，说会员已经开通了，" + ORDER, ["reported"]),   # 说会 of 说会员 is no promise
    ("商家表示会员已经开通了，" + ORDER, ["reported"]),
])
def test_speech_before_hui_promises_unless_it_is_huiyuan(text, expected):
    # promise.txt: re: 说会(?!员), re: 表示会(?!员)
    assert modalities(text) == expected, (text, actions(text))


# Each entry of the sections below, in a frame where it alone decides the outcome.
@pytest.mark.parametrize("word", LEX["resolutions"].words("working_lead"))
def test_working_lead_makes_an_arrival_working(word: str) -> None:
    r = reasonlint.check(f"卡密无效，商家12月3日换了新码，{word}会员已到账，{ORDER}，截图已附", complaint="卡密无效")
    assert r.verdict == "accept", (word, [f.code for f in r.findings])


@pytest.mark.parametrize("word", LEX["grammar"].words("rest_open"))
def test_rest_still_to_come_leaves_it_open(word: str) -> None:
    r = reasonlint.check(f"商家12月3日已补发一张，{word}两张客服说在处理，{ORDER}，截图已附")
    assert (r.verdict, r.resolution) == ("reject", "none"), word


@pytest.mark.parametrize("word", LEX["resolutions"].words("mistake_needs_object"))
def test_a_mistake_with_no_object_is_no_stated_mistake(word: str) -> None:
    r = reasonlint.check(f"是我自己{word}了，{ORDER}，12月3日，截图已附")
    assert (r.verdict, r.resolution) == ("reject", "none"), word


@pytest.mark.parametrize("word", LEX["grammar"].words("rest_open"))
def test_the_rest_promised_after_part_of_a_refund_leaves_it_open(word: str) -> None:
    r = reasonlint.check(f"商家12月3日先退了50元，{word}30元客服说下周再退，{ORDER}，截图已附", complaint="要求退款")
    assert (r.verdict, r.resolution) == ("reject", "none"), (word, [f.code for f in r.findings])


@pytest.mark.parametrize("word", LEX["resolutions"].words("buyer_sending"))
def test_the_buyer_sending_sends_no_goods(word: str) -> None:
    # after a non-arrival, 截图我{w}了 is evidence sent; with the merchant sending, the goods came
    r = reasonlint.check(f"卡密到12月3日还是没到，{ORDER}，截图我{word}了")
    assert (r.verdict, r.resolution) == ("reject", "none"), (word, [f.code for f in r.findings])
    sent = reasonlint.check(f"商家12月3日给我{word}了新卡密，已经到账，{ORDER}，截图已附")
    assert sent.verdict == "accept", (word, [f.code for f in sent.findings])


@pytest.mark.parametrize("word", LEX["resolutions"].words("buyer_returning"))
def test_the_buyer_returning_the_goods_undoes_no_refund(word: str) -> None:
    r = reasonlint.check(f"商家12月3日已经全额退款45元，发错的卡我也{word}给商家了，{ORDER}，退款截图已附",
                         complaint="发错商品")
    assert (r.verdict, r.resolution) == ("accept", "refunded"), (word, [f.code for f in r.findings])


@pytest.mark.parametrize("word", LEX["grammar"].words("retraction"))
def test_a_retraction_denies_the_evidence_named_before(word: str) -> None:
    r = reasonlint.check(f"商家已退款45元，{ORDER}，退款截图已附。补充：{word}当时没截图")
    assert "RL205" in {f.code for f in r.findings} and r.verdict != "accept", word


@pytest.mark.parametrize("word", LEX["grammar"].words("top_up"))
def test_a_top_up_makes_the_refund_whole(word: str) -> None:
    r = reasonlint.check(f"12月2日只退了20元，少了10元，12月3日商家又{word}了10元，{ORDER}，退款截图已附",
                         complaint="要求退款")
    assert (r.verdict, r.resolution) == ("accept", "refunded"), (word, [f.code for f in r.findings])
