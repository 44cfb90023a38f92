"""Normalise a reason for matching; every matching position maps back to the original.

Two steps. *Cleaning* drops what a reader does not see or what a web form pasted in:
zero-width and bidi marks, soft hyphens, HTML entities (``&nbsp;`` ``&yen;``) and tags
(``<br>``), and spells English and pinyin keywords (``refunded``, ``tuikuan``) the way
the Chinese lexicons do. It changes the length, so the result keeps, per character,
where it came from. *Folding* maps one character to one: compatibility forms (full-width
２０２６ and ＸＸＸ, enclosed ①, CJK compatibility ideographs), traditional → simplified
characters, same-length variant spellings and IME homophone slips (推款 → 退款). Slips
are recorded, so a rule can tell the writer what was read.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, NamedTuple, Optional

import ahocorasick

from .lexicon import Lexicon, LexiconError
from .regexes import compiled

# The blocks where NFKC changes one character into another single character that
# matters here. One translate() over a table built from them is ~10x faster than
# normalising character by character.
_COMPAT_BLOCKS = (
    (0x00A0, 0x00FF),   # Latin-1 punctuation and signs
    (0x2000, 0x206F),   # general punctuation
    (0x2100, 0x218F),   # letterlike forms, Roman numerals
    (0x2460, 0x24FF),   # enclosed alphanumerics ①
    (0x2F00, 0x2FDF),   # Kangxi radicals ⼀
    (0x3000, 0x303F),   # CJK symbols and punctuation (ideographic space)
    (0x3200, 0x33FF),   # enclosed CJK letters, CJK compatibility
    (0xF900, 0xFAFF),   # CJK compatibility ideographs
    (0xFE30, 0xFE4F),   # CJK compatibility forms
    (0xFE50, 0xFE6F),   # small form variants
    (0xFF00, 0xFFEF),   # half-width and full-width forms
)

# Invisible: zero-width space/joiners, LRM/RLM, bidi embeddings and isolates, word
# joiner, BOM, soft hyphen. Between two characters of a word they would break a match.
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# Tags a web form leaves in pasted text; block-level ones end a line.
_BLOCK_TAGS = "br|p|div|li|tr|h[1-6]|hr|ul|ol|table|blockquote"
_INLINE_TAGS = "span|b|i|u|s|em|strong|font|a|img|small|big|sub|sup|td|th|code|pre|label"
# Han characters as the project reads them (CJK extension A and the unified block), in one place.
HAN = "\u3400-\u9fff"
# Full-width ASCII (Ｒｅｆｕｎｄ, ＃ＫＭ２０２６) folded one to one before English words are
# read, so that they are found: positions stay those of the original.
_WIDE_ASCII = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_HAS_WIDE = compiled("[\uff21-\uff3a\uff41-\uff5a]")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


# What a text typed with a space after every character is made of.
_SPACED = rf"[{HAN}0-9A-Za-z０-９Ａ-Ｚａ-ｚ，。、；：！？,;:!?]"  # full-width too: Ｋ Ｍ ２ ０
_MARKUP = (
    rf"[{_INVISIBLE}]+"
    # 商 家 没 有 退 款: a space inside a run of spaced-out characters joins them; with
    # digits and letters (1 2 月 2 日, K M 9 0 0 3) only between characters that stand
    # alone, so that the spaces of 退了 50 元 订单号 stay
    rf"|(?<=[{HAN}])[ \u3000](?=[{HAN}][ \u3000][{HAN}])|(?<=[{HAN}][ \u3000][{HAN}])[ \u3000](?=[{HAN}])"
    rf"|(?<=(?<!\S){_SPACED})[ \u3000](?={_SPACED}[ \u3000]{_SPACED}(?!\S))"
    rf"|(?<=(?<!\S){_SPACED}[ \u3000]{_SPACED})[ \u3000](?={_SPACED}(?!\S))"
    # a tag escaped once more by a form (&lt;br&gt;) is a tag too
    rf"|&lt;/?(?:{_BLOCK_TAGS}|{_INLINE_TAGS})(?:\s[^&<>]{{0,200}})?/?&gt;"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
    rf"|</?(?:{_BLOCK_TAGS}|{_INLINE_TAGS})(?:\s[^<>]{{0,200}})?/?>"
    r"|<!--[^<>]{0,200}-->"
)
_BLOCK = compiled(rf"(?:<|&lt;)/?(?:{_BLOCK_TAGS})\b", re.IGNORECASE)


class Slip(NamedTuple):
    """An IME slip read as intended; ``start``/``end`` index the normalised text."""

    start: int
    end: int
    wrong: str
    right: str


class Text(NamedTuple):
    """A reason and its normalised form.

    ``starts[i]``/``ends[i]`` give the original span of normalised character ``i``
    (both ``None`` when nothing changed length: the common case, positions are equal).
    """

    original: str
    norm: str
    starts: Optional[tuple[int, ...]]
    ends: Optional[tuple[int, ...]]
    slips: tuple[Slip, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised ``[start, end)``."""
        starts, ends = self.starts, self.ends
        if starts is None or ends is None:
            return start, end
        n = len(self.norm)
        if start >= n:  # past the analysed text (RL103 points at the part cut off)
            return starts[-1] + start - n, starts[-1] + end - n
        if end <= start:
            p = starts[start] if start < len(starts) else len(self.original)
            return p, p
        return starts[start], ends[end - 1]

    def shown(self, start: int, end: int) -> str:
        """The original text of normalised ``[start, end)``."""
        s, e = self.span(start, end)
        return self.original[s:e]


