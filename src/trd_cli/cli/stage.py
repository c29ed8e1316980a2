"""`trd stage`: place a treatment history on a published staging model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from .complete import prefixed
from .options import Request, command
from .output import EXIT_USAGE, fail
from .root import HELP_OPTIONS, app

stage_app = typer.Typer(
    name="stage",
    help=(
        "Place a treatment history on a published staging model of treatment-resistant "
        "depression: maudsley, thase-rush or mgh. Each shows its items, result, source and "
        "any assumption it makes."
    ),
    no_args_is_help=True,
    context_settings=HELP_OPTIONS,
)
app.add_typer(stage_app, name="stage")


def _show_stage(req: Request, compute: Callable[[], Any]) -> None:
    from ..documents.explore import stage_view
    from ..explore.staging import StagingError

    try:
        result = compute()
    except StagingError as err:
        fail(str(err), EXIT_USAGE)
    req.show(stage_view(req.load(), result))


def _severities() -> tuple[str, ...]:
    from ..explore.staging import SEVERITIES

    return tuple(SEVERITIES)


@command(stage_app, "maudsley")
def stage_maudsley_cmd(
    req: Request,
    duration_months: Annotated[
        int,
        typer.Option(
            "--duration-months",
            metavar="N",
            help="Length of the current episode in whole months (0 to 1200).",
            show_default=False,
        ),
    ],
    severity: Annotated[
        str,
        typer.Option(
            "--severity",
            metavar="LEVEL",
            help="Symptom severity: subsyndromal, mild, moderate, severe, severe-psychotic.",
            autocompletion=prefixed(_severities),
            show_default=False,
        ),
    ],
    failed_antidepressants: Annotated[
        int,
        typer.Option(
            "--failed-antidepressants",
            metavar="N",
            help="Antidepressants that failed in this episode (1 to 100).",
            show_default=False,
        ),
    ],
    augmentation: Annotated[
        bool, typer.Option("--augmentation", help="Augmentation was used (1 point in total).")
    ] = False,
    ect: Annotated[bool, typer.Option("--ect", help="ECT was used (1 point in total).")] = False,
) -> None:
    """Maudsley Staging Method: a score of 3-15, banded mild 3-6, moderate 7-10, severe 11-15."""
    from ..explore.staging import maudsley

    _show_stage(
        req,
        lambda: maudsley(
            duration_months=duration_months,
            severity=severity,
            failed_antidepressants=failed_antidepressants,
            augmentation=augmentation,
            ect=ect,
        ),
    )


@command(stage_app, "thase-rush")
def stage_thase_rush_cmd(
    req: Request,
    failed_classes: Annotated[
        int,
        typer.Option(
            "--failed-classes",
            metavar="N",
            help=(
                "Different antidepressant classes, other than TCAs and MAOIs, in which an "
                "adequate trial failed (0 to 100)."
            ),
            show_default=False,
        ),
    ],
    tca: Annotated[bool, typer.Option("--tca", help="An adequate TCA trial failed.")] = False,
    maoi: Annotated[bool, typer.Option("--maoi", help="An adequate MAOI trial failed.")] = False,
    bilateral_ect: Annotated[
        bool, typer.Option("--bilateral-ect", help="A course of bilateral ECT failed.")
    ] = False,
) -> None:
    """Thase-Rush staging model: stage 0 (not resistant) to V (after bilateral ECT)."""
    from ..explore.staging import thase_rush

    _show_stage(
        req,
        lambda: thase_rush(
            failed_classes=failed_classes, tca=tca, maoi=maoi, bilateral_ect=bilateral_ect
        ),
    )


@command(stage_app, "mgh")
def stage_mgh_cmd(
    req: Request,
    failed_trials: Annotated[
        int,
        typer.Option(
            "--failed-trials",
            metavar="N",
            help=(
                "Failed antidepressant trials, each at least 6 weeks at an adequate dose "
                "(1 to 100)."
            ),
            show_default=False,
        ),
    ],
    optimised: Annotated[
        int,
        typer.Option(
            "--optimised", metavar="N", help="How many of those trials had the dose raised."
        ),
    ] = 0,
    augmented: Annotated[
        int,
        typer.Option("--augmented", metavar="N", help="How many of those trials were augmented."),
    ] = 0,
    ect: Annotated[bool, typer.Option("--ect", help="ECT was given (3 points).")] = False,
) -> None:
    """Massachusetts General Hospital staging (MGH-S): a continuous score, no bands."""
    from ..explore.staging import mgh

    _show_stage(
        req,
        lambda: mgh(failed_trials=failed_trials, optimised=optimised, augmented=augmented, ect=ect),
    )
