"""Charts: what `trd chart` draws, and the data each draws (its
geometry in character cells is in ``scales.py``).

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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..catalogue import phrases
from ..catalogue.model import Catalogue, Efficacy, Source, Therapy
from ..catalogue.suggest import suggest
from ..catalogue.vocabulary import name_key
from . import types
from .records import record
from .scales import ONSET_TICKS
from .views import ChartView, Column, Data, Footer
from .words import per_100

Metric = Literal["onset", "response", "remission"]
METRICS: tuple[Metric, ...] = ("onset", "response", "remission")


def parse_metric(value: str) -> Metric:
    """A chart name, any case; raises ``ValueError`` naming the choices."""
    name = name_key(value)
    for metric in METRICS:
        if metric == name:
            return metric
    hint = suggest(name, METRICS)
    raise ValueError(f"no chart called '{value}'{hint}; choose one of: {', '.join(METRICS)}")


# --------------------------------------------------------------------------- what is drawn


@dataclass(frozen=True, eq=False, repr=False)
class NotDrawn:
    """An option with no sourced figure for this chart, and why."""

    id: str
    name: str
    reason: Literal["not-reviewed", "no-figure", "no-rate"]
    text: str


@dataclass(frozen=True, eq=False, repr=False)
class OnsetRow:
    """One option's onset range, in its own unit and in days."""

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


@dataclass(frozen=True, eq=False, repr=False)
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


@dataclass(frozen=True, eq=False, repr=False)
class OnsetChart:
    """How soon each option may help, and the options not drawn."""

    rows: tuple[OnsetRow, ...]
    not_drawn: tuple[NotDrawn, ...]
    metric: Literal["onset"] = "onset"


@dataclass(frozen=True, eq=False, repr=False)
class RateChart:
    """Response or remission: one row per study figure, and the options not drawn."""

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
