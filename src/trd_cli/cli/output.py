"""Writing to the user: one-line errors, a writer that survives `| head`, and showing a view.

`show` is the one place a command's document meets a format: it picks the default format for
where standard output goes, asks ``render.terminal`` about colour, width and pager, and hands
the view to that format's renderer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn, TextIO

import typer

if TYPE_CHECKING:
    from ..documents.views import Format, View

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


@dataclass(frozen=True, eq=False, repr=False)
class Output:
    """How a data command writes its view, checked before any work is done."""

    format: Format | None  # None: table on a terminal, else plain for lists
    fields: tuple[str, ...] = ()
    header: bool = False
    no_color: bool = False
    no_pager: bool = False


def fail(message: str, code: int) -> NoReturn:
    from ..catalogue.textsafe import inert  # messages echo ids and catalogue text: never act

    sys.stderr.write(f"trd: {inert(message)}\n")
    raise typer.Exit(code)


def emit(write: Callable[[], None]) -> None:
    """Run a writer to stdout; a reader that went away (`| head`) ends the program quietly."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:
        fail(f"cannot write output: {exc.strerror or exc}", EXIT_DATA)


def emit_text(text: str) -> None:
    emit(lambda: print(text, end=""))


def show(view: View, out: Output) -> None:
    """Render a view in the format asked for (or the default for where stdout goes)."""
    import importlib

    from ..documents.views import FIELD_FORMATS, with_fields
    from ..render import terminal

    fmt: Format = out.format or "table"
    if out.format is None and not terminal.isatty(sys.stdout):
        fmt = view.piped_format
    if out.fields:
        unknown = view.data.unknown(out.fields)
        if unknown:
            fail(
                f"unknown field{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))}; "
                f"available: {', '.join(view.data.fields)}",
                EXIT_USAGE,
            )
        view = with_fields(view, out.fields)
    if fmt not in FIELD_FORMATS:  # people read it: catalogue text is made inert (textsafe.py)
        from ..catalogue.textsafe import inert_all

        view = inert_all(view)
    renderer = importlib.import_module(f"trd_cli.render.{fmt}")
    page_it = fmt == "table" and terminal.may_page(sys.stdout, out.no_pager)
    options = terminal.render_options(sys.stdout, no_color=out.no_color, header=out.header)
    if fmt in ("csv", "html"):  # written whole, exactly, whatever the output's encoding
        import io

        buffer = io.StringIO()
        renderer.render(view, buffer, options)
        text = buffer.getvalue()
        if fmt == "csv":  # data without escapes of its own: exact, or not written at all
            exact(text, fmt)
        else:
            text = html_for_output(text)
        emit_text(text)
        return
    write_or_page(lambda stream: renderer.render(view, stream, options), page_it, out.no_pager)


def html_for_output(text: str) -> str:
    """An HTML page as standard output's encoding can carry it exactly: the page declares
    UTF-8, so in any other encoding every character beyond ASCII is written as a character
    reference (``&#xe9;``), which a browser reads back as the same character; the ``<U+XXXX>``
    escape used for people's text would start a tag in HTML, and a Latin-1 byte would be
    misread under the UTF-8 declaration."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        if codecs.lookup(encoding).name == "utf-8":
            return text
    except LookupError:
        pass
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def exact(text: str, fmt: str) -> None:
    """Fail (exit 1) when standard output's encoding cannot write ``text`` exactly."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        ch = exc.object[exc.start]
        line = text.count("\n", 0, exc.start) + 1
        fail(
            f"cannot write {fmt} output exactly in the encoding {encoding}: line {line} holds "
            f"U+{ord(ch):04X}; set PYTHONIOENCODING=utf-8 (or a UTF-8 locale), or use --json",
            EXIT_DATA,
        )


def write_or_page(draw: Callable[[TextIO], None], page_it: bool, no_pager: bool) -> None:
    """Draw to stdout, or through the pager when ``page_it`` and the text is taller than the
    screen."""
    from ..render import terminal

    if not page_it:
        emit(lambda: draw(sys.stdout))
        return
    import io

    buffer = io.StringIO()
    draw(buffer)
    text = buffer.getvalue()
    if terminal.should_page(text, no_pager) and terminal.page(text):
        return
    emit_text(text)
