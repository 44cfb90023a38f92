"""Behaviour tests in the style of CheckList (Ribeiro et al., 2020), from our own seeds.

Seeds: every acceptable reason in tests/data/families (reason mode). Each family of
perturbations is applied to every seed it fits:

- invariance: a change that keeps the meaning keeps the verdict and the resolution
  (filler words, punctuation width, full-width digits, other digits in the order
  number, traditional characters, spaces after punctuation);
- direction: a change that breaks the reason stops the accept (a failure or a
  non-arrival appended, the order number removed, the claim turned into someone's
  word the buyer has not checked).

Each family must hold for at least 98% of its seeds; the message lists the misses.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Optional

import pytest

from reasonlint import Linter

LINTER = Linter()
FAMILIES = Path(__file__).parent / "data" / "families"
THRESHOLD = 0.98


def seeds() -> list[dict]:
    out = []
    for path in sorted(FAMILIES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                if d["expect"]["acceptable"] and (d.get("mode") or "reason") == "reason":
                    out.append(d)
    return out


SEEDS = seeds()


def kwargs(seed: dict) -> dict:
    return {"complaint": seed.get("complaint"), "channel": seed.get("channel")}


def judged(text: str, seed: dict) -> tuple[str, str]:
    r = LINTER.check(text, **kwargs(seed))
    return r.verdict, r.resolution


# -- invariance --------------------------------------------------------------------------------

FULL_WIDTH = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?",
                            ",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？"})
DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def fillers(text: str, seed: dict) -> str:
    return "您好，" + text.rstrip("。.！!") + "。麻烦审核，谢谢！"


def punctuation_width(text: str, seed: dict) -> str:
    # only punctuation between Chinese characters changes width: 50.5元 stays a number
    return re.sub(r"(?<![0-9A-Za-z])[，。：；！？,.:;!?](?![0-9])", lambda m: m.group().translate(FULL_WIDTH), text)


def full_width_digits(text: str, seed: dict) -> str:
    return text.translate(DIGITS)


def other_id_digits(text: str, seed: dict) -> Optional[str]:
    ids = [e for e in LINTER.check(text, **kwargs(seed)).entities if e.kind == "order_id"]
    if not ids:
        return None
    out = text
    for e in sorted(ids, key=lambda e: -e.start):
        changed = "".join(str((int(c) + 3) % 10) if c.isdigit() else c for c in e.text)
        out = out[:e.start] + changed + out[e.end:]
    return out


def traditional(text: str, seed: dict) -> str:
    opencc = pytest.importorskip("opencc")
    return opencc.OpenCC("s2tw").convert(text)


def spaces(text: str, seed: dict) -> str:
    return re.sub(r"([，。；！,;!])(?=\S)", r"\1 ", text)


def particle(text: str, seed: dict) -> str:
    # 商家回复啊，… / 已经到账了呢，…: a particle at the end of the first clause tells nothing new
    return re.sub(r"(?<=[\u4e00-\u9fff])(?=[，,])", "啊", text, count=1)


def declarative_ne(text: str, seed: dict) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff])(?=[，,])", "呢", text, count=1)


def opening_filler(text: str, seed: dict) -> str:
    return "其实" + text


def acknowledgement(text: str, seed: dict) -> str:
    return "好的，" + text


def commas_as_full_stops(text: str, seed: dict) -> str:
    # short sentences instead of clauses: 商家回复。已于11月4日补发。
    return re.sub(r"[，,]", "。", text)


def commas_as_spaces(text: str, seed: dict) -> str:
    # typed in chat, a space for a comma
    return re.sub(r"[，,]", " ", text)


INVARIANCE: dict[str, Callable[[str, dict], Optional[str]]] = {
    "fillers": fillers, "punctuation-width": punctuation_width, "full-width-digits": full_width_digits,
    "other-id-digits": other_id_digits, "traditional": traditional, "spaces": spaces,
    "particle": particle, "declarative-ne": declarative_ne, "opening-filler": opening_filler,
    "acknowledgement": acknowledgement, "commas-as-spaces": commas_as_spaces,
    "commas-as-full-stops": commas_as_full_stops,
}


@pytest.mark.parametrize("name", INVARIANCE)
def test_invariance(name: str) -> None:
    change = INVARIANCE[name]
    tried, misses = 0, []
    for seed in SEEDS:
        before = judged(seed["text"], seed)
        changed = change(seed["text"], seed)
        if changed is None or changed == seed["text"]:
            continue
        tried += 1
        after = judged(changed, seed)
        if after != before:
            misses.append((seed["id"], changed, before, after))
    assert tried >= 100, tried
    assert (tried - len(misses)) / tried >= THRESHOLD, misses


# -- direction ---------------------------------------------------------------------------------

def append_failure(text: str, seed: dict) -> Optional[str]:
    r = LINTER.check(text, **kwargs(seed))
    if r.resolution in ("user_error", "settled"):
        return None  # neither has goods or money that could fail afterwards
    tail = "可是钱到现在还没到账" if r.resolution == "refunded" else "结果今天一试还是用不了"
    return text.rstrip("。.！!") + "，" + tail + "。"


def remove_order_number(text: str, seed: dict) -> Optional[str]:
    r = LINTER.check(text, **kwargs(seed))
    ids = [e for e in r.entities if e.kind in ("order_id", "complaint_id")]
    if not ids:
        return None
    out = text
    for e in sorted(ids, key=lambda e: -e.start):
        # the number and the label before it (订单号：, 交易号 …)
        label = re.search(r"(?:订单编号|订单号码|订单号|订单|单号|交易号|交易单号|投诉单号|工单号|支付宝交易号|微信支付单号|"
                          r"訂單號|訂單編號|訂單|order no\.?|Order no\.?|order|Order)[\s:：#]*$", out[:e.start])
        start = label.start() if label else e.start
        out = out[:start] + out[e.end:]
    return out


def unchecked_hearsay(text: str, seed: dict) -> Optional[str]:
    r = LINTER.check(text, **kwargs(seed))
    if r.resolution == "user_error":
        return None  # the buyer's own mistake is nobody else's word
    return "客服告诉我：" + text.rstrip("。.！!") + "。我自己还没去核实。"


def append_taken_back(text: str, seed: dict) -> Optional[str]:
    r = LINTER.check(text, **kwargs(seed))
    if r.resolution in ("user_error", "settled"):
        return None
    tail = "后来这笔钱又被扣回了" if r.resolution == "refunded" else "过了两天又被收回了"
    return text.rstrip("。.！!") + "，" + tail + "。"


def reply_hearsay(text: str, seed: dict) -> Optional[str]:
    r = LINTER.check(text, **kwargs(seed))
    if r.resolution == "user_error":
        return None
    # the buyer's own word (我查了确实到账了, 我：收到了，能用) stands whatever the service said
    if any(e.concrete and e.modality == "done" and e.actor == "buyer"
           for e in LINTER.analyse(text, **kwargs(seed)).events):
        return None
    # nor does the buyer's own check in a clause of its own (…，我刚查了支付宝，确实到账了)
    if BUYER_CHECKS.search(text):
        return None
    return "据客服反馈，" + text


BUYER_CHECKS = re.compile(r"我[^，,。；;]{0,6}?(?:查了|看了|查过|看过|确认了|核实了)")


DIRECTION: dict[str, Callable[[str, dict], Optional[str]]] = {
    "append-failure": append_failure, "remove-order-number": remove_order_number,
    "unchecked-hearsay": unchecked_hearsay, "append-taken-back": append_taken_back,
    "reply-hearsay": reply_hearsay,
}


@pytest.mark.parametrize("name", DIRECTION)
def test_direction(name: str) -> None:
    change = DIRECTION[name]
    tried, misses = 0, []
    for seed in SEEDS:
        if judged(seed["text"], seed)[0] != "accept":
            continue
        changed = change(seed["text"], seed)
        if changed is None:
            continue
        tried += 1
        verdict, _ = judged(changed, seed)
        if verdict == "accept":
            misses.append((seed["id"], changed))
    assert tried >= 100, tried
    assert (tried - len(misses)) / tried >= THRESHOLD, misses
