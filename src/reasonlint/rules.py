"""Rule logic, one function per rule, keyed by the codes of :mod:`reasonlint.registry`.

Each check returns (start, end, message) triples; :func:`run` turns them into
findings with the rule's code, name and (possibly configured) severity.
"""
from __future__ import annotations

from typing import Callable, Optional

from .analysis import ID_SLOTS, Analysis
from .config import Config
from .model import Finding
from .registry import RULES

Hit = tuple[int, int, str]
Check = Callable[[Analysis], list[Hit]]

RESOLUTION_NAMES = {
    "reshipped": "补发", "delivered": "到账/交付", "refunded": "退款", "exchanged": "换货",
    "settled": "书面和解", "user_error": "本人操作失误", "none": "无",
}
SLOT_NAMES = {
    "order_id": "订单号", "complaint_id": "投诉单号", "tracking_no": "快递单号", "date": "日期",
    "amount": "金额", "evidence": "凭证", "product": "商品名称", "merchant": "商家",
    "unknown": "内容",
}
CHANNEL_NAMES = {"platform": "平台投诉", "payment": "支付渠道", "third_party": "第三方平台"}
MIN_LENGTH = 10


def _whole(a: Analysis) -> tuple[int, int]:
    return 0, len(a.text)


def template_phrase(a: Analysis) -> list[Hit]:
    return [(m.start, m.end, f"“{a.text[m.start:m.end]}”是空泛的模板话术，审核会以“理由不充分”驳回；"
                             "请写明商家如何解决（补发、退款、换货）以及订单号和凭证。")
            for m in a.found.templates]


def too_short(a: Analysis) -> list[Hit]:
    n = a.meaningful_length(at_most=MIN_LENGTH)
    if n >= MIN_LENGTH:
        return []
    return [(*_whole(a), f"理由只有{n}个有效字，过短；请写明解决结果、订单号、日期和凭证。")]


def too_long(a: Analysis) -> list[Hit]:
    limit = a.config.max_length
    if not a.truncated:
        return []
    return [(limit, len(a.text), f"理由长{len(a.text)}字，超过上限{limit}字；只分析了前{limit}字，请精简。")]


def missing_resolution(a: Analysis) -> list[Hit]:
    if a.done or a.negated or a.promised:
        return []
    if a.vague:
        v = a.vague[0]
        return [(v.start, v.end, f"“{v.text}”没有说明具体怎样解决；请写明已完成的结果，"
                                 "如“商家已于11月3日补发货”“已收到退款50元”。")]
    return [(*_whole(a), "没有写出已完成的解决结果（补发、到账、退款、换货或书面和解）。")]


def missing_identifier(a: Analysis) -> list[Hit]:
    if a.has_identifier or any(p.value in ID_SLOTS for p in a.placeholders):
        return []
    if a.of("tracking_no"):
        return [(*_whole(a), "快递单号只是凭证，不能代替订单号；请写上“订单号XXX”或投诉单号。")]
    return [(*_whole(a), "缺少订单号或投诉单号；请写上“订单号XXX”。")]


def missing_date(a: Analysis) -> list[Hit]:
    if a.has_date or a.found.relative_dates or any(p.value == "date" for p in a.placeholders):
        return []
    return [(*_whole(a), "缺少具体日期；请写明解决的日期，如“11月3日”。")]


def relative_date(a: Analysis) -> list[Hit]:
    if a.has_date:
        return []
    return [(m.start, m.end, f"“{a.text[m.start:m.end]}”是相对日期，审核时无法对应到交易记录；"
                             "请改成具体日期，如“11月3日”。") for m in a.found.relative_dates[:1]]


def missing_evidence(a: Analysis) -> list[Hit]:
    if a.has_evidence:
        return []
    return [(*_whole(a), "没有提到凭证；请附上并写明截图、聊天记录、物流记录或转账凭证。")]


def missing_amount(a: Analysis) -> list[Hit]:
    refunds = [x for x in a.done if x.type == "refunded"]
    if not refunds or a.has_amount or any(p.value == "amount" for p in a.placeholders):
        return []
    r = refunds[0]
    return [(r.start, r.end, f"写了“{r.text}”但没有写金额；请写明金额，如“退款50元”。")]


