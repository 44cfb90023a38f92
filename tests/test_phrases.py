"""The phrase finder: same answers as a longest-first alternation, gates that never lose a match."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reasonlint.lexicon import Entry, load
from reasonlint.phrases import PhraseMatcher, Scanner, first_chars, required_chars

WORDS = ["补发", "补发货", "发货", "退款", "退款申请", "12315", "QQ", "已", "到账", "账号"]


def entries(words):
    return [("w", Entry(w, "", False, "t.txt", i, True)) for i, w in enumerate(words)]


def reference(words, text):
    def bounded(w):
        out = re.escape(w)
        if w[0].isascii() and w[0].isalnum():
            out = r"(?<![A-Za-z0-9])" + out
        if w[-1].isascii() and w[-1].isalnum():
            out += r"(?![A-Za-z0-9])"
        return out
    alt = re.compile("|".join(bounded(w) for w in sorted(words, key=lambda w: (-len(w), w))))
    return [(m.start(), m.end(), m.group()) for m in alt.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["补", "发", "货", "退", "款", "申请", "已", "到", "账", "号",
                                 "1", "2", "3", "5", "Q", "x", "，"]), max_size=30).map("".join))
def test_same_as_longest_first_alternation(text):
    matcher = PhraseMatcher(entries(WORDS), Scanner())
    assert [(m.start, m.end, m.text) for m in matcher.find(text)] == reference(WORDS, text)


def test_matchers_sharing_a_scanner_see_only_their_words():
    scanner = Scanner()
    actions = PhraseMatcher(entries(["退款", "补发"]), scanner)
    evidence = PhraseMatcher(entries(["截图", "退款截图"]), scanner)
    text = "已补发，退款截图已附"
    assert [m.text for m in actions.find(text)] == ["补发", "退款"]
    assert [m.text for m in evidence.find(text)] == ["退款截图"]


def test_ascii_phrases_do_not_run_on():
    m = PhraseMatcher(entries(["12315", "QQ"]), Scanner())
    assert [x.text for x in m.find("订单123156，QQ号，QQQ，12315投诉")] == ["QQ", "12315"]


def test_every_builtin_pattern_has_a_gate_that_holds():
    # Each built-in pattern's gate must contain the first character of its matches.
    samples = "商家已于X月X日补发，订单号XXX，{order_id}【订单号】（日期）[单号]____年__月__日 ¥XX 三天前 上周五 " \
              "问题已解决 不想投诉了 手误， 3个工作日内 2026年__月__日 11月XX日 ？？？ *** ○○"
    for lexicon in load().values():
        for section in lexicon.sections.values():
            for e in section:
                if not e.is_regex:
                    continue
                gate = first_chars(e.text)
                assert gate, e.text
                required = required_chars(e.text)
                for m in re.finditer(e.text, samples):
                    assert m.group()[0] in gate, (e.text, m.group())
                    for chars in required:
                        assert not chars.isdisjoint(m.group()), (e.text, m.group(), chars)


def test_gate_gives_up_on_what_it_cannot_tell():
    assert first_chars(r"\w+") is None
    assert first_chars(r"[^a]b") is None
    assert first_chars(r"a?") is None
    assert first_chars(r"(?:ab|cd)e") == frozenset("ac")
    assert first_chars(r"(?i)ab") is None  # b would stand for B too


def test_required_chars_are_every_char_a_match_cannot_do_without():
    need = required_chars(r"(?<![0-9])[0-9]+个?(?:工作日|小时|天)内")
    assert need == (frozenset("内"), frozenset("工小天"), frozenset("0123456789"))  # rarest first
    assert required_chars(r"a?b*") == ()
    assert required_chars(r"(?i)ab") == ()
    assert required_chars(r"\w+元") == (frozenset("元"),)  # what can't be told is left out


GATED = [r"[0-9]+天[前后]", r"[0-9]+个?(?:工作日|小时|天)内", r"(?:ab|cd)e+f?", r"x{2,}[-/]y",
         r"(?<![0-9])[0-9]{1,2}月[Xx]{1,2}[日号]"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(GATED),
       st.lists(st.sampled_from(list("0123天前后个工作日小时内abcdefxy-/月Xx号")), max_size=20).map("".join))
def test_a_text_a_pattern_matches_always_passes_its_gates(pattern, text):
    if re.search(pattern, text):
        chars = set(text)
        assert all(not need.isdisjoint(chars) for need in required_chars(pattern))
        first = first_chars(pattern)
        assert first is None or not first.isdisjoint(chars)


def test_a_matcher_skips_a_pattern_whose_required_chars_are_absent(monkeypatch):
    matcher = PhraseMatcher([("rel", Entry(r"[0-9]+天[前后]", "", True, "t.txt", 1, True))], Scanner())
    ran = []
    pattern = matcher._patterns[0][1]

    class Spy:
        def finditer(self, text):
            ran.append(text)
            return pattern.finditer(text)

    matcher._patterns[0] = ("rel", Spy(), *matcher._patterns[0][2:])
    assert matcher.find("订单20261103001") == []
    assert ran == []  # digits but no 天: the pattern never ran
    assert [m.text for m in matcher.find("3天前已补发")] == ["3天前"]
    assert ran == ["3天前已补发"]


def test_a_matcher_gate_takes_each_patterns_rarest_set():
    from reasonlint.phrases import _rarest

    # Of {_}, {年} and {月}, the placeholder mark: most reasons hold 年 or 月.
    assert _rarest(frozenset("_"), (frozenset("_"), frozenset("年"), frozenset("月"))) == frozenset("_")
    # {-/} is smaller, but dates hold those; {Xx×} only placeholders do.
    assert _rarest(frozenset("Xx×"), (frozenset("-/"), frozenset("Xx×"))) == frozenset("Xx×")
    assert _rarest(None, ()) is None
    assert _rarest(frozenset("0123456789"), ()) == frozenset("0123456789")
    pats = [r"_{1,3}月_{1,3}[日号]", r"(?<![A-Za-z0-9])[Xx×]{1,2}月[Xx×]{1,2}[日号]?"]
    matcher = PhraseMatcher([("d", Entry(p, "", True, "t.txt", 1, True)) for p in pats], Scanner())
    assert matcher._gate == frozenset("_Xx×")
    # One pattern that can't be gated leaves the whole matcher ungated.
    pats.append(r"\w+")
    matcher = PhraseMatcher([("d", Entry(p, "", True, "t.txt", 1, True)) for p in pats], Scanner())
    assert matcher._gate is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123天前后个工作日小时内abcdefxy-/月Xx×号_年 ")), max_size=20).map("".join))
def test_the_matcher_gate_never_changes_what_is_found(text):
    entries_ = [("p", Entry(p, "", True, "t.txt", 1, True)) for p in GATED + [r"_{1,3}月_{1,3}[日号]"]]
    gated = PhraseMatcher(entries_, Scanner())
    ungated = PhraseMatcher(entries_, Scanner())
    ungated._gate = None
    ungated._patterns = [(label, pattern, entry, None, (), budget)
                         for label, pattern, entry, _, _, budget in ungated._patterns]
    assert gated.find(text) == ungated.find(text)


def test_latin_words_match_in_the_usual_cases():
    m = PhraseMatcher(entries(["PayPal", "截图", "QQ"]), Scanner())
    assert [x.text for x in m.find("paypal PAYPAL Paypal PayPal pAYpAL 截图 qq Qq")] == [
        "paypal", "PAYPAL", "Paypal", "PayPal", "截图", "qq", "Qq"]  # not pAYpAL
