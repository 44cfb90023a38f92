"""Options shared by the commands that check one text (explain, suggest)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import click

from ..batch import linter
from ..model import CHANNELS, MODES
from .app import Choice, text_argument
from .check import settings_for

if TYPE_CHECKING:
    from ..linter import Linter
    from ..model import Result


def context_options(f: Any) -> Any:
    f = click.option("--no-config", is_flag=True, help="不读取任何配置文件。")(f)
    f = click.option("--config", type=click.Path(dir_okay=False), help="使用这个配置文件。")(f)
    f = click.option("--channel", type=Choice(CHANNELS), help="投诉渠道（unknown 等于不指定）。")(f)
    f = click.option("--complaint", metavar="TEXT", help="原投诉事由。")(f)
    f = click.option("--mode", type=Choice(MODES), help="检查模式（默认取配置，否则 reason）。")(f)
    return f


class OneText:
    """The text (``-``: standard input), its context and the linter for it."""

    def __init__(self, text: str, mode: Optional[str], complaint: Optional[str], channel: Optional[str],
                 config: Optional[str], no_config: bool) -> None:
        settings = settings_for(config, no_config)
        self.text = text_argument(text)
        self.mode = mode or settings.mode or "reason"
        self.complaint = complaint
        self.channel = None if channel == "unknown" else channel
        self.linter: "Linter" = linter(settings.config)

    def check(self) -> "Result":
        return self.linter.check(self.text, mode=self.mode, complaint=self.complaint, channel=self.channel)
