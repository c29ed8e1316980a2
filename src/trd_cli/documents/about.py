"""What `trd about` and `trd --version` say: the catalogue's version and age, every file
loaded and what it contributed, its policies and crisis lines.  Plain strings, as in
``words.py``."""

from __future__ import annotations

import datetime

from ..catalogue.model import Catalogue, Layer
from ..catalogue.phrases import origin_text
from ..catalogue.textsafe import shown_path
from .words import Section


def layer_line(layer: Layer) -> str:
    """One loaded catalogue file and what it contributed (`trd about`)."""
    o = layer.origin
    if o.overlay is None:
        count = len(layer.added)
        return f"{origin_text(o)}: {count} option{'s' * (count != 1)}."
    parts = []
    if layer.replaced:
        parts.append("replaces " + ", ".join(layer.replaced))
    if layer.added:
        parts.append("adds " + ", ".join(layer.added))
    if layer.conditions:
        parts.append("adds conditions " + ", ".join(layer.conditions))
    line = f"{origin_text(o)}: " + ("; ".join(parts) or "no entries") + "."
    if layer.update_policy:
        line += f" Update policy: {layer.update_policy}"
    if layer.funding:
        line += f" Funding: {layer.funding}"
    return line


def days_since(day: str, today: datetime.date | None = None) -> int | None:
    try:
        then = datetime.date.fromisoformat(day)
    except ValueError:
        return None
    return ((today or datetime.date.today()) - then).days


def age_line(catalogue: Catalogue, today: datetime.date | None = None) -> str:
    """'age: 12 days since 2026-12-01; oldest entry review 2026-11-21 (22 days)'."""

    def age(day: str) -> str:
        days = days_since(day, today)
        if days is None:
            return day
        return f"{days} day{'s' * (days != 1)}" if days >= 0 else f"dated {-days} days ahead"

    line = f"age: {age(catalogue.date)} since {catalogue.date}"
    reviews = sorted(t.last_reviewed for t in catalogue.therapies)
    if reviews:
        line += f"; oldest entry review {reviews[0]} ({age(reviews[0])} ago)"
    return line


def version_lines(catalogue: Catalogue) -> list[str]:
    """`trd --version`: one line per loaded catalogue file, base first, then its age."""
    return [*_file_lines(catalogue), age_line(catalogue)]


def _file_lines(catalogue: Catalogue) -> list[str]:
    if not catalogue.layers:
        return [f"catalogue {catalogue.version} ({catalogue.date})"]
    lines = []
    for layer in catalogue.layers:
        o = layer.origin
        if o.overlay is not None:
            lines.append(f"overlay {o.version} ({o.date}) from {shown_path(o.path)}: {o.overlay}")
        elif o.builtin:
            lines.append(f"catalogue {o.version} ({o.date})")
        else:
            lines.append(f"catalogue {o.version} ({o.date}) from {shown_path(o.path)}")
    return lines


def crisis_lines(catalogue: Catalogue) -> list[str]:
    return [f"{c.region}: {c.contact} — {c.description}" for c in catalogue.crisis_contacts]


def about_sections(catalogue: Catalogue, counts: dict[str, int]) -> list[Section]:
    return [
        Section(
            "Catalogue",
            (
                f"Version {catalogue.version}, dated {catalogue.date}.",
                age_line(catalogue).capitalize() + ".",
                f"{counts['entries']} options, {counts['efficacy_outcomes']} outcome figures, "
                f"{counts['sources']} sources; "
                f"{counts['not_reviewed_fields']} fields not reviewed.",
                f"Read from {shown_path(catalogue.path)}.",
            ),
        ),
        *(
            [Section("Catalogue files", tuple(layer_line(x) for x in catalogue.layers))]
            if len(catalogue.layers) > 1
            else []
        ),
        Section("This is not medical advice", (catalogue.disclaimer,)),
        Section("How entries are kept up to date", (catalogue.update_policy,)),
        Section("Funding and conflicts of interest", (catalogue.funding,)),
        Section("If you are in crisis", tuple(crisis_lines(catalogue))),
    ]
