"""Split text into clauses: the scope of a negator or a promise never crosses one."""
from __future__ import annotations

import re

# A dot between digits (50.5元, 11.3) is not a boundary.
_BOUNDARY = re.compile(r"[，,。;；!！?？~～\n\r\t、：:（）()【】\[\]“”\"「」…|/]|(?<![0-9])\.|\.(?![0-9])")


# Coarser: a list (卡盟平台、微信支付、黑猫投诉) stays in one piece.
_SENTENCE = re.compile(r"[，,。;；!！?？\n\r]|(?<![0-9])\.|\.(?![0-9])")


def split(text: str, boundary: "re.Pattern[str]" = _BOUNDARY) -> list[tuple[int, int]]:
    """(start, end) of each piece between boundaries; empty pieces are dropped."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in boundary.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    return split(text, _SENTENCE)
