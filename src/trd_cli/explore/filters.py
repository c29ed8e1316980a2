"""Filtering and sorting the list of options (`trd list`). Pure functions over the model.

Filters of different kinds combine with AND; several values for one filter (two categories,
two settings) combine with OR.  An option whose value is not sourced (no reviewed onset, no
visit count) never passes a filter on that value: ``unsourced`` says which were left out so
output can tell the reader.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..catalogue import phrases, vocabulary
from ..catalogue.model import Therapy
from ..catalogue.suggest import close_matches, did_you_mean

CATEGORIES: tuple[str, ...] = typing.get_args(vocabulary.Category)
SETTINGS: tuple[str, ...] = typing.get_args(vocabulary.Setting)
STATUSES: tuple[str, ...] = typing.get_args(vocabulary.RegulatoryStatus)
AGENCIES: tuple[str, ...] = typing.get_args(vocabulary.Agency)
SORT_KEYS: tuple[str, ...] = ("name", "onset", "visits")
DEFAULT_AGENCY = "FDA"


class FilterError(ValueError):
    """A filter value that is not allowed; the message lists the allowed ones."""


@dataclass(frozen=True)
class ListFilter:
    """What `trd list` keeps: every criterion given must hold."""

    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    agency: str = DEFAULT_AGENCY
    no_anesthesia: bool = False
    non_invasive: bool = False
    settings: tuple[str, ...] = ()
    max_onset_days: float | None = None
    max_visits_per_week: float | None = None


def _key(value: str) -> str:
    return " ".join(value.replace("-", " ").replace("_", " ").split()).casefold()


def split_values(values: Iterable[str]) -> list[str]:
    """Repeated options and comma-separated lists alike: ['a,b', 'c'] -> ['a', 'b', 'c']."""
    out: list[str] = []
    for value in values:
        parts = [p.strip() for p in value.split(",")]
        out.extend(parts if any(parts) else [value.strip()])
    return out


def choose(value: str, allowed: Sequence[str], what: str) -> str:
    """The allowed value ``value`` names (case, hyphens and spaces ignored), or FilterError."""
    wanted = _key(value)
    for option in allowed:
        if _key(option) == wanted:
            return option
    close = close_matches(value.strip(), allowed)
    if not close:
        by_key = {_key(a): a for a in allowed}
        close = [by_key[near] for near in close_matches(wanted, by_key)]
    hint = did_you_mean(close)
    raise FilterError(f"unknown {what} '{value}'{hint}; choose from: {', '.join(allowed)}")


def _choose_all(values: Iterable[str], allowed: Sequence[str], what: str) -> tuple[str, ...]:
    chosen = [choose(v, allowed, what) for v in split_values(values)]
    return tuple(dict.fromkeys(chosen))


def _limit(flag: str, value: float | None) -> float | None:
    if value is None:
        return None
    if not math.isfinite(value):  # 'nan', 'inf', '1e999': not a limit anyone means
        raise FilterError(f"{flag} must be a number (finite, 0 or more), got {value:g}")
    if value < 0:
        raise FilterError(f"{flag} must be 0 or more, got {value:g}")
    return value


def build_filter(
    *,
    categories: Iterable[str] = (),
    statuses: Iterable[str] = (),
    agency: str = DEFAULT_AGENCY,
    no_anesthesia: bool = False,
    non_invasive: bool = False,
    settings: Iterable[str] = (),
    max_onset_days: float | None = None,
    max_visits_per_week: float | None = None,
) -> ListFilter:
    """Check and normalise filter values from the command line."""
    return ListFilter(
        categories=_choose_all(categories, CATEGORIES, "category"),
        statuses=_choose_all(statuses, STATUSES, "status"),
        agency=choose(agency, AGENCIES, "agency"),
        no_anesthesia=no_anesthesia,
        non_invasive=non_invasive,
        settings=_choose_all(settings, SETTINGS, "setting"),
        max_onset_days=_limit("--max-onset-days", max_onset_days),
        max_visits_per_week=_limit("--max-visits-per-week", max_visits_per_week),
    )


def visits_per_week(entry: Therapy) -> float | None:
    schedule = entry.delivery.schedule
    return schedule.visits_per_week if schedule is not None else None


def matches(entry: Therapy, f: ListFilter) -> bool:
    d = entry.delivery
    if f.categories and entry.category not in f.categories:
        return False
    if f.statuses and not any(r.status in f.statuses for r in entry.regulatory_for(f.agency)):
        return False
    if f.no_anesthesia and d.anesthesia:
        return False
    if f.non_invasive and d.invasiveness != "non-invasive":
        return False
    if f.settings and not set(f.settings) & set(d.setting):
        return False
    if f.max_onset_days is not None and (
        entry.onset is None or entry.onset.max_days > f.max_onset_days + 1e-9
    ):
        return False
    if f.max_visits_per_week is not None:
        visits = visits_per_week(entry)
        if visits is None or visits > f.max_visits_per_week:
            return False
    return True


def apply(entries: Sequence[Therapy], f: ListFilter) -> list[Therapy]:
    """The entries that pass every filter, in their original order."""
    return [e for e in entries if matches(e, f)]


def unsourced(entries: Sequence[Therapy], f: ListFilter) -> dict[str, list[str]]:
    """Ids left out only because the value a numeric filter needs is not sourced."""
    return {
        "onset": [e.id for e in entries if f.max_onset_days is not None and e.onset is None]
        if f.max_onset_days is not None
        else [],
        "visits_per_week": [e.id for e in entries if visits_per_week(e) is None]
        if f.max_visits_per_week is not None
        else [],
    }


def describe(f: ListFilter) -> list[str]:
    """Each active filter in words, e.g. 'no anaesthesia', 'setting: home or outpatient'."""
    words: list[str] = []
    if f.categories:
        words.append("category: " + " or ".join(f.categories))
    if f.statuses:
        words.append(f"{f.agency} status: " + " or ".join(f.statuses))
    if f.no_anesthesia:
        words.append("no anaesthesia")
    if f.non_invasive:
        words.append("non-invasive")
    if f.settings:
        words.append("setting: " + " or ".join(f.settings))
    if f.max_onset_days is not None:
        days = phrases.number(f.max_onset_days)
        words.append(f"onset typically within {days} day{'s' * (days != '1')}")
    if f.max_visits_per_week is not None:
        visits = phrases.number(f.max_visits_per_week)
        words.append(f"at most {visits} visit{'s' * (visits != '1')} a week")
    return words


def check_sort(key: str) -> str:
    return choose(key, SORT_KEYS, "sort key")


def sort_entries(entries: Sequence[Therapy], key: str) -> list[Therapy]:
    """Sorted by name, by onset (later end of the typical range, then earlier end) or by
    visits a week; entries without a sourced value come last; ties keep name order."""
    key = check_sort(key)

    def name(e: Therapy) -> str:
        return e.name.casefold()

    if key == "name":
        return sorted(entries, key=lambda e: (name(e), e.id))
    if key == "onset":
        return sorted(
            entries,
            key=lambda e: (
                e.onset is None,
                e.onset.max_days if e.onset else 0.0,
                e.onset.min_days if e.onset else 0.0,
                name(e),
            ),
        )
    return sorted(
        entries,
        key=lambda e: (visits_per_week(e) is None, visits_per_week(e) or 0.0, name(e)),
    )
