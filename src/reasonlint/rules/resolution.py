"""RL3xx: the resolution's state and its fit (negated, promised, mismatched) and placeholders."""
from __future__ import annotations

from ..model import EMPTY_FIELD, FAILURES
from .base import Example, Hit, Reading, Rule

RL301_STATUSES = frozenset({"negated", "failed", "partial"})
RL302_STATUSES = frozenset({"pending", "promised", "conditional"})


def _state_hit(r: Reading, statuses: frozenset[str]) -> list[Hit]:
    """A hit for the reason's end state when it is one of ``statuses``, else for the last
    event of those kinds: 商家尚未退款，只是口头答应会退 is both denied and promised."""
    st = r.state
    if st.status in statuses and st.decisive is not None:
        e = st.decisive
        key = st.status
    else:
        found = [b for b in st.blockers if b.modality in statuses or (b.type in FAILURES and "negated" in statuses)]
        if not found:
            return []
        e = found[-1]
        key = "failed" if e.type in FAILURES else e.modality
    values = {"clause": r.clause_text(e.start), "cue": e.cue or r.text.shown(e.start, e.end)}
    if st.undone is not None and e is st.decisive and st.undone is not e:
        values["done"] = r.clause_text(st.undone.start)
        # the message of this rule, whatever the end state is called (a refund short of
        # the price is "partial" while its decisive event may be a promise)
        key = "undone_" + ("pending" if statuses is RL302_STATUSES else "failed")
    if e.cue == EMPTY_FIELD and "pending" in statuses:
        key, values = "empty_field", {"field": r.text.shown(e.start, e.end)}
    if r.mode == "template":
        key = "template"
    return [Hit(e.start, e.end, key, values)]


def _negated_resolution(r: Reading) -> list[Hit]:
    return _state_hit(r, RL301_STATUSES)


def _unfulfilled_promise(r: Reading) -> list[Hit]:
    return _state_hit(r, RL302_STATUSES)


def _complaint_mismatch(r: Reading) -> list[Hit]:
    st = r.state
    if st.answers_complaint is not False:
        return []
    partial = [e for e in st.done if e.type == "refunded" and e.scope in ("fee", "compensation")]
    values = {"complaint": r.complaint or "", "resolution": r.label("resolution", st.resolution)}
    if partial and len(partial) == len(st.done):
        values["part"] = r.label("role", partial[0].scope)
        return [Hit(*r.whole(), "partial", values)]
    return [Hit(*r.whole(), "mismatch", values)]


def _unfilled_placeholder(r: Reading) -> list[Hit]:
    if r.mode != "reason":
        return []
    return [Hit(p.start, p.end, "unfilled", {"text": p.text, "slot": r.label("slot", str(p.value))})
            for p in r.entities.placeholders]


def _misspelt_placeholder(r: Reading) -> list[Hit]:
    return [Hit(p.start, p.end, "misspelt", {"text": p.text, "meant": p.role.partition(":")[2]})
            for p in r.entities.placeholders if p.role.startswith("misspelt:")]


