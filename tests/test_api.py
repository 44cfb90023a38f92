"""The library contract other applications rely on."""
from __future__ import annotations

import json

import pytest

import reasonlint
from reasonlint import Config, Linter
from reasonlint.model import CHANNELS, RESOLUTIONS, Entity, Finding, Result


def test_result_fields_and_dict():
    r = reasonlint.check("商家已于11月3日补发货,订单号20261103001,物流记录已附。")
    assert isinstance(r.score, int) and 0 <= r.score <= 100
    assert r.verdict == "accept"
    assert r.resolution == "reshipped"
    assert r.channel == "unknown"
    d = r.to_dict()
    assert list(d) == ["score", "verdict", "resolution", "channel", "entities", "findings",
                       "suggestion", "missing"]
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert set(d["entities"][0]) == {"kind", "text", "value", "start", "end"}


@pytest.mark.parametrize("text,verdict", [
    ("商家已于11月3日补发货,订单号20261103001", "accept"),
    ("问题已解决", "reject"),
    ("已协商退款,支付宝转账截图已附", "revise"),
    ("商家已于11月3日补发货，物流记录已附。", "revise"),       # no identifier
    ("订单号20261103001，问题已解决。", "reject"),            # an id does not rescue a vague outcome
])
def test_verdicts(text, verdict):
    assert reasonlint.check(text).verdict == verdict


def test_score_parts_add_up():
    r = reasonlint.check("商家昨天已补发，订单号20261111008，截图已附")
    p = r.parts
    assert p["date"] == 5          # a relative date earns a little
    assert r.score == p["total"] == p["resolution"] + p["identifier"] + p["date"] + p["evidence"] + p["detail"] + p["cap"]


def test_caps():
    assert reasonlint.check("不想投诉了").score <= 20
    r = reasonlint.check("商家答应11月3日退款50元，订单号20261103001，聊天记录已附")
    assert r.score <= 30 and r.verdict == "reject"
    r = reasonlint.check("商家已于11月3日补发，订单号XXX，物流记录已附")
    assert r.score <= 40 and r.verdict == "reject"


@pytest.mark.parametrize("kwargs", [{"mode": "draft"}, {"channel": "email"}, {"channel": "unknown"}])
def test_bad_arguments_raise_value_error(kwargs):
    with pytest.raises(ValueError) as info:
        reasonlint.check("商家已补发", **kwargs)
    assert str(next(iter(kwargs.values()))) in str(info.value)


def test_non_string_text_raises_type_error():
    with pytest.raises(TypeError):
        reasonlint.check(None)  # type: ignore[arg-type]


def test_enumerations_are_closed():
    for text in ["商家已补发", "问题已解决", "已退款50元", "已换卡", "和解协议已签", "填错账号了"]:
        r = reasonlint.check(text)
        assert r.resolution in RESOLUTIONS
        assert r.channel in CHANNELS


def test_template_mode_placeholders_fill_slots():
    text = "商家已于X月X日补发货，订单号XXX，物流记录已附。"
    assert reasonlint.check(text, mode="template").verdict == "accept"
    r = reasonlint.check(text, mode="reason")
    assert r.verdict == "reject"
    assert "RL304" in {f.code for f in r.findings}


def test_template_mode_still_needs_the_slots():
    r = reasonlint.check("商家已于{date}补发货，物流记录已附。", mode="template")
    assert "RL202" in {f.code for f in r.findings}
    assert r.verdict != "accept"


def test_weights_are_configurable():
    linter = Linter(Config(weights={"identifier": 10, "accept": 60}))
    r = linter.check("商家已于11月3日补发货,订单号20261103001")
    assert r.parts["identifier"] == 10
    with pytest.raises(ValueError):
        Config(weights={"nonsense": 1})
    with pytest.raises(ValueError):
        Config(weights={"identifier": "30"})


def test_severity_override_changes_verdict():
    linter = Linter(Config(severity={"RL202": "error"}))
    r = linter.check("商家已于11月3日补发货，物流记录已附。")
    assert {f.severity for f in r.findings if f.code == "RL202"} == {"error"}
    assert r.verdict == "reject"


def test_linters_are_independent():
    a = Linter(Config.make(ignore=["RL101"]))
    b = Linter()
    assert "RL101" not in {f.code for f in a.check("问题已解决").findings}
    assert "RL101" in {f.code for f in b.check("问题已解决").findings}


def test_severity_override_by_name_and_bad_level():
    linter = Linter(Config(severity={"missing-identifier": "error"}))
    r = linter.check("商家已于11月3日补发货，物流记录已附。")
    assert {f.severity for f in r.findings if f.code == "RL202"} == {"error"}
    with pytest.raises(ValueError, match="级别"):
        Config(severity={"RL202": "fatal"})
    with pytest.raises(KeyError):
        Config(severity={"RL999": "error"})


@pytest.mark.parametrize("cls, args", [
    (Entity, ("date", "11月3日", "11-03", 4, 9, "purchase")),
    (Finding, ("RL203", "missing-date", "warning", "缺少具体日期", 0, 5)),
])
def test_entities_and_findings_are_frozen_dataclasses(cls, args):
    import dataclasses
    import inspect

    names = [f.name for f in dataclasses.fields(cls)]
    assert list(inspect.signature(cls.__init__).parameters)[1:] == names  # __init__ kept in step
    obj = cls(*args)
    assert dataclasses.astuple(obj) == args
    assert obj == cls(*args) and hash(obj) == hash(cls(*args))
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.start = 1
    moved = dataclasses.replace(obj, start=1)
    assert moved.start == 1 and obj.start == args[names.index("start")]
    assert repr(obj).startswith(cls.__name__ + "(")


def test_result_is_a_frozen_dataclass():
    import dataclasses
    import inspect

    names = [f.name for f in dataclasses.fields(Result)]
    assert list(inspect.signature(Result.__init__).parameters)[1:] == names  # __init__ kept in step
    args = ("已退款", "reason", 40, "revise", "refunded", "unknown",
            [Entity("date", "11月3日", "11-03", 4, 9)],
            [Finding("RL203", "missing-date", "warning", "缺少具体日期", 0, 5)],
            "商家已退款。", ["date"], {"total": 40})
    r = Result(*args)
    assert [getattr(r, n) for n in names] == list(args)
    assert r == Result(*args[:-1], {"total": 0})   # the score breakdown is not compared
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.score = 1
    assert dataclasses.replace(r, score=90).score == 90 and r.score == 40


def test_results_survive_pickling_whole():
    import pickle

    r = Linter().check("商家已于11月3日补发货，订单号20261103001，物流记录已附。")
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.parts == r.parts and back.parts
    assert back.entities == r.entities and back.findings == r.findings
    assert type(back.entities[0]) is Entity


def test_result_parts_default_to_a_new_dict():
    a = Result("x", "reason", 0, "reject", "none", "unknown", [], [], "", [])
    b = Result("x", "reason", 0, "reject", "none", "unknown", [], [], "", [])
    assert a.parts == {} and a.parts is not b.parts
