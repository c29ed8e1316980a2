"""Rich tables for people. Every catalogue string goes in as ``Text``: data, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import views
from .model import Catalogue, Source, Therapy


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Let the caller decide: a reader that stops early is not an error for trd.
        raise BrokenPipeError


def make_console(file: TextIO, *, no_color: bool = False) -> Console:
    return _Console(
        file=file,
        highlight=False,
        markup=False,
        emoji=False,
        no_color=no_color or None,
        soft_wrap=False,
    )


def _footer(console: Console, catalogue: Catalogue) -> None:
    console.print()
    console.print(Text(catalogue.disclaimer, style="italic"))
    crisis = " · ".join(f"{c.region}: {c.contact}" for c in catalogue.crisis_contacts)
    console.print(Text("If you are in crisis: " + crisis, style="bold"))


def render_list(console: Console, catalogue: Catalogue, entries: Sequence[Therapy]) -> None:
    table = Table(
        title=Text(f"Treatment options for treatment-resistant depression ({len(entries)})"),
        caption=Text(
            f"Catalogue {catalogue.version} ({catalogue.date}). 'trd explain ID' for details."
        ),
        box=box.SIMPLE_HEAD,
        show_lines=False,
    )
    for col in views.list_columns():
        table.add_column(Text(col), overflow="fold")
    for entry in entries:
        table.add_row(*(Text(cell) for cell in views.list_row(entry)))
    console.print(table)
    _footer(console, catalogue)


def render_compare(console: Console, catalogue: Catalogue, entries: Sequence[Therapy]) -> None:
    table = Table(
        title=Text("Comparing " + " · ".join(e.name for e in entries)),
        caption=Text(
            "Rates are people out of 100 in each study; studies differ in who they enrolled "
            "and how they measured, so compare across columns with care."
        ),
        box=box.ROUNDED,
        show_lines=True,
    )
    table.add_column(Text("Question"), style="bold", overflow="fold", ratio=1)
    for e in entries:
        table.add_column(Text(f"{e.name} [{e.id}]"), overflow="fold", ratio=3)
    for question, cells in views.compare_rows(entries):
        table.add_row(Text(question), *(Text(c) for c in cells))
    console.print(table)
    console.print()
    console.print(Text("Sources", style="bold underline"))
    for line in views.sources_for(entries):
        console.print(Text(line))
    reviewed = "; ".join(f"{e.id} {e.last_reviewed}" for e in entries)
    console.print(
        Text(f"Last reviewed: {reviewed}. Catalogue {catalogue.version} ({catalogue.date}).")
    )
    _footer(console, catalogue)


def render_explain(console: Console, catalogue: Catalogue, entry: Therapy) -> None:
    console.print(Text(views.explain_title(entry), style="bold"))
    console.print(Text(views.reviewed_line(entry, catalogue), style="dim"))
    _sections(console, views.explain_sections(entry))
    _footer(console, catalogue)


def _sections(console: Console, sections: Sequence[views.Section]) -> None:
    for section in sections:
        console.print()
        console.print(Text(section.title, style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for line in section.lines:
            grid.add_row(Text("•"), Text(line))
        console.print(grid)


def render_about(console: Console, catalogue: Catalogue, counts: dict[str, int]) -> None:
    console.print(Text("trd — treatment options for treatment-resistant depression", style="bold"))
    _sections(console, views.about_sections(catalogue, counts))


def render_sources(
    console: Console, catalogue: Catalogue, cited: Sequence[tuple[Source, list[str]]]
) -> None:
    table = Table(
        title=Text(f"Sources ({len(cited)})"),
        box=box.SIMPLE_HEAD,
        caption=Text(f"Catalogue {catalogue.version} ({catalogue.date})."),
    )
    table.add_column(Text("citation"), overflow="fold", ratio=4)
    table.add_column(Text("cited by"), overflow="fold", ratio=1)
    for source, ids in cited:
        table.add_row(Text(views.source_line(source)), Text(", ".join(ids)))
    console.print(table)
