"""Commands about trd itself: completion scripts, JSON Schemas, checking catalogue files."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated

import typer

from .complete import described, prefixed
from .options import Request, command
from .output import EXIT_DATA, EXIT_USAGE, emit, emit_text, fail
from .root import app

SHELLS = ("bash", "zsh", "fish")


@command(app, "completion", output=False)
def completion_cmd(
    req: Request,
    shell: Annotated[
        str,
        typer.Argument(
            help="bash, zsh or fish.",
            show_default=False,
            autocompletion=prefixed(lambda: SHELLS),
        ),
    ],
) -> None:
    """Print the shell code that completes trd's commands, options and therapy ids.

    Add it to your shell's start-up file, for example:
    bash: eval "$(trd completion bash)" in ~/.bashrc;
    zsh: eval "$(trd completion zsh)" in ~/.zshrc (after compinit);
    fish: trd completion fish > ~/.config/fish/completions/trd.fish
    """
    from ..catalogue.vocabulary import name_key
    from .completion import script

    name = name_key(shell)
    if name not in SHELLS:
        from ..catalogue.suggest import suggest

        fail(
            f"no completion for shell '{shell}'{suggest(name, SHELLS)}; choose one of: "
            + ", ".join(SHELLS),
            EXIT_USAGE,
        )
    text = script(name)
    emit(lambda: print(text))


def _schemas() -> dict[str, str]:
    from ..documents.schema import SCHEMAS

    return {n: d for n, (d, _) in SCHEMAS.items()}


@command(app, "schema", output=False)
def schema_cmd(
    req: Request,
    name: Annotated[
        str | None,
        typer.Argument(
            help="catalogue, or a command whose JSON output to describe (list, compare, ...).",
            show_default=False,
            autocompletion=described(_schemas),
        ),
    ] = None,
) -> None:
    """Print a JSON Schema: for a catalogue file, or for a command's --json output.

    Without a name, list the schemas there are. Save the catalogue schema to check a
    catalogue while you write it, e.g. 'trd schema catalogue > trd-catalogue.schema.json'.
    """
    from ..catalogue.vocabulary import name_key
    from ..documents.schema import SCHEMAS, schema_for
    from ..render import json

    if name is None:
        width = max(len(n) for n in SCHEMAS)
        emit_text("".join(f"{n.ljust(width)}  {d}\n" for n, (d, _) in SCHEMAS.items()))
        return
    key = name_key(name)
    key = "catalogue" if key == "catalog" else key
    if key not in SCHEMAS:
        from ..catalogue.suggest import suggest

        fail(
            f"no schema called '{name}'{suggest(key, SCHEMAS)}; choose one of: "
            + ", ".join(SCHEMAS),
            EXIT_USAGE,
        )
    emit(lambda: json.write(schema_for(key), sys.stdout))


@command(app, "validate", output=False)
def validate_cmd(
    req: Request,
    paths: Annotated[
        list[Path],
        # readable=False: whether a file can be read is the reader's to say (catalogue/files.py),
        # as for --catalog and TRD_CATALOG: one problem line, and the other files still checked
        typer.Argument(
            help="Catalogue or overlay files to check.", show_default=False, readable=False
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Write one JSON document to stdout instead of a table.")
    ] = False,
) -> None:
    """Check catalogue or overlay files: every problem with file, line and field.

    Problems go to stderr, one 'FILE:LINE: FIELD: message' line each; a valid file gets one
    'OK' line on stdout. A whole catalogue is checked on its own; an overlay is checked laid
    over the catalogue it would be used with (the built-in one, or --catalog / TRD_CATALOG).
    Exit 0 when every file is valid, 1 when not. Files are only read, never changed.
    """
    from ..catalogue.overlay import assemble, check_file, summary
    from ..catalogue.paths import builtin_catalogue_path
    from ..documents.records import file_report

    beneath = functools.cache(lambda: assemble(req.paths(), builtin_catalogue_path()))
    reports = [check_file(path, beneath) for path in paths]
    if as_json:
        from ..render import json

        emit(lambda: json.write([file_report(r) for r in reports], sys.stdout))
    else:
        from ..catalogue.textsafe import inert, shown_path  # names are shown to people

        for report in reports:
            sys.stderr.write("".join(f"{w}\n" for w in report.warnings))
            if report.valid:
                emit(functools.partial(print, inert(summary(report))))
                continue
            count = len(report.problems)
            sys.stderr.write("".join(f"{p}\n" for p in report.problems))
            problems = f"{count} problem{'s' * (count != 1)}"
            sys.stderr.write(inert(f"trd: {shown_path(report.path)} is invalid ({problems})\n"))
    if any(not r.valid for r in reports):
        raise typer.Exit(EXIT_DATA)
