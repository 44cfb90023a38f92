"""The two builds: pure Python (the default) and the mypyc-compiled wheel (setup.py).

``reasonlint.COMPILED`` must name the build that runs, and both builds must give the
same results. The identity test compares this process's build with the other one, run
in a child process: from a compiled install the other is the same sources installed
pure into a folder of their own; from a pure one it is the interpreter in ``REASONLINT_COMPILED_PYTHON`` (what
``.ci/run`` sets) or, without it, a compiled wheel built here with the machine's C
compiler into a venv of its own.
"""
from __future__ import annotations

import ast
import importlib
import json
import os
import random
import subprocess
import sys
import venv
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

import pytest

import reasonlint
from project_files import ROOT, copy_project

sys.path.insert(0, str(ROOT / "bench"))
from corpus import corpus  # noqa: E402

SRC = ROOT / "src" / "reasonlint"


def compiled_patterns() -> list[str]:
    """setup.py's COMPILED_MODULES, read without running setup()."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "COMPILED_MODULES" for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return value
    raise AssertionError("setup.py has no COMPILED_MODULES")


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


COMPILED_NAMES = sorted({module_name(p) for pattern in compiled_patterns() for p in SRC.glob(pattern)})


def is_extension(module_name: str) -> bool:
    file = importlib.import_module(module_name).__file__ or ""
    return file.endswith(tuple(EXTENSION_SUFFIXES))


def test_the_compiled_list_names_the_pipeline() -> None:
    assert "reasonlint.linter" in COMPILED_NAMES and "reasonlint.rules.content" in COMPILED_NAMES
    assert len(COMPILED_NAMES) >= 20  # a pattern that matched nothing would shrink it


def test_compiled_names_the_build_that_runs() -> None:
    loaded = [name for name in COMPILED_NAMES if is_extension(name)]
    assert loaded == (COMPILED_NAMES if reasonlint.COMPILED else [])
    # Everything outside the list stays Python in either build.
    assert not is_extension("reasonlint.model") and not is_extension("reasonlint.cli.app")


def test_the_expected_build_runs() -> None:
    # .ci/run says which build each of its runs tests, so a compiled run that quietly
    # imported the checkout's pure sources would fail here instead of passing.
    expected = os.environ.get("REASONLINT_EXPECT_BUILD")
    if expected is None:
        if not Path(reasonlint.__file__).resolve().is_relative_to(SRC):
            pytest.skip("an installed build and no REASONLINT_EXPECT_BUILD to compare with")
        expected = "pure"  # the checkout's sources hold no extension modules
    assert expected in ("pure", "compiled")
    assert reasonlint.COMPILED == (expected == "compiled")


# --- both builds, the same results ---------------------------------------------------

# Run by the other build: reads JSON lines of [text, keyword arguments], prints a line
# per result. Whole results: to_dict() and the score breakdown.
CHILD = """
import json, sys
import reasonlint
assert reasonlint.COMPILED == (sys.argv[1] == "compiled"), reasonlint.COMPILED
for line in sys.stdin:
    text, kw = json.loads(line)
    r = reasonlint.check(text, **kw)
    print(json.dumps([r.to_dict(), r.parts], ensure_ascii=False))
"""


def generated_cases(n: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """Reasons from bench/corpus.py, some mangled, some with a mode, complaint or channel."""
    rng = random.Random(seed)
    cases: list[tuple[str, dict[str, Any]]] = []
    for text in corpus(n, seed):
        roll = rng.random()
        if roll < 0.1:  # cut, doubled or spliced: spans, clauses and offsets off their usual shape
            i = rng.randrange(len(text) + 1)
            text = rng.choice([text[:i], text[i:] + text[:i], text + text, text[:i] + "，" + text[i:]])
        kw: dict[str, Any] = {}
        if 0.1 <= roll < 0.2:
            kw["mode"] = "template"
        elif 0.2 <= roll < 0.3:
            kw["channel"] = rng.choice(["platform", "payment", "third_party"])
        elif 0.3 <= roll < 0.35:
            kw["complaint"] = rng.choice(["退款未到账", "未发货", "卡密无效"])
        cases.append((text, kw))
    # Text no generator writes: the edges of the character classes the pipeline reads.
    alphabet = "已未没不退款补发货订单号0123456789一二三十月日元，。！？ \n\tAaZz%￥$【】（）…~"
    for _ in range(n // 10):
        cases.append(("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120))), {}))
    return cases


def other_build_python(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, str], str]:
    """(command, environment, build name) of the build this process is not."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "REASONLINT_MYPYC")}
    if reasonlint.COMPILED:
        # The pure build of the same sources, installed into a folder of its own that
        # comes first on this interpreter's path.
        tmp = tmp_path_factory.mktemp("pure")
        project = copy_project(tmp / "project")
        proc = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "install", "-q",
                               "--no-deps", "--target", str(tmp / "site"), str(project)],
                              cwd=tmp, capture_output=True, text=True, timeout=900, env=env)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        return [sys.executable], {**env, "PYTHONPATH": str(tmp / "site")}, "pure"
    given = os.environ.get("REASONLINT_COMPILED_PYTHON")
    if given:
        return [given], env, "compiled"
    return [str(build_compiled(tmp_path_factory))], env, "compiled"


def build_compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("compiled")
    project = copy_project(tmp / "project")
    env_dir = tmp / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"

    def run(*args: str, **env: str) -> None:
        proc = subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                              cwd=tmp, capture_output=True, text=True, timeout=1800,
                              env={**os.environ, **env})
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    run("install", "-q", "-r", str(ROOT / "tools" / "mypyc-requirements.txt"))
    run("wheel", "-q", "--no-build-isolation", "--no-deps", "-w", str(tmp / "dist"), str(project),
        REASONLINT_MYPYC="1")
    (whl,) = (tmp / "dist").glob("reasonlint-*.whl")
    assert "-none-any" not in whl.name, whl.name  # a platform wheel
    run("install", "-q", str(whl))
    return python


@pytest.mark.slow
def test_both_builds_give_identical_results(tmp_path_factory: pytest.TempPathFactory) -> None:
    cases = generated_cases(4000, seed=15)
    assert len(cases) == 4400
    cmd, env, build = other_build_python(tmp_path_factory)
    stdin = "".join(json.dumps([t, kw], ensure_ascii=False) + "\n" for t, kw in cases)
    proc = subprocess.run([*cmd, "-c", CHILD, build], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    theirs = proc.stdout.splitlines()
    assert len(theirs) == len(cases)
    differ = []
    for (text, kw), line in zip(cases, theirs):
        r = reasonlint.check(text, **kw)
        if json.loads(line) != [r.to_dict(), r.parts]:
            differ.append(text)
    assert not differ, f"{len(differ)} of {len(cases)} results differ between the builds, e.g. {differ[:3]}"
    # The results span the pipeline, not one corner of it.
    verdicts = {json.loads(line)[0]["verdict"] for line in theirs}
    assert verdicts == {"accept", "revise", "reject"}
