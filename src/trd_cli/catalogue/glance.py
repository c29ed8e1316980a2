"""The questions of the at-a-glance compare, and what each short answer stands for.

Seven rows are short answers written in the catalogue (``Therapy.glance``); the others are drawn
from structured fields, never retyped.  For a written row, ``full_parts`` gives the full answer it
summarises (its texts, numbers and sources), so a check can hold the short answer to it.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Fact, Quantity, Therapy

WRITTEN = ("what", "how", "time", "common", "serious", "cost", "daily_life")


@dataclass(frozen=True)
class Row:
    """One question of the glance: its key, the question and a short label."""

    key: str
    question: str
    label: str  # a word or two, for the one-line card at the top of `explain`


ROWS: tuple[Row, ...] = (
    Row("what", "What is it?", "What"),
    Row("how", "How is it given?", "How"),
    Row("time", "How much time does it take?", "Time"),
    Row("onset", "How soon might it help?", "How soon"),
    Row("chance", "How likely is it to help?", "Chance"),
    Row("common", "Common side effects", "Common"),
    Row("serious", "Serious risks", "Serious"),
    Row("avoid", "Who should not have it?", "Not for"),
    Row("cost", "Cost and coverage", "Cost"),
    Row("daily_life", "Driving and work", "Daily life"),
    Row("status", "Regulatory status", "Status"),
)
ROW_KEYS = tuple(r.key for r in ROWS)


@dataclass(frozen=True)
class Parts:
    """The full answer behind a short one: its texts, its numbers and its sources."""

    texts: tuple[str, ...]
    numbers: tuple[float, ...]
    sources: frozenset[str]
    reviewed: bool  # False when the catalogue has no sourced full answer at all


def _facts(items: Iterable[Fact | Quantity | None]) -> tuple[list[str], set[str], list[float]]:
    texts: list[str] = []
    sources: set[str] = set()
    numbers: list[float] = []
    for item in items:
        if item is None:
            continue
        texts.append(item.text)
        sources.update(item.sources)
        if isinstance(item, Quantity):
            numbers += [
                n for n in (item.minutes, item.visits_per_week, item.weeks) if n is not None
            ]
    return texts, sources, numbers


def full_parts(entry: Therapy, key: str) -> Parts:
    """The full answer that the short answer ``key`` summarises."""
    d = entry.delivery
    texts: list[str] = []
    sources: set[str] = set()
    numbers: list[float] = []
    reviewed = True
    if key == "what":
        texts, sources, numbers = _facts([entry.mechanism, entry.who_for])
        texts.append(entry.summary)
        sources.update(entry.summary_sources)
    elif key == "how":
        texts, sources, numbers = _facts([d.monitoring, d.session_length, d.schedule])
        texts.append(d.route)
    elif key == "time":
        texts, sources, numbers = _facts([d.session_length, d.schedule, d.course, d.maintenance])
        reviewed = any(q is not None for q in (d.session_length, d.schedule, d.course))
    elif key in ("common", "serious"):
        items = entry.side_effects.common if key == "common" else entry.side_effects.serious
        for s in items:
            texts += [s.effect, s.note or ""]
            sources.update(s.sources)
            numbers += [r for r in (s.rate, s.comparator_rate) if r is not None]
        if key == "serious":
            for c in entry.contraindications:
                texts.append(c.text)
                sources.update(c.sources)
            for m in entry.classes:
                sources.update(m.sources)
        reviewed = bool(items)
    elif key == "cost":
        if d.cost is None:
            reviewed = False
        else:
            texts, sources = [d.cost.text, d.cost.as_of], set(d.cost.sources)
    elif key == "daily_life":
        texts, sources, numbers = _facts([d.driving, d.time_off_work])
        reviewed = d.driving is not None or d.time_off_work is not None
    else:
        raise KeyError(key)
    return Parts(tuple(texts), tuple(numbers), frozenset(sources), reviewed)
