"""The `trd` command line: the app with every command registered, and the entry point."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from . import browse, chart, stage, tools
from .output import EXIT_DATA, EXIT_OK
from .root import app

COMMAND_MODULES = (browse, chart, stage, tools)
"""Importing these registers their commands on ``app``."""

__all__ = ["app", "main"]


ESCAPE = "trd-escape"
"""The error handler of the standard streams: see ``textsafe.escape_unencodable``."""


def _safe_streams() -> None:
    """Standard streams that cannot fail by themselves: one closed at start (`trd >&-`) goes
    to /dev/null; a character the locale's encoding cannot write is shown as ``<U+XXXX>``
    (never '?'), whatever error handler PYTHONIOENCODING names.  Data formats that have no
    escapes of their own (CSV) are checked whole before they are written (``output.show``)."""
    import codecs
    import io

    from ..catalogue.textsafe import escape_unencodable

    codecs.register_error(ESCAPE, escape_unencodable)
    unusable = ""
    for name in ("stderr", "stdout"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115
        elif isinstance(stream, io.TextIOWrapper):
            if _writes_text(stream.encoding):
                stream.reconfigure(errors=ESCAPE)
            else:  # PYTHONIOENCODING=idna, punycode, undefined: messages in ASCII, data not at all
                unusable = unusable or stream.encoding
                stream.reconfigure(encoding="ascii", errors=ESCAPE)
    if unusable:
        sys.stderr.write(
            f"trd: cannot write output in the encoding {unusable}: it does not write text; "
            "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale)\n"
        )
        raise SystemExit(EXIT_DATA)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout = _Output(sys.stdout)


def _writes_text(encoding: str) -> bool:
    """Whether ``encoding`` writes text as a stream must: a line written in pieces, with the
    standard streams' error handler, reads back as the same line."""
    import codecs

    try:
        encoder = codecs.getincrementalencoder(encoding)(ESCAPE)
        data = encoder.encode("trd: ") + encoder.encode("x\n") + encoder.encode("", final=True)
        return bool(codecs.getincrementaldecoder(encoding)().decode(data, final=True) == "trd: x\n")
    except Exception:  # an encoding that refuses the handler, or cannot encode at all
        return False


class _Output:
    """Standard output for every writer (ours, Typer's help, Rich): a reader that went away
    (`trd --help | head -1`) ends the program quietly with exit 0; any other failure to
    write (`> /dev/full`) ends it with one line on stderr and exit 1.  The same rule as
    ``output.emit``, for writers that do not go through it."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as exc:
            _cannot_write(exc)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            _cannot_write(exc)


def _cannot_write(exc: OSError) -> NoReturn:
    try:  # nothing more reaches the broken or full output, not even Python's last flush
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except OSError:
        pass
    if isinstance(exc, BrokenPipeError):
        raise SystemExit(EXIT_OK)
    sys.stderr.write(f"trd: cannot write output: {exc.strerror or exc}\n")
    raise SystemExit(EXIT_DATA)


def main() -> None:
    """Console-script entry point."""
    _safe_streams()
    try:
        app(prog_name="trd")
    except KeyboardInterrupt:
        sys.stderr.write("trd: interrupted\n")
        sys.exit(130)
