"""The `trd` command line: parses arguments, calls the core, hands results to a renderer."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .. import __version__
from ..catalogue.model import Catalogue, Therapy

if TYPE_CHECKING:
    from ..documents.views import Format, View

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class TrdGroup(TyperGroup):
    """Errors in one line on stderr, and shell completion in Typer's own format."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort

        def run() -> Any:
            return super(TrdGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run()
        try:
            code = run()
        except ClickException as exc:
            if type(exc).__name__ != "NoArgsIsHelpError":  # help is already on screen
                sys.stderr.write(f"trd: {_usage_message(exc)}\n")
            sys.exit(exc.exit_code)
        except Abort:
            sys.stderr.write("trd: interrupted\n")
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        if os.environ.get(complete_var or "_TRD_COMPLETE"):
            from typer import _completion_classes

            _completion_classes.completion_init()
            # zsh and fish show help beside each candidate, here catalogue names: data, not
            # Rich markup; and Rich is not worth importing on every TAB press.
            _completion_classes._sanitize_help_text = _as_is
        super()._main_shell_completion(ctx_args, prog_name, complete_var)


def _as_is(text: str) -> str:
    return text


def _usage_message(exc: Exception) -> str:
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
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonFlag = Annotated[
    bool, typer.Option("--json", help="Write one JSON document to stdout instead of a table.")
]
NoColor = Annotated[bool, typer.Option("--no-color", help="Never use colour (as NO_COLOR=1).")]


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
NoPager = Annotated[
    bool, typer.Option("--no-pager", help="Never page long output (PAGER, TRD_PAGER).")
]


@dataclass(frozen=True)
class Output:
    """How a data command writes its view, checked before any work is done."""

    format: Format | None  # None: table on a terminal, else plain for lists
    fields: tuple[str, ...] = ()
    header: bool = False
    no_color: bool = False
    no_pager: bool = False


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


def show(view: View, out: Output) -> None:
    """Render a view in the format asked for (or the default for where stdout goes)."""
    import importlib

    from ..documents.views import (
        FIELD_FORMATS,
        RecordsView,
        RenderOptions,
        renderer_module,
        with_fields,
    )
    from ..render import terminal

    fmt: Format
    if out.format is not None:
        fmt = out.format
    elif isinstance(view, RecordsView) and not terminal.isatty(sys.stdout):
        fmt = "plain"
    else:
        fmt = "table"
    if out.fields:
        unknown = view.data.unknown(out.fields)
        if unknown:
            fail(
                f"unknown field{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))}; "
                f"available: {', '.join(view.data.fields)}",
                EXIT_USAGE,
            )
        view = with_fields(view, out.fields)
    if fmt not in FIELD_FORMATS:  # people read it: catalogue text is made inert (textsafe.py)
        from ..catalogue.textsafe import inert_all

        view = inert_all(view)
    options = RenderOptions(color=terminal.colour(sys.stdout, out.no_color), header=out.header)
    renderer = importlib.import_module(renderer_module(fmt))
    if fmt == "table" and not out.no_pager and terminal.isatty(sys.stdout):
        import io

        buffer = io.StringIO()
        renderer.render(view, buffer, options)
        text = buffer.getvalue()
        if terminal.should_page(text, out.no_pager) and terminal.page(text):
            return
        emit(lambda: print(text, end=""))
        return
    emit(lambda: renderer.render(view, sys.stdout, options))


def fail(message: str, code: int) -> NoReturn:
    from ..catalogue.textsafe import (
        inert,  # messages echo ids and catalogue text: never let them act
    )

    sys.stderr.write(f"trd: {inert(message)}\n")
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


_CATALOG_FILES: list[Path] = []
"""The --catalog files of this run (set by the option's callback on every run)."""


def catalogue_paths() -> list[Path]:
    """The catalogue files asked for: --catalog if given, else TRD_CATALOG (a path list)."""
    if _CATALOG_FILES:
        return list(_CATALOG_FILES)
    value = os.environ.get("TRD_CATALOG", "")
    return [Path(part.strip()).expanduser() for part in value.split(os.pathsep) if part.strip()]


def load() -> Catalogue:
    from ..catalogue.cache import cached
    from ..explore.queries import builtin_catalogue_path

    paths, builtin = catalogue_paths(), builtin_catalogue_path()
    # From the cache while every file is unchanged (no YAML is read then); see cache.py.
    return cached([*paths, builtin], lambda: _assemble(paths, builtin), Catalogue)


def _assemble(paths: list[Path], builtin: Path) -> Catalogue:
    from ..catalogue.loader import CatalogueError
    from ..catalogue.overlay import assemble

    try:
        return assemble(paths, builtin)
    except CatalogueError as err:
        count = len(err.problems)
        lines = "\n".join(f"  {p}" for p in err.problems)
        fail(f"the catalogue is invalid ({count} problem{'s' * (count != 1)}):\n{lines}", EXIT_DATA)


def resolve_all(catalogue: Catalogue, names: list[str]) -> list[Therapy]:
    from ..explore.queries import UnknownTherapy, resolve_many

    try:
        return resolve_many(catalogue, names)
    except UnknownTherapy as err:
        fail(err.message(), EXIT_USAGE)


def _print_version() -> NoReturn:
    from ..documents.words import version_lines

    catalogue = load()
    text = "".join(f"{line}\n" for line in [f"trd {__version__}", *version_lines(catalogue)])
    from ..catalogue.textsafe import inert

    text = inert(text)
    emit(lambda: print(text, end=""))
    raise typer.Exit(EXIT_OK)


def _version(ctx: typer.Context, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    if "trd.catalog" not in ctx.meta:  # `--version --catalog X`: print once X is known
        ctx.meta["trd.version"] = True
        return
    _print_version()


def _catalog_files(ctx: typer.Context, value: list[Path] | None) -> list[Path] | None:
    _CATALOG_FILES[:] = [Path(p).expanduser() for p in value or ()]
    ctx.meta["trd.catalog"] = True
    if ctx.meta.pop("trd.version", False):
        _print_version()
    return value


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the program's version and every catalogue file's version and date.",
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
        ),
    ] = None,
) -> None:
    """Explore treatment options for treatment-resistant depression."""


