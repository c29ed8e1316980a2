"""Charts drawn for a terminal with Rich. Every catalogue string goes in as ``Text``: data,
never markup.  The geometry is in ``charts``; this module picks glyphs, styles and layout.

Layout, the same at every width: each option (or each figure) has a heading line that wraps
like any text, and its bar on a line of its own, indented two cells under an axis.  Bars get
what is left of the width, between 10 and 60 cells (onset) or 50 cells (rates), so they stay
readable at 40 columns and do not sprawl at 120.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from ..catalogue import phrases
from ..catalogue.model import Catalogue
from ..documents import chart as charts
from ..documents import scales
from ..documents import words as views
from ..documents.views import ChartView, Footer
from .console import draw_footer

INDENT = 2
VALUE_WIDTH = len("100 in 100")
OPTION_STYLE = "cyan"


@dataclass(frozen=True)
class Glyphs:
    """The characters a chart is drawn with (Unicode or ASCII)."""

    fill: str
    other: str
    guide: str
    tick: str
    rule: str
    opens: tuple[str, str]


UNICODE = Glyphs(fill="█", other="░", guide="·", tick="┬", rule="─", opens=("◀", "▶"))
ASCII = Glyphs(fill="#", other="=", guide=".", tick="+", rule="-", opens=("<", ">"))


def glyphs_for(console: Console) -> Glyphs:
    """Block characters where the output can carry them, ASCII otherwise."""
    return UNICODE if console.encoding.lower().replace("-", "").startswith("utf") else ASCII


def render(console: Console, catalogue: Catalogue, chart: charts.Chart) -> None:
    note = f"Catalogue {catalogue.version} ({catalogue.date})."
    draw(console, chart, (note,), Footer.of(catalogue))


def draw_view(console: Console, view: ChartView) -> None:
    """A chart document as bars (the table format)."""
    assert isinstance(view.chart, (charts.OnsetChart, charts.RateChart))
    draw(console, view.chart, view.notes, view.footer)


def draw(console: Console, chart: charts.Chart, notes: Sequence[str], footer: Footer) -> None:
    g = glyphs_for(console)
    if isinstance(chart, charts.OnsetChart):
        _onset(console, chart, g)
    else:
        _rates(console, chart, g)
    _not_drawn(console, chart)
    console.print()
    for note in notes:
        console.print(Text(note, style="dim"))
    draw_footer(console, footer)


def _line(console: Console, text: Text) -> None:
    """A line that must not wrap (a bar or an axis)."""
    console.print(Text(" " * INDENT) + text, no_wrap=True, overflow="crop")


def _axis(console: Console, ticks: Sequence[tuple[int, str]], cells: int, g: Glyphs) -> None:
    _line(console, Text(scales.tick_labels(ticks, cells), style="dim"))
    positions = [p for p, _ in ticks]
    _line(console, Text(scales.axis_line(positions, cells, tick=g.tick, rule=g.rule), style="dim"))


def _onset(console: Console, chart: charts.OnsetChart, g: Glyphs) -> None:
    cells = scales.cells_for(console.width, INDENT + 1, scales.MAX_ONSET_CELLS)
    scale = scales.onset_scale(cells)
    ticks = scales.onset_ticks(scale)
    _para(console, Text("How soon might it help? When benefit may first be noticed", style="bold"))
    _para(
        console,
        Text(
            f"Each bar spans the range a source gives, on a log time scale from 1 hour to "
            f"6 months; {g.opens[0]} or {g.opens[1]} means the range runs past that end. "
            "Not a ranking.",
            style="dim",
        ),
    )
    if not chart.rows:
        _para(console, Text("No option here has a sourced onset range."))
        return
    console.print()
    _axis(console, ticks, cells, g)
    guides = [p for p, _ in ticks]
    for row in chart.rows:
        heading = Text(f"{row.name} [{row.id}]", style="bold")
        heading.append(Text(f"  {row.range_text}{phrases.cite(row.sources)}"))
        _para(console, heading)
        span = scales.range_span(scale, row.min_days, row.max_days)
        bar = Text(
            scales.range_text(span, cells, fill=g.fill, guide=g.guide, guides=guides, opens=g.opens)
        )
        bar.stylize(OPTION_STYLE, span.start, span.end + 1)
        _line(console, bar)
    if len(chart.rows) > 6:
        _axis(console, ticks, cells, g)


def _rates(console: Console, chart: charts.RateChart, g: Glyphs) -> None:
    cells = scales.cells_for(console.width, INDENT + 1 + VALUE_WIDTH, scales.MAX_RATE_CELLS)
    scale = scales.LinearScale(cells)
    ticks = scales.rate_ticks(scale)
    word = chart.metric
    _para(console, Text(f"{word.capitalize()}: people out of 100 in each study arm", style="bold"))
    _para(
        console,
        Text(
            f"{g.fill} the option, {g.other} what it was compared with. Studies differ in who "
            f"they enrolled, how they defined {word} and when they measured it, so compare "
            "bars with care. Not a ranking.",
            style="dim",
        ),
    )
    if not chart.rows:
        _para(console, Text(f"No option here has a sourced {word} figure."))
        return
    console.print()
    _axis(console, ticks, cells, g)
    previous = ""
    for row in chart.rows:
        e = row.item
        console.print()
        if row.id != previous:
            _para(console, Text(f"{row.name} [{row.id}]", style="bold"))
            previous = row.id
        _indented(console, Text(f"{e.definition}; {e.timeframe}"))
        _indented(console, Text(f"{charts.evidence_label(e)}: {charts.source_label(row)}"))
        legend = Text()
        legend.append(g.fill, style=OPTION_STYLE)
        legend.append(f" {row.id}" + (f" (n={e.n})" if e.n else ""))
        if e.comparator is None:
            legend.append("; no comparison group")
        else:
            legend.append("  ")
            legend.append(g.other)
            legend.append(f" {e.comparator}")
            if e.comparator_rate is None:
                legend.append(": no rate given")
            elif e.comparator_n:
                legend.append(f" (n={e.comparator_n})")
        _indented(console, legend)
        _bar(console, scale, row.rate, g.fill, OPTION_STYLE)
        if e.comparator is not None and e.comparator_rate is not None:
            _bar(console, scale, e.comparator_rate, g.other, "")
        if e.note:
            _indented(console, Text("Note: " + e.note + phrases.cite(e.note_sources), style="dim"))
    if len(chart.rows) > 4:
        console.print()
        _axis(console, ticks, cells, g)


def _indented(console: Console, text: Text) -> None:
    """Text that wraps under its own first character, two cells in."""
    _para(console, text, INDENT)


def _para(console: Console, text: Text, indent: int = 0) -> None:
    """Text wrapped to the width, each line without trailing spaces."""
    for line in text.wrap(console, max(1, console.width - indent)):
        line.rstrip()
        console.print(Text(" " * indent) + line, no_wrap=True, overflow="crop")


def _bar(console: Console, scale: scales.LinearScale, rate: float, fill: str, style: str) -> None:
    text = Text(scales.bar_text(scale.length(rate), scale.cells, fill), style=style)
    text.append(" " + views.per_100(rate).rjust(VALUE_WIDTH))
    _line(console, text)


def _not_drawn(console: Console, chart: charts.Chart) -> None:
    if not chart.not_drawn:
        return
    console.print()
    figure = "onset" if chart.metric == "onset" else chart.metric
    _para(console, Text(f"Not drawn: no sourced {figure} figure", style="bold"))
    for m in chart.not_drawn:
        _indented(console, Text(f"{m.name} [{m.id}]: {m.text}"))
