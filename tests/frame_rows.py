"""Generated rows for the frame, Spark and Dask tests, and what ``Linter.check`` says of each.

The expectation is written from the CLI's documented reading of a record (README "Command
line"): a string is stripped, a null is an empty reason, a number or boolean is checked as
written; an empty complaint or channel is no context.
"""
from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from reasonlint import Linter
from reasonlint.sources.fields import channel_value

# A word only the user lexicon below makes evidence: with it, these reasons lose RL205.
USER_EVIDENCE = "核销单"

DONE = ["商家已于{d}补发货", "已全额退款{a}元", "退款{a}元已到账", "{d}已经收到点卡", "卖家给我换了一张新的月卡",
        "还没有补发", "说会尽快处理", "问题已解决", "不想投诉了", "手误提交"]
IDS = ["订单号{o}", "投诉单号{o}", "", ""]
EVIDENCE = ["聊天记录已截图", "物流记录已附", USER_EVIDENCE + "已附", USER_EVIDENCE + "已上传", ""]
CHANNELS = ["platform", "payment", "third_party", " Payment ", None, "", "支付宝", "unknown", "微博"]
COMPLAINTS = ["没有收到卡密", "充值一直不到账", None, "", "  "]
ODD = [None, "", "   ", float("nan"), 123, 20261103001, 12.5, True, False]


def reason(rng: random.Random) -> str:
    parts = [rng.choice(DONE), rng.choice(IDS), rng.choice(EVIDENCE)]
    text = "，".join(p for p in parts if p).format(
        d=f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", a=rng.randint(5, 500), o=rng.randint(10**9, 10**12))
    return rng.choice(["", " ", "\t"]) + text + rng.choice(["。", "", "  "])


def rows(n: int = 20_000, seed: int = 16, odd: Iterable[Any] = ODD) -> list[dict[str, Any]]:
    """``n`` rows: id, reason (one in ten a null, empty, blank or non-string cell), num, complaint, channel."""
    rng = random.Random(seed)
    odd = list(odd)
    out = []
    for i in range(n):
        value: Any = rng.choice(odd) if i % 10 == 0 else reason(rng)
        out.append({"id": i, "reason": value, "num": rng.choice([1.5, 3.0, float("nan"), 12.25]),
                    "complaint": rng.choice(COMPLAINTS), "channel": rng.choice(CHANNELS)})
    return out


def write_lexicon(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evidence.txt").write_text(f"[evidence]\n{USER_EVIDENCE}\n", encoding="utf-8")
    return folder


def cli_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    assert isinstance(value, str), value
    return value.strip()


def context(value: Any) -> Optional[str]:
    text = cli_text(value)
    return text or None


def expected(linter: Linter, row: Mapping[str, Any], text: str = "reason",
             with_context: bool = True) -> dict[str, Any]:
    """The result columns ``Linter.check`` gives for ``row`` (``result`` holds ``to_dict()``)."""
    complaint = context(row["complaint"]) if with_context else None
    channel = context(row["channel"]) if with_context else None
    try:  # a channel cell as the readers take it (支付宝 is payment), else the row's error
        r = linter.check(cli_text(row[text]), complaint=complaint, channel=channel_value(channel))
    except ValueError as exc:
        return {"score": None, "verdict": None, "resolution": None, "channel": None, "codes": None,
                "suggestion": None, "missing": None, "error": str(exc), "result": None}
    return {"score": r.score, "verdict": r.verdict, "resolution": r.resolution, "channel": r.channel,
            "codes": [f.code for f in r.findings], "suggestion": r.suggestion, "missing": list(r.missing),
            "error": None, "result": r.to_dict()}


def plain(got: Mapping[str, Any]) -> dict[str, Any]:
    """A result row from pandas or Spark as plain values: nulls None, lists lists, JSON parsed."""
    out: dict[str, Any] = {}
    for key in ("score", "verdict", "resolution", "channel", "codes", "suggestion", "missing", "error", "result"):
        value = got.get(key)
        if _is_null(value):
            value = None
        if key in ("codes", "missing") and value is not None:
            value = list(value)
        if key == "score" and value is not None:
            value = int(value)
        if key == "result" and value is not None:
            value = json.loads(value)
        out[key] = value
    return out


def _is_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")   # pandas' missing markers


def assert_rows_match(got: Iterable[Mapping[str, Any]], want: Iterable[Mapping[str, Any]],
                      full: bool = True) -> int:
    """Every row equal, in order; returns how many were compared."""
    n = 0
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        g = plain(g)
        if not full:
            g.pop("result")
            w = {k: v for k, v in w.items() if k != "result"}
        assert g == w, f"row {i}: {g} != {w}"
        n += 1
    return n
