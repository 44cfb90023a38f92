"""RL1xx: the form of the text (template phrases, length, typing slips)."""
from __future__ import annotations

from itertools import islice

from ..regexes import compiled
from .base import Example, Hit, Reading, Rule

# What counts one: a CJK character, or a run of ASCII letters and digits.
_MEANINGFUL = compiled(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+")
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


def _platform_length(r: Reading) -> list[Hit]:
    p = r.profile
    if p is None or (p.min is None and p.max is None):
        return []
    # past the analysed part only the code points are known: more than any field takes
    n = r.original_length if r.truncated else p.length(r.text.original)
    values = {"n": n, "platform": p.title, "field": p.field}
    if p.max is not None and n > p.max:
        return [Hit(*r.whole(), "long", {**values, "limit": p.max})]
    if p.min is not None and n < p.min:
        return [Hit(*r.whole(), "short", {**values, "limit": p.min})]
    return []


def _platform_requires(r: Reading) -> list[Hit]:
    p = r.profile
    if p is None or not p.require:
        return []
    st, ents = r.state, r.entities
    present = {"order_id": st.has_identifier, "date": st.has_date, "amount": st.has_amount,
               "evidence": st.has_evidence, "consent": bool(ents.consent), "written": bool(ents.written)}
    return [Hit(*r.whole(), "missing", {"platform": p.title, "what": r.labels["require"].get(what, what), "why": why})
            for what, why in p.require.items() if not present.get(what, True)]


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
PLATFORM_LENGTH = Rule(
    "RL105", "platform-length", "error",
    "理由超出所选平台字段的长度限制（过长或过短），平台会在审核前直接拒收。",
    "每个平台的撤诉或反馈字段都有字数限制（如支付宝 feedback_content 不超过200字，"
    "ShopEx 撤销原因最少5个字），超出限制的理由提交时就被拒绝，审核人员根本看不到；"
    "只在选择了平台（--platform、配置 platform 或 check(platform=...)）时检查。",
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。" + "再次感谢商家的耐心处理。" * 15,
            platform="alipay"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。", platform="alipay"),
    {"long": "理由有{n}字，超过{platform}（{field}）的上限{limit}字，提交会被拒绝；请精简到{limit}字以内。",
     "short": "理由只有{n}字，少于{platform}（{field}）的下限{limit}字，提交会被拒绝；请写明解决结果和订单号。"},
    _platform_length,
)
PLATFORM_REQUIRES = Rule(
    "RL106", "platform-requires", "error",
    "所选平台要求写明的内容（如凭证、日期）理由中没有。",
    "有的平台除了字数还要求特定内容：支付宝的投诉要上传商家提供的协商凭证（退款截图、发货单号），"
    "黑猫投诉的撤回要附含解决时间的书面和解协议。要求写在平台配置的 [require] 里；"
    "只在选择了平台时检查。",
    Example("商家已同意协商，并于11月3日退款50元，订单号20261103001。", platform="alipay"),
    Example("商家已同意协商，并于11月3日退款50元，订单号20261103001，退款截图已上传。", platform="alipay"),
    {"missing": "{platform}要求写明{what}：{why}。"},
    _platform_requires,
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
RULES = (TEMPLATE_PHRASE, TOO_SHORT, TOO_LONG, HOMOPHONE_SLIP, PLATFORM_LENGTH, PLATFORM_REQUIRES)
