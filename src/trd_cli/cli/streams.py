"""The standard streams, made safe once for every writer: the commands, Typer's help, Rich,
and the TAB-press answers written before the app is imported (``__main__``).

* A stream closed at start (`trd >&-`) goes to /dev/null.
* A character the stream's encoding cannot write is shown as ``<U+XXXX>`` (never '?'),
  whatever error handler PYTHONIOENCODING names (``textsafe.escape_unencodable``).  Formats
  where that escape would be wrong are written whole by ``output.show``: CSV, which has no
  escapes of its own, is checked first; HTML uses character references.
* An encoding that does not write text at all (``PYTHONIOENCODING=idna``) is one line on
  stderr and exit 1.
* A reader that went away (`trd --help | head -1`) ends the program quietly with exit 0; any
  other failure to write (`> /dev/full`) ends it with one line on stderr and exit 1.

Standard library only, imported without ``typing`` or ``pathlib``: a TAB press uses it too.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on a TAB press
if TYPE_CHECKING:
    from typing import Any, NoReturn

EXIT_OK = 0
EXIT_DATA = 1
ESCAPE = "trd-escape"
"""The error handler of the standard streams: see ``textsafe.escape_unencodable``."""


def safe_streams() -> None:
    """Set up ``sys.stdout`` and ``sys.stderr`` by the rules above; call once, first."""
    import codecs
    import io

    if isinstance(sys.stdout, _Output):  # already done
        return
    codecs.register_error(ESCAPE, _escape)
    unusable = ""
    for name in ("stderr", "stdout"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, os.fdopen(os.open(os.devnull, os.O_WRONLY), "w", encoding="utf-8"))
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


def _escape(exc: UnicodeError) -> tuple[str, int]:
    from ..catalogue.textsafe import escape_unencodable  # only once a character needs it

    return escape_unencodable(exc)


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
    """Standard output for every writer: see the module's rules."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as exc:
            cannot_write(exc)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            cannot_write(exc)


def cannot_write(exc: OSError) -> NoReturn:
    """End the program after output failed: quietly for a reader that went away."""
    try:  # nothing more reaches the broken or full output, not even Python's last flush
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except OSError:
        pass
    if isinstance(exc, BrokenPipeError):
        raise SystemExit(EXIT_OK)
    sys.stderr.write(f"trd: cannot write output: {exc.strerror or exc}\n")
    raise SystemExit(EXIT_DATA)
