"""Lexicon files: format, extension by users, and the errors they get."""
from __future__ import annotations

import pytest

from reasonlint import Config, Linter
from reasonlint.lexicon import LEXICON_FILES, Lexicon, LexiconError, load, parse


def test_parse_sections_comments_mappings_and_regex():
    lex = Lexicon("x")
    parse("# head\n[a]\n补发  # trailing\nC#\n[b]\n以于 => 已于\nre: 退款\\d+元\n", "x.txt", lex)
    assert lex.words("a") == ["补发", "C#"]
    assert lex.mapping("b") == {"以于": "已于"}
    assert [e.text for e in lex.entries("b") if e.is_regex] == ["退款\\d+元"]


@pytest.mark.parametrize("text,line,what", [
    ("[a]\n补发\n补发\n", 3, "重复"),
    ("[a]\nre: (\n", 2, "正则"),
    ("[bad section\n", 1, "节名"),
    ("[a]\n => 已于\n", 2, "映射"),
])
def test_errors_name_path_and_line(text, line, what):
    with pytest.raises(LexiconError) as info:
        parse(text, "my.txt", Lexicon("x"))
    assert str(info.value).startswith(f"my.txt:{line}:")
    assert what in str(info.value)


def test_every_builtin_lexicon_loads_and_has_entries():
    lex = load()
    assert set(lex) == set(LEXICON_FILES)
    for name, lexicon in lex.items():
        assert any(lexicon.sections.values()), name


def test_user_folder_extends_the_builtin_lexicons(tmp_path):
    (tmp_path / "templates.txt").write_text("[template]\n已经好了\n", encoding="utf-8")
    (tmp_path / "evidence.txt").write_text("[evidence]\n客服工单\n", encoding="utf-8")
    text = "已经好了，商家已于11月3日补发，订单号20261103001，客服工单已附"
    plain = Linter().check(text)
    extended = Linter(Config(extra_lexicons=(tmp_path,))).check(text)
    assert "RL101" not in {f.code for f in plain.findings}
    assert "RL101" in {f.code for f in extended.findings}
    assert "RL205" in {f.code for f in plain.findings}
    assert "RL205" not in {f.code for f in extended.findings}


def test_user_folder_errors(tmp_path):
    (tmp_path / "nonsense.txt").write_text("[a]\nx\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="未知的词库文件名"):
        Linter(Config(extra_lexicons=(tmp_path,)))
    (tmp_path / "nonsense.txt").unlink()
    (tmp_path / "templates.txt").write_text("# only a comment\n[template]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="空"):
        Linter(Config(extra_lexicons=(tmp_path,)))
