"""Write lexicons/homophones.txt: IME homophone slips and pinyin spellings.

Run from the repository root (needs pypinyin and jieba, build-time only):

    python tools/build_homophones.py            # rewrite the file
    python tools/build_homophones.py --check    # exit 1 when the file is stale

A slip swaps one character of a word in tools/homophone_targets.txt [slip] for a
common character with the same toneless pinyin: pinyin input methods have no tones,
so 退款 comes out as 推款 or 退宽. A slip is left out when

- its character is a marker of its own (不, 没, 会, 请 …, the one-character entries
  of negation.txt, promise.txt and modality.txt): 补发 → 不发 would invert a reason;
- its character is in [keep] (function words: 一到账就撤诉 means "as soon as");
- it is listed in [not_slip] (a real word in reasons: 推了);
- variants.txt already fixes it (到帐 is a variant spelling, not a slip);
- the slip is itself a word jieba knows well (frequency >= SLIP_MAX_FREQ), so it
  is probably meant (付款 is no slip of 退款).

Candidates are the characters jieba's dictionary counts at least CHAR_MIN_FREQ
times: the ones an IME offers first. The [pinyin] words are written in pinyin
without tones or spaces (tuikuan => 退款).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generated  # noqa: E402  (tools/ is no package)

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ROOT / "tools" / "homophone_targets.txt"
OUT = ROOT / "lexicons" / "homophones.txt"
MARKER_FILES = ("negation", "promise", "modality")
CHAR_MIN_FREQ = 1000
SLIP_MAX_FREQ = 20
DOUBLE_TOP = 3


def _sections(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            section = m.group(1)
            out.setdefault(section, [])
        elif not line.startswith("re:"):
            out.setdefault(section, []).append(line)
    return out


def _jieba_freqs() -> dict[str, int]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    freqs: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        freqs[word] = int(freq)
    return freqs


def _markers() -> set[str]:
    chars: set[str] = set()
    for name in MARKER_FILES:
        for section, words in _sections(ROOT / "lexicons" / f"{name}.txt").items():
            if not section.startswith("not_"):
                chars.update(w for w in words if len(w) == 1)
    return chars


def build() -> str:
    import pypinyin
    from pypinyin import Style, pinyin

    freqs = _jieba_freqs()
    targets = _sections(TARGETS)
    markers = _markers() | set(targets.get("keep", []))
    not_slips = set(targets.get("not_slip", []))
    # variants.txt fixes these silently, before slips are looked for: 到帐 is a variant
    variants = {line.split("=>")[0].strip() for line in (ROOT / "lexicons" / "variants.txt").read_text(
        encoding="utf-8").splitlines() if "=>" in line and not line.lstrip().startswith("#")}

    # A candidate by its usual reading only (脱 is tuo, not its rare tui); a target
    # character by its reading in its word (了 in 退了 is le).
    by_reading: dict[str, list[str]] = {}
    for word, freq in freqs.items():
        if len(word) == 1 and freq >= CHAR_MIN_FREQ and "\u4e00" <= word <= "\u9fff":
            by_reading.setdefault(pinyin(word, style=Style.NORMAL)[0][0], []).append(word)

    slips: dict[str, str] = {}
    for word in targets.get("slip", []):
        spoken = [s[0] for s in pinyin(word, style=Style.NORMAL)]
        for i, (ch, reading) in enumerate(zip(word, spoken)):
            for other in sorted(by_reading.get(reading, [])):
                if other == ch or other in markers:
                    continue
                slip = word[:i] + other + word[i + 1:]
                if (freqs.get(slip, 0) >= SLIP_MAX_FREQ or slip in slips or slip in not_slips
                        or slip in targets["slip"] or any(v in slip for v in variants)):
                    continue
                slips[slip] = word
    for word in targets.get("slip2", []):
        spoken = [s[0] for s in pinyin(word, style=Style.NORMAL)]
        options = []
        for ch, reading in zip(word, spoken):
            others = [o for o in by_reading.get(reading, []) if o != ch and o not in markers]
            options.append(sorted(others, key=lambda o: -freqs[o])[:DOUBLE_TOP])
        if len(word) == 2:
            for a in options[0]:
                for b in options[1]:
                    slip = a + b
                    if freqs.get(slip, 0) < SLIP_MAX_FREQ and slip not in slips and slip not in not_slips:
                        slips[slip] = word
    spelled: dict[str, str] = {}
    for word in targets.get("pinyin", []):
        syllables = [s[0] for s in pinyin(word, style=Style.NORMAL)]
        spelled["".join(syllables)] = word
        if len(syllables) > 1:
            spelled[" ".join(syllables)] = word
    lines = [
        "# Generated by tools/build_homophones.py; do not edit (edit tools/homophone_targets.txt).",
        f"# pypinyin {pypinyin.__version__}; characters with jieba frequency >= {CHAR_MIN_FREQ};"
        f" slips with frequency < {SLIP_MAX_FREQ}.",
        "# [slips]: an IME slip => the word meant, fixed before matching and reported (RL104).",
        "# [pinyin]: a word typed in pinyin => the word, read as it before matching.",
        "",
        "[slips]",
        *(f"{slip} => {word}" for slip, word in sorted(slips.items(), key=lambda kv: (kv[1], kv[0]))),
        "",
        "[pinyin]",
        *(f"{spelling} => {word}" for spelling, word in sorted(spelled.items())),
        "",
    ]
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return generated.run(OUT, build, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