def _compat_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c)
            if len(n) == 1 and n != c:
                table[cp] = n
    return table


def _same_length(lex: Lexicon, section: str) -> dict[str, str]:
    for e in lex.entries(section):
        if len(e.text) != len(e.value):
            raise LexiconError(f"{e.path}:{e.line}: 两边长度必须相同：{e.text} => {e.value}")
    return lex.mapping(section)


def _alternation(words: object) -> "re.Pattern[str]":
    alts = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return compiled("|".join(map(re.escape, alts)) or "(?!)")


class Normalizer:
    """Built once from the lexicons; :meth:`__call__` gives a :class:`Text`."""

    def __init__(self, table: dict[int, str], variants: dict[str, str], slips: dict[str, str],
                 words: dict[str, str], boundaries: Optional[Callable[[str, int, int], bool]] = None) -> None:
        self.table = table
        self.variants = variants
        self.slips = slips
        self.words = words  # English and pinyin keywords, lower case -> Chinese
        # Whether a slip at [start, end) stands free in the text: not inside a word (可以到账)
        self._boundaries = boundaries
        self._any_variant = _alternation(variants)
        # hundreds of slips: one automaton pass (a regular-expression alternation of them
        # costs more than the rest of normalising)
        self._slip_finder: Optional[ahocorasick.Automaton] = None
        if slips:
            self._slip_finder = ahocorasick.Automaton()
            for wrong in slips:
                self._slip_finder.add_word(wrong, (len(wrong), wrong))
            self._slip_finder.make_automaton()
        keywords = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        # A space between a keyword and Chinese, or another keyword, goes with it:
        # "tuikuan 还在 shenhe 中" reads 退款还在审核中, "not refunded" 没已退款; the one
        # in "6 Nov" stays. Only whole words: not the "no" of {order_no}.
        word = rf"(?<![A-Za-z0-9_])(?:{keywords})(?![A-Za-z0-9_])"
        latin = rf"|(?:(?<=[{HAN}]) )?{word}(?: (?=[{HAN}]|{word}))?" if keywords else ""
        # Hundreds of keywords make this the costliest pattern to compile (a good share of
        # a cold start), and most texts never need it: compiled on first use.
        self._clean_source = _MARKUP + latin
        self._clean: Optional["re.Pattern[str]"] = None
        # A cheap test for the costly pattern above: \S, not the spaced run's classes,
        # which take milliseconds to compile at every start.
        self._markup = compiled(rf"[{_INVISIBLE}&<]|\S[ \u3000]\S[ \u3000]\S")
        # An English or pinyin keyword starts with one of these words: a text whose
        # Latin words (KM20261103 is one) include none of them has no keyword at all.
        self._first_words = frozenset(re.split(r"[ .'-]", w)[0] for w in words)
        self._latin_word = compiled(r"[A-Za-z]+")

    @classmethod
    def from_lexicons(cls, lex: dict[str, Lexicon],
                      boundaries: Optional[Callable[[str, int, int], bool]] = None) -> "Normalizer":
        table = _compat_table()
        trad = lex["traditional"]
        chars = trad.mapping("chars")
        for e in trad.entries("chars"):
            if len(e.text) != 1 or len(e.value) != 1:
                raise LexiconError(f"{e.path}:{e.line}: 只能一个字对一个字：{e.text} => {e.value}")
            table[ord(e.text)] = e.value
        # A full-width traditional character normalises in one step too.
        for cp, plain in list(table.items()):
            if plain in chars:
                table[cp] = chars[plain]
        variants = _same_length(lex["variants"], "same_length")
        slips = _same_length(lex["homophones"], "slips")
        words = {k.lower(): v for k, v in
                 {**lex["english"].mapping("words"), **lex["homophones"].mapping("pinyin")}.items()}
        words.update((w.lower(), "") for w in lex["english"].words("drop"))
        return cls(table, variants, slips, words, boundaries)

    def __call__(self, text: str) -> Text:
        starts: Optional[tuple[int, ...]] = None
        ends: Optional[tuple[int, ...]] = None
        source = text.translate(_WIDE_ASCII) if not text.isascii() and _HAS_WIDE.search(text) else text
        cleaned = source
        if self._markup.search(source) is not None or self._has_keyword(source):
            cleaned, starts, ends = self._cleaned(source)
        out = cleaned if cleaned.isascii() else cleaned.translate(self.table)
        if self._any_variant.search(out) is not None:
            for wrong, right in self.variants.items():
                if wrong in out:
                    out = out.replace(wrong, right)
        slips: tuple[Slip, ...] = ()
        if self._slip_finder is not None:
            found = self._slip_matches(out)
            if found:
                out, slips = self._fix_slips(out, found)
        return Text(text, out, starts, ends, slips)

    def _has_keyword(self, text: str) -> bool:
        return any(m.group().lower() in self._first_words for m in self._latin_word.finditer(text))

    def _cleaned(self, text: str) -> tuple[str, Optional[tuple[int, ...]], Optional[tuple[int, ...]]]:
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        changed = False
        clean = self._clean
        if clean is None:  # two threads may both compile it: the same pattern either way
            clean = self._clean = compiled(self._clean_source, re.IGNORECASE)
        for m in clean.finditer(text):
            s, e = m.span()
            replacement = self._replacement(m.group())
            if replacement is None:
                continue
            changed = True
            pieces.append(text[last:s])
            starts.extend(range(last, s))
            ends.extend(range(last + 1, s + 1))
            pieces.append(replacement)
            # an absorbed space is not part of the word it went with
            inner_s, inner_e = (s + 1 if text[s] == " " else s), (e - 1 if text[e - 1] == " " and e - 1 > s else e)
            starts.extend([inner_s] * len(replacement))
            ends.extend([inner_e] * len(replacement))
            last = e
        if not changed:
            return text, None, None
        pieces.append(text[last:])
        starts.extend(range(last, len(text)))
        ends.extend(range(last + 1, len(text) + 1))
        starts.append(len(text))  # the end of the text, for empty spans there
        return "".join(pieces), tuple(starts), tuple(ends)

    def _replacement(self, piece: str) -> Optional[str]:
        """What a cleaned piece becomes; None keeps it as it is."""
        first = piece[0]
        if piece in (" ", "\u3000"):
            return ""  # inside a spaced-out run
        if piece[:4].lower() == "&lt;" and piece[-4:].lower() == "&gt;":
            return "\n" if _BLOCK.match(piece) else ""
        if first == "&":
            import html  # only texts with an entity (&nbsp;) need it

            decoded = html.unescape(piece)
            if decoded == piece:
                return None
            return decoded.replace("\xa0", " ")
        if first == "<":
            return "\n" if _BLOCK.match(piece) else ""
        if first == " " or (first.isascii() and first.isalpha()):
            word = self.words.get(piece.strip(" ").lower())
            return None if word is None else word
        return ""  # invisible marks

    def _slip_matches(self, text: str) -> list[tuple[int, int, str]]:
        """Leftmost, longest, non-overlapping slips in ``text``."""
        assert self._slip_finder is not None
        hits = sorted((end + 1 - n, -n, w) for end, (n, w) in self._slip_finder.iter(text))
        out: list[tuple[int, int, str]] = []
        last = 0
        for s, neg, w in hits:
            if s >= last:
                out.append((s, s - neg, w))
                last = s - neg
        return out

    def _fix_slips(self, text: str, matches: list[tuple[int, int, str]]) -> tuple[str, tuple[Slip, ...]]:
        found: list[Slip] = []
        chars = list(text)
        for s, e, wrong in matches:
            right = self.slips[wrong]
            if self._boundaries is not None and not self._boundaries(text, s, e):
                continue  # 可以到账 holds 以到账, but 可以 is a word of its own
            chars[s:e] = right
            found.append(Slip(s, e, wrong, right))
        return ("".join(chars), tuple(found)) if found else (text, ())
