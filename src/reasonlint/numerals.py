"""Chinese numerals (五十, 一百二十, 两百, 十一, 二〇二六, 伍拾) to integers."""
from __future__ import annotations

from typing import Optional

_PLAIN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                 "六": 6, "七": 7, "八": 8, "九": 9}
# the capital forms written on receipts (大写): 伍拾元
_CAPITAL_DIGITS = {"壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
DIGITS = {**_PLAIN_DIGITS, **_CAPITAL_DIGITS}
UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "万萬"
# What counts pieces in words: 两张, 十几个 (几 is a count, not a numeral's value).
COUNT_CHARS = "".join(c for c, v in _PLAIN_DIGITS.items() if v) + "十几"


def parse(text: str) -> Optional[int]:
    """Value of a Chinese numeral, or None when it is not one."""
    if not text or any(c not in NUMERAL_CHARS for c in text):
        return None
    text = text.replace("萬", "万")
    if "万" in text:
        high, _, low = text.partition("万")
        h = parse(high) if high else 1
        l_ = parse(low) if low else 0
        return None if h is None or l_ is None else h * 10000 + l_
    if all(c in DIGITS for c in text):  # digit by digit: 二〇二六
        return int("".join(str(DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        else:
            total += (1 if digit is None else digit) * UNITS[c]
            digit = None
    return total + (digit or 0)
