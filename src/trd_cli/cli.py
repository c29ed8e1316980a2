"""The `trd` command line: parses arguments, calls the core, hands results to a renderer."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .model import Catalogue, Therapy

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="trd",
    help=(
        "Explore treatment options for treatment-resistant depression: list them, compare "
        "them side by side, and read what each involves, with the source of every claim. "
        "Health information, not medical advice."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonFlag = Annotated[
    bool, typer.Option("--json", help="Write one JSON document to stdout instead of a table.")
]
NoColor = Annotated[bool, typer.Option("--no-color", help="Never use colour (as NO_COLOR=1).")]


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"trd: {message}\n")
    raise typer.Exit(code)


def emit(write: Callable[[], None]) -> None:
    """Run a writer to stdout; a reader that went away (`| head`) ends the program quietly."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:
        fail(f"cannot write output: {exc.strerror or exc}", EXIT_DATA)


def load() -> Catalogue:
    from .catalog import CatalogueError, load_catalogue
    from .queries import builtin_catalogue_path

    override = os.environ.get("TRD_CATALOG", "").strip()
    path = Path(override).expanduser() if override else builtin_catalogue_path()
    try:
        return load_catalogue(path)
    except CatalogueError as err:
        count = len(err.problems)
        lines = "\n".join(f"  {p}" for p in err.problems)
        fail(f"the catalogue is invalid ({count} problem{'s' * (count != 1)}):\n{lines}", EXIT_DATA)


def resolve_all(catalogue: Catalogue, names: list[str]) -> list[Therapy]:
    from .queries import UnknownTherapy, resolve_many

    try:
        return resolve_many(catalogue, names)
    except UnknownTherapy as err:
        fail(err.message(), EXIT_USAGE)


def human_console(no_color: bool) -> Console:
    from .render_table import make_console

    return make_console(sys.stdout, no_color=no_color)


def _version(value: bool) -> None:
    if not value:
        return
    catalogue = load()
    text = f"trd {__version__}\ncatalogue {catalogue.version} ({catalogue.date})\n"
    emit(lambda: print(text, end=""))
    raise typer.Exit(EXIT_OK)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the program's and the catalogue's version and date, then exit.",
            callback=_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Explore treatment options for treatment-resistant depression."""


@app.command("list")
def list_cmd(as_json: JsonFlag = False, no_color: NoColor = False) -> None:
    """List every option: id, name, category, how it is given, onset and US status."""
    catalogue = load()
    entries = list(catalogue.therapies)
    if as_json:
        from . import render_json

        emit(lambda: render_json.write(render_json.list_doc(entries), sys.stdout))
        return
    from .render_table import render_list

    emit(lambda: render_list(human_console(no_color), catalogue, entries))


@app.command("compare")
def compare_cmd(
    ids: Annotated[
        list[str],
        typer.Argument(
            help="Two or more therapy ids or aliases, any case, e.g. tms ect.", show_default=False
        ),
    ],
    as_json: JsonFlag = False,
    no_color: NoColor = False,
) -> None:
    """Compare options side by side: the questions a patient asks, one row each."""
    catalogue = load()
    entries = resolve_all(catalogue, ids)
    if len(entries) < 2:
        fail(
            "compare needs two or more different therapies, e.g. 'trd compare tms ect'",
            EXIT_USAGE,
        )
    if as_json:
        from . import render_json

        emit(lambda: render_json.write(render_json.compare_doc(catalogue, entries), sys.stdout))
        return
    from .render_table import render_compare

    emit(lambda: render_compare(human_console(no_color), catalogue, entries))


@app.command("explain")
def explain_cmd(
    therapy: Annotated[
        str, typer.Argument(help="A therapy id or alias, e.g. esketamine.", show_default=False)
    ],
    as_json: JsonFlag = False,
    no_color: NoColor = False,
) -> None:
    """Everything the catalogue holds on one option, with its sources."""
    catalogue = load()
    (entry,) = resolve_all(catalogue, [therapy])
    if as_json:
        from . import render_json

        emit(lambda: render_json.write(render_json.explain_doc(catalogue, entry), sys.stdout))
        return
    from .render_table import render_explain

    emit(lambda: render_explain(human_console(no_color), catalogue, entry))


@app.command("about")
def about_cmd(as_json: JsonFlag = False, no_color: NoColor = False) -> None:
    """About the catalogue: version, date, update policy, funding, disclaimer, crisis lines."""
    from .queries import catalogue_counts

    catalogue = load()
    counts = catalogue_counts(catalogue)
    if as_json:
        from . import render_json

        emit(lambda: render_json.write(render_json.about_doc(catalogue, counts), sys.stdout))
        return
    from .render_table import render_about

    emit(lambda: render_about(human_console(no_color), catalogue, counts))


@app.command("sources")
def sources_cmd(
    therapy: Annotated[
        str | None,
        typer.Argument(help="Only this therapy's sources (an id or alias).", show_default=False),
    ] = None,
    as_json: JsonFlag = False,
    no_color: NoColor = False,
) -> None:
    """List the citations behind the catalogue, or behind one option."""
    from .queries import cited_sources

    catalogue = load()
    entries = resolve_all(catalogue, [therapy]) if therapy is not None else catalogue.therapies
    cited = cited_sources(entries)
    if as_json:
        from . import render_json

        emit(lambda: render_json.write(render_json.sources_doc(cited), sys.stdout))
        return
    from .render_table import render_sources

    emit(lambda: render_sources(human_console(no_color), catalogue, cited))


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="trd")
    except KeyboardInterrupt:
        sys.stderr.write("trd: interrupted\n")
        sys.exit(130)
