"""Bad lexicon and configuration files: one ``path:line: message`` (or ``path: key:``)
line and exit code 2, never a traceback, never a hang."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import GOOD, run
from reasonlint import Config, Linter
from reasonlint.lexicon import LexiconError

# (file name, content, line the error is on; 0 means the whole file)
BAD_LEXICONS = {
    "duplicate": ("templates.txt", "[template]\n问题已解决\n问题已解决\n", 3),
    "duplicate regex": ("templates.txt", "[template]\nre: 问题.+\n# x\nre: 问题.+\n", 4),
    "bad section": ("templates.txt", "[template]\n好的\n[oops\n", 3),
    "bad regex": ("templates.txt", "[template]\n\nre: (unclosed\n", 3),
    "empty regex": ("templates.txt", "[template]\nre:\n", 2),
    "empty mapping side": ("variants.txt", "[same_length]\n以于 =>\n", 2),
    "mapping lengths": ("variants.txt", "[same_length]\n以于 => 已\n", 2),
    "traditional not one char": ("traditional.txt", "[chars]\n發貨 => 发货\n", 2),
    "unknown file": ("colours.txt", "红\n", 0),
    "empty lexicon": ("templates.txt", "# nothing but comments\n\n[template]\n", 0),
    "empty file": ("evidence.txt", "", 0),
    "not utf-8": ("evidence.txt", "截图".encode("gbk"), 1),
    # Names and kinds the linter would never read: an error, not a silent no-op.
    "unknown section": ("templates.txt", "# 模板\n[templat]\n已经没事了\n", 2),
    "entry before any section": ("evidence.txt", "充值流水\n[evidence]\n客服工单\n", 1),
    "mapping in a word section": ("templates.txt", "[template]\n好了\n已经没事了 => 没事\n", 3),
    "word in a mapping section": ("suggestions.txt", "[clauses]\nrefunded\n", 2),
    "regex in a mapping section": ("variants.txt", "[same_length]\nre: 以于\n", 2),
    "bare issue_ section": ("complaints.txt", "[issue_]\n卡密错误\n", 1),
    # Only CR and LF end a line: U+2028 inside an entry does not shift the line numbers.
    "line numbers past U+2028": ("templates.txt", "[template]\n甲\u2028乙\n\n[oops\n", 4),
}


def write_lexicon(tmp_path: Path, name: str, content: "str | bytes") -> Path:
    folder = tmp_path / "lex"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_located(message: str, path: Path, line: int) -> None:
    assert message.startswith(f"{path}:{line}: "), message
    assert "\n" not in message.strip()
    assert len(message) > len(f"{path}:{line}: ") + 2   # says what is wrong


@pytest.mark.parametrize("case", list(BAD_LEXICONS))
def test_library_raises_lexicon_error_with_path_and_line(tmp_path: Path, case: str) -> None:
    name, content, line = BAD_LEXICONS[case]
    path = write_lexicon(tmp_path, name, content)
    with pytest.raises(LexiconError) as info:
        Linter(Config(extra_lexicons=(path.parent,)))
    assert_located(str(info.value), path, line)
    assert isinstance(info.value, ValueError)   # callers catching ValueError still work


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as info:
        Linter(Config(extra_lexicons=(tmp_path / "nowhere",)))
    assert_located(str(info.value), tmp_path / "nowhere", 0)


def test_a_folder_named_like_a_lexicon_file(tmp_path: Path) -> None:
    (tmp_path / "lex" / "templates.txt").mkdir(parents=True)
    with pytest.raises(LexiconError) as info:
        Linter(Config(extra_lexicons=(tmp_path / "lex",)))
    assert_located(str(info.value), tmp_path / "lex" / "templates.txt", 0)


def test_new_issue_sections_are_allowed_in_complaints(tmp_path: Path) -> None:
    # complaints.txt reads every [issue_<name>] section: a new category is not a typo.
    write_lexicon(tmp_path, "complaints.txt", "[issue_card]\n卡密错误\n[answers]\ncard => exchanged\n")
    Linter(Config(extra_lexicons=(tmp_path / "lex",))).check("商家已换卡")


def test_good_lexicon_with_bom_and_crlf_loads(tmp_path: Path) -> None:
    write_lexicon(tmp_path, "templates.txt", "\ufeff[template]\r\n测试模板\r\n".encode("utf-8"))
    r = Linter(Config(extra_lexicons=(tmp_path / "lex",))).check("测试模板")
    assert "RL101" in [f.code for f in r.findings]


# --- through the command line ----------------------------------------------------------

def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reasons.txt").write_text(GOOD + "\n", encoding="utf-8")
    path = tmp_path / "reasonlint.toml"
    path.write_text(config, encoding="utf-8")
    return path


def assert_one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("case", ["duplicate", "bad regex", "mapping lengths", "unknown file",
                                  "empty lexicon", "unknown section", "word in a mapping section"])
# --jobs 2 runs in a real process below: in this one a regression would hang the suite.
@pytest.mark.parametrize("command", [("check", "reasons.txt"), ("explain", GOOD), ("suggest", GOOD)])
def test_cli_bad_lexicon_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str,
                                 command: tuple[str, ...]) -> None:
    name, content, line = BAD_LEXICONS[case]
    path = write_lexicon(tmp_path, name, content)
    project(tmp_path, monkeypatch, 'lexicons = ["lex"]\n')
    r = run(*command)
    assert r.code == 2
    assert_located(assert_one_line_error(r.err), path.resolve(), line)
    assert r.out == ""


def test_cli_bad_lexicon_with_jobs_does_not_hang(tmp_path: Path) -> None:
    # A worker pool whose initializer raises respawns workers forever: the lexicons
    # must be read before the pool starts. A real process, so a hang is a timeout.
    path = write_lexicon(tmp_path, *BAD_LEXICONS["duplicate"][:2])
    (tmp_path / "reasonlint.toml").write_text('lexicons = ["lex"]\n', encoding="utf-8")
    (tmp_path / "reasons.txt").write_text((GOOD + "\n") * 600, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reasonlint", "check", "-j", "2", "reasons.txt"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert_located(assert_one_line_error(done.stderr), path.resolve(), 3)


# Configuration files: the key (or, for TOML syntax, the line) is named.
BAD_CONFIGS = {
    "toml syntax": ('select = ["RL1"\n', r"line 2|end of document"),
    "duplicate key": ('max-length = 10\nmax-length = 20\n', r"line 2"),
    "unknown key": ("colour = 1\n", "colour"),
    "wrong type": ('max-length = "long"\n', "max-length"),
    "bool for int": ("min-score = true\n", "min-score"),
    "negative": ("max-length = -5\n", "max-length"),
    "unknown rule": ('ignore = ["RL999"]\n', "ignore"),
    "weights type": ('weights = "heavy"\n', "weights"),
    "weights value": ("[weights]\nresolution = 3.5\n", "weights"),
    "lexicons type": ("lexicons = 3\n", "lexicons"),
    "lexicons missing": ('lexicons = ["nowhere"]\n', "lexicons"),
    "template-files type": ("template-files = [1, 2]\n", "template-files"),
    "not utf-8": ("mode = \"模板\"\n".encode("gbk"), "UTF-8"),
    # A list or table cannot be looked up among the allowed values (it is unhashable).
    "fail-on list": ('fail-on = ["error"]\n', r":1: fail-on"),
    "fail-on table": ("fail-on = {level = 1}\n", r":1: fail-on"),
    "mode list": ('mode = ["reason"]\n', r":1: mode"),
    "the pyproject table in reasonlint.toml": ('[tool.reasonlint]\nmode = "reason"\n', r":1: tool: .*顶层"),
    "not utf-8 on line 3": (b'mode = "reason"\n\n# \xff\xfe\n', r":3: .*UTF-8"),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
def test_cli_bad_config_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    content, named = BAD_CONFIGS[case]
    path = project(tmp_path, monkeypatch, "")
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    for args in (("check", "reasons.txt"), ("check", "--config", str(path), "reasons.txt"),
                 ("explain", GOOD)):
        r = run(*args)
        assert r.code == 2, (args, r)
        message = assert_one_line_error(r.err)
        assert message.startswith(f"{path}"), message
        assert re.search(named, message), message
        assert r.out == ""


def test_config_with_a_bom_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows editors save UTF-8 with a BOM; the settings after it still count.
    path = project(tmp_path, monkeypatch, "")
    path.write_bytes(b"\xef\xbb\xbfmin-score = 100\n")
    assert run("check", "reasons.txt").code == 1      # GOOD scores below 100
    path.write_bytes(b'\xef\xbb\xbffail-on = "fatal"\n')
    r = run("check", "reasons.txt")
    assert r.code == 2 and assert_one_line_error(r.err).startswith(f"{path}:1: fail-on")


def test_pyproject_reasonlint_not_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, monkeypatch, "").unlink()
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n[tool]\nreasonlint = 3\n', encoding="utf-8")
    r = run("check", "reasons.txt")
    assert r.code == 2
    assert assert_one_line_error(r.err).startswith(f"{path}:4: tool.reasonlint")


def test_empty_config_file_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, monkeypatch, "")
    r = run("check", "reasons.txt")
    assert r.code == 0, r
