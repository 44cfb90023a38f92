"""RL1xx: the form of the text (template phrases, length, typing slips)."""
from __future__ import annotations

import re
from itertools import islice

from .base import Example, Hit, Reading, Rule

# What counts one: a CJK character, or a run of ASCII letters and digits.
_MEANINGFUL = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+")
MIN_LENGTH = 10


def meaningful_length(text: str, at_most: int) -> int:
    """CJK characters count one each; a run of ASCII letters or digits counts one."""
    return len(list(islice(_MEANINGFUL.finditer(text), at_most)))


def _template_phrase(r: Reading) -> list[Hit]:
    return [Hit(m.start, m.end, "phrase", {"phrase": r.text.shown(m.start, m.end)})
            for m in r.entities.templates]


def _too_short(r: Reading) -> list[Hit]:
    n = meaningful_length(r.text.norm, MIN_LENGTH)
    if n >= MIN_LENGTH:
        return []
    return [Hit(*r.whole(), "short", {"n": n})]


def _too_long(r: Reading) -> list[Hit]:
    if not r.truncated:
        return []
    # from the end of what was analysed to the end of the text (positions past the
    # normalised text run on in the original)
    end = len(r.text.norm)
    return [Hit(end, end + r.original_length - r.max_length, "long", {"n": r.original_length, "limit": r.max_length})]


def _homophone_slip(r: Reading) -> list[Hit]:
    return [Hit(s.start, s.end, "slip", {"wrong": r.text.shown(s.start, s.end), "right": s.right})
            for s in r.text.slips]


TEMPLATE_PHRASE = Rule(
    "RL101", "template-phrase", "warning",
    "理由使用了空泛的模板话术（如“问题已解决”“不想投诉了”“手误提交”）。",
    "平台审核要求具体场景支撑：复制“问题已解决”“不想投诉了”“手误提交”这类模糊表述，"
    "会被视为“理由不充分”而驳回。应写明问题如何解决、订单号和凭证。",
    Example("问题已解决，不想投诉了。"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {"phrase": "“{phrase}”是空泛的模板话术，审核会以“理由不充分”驳回；"
               "请写明商家如何解决（补发、退款、换货）以及订单号和凭证。"},
    _template_phrase,
)
TOO_SHORT = Rule(
    "RL102", "too-short", "warning",
    "理由过短，有效字符不足约10个。",
    "审核会重点核查原因的真实性与证据链完整性，细节越充分，通过率越高；"
    "寥寥几个字无法说明解决结果。",
    Example("已退款"),
    Example("商家已于11月3日退款50元，订单号20261103001。"),
    {"short": "理由只有{n}个有效字，过短；请写明解决结果、订单号、日期和凭证。"},
    _too_short,
)
TOO_LONG = Rule(
    "RL103", "too-long", "warning",
    "理由超过长度上限（默认2000字符），只分析前面部分。",
    "过长的文字让审核人员难以找到关键信息，也可能是误粘贴了整段聊天记录；"
    "撤诉理由应简明写出结果、订单号、日期和凭证。",
    Example("商家已补发，" * 400),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {"long": "理由长{n}字，超过上限{limit}字；只分析了前{limit}字，请精简。"},
    _too_long,
)
HOMOPHONE_SLIP = Rule(
    "RL104", "homophone-slip", "info",
    "关键词疑似输入法同音错字（如“推款”应为“退款”），已按正确的词理解。",
    "审核人员能看懂“推款”“补法”“以到账”，但错字会让理由显得随意，关键词也可能被系统漏判；"
    "提交前改正更稳妥。reasonlint 按改正后的词判断，并指出改了哪里。",
    Example("商家11月3日已经推款50元，订单号20261103001，转账截图已附。"),
    Example("商家11月3日已经退款50元，订单号20261103001，转账截图已附。"),
    {"slip": "“{wrong}”疑为“{right}”的输入法错字，已按“{right}”理解；提交前请改正。"},
    _homophone_slip,
)
RULES = (TEMPLATE_PHRASE, TOO_SHORT, TOO_LONG, HOMOPHONE_SLIP)
