"""Rich tables for people. Every catalogue string goes in as ``Text``: data, never markup.

Width follows the terminal (or ``COLUMNS``).  When a table would be too narrow to read, the
same content is stacked instead: one block per row (``list``) or per question (``compare``).
Colour is decided by the caller (``RenderOptions.color``); without it no escape codes at all
are written.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..catalogue import phrases
from ..documents import words as views
from ..documents.views import (
    ChartView,
    GridView,
    RecordsView,
    RenderOptions,
    SectionsView,
    View,
)
from .chart import draw_view
from .console import draw_footer, draw_header, make_console

HEADING = "bold cyan"
MARKED = {phrases.NOT_REVIEWED: "yellow", views.NONE_LISTED: "dim"}

# Below these widths a table is stacked instead (characters per column, roughly).
MIN_RECORD_COLUMN = 12
WIDE_RECORD_COLUMN = 22  # below this a row's cells would wrap to many lines: compact layout
COMPACT_RECORDS = 60  # from here down to the stacked layout, a row takes two or three lines
MIN_GRID_QUESTION = 18
MIN_GRID_OPTION = 26


def text(value: str, style: str = "") -> Text:
    """Catalogue text as ``Text``, with 'not reviewed' and 'none listed' picked out."""
    t = Text(value, style=style)
    for word, word_style in MARKED.items():
        t.highlight_words([word], style=word_style)
    return t


# --------------------------------------------------------------------------- any view


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    console = make_console(out, color=options.color, width=options.width)
    draw_header(console, view.footer)
    if isinstance(view, ChartView):  # a chart document: bars, not a table
        draw_view(console, view)
    elif isinstance(view, RecordsView):
        draw_records(console, view)
    elif isinstance(view, GridView):
        draw_grid(console, view)
    elif isinstance(view, SectionsView):
        draw_sections(console, view)
    else:  # pragma: no cover - every view kind is handled above
        raise TypeError(f"no table rendering for {type(view).__name__}")


def draw_records(console: Console, view: RecordsView) -> None:
    if not view.rows:
        console.print(Text(view.title, style=HEADING))
        console.print(Text(view.empty))
    elif console.width >= WIDE_RECORD_COLUMN * len(view.columns):
        table = Table(
            title=Text(view.title),
            caption=Text("\n".join(view.notes)) if view.notes else None,
            box=box.SIMPLE_HEAD,
            show_lines=False,
            header_style=HEADING,
        )
        for i, col in enumerate(view.columns):  # the first column names a row: never broken
            table.add_column(Text(col.label), overflow="fold", no_wrap=i == 0)
        for row in view.rows:
            table.add_row(*(text(cell) for cell in row))
        console.print(table)
    elif console.width >= COMPACT_RECORDS:
        draw_compact_records(console, view)
    else:
        console.print(Text(view.title, style=HEADING))
        for row in view.rows:
            console.print()
            console.print(text(row[0], style="bold"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="dim", overflow="fold")
            grid.add_column(overflow="fold")
            for col, cell in zip(view.columns[1:], row[1:], strict=True):
                grid.add_row(Text(col.label + ":"), text(cell))
            console.print(Padding(grid, (0, 0, 0, 2)))
        for note in view.notes:
            console.print()
            console.print(Text(note, style="dim"))
    draw_footer(console, view.footer)


def draw_compact_records(console: Console, view: RecordsView) -> None:
    """Too narrow for a table: one paragraph per row, its name (never broken) first in bold,
    the other cells after it joined by ' · ', continued lines indented."""
    console.print(Text(view.title, style=HEADING))
    console.print(Text(" · ".join(c.label for c in view.columns), style="dim"))
    for row in view.rows:
        rest = " · ".join(row[1:])
        lines = textwrap.wrap(
            f"{row[0]}  {rest}",
            width=console.width - 1,
            subsequent_indent="  ",
            break_on_hyphens=False,
            break_long_words=False,
        ) or [row[0]]
        first = text(lines[0][len(row[0]) :])
        console.print(Text(row[0], style="bold") + first)
        for line in lines[1:]:
            console.print(text(line))
    for note in view.notes:
        console.print()
        console.print(Text(note, style="dim"))


def draw_grid(console: Console, view: GridView) -> None:
    wide = console.width >= MIN_GRID_QUESTION + MIN_GRID_OPTION * len(view.options)
    if wide:
        table = Table(
            title=Text(view.title),
            caption=Text(view.caption) if view.caption else None,
            box=box.ROUNDED,
            show_lines=not view.numbered,
            header_style=HEADING,
            row_styles=("", "dim") if view.numbered else None,
        )
        if view.numbered:  # short answers: a narrow question column, the rest for answers
            table.add_column(Text("Question"), style="bold", overflow="fold", max_width=16)
        else:
            table.add_column(Text("Question"), style="bold", overflow="fold", ratio=1)
        for option in view.options:
            table.add_column(Text(option.heading), overflow="fold", ratio=3)
        for question, cells in view.rows:
            table.add_row(Text(question), *(text(c) for c in cells))
        console.print(table)
    else:
        console.print(Text(view.title, style=HEADING))
        for question, cells in view.rows:
            console.print()
            console.print(Text(question, style="bold underline"))
            for option, cell in zip(view.options, cells, strict=True):
                console.print(Padding(Text(option.heading, style="bold"), (0, 0, 0, 1)))
                console.print(Padding(text(cell), (0, 0, 0, 3)))
        if view.caption:
            console.print()
            console.print(Text(view.caption, style="dim"))
    if view.numbered:  # one paragraph: the numbers in the cells, with enough to find each
        console.print(Text("Sources: " + " · ".join(c.text for c in view.sources)))
        for note in view.notes:
            console.print(Text(note, style="dim"))
        draw_footer(console, view.footer)
        return
    console.print()
    console.print(Text("Sources", style="bold underline"))
    for citation in view.sources:
        line = citation.text
        if len(view.options) > 1:
            line += f" (for {' and '.join(citation.cited_by)})"
        console.print(Text(line))
    for note in view.notes:
        console.print(Text(note))
    draw_footer(console, view.footer)


def draw_sections(console: Console, view: SectionsView) -> None:
    console.print(Text(view.title, style="bold"))
    if view.subtitle:
        console.print(Text(view.subtitle, style="dim"))
    _sections(console, view.sections)
    draw_footer(console, view.footer)


def _sections(console: Console, sections: Sequence[views.Section]) -> None:
    for section in sections:
        console.print()
        console.print(Text(section.title, style="bold underline"))
        if section.preformatted:
            for line in section.lines:
                console.print(Text(line), overflow="fold")
            continue
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for line in section.lines:
            grid.add_row(Text("•"), text(line))
        console.print(grid)
