"""Run ``reasonlint.cli.main`` in-process with captured streams (for the CLI tests)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from click.testing import CliRunner

from reasonlint.cli import main

GOOD = "商家已于11月3日补发货，订单号20261103001，物流记录已附。"
TEMPLATE = "问题已解决，不想投诉了。"
NO_DATE = "商家已补发货，订单号20261103001，物流记录已附。"


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run(*args: str, input: Optional[Union[str, bytes]] = None, env: Optional[dict] = None) -> Ran:
    runner = CliRunner()
    with runner.isolation(input=input, env=env or {"NO_COLOR": "1"}) as (out, err, _):
        code = main(list(args))
    return Ran(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))
