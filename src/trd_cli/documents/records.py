"""The records a script reads: each command's JSON document as plain values, built from the model.

JSON, YAML and CSV are written from these; never through a terminal library.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, cast

from ..catalogue.model import Catalogue, Source, Therapy


def plain(value: Any) -> Any:
    """Dataclasses, tuples and dicts as JSON-ready values (dates are already strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def catalogue_meta(catalogue: Catalogue) -> dict[str, str]:
    return {"version": catalogue.version, "date": catalogue.date}


def entry_doc(entry: Therapy) -> dict[str, Any]:
    return cast("dict[str, Any]", plain(entry))


def list_item(entry: Therapy) -> dict[str, Any]:
    d = entry.delivery
    onset = None
    if entry.onset is not None:
        onset = {
            "text": entry.onset.text,
            "min": entry.onset.min,
            "max": entry.onset.max,
            "unit": entry.onset.unit,
            "min_days": round(entry.onset.min_days, 3),
            "max_days": round(entry.onset.max_days, 3),
        }
    return {
        "id": entry.id,
        "name": entry.name,
        "category": entry.category,
        "aliases": list(entry.aliases),
        "investigational": entry.investigational,
        "route": d.route,
        "setting": list(d.setting),
        "anesthesia": d.anesthesia,
        "invasiveness": d.invasiveness,
        "visits_per_week": d.schedule.visits_per_week if d.schedule else None,
        "onset": onset,
        "fda": [
            {"status": r.status, "year": r.year, "indication": r.indication}
            for r in entry.regulatory_for("FDA")
        ],
        "last_reviewed": entry.last_reviewed,
        "origin": plain(entry.origin),
    }


LIST_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "aliases",
    "investigational",
    "route",
    "setting",
    "anesthesia",
    "invasiveness",
    "visits_per_week",
    "onset",
    "fda",
    "last_reviewed",
    "origin",
)
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
    return {
        "version": catalogue.version,
        "date": catalogue.date,
        "path": catalogue.path,
        "update_policy": catalogue.update_policy,
        "funding": catalogue.funding,
        "counts": counts,
        "catalogues": [plain(layer) for layer in catalogue.layers],
    }


def sources_doc(cited: Sequence[tuple[Source, list[str]]]) -> list[dict[str, Any]]:
    return [{**cast("dict[str, Any]", plain(src)), "cited_by": ids} for src, ids in cited]