NEGATED_RESOLUTION = Rule(
    "RL301", "negated-resolution", "error",
    "解决结果是否定的或后来失效了（如“未退款”“补发的卡密还是无效”“钱还没到账”）。",
    "问题没有解决就撤诉，等于放弃维权：投诉取消后商家可能不再处理。以理由最后的状态为准："
    "补发后又失效、退款后钱没到账，都还没解决。应在退款到账或货品可用之后再申请取消。",
    Example("商家还没补发，订单号20261103001。"),
    Example("商家未按时发货，但已于11月5日补发，订单号20261105032，物流记录已附。"),
    {
        "negated": "“{clause}”表示问题还没有解决，理由中也没有已完成的结果；请在问题解决后再撤销投诉。",
        "failed": "“{clause}”说明解决之后又出了问题（“{cue}”），问题仍未解决；请在真正解决后再撤销。",
        "partial": "只解决了一部分：“{clause}”说明问题还在；请在问题全部解决后再撤销。",
        "undone_failed": "前面说“{done}”，但后面“{clause}”表示并没有解决（以理由最后的状态为准）；"
                         "请在真正解决后再撤销投诉。",
        "template": "模板里的解决结果是否定的（“{cue}”）；撤诉模板应写已完成的结果。",
    },
    _negated_resolution,
)
UNFULFILLED_PROMISE = Rule(
    "RL302", "unfulfilled-promise", "error",
    "解决结果只是承诺、附条件或还在处理中（如“答应会退款”“撤诉后退款”“退款审核中”）。",
    "指南的坑三：商家口头承诺“取消投诉后退款”，撤诉后反悔，用户就会陷入"
    "“投诉已取消、维权无门”的局面；处理中的投诉也不会自动关闭。",
    Example("商家答应撤诉后退款，订单号20261103001，聊天记录已附。"),
    Example("商家已于11月3日退款50元，订单号20261103001，退款截图已附。"),
    {
        "promised": "“{clause}”只是承诺，还没有发生；撤诉后商家反悔就维权无门，请在退款到账或货品补发后再撤销。",
        "conditional": "“{clause}”是附条件的（“{cue}”），撤诉后商家可能不再兑现；请在退款到账或货品补发后再撤销。",
        "pending": "“{clause}”表示还在处理中（“{cue}”），尚未完成；请在到账或补发完成后再撤销。",
        "undone_pending": "前面说“{done}”，但后面“{clause}”表示还没有到账或完成（“{cue}”）；"
                          "请在真正到账后再撤销投诉。",
        "empty_field": "“{field}”一栏是空的：处理结果还没有记录，不能说明已经完成；请在退款到账或补发完成后填写结果再撤销。",
        "template": "模板里的解决结果只是承诺或还在处理中（“{cue}”）；撤诉模板应写已完成的结果。",
    },
    _unfulfilled_promise,
)
COMPLAINT_MISMATCH = Rule(
    "RL303", "complaint-mismatch", "error",
    "解决结果与原投诉事由不对应（如投诉未收到货，理由却只退了手续费）。",
    "取消时原因须与投诉内容逻辑一致，否则平台会以“信息不符”驳回申请。退了手续费不能解决没发货，"
    "重新收到卡密不能解决卡密无效。",
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。", complaint="退款未到账"),
    Example("商家已于11月3日退款50元，订单号20261103001，退款截图已附。", complaint="退款未到账"),
    {
        "mismatch": "原投诉事由“{complaint}”与理由中的结果（{resolution}）不对应，平台会以“信息不符”驳回。",
        "partial": "理由中退还的只是{part}，不能解决原投诉事由“{complaint}”，平台会以“信息不符”驳回。",
    },
    _complaint_mismatch,
)
UNFILLED_PLACEHOLDER = Rule(
    "RL304", "unfilled-placeholder", "error",
    "理由里还留着未填写的占位符（如XXX、X月X日、{order_id}、【订单号】）。",
    "指南的示范“订单号XXX”“X月X日”是要替换成真实信息的；原样提交等于没有提供订单号和日期。",
    Example("商家已于X月X日补发货，订单号XXX，物流记录已附。"),
    Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    {"unfilled": "占位符“{text}”还没有填写；请换成真实的{slot}。"},
    _unfilled_placeholder,
)
MISSPELT_PLACEHOLDER = Rule(
    "RL305", "misspelt-placeholder", "warning",
    "占位符的名称疑似拼错（如{oder_id}），模板引擎不会替换它。",
    "拼错的占位符会原样出现在发给审核的理由里（“订单号{oder_id}”），等于没有订单号。",
    Example("商家已于{date}补发货，订单号{oder_id}，物流记录已附。", mode="template"),
    Example("商家已于{date}补发货，订单号{order_id}，物流记录已附。", mode="template"),
    {"misspelt": "占位符“{text}”的名称疑似拼错，应为“{{{meant}}}”？拼错的占位符不会被替换。"},
    _misspelt_placeholder,
)
RULES = (NEGATED_RESOLUTION, UNFULFILLED_PROMISE, COMPLAINT_MISMATCH, UNFILLED_PLACEHOLDER,
         MISSPELT_PLACEHOLDER)
