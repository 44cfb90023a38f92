"""Split text into clauses: the scope of a negator or a promise never crosses one."""
from __future__ import annotations

import re

# Punctuation that ends a clause. A dot ends one too, except between digits (50.5元, 11.3).
_CLAUSE_ENDS = "，,。;；!！?？~～\n\r\t、：:（）()【】[]“”\"「」…|/"
# Coarser: a list (卡盟平台、微信支付、黑猫投诉) stays in one piece.
_SENTENCE_ENDS = "，,。;；!！?？\n\r"


def _pieces(ends: str) -> "re.Pattern[str]":
    # The runs between boundaries, matched directly: one finditer, no loop over gaps.
    chars = rf"[^{re.escape(ends)}.]+"
    return re.compile(rf"{chars}(?:(?<=[0-9])\.(?=[0-9]){chars})*")


_CLAUSE = _pieces(_CLAUSE_ENDS)
_SENTENCE = _pieces(_SENTENCE_ENDS)


def split(text: str, pieces: "re.Pattern[str]" = _CLAUSE) -> list[tuple[int, int]]:
    """(start, end) of each piece between boundaries; empty pieces are dropped."""
    return [m.span() for m in pieces.finditer(text)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    return split(text, _SENTENCE)
