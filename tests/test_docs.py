"""Generated and hand-written docs stay in step with the code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from reasonlint import docs
from reasonlint.lexicon import LEXICON_FILES
from reasonlint.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
RULES_MD = ROOT / "docs" / "rules.md"
EVERY = list(RULES)


def test_rules_md_is_up_to_date() -> None:
    current = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
    assert current == docs.render(), f"docs/rules.md 已过期，请运行：{docs.REGENERATE}"


@pytest.mark.parametrize("rule", EVERY, ids=[r.code for r in EVERY])
def test_page_documents_rule(rule) -> None:  # type: ignore[no-untyped-def]
    page = docs.render()
    section = page.split(f'<a id="{rule.code.lower()}"></a>', 1)[1].split("<a id=", 1)[0]
    assert f"## {rule.code} `{rule.name}`" in section
    assert f"`{rule.severity}`" in section
    assert rule.summary in section
    assert rule.why in section
    for ex in (rule.bad, rule.good):
        shown = ex.text if len(ex.text) <= docs.MAX_EXAMPLE else ex.text[: docs.MAX_EXAMPLE // 4]
        assert shown in section
    assert f"[{rule.code}](#{rule.code.lower()})" in page


def test_long_example_is_cut_with_its_length() -> None:
    long_rules = [r for r in RULES if len(r.bad.text) > docs.MAX_EXAMPLE]
    assert long_rules, "RL103's example is longer than the cut-off"
    page = docs.render()
    for r in long_rules:
        assert r.bad.text not in page
        assert f"共 {len(r.bad.text)} 字" in page


def test_check_flags_a_stale_file_and_write_fixes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rules.md"
    assert docs.main(["--check", str(target)]) == 1
    assert docs.REGENERATE in capsys.readouterr().out
    assert docs.main([str(target)]) == 0
    assert docs.main(["--check", str(target)]) == 0
    target.write_text(target.read_text(encoding="utf-8") + "手改的一行\n", encoding="utf-8")
    assert docs.main(["--check", str(target)]) == 1


def test_main_prints_page_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert docs.main([]) == 0
    assert capsys.readouterr().out == docs.render()


def test_lexicon_readme_describes_every_lexicon_file() -> None:
    readme = (ROOT / "lexicons" / "README.txt").read_text(encoding="utf-8")
    described = set(re.findall(r"^([a-z_]+)\.txt$", readme, flags=re.M))
    on_disk = {p.stem for p in (ROOT / "lexicons").glob("*.txt") if p.name != "README.txt"}
    assert set(LEXICON_FILES) <= on_disk
    assert described == on_disk


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(python3 -m venv .+)$", quick, flags=re.M)
    assert len(commands) == 2, quick
    test_cmd = next(c for c in commands if "pytest" in c)
    pytest_part = test_cmd.rsplit("&& ", 1)[1]
    assert pytest_part in ci
