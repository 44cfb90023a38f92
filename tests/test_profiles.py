"""Platform profiles (reasonlint.profiles): built-in limits at their boundaries, codes,
users' profiles and their errors, and every way of choosing one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import reasonlint
from reasonlint.config import Config
from reasonlint.configfile import ConfigError, Overrides, resolve
from reasonlint.errors import LexiconError
from reasonlint.linter import Linter
from reasonlint.profiles import count_length, get, load

from cli_helpers import GOOD, run

# (profile, min, max) as the platforms' documents give them (see lexicons/profiles/).
LIMITED = [("alipay", None, 200), ("alipay-supplement", None, 200), ("wechatpay", None, 200),
           ("wechatpay-partner", None, 500), ("shopex", 5, 200)]
UNLIMITED = ["12315", "heimao", "taobao", "1688"]
FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"   # 👨‍👩‍👧: five code points
THUMB = "\U0001F44D"                                     # 👍: one code point, two UTF-16 units


def sized(n: int, tail: str = "") -> str:
    """A concrete reason of exactly ``n`` code points, ending with ``tail``."""
    body = GOOD + "再次感谢商家耐心处理" * 210
    text = body[: n - len(tail)] + tail
    assert len(text) == n
    return text


def rl105(text: str, platform: str) -> list[str]:
    return [f.message for f in reasonlint.check(text, platform=platform).findings if f.code == "RL105"]


def test_built_in_profiles_are_the_documented_ones() -> None:
    found = load()
    assert set(found) == {p for p, _, _ in LIMITED} | set(UNLIMITED)
    for name, lo, hi in LIMITED:
        assert (found[name].min, found[name].max) == (lo, hi)


@pytest.mark.parametrize(("name", "lo", "hi"), LIMITED, ids=[p for p, _, _ in LIMITED])
def test_maximum_boundary(name: str, lo: object, hi: int) -> None:
    assert rl105(sized(hi - 1), name) == []
    assert rl105(sized(hi), name) == []
    over = rl105(sized(hi + 1), name)
    assert len(over) == 1 and f"{hi + 1}字" in over[0] and f"上限{hi}字" in over[0]


@pytest.mark.parametrize(("name", "lo", "hi"), LIMITED, ids=[p for p, _, _ in LIMITED])
def test_emoji_count_by_code_point(name: str, lo: object, hi: int) -> None:
    assert rl105(sized(hi, THUMB), name) == []           # 👍 is one
    assert len(rl105(sized(hi + 1, THUMB), name)) == 1
    # 👨‍👩‍👧 shows as one symbol and counts five: hi - 4 symbols fit, hi - 3 do not
    assert rl105(sized(hi, FAMILY), name) == []
    over = rl105(sized(hi + 1, FAMILY), name)
    assert len(over) == 1 and f"{hi + 1}字" in over[0]


def test_shopex_minimum_boundary() -> None:
    short = rl105("已退款了", "shopex")
    assert len(short) == 1 and "只有4字" in short[0] and "下限5字" in short[0]
    assert rl105("已退款了吗", "shopex") == []
    assert rl105("已退款" + THUMB + "吗", "shopex") == []   # the emoji counts one
    assert len(rl105("已退" + THUMB + "了", "shopex")) == 1


@pytest.mark.parametrize("name", UNLIMITED)
def test_profiles_without_known_limits_set_none(name: str) -> None:
    p = get(name)
    assert p.min is None and p.max is None
    assert rl105(sized(1999), name) == []
    assert rl105("退", name) == []


def test_third_party_profiles_carry_the_written_settlement_demand() -> None:
    for name in ("12315", "heimao"):
        r = reasonlint.check("商家已于11月3日退款50元，订单号20261103001，转账截图已附。", platform=name)
        assert r.channel == "third_party"
        assert "agreement" in r.missing
        assert "书面和解协议" in r.suggestion


def test_utf16_counting() -> None:
    assert count_length(THUMB, "utf16") == 2
    assert count_length(FAMILY, "utf16") == 8
    assert count_length("退款", "utf16") == count_length("退款") == 2


@pytest.mark.parametrize(("text", "resolution", "code", "name"), [
    ("商家已于11月3日退款50元，订单号20261103001，转账截图已附。", "refunded", "02", "通过其他方式退款"),
    (GOOD, "reshipped", "03", "已发货"),
    ("商家已于11月3日为我更换了新的卡密，订单号20261103001，聊天记录已附。", "exchanged", "05", "已完成售后服务"),
    ("是我自己填错了充值账号，订单号20261103001，聊天记录截图已附。", "user_error", "06", "非我方责任范围"),
])
def test_alipay_feedback_code_from_our_resolution(text: str, resolution: str, code: str, name: str) -> None:
    r = reasonlint.check(text, platform="alipay")
    assert r.resolution == resolution
    assert r.platform is not None
    assert (r.platform["code_field"], r.platform["code"], r.platform["code_name"]) == ("feedback_code", code, name)
    assert r.to_dict()["platform"]["code"] == code


def test_no_resolution_has_no_code() -> None:
    r = reasonlint.check("问题已解决，不想投诉了。", platform="alipay")
    assert r.platform is not None and r.platform["code"] is None


def test_without_a_profile_nothing_changes() -> None:
    plain, again = reasonlint.check(GOOD), Linter(Config()).check(GOOD)
    assert plain.platform is None and "platform" not in plain.to_dict()
    assert plain.to_dict() == again.to_dict()
    assert plain.channel == "unknown"


def test_profile_implies_its_channel_unless_given() -> None:
    assert reasonlint.check(GOOD, platform="alipay").channel == "payment"
    assert reasonlint.check(GOOD, platform="alipay", channel="platform").channel == "platform"


def test_unknown_platform_in_the_api() -> None:
    with pytest.raises(ValueError, match="未知平台 'nope'.*alipay"):
        reasonlint.check(GOOD, platform="nope")


# -- users' profiles ----------------------------------------------------------------

def user_folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "lex"
    (folder / "profiles").mkdir(parents=True)
    (folder / "profiles" / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


SHOP = "# 我们自己的店铺后台\n[profile]\ntitle => 本店撤诉\nfield => reason\nchannel => platform\n" \
       "min => 8   # 后台校验\nmax => 30\ncount => utf16\n"


def test_user_profile_from_a_lexicon_folder(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, "myshop", SHOP)
    lint = Linter(Config(extra_lexicons=(folder,), platform="myshop"))
    assert not [f for f in lint.check(sized(30)).findings if f.code == "RL105"]
    assert not [f for f in lint.check(sized(29, THUMB)).findings if f.code == "RL105"]   # 28 + 2
    over = [f for f in lint.check(sized(30, THUMB)).findings if f.code == "RL105"]       # utf16: 👍 counts 2
    assert not [f for f in lint.check(sized(8)).findings if f.code == "RL105"]
    assert [f for f in lint.check(sized(7)).findings if f.code == "RL105"]
    assert len(over) == 1 and "31字" in over[0].message and "本店撤诉" in over[0].message
    assert "myshop" in lint.profiles and "alipay" in lint.profiles


def test_user_profile_overrides_a_built_in_one(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, "alipay", "[profile]\ntitle => 改过的\nfield => f\nmax => 50\n")
    p = load((folder,))["alipay"]
    assert (p.title, p.max, p.codes) == ("改过的", 50, {})


@pytest.mark.parametrize(("text", "where", "message"), [
    ("[profile]\ntitle => t\nfield => f\nmax => 二百\n", 4, "max 应为正整数"),
    ("[profile]\ntitle => t\nfield => f\nmaxlen => 200\n", 4, "未知的键 'maxlen'"),
    ("[profile]\ntitle => t\nfield => f\nmin => 9\nmax => 5\n", 4, "min（9）大于 max（5）"),
    ("[profile]\ntitle => t\nfield => f\nchannel => alipay\n", 4, "channel 应为"),
    ("[profile]\ntitle => t\nfield => f\ncount => bytes\n", 4, "count 应为"),
    ("[profile]\ntitle => t\nfield => f\ncode_field => c\n[codes]\nrefund => 02\n", 6, "未知的解决结果 'refund'"),
    ("[profile]\ntitle => t\nfield => f\n[limits]\n", 4, "未知的节 [limits]"),
    ("[profile]\ntitle => t\nfield\n", 3, "的条目应为映射"),
    ("[profile]\nfield => f\n", 0, "缺少 title"),
    ("[profile]\ntitle => t\nfield => f\n[require]\nphoto => 要照片\n", 5, "未知的必填内容 'photo'"),
])
def test_user_profile_errors_name_file_and_line(tmp_path: Path, text: str, where: int, message: str) -> None:
    folder = user_folder(tmp_path, "bad", text)
    with pytest.raises(LexiconError) as err:
        load((folder,))
    assert str(err.value).startswith(f"{folder / 'profiles' / 'bad.txt'}:{where}: ")
    assert message in str(err.value)


def test_user_profile_name_must_be_plain(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="平台名只能用"):
        load((user_folder(tmp_path, "My Shop", SHOP),))


# -- choosing a profile: configuration, per file, command line ----------------------

def test_platform_in_configuration(tmp_path: Path) -> None:
    (tmp_path / "reasonlint.toml").write_text('platform = "alipay"\n', encoding="utf-8")
    settings = resolve(cwd=tmp_path)
    assert settings.config.platform == "alipay"
    assert Linter(settings.config).check(sized(201)).platform["name"] == "alipay"  # type: ignore[index]


def test_unknown_platform_in_configuration_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "reasonlint.toml").write_text('mode = "reason"\nplatform = "alipy"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"reasonlint.toml:2: platform: 未知平台 'alipy'"):
        resolve(cwd=tmp_path)


def test_user_platform_in_configuration(tmp_path: Path) -> None:
    user_folder(tmp_path, "myshop", SHOP)
    (tmp_path / "reasonlint.toml").write_text('lexicons = ["lex"]\nplatform = "myshop"\n', encoding="utf-8")
    assert resolve(cwd=tmp_path).config.platform == "myshop"


def test_per_file_platform_and_command_line_precedence(tmp_path: Path) -> None:
    (tmp_path / "reasonlint.toml").write_text(
        'platform = "wechatpay-partner"\n[per-file-platform]\n"alipay/*" = "alipay"\n', encoding="utf-8")
    (tmp_path / "alipay").mkdir()
    long = sized(300)
    (tmp_path / "alipay" / "r.txt").write_text(long + "\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text(long + "\n", encoding="utf-8")
    s = resolve(cwd=tmp_path)
    assert s.platform_for(str(tmp_path / "alipay" / "r.txt")) == "alipay"
    assert s.platform_for(str(tmp_path / "other.txt")) is None   # the configuration's own
    ran = run("check", "--config", str(tmp_path / "reasonlint.toml"), "--format", "json-lines",
              str(tmp_path / "alipay" / "r.txt"), str(tmp_path / "other.txt"))
    rows = [json.loads(line) for line in ran.out.splitlines()]
    by_file = {Path(r["path"]).name: r for r in rows}
    assert by_file["r.txt"]["platform"]["name"] == "alipay"
    assert any(f["code"] == "RL105" for f in by_file["r.txt"]["findings"])
    assert by_file["other.txt"]["platform"]["name"] == "wechatpay-partner"
    assert not any(f["code"] == "RL105" for f in by_file["other.txt"]["findings"])
    assert ran.code == 1
    forced = resolve(cwd=tmp_path, overrides=Overrides(platform="shopex"))
    assert forced.platform_for(str(tmp_path / "alipay" / "r.txt")) == "shopex"


def test_check_platform_option() -> None:
    ran = run("check", "--platform", "alipay", "--format", "json-lines", "-", input=sized(201) + "\n")
    row = json.loads(ran.out.splitlines()[0])
    assert [f["code"] for f in row["findings"] if f["code"] == "RL105"] == ["RL105"]
    assert ran.code == 1
    clean = run("check", "--format", "json-lines", "-", input=sized(201) + "\n")
    assert "platform" not in json.loads(clean.out.splitlines()[0])


def test_unknown_platform_option_is_a_usage_error() -> None:
    ran = run("check", "--platform", "nope", "-", input=GOOD + "\n")
    assert ran.code == 2
    assert "--platform: 未知平台 'nope'" in ran.err and "alipay" in ran.err


def test_profiles_command_lists_each_profile() -> None:
    ran = run("profiles")
    assert ran.code == 0
    for name, _, hi in LIMITED:
        assert name in ran.out
    assert "5..200字" in ran.out and "≤500字" in ran.out
    assert "feedback_code：refunded → 02（通过其他方式退款）" in ran.out
    data = json.loads(run("profiles", "--json").out)
    assert {d["name"] for d in data} == set(load())


def test_profiles_command_shows_users_profiles(tmp_path: Path) -> None:
    user_folder(tmp_path, "myshop", SHOP)
    (tmp_path / "reasonlint.toml").write_text('lexicons = ["lex"]\n', encoding="utf-8")
    ran = run("profiles", "--config", str(tmp_path / "reasonlint.toml"))
    assert "myshop" in ran.out and "8..30字" in ran.out and "来自" in ran.out


def test_explain_shows_the_active_profile_and_code() -> None:
    ran = run("explain", "--platform", "alipay", "商家已于11月3日退款50元，订单号20261103001，转账截图已附。")
    assert ran.code == 0
    assert "平台：alipay（支付宝投诉反馈）" in ran.out and "字段：feedback_content" in ran.out
    assert "feedback_code：02（通过其他方式退款）" in ran.out
    assert "长度：37字" in ran.out
    data = json.loads(run("explain", "--json", "--platform", "shopex", "已退款了").out)
    assert data["platform"]["name"] == "shopex" and any(f["code"] == "RL105" for f in data["findings"])
    assert "平台：" not in run("explain", GOOD).out


def test_platform_survives_pickling_for_jobs() -> None:
    import pickle

    r = reasonlint.check(GOOD, platform="alipay")
    back = pickle.loads(pickle.dumps(r))
    assert back.platform == r.platform and back.to_dict() == r.to_dict()


def test_check_with_jobs_reports_the_platform(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n".join([GOOD, sized(201)]) + "\n", encoding="utf-8")
    ran = run("check", "--no-config", "-j", "2", "--platform", "alipay", "--format", "json-lines", str(tmp_path))
    rows = [json.loads(line) for line in ran.out.splitlines() if '"platform"' in line]
    assert len(rows) == 2 and all(r["platform"]["name"] == "alipay" for r in rows)


# -- RL106 platform-requires ---------------------------------------------------------------

def _codes(text: str, platform: "str | None") -> list[str]:
    return [f.code for f in reasonlint.check(text, platform=platform).findings]


@pytest.mark.parametrize("platform", ["alipay", "alipay-supplement", "wechatpay", "wechatpay-partner"])
def test_payment_profiles_require_evidence(platform: str) -> None:
    bare = "商家已同意协商，并于11月3日退款50元，订单号20261103001。"
    shown = "商家已同意协商，并于11月3日退款50元，订单号20261103001，退款截图已上传。"
    assert "RL106" in _codes(bare, platform)
    assert "RL106" not in _codes(shown, platform)
    assert "RL106" not in _codes(bare, None)   # no profile, no requirement
    [f] = [f for f in reasonlint.check(bare, platform=platform).findings if f.code == "RL106"]
    assert f.severity == "error" and "凭证" in f.message


@pytest.mark.parametrize("platform", ["heimao", "12315"])
def test_third_party_profiles_require_the_settlement_date(platform: str) -> None:
    undated = "已与商家签订书面和解协议，退款50元已到账，订单号20261103001，和解协议照片已附。"
    dated = "已与商家签订书面和解协议，退款50元已于11月3日到账，订单号20261103001，和解协议照片已附。"
    assert "RL106" in _codes(undated, platform)
    assert "RL106" not in _codes(dated, platform)
    assert reasonlint.check(dated, platform=platform).verdict == "accept"


def test_profiles_without_requirements_add_none() -> None:
    bare = "商家已于11月3日补发货，订单号20261103001。"
    for platform in ("shopex", "taobao", "1688"):
        assert "RL106" not in _codes(bare, platform)


def test_a_user_profile_may_require_content(tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    (folder / "profiles").mkdir(parents=True)
    (folder / "profiles" / "shop.txt").write_text(
        SHOP + "[require]\namount => 本店后台要填退款金额\norder_id => 本店按订单号查\n", encoding="utf-8")
    lint = Linter(Config(extra_lexicons=(folder,)))
    r = lint.check("商家已于11月3日退款，截图已附。", platform="shop")
    messages = [f.message for f in r.findings if f.code == "RL106"]
    assert len(messages) == 2 and any("金额" in m for m in messages) and any("订单号" in m for m in messages)
    ok = lint.check("商家已于11月3日退款50元，订单号20261103001，截图已附。", platform="shop")
    assert "RL106" not in [f.code for f in ok.findings]
    assert lint.profiles["shop"].require == {"amount": "本店后台要填退款金额", "order_id": "本店按订单号查"}
