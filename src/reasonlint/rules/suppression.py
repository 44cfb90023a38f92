"""RL001: a suppression comment that suppresses nothing (like ruff's RUF100).

It reads an input file's comments, not a reason: the run loop checks it with
:func:`reasonlint.suppress.unused`, from this rule's messages.
"""
from __future__ import annotations

from .base import Example, Rule

UNUSED_SUPPRESSION = Rule(
    "RL001", "unused-suppression", "warning",
    "抑制注释没有抑制任何问题（规则未触发，或规则代码写错了）。",
    "多余的抑制注释会误导后来的人，以为这条理由原本有问题；"
    "规则改进后它也可能悄悄藏住新的问题。删掉不再需要的抑制注释。",
    Example("# reasonlint: disable=RL203\n商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    Example("# reasonlint: disable=RL203\n商家已补发货，订单号20261103001，物流记录已附。"),
    {
        "spare": "未使用的抑制：{codes}",
        "unknown": "无法识别的抑制：{codes}",
        "advice": "（删除这条注释，或改正规则代码）",
    },
    scope="file",
)
RULES = (UNUSED_SUPPRESSION,)
