"""Users' lexicon patterns run under the ``regex`` module's timeout.

``(a|aa)+$`` against ``"a" * n + "!"`` backtracks through every way of writing n as
a sum of 1s and 2s (Fibonacci(n) of them): on the regex module it takes about 1.7 s at
n = 30 and grows about 1.7x per character, so at n = 60 it would run for months.
Without the timeout the subprocess test below would hit its own 120 s limit and fail;
``(a+)+$`` against 1,990 a's and a b takes about 30 s.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from reasonlint import Config, Linter, phrases

CATASTROPHIC = ("(a|aa)+$", "(a+)+$")
EVIL_TEXT = "测试模板，" + "a" * 60 + "!"
# For the tests in this process: well past the timeout, yet only seconds without it,
# so a regression fails these tests instead of hanging the suite.
SLOW_TEXT = "测试模板，" + "a" * 32 + "!"


def lexicon_folder(tmp_path: Path, *patterns: str) -> Path:
    folder = tmp_path / "lex"
    folder.mkdir()
    body = "[template]\n" + "".join(f"re: {p}\n" for p in patterns) + "测试模板\n"
    (folder / "templates.txt").write_text(body, encoding="utf-8")
    return folder


def test_a_catastrophic_pattern_cannot_hang_a_run(tmp_path: Path) -> None:
    folder = lexicon_folder(tmp_path, *CATASTROPHIC)
    script = textwrap.dedent(f"""
        import json
        from pathlib import Path
        from reasonlint import Config, Linter
        linter = Linter(Config(extra_lexicons=(Path({str(folder)!r}),)))
        out = []
        for text in ({EVIL_TEXT!r}, "a" * 1990 + "b", "a" * 5000 + "b"):
            r = linter.check(text)
            out.append([f.code for f in r.findings])
        print(json.dumps(out))
    """)
    # A separate process: a pattern stuck in C code holds the GIL, so only a process
    # boundary lets the test give up on it.
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    codes = json.loads(done.stdout)
    assert len(codes) == 3
    # The stuck patterns were skipped; the plain phrase in the same file still counts.
    assert "RL101" in codes[0]


def test_other_entries_of_the_file_still_match(tmp_path: Path) -> None:
    linter = Linter(Config(extra_lexicons=(lexicon_folder(tmp_path, "(a|aa)+$"),)))
    r = linter.check(SLOW_TEXT)
    [template] = [f for f in r.findings if f.code == "RL101"]
    assert SLOW_TEXT[template.start:template.end] == "测试模板"
    json.dumps(r.to_dict())


class _Spy:
    """Stands in for a compiled pattern and records how it is called."""

    def __init__(self, compiled: Any, calls: list[dict[str, Any]]) -> None:
        self._compiled = compiled
        self._calls = calls

    def finditer(self, text: str, **kwargs: Any) -> Any:
        self._calls.append(kwargs)
        return self._compiled.finditer(text, **kwargs)


def test_user_patterns_get_the_timeout_and_builtin_ones_do_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
    original = phrases.compile_pattern

    def spying(pattern: str, builtin: bool) -> _Spy:
        return _Spy(original(pattern, builtin), calls[builtin])

    monkeypatch.setattr(phrases, "compile_pattern", spying)
    linter = Linter(Config(extra_lexicons=(lexicon_folder(tmp_path, "(a|aa)+$"),)))
    linter.check(SLOW_TEXT)
    linter.check("问题已解决，XX月XX日")
    assert calls[False], "the user pattern never ran"
    # The first run gets the whole time-out; later ones what is left of the pattern's
    # budget for the run, which a slow machine spends sooner: never more, never none.
    assert calls[False][0].get("timeout") == phrases.REGEX_TIMEOUT
    assert all(0 < kw.get("timeout", 0) <= phrases.REGEX_TIMEOUT for kw in calls[False])
    assert calls[True] and all("timeout" not in kw for kw in calls[True])
    # Small enough that a few bad patterns cost a run seconds, not minutes.
    assert 0 < phrases.REGEX_TIMEOUT <= 1


def test_timeout_is_per_text_not_per_run(tmp_path: Path) -> None:
    # After a timeout the next text is matched normally by the same pattern.
    linter = Linter(Config(extra_lexicons=(lexicon_folder(tmp_path, "(a|aa)+$"),)))
    linter.check(SLOW_TEXT)
    ok = linter.check("测试模板 aaaa")
    assert [f.code for f in ok.findings].count("RL101") == 2   # 测试模板 and aaaa
