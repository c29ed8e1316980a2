"""`trd chart`: bars comparing options; a document like any other, in every format."""

from __future__ import annotations

from typing import Annotated

import typer

from .complete import prefixed, therapy_argument
from .options import Request, command
from .output import EXIT_USAGE, fail
from .root import app


def _metrics() -> tuple[str, ...]:
    from ..documents.chart import METRICS

    return METRICS


@command(app, "chart")
def chart_cmd(
    req: Request,
    metric: Annotated[
        str,
        typer.Argument(
            help="onset, response or remission.",
            show_default=False,
            autocompletion=prefixed(_metrics),
        ),
    ],
    ids: Annotated[
        list[str] | None,
        therapy_argument(
            "Only these options (ids or aliases), in this order. Default: every option."
        ),
    ] = None,
) -> None:
    """Bars comparing options: how soon they may help, or response or remission in 100.

    onset: each option's range on a log time axis from 1 hour to 6 months. response and
    remission: one bar per study, people out of 100, with the comparison arm and the source.
    Options without a sourced figure are listed as not reviewed, never drawn as zero.
    """
    from ..documents import chart as charts

    try:
        which = charts.parse_metric(metric)
    except ValueError as err:
        fail(str(err), EXIT_USAGE)
    catalogue = req.load()
    entries = req.resolve(catalogue, ids) if ids else list(catalogue.therapies)
    req.show(charts.chart_view(catalogue, charts.build(entries, which)))
