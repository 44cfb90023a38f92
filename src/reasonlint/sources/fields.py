"""Where records keep their reason and context, and how context cells are read."""
from __future__ import annotations

from typing import Iterable, Optional

from ..model import CHANNELS

REASON_KEYS = ("reason", "text", "理由", "原因", "内容")
COMPLAINT_KEYS = ("complaint", "投诉", "投诉事由")
CHANNEL_KEYS = ("channel", "渠道")
# Channel cells as people write them in spreadsheets.
CHANNEL_ALIASES = {
    "平台": "platform", "卡盟": "platform", "卡盟平台": "platform",
    "支付": "payment", "支付宝": "payment", "微信": "payment", "微信支付": "payment",
    "第三方": "third_party", "黑猫": "third_party", "黑猫投诉": "third_party", "12315": "third_party",
}
CHANNEL_VALUES = tuple(c for c in CHANNELS if c != "unknown")


class BadCell(ValueError):
    """A context cell that cannot be used; the record is checked without it."""


def channel_value(cell: Optional[str]) -> Optional[str]:
    """A channel cell as the linter takes it; ``unknown`` (what reasonlint prints for a
    reason whose channel it cannot tell) and an empty cell mean none."""
    value = (cell or "").strip()
    if not value:
        return None
    found = CHANNEL_ALIASES.get(value, value.lower())
    if found == "unknown":
        return None
    if found not in CHANNEL_VALUES:
        raise BadCell(f"无法识别的渠道 {clip(value, 40)!r}（可用：{'、'.join(CHANNELS)}，"
                      "或 平台、支付宝、微信支付、黑猫投诉、12315 等），已按未给出渠道检查")
    return found


def find_key(keys: Iterable[str], candidates: tuple[str, ...]) -> Optional[str]:
    folded = {str(k).strip().casefold(): k for k in keys}
    for c in candidates:
        if c in folded:
            return folded[c]
    return None


def clip(text: str, limit: int = 200) -> str:
    """Text for a one-line message: at most ``limit`` characters, line breaks shown."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit] + "…"
