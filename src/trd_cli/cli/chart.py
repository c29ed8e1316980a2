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
    pictograph: Annotated[
        bool,
        typer.Option(
            "--pictograph",
            help="For response or remission: 100-person icon arrays, option beside comparison.",
        ),
    ] = False,
    ascii_only: Annotated[
        bool,
        typer.Option(
            "--ascii",
            help="Draw pictographs with # and . (chosen by itself when the "
            "output cannot carry round icons).",
        ),
    ] = False,
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
    if pictograph:
        if which == "onset":
            fail("--pictograph draws response or remission, not onset", EXIT_USAGE)
        from ..documents.pictograph import pictograph_view

        plain_out = ascii_only or not _can_encode("●○")
        req.show(pictograph_view(catalogue, entries, which, ascii_only=plain_out))
        return
    req.show(charts.chart_view(catalogue, charts.build(entries, which)))


def _can_encode(glyphs: str) -> bool:
    import sys

    try:
        glyphs.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
