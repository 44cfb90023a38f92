"""reasonlint.frame: check_frame over pandas, row for row what Linter.check says."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

from frame_rows import assert_rows_match, expected, rows, write_lexicon  # noqa: E402
from reasonlint import Config, Linter  # noqa: E402
from reasonlint import frame  # noqa: E402
from reasonlint.frame import check_frame, linters_built  # noqa: E402

ODD_PANDAS = [None, "", "   ", np.nan, pd.NA, 123, np.int64(7), 12.5, np.float64(3.0), True, np.bool_(False)]


def numpy_free(row: dict) -> dict:
    # The expectation reads plain Python values; numpy and pandas scalars are their equivalents.
    value = row["reason"]
    if value is pd.NA:
        value = None
    elif isinstance(value, np.generic):
        value = value.item()
    return {**row, "reason": value}


def test_matches_linter_row_for_row_with_odd_cells_and_a_user_lexicon(tmp_path: Path) -> None:
    data = rows(3000, seed=3, odd=ODD_PANDAS)
    # A repeated, unordered index: it must come back as it went in.
    index = [i // 2 for i in range(len(data))][::-1]
    df = pd.DataFrame(data, index=index).astype({"reason": object})
    before = df.copy()
    config = Config(extra_lexicons=(write_lexicon(tmp_path / "lex"),))
    out = check_frame(df, "reason", complaint="complaint", channel="channel", config=config, full=True)
    assert len(out) == len(df)
    assert out.index.tolist() == index
    assert df.equals(before)   # pure: the input is not changed
    assert out["id"].tolist() == df["id"].tolist()
    pd.testing.assert_series_equal(out["reason"], df["reason"])
    lint = Linter(config)
    n = assert_rows_match(out.to_dict("records"), [expected(lint, numpy_free(r)) for r in data])
    assert n == 3000
    # The cases are all there: nulls, blanks, numbers, booleans, unknown channels, the user's word.
    assert out["error"].notna().sum() > 100
    assert (df["reason"].map(lambda v: isinstance(v, (int, float, np.generic)) and not isinstance(v, bool))).sum() > 50
    codes = [c for c in out.loc[df["reason"].astype(str).str.contains("核销单").to_numpy(), "codes"]
             if isinstance(c, list)]
    assert len(codes) > 200 and not any("RL205" in c for c in codes)


def test_a_cell_that_is_no_reason_is_a_row_error_like_the_cli() -> None:
    df = pd.DataFrame({"reason": [["补发"], {"a": 1}, b"\xe8\xa1\xa5", "商家已于11月3日补发货"]})
    out = check_frame(df)
    assert out["error"].tolist()[:3] == ["理由应为字符串，得到 list", "理由应为字符串，得到 dict",
                                         "理由应为字符串，得到 bytes"]
    assert out["score"].isna().tolist() == [True, True, True, False]
    assert out["codes"].isna().tolist() == [True, True, True, False]
    assert pd.isna(out["error"].iloc[3])
    assert out["resolution"].iloc[3] == "reshipped"


def test_an_unknown_channel_is_a_row_error_and_the_rest_are_checked() -> None:
    df = pd.DataFrame({"reason": ["问题已解决", "问题已解决"], "channel": ["微博", " PAYMENT "]})
    out = check_frame(df, channel="channel")
    assert "无法识别的渠道 '微博'" in out["error"].iloc[0]
    assert pd.isna(out["error"].iloc[1])
    assert out["channel"].iloc[1] == "payment"   # the result column replaces the input one
    assert list(out.columns) == ["reason", *frame.RESULT_COLUMNS]


def test_channel_cells_are_read_as_the_readers_read_them() -> None:
    # A channel as people write it in a sheet, and `unknown` (what reasonlint itself
    # writes for a reason whose channel it cannot tell) or a blank cell meaning none.
    text = "商家已于11月3日补发货,订单号20261103001,物流记录已附。"
    cells = ["支付宝", "微信支付", "黑猫投诉", "12315", "卡盟平台", "unknown", "  ", "Payment"]
    out = check_frame(pd.DataFrame({"reason": [text] * len(cells), "ch": cells}), channel="ch")
    lint = Linter()
    want = [lint.check(text, channel=c).channel for c in
            ("payment", "payment", "third_party", "third_party", "platform", None, None, "payment")]
    assert out["channel"].tolist() == want
    assert out["error"].isna().all()


def test_full_adds_the_result_as_json() -> None:
    text = "商家已于11月3日补发货,订单号20261103001,物流记录已附。"
    out = check_frame(pd.DataFrame({"reason": [text]}), full=True)
    assert json.loads(out["result"].iloc[0]) == Linter().check(text).to_dict()
    assert "result" not in check_frame(pd.DataFrame({"reason": [text]})).columns


def test_template_mode_is_passed_on() -> None:
    text = "商家已于X月X日补发游戏点卡，订单号XXX，卡密到账截图已附。"
    out = check_frame(pd.DataFrame({"reason": [text]}), mode="template")
    r = Linter().check(text, mode="template")
    assert out["codes"].iloc[0] == [f.code for f in r.findings]
    assert out["score"].iloc[0] == r.score


def test_an_empty_frame_has_the_result_dtypes_and_builds_no_linter() -> None:
    before = linters_built()
    out = check_frame(pd.DataFrame({"reason": pd.Series([], dtype=object)}),
                      config=Config(max_length=1601), full=True)
    assert linters_built() == before
    assert len(out) == 0
    assert out.drop(columns="reason").dtypes.equals(frame.empty(full=True).dtypes)
    full = check_frame(pd.DataFrame({"reason": ["问题已解决", None]}), full=True)
    assert full.drop(columns="reason").dtypes.equals(frame.empty(full=True).dtypes)


def test_one_linter_per_configuration_per_process() -> None:
    before = linters_built()
    df = pd.DataFrame({"reason": ["问题已解决"] * 50})
    check_frame(df, config=Config(max_length=1602, weights={"accept": 81, "reject": 49}))
    check_frame(df, config=Config(max_length=1602, weights={"reject": 49, "accept": 81}))   # equal, built anew
    check_frame(df.iloc[:10], config=Config(max_length=1602, weights={"accept": 81, "reject": 49}))
    assert linters_built() == before + 1   # 110 rows, three calls, one set-up
    check_frame(df, config=Config(max_length=1603))
    assert linters_built() == before + 2


def test_bad_arguments_are_clear_errors() -> None:
    df = pd.DataFrame({"reason": ["x"]})
    with pytest.raises(KeyError, match="没有名为 'text' 的列"):
        check_frame(df, "text")
    with pytest.raises(KeyError, match="没有名为 'ch' 的列"):
        check_frame(df, channel="ch")
    with pytest.raises(ValueError, match="mode 必须是"):
        check_frame(df, mode="strict")


def test_lexicons_pack_as_text_and_unpack_once_per_process(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "lex")
    packed = frame.pack_lexicons([folder])
    assert packed == (("lex", (("evidence.txt", "[evidence]\n核销单\n"),)),)
    first = frame.unpack_lexicons(packed)
    assert first == frame.unpack_lexicons(packed)
    assert first[0] != folder and (first[0] / "evidence.txt").read_text(encoding="utf-8") == "[evidence]\n核销单\n"
    with pytest.raises(FileNotFoundError, match="词库目录不存在"):
        frame.pack_lexicons([tmp_path / "missing"])