def negated_resolution(a: Analysis) -> list[Hit]:
    if a.done or not a.negated:
        return []
    n = a.negated[0]
    return [(n.start, n.end, f"“{_clause_of(a, n.start)}”表示问题还没有解决，理由中也没有已完成的结果；"
                             "请在问题解决后再撤销投诉。")]


def unfulfilled_promise(a: Analysis) -> list[Hit]:
    if a.done or not a.promised:
        return []
    p = a.promised[0]
    return [(p.start, p.end, f"“{_clause_of(a, p.start)}”只是承诺或附条件的结果，还没有发生；"
                             "撤诉后商家反悔就维权无门，请在退款到账或货品补发后再撤销。")]


def complaint_mismatch(a: Analysis) -> list[Hit]:
    if a.answers_complaint is not False:
        return []
    return [(*_whole(a), f"原投诉事由“{a.complaint}”与理由中的结果（{RESOLUTION_NAMES[a.resolution]}）"
                         "不对应，平台会以“信息不符”驳回。")]


def unfilled_placeholder(a: Analysis) -> list[Hit]:
    if a.mode != "reason":
        return []
    return [(p.start, p.end, f"占位符“{p.text}”还没有填写；请换成真实的{SLOT_NAMES.get(str(p.value), '内容')}。")
            for p in a.placeholders]


def payment_consent(a: Analysis) -> list[Hit]:
    if "payment" not in a.venues or a.found.consent:
        return []
    return [(*_whole(a), "支付渠道投诉需要商家在投诉详情页点击“同意协商”，并上传退款截图、发货单号等协商凭证；"
                         "理由中没有提到。")]


def written_settlement(a: Analysis) -> list[Hit]:
    if "third_party" not in a.venues:
        return []
    if a.found.oral:
        o = a.found.oral[0]
        return [(o.start, o.end, f"“{a.text[o.start:o.end]}”只是口头和解；第三方平台要求书面和解协议"
                                 "（含退款金额、解决时间、双方签字），并附协议照片。")]
    if a.found.written:
        return []
    return [(*_whole(a), "第三方平台（黑猫投诉、12315等）撤诉需要与商家签订书面和解协议并附协议照片；理由中没有提到。")]


def multi_channel(a: Analysis) -> list[Hit]:
    if len(a.venues) < 2:
        return []
    names = "、".join(CHANNEL_NAMES[c] for c in ("platform", "payment", "third_party") if c in a.venues)
    return [(*_whole(a), f"提到在多个渠道投诉（{names}）：每个渠道都要分别申请撤销，遗漏一处投诉仍会生效。")]


CHECKS: dict[str, Check] = {
    "RL101": template_phrase,
    "RL102": too_short,
    "RL103": too_long,
    "RL201": missing_resolution,
    "RL202": missing_identifier,
    "RL203": missing_date,
    "RL204": relative_date,
    "RL205": missing_evidence,
    "RL206": missing_amount,
    "RL301": negated_resolution,
    "RL302": unfulfilled_promise,
    "RL303": complaint_mismatch,
    "RL304": unfilled_placeholder,
    "RL401": payment_consent,
    "RL402": written_settlement,
    "RL403": multi_channel,
}


def _clause_of(a: Analysis, pos: int) -> str:
    for s, e in a.clauses:
        if s <= pos < e:
            return a.text[s:e].strip()
    return a.text


Plan = list[tuple[str, str, str, Check]]


def plan(config: Config) -> Plan:
    """The enabled rules of ``config`` in registry order, as (code, name, severity, check)."""
    return [(r.code, r.name, config.severity.get(r.code, r.severity), CHECKS[r.code])
            for r in RULES if config.enabled(r.code)]


def run(a: Analysis, rules: Optional[Plan] = None) -> list[Finding]:
    """Findings of every enabled rule; pass a :func:`plan` made once to skip rebuilding it."""
    findings: list[Finding] = []
    for code, name, severity, check in plan(a.config) if rules is None else rules:
        hits = check(a)
        if hits:  # most checks pass: skip the empty loop
            for start, end, message in hits:
                findings.append(Finding(code, name, severity, message, start, end))  # type: ignore[arg-type]
    return findings
