"""The `trd` application: the Typer app, its root options, and errors in one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .. import __version__
from .options import CATALOG_KEY, Request, catalog_files
from .output import EXIT_OK, emit_text

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
EXIT_INTERRUPTED = 130


class TrdGroup(TyperGroup):
    """Errors in one line on stderr, and answers to the shell's TAB presses.

    ``main`` is Click's documented entry point (``standalone_mode``, ``complete_var``); see
    docs/decisions.md.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(TrdGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run()
        complete_var = complete_var or "_TRD_COMPLETE"
        if os.environ.get(complete_var):
            self.complete(prog_name or "trd")
        try:
            code = run()
        except typer.TyperException as exc:  # every Click usage error derives from it
            if type(exc).__name__ != "NoArgsIsHelpError":  # help is already on screen
                sys.stderr.write(f"trd: {usage_message(exc)}\n")
            sys.exit(exc.exit_code)
        except typer.Abort:
            code = EXIT_INTERRUPTED
        if code == EXIT_INTERRUPTED:  # Ctrl-C: Typer turns it into this exit code, silently
            sys.stderr.write("trd: interrupted\n")
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def complete(self, prog: str) -> NoReturn:
        """Answer the shell's TAB press (see ``shell.py``) and exit."""
        from .shell import respond

        found = respond(self, prog, os.environ)
        text, code = found if found is not None else ("", 1)
        if text:
            sys.stdout.write(text + "\n")
        sys.stdout.flush()
        sys.exit(code)


def usage_message(exc: Exception) -> str:
    """A usage error as one line: what is wrong, and where to look."""
    message = " ".join(str(getattr(exc, "format_message", lambda: exc)()).split())
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message = message.rstrip(".")
        message += (" " if message.endswith("?") else ". ") + f"See '{ctx.command_path} --help'."
    from ..catalogue.textsafe import inert

    return inert(message)


app = typer.Typer(
    cls=TrdGroup,
    name="trd",
    help=(
        "Explore treatment options for treatment-resistant depression: list them, compare "
        "them side by side, and read what each involves, with the source of every claim. "
        "Health information, not medical advice."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=HELP_OPTIONS,
)


def _print_version(ctx: typer.Context) -> NoReturn:
    from ..catalogue.textsafe import inert
    from ..documents.about import version_lines

    catalogue = Request(catalog_files(ctx)).load()
    lines = [f"trd {__version__}", *version_lines(catalogue)]
    emit_text(inert("".join(f"{line}\n" for line in lines)))
    raise typer.Exit(EXIT_OK)


def _version(ctx: typer.Context, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    if CATALOG_KEY not in ctx.meta:  # `--version --catalog X`: print once X is known
        ctx.meta["trd.version"] = True
        return
    _print_version(ctx)


def _catalog_files(ctx: typer.Context, value: list[Path] | None) -> list[Path] | None:
    ctx.meta[CATALOG_KEY] = tuple(Path(p).expanduser() for p in value or ())
    if ctx.meta.pop("trd.version", False):
        _print_version(ctx)
    return value


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the program's version, each catalogue file's version and date, its age.",
            callback=_version,
            is_eager=True,
        ),
    ] = False,
    catalog: Annotated[
        list[Path] | None,
        typer.Option(
            "--catalog",
            metavar="PATH",
            help=(
                "Use a catalogue file of your own: an overlay laid over the built-in "
                "catalogue, or (first only) a whole catalogue that replaces it. Repeat to "
                "lay several in order. Default: the TRD_CATALOG path list."
            ),
            callback=_catalog_files,
            is_eager=True,
            show_default=False,
            readable=False,  # the reader says (catalogue/files.py), as for TRD_CATALOG
        ),
    ] = None,
) -> None:
    """Explore treatment options for treatment-resistant depression."""
