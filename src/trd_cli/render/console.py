"""The Rich console every terminal renderer draws on, and the footer every page ends with."""

from __future__ import annotations

import os
import shutil
from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..documents.views import Footer


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Let the caller decide: a reader that stops early is not an error for trd.
        raise BrokenPipeError


def make_console(
    file: TextIO,
    *,
    no_color: bool = False,
    color: bool | None = None,
    width: int | None = None,
) -> Console:
    """A console for catalogue text: no markup, no emoji, no guessing at highlights.

    ``color=None`` leaves the choice to Rich (a terminal, ``NO_COLOR``, ``FORCE_COLOR``);
    ``True`` or ``False`` decides it, and ``False`` writes no escape codes at all.  A width
    given is kept with a height beside it: Rich keeps a width alone on every terminal but a
    dumb one (``TERM=dumb``), where it would draw 80 columns whatever was asked.
    """
    height = None if width is None else shutil.get_terminal_size().lines
    if color is None:
        return _Console(
            file=file,
            highlight=False,
            markup=False,
            emoji=False,
            no_color=no_color or None,
            soft_wrap=False,
            width=width,
            height=height,
        )
    return _Console(
        file=file,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        width=width,
        height=height,
        force_terminal=color,
        color_system=("standard" if _dumb() else "auto") if color else None,
        no_color=False,
    )


def _dumb() -> bool:
    return os.environ.get("TERM", "") in ("dumb", "unknown")


def crisis_line(footer: Footer) -> str:
    return "If you are in crisis: " + " · ".join(
        f"{c.region}: {c.contact}" for c in footer.crisis_contacts
    )


def draw_header(console: Console, footer: Footer) -> None:
    """Crisis contacts first, when the request touches suicide or self-harm."""
    if footer.crisis_first:
        draw_crisis(console, footer)
        console.print()


def draw_footer(console: Console, footer: Footer) -> None:
    """The disclaimer and the crisis contacts."""
    console.print()
    console.print(Text(footer.disclaimer, style="italic"))
    draw_crisis(console, footer)


def draw_crisis(console: Console, footer: Footer) -> None:
    """The crisis contacts, wrapped between contacts, never inside one where the width allows
    it: a number is never broken across lines."""
    from rich.cells import cell_len

    width = console.width
    lines: list[str] = []
    current = "If you are in crisis:"
    for i, c in enumerate(footer.crisis_contacts):
        whole = f"{c.region}: {c.contact}" + (" ·" if i + 1 < len(footer.crisis_contacts) else "")
        if cell_len(f"{current} {whole}") <= width:
            current = f"{current} {whole}"
            continue
        lines.append(current)
        if cell_len(whole) <= width:
            current = whole
        else:  # longer than the line: the contact on a line of its own, under its region
            lines.append(f"{c.region}:")
            current = whole.removeprefix(f"{c.region}: ")
    lines.append(current)
    for line in lines:
        console.print(Text(line, style="bold"))
