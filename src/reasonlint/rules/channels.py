"""RL4xx: what each complaint channel demands (guide sections 一 and 三)."""
from __future__ import annotations

from .base import Example, Hit, Reading, Rule

CHANNEL_ORDER = ("platform", "payment", "third_party")


def _payment_consent(r: Reading) -> list[Hit]:
    if "payment" not in r.state.venues or r.entities.consent:
        return []
    return [Hit(*r.whole(), "consent")]


def _written_settlement(r: Reading) -> list[Hit]:
    if "third_party" not in r.state.venues:
        return []
    if r.entities.oral:
        o = r.entities.oral[0]
        return [Hit(o.start, o.end, "oral", {"phrase": r.text.shown(o.start, o.end)})]
    if r.entities.written:
        return []
    return [Hit(*r.whole(), "written")]


def _multi_channel(r: Reading) -> list[Hit]:
    st = r.state
    if len(st.venues) >= 2:
        names = "、".join(r.label("channel", c) for c in CHANNEL_ORDER if c in st.venues)
    elif len(st.venue_names) >= 2:  # 黑猫和12315都投了: two sites of one kind
        names = "、".join(st.venue_names)
    else:
        return []
    return [Hit(*r.whole(), "multi", {"names": names})]


PAYMENT_CONSENT = Rule(
    "RL401", "payment-consent", "warning",
    "支付渠道投诉：没有提到商家同意协商或协商凭证。",
    "支付宝、微信支付的投诉以“协商一致”为前提：需要商家在投诉详情页点击“同意协商”，"
    "并上传退款截图、发货单号等协商凭证，支付平台审核通过后才会关闭投诉。",
    Example("商家已于11月3日补发货，订单号20261103001。", channel="payment"),
    Example("商家已点击同意协商，并于11月3日退款50元，订单号20261103001，退款截图已上传。",
            channel="payment"),
    {"consent": "支付渠道投诉需要商家在投诉详情页点击“同意协商”，并上传退款截图、发货单号等协商凭证；"
                "理由中没有提到。"},
    _payment_consent,
)
WRITTEN_SETTLEMENT = Rule(
    "RL402", "written-settlement", "error",
    "第三方平台投诉：没有书面和解协议，或只是口头和解。",
    "黑猫投诉、12315等渠道要求先与商家签订书面和解协议（含退款金额、解决时间、双方签字），"
    "再提交撤回申请并附协议照片；仅口头和解可能被认定“投诉未实质性解决”而拒绝撤回。",
    Example("已与商家口头和解，订单号20261103001，申请撤回黑猫投诉。"),
    Example("已与商家签订书面和解协议，退款50元已于11月3日到账，订单号20261103001，"
            "和解协议照片已附。", channel="third_party"),
    {
        "oral": "“{phrase}”只是口头和解；第三方平台要求书面和解协议（含退款金额、解决时间、双方签字），并附协议照片。",
        "written": "第三方平台（黑猫投诉、12315等）撤诉需要与商家签订书面和解协议并附协议照片；理由中没有提到。",
    },
    _written_settlement,
)
MULTI_CHANNEL = Rule(
    "RL403", "multi-channel", "info",
    "提到在多个渠道投诉：每个渠道都要分别撤销。",
    "指南的坑四：同时在卡盟平台、支付宝、黑猫投诉等多渠道投诉，取消时需同步操作多方，"
    "遗漏任何一处，投诉都会继续生效。",
    Example("平台和支付宝都投诉了，商家已于11月3日补发货，订单号20261103001，截图已附。"),
    Example("商家已于11月3日补发货，订单号20261103001，截图已附。"),
    {"multi": "提到在多个渠道投诉（{names}）：每个渠道都要分别申请撤销，遗漏一处投诉仍会生效。"},
    _multi_channel,
)
RULES = (PAYMENT_CONSENT, WRITTEN_SETTLEMENT, MULTI_CHANNEL)
