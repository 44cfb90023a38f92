"""Debian's headless chromium for the browser tests: where it is, and what to do without it.

Without selenium (the ``browser`` extra) or Debian's ``chromium`` and ``chromium-driver``
a browser test is skipped, except under CI (``CI`` set), where it fails: ``.ci/run``
installs them.
"""
from __future__ import annotations

import os

import pytest

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# Headless as root, and never a request of its own to the outside.
HEADLESS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage")


def missing() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[browser]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return ""


def require_browser() -> None:
    """Skip the calling test (or module) without a browser; fail instead under CI."""
    why = missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run in CI: {why}")
        pytest.skip(why, allow_module_level=True)
