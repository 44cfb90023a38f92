"""The library and the files around it: Config, lexicon bounds, user patterns, the
hooks file and the junit and gitlab formats against their published schemas."""
from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import jsonschema
import pytest
import yaml

import reasonlint
from cli_helpers import GOOD, NO_DATE, TEMPLATE, run
from reasonlint import Config, Linter
from reasonlint.errors import LexiconError, RegexDisabledWarning

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


def test_config_make_takes_a_string() -> None:
    assert Config.make(ignore="RL203").ignore == {"RL203"}
    assert Config.make(ignore="RL203,missing-evidence").ignore == {"RL203", "RL205"}


def test_unknown_rules_are_a_value_error() -> None:
    with pytest.raises(ValueError, match="RL999"):
        Config.make(ignore=["RL999"])
    with pytest.raises(ValueError, match="RL999"):
        Config.make(select="RL999")


def test_rl001_can_be_named_like_any_rule() -> None:
    from reasonlint.configfile import resolve_codes

    assert "RL001" in resolve_codes(["RL001"])
    assert "RL001" in Config.make(ignore=["RL001"]).ignore
    assert Config.make(select=["RL0"]).select == {"RL001"}
    assert run("check", "--no-config", "--select", "RL0", "-", input=GOOD).code == 0


def test_config_from_file_and_discover(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.reasonlint]\nignore = ["RL203"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert Config.from_file(tmp_path / "pyproject.toml").ignore == {"RL203"}
    assert Config.discover(tmp_path / "sub").ignore == {"RL203"}
    (tmp_path / "pyproject.toml").write_text('[tool.reasonlint]\nfail-on = "fatal"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="pyproject.toml:2: fail-on"):
        Config.from_file(tmp_path / "pyproject.toml")


def _lexicon_config(tmp_path: Path) -> Config:
    return Config(extra_lexicons=(tmp_path / "lex",))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
def test_lexicons_must_be_regular_files(tmp_path: Path) -> None:
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "userwords.txt").symlink_to("/dev/zero")
    with pytest.raises(LexiconError, match="不是普通文件"):
        Linter(_lexicon_config(tmp_path))
    (tmp_path / "lex" / "userwords.txt").unlink()
    os.mkfifo(tmp_path / "lex" / "userwords.txt")   # opening it used to wait forever
    with pytest.raises(LexiconError, match="不是普通文件"):
        Linter(_lexicon_config(tmp_path))


def test_a_huge_user_lexicon_is_refused_quickly(tmp_path: Path) -> None:
    from reasonlint import lexicon

    (tmp_path / "lex").mkdir()
    words = "\n".join(f"词{i}" for i in range(lexicon.MAX_LEXICON_ENTRIES + 1))
    (tmp_path / "lex" / "evidence.txt").write_text("[evidence]\n" + words + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="条目"):
        Linter(_lexicon_config(tmp_path))
    (tmp_path / "lex" / "evidence.txt").write_bytes(b"[evidence]\n" + b"x" * (lexicon.MAX_LEXICON_BYTES + 1))
    with pytest.raises(LexiconError, match="MiB"):
        Linter(_lexicon_config(tmp_path))


@pytest.mark.parametrize("pattern", ["(((a{100}){100}){100}){100}",
                                     # a million copies: the regex module compiles it, slowly and large
                                     "((a{100}){100}){100}"])
def test_a_pattern_that_compiles_into_millions_of_copies_is_refused(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "evidence.txt").write_text(f"[evidence]\nre: {pattern}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"evidence.txt:2: 正则表达式的重复次数"):
        Linter(_lexicon_config(tmp_path))


def test_a_slow_user_pattern_is_switched_off_with_one_warning(tmp_path: Path) -> None:
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "evidence.txt").write_text("[evidence]\nre: (a+)+$\n", encoding="utf-8")
    lint = Linter(_lexicon_config(tmp_path))
    text = "订单号" + "a" * 1500 + "!"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(200):     # 200 texts used to take 53 s, a quarter second each
            lint.check(text)
    found = [w for w in caught if issubclass(w.category, RegexDisabledWarning)]
    assert len(found) == 1
    assert str(found[0].message).startswith(f"{tmp_path / 'lex' / 'evidence.txt'}:2: ")
    assert (found[0].filename, found[0].lineno) == (str(tmp_path / "lex" / "evidence.txt"), 2)
    budget = next(p[5] for m in _matchers(lint) for p in m._patterns if p[5] is not None)
    assert budget.off and budget.timeouts <= 3


def test_extra_lexicons_may_be_any_iterable_of_paths(tmp_path: Path) -> None:
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "userwords.txt").write_text("[words]\n鲸落卡\n", encoding="utf-8")
    given = [str(tmp_path / "lex")]
    assert Config(extra_lexicons=given).extra_lexicons == (tmp_path / "lex",)  # type: ignore[arg-type]
    assert Config(extra_lexicons=tmp_path / "lex").extra_lexicons == (tmp_path / "lex",)  # type: ignore[arg-type]
    listed = Linter(Config(extra_lexicons=given))  # type: ignore[arg-type]
    assert listed.check("鲸落卡已补发") == Linter(Config(extra_lexicons=(tmp_path / "lex",))).check("鲸落卡已补发")


