"""Word segmentation: jieba's dictionary segmenter (HMM off), loaded lazily.

``jieba.initialize()`` builds a table of 498k words and prefixes: about a second and
90 MiB per process, and ``import jieba`` costs another 0.2 s (it imports
``pkg_resources``). The segmenter here runs jieba's own algorithm (the DAG of dictionary
words, the maximum-probability route, runs of single ASCII letters and digits glued back
together) on the same table, regrouped by ``tools/build_dict.py`` into
``dictionary.txt``: one row per first character, one group per first two characters.
The route only looks up single characters and fragments that start with a character
pair of the text, so the file is memory-mapped and a group is merged the first time its
pair appears: a few thousand entries for a file of reasons instead of 498k. Nothing is
pruned: segmentation is exactly ``jieba.Tokenizer().cut(text, HMM=False)`` with the same
words added; the tests check that. jieba itself is imported only by :attr:`Segmenter.jieba`.

The lexicon's domain words are added with jieba's ``add_word`` rule (the frequency that
just keeps the word whole), so lexicon edits never need a rebuild.

HMM is off: it glues marker characters into unknown words (``3日补``, ``会退``), which
would hide negators and promise markers, and it is slower.
"""
from __future__ import annotations

import mmap
import threading
from bisect import bisect_right
from itertools import accumulate, islice, repeat
from math import exp, log
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence

from .lexicon import load, packaged
from .model import Token
from .regexes import compiled

if TYPE_CHECKING:
    import jieba

