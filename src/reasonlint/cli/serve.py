"""``reasonlint serve``: defined in :mod:`reasonlint.server.command`, which imports
only click; the server stack is loaded when the command runs."""
from __future__ import annotations

from ..server.command import serve
from .app import cli

cli.add_command(serve)
