"""The records a script reads: each command's JSON document as plain values, built from the model.

JSON, YAML and CSV are written from these; never through a terminal library.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from ..catalogue.model import Catalogue, Source, Therapy
from . import types

if TYPE_CHECKING:  # the reader and its checks are loaded only when a file is read
    from ..catalogue.overlay import Report
    from ..catalogue.problems import Problem


def plain(value: Any) -> Any:
    """Dataclasses, tuples and dicts as JSON-ready values (dates are already strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def record(document: types.Document) -> dict[str, Any]:
    """A typed document as the JSON object it is written as."""
    return cast("dict[str, Any]", plain(document))


def catalogue_meta(catalogue: Catalogue) -> dict[str, str]:
    return {"version": catalogue.version, "date": catalogue.date}


def entry_doc(entry: Therapy) -> dict[str, Any]:
    return cast("dict[str, Any]", plain(entry))


def list_item(entry: Therapy) -> dict[str, Any]:
    d = entry.delivery
    onset = None
    if entry.onset is not None:
        o = entry.onset
        onset = types.OnsetSummary(
            o.text, o.min, o.max, o.unit, round(o.min_days, 3), round(o.max_days, 3)
        )
    fda = [types.FdaStatus(r.status, r.year, r.indication) for r in entry.regulatory_for("FDA")]
    return record(
        types.ListItem(
            id=entry.id,
            name=entry.name,
            category=entry.category,
            aliases=list(entry.aliases),
            investigational=entry.investigational,
            route=d.route,
            setting=list(d.setting),
            anesthesia=d.anesthesia,
            invasiveness=d.invasiveness,
            visits_per_week=d.schedule.visits_per_week if d.schedule else None,
            onset=onset,
            fda=fda,
            last_reviewed=entry.last_reviewed,
            origin=entry.origin,
        )
    )


LIST_FIELDS: tuple[str, ...] = types.fields_of(types.ListItem)
"""The fields of each `trd list --json` item, in order."""

ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Therapy))
"""The fields of a full entry (`explain`, `compare`), in order."""


def list_doc(entries: Sequence[Therapy]) -> list[dict[str, Any]]:
    return [list_item(e) for e in entries]


def explain_doc(catalogue: Catalogue, entry: Therapy) -> dict[str, Any]:
    return {**entry_doc(entry), "catalogue": catalogue_meta(catalogue)}


def compare_doc(catalogue: Catalogue, entries: Sequence[Therapy]) -> dict[str, Any]:
    return {
        "catalogue": catalogue_meta(catalogue),
        "ids": [e.id for e in entries],
        "therapies": [entry_doc(e) for e in entries],
    }


def about_doc(catalogue: Catalogue, counts: dict[str, int]) -> dict[str, Any]:
    """Catalogue facts for scripts (the disclaimer and crisis lines are for people only)."""
    return record(
        types.About(
            version=catalogue.version,
            date=catalogue.date,
            path=catalogue.path,
            update_policy=catalogue.update_policy,
            funding=catalogue.funding,
            counts=types.Counts(**counts),
            catalogues=list(catalogue.layers),
        )
    )


def sources_doc(cited: Sequence[tuple[Source, list[str]]]) -> list[dict[str, Any]]:
    return [{**cast("dict[str, Any]", plain(src)), "cited_by": ids} for src, ids in cited]


def file_report(report: Report) -> dict[str, Any]:
    """One file's result for `trd validate --json`."""
    counts = None
    if report.valid:
        counts = types.FileCounts(report.entries, report.sources, report.not_reviewed)

    def found(problems: Sequence[Problem]) -> list[types.ProblemDoc]:
        return [types.ProblemDoc(p.file, p.line, p.field, p.message) for p in problems]

    return record(
        types.FileReport(
            path=report.path,
            valid=report.valid,
            kind=report.kind,
            name=report.name,
            version=report.version,
            date=report.date,
            counts=counts,
            added=list(report.added),
            replaced=list(report.replaced),
            problems=found(report.problems),
            warnings=found(report.warnings),
        )
    )
