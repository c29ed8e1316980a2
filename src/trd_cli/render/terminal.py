"""What kind of place output goes to: a terminal or a pipe, colour or not, paged or not.

Decided once per command from the environment, so every renderer agrees.  Standard library
only; no terminal library is imported here.

Colour, first rule that applies wins:

1. ``--no-color``: off.
2. ``NO_COLOR`` set and not empty: off.
3. ``FORCE_COLOR`` set and not empty: on, even into a pipe.
4. ``TERM=dumb``: off.
5. Otherwise on exactly when standard output is a terminal.

Width: ``COLUMNS`` when it is a whole number above 0, else the width of whichever standard
stream is a terminal that reports one (a terminal may report 0 columns: unknown), else 80.
Never less than ``MIN_WIDTH`` (20): a narrower terminal wraps lines drawn 20 columns wide, so
every word, the disclaimer and the crisis contacts stay whole and in order, where drawing one
or two columns wide would cut them letter by letter (or, at 0, draw nothing at all).

Paging: only when standard input and output are both terminals, ``--no-pager`` is not given,
and the text is taller than the terminal.  The pager is ``TRD_PAGER``, else ``PAGER``, else
``less``; an empty value or ``cat`` means no pager.  ``less`` gets ``LESS=FRX`` unless
``LESS`` is already set (quit if one screen, keep colour, leave the text on screen), and
``LESSHISTFILE=-`` unless set, so that paging writes no history file into the user's home.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..documents.views import RenderOptions


def isatty(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (tests replace this to act as one)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def colour(
    stream: TextIO, no_color: bool = False, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether to write colour to ``stream`` (the rules are in this module's docstring)."""
    env = os.environ if environ is None else environ
    if no_color or env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", ""):
        return True
    if env.get("TERM", "") == "dumb":
        return False
    return isatty(stream)


def pager_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager to run as an argument list, or None for no pager."""
    env = os.environ if environ is None else environ
    for name in ("TRD_PAGER", "PAGER"):
        if name in env:
            value = env[name].strip()
            break
    else:
        value = "less"
    try:
        argv = shlex.split(value)
    except ValueError:
        return None
    if not argv or argv[0] == "cat":
        return None
    return argv


def should_page(text: str, no_pager: bool = False) -> bool:
    if no_pager or not (isatty(sys.stdin) and isatty(sys.stdout)):
        return False
    if os.environ.get("TERM", "") == "dumb":
        return False
    height = shutil.get_terminal_size().lines
    return text.count("\n") > height - 1


def page(text: str) -> bool:
    """Show ``text`` through the pager; False when no pager could be started."""
    argv = pager_command()
    if argv is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LESSHISTFILE", "-")  # less keeps no history file: trd creates no files
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert proc.stdin is not None
    try:
        errors = getattr(sys.stdout, "errors", None) or "strict"
        proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors=errors))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager early
    while True:
        try:
            proc.wait()
            break
        except KeyboardInterrupt:
            continue  # the pager handles Ctrl-C itself; wait for it to finish
    return True


MIN_WIDTH = 20
"""The narrowest width anything is drawn at (see this module's docstring)."""


def width(environ: Mapping[str, str] | None = None) -> int:
    """How many columns to draw in (the rule is in this module's docstring)."""
    return max(MIN_WIDTH, _columns(os.environ if environ is None else environ))


def _columns(env: Mapping[str, str]) -> int:
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in (0, 1, 2):
        try:
            found = os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
        if found > 0:
            return found
    return 80


def may_page(stream: TextIO, no_pager: bool) -> bool:
    """Whether output to ``stream`` may go through a pager at all."""
    return not no_pager and isatty(stream)


def render_options(stream: TextIO, *, no_color: bool, header: bool = False) -> RenderOptions:
    """Colour and width for drawing to ``stream``: decided here, for every renderer."""
    from ..documents.views import RenderOptions

    return RenderOptions(color=colour(stream, no_color), header=header, width=width())
