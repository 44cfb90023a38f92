"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit.

The hook repository is a committed copy of this working tree (pre-commit installs
a hook repository from a commit, and try-repo on a dirty checkout would leave
untracked files out). Building the hook environment installs reasonlint and its
dependencies from PyPI, so these tests are marked slow.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from project_files import ROOT, copy_project

COMPLETE_TEMPLATE = "商家已于{date}补发{product}，订单号{order_id}，卡密兑换截图已附。\n"
EMPTY_TEMPLATE = "问题已解决\n"
GOOD_REASON = "商家已于11月12日补发王者荣耀点券卡密，订单号KM20261112087，卡密兑换截图已附。\n"
UNFILLED_REASON = "商家已于X月X日补发点卡，订单号XXX，卡密截图已附。\n"


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "reasonlint tests", "GIT_AUTHOR_EMAIL": "tests@localhost",
        "GIT_COMMITTER_NAME": "reasonlint tests", "GIT_COMMITTER_EMAIL": "tests@localhost",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONUTF8": "1",
    })
    return env


def sh(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=900)


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = sh(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout.strip()


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return sh([sys.executable, "-m", "pre_commit", *args], cwd, env)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return git_env(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository holding this working tree's package, committed."""
    repo = copy_project(tmp_path_factory.mktemp("hook-repo"), (".pre-commit-hooks.yaml",))
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "hook repository under test")
    return repo, git(repo, env, "rev-parse", "HEAD")


@pytest.fixture
def consumer(tmp_path: Path, env: dict[str, str]) -> Path:
    """A user's repository with reasons and templates in it."""
    repo = tmp_path / "consumer"
    for rel, text in {
        "templates/complete.txt": COMPLETE_TEMPLATE,
        "templates/empty.txt": EMPTY_TEMPLATE,
        "reasons/good.txt": GOOD_REASON,
        "reasons/unfilled.txt": UNFILLED_REASON,
    }.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    return repo


@pytest.mark.slow
def test_try_repo_template_hook_passes_a_complete_template(
        hook_repo: tuple[Path, str], consumer: Path, env: dict[str, str]) -> None:
    repo, rev = hook_repo
    proc = pre_commit(consumer, env, "try-repo", str(repo), "reasonlint-templates", "--ref", rev,
                      "--files", "templates/complete.txt")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "reasonlint (reusable reason templates)" in out
    assert "Passed" in out


@pytest.mark.slow
def test_try_repo_template_hook_fails_on_an_empty_template(
        hook_repo: tuple[Path, str], consumer: Path, env: dict[str, str]) -> None:
    repo, rev = hook_repo
    proc = pre_commit(consumer, env, "try-repo", str(repo), "reasonlint-templates", "--ref", rev,
                      "--files", "templates/empty.txt", "templates/complete.txt")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Failed" in out
    # The finding names the file, the line and the rule codes.
    assert "templates/empty.txt:1:" in out
    assert "RL201" in out
    assert "RL101" in out
    assert "templates/complete.txt:1:" not in out


@pytest.mark.slow
def test_reason_hook_from_a_users_config(
        hook_repo: tuple[Path, str], consumer: Path, env: dict[str, str]) -> None:
    repo, rev = hook_repo
    (consumer / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {repo.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: reasonlint\n"
        "        files: ^reasons/\n"
        "      - id: reasonlint-templates\n"
        "        files: ^templates/complete\n",
        encoding="utf-8",
    )
    git(consumer, env, "add", "-A")

    clean = pre_commit(consumer, env, "run", "--files", "reasons/good.txt", "templates/complete.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    # A template pasted as a reason still holds its placeholders: RL304.
    dirty = pre_commit(consumer, env, "run", "--all-files")
    out = dirty.stdout + dirty.stderr
    assert dirty.returncode == 1, out
    assert "reasons/unfilled.txt:1:" in out
    assert "RL304" in out
    # The user's `files:` keeps the hooks off everything else.
    assert "templates/empty.txt" not in out
    assert ".pre-commit-config.yaml:" not in out


def test_projects_own_hooks_pass(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    env = git_env(tmp_path)
    # The local hooks use the development environment's reasonlint and python.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    config = str(ROOT / ".pre-commit-config.yaml")
    templates = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples" / "templates").iterdir())
    for hook, files in (("reasonlint-templates", templates), ("rules-doc", ["docs/rules.md"])):
        proc = pre_commit(ROOT, env, "run", hook, "--config", config, "--files", *files)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 0, out
        assert "Passed" in out, out

