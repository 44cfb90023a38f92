"""Saved ``--format json-lines`` results made up quickly, for tests of the report at scale.

Three reasons in ten are template phrases with an order number (three clusters of a
tenth of the rows each); the rest carry three random CJK characters, so nearly every one has a
text of its own: the case that would make an exact count of distinct texts grow
without bound.
"""
from __future__ import annotations

import json
import random
from typing import Iterator

TEMPLATES = ["问题已解决", "不想投诉了", "手误提交"]
GOODS = ["点卡", "月卡", "会员", "游戏币", "Q币", "话费", "充值卡", "卡密"]
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _finding(code: str, name: str, severity: str, message: str, start: int, end: int) -> dict:
    return {"code": code, "name": name, "severity": severity, "message": message, "start": start,
            "end": end, "line": 1, "column": start + 1, "end_line": 1, "end_column": end + 1}


def result_lines(n: int, seed: int = 17) -> Iterator[str]:
    rng = random.Random(seed)
    for i in range(n):
        order = rng.randrange(10 ** 11, 10 ** 12)
        if i % 10 < 3:
            phrase = TEMPLATES[i % 10]
            text = f"{phrase}，订单号{order}"
            findings = [_finding("RL101", "template-phrase", "warning", f"“{phrase}”是空泛的模板话术",
                                 0, len(phrase)),
                        _finding("RL201", "missing-resolution", "error", "没有写出已完成的解决结果",
                                 0, len(text))]
            score, verdict = rng.randrange(0, 30), "reject"
        else:
            noise = "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(3))
            text = f"商家已于{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日补发{rng.choice(GOODS)}{noise}，订单号{order}"
            findings = [_finding("RL205", "missing-evidence", "warning", "没有提到凭证", 0, len(text))]
            score = rng.randrange(50, 101)
            verdict = "accept" if score >= 80 else "revise"
        yield _dumps({"schema_version": 1, "kind": "reason", "path": f"day{i % 7}.csv", "line": i + 2,
                      "column": 1, "text": text, "mode": "reason", "complaint": None, "score": score,
                      "verdict": verdict, "resolution": "none", "channel": "unknown", "entities": [],
                      "findings": findings, "suggestion": "商家已于X月X日补发货，订单号XXX，物流记录已附。",
                      "missing": ["date"], "suppressed": 0}) + "\n"
