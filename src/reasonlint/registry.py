"""The rule catalogue: one explicit, ordered table and nothing else.

Every rule has a stable code, a kebab-case name, a default severity, a one-line
summary, a why tied to the cancellation guide, and a bad and a good example
(``bad`` must fire the rule, ``good`` must not). ``reasonlint rules``,
``reasonlint rule CODE``, SARIF's rule list and docs/rules.md are all made from it.
Rule *logic* lives in :mod:`reasonlint.rules`; this module imports nothing heavy so
the catalogue is cheap to print.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .model import Severity


@dataclass(frozen=True)
class Example:
    text: str
    mode: str = "reason"
    complaint: Optional[str] = None
    channel: Optional[str] = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    bad: Example
    good: Example
    aliases: tuple[str, ...] = field(default=())


RULES: tuple[Rule, ...] = (
    Rule(
        "RL101", "template-phrase", "warning",
        "理由使用了空泛的模板话术（如“问题已解决”“不想投诉了”“手误提交”）。",
        "平台审核要求具体场景支撑：复制“问题已解决”“不想投诉了”“手误提交”这类模糊表述，"
        "会被视为“理由不充分”而驳回。应写明问题如何解决、订单号和凭证。",
        Example("问题已解决，不想投诉了。"),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL102", "too-short", "warning",
        "理由过短，有效字符不足约10个。",
        "审核会重点核查原因的真实性与证据链完整性，细节越充分，通过率越高；"
        "寥寥几个字无法说明解决结果。",
        Example("已退款"),
        Example("商家已于11月3日退款50元，订单号20261103001。"),
    ),
    Rule(
        "RL103", "too-long", "warning",
        "理由超过长度上限（默认2000字符），只分析前面部分。",
        "过长的文字让审核人员难以找到关键信息，也可能是误粘贴了整段聊天记录；"
        "撤诉理由应简明写出结果、订单号、日期和凭证。",
        Example("商家已补发，" * 400),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL201", "missing-resolution", "error",
        "没有写出具体、已完成的解决结果（“已解决”“已处理”“已协商”不算）。",
        "取消理由应具体说明问题已解决，例如“商家已补发货”“已协商退款”；"
        "只写“已处理”“已协商”等笼统结果，平台无法核实，容易被驳回。",
        Example("已经和商家协商好了，麻烦撤销投诉。"),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL202", "missing-identifier", "warning",
        "没有订单号或投诉单号。",
        "投诉单号是取消凭证的唯一标识，订单号让平台能核对交易；"
        "指南的示范理由都带“订单号XXX”。快递单号只是凭证，不能代替订单号。",
        Example("商家已于11月3日补发货，物流记录已附。"),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL203", "missing-date", "warning",
        "没有写明具体日期（如11月3日）。",
        "指南的示范写法是“商家已于X月X日补发货”：具体日期让审核能对照交易记录核实。",
        Example("商家已补发货，订单号20261103001，物流记录已附。"),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL204", "relative-date", "warning",
        "只有“昨天”“前几天”“上周”这类相对日期。",
        "审核可能在几天后才处理，相对日期届时无法对应到交易记录；应写成“11月3日”这样的具体日期。",
        Example("商家昨天已补发货，订单号20261103001，物流记录已附。"),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL205", "missing-evidence", "warning",
        "没有提到凭证（截图、聊天记录、物流记录、转账凭证、和解协议等）。",
        "指南提醒要留存证据：平台客服核实时需要聊天记录、转账凭证等材料；"
        "商家口头承诺而没有留存记录，事后反悔就会维权无门。",
        Example("商家已于11月3日补发货，订单号20261103001。"),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL206", "missing-amount", "warning",
        "写了退款或赔付，但没有写金额。",
        "关键信息（如退款金额、时间）需要截图保存并写明，书面和解协议也要求包含退款金额；"
        "写清金额便于平台核对到账情况。",
        Example("商家已于11月3日退款，订单号20261103001，退款截图已附。"),
        Example("商家已于11月3日退款50元，订单号20261103001，退款截图已附。"),
    ),
    Rule(
        "RL301", "negated-resolution", "error",
        "解决结果是否定的（如“未退款”“还没补发”），没有任何已完成的结果。",
        "问题没有解决就撤诉，等于放弃维权：投诉取消后商家可能不再处理。"
        "应在退款到账或货品补发之后再申请取消。",
        Example("商家还没补发，订单号20261103001。"),
        Example("商家未按时发货，但已于11月5日补发，订单号20261105032，物流记录已附。"),
    ),
    Rule(
        "RL302", "unfulfilled-promise", "error",
        "解决结果只是承诺或附条件的（如“答应会退款”“撤诉后退款”“处理中”）。",
        "指南的坑三：商家口头承诺“取消投诉后退款”，撤诉后反悔，用户就会陷入"
        "“投诉已取消、维权无门”的局面；处理中的投诉也不会自动关闭。",
        Example("商家答应撤诉后退款，订单号20261103001，聊天记录已附。"),
        Example("商家已于11月3日退款50元，订单号20261103001，退款截图已附。"),
    ),
    Rule(
        "RL303", "complaint-mismatch", "error",
        "解决结果与原投诉事由不对应（如投诉退款未到账，理由却写补发）。",
        "取消时原因须与投诉内容逻辑一致，否则平台会以“信息不符”驳回申请。",
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。", complaint="退款未到账"),
        Example("商家已于11月3日退款50元，订单号20261103001，退款截图已附。", complaint="退款未到账"),
    ),
    Rule(
        "RL304", "unfilled-placeholder", "error",
        "理由里还留着未填写的占位符（如XXX、X月X日、{order_id}、【订单号】）。",
        "指南的示范“订单号XXX”“X月X日”是要替换成真实信息的；原样提交等于没有提供订单号和日期。",
        Example("商家已于X月X日补发货，订单号XXX，物流记录已附。"),
        Example("商家已于11月3日补发货，订单号20261103001，物流记录已附。"),
    ),
    Rule(
        "RL401", "payment-consent", "warning",
        "支付渠道投诉：没有提到商家同意协商或协商凭证。",
        "支付宝、微信支付的投诉以“协商一致”为前提：需要商家在投诉详情页点击“同意协商”，"
        "并上传退款截图、发货单号等协商凭证，支付平台审核通过后才会关闭投诉。",
        Example("商家已于11月3日补发货，订单号20261103001。", channel="payment"),
        Example("商家已点击同意协商，并于11月3日退款50元，订单号20261103001，退款截图已上传。",
                channel="payment"),
    ),
    Rule(
        "RL402", "written-settlement", "error",
        "第三方平台投诉：没有书面和解协议，或只是口头和解。",
        "黑猫投诉、12315等渠道要求先与商家签订书面和解协议（含退款金额、解决时间、双方签字），"
        "再提交撤回申请并附协议照片；仅口头和解可能被认定“投诉未实质性解决”而拒绝撤回。",
        Example("已与商家口头和解，订单号20261103001，申请撤回黑猫投诉。"),
        Example("已与商家签订书面和解协议，退款50元已于11月3日到账，订单号20261103001，"
                "和解协议照片已附。", channel="third_party"),
    ),
    Rule(
        "RL403", "multi-channel", "info",
        "提到在多个渠道投诉：每个渠道都要分别撤销。",
        "指南的坑四：同时在卡盟平台、支付宝、黑猫投诉等多渠道投诉，取消时需同步操作多方，"
        "遗漏任何一处，投诉都会继续生效。",
        Example("平台和支付宝都投诉了，商家已于11月3日补发货，订单号20261103001，截图已附。"),
        Example("商家已于11月3日补发货，订单号20261103001，截图已附。"),
    ),
)

_BY_KEY = {**{r.code: r for r in RULES}, **{r.name: r for r in RULES}}


def _file_rules() -> tuple[Rule, ...]:
    # RL001 is about input files and lives with the suppression code, which imports
    # this module: looked up when needed.
    from .suppress import UNUSED_SUPPRESSION

    return (UNUSED_SUPPRESSION,)


def get_rule(key: str) -> Rule:
    """Look a rule up by code (``RL203``, any case) or name (``missing-date``).

    Raises :class:`~reasonlint.errors.UnknownRuleError` (a ValueError, and a KeyError).
    """
    from .errors import UnknownRuleError

    k = str(key).strip()
    rule = _BY_KEY.get(k) or _BY_KEY.get(k.upper()) or _BY_KEY.get(k.lower())
    if rule is None:
        rule = next((r for r in _file_rules() if k.upper() == r.code or k.lower() == r.name), None)
    if rule is None:
        raise UnknownRuleError(f"未知规则：{key}（可用 `reasonlint rules` 查看全部规则）")
    return rule


def resolve_codes(keys: object) -> frozenset[str]:
    """Turn codes, names or code prefixes (``RL2``, ``ALL``) into a set of codes.

    ``keys`` is an iterable of them, or one string (which may list several,
    comma-separated). Blank entries are skipped; an unknown one raises
    :class:`~reasonlint.errors.UnknownRuleError`.
    """
    from .errors import UnknownRuleError

    if isinstance(keys, str):
        keys = [keys]
    try:
        items = list(keys)  # type: ignore[call-overload]
    except TypeError:
        raise UnknownRuleError(f"规则应为代码或名称的列表，得到 {keys!r}") from None
    every = (*_file_rules(), *RULES)
    out: set[str] = set()
    for key in items:
        if not isinstance(key, str):
            raise UnknownRuleError(f"规则应为代码或名称（字符串），得到 {key!r}")
        for part in key.split(","):
            k = part.strip()
            if not k:
                continue
            if k.upper() == "ALL":
                out.update(r.code for r in every)
                continue
            if k.upper().startswith("RL"):
                matched = [r.code for r in every if r.code.startswith(k.upper())]
                if matched:
                    out.update(matched)
                    continue
            out.add(get_rule(k).code)
    return frozenset(out)
