"""Views for the exploring commands: filtered `list`, `search`, `screen`, `stage`.

Each function turns a core result into one of the views in ``views.py`` (records a script reads
plus the words a person reads), so every output format renders it.  No Typer, no Rich.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ..catalogue.model import Catalogue, Therapy
from ..explore import filters, screen, search, staging
from . import command_views, records, types
from .views import Column, Data, Footer, RecordsView, SectionsView, touches_crisis
from .words import Section

MAX_HITS_SHOWN = 3

# --------------------------------------------------------------------------- list


def filtered_list_view(
    catalogue: Catalogue,
    shown: Sequence[Therapy],
    f: filters.ListFilter,
    sort_key: str | None,
) -> RecordsView:
    """`trd list` after filtering and sorting: the usual list, with notes saying how."""
    view = command_views.list_view(catalogue, shown)
    total = len(catalogue.therapies)
    words = filters.describe(f)
    notes: list[str] = []
    if words:
        notes.append(f"Showing {len(shown)} of {total} options: " + "; ".join(words) + ".")
    left_out = filters.unsourced(catalogue.therapies, f)
    if left_out["onset"]:
        notes.append(
            "Not shown because no time to onset is sourced: " + ", ".join(left_out["onset"]) + "."
        )
    if left_out["visits_per_week"]:
        notes.append(
            "Not shown because no number of visits a week is sourced: "
            + ", ".join(left_out["visits_per_week"])
            + "."
        )
    if sort_key:
        notes.append(SORT_WORDS[sort_key])
    title = view.title
    if words:
        title = f"Treatment options for treatment-resistant depression ({len(shown)} of {total})"
    return dataclasses.replace(
        view,
        title=title,
        notes=(*notes, *view.notes),
        empty="No options match: " + "; ".join(words) + "." if words else view.empty,
    )


SORT_WORDS = {
    "name": "Sorted by name.",
    "onset": "Sorted by time to onset (the later end of the typical range, then the earlier); "
    "options with no sourced onset last.",
    "visits": "Sorted by visits a week; options with no sourced number last.",
}

# --------------------------------------------------------------------------- search

SEARCH_FIELDS = types.fields_of(types.SearchItem)


def search_record(result: search.Result) -> dict[str, Any]:
    return records.record(
        types.SearchItem(
            id=result.id,
            name=result.name,
            score=round(result.score, 2),
            hits=[types.SearchHit(h.field, h.snippet, list(h.highlights)) for h in result.hits],
        )
    )


def search_view(catalogue: Catalogue, query: str, results: Sequence[search.Result]) -> RecordsView:
    rows = []
    for r in results:
        lines = [f"{h.field}: {h.snippet}" for h in r.hits[:MAX_HITS_SHOWN]]
        more = len(r.hits) - MAX_HITS_SHOWN
        if more > 0:
            lines.append(f"and {more} more field{'s' * (more != 1)}")
        rows.append((r.id, r.name, "\n".join(lines)))
    count = len(results)
    return RecordsView(
        title=f"Options mentioning '{query}' ({count})",
        columns=(Column("id", "id"), Column("name", "name"), Column("matches", "where it matched")),
        rows=tuple(rows),
        data=Data(tuple(search_record(r) for r in results), SEARCH_FIELDS),
        footer=Footer.of(catalogue, crisis_first=touches_crisis([query])),
        notes=(
            "Best matches first: a word in an option's name counts most, then its summary, "
            "then side effects and cautions, then other details, then its sources. "
            "'trd explain ID' for the whole entry.",
        ),
        empty=f"No option mentions '{query}'. Try fewer words or the start of a word.",
    )


# --------------------------------------------------------------------------- screen

SCREEN_FIELDS = types.fields_of(types.ScreenItem)
CONDITION_FIELDS = types.fields_of(types.ConditionItem)
MET_WORDS = {True: "fits", False: "does not fit", None: "unknown"}


def screen_record(item: screen.Screened) -> dict[str, Any]:
    reasons = [
        types.ScreenReason(r.condition, r.strength, r.text, r.source, list(r.source_ids))  # type: ignore[arg-type]
        for r in item.reasons
    ]
    fits = [types.PreferenceFit(p.preference, p.met, p.reason) for p in item.preferences]
    return records.record(types.ScreenItem(item.id, item.name, item.verdict, reasons, fits))


def reason_line(r: screen.Reason) -> str:
    cited = f" [{', '.join(r.source_ids)}]" if r.source_ids else ""
    return f"{r.condition} ({r.strength}): {r.text}{cited}"


def screen_view(
    catalogue: Catalogue,
    conditions: Sequence[str],
    preferences: Sequence[str],
    results: Sequence[screen.Screened],
) -> RecordsView:
    described = {c.id: c.description for c in catalogue.conditions}
    columns = [
        Column("id", "id"),
        Column("name", "option"),
        Column("verdict", "verdict"),
        Column("reasons", "what the catalogue says"),
    ]
    if preferences:
        columns.append(Column("preferences", "your preferences"))
    rows = []
    for item in results:
        why = "\n".join(reason_line(r) for r in item.reasons) or (
            "nothing listed for these conditions" if conditions else "no conditions given"
        )
        row = [item.id, item.name, item.verdict, why]
        if preferences:
            row.append(
                "\n".join(
                    f"{MET_WORDS[p.met]} {p.preference}: {p.reason}" for p in item.preferences
                )
            )
        rows.append(tuple(row))
    counts = {v: sum(1 for r in results if r.verdict == v) for v in screen.VERDICTS}
    chosen = [f"{c} ({described.get(c, '')})" for c in conditions]
    notes = [
        screen.PURPOSE,
        ("Conditions: " + "; ".join(chosen) + "." if chosen else "No conditions given."),
        (
            "Preferences: " + "; ".join(f"{p} ({screen.PREFERENCES[p]})" for p in preferences) + "."
            if preferences
            else ""
        ),
        *screen.assumptions(preferences),
        f"{counts['contraindicated']} contraindicated, {counts['caution']} caution, "
        f"{counts['no-known-conflict']} no known conflict. Every option is shown, in catalogue "
        "order; preferences mark options but never remove or reorder them.",
    ]
    return RecordsView(
        title=f"Screening {len(results)} options",
        columns=tuple(columns),
        rows=tuple(rows),
        data=Data(tuple(screen_record(r) for r in results), SCREEN_FIELDS),
        footer=Footer.of(catalogue, crisis_first=touches_crisis(conditions=conditions)),
        notes=tuple(n for n in notes if n),
        empty="The catalogue has no options.",
    )


def conditions_view(catalogue: Catalogue) -> RecordsView:
    return RecordsView(
        title=f"Conditions 'trd screen' knows ({len(catalogue.conditions)})",
        columns=(Column("id", "id"), Column("description", "description")),
        rows=tuple((c.id, c.description) for c in catalogue.conditions),
        data=Data(
            tuple(
                records.record(types.ConditionItem(c.id, c.description))
                for c in catalogue.conditions
            ),
            CONDITION_FIELDS,
        ),
        footer=Footer.of(catalogue),
        notes=("Use: trd screen --condition ID [--condition ID ...] [--prefer PREFERENCE ...]",),
        empty="The catalogue lists no conditions.",
    )


# --------------------------------------------------------------------------- stage

STAGE_FIELDS = types.fields_of(types.StageResult)


def stage_record(result: staging.StageResult) -> dict[str, Any]:
    entries = [
        types.StageEntry(i.name, i.label, i.value, i.points, i.category or None)
        for i in result.items
    ]
    criteria = [types.StageCriterion(c.stage, c.text, c.met) for c in result.criteria]
    return records.record(
        types.StageResult(
            model=result.model,  # type: ignore[arg-type]
            name=result.title,
            items=entries,
            score=result.score,
            range=result.score_range,
            band=result.band,
            stage=result.stage,
            criteria=criteria,
            assumptions=list(result.assumptions),
            notes=list(result.notes),
            source="; ".join(result.sources),
        )
    )


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _points(points: float) -> str:
    text = f"{points:g}"
    return f"{text} point{'s' * (text != '1')}"


def stage_summary(result: staging.StageResult) -> str:
    if result.stage is not None:
        return f"Stage {result.stage}"
    assert result.score is not None
    score = f"{result.score:g}"
    if result.score_range:
        low, high = (f"{x:g}" for x in result.score_range)
        score += f" (of {low}-{high})"
    return f"Score {score}" + (f": {result.band}" if result.band else "")


def stage_view(catalogue: Catalogue, result: staging.StageResult) -> SectionsView:
    item_lines = []
    for i in result.items:
        line = f"{i.label}: {_value(i.value)}"
        if i.points is not None:
            line += f" → {_points(i.points)}"
        if i.category and i.points is not None and i.category != _value(i.value):
            line += f", {i.category}"
        item_lines.append(line)
    sections = [Section("What was entered", tuple(item_lines))]
    if result.criteria:
        sections.append(
            Section(
                "Criteria",
                tuple(
                    f"Stage {c.stage} {'met' if c.met else 'not met'}: {c.text}"
                    for c in result.criteria
                ),
            )
        )
    sections.append(Section("Result", (stage_summary(result),)))
    sections.append(Section("Assumptions this calculator makes", result.assumptions))
    sections.append(Section("Notes", result.notes))
    sections.append(Section("Source", result.sources))
    return SectionsView(
        title=f"{result.title}: {stage_summary(result)}",
        subtitle=(
            "A staging score describes how resistant depression has been to treatment so far; "
            "it does not choose the next treatment."
        ),
        sections=tuple(sections),
        data=Data((stage_record(result),), STAGE_FIELDS, shape="single"),
        footer=Footer.of(catalogue),
    )