def _completion_texts(ctx: typer.Context | None) -> list[str]:
    """The text of every catalogue file a command would read, for completion (no parsing)."""
    from ..explore.queries import builtin_catalogue_path
    from .completion import read

    paths: list[Path] = []
    given = ctx.find_root().params.get("catalog") if ctx is not None else None
    if isinstance(given, (str, Path)):
        given = [given]
    if isinstance(given, (list, tuple)):
        paths.extend(Path(p).expanduser() for p in given if p)
    override = os.environ.get("TRD_CATALOG", "").strip()
    if override:  # a path list, as for loading
        paths.extend(Path(p.strip()).expanduser() for p in override.split(os.pathsep) if p.strip())
    if not paths or not override:
        paths.insert(0, builtin_catalogue_path())
    return [read(p) for p in paths]


def complete_therapy(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Therapy ids and one-word aliases, with the option's name; not those already given."""
    from .completion import given_ids, matching, therapy_names

    names = [n for text in _completion_texts(ctx) for n in therapy_names(text)]
    unique = list({n.value.casefold(): n for n in names}.values())
    given = [v for v in ctx.params.values() if isinstance(v, str)]
    given += [x for v in ctx.params.values() if isinstance(v, (list, tuple)) for x in v]
    skip = given_ids(unique, [g for g in given if isinstance(g, str)])
    return _shown_to_shell([(n.value, n.help) for n in matching(unique, incomplete, skip)])


def complete_condition(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Condition ids from the catalogue's vocabulary, with their descriptions."""
    from .completion import condition_names, matching

    names = [n for text in _completion_texts(ctx) for n in condition_names(text)]
    unique = list({n.value: n for n in names}.values())
    return _shown_to_shell([(n.value, n.help) for n in matching(unique, incomplete)])


def _shown_to_shell(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Completions the shell shows: help made inert, and no word with hidden characters."""
    from ..catalogue.textsafe import inert

    return [(value, inert(text)) for value, text in items if inert(value) == value]


def _choices(names: str) -> Callable[[str], list[str]]:
    """Completion for an option whose values are a closed vocabulary of ``filters``."""

    def complete(incomplete: str) -> list[str]:
        from ..explore import filters

        values: tuple[str, ...] = getattr(filters, names)
        return [v for v in values if v.casefold().startswith(incomplete.casefold())]

    return complete


@app.command("list")
def list_cmd(
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            metavar="CATEGORY",
            help="Only this category (repeat, or comma-separate, for either of several).",
            autocompletion=_choices("CATEGORIES"),
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only options with this regulatory status at --agency (e.g. approved).",
            autocompletion=_choices("STATUSES"),
            show_default=False,
        ),
    ] = None,
    agency: Annotated[
        str,
        typer.Option(
            "--agency",
            metavar="AGENCY",
            help="The agency --status refers to: FDA, EMA, MHRA, NICE, ...",
            autocompletion=_choices("AGENCIES"),
        ),
    ] = "FDA",
    no_anesthesia: Annotated[
        bool, typer.Option("--no-anesthesia", help="Only options given without anaesthesia.")
    ] = False,
    non_invasive: Annotated[
        bool, typer.Option("--non-invasive", help="Only non-invasive options.")
    ] = False,
    setting: Annotated[
        list[str] | None,
        typer.Option(
            "--setting",
            metavar="SETTING",
            help="Only options available at home, outpatient or inpatient (repeatable).",
            autocompletion=_choices("SETTINGS"),
            show_default=False,
        ),
    ] = None,
    max_onset_days: Annotated[
        float | None,
        typer.Option(
            "--max-onset-days",
            metavar="N",
            help="Only options whose typical onset range ends within N days.",
            show_default=False,
        ),
    ] = None,
    max_visits_per_week: Annotated[
        float | None,
        typer.Option(
            "--max-visits-per-week",
            metavar="N",
            help="Only options needing at most N visits a week during the course.",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="KEY",
            help="Sort by name, onset or visits (default: catalogue order).",
            autocompletion=_choices("SORT_KEYS"),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """List every option: id, name, category, how it is given, onset and US status.

    Filters narrow the list; different filters combine (all must hold), repeated values of
    one filter are alternatives. Options with no sourced onset or visit count are left out
    by the filters on them, and the table says which.
    """
    from ..documents.views import list_view
    from ..explore import filters

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    try:
        chosen = filters.build_filter(
            categories=category or (),
            statuses=status or (),
            agency=agency,
            no_anesthesia=no_anesthesia,
            non_invasive=non_invasive,
            settings=setting or (),
            max_onset_days=max_onset_days,
            max_visits_per_week=max_visits_per_week,
        )
        sort_key = filters.check_sort(sort) if sort is not None else None
    except filters.FilterError as err:
        fail(str(err), EXIT_USAGE)
    catalogue = load()
    entries = list(catalogue.therapies)
    if chosen == filters.ListFilter() and sort_key is None:
        show(list_view(catalogue, entries), out)
        return
    from ..documents.explore import filtered_list_view

    shown = filters.apply(entries, chosen)
    if sort_key is not None:
        shown = filters.sort_entries(shown, sort_key)
    show(filtered_list_view(catalogue, shown, chosen, sort_key), out)


@app.command("compare")
def compare_cmd(
    ids: Annotated[
        list[str],
        typer.Argument(
            help="Two or more therapy ids or aliases, any case, e.g. tms ect.",
            show_default=False,
            autocompletion=complete_therapy,
        ),
    ],
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """Compare options side by side: the questions a patient asks, one row each."""
    from ..documents.views import compare_view

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    catalogue = load()
    entries = resolve_all(catalogue, ids)
    if len(entries) < 2:
        fail(
            "compare needs two or more different therapies, e.g. 'trd compare tms ect'",
            EXIT_USAGE,
        )
    show(compare_view(catalogue, entries), out)


@app.command("explain")
def explain_cmd(
    therapy: Annotated[
        str,
        typer.Argument(
            help="A therapy id or alias, e.g. esketamine.",
            show_default=False,
            autocompletion=complete_therapy,
        ),
    ],
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """Everything the catalogue holds on one option, with its sources."""
    from ..documents.views import explain_view

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    catalogue = load()
    (entry,) = resolve_all(catalogue, [therapy])
    show(explain_view(catalogue, entry), out)


@app.command("search")
def search_cmd(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...",
            help="Words to find, any case, accents optional; the start of a word is enough.",
            show_default=False,
        ),
    ],
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """Find options whose text mentions every word: names, side effects, sources, all of it.

    Best matches first; each shows the field it matched in and the words around the match.
    """
    from ..documents.explore import search_view
    from ..explore.search import SearchError, search, terms

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    query = " ".join(" ".join(words).split())
    try:
        terms(query)
    except SearchError as err:
        fail(str(err), EXIT_USAGE)
    catalogue = load()
    described = {c.id: c.description for c in catalogue.conditions}
    show(search_view(catalogue, query, search(catalogue.therapies, query, described)), out)


def _complete_preference(incomplete: str) -> list[tuple[str, str]]:
    from ..explore.screen import PREFERENCES

    return [(k, v) for k, v in PREFERENCES.items() if k.startswith(incomplete.casefold())]


@app.command("screen")
def screen_cmd(
    condition: Annotated[
        list[str] | None,
        typer.Option(
            "--condition",
            "-c",
            metavar="NAME",
            help="A condition you have (repeatable); see --list-conditions.",
            autocompletion=complete_condition,
            show_default=False,
        ),
    ] = None,
    prefer: Annotated[
        list[str] | None,
        typer.Option(
            "--prefer",
            "-p",
            metavar="PREFERENCE",
            help=(
                "Mark options that fit (repeatable): no-anesthesia, non-invasive, fast-onset, "
                "few-visits, at-home. Never removes or reorders an option."
            ),
            autocompletion=_complete_preference,
            show_default=False,
        ),
    ] = None,
    list_conditions: Annotated[
        bool,
        typer.Option("--list-conditions", help="List the conditions, with what each means."),
    ] = False,
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """Every option with what the catalogue says about your conditions, and your preferences.

    Verdicts: contraindicated, caution or no-known-conflict, each with the catalogue's words
    and source. A conversation aid to take to a clinician, not a prescription.
    """
    from ..documents.explore import conditions_view, screen_view
    from ..explore import screen

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    if list_conditions and (condition or prefer):
        fail("--list-conditions takes no --condition or --prefer", EXIT_USAGE)
    try:
        preferences = screen.resolve_preferences(prefer or [])
    except screen.ScreenError as err:
        fail(str(err), EXIT_USAGE)
    catalogue = load()
    if list_conditions:
        show(conditions_view(catalogue), out)
        return
    try:
        conditions = screen.resolve_conditions(catalogue, condition or [])
    except screen.ScreenError as err:
        fail(str(err), EXIT_USAGE)
    if not conditions and not preferences:
        fail(
            "give at least one --condition or --prefer, e.g. 'trd screen --condition "
            "pregnancy'; 'trd screen --list-conditions' lists the conditions",
            EXIT_USAGE,
        )
    results = screen.screen(catalogue, conditions, preferences)
    show(screen_view(catalogue, conditions, preferences, results), out)


stage_app = typer.Typer(
    name="stage",
    help=(
        "Place a treatment history on a published staging model of treatment-resistant "
        "depression: maudsley, thase-rush or mgh. Each shows its items, result, source and "
        "any assumption it makes."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(stage_app, name="stage")


def _show_stage(out: Output, compute: Callable[[], Any]) -> None:
    from ..documents.explore import stage_view
    from ..explore.staging import StagingError

    try:
        result = compute()
    except StagingError as err:
        fail(str(err), EXIT_USAGE)
    show(stage_view(load(), result), out)


def _complete_severity(incomplete: str) -> list[str]:
    from ..explore.staging import SEVERITIES

    return [s for s in SEVERITIES if s.startswith(incomplete.casefold())]


@stage_app.command("maudsley")
def stage_maudsley_cmd(
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
            autocompletion=_complete_severity,
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
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """Maudsley Staging Method: a score of 3-15, banded mild 3-6, moderate 7-10, severe 11-15."""
    from ..explore.staging import maudsley

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    _show_stage(
        out,
        lambda: maudsley(
            duration_months=duration_months,
            severity=severity,
            failed_antidepressants=failed_antidepressants,
            augmentation=augmentation,
            ect=ect,
        ),
    )


@stage_app.command("thase-rush")
def stage_thase_rush_cmd(
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
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """Thase-Rush staging model: stage 0 (not resistant) to V (after bilateral ECT)."""
    from ..explore.staging import thase_rush

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    _show_stage(
        out,
        lambda: thase_rush(
            failed_classes=failed_classes, tca=tca, maoi=maoi, bilateral_ect=bilateral_ect
        ),
    )


@stage_app.command("mgh")
def stage_mgh_cmd(
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
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """Massachusetts General Hospital staging (MGH-S): a continuous score, no bands."""
    from ..explore.staging import mgh

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    _show_stage(
        out,
        lambda: mgh(failed_trials=failed_trials, optimised=optimised, augmented=augmented, ect=ect),
    )


@app.command("about")
def about_cmd(
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """About the catalogue: version, date, update policy, funding, disclaimer, crisis lines."""
    from ..documents.views import about_view
    from ..explore.queries import catalogue_counts

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    catalogue = load()
    show(about_view(catalogue, catalogue_counts(catalogue)), out)


@app.command("sources")
def sources_cmd(
    therapy: Annotated[
        str | None,
        typer.Argument(
            help="Only this therapy's sources (an id or alias).",
            show_default=False,
            autocompletion=complete_therapy,
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    no_color: NoColor = False,
    no_pager: NoPager = False,
) -> None:
    """List the citations behind the catalogue, or behind one option."""
    from ..catalogue.citations import cited_sources
    from ..documents.views import sources_view

    out = output_options(fmt, as_json, fields, header, no_color, no_pager)
    catalogue = load()
    entries = resolve_all(catalogue, [therapy]) if therapy is not None else catalogue.therapies
    show(sources_view(catalogue, cited_sources(entries)), out)


SHELLS = ("bash", "zsh", "fish")


def _complete_shell(incomplete: str) -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete)]


@app.command("completion")
def completion_cmd(
    shell: Annotated[
        str,
        typer.Argument(
            help="bash, zsh or fish.", show_default=False, autocompletion=_complete_shell
        ),
    ],
) -> None:
    """Print the shell code that completes trd's commands, options and therapy ids.

    Add it to your shell's start-up file, for example:
    bash: eval "$(trd completion bash)" in ~/.bashrc;
    zsh: eval "$(trd completion zsh)" in ~/.zshrc (after compinit);
    fish: trd completion fish > ~/.config/fish/completions/trd.fish
    """
    from typer._completion_shared import get_completion_script

    name = shell.strip().lower()
    if name not in SHELLS:
        from ..catalogue.suggest import suggest

        fail(
            f"no completion for shell '{shell}'{suggest(name, SHELLS)}; choose one of: "
            + ", ".join(SHELLS),
            EXIT_USAGE,
        )
    script = get_completion_script(prog_name="trd", complete_var="_TRD_COMPLETE", shell=name)
    emit(lambda: print(script))


def _complete_schema(incomplete: str) -> list[tuple[str, str]]:
    from ..documents.schema import SCHEMAS

    return [(n, d) for n, (d, _) in SCHEMAS.items() if n.startswith(incomplete)]


@app.command("schema")
def schema_cmd(
    name: Annotated[
        str | None,
        typer.Argument(
            help="catalogue, or a command whose JSON output to describe (list, compare, ...).",
            show_default=False,
            autocompletion=_complete_schema,
        ),
    ] = None,
) -> None:
    """Print a JSON Schema: for a catalogue file, or for a command's --json output.

    Without a name, list the schemas there are. Save the catalogue schema to check a
    catalogue while you write it, e.g. 'trd schema catalogue > trd-catalogue.schema.json'.
    """
    from ..documents.schema import SCHEMAS, schema_for
    from ..render import json as render_json

    if name is None:
        width = max(len(n) for n in SCHEMAS)
        lines = "".join(f"{n.ljust(width)}  {d}\n" for n, (d, _) in SCHEMAS.items())
        emit(lambda: print(lines, end=""))
        return
    key = name.strip().lower()
    key = "catalogue" if key == "catalog" else key
    if key not in SCHEMAS:
        from ..catalogue.suggest import suggest

        fail(
            f"no schema called '{name}'{suggest(key, SCHEMAS)}; choose one of: "
            + ", ".join(SCHEMAS),
            EXIT_USAGE,
        )
    emit(lambda: render_json.write(schema_for(key), sys.stdout))


@app.command("validate")
def validate_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Catalogue or overlay files to check.", show_default=False),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Check catalogue or overlay files: every problem with file, line and field.

    Problems go to stderr, one 'FILE:LINE: FIELD: message' line each; a valid file gets one
    'OK' line on stdout. A whole catalogue is checked on its own; an overlay is checked laid
    over the catalogue it would be used with (the built-in one, or --catalog / TRD_CATALOG).
    Exit 0 when every file is valid, 1 when not. Files are only read, never changed.
    """
    import functools

    from ..catalogue.overlay import assemble, check_file, report_document, summary
    from ..explore.queries import builtin_catalogue_path

    beneath = functools.cache(lambda: assemble(catalogue_paths(), builtin_catalogue_path()))
    reports = [check_file(path, beneath) for path in paths]
    if as_json:
        from ..render import json as render_json

        emit(lambda: render_json.write([report_document(r) for r in reports], sys.stdout))
    else:
        from ..catalogue.textsafe import (
            inert,  # a file's name and an overlay's name are shown to people
        )

        for report in reports:
            if report.valid:
                emit(functools.partial(print, inert(summary(report))))
                continue
            count = len(report.problems)
            sys.stderr.write("".join(f"{p}\n" for p in report.problems))
            sys.stderr.write(
                inert(f"trd: {report.path} is invalid ({count} problem{'s' * (count != 1)})\n")
            )
    if any(not r.valid for r in reports):
        raise typer.Exit(EXIT_DATA)


def _complete_metric(incomplete: str) -> list[str]:
    from ..documents.chart import METRICS

    return [m for m in METRICS if m.startswith(incomplete.strip().lower())]


@app.command("chart")
def chart_cmd(
    metric: Annotated[
        str,
        typer.Argument(
            help="onset, response or remission.",
            show_default=False,
            autocompletion=_complete_metric,
        ),
    ],
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="Only these options (ids or aliases), in this order. Default: every option.",
            show_default=False,
            autocompletion=complete_therapy,
        ),
    ] = None,
    as_json: JsonFlag = False,
    no_color: NoColor = False,
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
    catalogue = load()
    entries = resolve_all(catalogue, ids) if ids else list(catalogue.therapies)
    chart = charts.build(entries, which)
    if as_json:
        from ..render import json as render_json

        emit(lambda: render_json.write(charts.document(chart, catalogue), sys.stdout))
        return
    from ..render import terminal
    from ..render.chart import render
    from ..render.table import make_console

    console = make_console(sys.stdout, color=terminal.colour(sys.stdout, no_color))
    from ..catalogue.textsafe import inert_all

    emit(lambda: render(console, inert_all(catalogue), inert_all(chart)))


def _safe_streams() -> None:
    """Standard streams that cannot fail by themselves: one closed at start (`trd >&-`) goes
    to /dev/null; where the locale's encoding cannot show a character, '?' replaces it."""
    import io

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115
        elif isinstance(stream, io.TextIOWrapper) and not stream.encoding.lower().startswith("utf"):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point."""
    _safe_streams()
    try:
        app(prog_name="trd")
    except KeyboardInterrupt:
        sys.stderr.write("trd: interrupted\n")
        sys.exit(130)
