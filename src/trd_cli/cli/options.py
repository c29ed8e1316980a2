"""Options every data command shares, declared once, and the request they make up.

A data command is written as ``def cmd(req: Request, <its own arguments>)`` and registered
with ``@data_command(app, "name")``: the six output options (``--format``, ``--json``,
``--fields``, ``--header``, ``--no-color``, ``--no-pager``) are added to its signature here,
checked before any work, and handed to it in ``req`` with the ``--catalog`` files of the run.
No module global holds request state: ``--catalog`` lives in the Click context's ``meta``
(shared by the root and every subcommand), and the request is built from the context.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .output import EXIT_DATA, EXIT_USAGE, Output, fail

if TYPE_CHECKING:
    from ..catalogue.model import Catalogue, Therapy
    from ..documents.views import Format

CATALOG_KEY = "trd.catalog"
"""Where the root callback keeps the --catalog files in ``ctx.meta``."""


def _complete_format(incomplete: str) -> list[str]:
    from ..documents.views import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete.lower())]


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help=(
            "table, plain, json, yaml, csv, markdown or html. Default: table on a terminal; "
            "plain for lists written to a pipe or file."
        ),
        autocompletion=_complete_format,
        show_default=False,
    ),
]
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Write one JSON document to stdout instead of a table.")
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,...",
        help="Only these fields, for json, yaml or csv (json when no format is given).",
        show_default=False,
    ),
]
HeaderOpt = Annotated[
    bool, typer.Option("--header", help="Start plain output with a line of column names.")
]
NoColor = Annotated[bool, typer.Option("--no-color", help="Never use colour (as NO_COLOR=1).")]
NoPager = Annotated[
    bool, typer.Option("--no-pager", help="Never page long output (PAGER, TRD_PAGER).")
]

SHARED: tuple[tuple[str, Any, Any], ...] = (
    ("fmt", FormatOpt, None),
    ("as_json", JsonFlag, False),
    ("fields", FieldsOpt, None),
    ("header", HeaderOpt, False),
    ("no_color", NoColor, False),
    ("no_pager", NoPager, False),
)
"""The output options of every data command: parameter name, annotated type, default."""


def output_options(
    fmt: str | None = None,
    as_json: bool = False,
    fields: str | None = None,
    header: bool = False,
    no_color: bool = False,
    no_pager: bool = False,
) -> Output:
    """The output flags of a data command, or a usage error naming what to change."""
    from ..documents.views import FIELD_FORMATS, HEADER_FORMATS, parse_fields, parse_format

    chosen: Format | None = None
    if fmt is not None:
        try:
            chosen = parse_format(fmt)
        except ValueError as err:
            fail(str(err), EXIT_USAGE)
    if as_json:
        if chosen not in (None, "json"):
            fail(f"--json and --format {chosen} ask for different formats; give one", EXIT_USAGE)
        chosen = "json"
    names: tuple[str, ...] = ()
    if fields is not None:
        names = parse_fields(fields)
        if not names:
            fail("--fields needs field names, e.g. --fields id,name", EXIT_USAGE)
        if chosen is None:
            chosen = "json"
        elif chosen not in FIELD_FORMATS:
            fail(
                f"--fields works with --format {', '.join(FIELD_FORMATS)}, not {chosen}",
                EXIT_USAGE,
            )
    if header and chosen not in (None, *HEADER_FORMATS):
        fail(
            f"--header works with --format {' or '.join(HEADER_FORMATS)} (csv always has "
            f"one), not {chosen}",
            EXIT_USAGE,
        )
    return Output(chosen, names, header, no_color, no_pager)


def catalog_files(ctx: typer.Context) -> tuple[Path, ...]:
    """The --catalog files of this run, as the root callback recorded them."""
    return tuple(ctx.meta.get(CATALOG_KEY, ()))


@dataclass(frozen=True, eq=False, repr=False)
class Request:
    """What one run asks of a command besides its own arguments: files and output."""

    catalogs: tuple[Path, ...] = ()
    output: Output = field(default_factory=lambda: Output(None))

    def paths(self) -> list[Path]:
        """The user's catalogue files, by the one rule (``catalogue.paths``)."""
        from ..catalogue.paths import chosen_paths

        return chosen_paths(self.catalogs)

    def load(self) -> Catalogue:
        """The catalogue, from the cache while every file is unchanged (see cache.py)."""
        from ..catalogue.cache import cached
        from ..catalogue.model import Catalogue
        from ..catalogue.paths import builtin_catalogue_path

        paths, builtin = self.paths(), builtin_catalogue_path()
        return cached([*paths, builtin], lambda: _assemble(paths, builtin), Catalogue)

    def resolve(self, catalogue: Catalogue, names: list[str]) -> list[Therapy]:
        from ..explore.queries import UnknownTherapy, resolve_many

        try:
            return resolve_many(catalogue, names)
        except UnknownTherapy as err:
            fail(err.message(), EXIT_USAGE)

    def show(self, view: Any) -> None:
        from .output import show

        show(view, self.output)


def _assemble(paths: list[Path], builtin: Path) -> Catalogue:
    from ..catalogue.overlay import assemble
    from ..catalogue.problems import CatalogueError

    try:
        return assemble(paths, builtin)
    except CatalogueError as err:
        count = len(err.problems)
        lines = "\n".join(f"  {p}" for p in err.problems)
        fail(f"the catalogue is invalid ({count} problem{'s' * (count != 1)}):\n{lines}", EXIT_DATA)


def command(
    group: typer.Typer, name: str, *, output: bool = True
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register ``fn(req: Request, ...)`` as command ``name`` of ``group``.

    The command line sees ``fn``'s own parameters followed by the shared output options (with
    ``output=False``, none: the command writes no view). Typer reads parameters from a
    function's signature, so the registered function carries the combined ``__signature__``.
    """

    def register(fn: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]
        shared = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
            for n, a, d in (SHARED if output else ())
        ]
        context = inspect.Parameter(
            "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
        )

        def run(ctx: typer.Context, **values: Any) -> None:
            out = output_options(*(values.pop(n) for n, _, _ in SHARED)) if output else Output(None)
            fn(Request(catalog_files(ctx), out), **values)

        params = [context, *own, *shared]
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        run.__name__, run.__doc__, run.__module__ = fn.__name__, fn.__doc__, fn.__module__
        group.command(name)(run)
        return fn

    return register
