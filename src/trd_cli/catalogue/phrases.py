"""How the catalogue's facts read as short text: citations, "not reviewed", onsets, sources,
origins.  Shared by the core's messages (screening, overlays) and every human-facing document.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Fact, Onset, Origin, Quantity, Source, Therapy
from .textsafe import shown_path
from .vocabulary import UNIT_DAYS

NOT_REVIEWED = "not reviewed"


def cite(ids: Sequence[str]) -> str:
    return f" [{', '.join(ids)}]" if ids else ""


def fact(entry: Therapy, value: Fact | Quantity | Onset | None, path: str) -> str:
    if value is None:
        return not_reviewed(entry, path)
    return value.text + cite(value.sources)


def not_reviewed(entry: Therapy, path: str) -> str:
    reason = entry.not_reviewed.get(path)
    return f"{NOT_REVIEWED} ({reason})" if reason else NOT_REVIEWED


def onset_short(entry: Therapy) -> str:
    if entry.onset is None:
        return NOT_REVIEWED
    o = entry.onset
    if o.max <= {"hours": 48, "days": 60, "weeks": 104, "months": 1e9}[o.unit]:
        low, high = number(o.min), number(o.max)
        unit = o.unit if o.max != 1 else o.unit.rstrip("s")
        return f"{low}-{high} {unit}" if low != high else f"{low} {unit}"
    return f"{_duration(o.min_days)} to {_duration(o.max_days)}"


def _duration(days: float) -> str:
    """A number of days in the unit a person would use: hours, days, weeks or months."""
    if days < 1:
        unit = "hours"
    elif days < 14 and days % 7:
        unit = "days"
    elif days < 61:
        unit = "weeks"
    else:
        unit = "months"
    amount = round(days / UNIT_DAYS[unit], 1)
    return f"{number(amount)} {unit if amount != 1 else unit.rstrip('s')}"


def number(x: float) -> str:
    """A number as people write it: ``2``, ``0.5``, ``27.1235`` (six significant digits), and
    never in exponent form: ``0.000001``, not ``1e-06``, to twelve decimal places."""
    if float(x).is_integer():
        return str(int(x))
    text = f"{x:g}"
    if "e" in text:
        text = f"{x:.12f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def source_line(s: Source) -> str:
    when = str(s.year) if s.year is not None else f"undated, read {s.accessed}"
    head = f"{s.authors} ({when})" if s.authors else f"({when})"
    line = f"{head}. {s.title}"
    if s.venue:
        line += f". {s.venue}"
    ids = [
        x
        for x in (f"doi:{s.doi}" if s.doi else None, f"PMID {s.pmid}" if s.pmid else None, s.url)
        if x
    ]
    if ids:
        line += ". " + " · ".join(ids)
    if s.note:
        line += f". Note: {s.note}"
    return f"[{s.id}] {line}"


def origin_text(origin: Origin | None) -> str:
    """Where something came from: 'the built-in catalogue 1.2 (2026-01-02)'."""
    if origin is None:
        return "the catalogue"
    when = f"{origin.version} ({origin.date})"
    if origin.builtin:
        return f"the built-in catalogue {when}"
    if origin.overlay is not None:
        return f"overlay '{origin.overlay}' {when}, {shown_path(origin.path)}"
    return f"catalogue {when}, {shown_path(origin.path)}"
