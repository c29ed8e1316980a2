"""Charts: what `trd chart` draws, and the geometry of drawing it in character cells.

Two kinds of chart:

* ``onset``: how soon each option may help, as a range on a log time axis from one hour to six
  months (ticks 1h, 1d, 1w, 1mo, 6mo).  A range that starts before the axis or ends after it
  is drawn to the edge and marked open.
* ``response`` / ``remission``: one bar per efficacy figure of that outcome, as people out of
  100 in that study arm, with the comparator arm beneath it and the source named.

Options with no sourced figure are listed as not drawn, never drawn as zero.  Options stay in
the order given; a chart never sorts by effect.

Everything here is plain data and plain strings (glyphs are parameters), so a renderer only
chooses glyphs and styles.  No terminal library is imported.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..catalogue import phrases
from ..catalogue.model import Catalogue, Efficacy, Source, Therapy
from ..catalogue.suggest import suggest
from ..catalogue.vocabulary import UNIT_DAYS
from . import types
from .records import record
from .views import ChartView, Column, Data, Footer
from .words import per_100

Metric = Literal["onset", "response", "remission"]
METRICS: tuple[Metric, ...] = ("onset", "response", "remission")

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


def parse_metric(value: str) -> Metric:
    """A chart name, any case; raises ``ValueError`` naming the choices."""
    name = value.strip().lower()
    for metric in METRICS:
        if metric == name:
            return metric
    hint = suggest(name, METRICS)
    raise ValueError(f"no chart called '{value}'{hint}; choose one of: {', '.join(METRICS)}")


# --------------------------------------------------------------------------- geometry


def round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def cells_for(width: int, reserved: int, most: int) -> int:
    """Cells for a bar area: what is left of ``width`` after ``reserved``, kept readable."""
    return max(MIN_CELLS, min(most, width - reserved))


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


# --------------------------------------------------------------------------- what is drawn


@dataclass(frozen=True)
class NotDrawn:
    """An option with no sourced figure for this chart, and why."""

    id: str
    name: str
    reason: Literal["not-reviewed", "no-figure", "no-rate"]
    text: str


@dataclass(frozen=True)
class OnsetRow:
    id: str
    name: str
    text: str
    min: float
    max: float
    unit: str
    min_days: float
    max_days: float
    sources: tuple[str, ...]
    range_text: str  # the range in the unit a person would use: '2 hours to 2 weeks'


@dataclass(frozen=True)
class RateRow:
    """One efficacy figure: the treated arm, the comparator arm where there is one."""

    id: str
    name: str
    item: Efficacy
    source: Source | None

    @property
    def rate(self) -> float:
        assert self.item.rate is not None
        return self.item.rate


@dataclass(frozen=True)
class OnsetChart:
    rows: tuple[OnsetRow, ...]
    not_drawn: tuple[NotDrawn, ...]
    metric: Literal["onset"] = "onset"


@dataclass(frozen=True)
class RateChart:
    metric: Literal["response", "remission"]
    rows: tuple[RateRow, ...]
    not_drawn: tuple[NotDrawn, ...]


Chart = OnsetChart | RateChart


def build(entries: Sequence[Therapy], metric: Metric) -> Chart:
    """The chart of ``metric`` for ``entries``, in their order."""
    if metric == "onset":
        return onset_chart(entries)
    return rate_chart(entries, metric)


def onset_chart(entries: Sequence[Therapy]) -> OnsetChart:
    rows: list[OnsetRow] = []
    missing: list[NotDrawn] = []
    for e in entries:
        o = e.onset
        if o is None:
            missing.append(NotDrawn(e.id, e.name, "not-reviewed", phrases.not_reviewed(e, "onset")))
            continue
        rows.append(
            OnsetRow(
                e.id,
                e.name,
                o.text,
                o.min,
                o.max,
                o.unit,
                o.min_days,
                o.max_days,
                o.sources,
                phrases.onset_short(e),
            )
        )
    return OnsetChart(tuple(rows), tuple(missing))


def rate_chart(entries: Sequence[Therapy], metric: Literal["response", "remission"]) -> RateChart:
    rows: list[RateRow] = []
    missing: list[NotDrawn] = []
    for e in entries:
        if e.efficacy is None:
            reason = phrases.not_reviewed(e, "efficacy")
            missing.append(NotDrawn(e.id, e.name, "not-reviewed", reason))
            continue
        items = [i for i in e.efficacy if i.outcome == metric]
        if not items:
            others = sorted({i.outcome for i in e.efficacy})
            text = f"not reviewed: no sourced {metric} figure"
            if others:
                text += f" (the catalogue has: {', '.join(others)})"
            missing.append(NotDrawn(e.id, e.name, "no-figure", text))
            continue
        sources = {s.id: s for s in e.sources}
        for item in items:
            if item.rate is None:
                missing.append(
                    NotDrawn(
                        e.id,
                        e.name,
                        "no-rate",
                        f"[{item.source}] gives no absolute {metric} rate ({item.definition})",
                    )
                )
                continue
            rows.append(RateRow(e.id, e.name, item, sources.get(item.source)))
    return RateChart(metric, tuple(rows), tuple(missing))


def source_label(row: RateRow) -> str:
    """The study behind a bar, named: '[id] Authors (year)'."""
    src = row.source
    if src is None:
        return f"[{row.item.source}]"
    when = str(src.year) if src.year is not None else f"undated, read {src.accessed}"
    return f"[{src.id}] {short_authors(src.authors) if src.authors else src.title} ({when})"


def short_authors(authors: str) -> str:
    """'Doe J, Roe K, et al.' as 'Doe J, et al.'; a single author or body stays whole."""
    first, _, rest = authors.partition(",")
    return f"{first.strip()}, et al." if rest.strip() else authors.strip()


def evidence_label(item: Efficacy) -> str:
    return "RCT" if item.evidence == "rct" else item.evidence


# --------------------------------------------------------------------------- the data behind


def _source_doc(src: Source | None, sid: str) -> types.ChartSource | types.SourceRef:
    if src is None:
        return types.SourceRef(sid)
    return types.ChartSource(
        src.id, src.kind, src.authors, src.year, src.title, src.venue, src.doi, src.pmid, src.url
    )


def document(chart: Chart, catalogue: Catalogue) -> dict[str, Any]:
    """The data behind a chart, as JSON-ready values (`trd chart METRIC --json`)."""
    not_drawn = [types.NotDrawn(m.id, m.name, m.reason, m.text) for m in chart.not_drawn]
    meta = types.CatalogueMeta(catalogue.version, catalogue.date)
    if isinstance(chart, OnsetChart):
        axis = types.OnsetAxis(
            scale="log",
            unit="days",
            min_days=round(ONSET_TICKS[0][1], 4),
            max_days=round(ONSET_TICKS[-1][1], 4),
            ticks=[types.Tick(label, round(d, 4)) for label, d in ONSET_TICKS],
        )
        options = [
            types.OnsetBar(
                r.id,
                r.name,
                r.text,
                r.min,
                r.max,
                r.unit,  # type: ignore[arg-type]
                round(r.min_days, 4),
                round(r.max_days, 4),
                list(r.sources),
            )
            for r in chart.rows
        ]
        return record(types.OnsetChart("onset", meta, axis, options, not_drawn))
    bars = [
        types.RateBar(
            id=r.id,
            name=r.name,
            outcome=chart.metric,
            definition=r.item.definition,
            timeframe=r.item.timeframe,
            population=r.item.population,
            evidence=r.item.evidence,
            rate=r.rate,
            n=r.item.n,
            comparator=r.item.comparator,
            comparator_rate=r.item.comparator_rate,
            comparator_n=r.item.comparator_n,
            note=r.item.note,
            source=_source_doc(r.source, r.item.source),
        )
        for r in chart.rows
    ]
    rates = types.RateAxis(scale="linear", unit="people in 100", min=0, max=100)
    return record(types.RateChart(chart.metric, meta, rates, bars, not_drawn))


# --------------------------------------------------------------------------- the document


def chart_view(catalogue: Catalogue, chart: Chart) -> ChartView:
    """`trd chart`: the chart, its rows as text, and its JSON document."""
    doc = document(chart, catalogue)
    rows: list[tuple[str, str, str]] = []
    if isinstance(chart, OnsetChart):
        rows += [(f"{r.name} [{r.id}]", r.text, ", ".join(r.sources)) for r in chart.rows]
        title = "How soon each option may help"
    else:
        rows += [(f"{r.name} [{r.id}]", rate_text(r), source_label(r)) for r in chart.rows]
        title = f"{chart.metric.capitalize()}: people out of 100, per study"
    rows += [(f"{m.name} [{m.id}]", f"not drawn: {m.text}", "") for m in chart.not_drawn]
    return ChartView(
        title=title,
        columns=tuple(Column(k, k) for k in ("option", "figure", "source")),
        rows=tuple(rows),
        data=Data((doc,), tuple(doc), shape="single"),
        footer=Footer.of(catalogue),
        notes=(f"Catalogue {catalogue.version} ({catalogue.date}).",),
        empty="Nothing to draw.",
        chart=chart,
    )


def rate_text(row: RateRow) -> str:
    """'27 in 100 (vs 10 in 100 with sham), remission at 6 weeks' for one bar."""
    item = row.item
    text = per_100(row.rate)
    if item.comparator_rate is not None:
        text += f" (vs {per_100(item.comparator_rate)} with {item.comparator})"
    return f"{text}; {item.definition}, {item.timeframe}"
