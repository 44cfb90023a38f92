"""RL2xx: what a reviewer checks is there (resolution, identifier, date, evidence, amount)."""
from __future__ import annotations

from .base import Example, Hit, Reading, Rule

# The statuses RL201 speaks for; negations are RL301's, promises and pending RL302's.
RL201_STATUSES = frozenset({"none", "vague", "reported", "uncertain", "asked", "hypothetical",
                            "wished", "requested"})
ID_SLOTS = frozenset({"order_id", "complaint_id"})


def _missing_resolution(r: Reading) -> list[Hit]:
    st = r.state
    if st.status not in RL201_STATUSES:
        return []
    if r.mode == "template":
        return [Hit(*r.whole(), "template")]
    e = st.decisive
    if e is None:
        return [Hit(*r.whole(), "none")]
    values = {"clause": r.clause_text(e.start), "phrase": r.text.shown(e.start, e.end), "cue": e.cue}
    return [Hit(e.start, e.end, st.status, values)]


def _missing_identifier(r: Reading) -> list[Hit]:
    st = r.state
    if st.has_identifier:
        return []
    if r.mode == "template":
        return [Hit(*r.whole(), "template")]
    if any(e.kind == "tracking_no" for e in r.entities.identifiers):
        return [Hit(*r.whole(), "tracking")]
    return [Hit(*r.whole(), "reason")]


def _missing_date(r: Reading) -> list[Hit]:
    st = r.state
    if st.has_date or r.entities.relative_dates:
        return []
    if r.mode == "template":
        return [Hit(*r.whole(), "template")]
    roled = [d for d in r.entities.dates if d.role]
    if roled:
        d = roled[0]
        return [Hit(d.start, d.end, "role", {"date": d.text, "role": r.label("role", d.role)})]
    return [Hit(*r.whole(), "reason")]


def _relative_date(r: Reading) -> list[Hit]:
    if r.state.has_date:
        return []
    return [Hit(m.start, m.end, "relative", {"phrase": r.text.shown(m.start, m.end)})
            for m in r.entities.relative_dates[:1]]


def _missing_evidence(r: Reading) -> list[Hit]:
    if r.state.has_evidence:
        return []
    if r.mode == "template":
        return [Hit(*r.whole(), "template")]
    for e in r.entities.evidence:
        if e.role in ("denied", "later"):
            return [Hit(e.start, e.end, e.role, {"clause": r.clause_text(e.start)})]
    return [Hit(*r.whole(), "reason")]


def _missing_amount(r: Reading) -> list[Hit]:
    st = r.state
    refunds = [e for e in st.done if e.type == "refunded"]
    if not refunds or st.has_amount:
        return []
    e = refunds[0]
    key = "template" if r.mode == "template" else "reason"
    return [Hit(e.start, e.end, key, {"phrase": r.text.shown(e.start, e.end)})]


def _impossible_date(r: Reading) -> list[Hit]:
    return [Hit(m.start, m.end, "impossible", {"date": m.text}) for m in r.entities.impossible_dates]


