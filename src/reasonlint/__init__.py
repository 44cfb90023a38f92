"""reasonlint: lint and classify Chinese complaint-cancellation reasons.

>>> import reasonlint
>>> r = reasonlint.check("商家已于11月3日补发货,订单号20261103001,物流记录已附。")
>>> r.verdict
'accept'
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional

__version__ = "0.2.0"
__all__ = ["check", "Linter", "Config", "Result", "Entity", "Finding", "COMPILED", "__version__"]

if TYPE_CHECKING:
    from .config import Config
    from .linter import Linter
    from .model import Entity, Finding, Result


def _compiled() -> bool:
    # The compiled wheel (setup.py, REASONLINT_MYPYC=1) ships the pipeline modules as C
    # extensions; the import system prefers those to the .py files. Read off the module
    # the import would load, without importing it (the CLI's --version stays cheap).
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    spec = find_spec(f"{__name__}.linter")
    return spec is not None and (spec.origin or "").endswith(tuple(EXTENSION_SUFFIXES))


COMPILED: bool = _compiled()
"""True when the mypyc-compiled build runs, False for the pure-Python package."""


@lru_cache(maxsize=1)
def _default_linter() -> "Linter":
    from .linter import Linter

    return Linter()


def check(text: str, *, mode: str = "reason", complaint: Optional[str] = None,
          channel: Optional[str] = None, platform: Optional[str] = None) -> "Result":
    """Lint one draft reason with the default configuration.

    ``platform`` names a built-in profile (``reasonlint profiles``): its length limits
    (RL105), the channel it implies, its code for the resolution (``Result.platform``)
    and a suggestion that fits.
    """
    return _default_linter().check(text, mode=mode, complaint=complaint, channel=channel, platform=platform)


def __getattr__(name: str) -> Any:
    # Lazy so that `import reasonlint` (and the CLI's start-up) stays cheap.
    if name == "Linter":
        from .linter import Linter
        return Linter
    if name == "Config":
        from .config import Config
        return Config
    if name in ("Result", "Entity", "Finding"):
        from . import model
        return getattr(model, name)
    raise AttributeError(f"module 'reasonlint' has no attribute {name!r}")
