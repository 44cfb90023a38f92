"""Finding, reading and validating configuration files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reasonlint.configfile import ConfigError, Overrides, discover, resolve

from cli_helpers import NO_DATE, TEMPLATE, run


def test_nearest_pyproject_with_table_wins(tmp_path: Path) -> None:
    (tmp_path / "reasonlint.toml").write_text('ignore = ["RL205"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.reasonlint]\nfail-on = "warning"\n', encoding="utf-8")
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")  # no table: skipped
    found = discover(sub)
    assert found is not None and found[0] == tmp_path / "a" / "pyproject.toml"
    settings = resolve(cwd=sub)
    assert settings.fail_on == "warning"
    assert settings.path == tmp_path / "a" / "pyproject.toml"


def test_hidden_and_plain_toml(tmp_path: Path) -> None:
    (tmp_path / ".reasonlint.toml").write_text("min-score = 70\n", encoding="utf-8")
    assert resolve(cwd=tmp_path).min_score == 70


def test_all_keys(tmp_path: Path) -> None:
    lex = tmp_path / "words"
    lex.mkdir()
    (tmp_path / "reasonlint.toml").write_text(
        'select = ["RL2", "template-phrase"]\nignore = ["RL206"]\nextend-select = ["RL403"]\n'
        'fail-on = "info"\nmin-score = 60\nmode = "template"\ntemplate-files = ["templates/**"]\n'
        'lexicons = ["words"]\nmax-length = 500\n'
        '[per-file-ignores]\n"legacy/*.txt" = ["missing-date"]\n'
        '[weights]\nidentifier = 25\n', encoding="utf-8")
    s = resolve(cwd=tmp_path)
    c = s.config
    assert "RL101" in c.select and "RL203" in c.select and "RL403" in c.select and "RL301" not in c.select
    assert c.ignore == frozenset({"RL206"})
    assert (s.fail_on, s.min_score, s.mode) == ("info", 60, "template")
    assert c.weights["identifier"] == 25 and c.max_length == 500
    assert c.extra_lexicons == (lex.resolve(),)
    assert s.ignored_for(str(tmp_path / "legacy" / "a.txt")) == frozenset({"RL203"})
    assert s.ignored_for(str(tmp_path / "a.txt")) == frozenset()


def test_template_files_and_mode_precedence(tmp_path: Path) -> None:
    (tmp_path / "reasonlint.toml").write_text('template-files = ["templates/**"]\n', encoding="utf-8")
    s = resolve(cwd=tmp_path)
    assert s.mode_for(str(tmp_path / "templates" / "x" / "a.yaml")) == "template"
    assert s.mode_for(str(tmp_path / "reasons.txt")) == "reason"
    forced = resolve(cwd=tmp_path, overrides=Overrides(mode="reason"))
    assert forced.mode_for(str(tmp_path / "templates" / "a.yaml")) == "reason"


def test_command_line_overrides(tmp_path: Path) -> None:
    (tmp_path / "reasonlint.toml").write_text('select = ["RL2"]\nfail-on = "warning"\nignore = ["RL205"]\n',
                                              encoding="utf-8")
    s = resolve(cwd=tmp_path, overrides=Overrides(select=["RL1"], fail_on="error", ignore=("RL101",)))
    assert s.config.select == frozenset({"RL101", "RL102", "RL103", "RL104", "RL105", "RL106"})
    assert s.config.ignore == frozenset({"RL101", "RL205"})
    assert s.fail_on == "error"


@pytest.mark.parametrize("body, key", [
    ("colour = 1\n", "colour"),
    ('select = ["RL999"]\n', "select"),
    ('fail-on = "fatal"\n', "fail-on"),
    ("min-score = 101\n", "min-score"),
    ('mode = "draft"\n', "mode"),
    ("max-length = 0\n", "max-length"),
    ("[weights]\nluck = 5\n", "weights"),
    ("[weights]\nidentifier = 500\n", "weights"),
    ('lexicons = ["missing"]\n', "lexicons"),
    ('per-file-ignores = ["x"]\n', "per-file-ignores"),
    ("template-files = 3\n", "template-files"),
])
def test_errors_name_file_and_key(tmp_path: Path, body: str, key: str) -> None:
    path = tmp_path / "reasonlint.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(cwd=tmp_path)
    assert str(info.value).startswith(f"{path}:1: {key}")


def test_toml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "reasonlint.toml"
    path.write_text('fail-on = "error"\nselect = ["RL1",\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML") as info:
        resolve(cwd=tmp_path)
    assert str(info.value).startswith(f"{path}:")


def test_error_names_the_line_of_the_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\nmode = "x"\n\n[tool.reasonlint]\nselect = ["RL1"]\n'
                    'mode = "draft"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(cwd=tmp_path)
    assert str(info.value).startswith(f"{path}:7: mode: ")


def test_cli_config_error_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reasonlint.toml").write_text("colour = 1\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(TEMPLATE + "\n", encoding="utf-8")
    r = run("check", "r.txt")
    assert r.code == 2
    assert r.err.startswith(f"{tmp_path / 'reasonlint.toml'}:1: colour: ")
    assert "Traceback" not in r.err
    # --no-config skips the broken file.
    assert run("check", "r.txt", "--no-config").code == 1


def test_cli_uses_config_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.reasonlint]\nfail-on = "warning"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(NO_DATE + "\n", encoding="utf-8")
    assert run("check", "r.txt").code == 1
    assert run("check", "r.txt", "--fail-on", "error").code == 0
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["RL203", "RL205"]\nfail-on = "warning"\n', encoding="utf-8")
    assert run("check", "r.txt", "--config", str(other)).code == 0


def test_cli_template_files_glob(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reasonlint.toml").write_text('template-files = ["templates/**"]\n', encoding="utf-8")
    (tmp_path / "templates").mkdir()
    text = "商家已于X月X日补发货，订单号XXX，物流记录已附。"
    (tmp_path / "templates" / "t.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(text + "\n", encoding="utf-8")
    out = run("check", "templates", "r.txt", "--format", "jsonl").out
    modes = {Path(o["path"]).name: o["mode"] for o in map(json.loads, out.splitlines())}
    assert modes == {"t.txt": "template", "r.txt": "reason"}


def test_per_file_ignores_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reasonlint.toml").write_text('[per-file-ignores]\n"old/*" = ["RL203"]\n', encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "r.txt").write_text(NO_DATE + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(NO_DATE + "\n", encoding="utf-8")
    out = run("check", "old/r.txt", "r.txt", "--format", "jsonl").out
    found = [{f["code"] for f in json.loads(l)["findings"]} for l in out.splitlines()]
    assert "RL203" not in found[0] and "RL203" in found[1]


def test_show_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reasonlint.toml").write_text("min-score = 42\n", encoding="utf-8")
    r = run("check", "--show-config", "--fail-on", "info")
    assert r.code == 0
    assert f'config-file = "{tmp_path / "reasonlint.toml"}"' in r.out
    assert "min-score = 42" in r.out and 'fail-on = "info"' in r.out
