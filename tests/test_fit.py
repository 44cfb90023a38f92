"""Fitting a rewrite into a profile's maximum (reasonlint.fit), and through the linter."""
from __future__ import annotations

from pathlib import Path

import reasonlint
from reasonlint.config import Config
from reasonlint.fit import default_fitter
from reasonlint.linter import Linter
from reasonlint.profiles import Profile

REWRITE = "商家已在投诉详情页点击【同意协商】，经核实，并于11月3日退款50元，已确认可以正常使用，订单号20261103001，转账截图已附。"
FACTS = ("11月3日", "50元", "20261103001", "转账截图已附", "【同意协商】")


def profile(top: int, low: "int | None" = None) -> Profile:
    return Profile("t", "测试平台", "reason", max=top, min=low)


def test_fits_untouched_when_short_enough() -> None:
    f = default_fitter().fit(REWRITE, profile(len(REWRITE)))
    assert (f.text, f.fits, f.note) == (REWRITE, True, "")


def test_filler_goes_first() -> None:
    f = default_fitter().fit(REWRITE, profile(len(REWRITE) - 1))
    assert f.fits and f.text == REWRITE.replace("经核实，", "")
    assert "已缩短" in f.note


def test_clauses_without_facts_go_next_and_facts_stay() -> None:
    top = len("商家已在投诉详情页点击【同意协商】，并于11月3日退款50元，订单号20261103001，转账截图已附。")
    f = default_fitter().fit(REWRITE, profile(top))
    assert f.fits and len(f.text) <= top
    assert "已确认可以正常使用" not in f.text
    for fact in FACTS:
        assert fact in f.text


def test_politeness_goes_before_any_clause() -> None:
    text = "您好，商家已于11月3日退款50元，谢谢，订单号20261103001，转账截图已附。"
    f = default_fitter().fit(text, profile(len(text) - 6))
    assert f.fits and f.text == "商家已于11月3日退款50元，订单号20261103001，转账截图已附。"


def test_never_cuts_facts_and_says_it_cannot_fit() -> None:
    f = default_fitter().fit(REWRITE, profile(30))
    assert not f.fits
    assert "仍有" in f.note and "上限30字" in f.note and "订单号、日期、金额和凭证不能删" in f.note
    for fact in FACTS:
        assert fact in f.text
    assert f.length == len(f.text) > 30


def test_too_short_is_said() -> None:
    f = default_fitter().fit("已退款。", profile(200, 5))
    assert not f.fits and "下限5字" in f.note


def test_suggestions_fit_every_built_in_profile() -> None:
    long = "商家已于11月3日退款50元，" + "真的非常感谢商家的耐心处理，" * 20 + "订单号20261103001，转账截图已附。"
    for name in ("alipay", "wechatpay", "shopex", "12315"):
        r = reasonlint.check(long, platform=name)
        assert r.platform is not None and r.platform["suggestion_fits"], name
        top = r.platform["max"]
        assert top is None or len(r.suggestion) <= top


def test_user_profile_shortens_the_linter_suggestion(tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "tiny.txt").write_text(
        "[profile]\ntitle => 短字段\nfield => r\nchannel => payment\nmax => 40\n", encoding="utf-8")
    lint = Linter(Config(extra_lexicons=(tmp_path,)))
    text = "商家已经同意协商了，11月3日退款50元，订单号20261103001，转账截图已附。"
    plain = lint.check(text, channel="payment")
    fitted = lint.check(text, platform="tiny")
    assert fitted.channel == "payment"
    assert len(plain.suggestion) > 40 >= len(fitted.suggestion)
    assert fitted.platform is not None and fitted.platform["suggestion_fits"]
    for fact in ("11月3日", "50元", "20261103001", "转账截图已附"):
        assert fact in fitted.suggestion
    cramped = lint.check(text, platform="tiny", channel="third_party")
    assert cramped.platform is not None
    assert cramped.platform["suggestion_fits"] == (len(cramped.suggestion) <= 40)
