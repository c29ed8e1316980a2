"""The geometry of a chart drawn in character cells: scales (log for time, linear for people
out of 100), spans, ticks and their labels, bars.  Plain data and plain strings: glyphs are
parameters, so a renderer only chooses glyphs and styles."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..catalogue.vocabulary import UNIT_DAYS

HOUR = UNIT_DAYS["hours"]
MONTH = UNIT_DAYS["months"]
ONSET_TICKS: tuple[tuple[str, float], ...] = (
    ("1h", HOUR),
    ("1d", 1.0),
    ("1w", UNIT_DAYS["weeks"]),
    ("1mo", MONTH),
    ("6mo", 6 * MONTH),
)
"""Labelled ticks of the onset axis, in days; the first and last are its ends."""

RATE_TICKS: tuple[float, ...] = (0, 25, 50, 75, 100)
MAX_ONSET_CELLS = 60
MAX_RATE_CELLS = 50  # at full width one cell is 2 people in 100
MIN_CELLS = 10


def round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def cells_for(width: int, reserved: int, most: int) -> int:
    """Cells for a bar area: what is left of ``width`` after ``reserved``, kept readable."""
    return max(MIN_CELLS, min(most, width - reserved))


@dataclass(frozen=True, eq=False, repr=False)
class LogScale:
    """Values from ``low`` to ``high`` on ``cells`` character cells, logarithmically."""

    low: float
    high: float
    cells: int

    def fraction(self, value: float) -> float:
        """Where ``value`` sits from 0 (``low`` or less) to 1 (``high`` or more)."""
        if value <= self.low:
            return 0.0
        if value >= self.high:
            return 1.0
        return math.log(value / self.low) / math.log(self.high / self.low)

    def cell(self, value: float) -> int:
        return round_half_up(self.fraction(value) * (self.cells - 1))


@dataclass(frozen=True, eq=False, repr=False)
class LinearScale:
    """People out of ``high`` (100) on ``cells`` character cells."""

    cells: int
    high: float = 100.0

    def length(self, value: float) -> int:
        """Cells a bar of ``value`` fills; a value above zero always shows at least one."""
        if value <= 0:
            return 0
        return min(self.cells, max(1, round_half_up(value / self.high * self.cells)))

    def cell(self, value: float) -> int:
        """The cell where a bar of ``value`` ends (where its tick goes)."""
        return max(0, self.length(value) - 1)


@dataclass(frozen=True, eq=False, repr=False)
class Span:
    """Cells ``start`` to ``end`` (inclusive); open when the range runs past an end of the axis."""

    start: int
    end: int
    open_low: bool = False
    open_high: bool = False


def range_span(scale: LogScale, low: float, high: float) -> Span:
    start, end = scale.cell(low), scale.cell(high)
    return Span(min(start, end), max(start, end), low < scale.low, high > scale.high)


def tick_labels(ticks: Sequence[tuple[int, str]], cells: int) -> str:
    """A line of labels, each centred on its cell where it fits, kept inside the axis, and
    left out when it would touch the label before it."""
    line = [" "] * cells
    last_end = -2
    for pos, label in ticks:
        if len(label) > cells:
            continue
        start = min(max(0, pos - (len(label) - 1) // 2), cells - len(label))
        if start <= last_end + 1:
            continue
        line[start : start + len(label)] = list(label)
        last_end = start + len(label) - 1
    return "".join(line).rstrip()


def axis_line(positions: Sequence[int], cells: int, *, tick: str, rule: str) -> str:
    marks = set(positions)
    return "".join(tick if i in marks else rule for i in range(cells))


def bar_text(length: int, cells: int, fill: str) -> str:
    """A bar of ``length`` cells, padded with spaces to ``cells``."""
    return fill * length + " " * (cells - length)


def range_text(
    span: Span, cells: int, *, fill: str, guide: str, guides: Sequence[int], opens: tuple[str, str]
) -> str:
    """A range on an axis: ``fill`` over the span, ``guide`` at tick cells elsewhere, and the
    open ends marked with ``opens`` (low, high)."""
    marks = set(guides)
    out = [guide if i in marks else " " for i in range(cells)]
    for i in range(span.start, span.end + 1):
        out[i] = fill
    if span.open_low:
        out[0] = opens[0]
    if span.open_high:
        out[cells - 1] = opens[1]
    return "".join(out)


def onset_scale(cells: int) -> LogScale:
    return LogScale(ONSET_TICKS[0][1], ONSET_TICKS[-1][1], cells)


def onset_ticks(scale: LogScale) -> list[tuple[int, str]]:
    return [(scale.cell(days), label) for label, days in ONSET_TICKS]


def rate_ticks(scale: LinearScale) -> list[tuple[int, str]]:
    return [(scale.cell(v), f"{v:g}") for v in RATE_TICKS]
