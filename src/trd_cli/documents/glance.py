"""The at-a-glance compare: one short plain answer per question and option.

Seven answers are written in the catalogue beside the full ones (``Therapy.glance``); four are
drawn from structured fields, so a number is never retyped: how soon it may help (``onset``),
how likely it is to help (the ``headline`` efficacy figures, in people out of 100, with the
comparison beside), who should not have it (contraindications, the entry's and its classes'),
and the regulatory status (one word per agency).  Where an entry has no short answer (an entry
of a catalogue of one's own, say) its full answer stands in, so a clinic's price still shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..catalogue import phrases, safety
from ..catalogue.glance import ROWS, WRITTEN, Row, full_parts
from ..catalogue.model import Catalogue, Efficacy, SideEffect, Therapy
from ..catalogue.vocabulary import name_key
from . import types
from .words import NONE_LISTED, how_given, per_100, schedule_text

BODIES = {
    "National Institute for Health and Care Excellence": "NICE",
    "National Institute for Health and Clinical Excellence": "NICE",
    "US Food and Drug Administration": "FDA",
    "U.S. Food and Drug Administration": "FDA",
    "Food and Drug Administration": "FDA",
    "Mayo Clinic Staff": "Mayo Clinic",
    "European Medicines Agency": "EMA",
}
"""Issuing bodies by the names people know them by, to keep source labels short."""

MAX_LISTED = 3
"""Conditions named in the 'who should not have it' cell before 'and N more'."""

DEFINITIONS = (
    "Response: symptoms fall by half or more. Remission: few or no symptoms left. "
    "Sham, placebo: a fake treatment."
)


@dataclass(frozen=True, eq=False, repr=False)
class Cell:
    """One answer of the glance: its text, its sources, and what kind of answer it is."""

    text: str
    sources: tuple[str, ...]
    kind: Literal["short", "full", "data", "not-reviewed"]


class UnknownQuestion(ValueError):
    """A --questions key that is not a row; the message lists the keys."""


def questions(keys: Sequence[str] | None) -> tuple[Row, ...]:
    """The rows asked for, in the order given (all rows when ``keys`` is None)."""
    if not keys:
        return ROWS
    by_key = {r.key: r for r in ROWS}
    out = []
    for key in keys:
        name = name_key(key).replace("-", "_")
        if name not in by_key:
            from ..catalogue.suggest import suggest

            raise UnknownQuestion(
                f"unknown question '{key}'{suggest(name, by_key)}; choose from: "
                + ", ".join(by_key)
            )
        out.append(by_key[name])
    return tuple(dict.fromkeys(out))


def cell(entry: Therapy, key: str, catalogue: Catalogue) -> Cell:
    if key in WRITTEN:
        return _written(entry, key)
    return {"onset": _onset, "chance": _chance, "avoid": _avoid, "status": _status}[key](
        entry, catalogue
    )


def _written(entry: Therapy, key: str) -> Cell:
    short = getattr(entry.glance, key) if entry.glance is not None else None
    if short is not None:
        return Cell(short.text, tuple(short.sources), "short")
    if key in ("common", "serious") and not getattr(entry.side_effects, key):
        return Cell(NONE_LISTED.capitalize() + ".", (), "data")
    parts = full_parts(entry, key)
    if parts.reviewed and entry.glance is None:  # no short answers at all: the full one stands
        return Cell(_full_text(entry, key), tuple(sorted(parts.sources)), "full")
    return Cell(phrases.NOT_REVIEWED, (), "not-reviewed")


def _effects(items: Sequence[SideEffect]) -> str:
    said = []
    for s in items:
        rate = f" ({per_100(s.rate)})" if s.rate is not None else ""
        said.append(s.effect + rate)
    return "; ".join(said) + "."


def _full_text(entry: Therapy, key: str) -> str:
    """The full answer in words, for an entry that has no short ones (a catalogue of one's own)."""
    d = entry.delivery
    if key == "what":
        return entry.summary
    if key == "how":
        return how_given(entry)
    if key == "time":  # without the [source-id] marks: the glance numbers its sources
        return re.sub(r" \[[^\]]*\]", "", "; ".join(schedule_text(entry).split("\n")))
    if key in ("common", "serious"):
        se = entry.side_effects
        return _effects(se.common if key == "common" else se.serious)
    if key == "cost" and d.cost is not None:
        return f"{d.cost.text} (as of {d.cost.as_of})"
    facts = (("Driving", d.driving), ("Work", d.time_off_work))
    return " ".join(f"{label}: {fact.text}" for label, fact in facts if fact)


def short_name(entry: Therapy) -> str:
    """'rTMS' for 'Repetitive transcranial magnetic stimulation (rTMS)'; short names stay."""
    found = re.findall(r"\(([^()]{1,24})\)", entry.name)
    if len(entry.name) > 24 and found:
        return str(found[-1])
    return entry.name if len(entry.name) <= 32 else entry.id


def short_source(source_id: str, entry: Therapy) -> str:
    """'Berlim MT, et al. (2014)': enough to find it in the full list."""
    for s in entry.sources:
        if s.id == source_id:
            people = [a.strip() for a in (s.authors or "").split(",") if a.strip()]
            if people:
                first = people[0].removesuffix(" et al.").removesuffix(" et al")
                who = first + (" et al." if len(people) > 1 or "et al" in (s.authors or "") else "")
            else:  # no authors, or only commas: the title finds it
                who = s.title
            for long, short in BODIES.items():
                who = who.replace(long, short)
            who = who if len(who) <= 28 else who[:27].rstrip() + "…"
            return f"{who} ({s.year if s.year is not None else 'undated'})"
    return source_id


def _onset(entry: Therapy, catalogue: Catalogue) -> Cell:
    if entry.onset is None:
        return Cell(phrases.NOT_REVIEWED, (), "not-reviewed")
    return Cell(f"Often {phrases.onset_short(entry)}.", tuple(entry.onset.sources), "data")


def headline(entry: Therapy, outcome: str) -> Efficacy | None:
    """The figure a person should see first for ``outcome``: the one marked ``headline``, or,
    in a catalogue that marks none (one's own), the first with a comparison, else the first."""
    rated = [e for e in entry.efficacy or () if e.outcome == outcome and e.rate is not None]
    marked = [e for e in rated if e.headline]
    if marked or any(e.headline for e in entry.efficacy or ()):
        return marked[0] if marked else None
    compared = [e for e in rated if e.comparator_rate is not None]
    choices = compared or rated
    return choices[0] if choices else None


def chance_phrase(e: Efficacy, *, named: bool = True) -> str:
    """'Response: 29 in 100, vs 10 in 100 with sham rTMS.' (``named=False``: no 'with ...')."""
    line = f"{e.outcome.capitalize()}: {per_100(e.rate or 0)}"
    if e.comparator_rate is not None and e.comparator:
        line += f", vs {per_100(e.comparator_rate)}"
        if named:
            line += f" with {lower_first(e.comparator)}"
    elif e.comparator is None:
        line += " (no comparison group)"
    return line + "."


def _chance(entry: Therapy, catalogue: Catalogue) -> Cell:
    if entry.efficacy is None:
        return Cell(phrases.NOT_REVIEWED, (), "not-reviewed")
    figures = [f for f in (headline(entry, "response"), headline(entry, "remission")) if f]
    if not figures:
        return Cell("No response or remission figure reviewed.", (), "data")
    sources = tuple(dict.fromkeys(f.source for f in figures))
    compared = [f for f in figures if f.comparator_rate is not None and f.comparator]
    if len(figures) == 2 and len(compared) == 2 and len({f.comparator for f in compared}) == 1:
        said = " ".join(chance_phrase(f, named=False) for f in figures)
        return Cell(
            f"{said} Compared with {lower_first(figures[0].comparator or '')}.", sources, "data"
        )
    return Cell(" ".join(chance_phrase(f) for f in figures), sources, "data")


def lower_first(text: str) -> str:
    """'Sham rTMS' -> 'sham rTMS', 'A stroke' -> 'a stroke'; 'IV ketamine' stays."""
    first = text.split(" ", 1)[0]
    if first and (len(first) == 1 or any(ch.islower() for ch in first[1:])):
        return text[0].lower() + text[1:]
    return text


def _plain_condition(description: str) -> str:
    """A condition's description without its asides in brackets, or whole if it is all aside."""
    plain = re.sub(r"\s*\([^)]*\)", "", description).strip()
    return plain or description.strip()


def _avoid(entry: Therapy, catalogue: Catalogue) -> Cell:
    described = {c.id: c.description for c in catalogue.conditions}
    rules = safety.rules(entry, catalogue.class_named())
    strict: dict[str, tuple[str, ...]] = {}
    care: set[str] = set()
    for r in rules:
        if r.strength == "contraindicated":
            strict.setdefault(r.condition, r.sources)
        else:
            care.add(r.condition)
    care -= set(strict)
    names = [lower_first(_plain_condition(described.get(c, c))) for c in strict]
    if names:
        text = "; ".join(names[:MAX_LISTED])
        text = text[:1].upper() + text[1:]
        if len(names) > MAX_LISTED:
            text += f"; and {len(names) - MAX_LISTED} more"
        text += "."
    else:
        text = "Nothing listed rules it out."
    if care:
        text += f" Extra care with {len(care)} other condition{'s' * (len(care) != 1)}."
    sources = tuple(dict.fromkeys(s for ids in strict.values() for s in ids))
    return Cell(text, sources, "data")


def _status(entry: Therapy, catalogue: Catalogue) -> Cell:
    first: dict[str, tuple[str, tuple[str, ...]]] = {}
    for r in entry.regulatory:
        first.setdefault(r.agency, (r.status.replace("-", " "), r.sources))
    if not first:
        return Cell(phrases.NOT_REVIEWED, (), "not-reviewed")
    text = "; ".join(f"{agency}: {status}" for agency, (status, _) in first.items()) + "."
    if entry.investigational:
        text = "Investigational. " + text
    sources = tuple(dict.fromkeys(s for _, ids in first.values() for s in ids))
    return Cell(text, sources, "data")


def rows(
    entries: Sequence[Therapy], catalogue: Catalogue, keys: Sequence[str] | None = None
) -> list[tuple[Row, list[Cell]]]:
    return [(row, [cell(e, row.key, catalogue) for e in entries]) for row in questions(keys)]


def document(
    entries: Sequence[Therapy], catalogue: Catalogue, keys: Sequence[str] | None = None
) -> list[types.GlanceRow]:
    return [
        types.GlanceRow(
            row.key,
            row.question,
            [
                types.GlanceAnswer(e.id, c.text, list(c.sources), c.kind)
                for e, c in zip(entries, cells, strict=True)
            ],
        )
        for row, cells in rows(entries, catalogue, keys)
    ]
