"""Pictographs of 100 people: each option's headline figure beside its comparison.

A 10 x 10 grid of icons, filled for the people who had the outcome and outlined for those who
did not, so it reads without colour and in black-and-white print; the number is spelled out
beside it. The figure is the one the glance shows (``headline`` in the data). ASCII glyphs
stand in where the output cannot carry the round ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..catalogue.model import Catalogue, Therapy
from . import chart as charts
from .glance import headline, lower_first, short_name
from .views import Data, Footer, SectionsView
from .words import Section, per_100, whole_people

SIDE = 10
GLYPHS = {"unicode": ("●", "○"), "ascii": ("#", ".")}


@dataclass(frozen=True, eq=False, repr=False)
class Glyphs:
    """The two characters of a pictograph: a person with the outcome, and one without."""

    filled: str
    empty: str

    @classmethod
    def of(cls, ascii_only: bool) -> Glyphs:
        return cls(*GLYPHS["ascii" if ascii_only else "unicode"])


def icon_rows(count: int, glyphs: Glyphs) -> list[str]:
    """Ten rows of ten icons, the first ``count`` filled, reading left to right from the top."""
    count = max(0, min(SIDE * SIDE, count))
    icons = glyphs.filled * count + glyphs.empty * (SIDE * SIDE - count)
    return [" ".join(icons[i * SIDE : (i + 1) * SIDE]) for i in range(SIDE)]


def pictograph_lines(
    entry: Therapy, metric: Literal["response", "remission"], glyphs: Glyphs
) -> list[str] | None:
    figure = headline(entry, metric)
    if figure is None or figure.rate is None:
        return None
    name = short_name(entry)
    lines = [f"{per_100(figure.rate)} people had a {metric} with {name}."]
    grids = [(name, icon_rows(whole_people(figure.rate), glyphs))]
    if figure.comparator_rate is not None and figure.comparator:
        lines.append(f"{per_100(figure.comparator_rate)} with {lower_first(figure.comparator)}.")
        grids.append((figure.comparator, icon_rows(whole_people(figure.comparator_rate), glyphs)))
    width = SIDE * 2 - 1
    lines.append("   ".join(label[:width].ljust(width) for label, _ in grids).rstrip())
    for i in range(SIDE):
        lines.append("   ".join(rows[i] for _, rows in grids))
    lines.append(f"{figure.population}; {figure.definition}; {figure.timeframe}. [{figure.source}]")
    return lines


def pictograph_view(
    catalogue: Catalogue,
    entries: Sequence[Therapy],
    metric: Literal["response", "remission"],
    *,
    ascii_only: bool = False,
) -> SectionsView:
    glyphs = Glyphs.of(ascii_only)
    sections = []
    for entry in entries:
        lines = pictograph_lines(entry, metric, glyphs)
        if lines is None:
            lines = [f"Not drawn: no sourced {metric} figure with a rate is marked for the glance."]
        sections.append(Section(f"{entry.name} [{entry.id}]", tuple(lines), preformatted=True))
    shown = charts.RateChart(
        metric,
        tuple(
            charts.RateRow(e.id, e.name, f, next((s for s in e.sources if s.id == f.source), None))
            for e in entries
            if (f := headline(e, metric)) is not None
        ),
        tuple(
            charts.NotDrawn(e.id, e.name, "no-figure", f"no headline {metric} figure")
            for e in entries
            if headline(e, metric) is None
        ),
    )
    doc = charts.document(shown, catalogue)
    legend = (
        f"Each grid is 100 people: {glyphs.filled} had a {metric}, {glyphs.empty} did not. "
        "Response: symptoms fall by half or more. Remission: few or no symptoms left."
    )
    return SectionsView(
        title=f"{metric.capitalize()}: what 100 people looked like in the study",
        sections=(Section("How to read this", (legend,)), *sections),
        data=Data((doc,), tuple(doc), shape="single"),
        footer=Footer.of(catalogue),
    )
