"""The built wheel carries everything it needs and works away from the checkout.

Builds the wheel from a copy of the project, installs it into a fresh venv (its
dependencies come from PyPI), then runs the installed ``reasonlint`` from a
temporary folder on a copy of ``examples/``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from importlib import resources
from pathlib import Path

import pytest

import reasonlint
from reasonlint.lexicon import LEXICON_FILES
from project_files import ROOT, copy_project
from reasonlint.rules import RULES

ALL_CODES = {r.code for r in RULES}


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=900)


def bin_path(env_dir: Path, name: str) -> Path:
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / name


def test_lexicons_resolve_in_this_install() -> None:
    # The test run itself uses an editable install: the mapping must work there too.
    root = resources.files("reasonlint.lexicons")
    for name in LEXICON_FILES:
        assert (root / f"{name}.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    project = copy_project(tmp / "project")
    out = tmp / "dist"
    proc = run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(project)], cwd=tmp)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (whl,) = out.glob("reasonlint-*.whl")
    assert whl.name.endswith("-py3-none-any.whl"), whl.name  # pure Python unless asked
    return whl


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    proc = run([str(bin_path(env_dir, "python")), "-m", "pip", "install", "--disable-pip-version-check",
                "-q", str(wheel)], cwd=env_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return env_dir


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder far from the checkout holding a copy of examples/."""
    work = tmp_path_factory.mktemp("work")
    shutil.copytree(ROOT / "examples", work / "examples")
    return work


def clean_env() -> dict[str, str]:
    # Nothing may point the installed package back at the checkout.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONUTF8"] = "1"
    return env


@pytest.mark.slow
def test_wheel_contents(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(meta_name).decode("utf-8")
        entry_points = zf.read(meta_name.replace("METADATA", "entry_points.txt")).decode("utf-8")
    for name in LEXICON_FILES:
        assert f"reasonlint/lexicons/{name}.txt" in names
    assert "reasonlint/py.typed" in names
    # Every module in the source tree ships, subpackages and data files included.
    src = ROOT / "src"
    for path in (src / "reasonlint").rglob("*"):
        shipped = (".py", ".txt", ".typed", ".html", ".js", ".css")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in shipped:
            assert path.relative_to(src).as_posix() in names
    # The lexicons live only inside the package, never as a top-level package.
    assert not any(n.startswith("lexicons/") for n in names)
    assert f"Version: {reasonlint.__version__}\n" in metadata
    assert "reasonlint = reasonlint.cli:main" in entry_points


@pytest.mark.slow
def test_installed_package_reads_its_own_lexicons(installed: Path, workdir: Path) -> None:
    code = (
        "import json, importlib.resources as r, reasonlint, reasonlint.lexicons as L\n"
        "names = sorted(p.name for p in r.files('reasonlint.lexicons').iterdir() if p.name.endswith('.txt'))\n"
        "print(json.dumps({'pkg': reasonlint.__file__, 'lex': L.__file__, 'names': names,\n"
        "                  'version': reasonlint.__version__}))\n"
    )
    proc = run([str(bin_path(installed, "python")), "-c", code], cwd=workdir, env=clean_env())
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    for key in ("pkg", "lex"):
        assert Path(info[key]).resolve().is_relative_to(installed.resolve()), info
        assert not Path(info[key]).resolve().is_relative_to(ROOT), info
    assert {f"{n}.txt" for n in LEXICON_FILES} <= set(info["names"])
    assert info["version"] == reasonlint.__version__


@pytest.mark.slow
def test_installed_command_lints_examples(installed: Path, workdir: Path) -> None:
    exe = str(bin_path(installed, "reasonlint"))
    env = clean_env()

    version = run([exe, "--version"], cwd=workdir, env=env)
    assert version.returncode == 0
    assert reasonlint.__version__ in version.stdout
    assert "(pure Python)" in version.stdout  # the default build compiles nothing

    # Reasons: bad examples by design, so findings at error level and exit 1.
    proc = run([exe, "check", "--output-format", "json", "examples/reasons"], cwd=workdir, env=env)
    assert proc.returncode == 1, proc.stderr
    records = [r for r in json.loads(proc.stdout) if r.get("kind") == "reason"]
    codes = {f["code"] for r in records for f in r["findings"]}
    # Every format was read, and every file gave at least one reason.
    files = {Path(r["path"]).name for r in records}
    assert files == {p.name for p in (workdir / "examples" / "reasons").iterdir()}
    assert {"accept", "reject"} <= {r["verdict"] for r in records}

    # The template store passes in template mode; the rejected templates do not.
    store = run([exe, "check", "--mode", "template", "examples/templates"], cwd=workdir, env=env)
    assert store.returncode == 0, store.stdout + store.stderr
    rejected = run([exe, "check", "--mode", "template", "--output-format", "concise",
                    "examples/bad-templates"], cwd=workdir, env=env)
    assert rejected.returncode == 1, rejected.stdout + rejected.stderr
    assert "RL201" in rejected.stdout

    # Between them the bundled examples show every rule: RL001 as a suppression record,
    # RL305 (a misspelt placeholder) in the rejected templates.
    codes |= {f["code"] for r in json.loads(proc.stdout) if r.get("kind") == "suppression"
              for f in r["findings"]}
    bad = run([exe, "check", "--mode", "template", "--output-format", "json", "examples/bad-templates"],
              cwd=workdir, env=env)
    codes |= {f["code"] for r in json.loads(bad.stdout) for f in r.get("findings", [])}
    # RL105 (platform-length) needs a platform: the example for one names it.
    platform = run([exe, "check", "--platform", "alipay", "--output-format", "json", "examples/platforms"],
                   cwd=workdir, env=env)
    codes |= {f["code"] for r in json.loads(platform.stdout) for f in r.get("findings", [])}
    assert codes == ALL_CODES, f"missing: {sorted(ALL_CODES - codes)}"

    # The HTML report's style and script come from the installed package.
    page = workdir / "report.html"
    proc = run([exe, "check", "--format", "html", "-o", str(page), "examples/reasons"], cwd=workdir, env=env)
    assert proc.returncode == 1, proc.stderr
    text = page.read_text(encoding="utf-8")
    assert "<style>/* reasonlint audit report." in text and "<script>// reasonlint audit report" in text
