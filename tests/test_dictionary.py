from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reasonlint.tokenize import _Table

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "tools" / "build_dict.py"


def build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), *args], capture_output=True, text=True)


def test_shipped_dictionary_is_up_to_date():
    proc = build("--check")
    assert proc.returncode == 0, proc.stderr


def test_build_is_reproducible(tmp_path: Path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    assert build("--output", str(first)).returncode == 0
    assert build("--output", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == (ROOT / "src" / "reasonlint" / "dictionary.txt").read_bytes()


def test_check_notices_a_stale_file(tmp_path: Path):
    stale = tmp_path / "dictionary.txt"
    stale.write_text("total 1\n", encoding="utf-8")
    proc = build("--check", "--output", str(stale))
    assert proc.returncode == 1
    assert "out of date" in proc.stderr


@pytest.fixture(scope="module")
def jieba_table() -> tuple[dict[str, int], int]:
    """What jieba.initialize() builds from its own dict.txt: word/prefix -> freq, total."""
    import jieba

    tk = jieba.Tokenizer()
    with tk.get_dict_file() as f:
        return tk.gen_pfdict(f)


def test_whole_table_matches_jieba(jieba_table):
    freq, total = jieba_table
    table = _Table.shipped()
    table.need_all()
    assert table.total == total
    assert table.logf.keys() == freq.keys()
    assert {w: table.freq(w, -1) for w in freq} == freq


def test_lazy_merge_loads_only_what_the_text_starts(jieba_table):
    freq, _ = jieba_table
    table = _Table.shipped()
    text = "物流记录已附"
    table.need(set(text) | {text[i:i + 2] for i in range(len(text) - 1)})
    assert "物流" in table.logf
    assert all(k[0] in text for k in table.logf)
    assert len(table.logf) < len(freq) // 100
    # Whatever is loaded carries jieba's own frequency.
    assert all(table.freq(k, -1) == freq[k] for k in table.logf)