def _matchers(lint: Linter) -> list:
    """Every PhraseMatcher the linter holds, however deep its stages keep them."""
    from reasonlint.phrases import PhraseMatcher

    found: list = []
    seen: set[int] = set()

    def walk(value: object, depth: int) -> None:
        if id(value) in seen or depth > 4:
            return
        seen.add(id(value))
        if isinstance(value, PhraseMatcher):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, depth + 1)
        elif type(value).__module__.startswith("reasonlint"):
            for item in _attributes(value):
                walk(item, depth + 1)

    walk(lint, 0)
    assert found, "the linter holds no PhraseMatcher"
    return found


def _attributes(value: object) -> list:
    names = getattr(type(value), "__mypyc_attrs__", None)
    if names:  # a compiled class has no instance dict: mypyc lists its attributes
        return [getattr(value, name, None) for name in names]
    return list(vars(value).values()) if hasattr(value, "__dict__") else []


def test_the_hooks_run_serially() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks and all(h.get("require_serial") is True for h in hooks)


def test_the_readme_pins_the_hooks_to_this_version_tag() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"rev: v{reasonlint.__version__}" in readme


def _report(tmp_path: Path, fmt: str) -> str:
    os.chdir(tmp_path)
    Path("sub").mkdir()
    Path("sub/r 1.txt").write_text(f"# reasonlint: disable=RL402\n{TEMPLATE}\n{NO_DATE}\n{GOOD}\x1b\n",
                                   encoding="utf-8")
    Path("b.json").write_text(json.dumps({"x": GOOD}, ensure_ascii=False), encoding="utf-8")
    r = run("check", "--no-config", "--format", fmt, "sub", "b.json")
    assert r.code == 1, r.err
    return r.out


def test_junit_is_valid_against_its_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    monkeypatch.chdir(tmp_path)
    out = _report(tmp_path, "junit")
    schema = xmlschema.XMLSchema(str(FIXTURES / "junit-schema.xsd"))
    schema.validate(out)
    doc = schema.to_dict(out)
    cases = [c for s in doc["testsuite"] for c in s.get("testcase", [])]
    assert sum("failure" in c for c in cases) >= 5
    assert any(c["@name"].startswith("RL001 ") for c in cases)


def test_gitlab_is_valid_against_its_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    issues = json.loads(_report(tmp_path, "gitlab"))
    schema = json.loads((FIXTURES / "gitlab-codeclimate.json").read_text(encoding="utf-8"))
    assert issues
    for issue in issues:
        jsonschema.Draft7Validator(schema).validate(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] in ("sub/r%201.txt", "b.json")
    assert len({i["fingerprint"] for i in issues}) == len(issues)
