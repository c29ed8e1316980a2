"""The `trd` command line: the app with every command registered, and the entry point."""

from __future__ import annotations

import sys

from . import browse, chart, stage, tools
from .root import app
from .streams import safe_streams

COMMAND_MODULES = (browse, chart, stage, tools)
"""Importing these registers their commands on ``app``."""

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    safe_streams()
    try:
        app(prog_name="trd")
    except KeyboardInterrupt:
        sys.stderr.write("trd: interrupted\n")
        sys.exit(130)
