"""A deterministic corpus of realistic cancellation reasons (20–150 characters).

Reasons are assembled from phrase pools the way buyers write them: a resolution
(done, negated or merely promised), identifiers, dates, amounts, evidence, the
channel, and filler. ``corpus(n, seed)`` always returns the same list for the
same arguments, so figures from different runs are comparable.
"""
from __future__ import annotations

import random
from typing import Iterator

GOODS = ["点卡", "月卡", "会员", "游戏币", "Q币", "话费", "充值卡", "卡密", "兑换码", "激活码",
         "视频会员", "年卡", "点券", "皮肤", "账号", "流量包", "钻石", "京东E卡"]
SELLERS = ["商家", "卖家", "店铺", "客服", "平台客服", "对方", "店家", "供货商"]
DONE = ["已于{date}补发{goods}", "已经补发了{goods}", "{date}重新发货", "已全额退款{amount}",
        "退款{amount}已到账", "已退回{amount}到我的支付宝", "已补充值{amount}", "{goods}已到账",
        "已重新发送{goods}", "充值成功并且可以正常使用", "给我换了一张新的{goods}",
        "已换绑成功", "{date}已经收到{goods}", "部分退款{amount}已经到账", "重新充值了{amount}",
        "补发的{goods}已激活成功", "已退还{amount}", "已给我补了{goods}", "{goods}已开通成功"]
NEGATED = ["还没有补发", "至今未退款", "没有收到{goods}", "退款还没到账", "一直没有发货",
           "并未退还{amount}", "尚未补发{goods}", "没有补发也没有退款", "不是没发货，是发错了"]
PROMISED = ["说会在{date}补发", "答应明天退款", "承诺三天内退{amount}", "说会尽快处理",
            "表示稍后重新发货", "会在24小时内补发{goods}", "说下周一给我退款"]
PROBLEMS = ["未按时发货", "发错了{goods}", "{goods}无法使用", "卡密显示已被使用", "充值一直不到账",
            "兑换码无效", "少发了{amount}", "账号登不上", "会员没开通"]
IDS = ["订单号{order}", "订单号：{order}", "订单编号{order}", "投诉单号{ticket}",
       "交易号{order}", "工单号{ticket}", "快递单号SF{tracking}"]
EVIDENCE = ["聊天记录已截图", "转账凭证已上传", "物流记录已附", "附上聊天截图", "退款截图见附件",
            "有到账记录为证", "已附充值记录", "和解协议照片已上传", "通话录音已保存"]
CHANNELS = ["经平台客服协调", "通过支付宝", "微信转账", "双方协商一致", "经第三方调解",
            "在平台内", "通过银行卡退回"]
FILLER = ["谢谢", "麻烦审核一下", "特此撤销投诉", "申请撤销投诉", "问题已经处理好了",
          "给大家添麻烦了", "感谢平台", "现申请撤诉", "双方已达成一致"]
TEMPLATES = ["问题已解决", "不想投诉了", "手误提交", "个人原因", "没事了", "误操作", "算了不投了",
             "问题已经处理", "点错了", "已协商", "已解决，谢谢", "不需要了", "私人原因，撤销投诉"]
RELATIVE = ["昨天", "前天", "今天上午", "上周五", "三天前", "刚才"]
PLACEHOLDERS = ["订单号XXX", "于X月X日", "金额【填写】", "{{订单号}}", "___元"]
STORY = ["我在{date}购买了{goods}", "本人{date}在店里下单买了{amount}的{goods}",
         "付款后等了很久都没有收到卡密", "联系客服之后对方核实了情况", "当时因为着急所以投诉了",
         "后来和商家沟通了好几次", "商家解释说是系统延迟导致的", "之前的投诉是因为没及时发货"]
PUNCT = ["，", ",", "。", "；", " ", "，"]


def _fill(rng: random.Random, phrase: str) -> str:
    year = rng.choice(["", "", "2026年", "2025年"])
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    date = rng.choice([f"{year}{m}月{d}日", f"{m}月{d}号", f"2026-{m:02d}-{d:02d}",
                       f"{m}/{d}", rng.choice(RELATIVE), "十一月三号"])
    amount = rng.choice([f"{rng.randint(5, 999)}元", f"{rng.randint(5, 500)}块",
                         f"¥{rng.randint(5, 999)}", f"{rng.randint(5, 999)}.00元", "五十块",
                         f"{rng.randint(1, 9)},{rng.randint(100, 999)}元"])
    return phrase.format(
        date=date, amount=amount, goods=rng.choice(GOODS),
        order=str(rng.randint(10 ** 11, 10 ** 15)),
        ticket=f"TS{rng.randint(10 ** 7, 10 ** 9)}",
        tracking=str(rng.randint(10 ** 9, 10 ** 12)),
    )


def _reason(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        parts = [rng.choice(TEMPLATES)]
        if rng.random() < 0.5:
            parts.append(rng.choice(FILLER))
        if rng.random() < 0.3:
            parts.append(rng.choice(PLACEHOLDERS))
    else:
        parts = []
        if rng.random() < 0.35:
            parts.append(rng.choice(STORY))
        if rng.random() < 0.4:
            parts.append(rng.choice(PROBLEMS))
        head = rng.choice(SELLERS)
        pool = DONE if kind < 0.7 else NEGATED if kind < 0.85 else PROMISED
        parts.append(head + rng.choice(pool))
        for pool, p in ((IDS, 0.7), (EVIDENCE, 0.5), (CHANNELS, 0.4), (DONE, 0.2),
                        (STORY, 0.2), (FILLER, 0.5)):
            if rng.random() < p:
                parts.append(rng.choice(pool))
        middle = parts[1:-1]
        rng.shuffle(middle)  # buyers name these in any order
        parts[1:-1] = middle
    text = ""
    for i, part in enumerate(parts):
        text += _fill(rng, part)
        text += rng.choice(PUNCT) if i < len(parts) - 1 else rng.choice(["。", "", "！"])
    return text


def corpus(n: int, seed: int = 20261103) -> list[str]:
    """``n`` reasons of 20–150 characters, the same for the same seed."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        text = _reason(rng)
        while len(text) < 20:
            text += _fill(rng, rng.choice(FILLER + IDS)) + "。"
        if len(text) <= 150:
            out.append(text)
    return out


def batch_corpus(rows: int, seed: int, chunk: int = 20000) -> Iterator[str]:
    """The batch runs' ``rows`` reasons, made ``chunk`` at a time (memory stays flat)."""
    done = k = 0
    while done < rows:
        for text in corpus(min(chunk, rows - done), seed + 7 + k):
            done += 1
            yield text
        k += 1


if __name__ == "__main__":
    for line in corpus(20, seed=1):
        print(line)
