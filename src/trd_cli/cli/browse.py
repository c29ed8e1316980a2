"""The commands that show the catalogue: list, compare, explain, search, screen, about,
sources. Each parses, asks ``explore``, builds a document and hands it to ``req.show``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from .complete import (
    complete_condition,
    described,
    prefixed,
    therapy_argument,
    vocabulary_option,
)
from .options import Request, command
from .output import EXIT_USAGE, fail
from .root import app


def _vocabulary(name: str) -> Callable[[], tuple[str, ...]]:
    """A closed vocabulary of ``explore.filters``, read when completing."""

    def values() -> tuple[str, ...]:
        from ..explore import filters

        found: tuple[str, ...] = getattr(filters, name)
        return found

    return values


def _preferences() -> dict[str, str]:
    from ..explore.screen import PREFERENCES

    return dict(PREFERENCES)


@command(app, "list")
def list_cmd(
    req: Request,
    category: Annotated[
        list[str] | None,
        vocabulary_option(
            "--category",
            "CATEGORY",
            "Only this category (repeat, or comma-separate, for either of several).",
            _vocabulary("CATEGORIES"),
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        vocabulary_option(
            "--status",
            "STATUS",
            "Only options with this regulatory status at --agency (e.g. approved).",
            _vocabulary("STATUSES"),
        ),
    ] = None,
    agency: Annotated[
        str,
        typer.Option(
            "--agency",
            metavar="AGENCY",
            help="The agency --status refers to: FDA, EMA, MHRA, NICE, ...",
            autocompletion=prefixed(_vocabulary("AGENCIES")),
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
        vocabulary_option(
            "--setting",
            "SETTING",
            "Only options available at home, outpatient or inpatient (repeatable).",
            _vocabulary("SETTINGS"),
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
        vocabulary_option(
            "--sort",
            "KEY",
            "Sort by name, onset or visits (default: catalogue order).",
            _vocabulary("SORT_KEYS"),
        ),
    ] = None,
) -> None:
    """List every option: id, name, category, how it is given, onset and US status.

    Filters narrow the list; different filters combine (all must hold), repeated values of
    one filter are alternatives. Options with no sourced onset or visit count are left out
    by the filters on them, and the table says which.
    """
    from ..documents.command_views import list_view
    from ..explore import filters

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
    catalogue = req.load()
    entries = list(catalogue.therapies)
    if chosen == filters.ListFilter() and sort_key is None:
        req.show(list_view(catalogue, entries))
        return
    from ..documents.explore import filtered_list_view

    shown = filters.apply(entries, chosen)
    if sort_key is not None:
        shown = filters.sort_entries(shown, sort_key)
    req.show(filtered_list_view(catalogue, shown, chosen, sort_key))


@command(app, "compare")
def compare_cmd(
    req: Request,
    ids: Annotated[
        list[str] | None,
        therapy_argument("Two or more therapy ids or aliases, any case, e.g. tms ect."),
    ] = None,
    detail: Annotated[
        bool,
        typer.Option("--detail", "-d", help="Every full answer, with its sources, per question."),
    ] = False,
    questions: Annotated[
        str | None,
        typer.Option(
            "--questions",
            "-q",
            metavar="KEY,KEY",
            help="Only these questions, in this order (see --list-questions).",
            show_default=False,
        ),
    ] = None,
    list_questions: Annotated[
        bool,
        typer.Option("--list-questions", help="List the questions, with their keys."),
    ] = False,
) -> None:
    """Compare options side by side: one short plain answer per question.

    Rows are the questions a patient asks; columns the options. Numbers in square brackets
    point to the sources listed under the grid. --detail shows the full answers instead.
    """
    from ..documents import glance
    from ..documents.command_views import compare_view, questions_view

    if list_questions:
        if ids or detail or questions:
            fail("--list-questions takes no ids, --detail or --questions", EXIT_USAGE)
        req.show(questions_view(req.load()))
        return
    if detail and questions:
        fail("--questions picks rows of the short answers; leave out --detail", EXIT_USAGE)
    keys = [k for k in (questions or "").split(",") if k.strip()] or None
    try:
        glance.questions(keys)
    except glance.UnknownQuestion as err:
        fail(str(err), EXIT_USAGE)
    catalogue = req.load()
    entries = req.resolve(catalogue, ids or [])
    if len(entries) < 2:
        fail(
            "compare needs two or more different therapies, e.g. 'trd compare tms ect'",
            EXIT_USAGE,
        )
    req.show(compare_view(catalogue, entries, detail=detail, questions=keys))


@command(app, "explain")
def explain_cmd(
    req: Request,
    therapy: Annotated[
        str,
        therapy_argument("A therapy id or alias, e.g. esketamine."),
    ],
) -> None:
    """Everything the catalogue holds on one option, with its sources."""
    from ..documents.command_views import explain_view

    catalogue = req.load()
    (entry,) = req.resolve(catalogue, [therapy])
    req.show(explain_view(catalogue, entry))


@command(app, "search")
def search_cmd(
    req: Request,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...",
            help="Words to find, any case, accents optional; the start of a word is enough.",
            show_default=False,
        ),
    ],
) -> None:
    """Find options whose text mentions every word: names, side effects, sources, all of it.

    Best matches first; each shows the field it matched in and the words around the match.
    """
    from ..documents.explore import search_view
    from ..explore.search import SearchError, search, terms

    query = " ".join(" ".join(words).split())
    try:
        terms(query)
    except SearchError as err:
        fail(str(err), EXIT_USAGE)
    catalogue = req.load()
    described_by = {c.id: c.description for c in catalogue.conditions}
    req.show(search_view(catalogue, query, search(catalogue.therapies, query, described_by)))


@command(app, "screen")
def screen_cmd(
    req: Request,
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
            autocompletion=described(_preferences),
            show_default=False,
        ),
    ] = None,
    list_conditions: Annotated[
        bool,
        typer.Option("--list-conditions", help="List the conditions, with what each means."),
    ] = False,
) -> None:
    """Every option with what the catalogue says about your conditions, and your preferences.

    Verdicts: contraindicated, caution, not-reviewed (no source was checked for that condition)
    or no-known-conflict, each with the catalogue's words and source. A conversation aid to take
    to a clinician, not a prescription.
    """
    from ..documents.explore import conditions_view, screen_view
    from ..explore import screen

    if list_conditions and (condition or prefer):
        fail("--list-conditions takes no --condition or --prefer", EXIT_USAGE)
    try:
        preferences = screen.resolve_preferences(prefer or [])
    except screen.ScreenError as err:
        fail(str(err), EXIT_USAGE)
    catalogue = req.load()
    if list_conditions:
        req.show(conditions_view(catalogue))
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
    req.show(screen_view(catalogue, conditions, preferences, results))


@command(app, "about")
def about_cmd(req: Request) -> None:
    """About the catalogue: version, date, update policy, funding, disclaimer, crisis lines."""
    from ..documents.command_views import about_view
    from ..explore.queries import catalogue_counts

    catalogue = req.load()
    req.show(about_view(catalogue, catalogue_counts(catalogue)))


@command(app, "sources")
def sources_cmd(
    req: Request,
    therapy: Annotated[
        str | None,
        therapy_argument("Only this therapy's sources (an id or alias)."),
    ] = None,
) -> None:
    """List the citations behind the catalogue, or behind one option."""
    from ..catalogue.citations import cited_sources
    from ..documents.command_views import sources_view

    catalogue = req.load()
    entries = req.resolve(catalogue, [therapy]) if therapy is not None else catalogue.therapies
    req.show(sources_view(catalogue, cited_sources(entries)))
