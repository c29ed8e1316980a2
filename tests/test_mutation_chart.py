"""Charts as a person sees them on a terminal, whole, in colour, in block and ASCII glyphs.

Written for mutants of render/chart.py that the rest of the suite let live (docs/mutation.md).
Each case draws one chart document through the table format with colour on and compares every
character, escape codes included, with ``tests/fixtures/chart/CASE.txt``: headings, the axis
above the bars (and again below a long chart), each bar's span and colour, the legend of a
study with or without a comparison group and its counts, notes, what is not drawn and why.
A changed fixture is a changed screen: read the difference (``cat -v``) before accepting it.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Therapy
from trd_cli.documents import chart as charts
from trd_cli.documents.views import RenderOptions
from trd_cli.render import table

from .conftest import MINI

FIXTURES = Path(__file__).parent / "fixtures" / "chart"
CAT = load_catalogue(MINI)
ALPHA, BETA = CAT.therapies


def study(new_id: str, **changes: object) -> Therapy:
    """Alpha under another id, its one study changed."""
    assert ALPHA.efficacy is not None
    item = dataclasses.replace(ALPHA.efficacy[0], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(ALPHA, id=new_id, aliases=(), efficacy=(item,))


def onset(new_id: str, low: float, high: float) -> Therapy:
    assert ALPHA.onset is not None
    days = dataclasses.replace(
        ALPHA.onset, min=low, max=high, unit="days", text=f"{low}-{high} days"
    )
    return dataclasses.replace(ALPHA, id=new_id, aliases=(), onset=days)


TWO = ALPHA.efficacy or ()
RATES = [
    study("no-group", comparator=None, comparator_rate=None, comparator_n=None, n=None),
    study("no-rate", comparator_rate=None, note="Rates differ between sources."),
    study("no-count", rate=50.0, comparator_n=None, comparator_rate=0.0),
    study("full", rate=100.0),
    dataclasses.replace(ALPHA, id="two", aliases=(), efficacy=(*TWO, *TWO)),
    BETA,
]
ONSETS = [
    onset(f"o{i}", low, high)
    for i, (low, high) in enumerate(
        [(0.01, 0.5), (1, 2), (3, 10), (14, 28), (30, 90), (60, 400), (7, 7)]
    )
]

CASES: dict[str, tuple[list[Therapy], str, int, str]] = {
    "onset-utf8": ([ALPHA, BETA], "onset", 70, "utf-8"),
    "onset-long-ascii": (ONSETS, "onset", 50, "ascii"),
    "onset-none": ([BETA], "onset", 60, "utf-8"),
    "remission-utf8": ([ALPHA, BETA], "remission", 70, "utf-8"),
    "remission-varied": (RATES, "remission", 60, "utf-8"),
    "remission-varied-ascii": (RATES, "remission", 40, "ascii"),
    "response-none": ([BETA], "response", 60, "utf-8"),
}


def drawn(entries: list[Therapy], metric: str, width: int, encoding: str) -> str:
    chart = charts.build(entries, charts.parse_metric(metric))
    view = charts.chart_view(CAT, chart)
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding=encoding, errors="replace", newline="")
    table.render(view, out, RenderOptions(color=True, width=width))
    out.flush()
    return buffer.getvalue().decode(encoding)  # what a terminal that takes ASCII only shows


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_chart_is_drawn_as_expected(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")  # the 8 standard colours, whatever the terminal
    monkeypatch.delenv("COLORTERM", raising=False)
    expected = (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")
    assert drawn(*CASES[case]) == expected
