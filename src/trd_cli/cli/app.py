"""The `trd` command line: the app with every command registered, and the entry point."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import browse, chart, stage, tools
from .root import app

COMMAND_MODULES = (browse, chart, stage, tools)
"""Importing these registers their commands on ``app``."""

__all__ = ["app", "main"]


def _safe_streams() -> None:
    """Standard streams that cannot fail by themselves: one closed at start (`trd >&-`) goes
    to /dev/null; where the locale's encoding cannot show a character, '?' replaces it."""
    import io

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115
        elif isinstance(stream, io.TextIOWrapper) and not stream.encoding.lower().startswith("utf"):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point."""
    _safe_streams()
    try:
        app(prog_name="trd")
    except KeyboardInterrupt:
        sys.stderr.write("trd: interrupted\n")
        sys.exit(130)