# jieba's re_han_default: runs of these are cut with the dictionary; every other
# character is a token by itself ("\r\n" stays one token, as in jieba).
_HAN = compiled("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
# jieba's re_eng: single letters and digits the route leaves alone are glued together.
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Blocks repeat a lot in reasons (templates, set phrases): a dict hit is far cheaper
# than the route. Bounded, and cleared when full, so memory stays flat on huge inputs.
CACHE_SIZE = 20000
_CACHE_MAX_BLOCK = 40


def domain_words(extra: tuple[Path, ...] = ()) -> list[str]:
    """Every word jieba should keep whole: user words plus lexicon phrases."""
    lex = load(extra)
    words: set[str] = set()
    for name in ("userwords", "resolutions", "evidence", "templates", "negation",
                 "promise", "modality", "actors", "channels", "identifiers", "dates"):
        words.update(w for w in lex[name].all_words() if 1 < len(w) <= 12)
    return sorted(words)


def _keys(text: str) -> set[str]:
    """The characters and character pairs of ``text``: what its lookups can start with."""
    keys = set(text)
    keys.update([text[i:i + 2] for i in range(len(text) - 1)])
    return keys


def _dictionary_bytes() -> "bytes | mmap.mmap":
    res = packaged("reasonlint") / "dictionary.txt"
    if isinstance(res, Path):
        # Mapped, not read: a process touches only the pages of the pairs it sees.
        with open(res, "rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return res.read_bytes()


class _LogOf(dict):  # type: ignore[type-arg]
    """count text -> log(count), computed once per distinct count.

    Counts repeat a lot (most words have a count under 10), so entries share one float
    object, and merging a group mostly costs dict look-ups.
    """

    def __missing__(self, count: str) -> float:
        value = self[count] = log(int(count))
        return value


class _Table:
    """jieba's FREQ table as log frequencies (word -> log(freq), prefix -> None).

    Entries are merged in by :meth:`need`, for the characters and character pairs of
    the text about to be cut: the DP only looks up single characters and fragments that
    start with a pair of that text. The layout of ``dictionary.txt`` is described in
    ``tools/build_dict.py``.
    """

    def __init__(self, data: "bytes | mmap.mmap") -> None:
        self.logf: dict[str, Optional[float]] = {}
        self._data = data
        pos = 0
        while data[pos:pos + 1] == b"#":
            pos = data.find(b"\n", pos) + 1
        lines = []
        for _ in range(3):
            end = data.find(b"\n", pos)
            lines.append(data[pos:end].decode())
            pos = end + 1
        self.total = int(lines[0].split()[1])
        self.logtotal = log(self.total)
        self._base = pos
        self._offsets = list(map(int, lines[2].split()))
        # What names this dictionary in the start cache: a rebuilt one differs in these.
        self.identity = f"{len(data)}\0{lines[0]}\0{lines[2]}"
        self._rows = dict(zip(lines[1], range(len(lines[1]))))  # first char -> row number
        # Characters and pairs whose entries are merged (or that have none). Readers
        # check it without the lock; a key is added only after its entries are in.
        self.loaded: set[str] = set()
        # How many times :meth:`need_all` ran: a statistic, checked by the tests (once,
        # however many threads want jieba's tokenizer at the same time).
        self.full_loads = 0
        self._log_of = _LogOf()
        self._lock = threading.Lock()

    @classmethod
    def shipped(cls) -> "_Table":
        return cls(_dictionary_bytes())

    def snapshot(self) -> tuple[int, dict[str, Optional[float]], list[str]]:
        """What merging and adding words have made of the table: marshal-able."""
        return self.total, dict(self.logf), sorted(self.loaded)

    def restore(self, snap: tuple[int, dict[str, Optional[float]], list[str]]) -> None:
        """Take up a :meth:`snapshot` of a table of the same dictionary."""
        total, logf, loaded = snap
        self.logf = logf
        self.loaded = set(loaded)
        self.total = total
        self.logtotal = log(total)

    def need(self, keys: set[str]) -> None:
        """Merge the entries starting with each character or pair in ``keys``."""
        if self.loaded.issuperset(keys):
            return
        with self._lock:
            for key in keys.difference(self.loaded):
                self._merge(key)
                self.loaded.add(key)

    def _span(self, row: int) -> tuple[int, int]:
        """Where row ``row`` starts and ends (after its newline) in the file."""
        return self._base + self._offsets[row], self._base + self._offsets[row + 1]

    def _merge(self, key: str) -> None:
        row = self._rows.get(key[0])
        if row is None:
            return
        start, end = self._span(row)
        data = self._data
        if len(key) == 1:
            tab = data.find(b"\t", start, end)
            count = int(data[start:tab if tab >= 0 else end - 1])
            self.logf[key] = log(count) if count else None
            return
        pair_bytes = key.encode()
        at = data.find(b"\t" + pair_bytes + b" ", start, end)
        if at < 0:
            return
        stop = data.find(b"\t", at + 1, end)
        # Skip the tab, the pair and its space.
        self._merge_text(data[at + 2 + len(pair_bytes):stop if stop >= 0 else end - 1].decode())

    def _merge_text(self, group: str) -> None:
        words, _, prefixes = group.partition("|")
        items = words.split()
        self.logf.update(dict.fromkeys(prefixes.split()))
        self.logf.update(zip(items[0::2], map(self._log_of.__getitem__, items[1::2])))

    def need_all(self) -> None:
        """Merge everything (what ``jieba.initialize()`` loads)."""
        with self._lock:
            self.full_loads += 1
            for ch, row in self._rows.items():
                start, end = self._span(row)
                count, *groups = self._data[start:end - 1].decode().split("\t")
                if ch not in self.loaded:
                    self.logf[ch] = log(int(count)) if count != "0" else None
                    self.loaded.add(ch)
                for group in groups:
                    pair = group[:2]
                    if pair not in self.loaded:
                        self._merge_text(group[3:])
                        self.loaded.add(pair)

    def freq(self, word: str, default: int) -> int:
        if word not in self.logf:
            return default
        lf = self.logf[word]
        return 0 if lf is None else round(exp(lf))

    def add_words(self, words: Iterable[str]) -> None:
        """``jieba.Tokenizer.add_word(w)`` for each word, in order: each gets the
        frequency that just keeps it whole (it depends on the words added before)."""
        words = list(words)
        keys: set[str] = set()
        for word in words:
            keys.update(_keys(word))
        # Merge first, so a later merge never overwrites a word or its prefixes.
        self.need(keys)
        logf = self.logf
        for word in words:
            ftotal = float(self.total)
            p = 1.0
            for seg in self.cut(word):
                p *= self.freq(seg, 1) / ftotal
            count = max(int(p * self.total) + 1, self.freq(word, 1))
            logf[word] = log(count) if count else None
            self.total += count
            self.logtotal = log(self.total)
            for end in range(1, len(word)):
                logf.setdefault(word[:end], None)

    def cut_block(self, s: str) -> list[str]:
        """``Tokenizer.__cut_DAG_NO_HMM`` for one run of han/ASCII characters."""
        logf = self.logf
        lt = self.logtotal
        n = len(s)
        best = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            score: Optional[float] = None
            end = i + 1
            j = i + 1
            frag = s[i]
            while frag in logf:
                lf = logf[frag]
                if lf is not None:
                    cand = lf - lt + best[j]
                    # jieba takes max((score, end)): on a tie the longer word wins.
                    if score is None or cand >= score:
                        score = cand
                        end = j
                if j == n:
                    break
                j += 1
                frag = s[i:j]
            best[i] = -lt + best[i + 1] if score is None else score
            nxt[i] = end
        words: list[str] = []
        buf = ""
        x = 0
        while x < n:
            y = nxt[x]
            if y == x + 1 and s[x] in _ENG:
                buf += s[x]
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(s[x:y])
            x = y
        if buf:
            words.append(buf)
        return words

    def cut(self, text: str) -> Iterator[str]:
        """``jieba.Tokenizer.cut(text, HMM=False)``, once ``need`` has run for ``text``."""
        for k, piece in enumerate(_HAN.split(text)):
            if k % 2:
                yield from self.cut_block(piece)
            else:
                yield from _others(piece)


def _others(piece: str) -> list[str]:
    """Characters outside jieba's blocks: one token each, except "\\r\\n"."""
    if "\r\n" not in piece:
        return list(piece)
    out: list[str] = []
    for k, part in enumerate(piece.split("\r\n")):
        if k:
            out.append("\r\n")
        out.extend(part)
    return out


class Segmenter:
    """Cuts text into :class:`Token` s; the word table is built on first use, once."""

    def __init__(self, extra: tuple[Path, ...] = (), *, cache_size: int = CACHE_SIZE) -> None:
        self._extra = extra
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._table: Optional[_Table] = None
        self._jieba: Optional["jieba.Tokenizer"] = None
        self._cache: dict[str, tuple[str, ...]] = {}
        # How many times the word table was built: a statistic, checked by the tests
        # (once, however many threads use a new segmenter at the same time).
        self.builds = 0

    def _build(self) -> _Table:
        from . import startcache

        table = _Table.shipped()
        words = domain_words(self._extra)

        derived = []

        def derive() -> tuple[int, dict[str, Optional[float]], list[str]]:
            table.add_words(words)
            derived.append(True)
            return table.snapshot()

        def valid(snap: Any) -> bool:
            return (isinstance(snap, tuple) and len(snap) == 3 and isinstance(snap[0], int) and snap[0] > 0
                    and isinstance(snap[1], dict) and isinstance(snap[2], list))

        # Adding the words costs more than the rest of a start; the result is cached.
        snap = startcache.cached("segmenter", startcache.digest(table.identity, "\n".join(words)), derive, valid)
        if not derived:  # read from the cache
            table.restore(snap)
        return table

    @property
    def table(self) -> _Table:
        table = self._table
        if table is None:
            with self._lock:
                if self._table is None:
                    self._table = self._build()
                    self.builds += 1
                table = self._table
        return table

    @property
    def jieba(self) -> "jieba.Tokenizer":
        """A ``jieba.Tokenizer`` with the same words, for callers that need jieba's API.

        It costs what ``jieba.initialize()`` costs; :meth:`tokenize` does not use it.
        """
        table = self.table
        with self._lock:
            if self._jieba is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                table.need_all()
                tk = jieba.Tokenizer()
                tk.FREQ = {w: 0 if lf is None else round(exp(lf)) for w, lf in table.logf.items()}
                tk.total = table.total
                tk.initialized = True
                self._jieba = tk
            return self._jieba

    def cut_piece(self, piece: str, han: bool) -> "tuple[str, ...] | list[str]":
        """The words of one piece of ``_HAN.split``: a block of words or the rest."""
        if not han:
            return _others(piece)
        cache = self._cache
        cut = cache.get(piece)
        if cut is None:
            table = self.table
            table.need(_keys(piece))
            cut = tuple(table.cut_block(piece))
            if len(piece) <= _CACHE_MAX_BLOCK and self._cache_size:
                if len(cache) >= self._cache_size:
                    cache.clear()
                cache[piece] = cut
        return cut

    def words(self, text: str) -> list[str]:
        """The words of ``text``; they concatenate back to ``text``."""
        out: list[str] = []
        for k, piece in enumerate(_HAN.split(text)):
            if piece:
                out.extend(self.cut_piece(piece, bool(k % 2)))
        return out

    def bounds(self, text: str, start: int, end: int) -> bool:
        """Whether ``[start, end)`` of ``text`` is free to be replaced: a word starts
        there and does not run past ``end`` (以 of 可以到账 is inside a word, 手到 of
        手到擒来 starts a longer one)."""
        words = Tokens(self, text).between(start, start + 1)
        return bool(words) and words[0].start == start and words[0].end <= end

    def lazy(self, text: str) -> "Tokens":
        """The tokens of ``text``, cut piece by piece as they are asked for."""
        return Tokens(self, text)

    def tokenize(self, text: str) -> list[Token]:
        return list(Tokens(self, text))


class Tokens(Sequence[Token]):
    """The tokens of one text, each piece cut only when a question needs it.

    jieba cuts every run of han characters and ASCII on its own, so whether a position
    starts a word depends on its run alone. The pipeline asks that of few positions
    (a one-character negator or action) and wants the words of few clauses (around
    evidence); cutting only those runs saves most of the segmentation of a reason.
    As a sequence it is the whole list, the same as :meth:`Segmenter.tokenize`.
    """

    def __init__(self, segmenter: Segmenter, text: str) -> None:
        self._segmenter = segmenter
        self.text = text
        pieces = _HAN.split(text)
        self._pieces = pieces  # odd ones are runs of han and ASCII, even ones the rest
        self._starts = list(accumulate(map(len, pieces), initial=0))
        self._cut: dict[int, list[Token]] = {}
        self._piece_starts: dict[int, frozenset[int]] = {}
        self._all: Optional[list[Token]] = None

    def _piece(self, k: int) -> list[Token]:
        tokens = self._cut.get(k)
        if tokens is None:
            words = self._segmenter.cut_piece(self._pieces[k], bool(k % 2))
            bounds = list(accumulate(map(len, words), initial=self._starts[k]))
            # tuple.__new__ straight from C: a NamedTuple's own __new__ is a Python call per word.
            tokens = list(map(tuple.__new__, repeat(Token), zip(words, bounds, islice(bounds, 1, None))))
            self._cut[k] = tokens
        return tokens

    @property
    def cut_so_far(self) -> list[str]:
        """The pieces cut so far, in text order: what the questions asked have cost."""
        return [self._pieces[k] for k in sorted(self._cut)]

    def _piece_at(self, pos: int) -> int:
        return bisect_right(self._starts, pos) - 1

    def is_start(self, pos: int) -> bool:
        """Whether a word starts at ``pos`` (False outside the text)."""
        if not 0 <= pos < len(self.text):
            return False
        k = self._piece_at(pos)
        if pos == self._starts[k]:
            return True
        starts = self._piece_starts.get(k)
        if starts is None:  # a set: a long run may be asked about at every character
            starts = self._piece_starts[k] = frozenset(t.start for t in self._piece(k))
        return pos in starts

    def is_word(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is one word: a word starts at both ends (or the text ends)."""
        return self.is_start(start) and (end >= len(self.text) or self.is_start(end))

    def between(self, start: int, end: int) -> list[Token]:
        """The tokens that overlap ``[start, end)``, in order."""
        if start >= end:
            return []
        first, last = self._piece_at(max(start, 0)), self._piece_at(min(end, len(self.text)) - 1)
        return [t for k in range(first, last + 1) for t in self._piece(k) if t.start < end and t.end > start]

    def _list(self) -> list[Token]:
        if self._all is None:
            self._all = [t for k in range(len(self._pieces)) if self._pieces[k] for t in self._piece(k)]
        return self._all

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        return self._list()[i]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self) -> Iterator[Token]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (list, Tokens)) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokens({self._list()!r})"
