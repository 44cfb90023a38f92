"""Word segmentation: a private ``jieba.Tokenizer`` with the lexicon words added.

Each :class:`Segmenter` builds its tokenizer lazily, once, under a lock, and never
touches jieba's global default instance. HMM is off: it glues marker characters
into unknown words (``3日补``, ``会退``), which would hide negators and promise
markers, and it is slower.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .lexicon import load
from .model import Token

if TYPE_CHECKING:
    import jieba


def domain_words(extra: tuple[Path, ...] = ()) -> list[str]:
    """Every word jieba should keep whole: user words plus lexicon phrases."""
    lex = load(extra)
    words: set[str] = set()
    for name in ("userwords", "resolutions", "evidence", "templates", "negation",
                 "promise", "channels", "identifiers", "dates"):
        words.update(w for w in lex[name].all_words() if 1 < len(w) <= 12)
    return sorted(words)


class Segmenter:
    def __init__(self, extra: tuple[Path, ...] = ()) -> None:
        self._extra = extra
        self._lock = threading.Lock()
        self._tk: Optional["jieba.Tokenizer"] = None

    def _build(self) -> "jieba.Tokenizer":
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.initialize()
        for word in domain_words(self._extra):
            tk.add_word(word)
        return tk

    @property
    def jieba(self) -> "jieba.Tokenizer":
        tk = self._tk
        if tk is None:
            with self._lock:
                if self._tk is None:
                    self._tk = self._build()
                tk = self._tk
        return tk

    def tokenize(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        pos = 0
        for piece in self.jieba.cut(text, HMM=False):
            tokens.append(Token(piece, pos, pos + len(piece)))
            pos += len(piece)
        return tokens