MISSING_RESOLUTION = Rule(
    "RL201", "missing-resolution", "error",
    "没有写出具体、已完成的解决结果（“已解决”“已处理”、他人转述、疑问或假设都不算）。",
    "取消理由应具体说明问题已解决，例如“商家已补发货”“已协商退款”；只写“已处理”“已协商”等笼统结果，"
    "或只是转述商家的说法、自己还没确认，平台无法核实，撤诉后问题还在就维权无门。",
    Example("已经和商家协商好了，麻烦撤销投诉。"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {
        "none": "没有写出已完成的解决结果（补发、到账、退款、换货或书面和解）。",
        "vague": "“{phrase}”没有说明具体怎样解决；请写明已完成的结果，如“商家已于11月3日补发货”“已收到退款50元”。",
        "reported": "“{clause}”只是对方的说法，你还没有确认；请自己核实到账或收货后再撤销，并写明核实的结果。",
        "uncertain": "“{clause}”语气不确定（“{cue}”），说明还没有核实；请确认到账或收货后再撤销。",
        "asked": "“{clause}”是疑问，不是已经发生的结果；请写明确定的结果。",
        "hypothetical": "“{clause}”是假设（“{cue}”），不是已经发生的结果；请在问题真正解决后再撤销。",
        "wished": "“{clause}”只是希望，结果还没有发生；请在问题解决后再撤销投诉。",
        "requested": "“{clause}”只是请求，结果还没有发生；请在问题解决后再撤销投诉。",
        "template": "模板没有写出已完成的解决结果；请写成完成句，如“商家已于{{date}}补发货”。",
    },
    _missing_resolution,
)
MISSING_IDENTIFIER = Rule(
    "RL202", "missing-identifier", "warning",
    "没有订单号或投诉单号。",
    "投诉单号是取消凭证的唯一标识，订单号让平台能核对交易；"
    "指南的示范理由都带“订单号XXX”。快递单号只是凭证，不能代替订单号。",
    Example("商家已于11月3日补发货，物流记录已附。"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {
        "reason": "缺少订单号或投诉单号；请写上“订单号XXX”。",
        "tracking": "快递单号只是凭证，不能代替订单号；请写上“订单号XXX”或投诉单号。",
        "template": "模板缺少订单号；请加上“订单号{{order_id}}”这样的占位符。",
    },
    _missing_identifier,
)
MISSING_DATE = Rule(
    "RL203", "missing-date", "warning",
    "没有写明解决的具体日期（如11月3日）；下单、申请或到期的日期不算。",
    "指南的示范写法是“商家已于X月X日补发货”：解决的日期让审核能对照交易记录核实；"
    "只写下单日期，审核仍不知道问题是哪天解决的。",
    Example("商家已补发货，订单号20261103001，物流记录已附。"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {
        "reason": "缺少具体日期；请写明解决的日期，如“11月3日”。",
        "role": "“{date}”是{role}，不是解决的日期；请写明解决的日期，如“商家已于11月3日补发货”。",
        "template": "模板缺少日期；请加上“{{date}}”占位符，如“商家已于{{date}}补发货”。",
    },
    _missing_date,
)
RELATIVE_DATE = Rule(
    "RL204", "relative-date", "warning",
    "只有“昨天”“前几天”“上周”这类相对日期。",
    "审核可能在几天后才处理，相对日期届时无法对应到交易记录；应写成“11月3日”这样的具体日期。",
    Example("商家昨天已补发货，订单号20261103001，物流记录已附。"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {"relative": "“{phrase}”是相对日期，审核时无法对应到交易记录；请改成具体日期，如“11月3日”。"},
    _relative_date,
)
MISSING_EVIDENCE = Rule(
    "RL205", "missing-evidence", "warning",
    "没有提到凭证（截图、聊天记录、物流记录、转账凭证、和解协议等），或说明凭证没有留存。",
    "指南提醒要留存证据：平台客服核实时需要聊天记录、转账凭证等材料；"
    "商家口头承诺而没有留存记录，事后反悔就会维权无门。说“没截图”“聊天记录删了”等于没有凭证。",
    Example("商家已于11月3日补发货，订单号20261103001。"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {
        "reason": "没有提到凭证；请附上并写明截图、聊天记录、物流记录或转账凭证。",
        "denied": "“{clause}”说明凭证没有留存，等于没有凭证；请补上截图或聊天记录等可核实的材料。",
        "later": "“{clause}”说凭证以后再补，提交时还没有凭证；请附上后再撤销。",
        "template": "模板没有提到凭证；请写明凭证，如“{{evidence}}已附”“退款截图已附”。",
    },
    _missing_evidence,
)
MISSING_AMOUNT = Rule(
    "RL206", "missing-amount", "warning",
    "写了退款或赔付，但没有写金额。",
    "关键信息（如退款金额、时间）需要截图保存并写明，书面和解协议也要求包含退款金额；"
    "写清金额便于平台核对到账情况。",
    Example("商家已于11月3日退款，订单号20261103001，退款截图已附。"),
    Example("商家已于11月3日退款50元，订单号20261103001，退款截图已附。"),
    {
        "reason": "写了“{phrase}”但没有写金额；请写明金额，如“退款50元”。",
        "template": "模板写了“{phrase}”但没有金额；请加上“{{amount}}元”占位符。",
    },
    _missing_amount,
)
IMPOSSIBLE_DATE = Rule(
    "RL207", "impossible-date", "warning",
    "写了不存在的日期（如2月30日、13月45日）。",
    "审核会按日期核对交易记录：不存在的日期说明写错了，对不上记录的理由会被驳回。",
    Example("商家已于2月30日补发货，订单号20261103001，物流记录已附。"),
    Example("商家已于2月3日补发货，订单号20261103001，物流记录已附。"),
    {"impossible": "“{date}”不是存在的日期，不能算作日期；请核对后写成“11月3日”这样的日期。"},
    _impossible_date,
)
RULES = (MISSING_RESOLUTION, MISSING_IDENTIFIER, MISSING_DATE, RELATIVE_DATE, MISSING_EVIDENCE,
         MISSING_AMOUNT, IMPOSSIBLE_DATE)
