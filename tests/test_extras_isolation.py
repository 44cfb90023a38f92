"""The engines' extras stay out of the core and the CLI: neither imports pandas, Spark or Dask."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXTRAS = ("pandas", "numpy", "pyarrow", "pyspark", "py4j", "dask", "distributed")


def loaded(code: str, cwd: Path) -> tuple[set[str], str]:
    """The top-level modules loaded after running ``code``, and what it printed before."""
    marker = "--- modules ---"
    proc = subprocess.run([sys.executable, "-c", code + f"\nimport sys; print({marker!r}); print(*sys.modules)"],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    printed, _, names = proc.stdout.partition(marker)
    return {name.split(".")[0] for name in names.split()}, printed


def test_library_and_cli_import_no_extra(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("问题已解决\n商家已于11月3日补发货,订单号20261103001,物流记录已附。\n",
                                    encoding="utf-8")
    code = (
        "import reasonlint\n"
        "reasonlint.check('问题已解决')\n"
        "from reasonlint.cli import main\n"
        "try:\n"
        "    main(['check', 'r.txt', '--format', 'json-lines'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 1, exc.code\n"
    )
    mods, printed = loaded(code, tmp_path)
    assert printed.count('"verdict"') == 2   # the CLI really checked both reasons
    assert not mods & set(EXTRAS), sorted(mods & set(EXTRAS))


def test_the_frame_module_imports_no_engine(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("pandas")
    mods, _ = loaded("import reasonlint.frame", tmp_path)
    assert "pandas" in mods
    assert not mods & {"pyspark", "py4j", "dask", "distributed"}
